"""Helpers a rule may import besides :mod:`postlint.api`: the shared know-how of the shipped rules.

Everything here works on a :class:`~postlint.api.Post` and does no I/O (the shipped ad packs are package data,
read once per process). Grouped by what they are about:

- **load issues**: :func:`load_issues` turns what went wrong while reading a file into problems (the PL0xx
  rules are thin wrappers around it).
- **front matter**: :func:`value_span`, :func:`front_matter_date` (once per post and key),
  :func:`schema_errors` (the post checked against the effective schema, once per post), :func:`parse_date`,
  :func:`timeline`.
- **sources**: :data:`SOURCE_URL_KEYS`, :data:`SOURCE_LABELS`, :func:`source_host`, :func:`attribution_links`
  (the link a reader takes as "the original article").
- **URLs and elements**: :func:`url_host`, :func:`host_matches`, :func:`normalize_url`, :func:`checkable_url`,
  :func:`usable_src`, :func:`element_text`, :func:`fold_text` and the lazy-loading attribute names.
- **ad and boilerplate packs**: :class:`PackChoice` (options of a rule that uses packs: which shipped ones,
  and the user's own), :class:`PackOptions` (the same plus single selectors), :func:`builtin_packs`,
  :func:`compile_packs`, :func:`find_remnants`, ...
- **fixes**: :func:`removal_fix`, :func:`removal_span`, :func:`attribute_edit`.
- **Markdown references**: :func:`reference_links` (``[text][label]`` and the labels a post defines),
  :func:`normalize_label`, :func:`shown_label`.
- **per-post cache**: ``post.memo[MemoKey[T]("name", args)]`` holds a value of type ``T`` computed once per
  post (see :class:`MemoKey`).

Only the names in ``__all__`` are for rules; the modules they come from are private.
"""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, LoadIssueKind, Post, Problem, RuleOptions
from postlint.knowledge.attribution import SOURCE_URL_KEYS, AttributionLink, attribution_links, source_host
from postlint.knowledge.fixes import attribute_edit, removal_fix, removal_span
from postlint.knowledge.frontmatter import front_matter_date, value_span
from postlint.knowledge.htmlutil import (
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
from postlint.knowledge.packs import (
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
from postlint.knowledge.schema import SchemaError
from postlint.reading.dates import DateError, parse_date, timeline
from postlint.reading.memo import MemoKey
from postlint.reading.reflinks import ReferenceScan, ReferenceUse, normalize_label, scan_references, shown_label

__all__ = [
    "LAZY_SINGLE_URL_ATTRIBUTES",
    "LAZY_SRC_ATTRIBUTES",
    "SOURCE_LABELS",
    "SOURCE_URL_KEYS",
    "TRACKING_PARAMETERS",
    "AttributionLink",
    "CompiledSelectors",
    "CompiledTexts",
    "DateError",
    "MemoKey",
    "PackChoice",
    "PackOptions",
    "SchemaError",
    "Selector",
    "SelectorPack",
    "attribute_edit",
    "attribution_links",
    "builtin_packs",
    "checkable_url",
    "compile_packs",
    "compile_texts",
    "element_text",
    "find_remnants",
    "fold_text",
    "front_matter_date",
    "host_matches",
    "load_issues",
    "name_words",
    "names_any",
    "normalize_url",
    "outermost_remnants",
    "parse_date",
    "removal_fix",
    "removal_span",
    "schema_errors",
    "source_host",
    "timeline",
    "url_host",
    "usable_src",
    "value_span",
]


# --- load issues, front matter ---


#: The post's schema errors (one validation per post, shared by the PL1xx rules).
_SCHEMA_ERRORS: MemoKey[list[SchemaError]] = MemoKey("schema-errors")


def schema_errors(post: Post, context: Context) -> list[SchemaError]:
    """The post's front matter checked against the effective schema, computed once per post."""
    cached = post.memo.get(_SCHEMA_ERRORS)
    if cached is None:
        front = post.front_matter
        raw = front.raw if front is not None else None
        dates = (lambda key: front_matter_date(post, key)) if front is not None else None
        cached = context.schema.validate(post.data, raw, dates) if context.schema is not None else []
        if context.site.is_date_keyword(post.data.get("date")):  # a date the generator resolves itself
            cached = [error for error in cached if error.path[:1] != ("date",)]
        post.memo[_SCHEMA_ERRORS] = cached
    return cached


def load_issues(post: Post, kind: LoadIssueKind) -> Iterator[Problem]:
    """Problems for the load issues of one kind (the PL0xx rules are thin wrappers around this)."""
    for issue in post.load_issues:
        if issue.kind == kind:
            start = issue.offset if issue.offset is not None else 0
            yield Problem(issue.message, start, issue.end, snippet=kind)


# --- sources ---

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
# --- URLs ---

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


# --- packs ---


class PackChoice(RuleOptions):
    """Options of a rule that reads the declarative packs (see ``rules/adpacks/``): which shipped packs it
    uses, and the user's own. Documented in a rule as ``packs``, ``disable-packs`` and ``extra-packs``."""

    #: Packs to use, by name (default: every pack of the kinds the rule reads).
    packs: tuple[str, ...] | None = None
    #: Packs to leave out.
    disable_packs: tuple[str, ...] = ()
    #: Your own packs, written in config like the shipped ones.
    extra_packs: tuple[SelectorPack, ...] = ()

    def chosen_packs(self, package: str, *kinds: str) -> list[SelectorPack]:
        """The shipped packs in ``package`` plus ``extra-packs``, of one of ``kinds``, as ``packs`` and
        ``disable-packs`` select them (the same choice :func:`compile_packs` makes)."""
        return [
            pack
            for pack in (*builtin_packs(package), *self.extra_packs)
            if pack.kind in kinds
            and (self.packs is None or pack.name in self.packs)
            and pack.name not in self.disable_packs
        ]

    def pack_hosts(self, package: str, *kinds: str) -> tuple[str, ...]:
        """The hosts the chosen packs of ``kinds`` list, each once, sorted."""
        return tuple(sorted({host for pack in self.chosen_packs(package, *kinds) for host in pack.hosts}))


class PackOptions(PackChoice):
    """Options of a rule that matches the selectors of declarative packs: :class:`PackChoice` plus single
    selectors."""

    #: Single selectors: `{css = ".promo-slot", note = "our old theme"}`.
    extra_selectors: tuple[Selector, ...] = ()

    def compile(self, package: str, kind: str) -> CompiledSelectors:
        """The selectors of the shipped packs of ``kind`` in ``package`` plus the configured ones."""
        packs = [*builtin_packs(package), *self.extra_packs]
        return compile_packs(packs, kind, self.packs, self.disable_packs, self.extra_selectors)


def reference_links(post: Post) -> ReferenceScan:
    """The post's Markdown reference links and images (``[text][label]``, ``[text][]``) with offsets into
    ``post.text``, and the labels it defines (normalised as CommonMark matches them). Empty for HTML posts."""
    if not post.is_markdown or "][" not in post.body:
        return ReferenceScan([], frozenset())
    scan = scan_references(post.body, post.code_regions)
    base = post.body_start
    return ReferenceScan(
        [ReferenceUse(u.start + base, u.end + base, u.label, u.image, u.collapsed) for u in scan.uses],
        scan.defined,
        scan.templated,
    )


__all__ += ["ReferenceScan", "ReferenceUse", "normalize_label", "reference_links", "shown_label"]

# Site rules (PL8xx): what each file's facts may hold, and how the index answers (see postlint/archive).
from postlint.knowledge.pages import ANCHORS, LINKS, SOURCE, TITLE, URL, LinkFact, Place  # noqa: E402
from postlint.knowledge.siteindex import Target, earliest_key  # noqa: E402

__all__ += ["ANCHORS", "LINKS", "SOURCE", "TITLE", "URL", "LinkFact", "Place", "Target", "earliest_key"]
