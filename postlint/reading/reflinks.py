"""Markdown reference links (``[text][label]``, ``[text][]``) and the labels a body defines.

markdown-it (like every CommonMark reader) turns a reference link whose label has no definition into plain
text, so its tokens cannot say where one was written. This module finds them in the source instead, with
the same exclusions as the rest of the Markdown reading: nothing in code (fenced, indented, spans, Liquid
and Hugo code regions), in HTML comments and raw-text elements, in CommonMark HTML blocks, in Liquid
``{{ }}`` / ``{% %}`` tags, in ``$$`` math or in kramdown's ``{::comment}`` / ``{::nomarkdown}`` extensions.

kramdown (Jekyll) also reads ``[text] [label]``, with white space between the brackets, as a reference;
CommonMark does not, and in prose it is mostly two bracketed asides, so it is not reported.

Definitions are read leniently, as the union of what CommonMark (Hugo's goldmark, markdown-it) and kramdown
(Jekyll) accept: a ``[label]:`` at the start of a line (after up to three spaces, block quote markers or a
list marker), outside code. A label is normalised as CommonMark does (white space collapsed, case folded);
kramdown's normalisation (white space collapsed, lower-cased) never tells two labels apart that this one
joins, so a label either generator defines counts as defined.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from postlint.core.lazyre import lazy_regex
from postlint.reading.markdown import RawHtml, _blocks, _bracket_pairs, _escaped, _indented_code, _merge, raw_regions

#: A link reference definition's opening: `[label]:` after container markers and indentation (any: in a
#: list item's continuation it is the item's). The label may wrap onto the next line in CommonMark, never
#: across a blank line; it holds no bracket.
_DEFINITION = lazy_regex(
    r"^[ \t]*(?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))[ \t]*)*\[((?:[^\[\]\\\n]|\\.|\n(?![ \t]*\r?\n))+)\]:",
    re.M,
)
#: Liquid output and tags (Jekyll renders them before Markdown), kramdown's extensions that hide text, and
#: `$$...$$` math (kramdown's math blocks; MathJax's display math elsewhere): `$$ a[i][j] $$` is no link.
#: (A tag holds no brace: so each opener is tried only up to the next brace, and 50,000 unclosed `{{` cost
#: one pass, not one scan of the rest of the text each.)
_TEMPLATE = lazy_regex(
    r"\{\{[^{}]*\}\}|\{%[^{}]*%\}|\{::(comment|nomarkdown)\b.*?(?:\{:/\1?\}|\Z)|\$\$.*?\$\$",
    re.S,
)
_PAIR = lazy_regex(r"\]\[")
_INDENTED_LINE = lazy_regex(r"(?:[ \t]*>)*(?: {4}|[ ]{0,3}\t)")
#: How much of a label or link text a message quotes.
_SHOWN = 60


@dataclass(frozen=True)
class ReferenceUse:
    """One ``[text][label]`` / ``[text][]`` (or image ``![alt][label]``); offsets relative to the body."""

    start: int
    end: int
    #: The label as written (the link text for a collapsed reference ``[text][]``).
    label: str
    image: bool
    collapsed: bool


@dataclass(frozen=True)
class ReferenceScan:
    uses: list[ReferenceUse]
    #: The normalised labels the body defines, of those its references use.
    defined: frozenset[str]
    #: Whether a definition's label is made by a template (``[{{ slug }}-filter]: ...`` in a Liquid loop),
    #: so which labels exist is known only at build time (then ``uses`` is empty).
    templated: bool = False


def normalize_label(label: str) -> str:
    """A label as CommonMark matches it: white space collapsed and trimmed, case folded."""
    return " ".join(label.split()).casefold()


def _any_indented(text: str, uses: list[ReferenceUse]) -> bool:
    """Whether the line of one of ``uses`` (in document order) starts as an indented code line would: each
    line is found by searching back only to the use before and tested once (a line of 40,000 `>` and as many
    references searched and matched it again for each: 2 s, quadratic)."""
    line_start, previous, tested = 0, 0, -1
    for use in uses:
        found = text.rfind("\n", previous, use.start)
        if found >= 0:
            line_start = found + 1
        previous = use.start
        if line_start != tested:
            tested = line_start
            if _INDENTED_LINE.match(text, line_start):
                return True
    return False


def shown_label(label: str) -> str:
    """A label for a message: one line, without control characters, at most ``_SHOWN`` characters."""
    flat = "".join(char if char.isprintable() else " " for char in " ".join(label.split()))
    return flat if len(flat) <= _SHOWN else flat[: _SHOWN - 1] + "…"


def scan_references(text: str, code: list[tuple[int, int]], stop: int | None = None) -> ReferenceScan:
    """The full and collapsed reference links and images of the Markdown body ``text`` (in document order)
    and the labels it defines. ``code`` are the body's code regions (relative, merged). ``stop``: where the
    Markdown reader stopped reading links (PL015), and so where looking for references stops too (the
    definitions are still read in the whole body): pairing the brackets of a paragraph of 2.45 million
    ``[]`` took 500 MB."""
    if "][" not in text:
        return ReferenceScan([], frozenset())
    code_starts = [start for start, _ in code]
    found_pairs = _PAIR.finditer(text, 0, len(text) if stop is None else stop)
    candidates = [found.start() for found in found_pairs if not _inside(code, code_starts, found.start())]
    if not candidates:  # (code is where most `][` are: `m[i][j]`)
        return ReferenceScan([], frozenset())
    hidden = _merge(
        [
            *code,
            *(raw_regions(text, code) if "<" in text else ()),
            *((m.start(), m.end()) for m in (_TEMPLATE.finditer(text) if "{" in text else ())),
        ]
    )
    starts = [start for start, _ in hidden]

    def is_hidden(offset: int) -> bool:
        return _inside(hidden, starts, offset)

    raw = RawHtml(text)
    uses: list[ReferenceUse] = []
    blocks: list[tuple[int, int]] = []  # the blank-line separated blocks, found once there is a candidate
    block_starts: list[int] = []
    paired: dict[int, tuple[dict[int, int], dict[int, int]]] = {}  # per block: `[` -> `]` and back
    done = 0
    last_label = -1  # where the last reference's label opened: `[a][b][c]` is `[a][b]`, then `[c]`
    for close in candidates:
        if close < done or is_hidden(close):
            continue
        if not blocks:
            blocks = _blocks(text)
            block_starts = [start for start, _ in blocks]
        index = bisect_right(block_starts, close) - 1
        block_start, block_end = blocks[index]
        if _escaped(text, close, block_start):
            continue
        if index not in paired:
            pairs = _bracket_pairs(text, block_start, block_end)
            paired[index] = (pairs, {end: begin for begin, end in pairs.items()})
        pairs, openers = paired[index]
        opener = openers.get(close)
        label_end = pairs.get(close + 1)
        if opener is None or label_end is None or opener == last_label:
            continue
        label = text[close + 2 : label_end]
        link_text = text[opener + 1 : close]
        if "[" in label or "]" in label or label.startswith("^") or link_text.startswith("^"):
            continue  # not a label (CommonMark labels hold no bracket), or a footnote `[^1]`
        collapsed = not label.strip()
        if collapsed:
            if label or not link_text.strip():
                continue  # `[text][ ]` is no reference; `[][]` is just brackets
            label = link_text
        if raw.in_html_block(close):
            continue
        image = opener > 0 and text[opener - 1] == "!" and not _escaped(text, opener - 1, block_start)
        uses.append(ReferenceUse(opener - 1 if image else opener, label_end + 1, label, image, collapsed))
        done = label_end + 1
        last_label = close + 1
    if _any_indented(text, uses):
        # Indented code blocks: postlint's code regions hold only those with a `<` in them (for the HTML
        # reader); markdown-it's block parser tells which indented lines are code (not list continuations).
        indented = _indented_code(text)
        firsts = [start for start, _ in indented]
        uses = [use for use in uses if not _inside(indented, firsts, use.start)]
    if uses and "<code" in text:
        # An inline <code> element in raw HTML: its brackets are code the author shows
        # (`<code>Preferences["foo_bundle"]["name"]</code>`), shown as typed as meant.
        coded = [(found.start(), found.end()) for found in _CODE_ELEMENT.finditer(text)]
        if coded:
            firsts = [start for start, _ in coded]
            uses = [use for use in uses if not _inside(coded, firsts, use.start)]
    if not uses:
        return ReferenceScan([], frozenset())
    # Definitions, checked (not in code, not in an HTML block) only for the labels the references use.
    used = {normalize_label(use.label) for use in uses}
    defined: set[str] = set()
    for found in _DEFINITION.finditer(text):
        label = found.group(1)
        templated = "{{" in label or "{%" in label
        key = normalize_label(label)
        if (templated or (key in used and key not in defined)) and _defines(found, is_hidden, raw):
            if templated:  # labels made at build time (`[#{{ n }}]:` in a Liquid loop): unknowable here
                return ReferenceScan([], frozenset(), templated=True)
            defined.add(key)
    return ReferenceScan(uses, frozenset(defined))


#: An inline `<code>`, `<kbd>`, `<samp>` or `<var>` element on one line (its content read at most 2,000 characters
#: on: each opener looks that far once).
_CODE_ELEMENT = lazy_regex(r"<(code|kbd|samp|var)\b[^>\n]{0,200}>[^\n]{0,2000}?</\1\s*>", re.I)


#: A shortcut reference or image (`[label]`, `![label]`): one line, no bracket inside, not the second half of
#: a full reference (`][label]`), not followed by another label, a link's address or a definition's colon.
_SHORTCUT = lazy_regex(r"(?<![\]\\])\[([^\[\]\n]{1,100})\](?![\[(:])")
#: What a label keeps when two labels are compared for a near miss: its letters and digits.
_NOT_WORD = lazy_regex(r"[\W_]+")


@dataclass(frozen=True)
class NearMiss:
    """A shortcut reference ``[label]`` (or image) with no definition of its own, where the body defines a
    label its references never use and that differs from it only in punctuation, case or one letter."""

    start: int
    end: int
    label: str
    defined: str
    image: bool


def _key(label: str) -> str:
    return _NOT_WORD.sub("", label.casefold())


def _near_keys(key: str) -> list[str]:
    """``key`` and, for a key of six characters or more, each spelling with one character left out: two
    keys within one edit of each other share one of these (a symmetric-delete index, linear in the labels).
    A key longer than forty characters is compared whole."""
    if not 6 <= len(key) <= 40:
        return [key]
    return [key, *(key[:index] + key[index + 1 :] for index in range(len(key)))]


def near_miss_shortcuts(
    text: str, code: list[tuple[int, int]], used: set[str], stop: int | None = None
) -> list[NearMiss]:
    """The shortcut references of the Markdown body ``text`` that no definition names while an unused
    definition nearly does (`` [`#t-compiler/arm`] `` and `` [`t-compiler/arm`]: url ``; ``[YouTube]`` and
    `` [`youtube`]: url ``): Jekyll and Hugo print such a reference as typed, brackets included, and the
    definition's link is lost. ``used``: the normalised labels of the body's full and collapsed references.
    A lone ``[word]`` with no near definition is not judged: in prose it is usually just brackets."""
    if "]:" not in text or "[" not in text:
        return []
    hidden = _merge(
        [
            *code,
            *(raw_regions(text, code) if "<" in text else ()),
            *((m.start(), m.end()) for m in (_TEMPLATE.finditer(text) if "{" in text else ())),
        ]
    )
    starts = [start for start, _ in hidden]
    raw = RawHtml(text)

    def is_hidden(offset: int) -> bool:
        return _inside(hidden, starts, offset)

    defined: dict[str, str] = {}  # normalised label -> as written
    for found in _DEFINITION.finditer(text):
        label = found.group(1)
        if "{{" in label or "{%" in label:
            return []  # labels made at build time: unknowable here
        if _defines(found, is_hidden, raw):
            defined.setdefault(normalize_label(label), label)
    if not defined:
        return []
    shortcuts: list[tuple[int, int, str, bool]] = []
    for found in _SHORTCUT.finditer(text, 0, len(text) if stop is None else stop):
        label = found.group(1)
        if label.startswith("^") or not label.strip() or is_hidden(found.start()):
            continue  # a footnote, empty brackets, or code
        if _escaped(text, found.start()) or raw.in_html_block(found.start()):
            continue
        image = found.start() > 0 and text[found.start() - 1] == "!" and not _escaped(text, found.start() - 1)
        shortcuts.append((found.start() - 1 if image else found.start(), found.end(), label, image))
    used = used | {normalize_label(label) for _, _, label, _ in shortcuts}
    unused: dict[str, str] = {}  # a near key of an unused definition -> the definition's label
    for key, label in defined.items():
        if key not in used and _key(label):
            for near in _near_keys(_key(label)):
                unused.setdefault(near, label)
    if not unused:
        return []
    misses: list[NearMiss] = []
    for start, end, label, image in shortcuts:
        if normalize_label(label) in defined:
            continue
        key = _key(label)
        nearest = next((unused[k] for k in _near_keys(key) if k in unused), None) if key else None
        if nearest is not None:
            misses.append(NearMiss(start, end, label, nearest, image))
    return misses


def _defines(found: re.Match[str], is_hidden: Callable[[int], bool], raw: RawHtml) -> bool:
    """Whether the ``_DEFINITION`` match ``found`` is Markdown: its ``[`` is not in code (the label itself
    may open with a code span, ``[`x`]: url``), a comment, a template tag or an HTML block."""
    return not is_hidden(found.start(1) - 1) and not raw.in_html_block(found.start(1))


def _inside(regions: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` lies in one of the sorted, disjoint ``regions`` (``starts`` are their starts)."""
    index = bisect_right(starts, offset) - 1
    return index >= 0 and regions[index][0] <= offset < regions[index][1]
