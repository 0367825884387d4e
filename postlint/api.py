"""The rule contract: the types a rule is written against (with :mod:`postlint.helpers`, all a rule may use).

A rule is a class with a stable ``code`` (``PL`` + three digits, the hundreds naming the family), a kebab-case
``name`` that names the *problem*, a default ``severity``, typed ``Options`` (a pydantic model that rejects
unknown keys) and a docstring with the sections *What it does*, *Why is this bad?* and *Options*. Its
``check`` method looks at one :class:`Post` and yields :class:`Problem` objects: what is wrong and where (as
character offsets into the post's text). The engine stamps the code, severity and suppressions, turns offsets
into lines and columns, and hands the findings to the reporters. Rules do no I/O: whatever they need from
outside the post (the time, the site's zone, whether a file exists) comes through the :class:`Context`.

Helpers a rule may also import (ad packs, attribution links, URL hosts, element text, front-matter dates,
load issues) live in :mod:`postlint.helpers`.

Third-party rules are registered under the entry point group ``postlint.rules`` (a module or package whose
``Rule`` subclasses are collected) or put in a directory named by ``rule-dirs`` in the config.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from postlint._dates import PostDate
from postlint._frontmatter import FrontMatter
from postlint._html import Attribute, Comment, Element, HtmlBody, MarkupIssue, MarkupIssueKind
from postlint._issues import LoadIssue, LoadIssueKind
from postlint._markdown import MarkdownImage, MarkdownLink
from postlint._post import Post
from postlint._sitefacts import SiteFacts
from postlint.model import Edit, Fix, Severity, Span
from postlint.online.results import BROKEN, OK, REFUSED, UNVERIFIABLE, UrlResult

if TYPE_CHECKING:
    from postlint.schema import FrontMatterSchema

#: The rule contract. Helpers a rule may also use (packs, attribution, URLs, dates, load issues) are in
#: :mod:`postlint.helpers`; nothing else of postlint is for rules.
__all__ = [
    "BROKEN",
    "OK",
    "REFUSED",
    "UNVERIFIABLE",
    "Attribute",
    "Comment",
    "Context",
    "Edit",
    "Element",
    "Fix",
    "FrontMatter",
    "HtmlBody",
    "Judgement",
    "LoadIssue",
    "LoadIssueKind",
    "MarkdownImage",
    "MarkdownLink",
    "MarkupIssue",
    "MarkupIssueKind",
    "OnlineRule",
    "Post",
    "PostDate",
    "Problem",
    "Requirement",
    "Rule",
    "RuleOptions",
    "Severity",
    "Span",
    "UrlResult",
    "UrlUse",
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


@dataclass
class Context:
    """What a rule may know beyond the post itself. Built once per run by the engine."""

    #: "Now", fixed by ``--now`` or config for reproducible runs; always timezone-aware.
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    #: The site's time zone (config ``timezone`` or ``_config.yml``), used to read zoneless dates.
    site_timezone: dt.tzinfo | None = None
    #: The effective front-matter schema (profile plus config overrides).
    schema: FrontMatterSchema | None = None
    #: The site generator: "jekyll", "hugo", "zola", "eleventy" or "unknown" (config `generator`, else
    #: detected from the site's config file).
    generator: str = "unknown"
    #: Answers whether a local file exists; the engine confines it to the configured roots.
    file_exists: Callable[[Post, str], bool | None] = field(default=lambda post, target: None)
    #: How the site's generator reads posts: which values of `date` it resolves itself
    #: (`site.is_date_keyword`), whether front matter may follow blank lines, the file-name date pattern.
    site: SiteFacts = field(default_factory=SiteFacts)


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
    #: Whether a rule that is off by default is on where postlint finds the site's generator config (rules
    #: that judge links need the whole site, and stay silent without one).
    enabled_on_sites: ClassVar[bool] = False
    #: Whether findings depend on "now" (cached results then expire every hour).
    depends_on_now: ClassVar[bool] = False
    #: Codes or names of rules whose findings at the same place this rule's finding makes redundant: one
    #: problem, one finding (a tracking pixel is not also an image without alt text). The engine drops
    #: those findings when they start inside the span of one of this rule's (unsuppressed) findings.
    supersedes: ClassVar[tuple[str, ...]] = ()
    #: A dotted config key (``"front-matter.unknown-keys"``) whose value sets this rule's severity instead of
    #: ``severity``: ``"allow"`` turns the rule off, ``"warning"`` or ``"error"`` is its severity.
    severity_from_config: ClassVar[str | None] = None
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


# ---------------------------------------------------------------------------------------------- site rules
from postlint.archive.facts import PageFacts, Place  # noqa: E402
from postlint.archive.index import SiteIndex  # noqa: E402


@dataclass(frozen=True)
class SiteProblem:
    """What a site rule found: a message at one of the file's places (a link, a front-matter value)."""

    message: str
    place: Place
    #: The stable text a baseline keys this finding on (default: the place's own snippet).
    snippet: str | None = None


class SiteRule(Rule[OptionsT]):
    """A rule about how a file stands among the other files of its site (links between posts, duplicates,
    URL collisions). It does no I/O either: each file's :class:`PageFacts` are collected while it is linted
    (only the kinds named in ``needs``: ``LINKS``, ``ANCHORS``, ``SOURCE``, ``TITLE``, ``URL`` from
    :mod:`postlint.helpers`), the run
    builds one :class:`SiteIndex` from every file of the site, and :meth:`check_site` is called for each
    file being checked. Suppression comments, per-file ignores and baselines apply as to any rule."""

    needs: ClassVar[frozenset[str]] = frozenset()

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return ()

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterable[SiteProblem]:
        raise NotImplementedError


__all__ += ["PageFacts", "SiteIndex", "SiteProblem", "SiteRule"]
