"""The one module a rule imports: everything a rule may know about postlint.

A rule is a class with a stable ``code`` (``PL`` + three digits, the hundreds naming the family), a kebab-case
``name`` that names the *problem*, a default ``severity``, typed ``Options`` (a pydantic model that rejects
unknown keys) and a docstring with the sections *What it does*, *Why is this bad?* and *Options*. Its
``check`` method looks at one :class:`Post` and yields :class:`Problem` objects: what is wrong and where (as
character offsets into the post's text). The engine stamps the code, severity and suppressions, turns offsets
into lines and columns, and hands the findings to the reporters. Rules do no I/O: whatever they need from
outside the post (the time, the site's zone, whether a file exists) comes through the :class:`Context`.

Third-party rules are registered under the entry point group ``postlint.rules`` (a module or package whose
``Rule`` subclasses are collected) or put in a directory named by ``rule-dirs`` in the config.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from postlint._attribution import AttributionLink, attribution_links
from postlint._dates import DateError, PostDate, parse_date, timeline
from postlint._fixes import attribute_edit, removal_fix, removal_span
from postlint._frontmatter import FrontMatter
from postlint._html import Attribute, Comment, Element, HtmlBody, MarkupIssue
from postlint._htmlutil import (
    LAZY_SINGLE_URL_ATTRIBUTES,
    LAZY_SRC_ATTRIBUTES,
    TRACKING_PARAMETERS,
    element_text,
    fold_text,
    host_matches,
    normalize_url,
    url_host,
    usable_src,
)
from postlint._issues import LoadIssue
from postlint._markdown import MarkdownImage, MarkdownLink
from postlint._packs import (
    CompiledSelectors,
    CompiledTexts,
    Selector,
    SelectorPack,
    builtin_packs,
    compile_packs,
    compile_texts,
    find_remnants,
    name_words,
    names_any,
    outermost_remnants,
)
from postlint._post import Post
from postlint.model import Edit, Fix, Severity, Span
from postlint.online.results import BROKEN, OK, REFUSED, UNVERIFIABLE, UrlResult
from postlint.schema import SchemaError

if TYPE_CHECKING:
    from postlint.schema import FrontMatterSchema

__all__ = [
    "SOURCE_LABELS",
    "SOURCE_URL_KEYS",
    "Attribute",
    "Comment",
    "Context",
    "DateError",
    "Edit",
    "Element",
    "Fix",
    "FrontMatter",
    "HtmlBody",
    "LoadIssue",
    "MarkdownImage",
    "MarkdownLink",
    "MarkupIssue",
    "Post",
    "PostDate",
    "Problem",
    "Requirement",
    "Rule",
    "RuleOptions",
    "Severity",
    "Span",
    "parse_date",
    "timeline",
]


class Requirement(str, enum.Enum):
    """What part of a post a rule needs; the engine skips the rule on posts that lack it."""

    NOTHING = "nothing"  # runs on every file, even one that could not be read (the PL0xx rules)
    TEXT = "text"  # the file decoded as UTF-8
    FRONT_MATTER = "front-matter"  # a front-matter block that parsed to a mapping


class RuleOptions(BaseModel):
    """Base class of a rule's options: typed, defaulted, and closed (an unknown key is a config error).

    Options are written in kebab-case in config files (``max-hours``) and read as snake_case in Python.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
    )


@dataclass(frozen=True)
class Problem:
    """What a rule found: a message and a place (character offsets into ``post.text``).

    ``snippet`` is the stable text a baseline keys this problem on (the offending key or markup); the
    engine falls back to the text at ``[start, end)``. ``related`` are other ``(start, end)`` spans the
    problem is about (the image an orphan caption belongs to). A fix may edit only inside ``[start, end)``,
    after it, or inside a related span; the engine refuses a fix that edits anywhere else. ``severity`` can
    only make one finding milder than the rule's configured severity, never harsher.
    """

    message: str
    start: int
    end: int | None = None
    fix: Fix | None = None
    snippet: str | None = None
    related: tuple[tuple[int, int], ...] = ()
    #: A milder severity for this finding than the rule's (a defect that browsers repair, say); the engine
    #: reports the milder of this and the rule's configured severity.
    severity: Severity | None = None


