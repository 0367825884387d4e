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
  :func:`usable_src`, :func:`element_text`, :func:`fold_text`, :func:`unescape_attribute` (character
  references decoded as browsers decode them in a value) and the lazy-loading attribute names.
- **ad and boilerplate packs**: :class:`PackChoice` (options of a rule that uses packs: which shipped ones,
  and the user's own), :class:`PackOptions` (the same plus single selectors), :func:`builtin_packs`,
  :func:`compile_packs`, :func:`find_remnants`, ...
- **images and links**: :func:`post_images` and :func:`post_links` list ``<img>``/``<a>`` elements and
  Markdown images/links together, once per post (:class:`ImageRef`, :class:`LinkRef`); for an element's
  text without a walk of the tree, ``post.html.text_of(element)`` and ``post.html.visible_text``.
- **fixes**: :func:`removal_fix`, :func:`removal_span`, :func:`attribute_edit`.
- **Markdown references**: :func:`reference_links` (``[text][label]`` and the labels a post defines),
  :func:`near_miss_references` (a ``[label]`` whose definition is spelt a little differently),
  :func:`normalize_label`, :func:`shown_label`.
- **per-post cache**: ``post.memo[MemoKey[T]("name", args)]`` holds a value of type ``T`` computed once per
  post (see :class:`MemoKey`).
- **start-up**: :func:`lazy_regex` is ``re.compile`` for a module-level pattern, compiled when first used (a
  one-file run otherwise compiles every rule's patterns, most of which it never uses).

Only the names in ``__all__`` are for rules; the modules they come from are private.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from postlint.api import Context, LoadIssueKind, Post, Problem, RuleOptions
from postlint.core.lazyre import lazy_regex
from postlint.knowledge.attribution import (
    OUTLETS,
    SOURCE_URL_KEYS,
    AttributionLink,
    attribution_links,
    outlet_hosts,
    source_host,
)
from postlint.knowledge.fixes import attribute_edit, removal_fix, removal_span
from postlint.knowledge.frontmatter import front_matter_date, value_span
from postlint.knowledge.htmlutil import (
    LAZY_SINGLE_URL_ATTRIBUTES,
    LAZY_SRC_ATTRIBUTES,
    TRACKING_PARAMETERS,
    element_text,
    fold_text,
    host_matches,
    local_file_url,
    local_only_url,
    normalize_url,
    unfilled_placeholder,
    url_host,
    usable_src,
    without_comments,
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
from postlint.reading.html import unescape_attribute
from postlint.reading.markdown import _indented_code, in_regions
from postlint.reading.memo import MemoKey
from postlint.reading.reflinks import (
    NearMiss,
    ReferenceScan,
    ReferenceUse,
    near_miss_shortcuts,
    normalize_label,
    scan_references,
    shown_label,
)
from postlint.reading.templates import site_target
from postlint.reading.views import ImageRef, LinkRef, post_images, post_links, post_shortcodes, template_images

__all__ = [
    "LAZY_SINGLE_URL_ATTRIBUTES",
    "LAZY_SRC_ATTRIBUTES",
    "OUTLETS",
    "SOURCE_LABELS",
    "SOURCE_URL_KEYS",
    "TRACKING_PARAMETERS",
    "AttributionLink",
    "CompiledSelectors",
    "CompiledTexts",
    "DateError",
    "ImageRef",
    "LinkRef",
    "MemoKey",
    "PackChoice",
    "PackOptions",
    "SchemaError",
    "Selector",
    "SelectorPack",
    "attribute_edit",
    "attribution_links",
    "bare_urls_stay_text",
    "builtin_packs",
    "checkable_url",
    "compile_packs",
    "compile_texts",
    "element_text",
    "find_remnants",
    "fold_text",
    "front_matter_date",
    "host_matches",
    "in_indented_code",
    "lazy_regex",
    "load_issues",
    "local_file_url",
    "local_only_url",
    "name_words",
    "names_any",
    "normalize_url",
    "outermost_remnants",
    "outlet_hosts",
    "parse_date",
    "post_images",
    "post_links",
    "post_shortcodes",
    "removal_fix",
    "removal_span",
    "schema_errors",
    "site_target",
    "source_host",
    "template_images",
    "timeline",
    "unescape_attribute",
    "unfilled_placeholder",
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
        off = context.site.false_keys
        if off and cached:  # `permalink: false` on Eleventy: the generator's "none", not a wrong type
            cached = [
                e for e in cached if not (len(e.path) == 1 and e.path[0] in off and post.data.get(e.path[0]) is False)
            ]
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
    # How importers and authors also say it: "where it first ran" and "where it was copied from", in
    # simplified and traditional Chinese, Japanese and English.
    "文章来源",
    "文章來源",
    "新闻来源",
    "新聞來源",
    "转自",
    "轉自",
    "转载于",
    "轉載於",
    "原载于",
    "原載於",
    "原载",
    "原載",
    "首发于",
    "首發於",
    "本文首发于",
    "本文首發於",
    "原发于",
    "原發於",
    "刊于",
    "刊於",
    "原刊于",
    "原刊於",
    "引用元",
    "初出",
    "掲載元",
    "ソース",
    "原文はこちら",
    "reposted from",
    "republished from",
    "cross-posted from",
    "crossposted from",
    "this article first appeared",
    "this article originally appeared",
    "originally appeared",
    "first appeared",
    "本文来源",
    "本文來源",
    "本文转载自",
    "本文轉載自",
    "文章出处",
    "文章出處",
    "出典元",
    "参照元",
    "転載元",
    "転載",
    "配信元",
    "republished with permission from",
    "reprinted with permission from",
    "reprinted from",
    "used with permission from",
    "syndicated from",
    "also appeared on",
    "this post also appeared on",
    "this article also appeared on",
    "原文见",
    "原文見",
    "原文请见",
    "原文請見",
    "原文请参见",
    "原文請參見",
    # Round 6 of the planted defects (issue 22): "excerpted from" in Chinese, German and Korean "source", and
    # English "adapted from".
    "摘自",
    "摘錄自",
    "摘录自",
    "quelle",
    "출처",
    "adapted from",
    "excerpted from",
    # Round 7: "source" and "first published in" in Vietnamese, Russian, Spanish, Portuguese, French and Italian,
    # and Chinese "首发于" and "原载".
    "nguồn",
    "источник",
    "первоисточник",
    "fuente",
    "fonte",
    "publicado originalmente en",
    "publicado originalmente em",
    "publié initialement sur",
    "article initialement publié",
    "initialement publié",
    "pubblicato originariamente su",
    "首发于",
    "首發於",
    "原载",
    "原載",
)

#: Front-matter keys that hold the URL a post was imported from, most common first.
# --- URLs ---

# Characters that say a value is a template or debris rather than a URL. A browser drops tabs and newlines
# and reads `\\` as `/`, so those are read, not refused (see postlint.knowledge.urls).
_UNSAFE_URL_CHARACTERS = frozenset(" \"'<>`{}|^")


def checkable_url(value: str) -> str | None:
    """``value`` as the URL a reader's browser loads, for an online check to request: http(s) (a
    protocol-relative URL, also ``\\\\host`` or ``/\\host``, is read as on an https page), with a host,
    no space, other control characters or template tags, serialized as the WHATWG URL Standard does
    (``http://127.0.0.1\\@evil.example/x.png`` is ``http://127.0.0.1/@evil.example/x.png``), without its
    fragment; else ``None``."""
    from urllib.parse import urlsplit

    from postlint.knowledge.urls import browser_url

    url = value.strip(" \t\n\r\f")
    if len(url) > 2000 or any(
        c in _UNSAFE_URL_CHARACTERS or (ord(c) < 32 and c not in "\t\n\r") or ord(c) == 127 for c in url
    ):
        return None
    href = browser_url(url, _PAGE)
    if href is None or not href.startswith(("http://", "https://")):
        return None
    try:
        parts = urlsplit(href)
        parts.port  # noqa: B018 - raises for a bad port
    except ValueError:
        return None
    host = parts.hostname
    if not host or host == _PAGE_HOST or "." not in host.strip("."):
        return None  # relative (the page's own site), or no host a browser could reach
    return href.split("#", 1)[0]


# The page a relative URL would be read on: a URL that resolves to it is no remote URL.
_PAGE_HOST = "relative.postlint.invalid"
_PAGE = f"https://{_PAGE_HOST}/"


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


_CODE_STARTS: MemoKey[list[int]] = MemoKey("code-region-starts")


def in_code(post: Post, offset: int) -> bool:
    """Whether the body offset ``offset`` (relative to the body) lies in one of ``post.code_regions``: by
    bisection, so a rule that asks for each of its matches stays linear in a body of many code spans."""
    starts = post.memo.get(_CODE_STARTS)
    if starts is None:
        starts = [start for start, _ in post.code_regions]
        post.memo[_CODE_STARTS] = starts
    return in_regions(post.code_regions, starts, offset)


def code_overlaps(post: Post, start: int, end: int) -> bool:
    """Whether the body span ``[start, end)`` (relative to the body) overlaps one of ``post.code_regions``:
    by bisection, as :func:`in_code`, so a rule that asks for each block of a long body stays linear."""
    if in_code(post, start):
        return True
    starts = post.memo[_CODE_STARTS]  # filled by in_code
    index = bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


_INDENTED_CODE: MemoKey[tuple[list[tuple[int, int]], list[int]]] = MemoKey("indented-code")


def in_indented_code(post: Post, offset: int) -> bool:
    """Whether the body offset ``offset`` (relative to the body) lies in a code block of the Markdown post
    ``post`` as CommonMark reads it, indented or fenced, in list items and block quotes too: also the
    indented blocks without a ``<`` that ``post.code_regions`` leaves out. The body is parsed once per post,
    on the first question (ask only about an indented line)."""
    found = post.memo.get(_INDENTED_CODE)
    if found is None:
        regions = _indented_code(post.body) if post.is_markdown else []
        found = (regions, [start for start, _ in regions])
        post.memo[_INDENTED_CODE] = found
    return in_regions(found[0], found[1], offset)


#: TOML front-matter tables only Zola reads (Hugo's own keys are top-level or under ``[params]``).
_ZOLA_TABLES = ("extra", "taxonomies")


def bare_urls_stay_text(post: Post) -> bool:
    """Whether a bare ``https://…`` written in the text of the Markdown post ``post`` reaches the reader as text
    rather than a link: the site's renderer says so (kramdown, Zola's CommonMark), or, with no site known, the
    post's own front matter is Zola's (TOML holding an ``[extra]`` or ``[taxonomies]`` table). ``False`` when
    the renderer may link it (Hugo's Goldmark, an Eleventy site's markdown-it, an unknown one)."""
    linked = post.site.bare_urls_linked
    if linked is not None:
        return not linked
    front = post.front_matter
    if post.site.generator != "unknown" or front is None or front.format != "toml":
        return False
    return any(isinstance(post.data.get(table), dict) for table in _ZOLA_TABLES)


class Covered:
    """Spans a rule has already reported, as sorted disjoint stretches: whether an offset falls in one of them
    by bisection. (A rule that asked ``any(a <= x < b for a, b in reported)`` for each new match was quadratic
    in its findings: 50,000 boilerplate paragraphs took minutes.) Spans added in document order cost O(1)
    each; the answers are those of the ``any`` over every span added."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return  # holds no offset
        starts, ends = self._starts, self._ends
        index = bisect_left(starts, start)
        if index and ends[index - 1] >= start:  # joins the stretch before
            index -= 1
            start = starts[index]
        stop = index
        while stop < len(starts) and starts[stop] <= end:  # and every one it reaches
            end = max(end, ends[stop])
            stop += 1
        starts[index:stop] = [start]
        ends[index:stop] = [end]

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


def reference_links(post: Post) -> ReferenceScan:
    """The post's Markdown reference links and images (``[text][label]``, ``[text][]``) with offsets into
    ``post.text``, and the labels it defines (normalised as CommonMark matches them). Empty for HTML posts."""
    if not post.is_markdown or "][" not in post.body:
        return ReferenceScan([], frozenset())
    stopped = post.markdown.stopped_at  # where the Markdown reader gave up (PL015): no references read past it
    scan = scan_references(post.body, post.code_regions, None if stopped is None else stopped - post.body_start)
    base = post.body_start
    return ReferenceScan(
        [ReferenceUse(u.start + base, u.end + base, u.label, u.image, u.collapsed) for u in scan.uses],
        scan.defined,
        scan.templated,
    )


def near_miss_references(post: Post) -> list[NearMiss]:
    """The shortcut references (``[label]``) of the Markdown post that no definition names while an unused
    definition nearly does (the same letters, or one letter off): with offsets into ``post.text``."""
    if not post.is_markdown or "]:" not in post.body:
        return []
    stopped = post.markdown.stopped_at
    used = {normalize_label(use.label) for use in reference_links(post).uses}
    base = post.body_start
    return [
        NearMiss(miss.start + base, miss.end + base, miss.label, miss.defined, miss.image)
        for miss in near_miss_shortcuts(
            post.body, post.code_regions, used, None if stopped is None else stopped - post.body_start
        )
    ]


__all__ += [
    "Covered",
    "NearMiss",
    "ReferenceScan",
    "ReferenceUse",
    "code_overlaps",
    "in_code",
    "near_miss_references",
    "normalize_label",
    "reference_links",
    "shown_label",
    "without_comments",
]

# Site rules (PL8xx): what each file's facts may hold, and how the index answers (see postlint/archive).
from postlint.knowledge.outlets import names_outlet, outlet_keys  # noqa: E402
from postlint.knowledge.pages import (  # noqa: E402
    ANCHORS,
    LINKS,
    SOURCE,
    TITLE,
    URL,
    LinkFact,
    Place,
)
from postlint.knowledge.siteindex import Target, earliest_key  # noqa: E402

__all__ += [
    "ANCHORS",
    "LINKS",
    "SOURCE",
    "TITLE",
    "URL",
    "LinkFact",
    "Place",
    "Target",
    "earliest_key",
    "names_outlet",
    "outlet_keys",
]

# Habits of the archive (a trait per group of posts) and the figures they are about (PL401 and PL810).
from postlint.knowledge.figures import content_figure, described, has_caption, own_captions  # noqa: E402
from postlint.knowledge.habits import (  # noqa: E402
    GroupKind,
    Habit,
    Habits,
    KeyHabit,
    KeyHabits,
    learn_habits,
    learn_key_habits,
)
from postlint.knowledge.pages import FIGURE_CAPTION, HABITS, PICTURE_CAPTION, HabitFacts, Trait  # noqa: E402

__all__ += [
    "FIGURE_CAPTION",
    "HABITS",
    "PICTURE_CAPTION",
    "GroupKind",
    "Habit",
    "HabitFacts",
    "Habits",
    "Trait",
    "learn_habits",
]
__all__ += ["KeyHabit", "KeyHabits", "learn_key_habits"]
__all__ += ["content_figure", "described", "has_caption", "own_captions"]


# --- templates ---

from postlint.reading.templates import runs_templates  # noqa: E402


def written_by_template(post: Post, value: str | None) -> bool:
    """Whether the site's template language writes (part of) ``value``: on a site that runs Liquid or Nunjucks
    over a post before reading it (Jekyll, Eleventy), a value holding ``{{`` or ``{%`` is known only once the
    site is built (``https://screenshot.11ty.app/{{ url | urlencode }}/``), so no rule judges it as written."""
    if not value or ("{{" not in value and "{%" not in value):
        return False
    return runs_templates(post.data, post.site.generator)


#: Liquid's and Nunjucks' control flow: what stands between `{% if %}` and `{% endif %}` is written once, many
#: times or not at all.
_CONTROL_FLOW = ("if", "unless", "for", "case", "tablerow", "macro")


def template_control_flow(post: Post) -> list[tuple[int, int]]:
    """``(start, end)`` (absolute) of each outermost Liquid or Nunjucks control-flow block (``{% if %}``,
    ``{% unless %}``, ``{% for %}``, ``{% case %}``...) of a post whose site runs templates over it (Jekyll,
    Eleventy): markup there is written as the template decides (an archive's `{% unless forloop.first
    %}</ul>{% endunless %}` closes the list the last pass opened), so its tags do not pair as written. Empty
    elsewhere. Linear."""
    body = post.body
    if "{%" not in body or not runs_templates(post.data, post.site.generator):
        return []
    from postlint.reading.templates import liquid_blocks

    base = post.body_start
    return [(base + start, base + end) for start, end in liquid_blocks(body, _CONTROL_FLOW)]


def template_code_blocks(post: Post) -> list[tuple[int, int]]:
    """``(start, end)`` (absolute) of the blocks whose content the site's template language turns into code or
    keeps from the page (``{% highlight %}``, ``{% comment %}``, Eleventy's ``{% set %}``...), in an HTML post
    as in a Markdown one (whose :attr:`~postlint.api.Post.code_regions` hold them already), on a site that runs
    templates over it (Jekyll, Eleventy). Empty elsewhere. Linear."""
    body = post.body
    tags = post.site.code_tags
    if "{%" not in body or not tags or not runs_templates(post.data, post.site.generator):
        return []
    from postlint.reading.templates import liquid_blocks

    base = post.body_start
    return [(base + start, base + end) for start, end in liquid_blocks(body, tags)]


__all__ += ["runs_templates", "template_code_blocks", "template_control_flow", "written_by_template"]

from postlint.reading.markdown import reads_markdown_inside  # noqa: E402

__all__ += ["reads_markdown_inside"]
