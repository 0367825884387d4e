"""The rule contract's definitions: what a rule is (:class:`Rule`, :class:`OnlineRule`, :class:`SiteRule`), what it
yields (:class:`Problem`, :class:`UrlUse`, :class:`SiteProblem`) and what it may know (:class:`Context`).

They live in the engine's layer, below everything that dispatches rules, so the engine, the passes and the
registry import them from here; rule authors import them from :mod:`postlint.api`, the public surface that
re-exports them with the post reader's types.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict

from postlint.core.model import Fix, Severity
from postlint.knowledge.pages import PageFacts, Place
from postlint.knowledge.siteindex import SiteIndex
from postlint.knowledge.urlresults import UrlResult
from postlint.reading.post import Post
from postlint.reading.sitefacts import SiteFacts

if TYPE_CHECKING:
    from postlint.knowledge.schema import FrontMatterSchema


class Requirement(str, enum.Enum):
    """What part of a post a rule needs; the engine skips the rule on posts that lack it."""

    NOTHING = "nothing"  # runs on every file, even one that could not be read (the PL0xx rules)
    TEXT = "text"  # the file decoded as UTF-8
    FRONT_MATTER = "front-matter"  # a front-matter block that parsed to a mapping


class RuleOptions(BaseModel):
    """Base class of a rule's options: typed, defaulted, and closed (an unknown key is a config error).

    Options are written in kebab-case in config files (``max-hours``) and read as snake_case in Python.

    An options class is built (its validator generated) the first time a config sets one of its options:
    most runs use every rule's defaults, which :func:`default_options` makes without building anything
    (``defer_build``: building some 30 options classes was a tenth of a one-file run).
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        alias_generator=lambda name: name.replace("_", "-"),
        defer_build=True,
    )


def default_options(options: type[OptionsT]) -> OptionsT:
    """``options()``, the defaults, made without validating when validating could change nothing: defaults are
    not validated (unless a field or the class asks for it), so only a model validator or a
    ``model_post_init`` of the class can make ``options()`` differ, and then it is called."""
    config = options.model_config
    plain = (
        not config.get("validate_default")
        and not options.__pydantic_decorators__.model_validators
        and not any(info.validate_default for info in options.model_fields.values())
        and options.model_post_init is BaseModel.model_post_init
        and not options.__private_attributes__
    )
    if plain:
        from postlint.core.construct import construct_defaults

        made = construct_defaults(options)
        if isinstance(made, options):  # always: tells mypy its type, with pydantic's mypy plugin or without
            return made
    return options()


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

#: The version of the rule contract this postlint implements. A rule package may declare the version it was
#: written for (``contract_version = 2`` on a rule class); a newer one than this is refused when it loads, with
#: a message that names both, instead of failing later in a way nobody can read.
#: 1: ``check`` on a ``Post``; 2: ``OnlineRule``, ``SiteRule``, options taken from ``Rule[Options]``.
CONTRACT_VERSION = 2


def _declared_options(cls: type) -> type[RuleOptions] | None:
    """The options class a rule names as its type parameter (``class X(Rule[XOptions])``), if it names one."""
    for base in getattr(cls, "__orig_bases__", ()):
        origin = get_origin(base)
        if isinstance(origin, type) and issubclass(origin, Rule):
            for argument in get_args(base):
                if isinstance(argument, type) and issubclass(argument, RuleOptions):
                    return argument
    return None


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
    #: Whether the rule checks what html-proofer checks (links, images), so that an element marked with
    #: html-proofer's ``data-proofer-ignore``, and everything inside it, is skipped as html-proofer skips it:
    #: a site that tells html-proofer a block is a demonstration means it for postlint too.
    honours_proofer_ignore: ClassVar[bool] = False
    #: A dotted config key (``"front-matter.unknown-keys"``) whose value sets this rule's severity instead of
    #: ``severity``: ``"allow"`` turns the rule off, ``"warning"`` or ``"error"`` is its severity.
    severity_from_config: ClassVar[str | None] = None
    #: The rule's options class. Declared once, as the type parameter (``class X(Rule[XOptions])``): the class
    #: attribute follows from it. Setting it as well is allowed only to the same class.
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    #: The rule contract this rule was written for (:data:`CONTRACT_VERSION`).
    contract_version: ClassVar[int] = CONTRACT_VERSION
    #: An https page that documents the rule (a plugin's own docs); postlint's own rules link to its docs site.
    docs_url: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared = _declared_options(cls)
        if declared is None:
            return
        own = cls.__dict__.get("Options")
        if own is None:
            cls.Options = declared
        elif own is not declared:
            # mypy cannot see this mismatch (Options is a ClassVar of the base type): say it when the rule loads.
            raise TypeError(
                f"{cls.__module__}.{cls.__qualname__}: 'Options = {getattr(own, '__name__', own)}' but the class "
                f"is declared as Rule[{declared.__name__}]; declare the options once, as the type parameter"
            )

    def __init__(self, options: OptionsT | None = None) -> None:
        self.options: OptionsT = options if options is not None else default_options(self.Options)  # type: ignore[assignment]

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


@dataclass(frozen=True)
class SiteProblem:
    """What a site rule found: a message at one of the file's places (a link, a front-matter value)."""

    message: str
    place: Place
    #: The stable text a baseline keys this finding on (default: the place's own snippet).
    snippet: str | None = None
    #: A verdict, not a finding: the rule has judged the place from what the whole site knows, and the per-post
    #: findings it supersedes there are dropped, but nothing is reported (PL810 where a group's caption habit
    #: is known to be weak: a post's uncaptioned figure follows the group, PL401's per-post guess is withdrawn).
    quiet: bool = False


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