class PackOptions(RuleOptions):
    """Options of a rule that matches declarative selector packs (see ``rules/adpacks/``)."""

    #: Shipped packs to use (default: every pack of the rule's kind).
    packs: tuple[str, ...] | None = None
    #: Shipped packs to leave out.
    disable_packs: tuple[str, ...] = ()
    #: Your own packs, written in config like the shipped ones.
    extra_packs: tuple[SelectorPack, ...] = ()
    #: Single selectors: `{css = ".promo-slot", note = "our old theme"}`.
    extra_selectors: tuple[Selector, ...] = ()

    def compile(self, package: str, kind: str) -> CompiledSelectors:
        """The selectors of the shipped packs of ``kind`` in ``package`` plus the configured ones."""
        packs = [*builtin_packs(package), *self.extra_packs]
        return compile_packs(packs, kind, self.packs, self.disable_packs, self.extra_selectors)


#: Link texts that label a link as the post's source (compared ignoring case, spaces and punctuation).
SOURCE_LABELS: tuple[str, ...] = (
    "原文",
    "原文链接",
    "原文連結",
    "原文地址",
    "来源",
    "來源",
    "出处",
    "出處",
    "source",
    "original",
    "original article",
    "read the original",
    "read more at",
    "originally published",
    "originally posted",
    "first published",
    "源自",
    "转载自",
    "轉載自",
    "本文转自",
    "本文轉自",
    "出典",
    "元記事",
)

#: Front-matter keys that hold the URL a post was imported from, most common first.
SOURCE_URL_KEYS: tuple[str, ...] = ("from", "source", "source_url", "original_url", "link", "canonical_url")


@dataclass
class Context:
    """What a rule may know beyond the post itself. Built once per run by the engine."""

    #: "Now", fixed by ``--now`` or config for reproducible runs; always timezone-aware.
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    #: The site's time zone (config ``timezone`` or ``_config.yml``), used to read zoneless dates.
    site_timezone: dt.tzinfo | None = None
    #: Where the site zone came from, for messages ("config", "_config.yml").
    site_timezone_source: str | None = None
    #: The effective front-matter schema (profile plus config overrides).
    schema: FrontMatterSchema | None = None
    #: The site generator: "jekyll", "hugo" or "unknown" (config `generator`, else detected from the
    #: site's config file).
    generator: str = "unknown"
    #: Answers whether a local file exists; the engine confines it to the configured roots.
    file_exists: Callable[[Post, str], bool | None] = field(default=lambda post, target: None)


OptionsT = TypeVar("OptionsT", bound=RuleOptions)


class Rule(Generic[OptionsT]):
    """Base class of every rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    requires: ClassVar[Requirement] = Requirement.TEXT
    #: Whether the rule can offer fixes (shown in ``postlint rules`` and ``explain``).
    fixable: ClassVar[bool] = False
    #: Rules that are noisy or need a decision by the site's owner are off unless selected.
    enabled_by_default: ClassVar[bool] = True
    #: Whether findings depend on "now" (cached results then expire every hour).
    depends_on_now: ClassVar[bool] = False
    #: Codes or names of rules whose findings at the same place this rule's finding makes redundant: one
    #: problem, one finding (a tracking pixel is not also an image without alt text). The engine drops
    #: those findings when they start inside the span of one of this rule's (unsuppressed) findings.
    supersedes: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar[type[RuleOptions]] = RuleOptions

    def __init__(self, options: OptionsT | None = None) -> None:
        self.options: OptionsT = options if options is not None else self.Options()  # type: ignore[assignment]

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring: what the rule reports, in a sentence."""
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""


@dataclass(frozen=True)
class UrlUse:
    """A place where a post uses a remote URL, as an online rule names it.

    ``url`` is what will be requested (absolute http(s), no fragment); ``start``/``end`` are offsets into
    ``post.text`` of the markup that holds it; ``what`` says which (``img src``, ``srcset candidate``,
    ``front-matter 'from'``); ``probe`` is ``image`` when the answer must be an image (the checker then reads
    a few KB to confirm it), else ``page``.
    """

    url: str
    start: int
    end: int
    what: str
    probe: str = "page"


@dataclass(frozen=True)
class Judgement:
    """What an online rule makes of a URL's result: a message, and whether the server said the URL is broken
    (``certain``: the rule's severity) or it could not be verified (reported as ``info`` at most)."""

    message: str
    certain: bool


class OnlineRule(Rule[OptionsT]):
    """A rule about what remote servers answer. It does no I/O either: :meth:`urls` names the URLs a post
    uses, the engine checks each distinct URL of the run once (only with ``--online``), and :meth:`judge`
    turns each result into a message. Without ``--online`` the rule does not run at all."""

    requires: ClassVar[Requirement] = Requirement.TEXT

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return ()

    def urls(self, post: Post, context: Context) -> Iterable[UrlUse]:
        raise NotImplementedError

    def judge(self, use: UrlUse, result: UrlResult) -> Judgement | None:
        raise NotImplementedError


_UNSAFE_URL_CHARACTERS = frozenset(" \t\r\n\"'<>\\`{}|^")


def checkable_url(value: str) -> str | None:
    """``value`` as a URL an online check can request: absolute http(s) (protocol-relative becomes https),
    with a host, no white space, control characters or template tags, and without its fragment; else ``None``."""
    from urllib.parse import urlsplit

    url = value.strip()
    if url.startswith("//"):
        url = "https:" + url
    if len(url) > 2000 or not url.lower().startswith(("http://", "https://")):
        return None
    if any(c in _UNSAFE_URL_CHARACTERS or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a bad port
    except ValueError:
        return None
    if not parts.hostname or "." not in parts.hostname.strip("."):
        return None
    return url.split("#", 1)[0]


def schema_errors(post: Post, context: Context) -> list[SchemaError]:
    """The post's front matter checked against the effective schema, computed once per post."""
    cached = post.memo.get("schema_errors")
    if cached is None:
        front = post.front_matter
        raw = front.raw if front is not None else None
        dates = (lambda key: front_matter_date(post, key)) if front is not None else None
        cached = context.schema.validate(post.data, raw, dates) if context.schema is not None else []
        post.memo["schema_errors"] = cached
    return cached  # type: ignore[return-value]


def front_matter_date(post: Post, key: str = "date") -> PostDate | None:
    """The date under ``key`` as written, or ``None`` when it is absent or not a valid date (PL201 says why)."""
    memo_key = f"date:{key}"
    if memo_key in post.memo:
        return post.memo[memo_key]  # type: ignore[return-value]
    result: PostDate | None = None
    value = post.data.get(key)
    if value is not None and post.front_matter is not None:
        try:
            result = parse_date(value, post.front_matter.raw(key))
        except DateError:
            result = None
    post.memo[memo_key] = result
    return result


def value_span(post: Post, *path: str | int) -> tuple[int, int]:
    """Offsets of a front-matter value (the opening fence when the key is absent)."""
    front = post.front_matter
    if front is None:
        return 0, 0
    span = front.span(*path)
    return (span.value_start, span.value_end) if span else front.open_fence


def load_issues(post: Post, kind: str) -> Iterator[Problem]:
    """Problems for the load issues of one kind (the PL0xx rules are thin wrappers around this)."""
    for issue in post.load_issues:
        if issue.kind == kind:
            start = issue.offset if issue.offset is not None else 0
            yield Problem(issue.message, start, issue.end, snippet=kind)


__all__ += [
    "LAZY_SINGLE_URL_ATTRIBUTES",
    "LAZY_SRC_ATTRIBUTES",
    "TRACKING_PARAMETERS",
    "AttributionLink",
    "CompiledSelectors",
    "CompiledTexts",
    "PackOptions",
    "Selector",
    "SelectorPack",
    "attribute_edit",
    "attribution_links",
    "builtin_packs",
    "compile_packs",
    "compile_texts",
    "element_text",
    "find_remnants",
    "fold_text",
    "host_matches",
    "name_words",
    "names_any",
    "normalize_url",
    "outermost_remnants",
    "removal_fix",
    "removal_span",
    "url_host",
    "usable_src",
]
__all__ += ["SchemaError", "front_matter_date", "load_issues", "schema_errors", "value_span"]
__all__ += [
    "BROKEN",
    "OK",
    "REFUSED",
    "UNVERIFIABLE",
    "Judgement",
    "OnlineRule",
    "UrlResult",
    "UrlUse",
    "checkable_url",
]
