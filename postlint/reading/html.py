"""Build an lxml tree of a post body's HTML in which every element knows where its start tag stands.

libxml2's HTML parser records only line numbers and silently repairs broken markup, so postlint tokenizes the
body itself: one regular expression finds comments, start tags and end tags; a small tree builder applies the
HTML rules that matter for real posts (void elements, raw-text elements, implied ends of ``p``/``li``/``td``...)
and records what a browser would have had to repair (unclosed elements, stray end tags, duplicate or malformed
attributes). Text between tags is unescaped and attached as ``.text``/``.tail``, so rules can use the usual
lxml API (``iter``, ``getparent``, ``itertext``, XPath).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import unescape
from html.entities import html5 as _ENTITIES
from typing import Literal, NamedTuple, Protocol

from lxml import etree

from postlint.core.lazyre import lazy_regex

Element = etree._Element

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr basefont bgsound frame".split()
)
#: Elements whose end tag HTML lets authors omit; never reported as unclosed.
OPTIONAL_END = frozenset(
    "p li dt dd option optgroup rb rt rtc rp tr td th thead tbody tfoot colgroup caption html head body".split()
)
#: Start tags that close an open ``<p>`` (HTML's "close a p element" steps).
CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul listing".split()
)
#: Formatting elements, which browsers re-open after an implied close (the "adoption agency").
FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_P_SCOPE_BOUNDARY = frozenset("applet caption html table td th marquee object template button".split())
_LIST_SCOPE_BOUNDARY = frozenset("ol ul table td th".split())

# The tokenizer follows the WHATWG HTML tokenizer wherever it decides where a tag, an attribute, a comment or
# a raw-text element starts and ends (https://html.spec.whatwg.org/#tokenization): a `<` inside a quoted
# value is part of the value, `<!-->` is a whole comment, `</ x>` and `<?x>` are bogus comments, a tag cut
# off by the end of the body is dropped. tests/test_html_differential.py holds it to html5lib's tokenizer.
# Every pattern here either matches at once or fails at once (no nested repetition), and a tag or comment
# that reaches the end of the body ends the reading: no `<` is ever scanned twice.
# The tokenizer's patterns are compiled at import: every post uses them, and a lazy_regex costs a little
# more per call (postlint/core/lazyre.py).
_TOKEN = re.compile(
    r"<(?:(?P<start>[A-Za-z][^\t\n\f\r />]*)|/(?P<end>[A-Za-z][^\t\n\f\r />]*)|(?P<comment>!--)|(?P<empty>/>)"
    r"|(?P<bogus>[!?]|/(?s:.)))"
)
# One attribute with the separators before it, or the tag's `>`; no match of either means the end of the body.
_ATTRIBUTE = re.compile(
    r"[\t\n\f\r /]*(?:(?P<name>[^\t\n\f\r />][^\t\n\f\r />=]*)"
    r"(?:[\t\n\f\r ]*(?P<eq>=)[\t\n\f\r ]*(?P<value>\"[^\"]*\"?|'[^']*'?|[^\t\n\f\r >]+)?)?"
    r"|(?P<close>>))?"
)
_COMMENT_END = lazy_regex(r"--!?>")
# Script data: `<!--` escapes it, and inside that a `<script>` makes `</script>` end only the escape.
_SCRIPT_TOKEN = lazy_regex(r"<!--|-->|</?script(?=[\t\n\f\r />])", re.I)
_XML_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
#: Characters that make an attribute name debris (a quote, `<`: a cut value) or unreadable (controls).
_BAD_NAME_CHAR = re.compile("[\"'<\x00-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
#: Raw text (nothing inside is markup) and RCDATA (only character references are) elements.
RAW_TEXT = frozenset("style xmp iframe noembed noframes".split())
RCDATA = frozenset(("title", "textarea"))
# Characters XML (and so lxml) cannot hold; real posts contain backspaces and form feeds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@lru_cache(maxsize=4096)
def _lower(name: str) -> str:
    """ASCII lower case, as HTML folds tag and attribute names (``İ`` stays what it is)."""
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER)


@lru_cache(maxsize=4096)
def _odd_name(name: str) -> bool:
    """Whether an attribute name is debris or unwritable: browsers read it, but no one writes it on purpose
    (quotes, ``<`` or a leading ``=`` left by a cut value, control characters, symbols such as ``④``; a
    letter of any script is fine)."""
    if name[0] == "=" or _BAD_NAME_CHAR.search(name):
        return True
    return not name.isascii() and any(not (char.isascii() or char.isalpha()) for char in name)


#: What HTML makes of references to the C1 controls: the Windows-1252 characters people meant.
_WINDOWS_1252 = {
    number: bytes([number]).decode("cp1252")
    for number in range(0x80, 0xA0)
    if number not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def _numeric_reference(reference: str) -> str:
    """``#65;`` or ``#x41`` decoded as HTML does (Python's ``unescape`` drops control characters; HTML
    keeps them, so `&#1;` is U+0001 to a browser)."""
    digits = reference[1:].rstrip(";")
    hexadecimal = digits[:1] in "xX"
    digits = (digits[1:] if hexadecimal else digits).lstrip("0") or "0"
    if len(digits) > 8:  # far past U+10FFFF (and int() refuses thousands of digits)
        return "\ufffd"
    number = int(digits, 16 if hexadecimal else 10)
    if number in _WINDOWS_1252:
        return _WINDOWS_1252[number]
    if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        return "\ufffd"
    return chr(number)


def _attribute_reference(match: re.Match[str]) -> str:
    reference = match.group(1)
    if reference[0] == "#":
        return _numeric_reference(reference)
    if reference in _ENTITIES:
        return _ENTITIES[reference]
    # A named reference without its `;`, followed by `=` or a letter or digit, stays as written in a value
    # (`?a=1&copy=2` is a query, not a copyright sign).
    for length in range(min(len(reference) - 1, 32), 1, -1):
        if reference[:length] in _ENTITIES:
            following = reference[length]
            if following == "=" or (following.isascii() and following.isalnum()):
                return match.group(0)
            return _ENTITIES[reference[:length]] + reference[length:]
    return match.group(0)


def unescape_attribute(value: str) -> str:
    """Decode the character references of an attribute value as browsers do."""
    return _CHARREF.sub(_attribute_reference, value) if "&" in value else value


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


class Attribute(NamedTuple):
    """One attribute as written in a start tag (a tuple: real bodies have hundreds of thousands)."""

    name: str
    value: str | None
    start: int
    end: int


#: What a browser had to repair; comparing a kind with a misspelt one fails type checking.
MarkupIssueKind = Literal["unclosed", "stray-end-tag", "duplicate-attribute", "malformed-attribute", "unterminated-tag"]


@dataclass(frozen=True)
class MarkupIssue:
    """Something a browser had to repair: ``unclosed``, ``stray-end-tag``, ``duplicate-attribute``,
    ``malformed-attribute`` (debris or an unwritable name), ``unterminated-tag`` (a tag the end of the body
    cut off: browsers drop it; ``detail`` is ``/`` for an end tag)."""

    kind: MarkupIssueKind
    tag: str
    start: int
    end: int
    detail: str = ""


@dataclass(frozen=True)
class Comment:
    start: int
    end: int
    text: str


@dataclass
class HtmlBody:
    """The body's HTML as an lxml tree plus the source position of every element."""

    root: Element
    #: Absolute offsets of each element's start tag (``<`` to ``>``) and of its end (after ``</x>``).
    start_tags: dict[Element, tuple[int, int]] = field(default_factory=dict)
    ends: dict[Element, int] = field(default_factory=dict)
    attributes: dict[Element, tuple[Attribute, ...]] = field(default_factory=dict)
    issues: list[MarkupIssue] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    #: Every element in document order; holding them keeps the lxml proxies (the dict keys) alive.
    elements: list[Element] = field(default_factory=list)
    #: Why the body was only partly read (too many elements, too deep), or ``None``.
    truncated: str | None = None
    #: Elements read from a ``<noscript>``'s raw text: a browser that runs scripts never makes them (and one that
    #: does not runs no handler or ``javascript:`` URL), so they are content, never live script.
    noscript_content: set[Element] = field(default_factory=set)
    #: Absolute ``(start, end)`` of the content of each raw-text and RCDATA element (``<noscript>`` included), in
    #: order: what Markdown makes there (a link, an attribute list) reaches the browser as text.
    raw_regions: list[tuple[int, int]] = field(default_factory=list)
    #: Elements whose extent is exactly known: void, self-closed, or closed by their own end tag.
    closed: set[Element] = field(default_factory=set)
    #: Elements by tag name, in document order (``iter("img")`` without a walk; do not modify).
    by_tag: dict[str, list[Element]] = field(default_factory=dict)
    #: The tree's text as the reader attached it, in document order (what ``itertext()`` yields), one *run*
    #: per non-empty ``.text`` or ``.tail``: its string, the element holding it, whether it is that element's
    #: tail, and the absolute offset of its first character in the source. Use :meth:`text_of`,
    #: :attr:`visible_text` and :meth:`run_at` rather than walking the tree for text.
    run_texts: list[str] = field(default_factory=list)
    run_elements: list[Element] = field(default_factory=list)
    run_tails: list[bool] = field(default_factory=list)
    run_starts: list[int] = field(default_factory=list)
    #: False when the runs were read off the tree after the fact (a grafted ``srcdoc``): their offsets in the
    #: source are then unknown, and element ranges come from a walk.
    runs_in_source_order: bool = True
    #: The runs each element holds, when they were read off the tree.
    walked_ranges: dict[Element, tuple[int, int]] = field(default_factory=dict)
    #: What each set of selectors (by their CSS, in order) matched in this tree: packs are matched once per post
    #: for every rule that uses them.
    selector_matches: dict[tuple[str, ...], list[Element]] = field(default_factory=dict)

    @cached_property
    def visible_text(self) -> str:
        """All of the tree's text joined (``"".join(root.itertext())``), built once from the runs."""
        return "".join(self.run_texts)

    @cached_property
    def run_offsets(self) -> list[int]:
        """Where each run starts in :attr:`visible_text`."""
        offsets: list[int] = []
        position = 0
        for piece in self.run_texts:
            offsets.append(position)
            position += len(piece)
        return offsets

    def run_at(self, offset: int) -> int:
        """The index of the run holding ``offset`` of :attr:`visible_text` (-1 before the first)."""
        return bisect_right(self.run_offsets, offset) - 1

    def text_owner(self, index: int) -> Element | None:
        """The element whose content run ``index`` is (the parent of the element whose tail it is)."""
        element = self.run_elements[index]
        return element.getparent() if self.run_tails[index] else element

    def run_range(self, element: Element) -> tuple[int, int]:
        """The runs inside ``element`` (its text and its descendants' text and tails), as ``(first, past)``."""
        if not self.runs_in_source_order:
            return self.walked_ranges.get(element, (0, 0))
        place = self.start_tags.get(element)
        if place is None:
            return (0, 0) if element is not self.root else (0, len(self.run_texts))
        starts = self.run_starts
        first = bisect_left(starts, place[1])
        return first, bisect_left(starts, self.ends.get(element, place[1]), first)

    def text_of(self, element: Element) -> str:
        """``"".join(element.itertext())`` from the runs, without a walk of the tree."""
        first, past = self.run_range(element)
        return "".join(self.run_texts[first:past])

    @cached_property
    def attribute_text(self) -> str:
        """Every attribute's name and value (unescaped), lower-cased, one per line: a quick substring test
        on it tells whether any element can carry a given class, id or attribute before a walk of the tree."""
        return "\n".join(
            f"{attribute.name}={attribute.value or ''}" for found in self.attributes.values() for attribute in found
        ).lower()

    def in_raw_text(self, offset: int) -> bool:
        """Whether the absolute ``offset`` lies in the content of a raw-text or RCDATA element."""
        regions = self.raw_regions
        index = bisect_right(regions, (offset, 1 << 62)) - 1
        return index >= 0 and regions[index][0] <= offset < regions[index][1]

    def start(self, element: Element) -> int:
        """Offset of the ``<`` of the element's start tag."""
        return self.start_tags[element][0]

    def start_tag(self, element: Element) -> tuple[int, int]:
        """Offsets of the element's start tag: from its ``<`` to just after its ``>``."""
        return self.start_tags[element]

    def span(self, element: Element) -> tuple[int, int]:
        """Offsets from the element's ``<`` to the end of its end tag (or of its start tag when unclosed)."""
        return self.start_tags[element][0], self.ends.get(element, self.start_tags[element][1])

    def iter(self, *tags: str) -> list[Element]:
        """Elements in document order, optionally only those with the given tag names."""
        if not tags:
            return self.elements
        if len(tags) == 1:
            return self.by_tag.get(tags[0], [])
        wanted = set(tags)
        return [element for element in self.elements if element.tag in wanted]

    def is_whole(self, element: Element) -> bool:
        """Whether the element and everything in it were closed as written (safe to cut out or wrap)."""
        return element in self.closed and all(child in self.closed for child in element.iterdescendants())

    def attribute(self, element: Element, name: str) -> Attribute | None:
        for attribute in self.attributes.get(element, ()):
            if attribute.name == name:
                return attribute
        return None


@lru_cache(maxsize=1024)
def _safe_tag(name: str) -> str:
    name = _lower(name)
    if _XML_NAME.fullmatch(name):
        return name
    # lxml takes letters of any script, but not symbols such as ④ (which Python counts as word characters).
    safe = "x-" + "".join(char if char.isalpha() or char in "0123456789_.-" else "-" for char in name)
    try:
        etree.Element(safe)  # (cached: each odd name is tried once)
    except ValueError:
        safe = "x-" + "".join(char if char.isascii() and (char.isalnum() or char in "_.-") else "-" for char in name)
    return safe


#: Bounds that keep one pathological body from stalling a run (real posts stay far below: the corpus's
#: largest body has under 2,000 elements, nested under 20 deep).
MAX_ELEMENTS = 50_000
MAX_DEPTH = 512
#: libxml2 looks up each new attribute among the element's others, so one tag with 100,000 attributes took
#: 35 s; real tags carry a few dozen at most.
MAX_ATTRIBUTES = 1_000


class RawHtmlFilter(Protocol):
    """Says whether the start or end tag at a relative offset reaches the browser as markup (Markdown
    escapes a ``<`` that does not open what it reads as an HTML tag)."""

    def accepts(self, offset: int) -> bool: ...

    def accepts_comment(self, offset: int) -> bool:
        """Whether the ``<!--`` at ``offset`` opens a comment on the page (Markdown shows an unclosed one as
        text, and what follows it is read again)."""
        ...


#: How deep ``srcdoc`` documents are read inside each other.
MAX_SRCDOC_DEPTH = 3


class _Tag(NamedTuple):
    end: int  # after the `>`, or the end of the text when the tag never ends
    closed: bool  # whether a `>` ended it
    self_closing: bool
    cut: bool = False  # whether reading stopped at MAX_ATTRIBUTES


def _scan_tag(
    text: str, position: int, tag: str, absolute: int, attributes: list[Attribute] | None, issues: list[MarkupIssue]
) -> _Tag:
    """Read a tag's attributes from ``position`` (just after its name) to its ``>``, as browsers do.

    ``attributes`` collects them (``None`` for end tags, whose attributes browsers ignore); past
    :data:`MAX_ATTRIBUTES` collecting stops, so one giant tag costs bounded memory.
    """
    match_attribute = _ATTRIBUTE.match
    shift = absolute - position  # relative to absolute offsets
    seen: set[str] = set()
    # Every attribute read counts, duplicates and odd names too: a tag of a million repeated names
    # otherwise records a million duplicate-attribute issues (5 MB: 150 s and 1.2 GB).
    read = 0
    while True:
        found = match_attribute(text, position)
        assert found is not None  # every part of the pattern is optional
        raw_name, equals, value, close_sign = found.groups()
        if close_sign is not None:
            close = found.end() - 1
            slash = close > found.start() and text[close - 1] == "/"
            return _Tag(close + 1, True, slash)
        if raw_name is None:
            return _Tag(len(text), False, False)
        position = found.end()
        if attributes is None:
            continue
        read += 1
        if read > MAX_ATTRIBUTES:
            return _Tag(position, False, False, cut=True)
        name = _lower(raw_name)
        if "\0" in name:
            name = name.replace("\0", "\ufffd")
        if value is not None:
            if value[:1] in "\"'":
                value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
            if "&" in value:
                value = unescape_attribute(value)
            if "\r" in value or "\0" in value:
                value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
        elif equals is not None:
            value = ""
        start = found.start("name") + shift
        attribute = Attribute(name, value, start, position + shift)
        if name in seen:
            issues.append(MarkupIssue("duplicate-attribute", tag, attribute.start, attribute.end, name))
            continue  # HTML keeps the first
        seen.add(name)
        if _odd_name(name):
            issues.append(MarkupIssue("malformed-attribute", tag, start, start + len(raw_name), raw_name))
        attributes.append(attribute)


def _comment_end(text: str, start: int) -> tuple[int, int]:
    """Where the comment whose ``<!--`` ends at ``start`` ends: ``(end of its text, end of the comment)``."""
    if text.startswith(">", start):  # <!-->
        return start, start + 1
    if text.startswith("->", start):  # <!--->
        return start, start + 2
    close = _COMMENT_END.search(text, start)
    if close is None:
        return len(text), len(text)
    return close.start(), close.end()


def _script_end(text: str, start: int) -> int:
    """Offset of the ``</script`` that ends script data starting at ``start``, or -1: a ``<!--`` escapes
    the script, and inside the escape a ``<script>`` makes the next ``</script>`` end only that."""
    state = 0  # 0: script data, 1: escaped, 2: double escaped
    position = start
    search = _SCRIPT_TOKEN.search
    while True:
        found = search(text, position)
        if found is None:
            return -1
        token = found.group()
        if token[1] == "/":  # </script
            if state < 2:
                return found.start()
            state, position = 1, found.end() + 1
        elif token == "<!--":
            if state == 0:
                state = 1
            position = found.start() + 2  # its dashes may already close it: <!-->
        elif token == "-->":
            if state:
                state = 0
            position = found.end() if state == 0 else found.start() + 1
        else:  # <script
            if state == 1:
                state = 2
            position = found.end() + 1


def _raw_end(text: str, name: str, start: int) -> int:
    """Offset of the end tag that ends the raw text or RCDATA of ``name`` starting at ``start``, or -1."""
    if name == "script":
        return _script_end(text, start)
    found = _raw_text_end(name).search(text, start)
    return -1 if found is None else found.start()


def _implied_tbody(stack: list[Element], index: int) -> bool:
    """Whether the open ``<table>`` at ``stack[index]`` holds a ``<tr>`` of its own: browsers put such a row in
    a ``<tbody>`` they open themselves, so a later ``</tbody>`` ends that one (a rare path: a stray end tag)."""
    return index > 0 and any(child.tag == "tr" for child in stack[index])


def parse_html(
    text: str,
    base: int = 0,
    masked: list[tuple[int, int]] | None = None,
    raw_html: RawHtmlFilter | None = None,
    _srcdoc_depth: int = 0,
    _in_noscript: bool = False,
) -> HtmlBody:
    """Parse ``text`` (the body, starting at absolute offset ``base``) into an :class:`HtmlBody`.

    ``masked`` lists relative ``(start, end)`` regions (Markdown code) in which nothing is markup, and
    ``raw_html`` (for Markdown) says which other tags Markdown passes through as HTML. Past
    :data:`MAX_ELEMENTS` elements the rest of the body is not read, and elements nested deeper than
    :data:`MAX_DEPTH` stop the reading there; either way ``truncated`` says why.

    An ``<iframe srcdoc>`` holds a whole document: its elements become the iframe's children, and each of
    them (and each of their attributes) is placed at the ``srcdoc`` attribute, where the author can act.
    """
    # This loop runs once per tag of every post in an archive (a hundred thousand and more), so it is
    # written for speed: locals instead of attribute lookups, one `groups()` per token, the common cases
    # (an end tag closing the innermost element, a tag without attributes) first.
    root = etree.Element("body")
    body = HtmlBody(root)
    elements = body.elements
    start_tags = body.start_tags
    ends = body.ends
    closed = body.closed
    issues = body.issues
    by_tag = body.by_tag
    stack: list[Element] = [root]
    names: list[str] = ["body"]
    # Each open element's namespace: HTML, SVG or MathML, or an integration point (HTML inside SVG/MathML).
    kinds: list[int] = [_HTML]
    open_counts: dict[str, int] = {}  # how many of each element are open: find_open is O(1) when none is
    slashed: set[Element] = set()  # HTML elements written `<div/>`, whose `/` browsers ignore
    # The element whose tail receives the next text, and the stack depth at which it was closed.
    last_closed: Element | None = None
    last_depth = 0
    masks = sorted(masked or [])
    mask_count = len(masks)
    mask_index = 0
    position = 0
    length = len(text)
    # One search of the whole body decides whether any text or value needs cleaning for lxml.
    unsafe = _NOT_XML.search(text) is not None
    kramdown = bool(getattr(raw_html, "kramdown", False))  # Jekyll's Markdown
    cut_off = False  # (kramdown) whether a start tag already ran to the end of the body
    paragraph_break = -1  # (kramdown) the next paragraph break found, searched forward only

    # Text goes to an element's .text or .tail in pieces (between comments, masked code, ...). Pieces for
    # the same place are joined once, when text starts going elsewhere: appending to the lxml string each
    # time made text between 100,000 comments quadratic (12 s).
    pending: list[str] = []
    pending_place: tuple[Element, bool] | None = None
    pending_at = 0  # where the pending text starts in the source (relative)
    run_texts, run_elements, run_tails, run_starts = body.run_texts, body.run_elements, body.run_tails, body.run_starts

    def flush_text() -> None:
        nonlocal pending_place
        if pending_place is not None:
            element, is_tail = pending_place
            joined = "".join(pending)
            if joined:
                if is_tail:
                    before = element.tail
                    element.tail = before + joined if before else joined
                else:
                    before = element.text
                    element.text = before + joined if before else joined
                if before:  # a place written twice (not seen in real posts): runs come from the tree instead
                    body.runs_in_source_order = False
                run_texts.append(joined)
                run_elements.append(element)
                run_tails.append(is_tail)
                run_starts.append(base + pending_at)
            pending.clear()
            pending_place = None

    def add_text(chunk: str, at: int) -> None:
        nonlocal pending_place, pending_at
        if "&" in chunk:  # a character reference may spell a character lxml cannot hold
            chunk = _xml_safe(unescape(chunk))
        elif unsafe:
            chunk = _xml_safe(chunk)
        tail = last_closed is not None and last_depth == len(stack)
        place = (last_closed, True) if tail and last_closed is not None else (stack[-1], False)
        if pending_place is None or place[0] is not pending_place[0] or place[1] != pending_place[1]:
            flush_text()
            pending_place = place
            pending_at = at
        pending.append(chunk)

    def close_to(depth: int, at: int, explicit_end: int | None) -> None:
        """Pop the stack down to ``depth`` (exclusive); implicitly closed elements end at ``at``."""
        nonlocal last_closed, last_depth
        while len(stack) > depth:
            element = stack.pop()
            name = names.pop()
            kinds.pop()
            open_counts[name] -= 1
            if len(stack) == depth and explicit_end is not None:
                ends[element] = explicit_end
                closed.add(element)
            else:
                ends[element] = at
                if name not in OPTIONAL_END and _PLAIN_TAG.fullmatch(name):
                    tag_start, tag_end = start_tags[element]
                    issues.append(MarkupIssue("unclosed", name, tag_start, tag_end, "/>" if element in slashed else ""))
            last_closed = element
            last_depth = len(stack)

    def find_open(name: str, boundary: frozenset[str]) -> int:
        if not open_counts.get(name):
            return -1
        for index in range(len(names) - 1, 0, -1):
            if names[index] == name:
                return index
            if names[index] in boundary:
                return -1
        return -1

    search = _TOKEN.search
    scan = 0  # where to look for the next token: past `position` when Markdown showed a `<` as text
    while position < length:
        match = search(text, position if scan <= position else scan)
        if match is None:
            add_text(text[position:], position)
            break
        begin = match.start()
        if mask_index < mask_count:
            # Skip tokens that start inside masked (code) regions.
            while mask_index < mask_count and masks[mask_index][1] <= begin:
                mask_index += 1
            if mask_index < mask_count and masks[mask_index][0] <= begin:
                mask_end = masks[mask_index][1]
                add_text(text[position:mask_end], position)
                position = mask_end
                continue
        start_name, end_name, comment, empty, _bogus = match.groups()
        if raw_html is not None and (
            ((start_name or end_name) and not raw_html.accepts(begin))
            or (comment is not None and not raw_html.accepts_comment(begin))
        ):
            # Markdown shows this `<` as text (added with the text around it); what follows may be a tag.
            # (An unclosed `<!--` too: `<!--<a href="javascript:...">` is a live link on the page.)
            scan = begin + 1
            continue
        if begin > position:
            add_text(text[position:begin], position)
        absolute = base + begin
        if end_name is not None:
            name = _lower(end_name)
            if (name == "p" or name == "br") and kinds[-1] in _FOREIGN:
                # `</p>` and `</br>` end SVG and MathML content, as an HTML start tag does (the tree builder's
                # rules for foreign content): `<svg></p><style>` opens an HTML <style>, whose raw text ends at
                # the next `</style`, even one inside a quoted value, and what follows is live.
                depth = len(kinds)
                while kinds[depth - 1] in _FOREIGN:
                    depth -= 1
                close_to(depth, absolute, None)
            after = match.end()
            if after < length and text[after] == ">":  # the usual case: `</name>`
                position = after + 1
            else:
                scanned = _scan_tag(text, after, name, absolute, None, issues)
                position = scanned.end
                if not scanned.closed:
                    issues.append(MarkupIssue("unterminated-tag", name, absolute, base + length, "/"))
                    break
            if names[-1] == name and len(names) > 1:  # the usual case: the innermost element ends
                element = stack.pop()
                names.pop()
                kinds.pop()
                open_counts[name] -= 1
                ends[element] = base + position
                closed.add(element)
                last_closed = element
                last_depth = len(stack)
                continue
            if name == "br":  # browsers read </br> as <br>
                continue
            depth = find_open(name, _NO_BOUNDARY)
            if depth > 0:
                close_to(depth, absolute, base + position)
            elif name != "tbody" or not _implied_tbody(stack, find_open("table", _NO_BOUNDARY)):
                issues.append(MarkupIssue("stray-end-tag", name, absolute, base + position))
            continue
        if start_name is None:
            if comment is not None:
                text_end, position = _comment_end(text, match.end())
                body.comments.append(Comment(absolute, base + position, text[match.end() : text_end]))
            elif kinds[-1] in _FOREIGN and text.startswith("<![CDATA[", begin):  # text, in SVG and MathML
                close = text.find("]]>", begin + 9)
                inner_end = length if close < 0 else close
                add_text(text[begin + 9 : inner_end], begin + 9)  # (no references: it is not unescaped, and no tag)
                position = length if close < 0 else close + 3
            elif empty is None:  # <!DOCTYPE>, <?xml?>, <![CDATA[]]>, </ x>: bogus comments, up to `>`
                close = text.find(">", match.end())
                position = length if close < 0 else close + 1
            else:  # `</>` is dropped
                position = match.end()
            continue
        name = _lower(start_name)
        if "\0" in name:
            name = name.replace("\0", "\ufffd")
        tag_end = match.end()
        self_closing = False
        attributes: list[Attribute] = []
        if tag_end < length and text[tag_end] == ">":  # the usual case: `<name>`
            tag_end += 1
        else:
            scanned = _scan_tag(text, tag_end, name, absolute + tag_end - begin, attributes, issues)
            if not scanned.closed:
                if scanned.cut:
                    body.truncated = (
                        f"an element with more than {MAX_ATTRIBUTES:,} attributes; the rest of the body was not checked"
                    )
                    del attributes[MAX_ATTRIBUTES:]
                    # The element is kept (with its first attributes) so rules and the finding can point at it.
                else:
                    issues.append(MarkupIssue("unterminated-tag", name, absolute, base + length))
                    if kramdown and not cut_off:
                        # kramdown shows it as text and reads the tags after its `<` (see below). Once only: a
                        # second tag that runs to the end would make each `<` after it cost a scan of the rest.
                        cut_off = True
                        position, scan = begin, begin + 1  # (the text before it is added already)
                        continue
                    break
            tag_end = scanned.end
            self_closing = scanned.self_closing
            if (
                kramdown
                and (
                    name in RAW_TEXT
                    or name in RCDATA
                    or name in _KRAMDOWN_RAW
                    or text.find("<", begin + 1, tag_end) >= 0
                )
                and not _KRAMDOWN_TAG.fullmatch(text, begin, tag_end)
            ):
                # kramdown shows a start tag it cannot parse as text: no raw text follows `<noscript x=(y)>`, and
                # the tags in `<iframe srcdoc='<a href=...>` (no closing quote) are read, so both are live.
                # (Read again from the next `<`, as kramdown does; other tags it cannot parse keep their
                # attributes, the safe side.)
                position, scan = begin, begin + 1  # (the text before it is added already)
                continue

        # Inside SVG and MathML, raw-text names are ordinary elements, and an HTML element such as <img> or
        # <p> breaks out: the open SVG/MathML elements end there.
        kind = _HTML
        parent_kind = kinds[-1]
        if parent_kind in _FOREIGN:
            if name in _BREAKOUT or (name == "font" and any(a.name in ("color", "face", "size") for a in attributes)):
                depth = len(kinds)
                while kinds[depth - 1] in _FOREIGN:
                    depth -= 1
                close_to(depth, absolute, None)
            elif name in _INTEGRATION[parent_kind]:
                kind = _INTEGRATION_POINT
            else:
                kind = parent_kind
        elif (
            parent_kind == _INTEGRATION_POINT and (name == "mglyph" or name == "malignmark") and names[-1] in _MATH_TEXT
        ):
            # In a MathML text integration point these two stay MathML, so a <style> inside them is no raw text:
            # `<math><mi><mglyph><style><img onerror=...>` runs the handler.
            kind = _MATHML
        if (name == "svg" or name == "math") and (
            kind == _HTML or (name == "svg" and parent_kind == _MATHML and names[-1] == "annotation-xml")
        ):  # (inside SVG or MathML, <svg> and <math> are of the parent's kind)
            kind = _SVG if name == "svg" else _MATHML

        # Implied end tags for the elements real posts lean on.
        if kind in _FOREIGN:
            pass
        elif name in CLOSES_P:
            depth = find_open("p", _P_SCOPE_BOUNDARY)
            # With a formatting element open inside the <p> (`<p><a><img><p>caption</p></a></p>`), browsers
            # close and then re-open it, so its own end tag still matches. Nesting keeps that pairing
            # without modelling the whole adoption agency, and reports nothing that browsers do not repair.
            if depth > 0 and not any(open_name in FORMATTING for open_name in names[depth + 1 :]):
                close_to(depth, absolute, None)
        elif name in _CLOSES_SIBLINGS:
            for sibling, boundary in _CLOSES_SIBLINGS[name]:
                depth = find_open(sibling, boundary)
                if depth > 0:
                    close_to(depth, absolute, None)

        if len(elements) >= MAX_ELEMENTS:
            body.truncated = f"more than {MAX_ELEMENTS:,} HTML elements; the rest of the body was not checked"
            break
        attrib: dict[str, str] = {}
        # A value holds characters lxml cannot take only if the body does, or a reference spelled one.
        clean = bool(attributes) and (unsafe or text.find("&", begin, tag_end) >= 0)
        for attribute in attributes:
            if _XML_NAME.fullmatch(attribute.name):
                value = attribute.value or ""
                attrib[attribute.name] = _xml_safe(value) if clean and value else value
        tag = _safe_tag(name)
        element = etree.SubElement(stack[-1], tag, attrib)
        elements.append(element)
        same_tag = by_tag.get(tag)
        if same_tag is None:
            by_tag[tag] = [element]
        else:
            same_tag.append(element)
        start_tags[element] = (absolute, base + tag_end)
        if attributes:
            body.attributes[element] = tuple(attributes)
        if body.truncated:
            ends[element] = base + tag_end
            break
        last_closed = None
        if name == "iframe" and attributes:
            srcdoc = next((attribute for attribute in attributes if attribute.name == "srcdoc"), None)
            if srcdoc is not None and srcdoc.value:
                _graft_srcdoc(body, element, srcdoc, _srcdoc_depth)
        if kind == _HTML and (
            name in RAW_TEXT
            or name in RCDATA
            or name == "script"
            or name == "plaintext"
            or (name == "noscript" and not _in_noscript)
        ):
            # Browsers ignore the `/` of `<script/>` in HTML: what follows is still raw text.
            if name == "plaintext":
                closer = -1
            elif name == "noscript" and kramdown:
                closer = _kramdown_noscript_end(text, tag_end)
            else:
                closer = _raw_end(text, name, tag_end)
            inner_end = closer if closer >= 0 else length
            cut = -1  # (kramdown) where a <noscript> opened in a paragraph is closed without its end tag
            if name == "noscript" and kramdown and _in_paragraph(text, begin):
                # kramdown closes an element opened in a paragraph where the paragraph ends: what follows
                # (`<p>a <noscript></noscript></p>` then `<iframe src="javascript:...">`) is live.
                if paragraph_break < tag_end:
                    found_break = _PARAGRAPH_BREAK.search(text, tag_end)
                    paragraph_break = length if found_break is None else found_break.start()
                if paragraph_break < inner_end:
                    inner_end = cut = paragraph_break
                    closer = -1
            if inner_end > tag_end:
                body.raw_regions.append((base + tag_end, base + inner_end))
            if name == "noscript":
                # Browsers run scripts, so to them <noscript> is raw text up to the first `</noscript`, even
                # one inside a quoted value (`<p title="</noscript><img onerror=...>">`: the <img> is live).
                # What it holds is read as HTML on its own (what a browser without scripts shows), so rules
                # still see its images and links, and cannot reach past that end.
                if inner_end > tag_end:
                    _graft_noscript(body, element, text, tag_end, inner_end, base, masks, raw_html, _srcdoc_depth)
            elif inner_end > tag_end:
                chunk = text[tag_end:inner_end]
                if name in RCDATA and "&" in chunk:
                    chunk = unescape(chunk)
                chunk = _xml_safe(chunk) if unsafe or name in RCDATA else chunk
                flush_text()
                before = element.text  # (an iframe's grafted srcdoc text)
                element.text = before + chunk if before else chunk
                run_texts.append(chunk)
                run_elements.append(element)
                run_tails.append(False)
                run_starts.append(base + tag_end)
            if closer >= 0:
                scanned = _scan_tag(text, closer + 2 + len(name), name, base + closer, None, issues)
                position = scanned.end
                if not scanned.closed:
                    issues.append(MarkupIssue("unterminated-tag", name, base + closer, base + length, "/"))
            else:
                position = length if cut < 0 else cut
            ends[element] = base + position
            if closer >= 0:
                closed.add(element)
            elif name != "plaintext" and cut < 0:
                issues.append(MarkupIssue("unclosed", name, absolute, base + tag_end))
            last_closed = element
            last_depth = len(stack)
            continue
        position = tag_end
        # Browsers honour `/>` only on SVG and MathML elements: `<div/>` opens a div that stays open.
        if self_closing and kind == _HTML and name not in VOID_ELEMENTS:
            slashed.add(element)
        elif name in VOID_ELEMENTS or self_closing:
            ends[element] = base + tag_end
            closed.add(element)
            last_closed = element
            last_depth = len(stack)
            continue
        if len(stack) > MAX_DEPTH:
            body.truncated = f"HTML nested more than {MAX_DEPTH} levels deep; the rest of the body was not checked"
            break
        stack.append(element)
        names.append(name)
        kinds.append(kind)
        open_counts[name] = open_counts.get(name, 0) + 1

    flush_text()
    if not body.runs_in_source_order:
        _runs_from_tree(body)
    if body.truncated:
        # What is still open is open because reading stopped, not because the author forgot an end tag.
        for element in stack[1:]:
            ends[element] = base + length
    else:
        close_to(1, base + length, None)
    return body


class _ShiftedFilter:
    """A :class:`RawHtmlFilter` for a part of the text that starts ``by`` characters into it."""

    def __init__(self, inner: RawHtmlFilter, by: int) -> None:
        self.inner = inner
        self.by = by

    def accepts(self, offset: int) -> bool:
        return self.inner.accepts(offset + self.by)

    def accepts_comment(self, offset: int) -> bool:
        return self.inner.accepts_comment(offset + self.by)

    @property
    def kramdown(self) -> bool:
        return bool(getattr(self.inner, "kramdown", False))


def _graft_noscript(
    body: HtmlBody,
    noscript: Element,
    text: str,
    start: int,
    end: int,
    base: int,
    masks: list[tuple[int, int]],
    raw_html: RawHtmlFilter | None,
    srcdoc_depth: int,
) -> None:
    """Read ``text[start:end]`` (a ``<noscript>``'s raw text) as HTML and hang its elements under ``noscript``
    at their own positions. A ``<noscript>`` inside is an ordinary element there (the text holds no
    ``</noscript`` to end it), so nesting costs one reading of each character, not one per level."""
    inner_masks = [(max(s, start) - start, min(e, end) - start) for s, e in masks if e > start and s < end]
    shifted = _ShiftedFilter(raw_html, start) if raw_html is not None else None
    inner = parse_html(text[start:end], base + start, inner_masks, shifted, srcdoc_depth, _in_noscript=True)
    if inner.root.text:
        noscript.text = (noscript.text or "") + inner.root.text
    for child in list(inner.root):
        noscript.append(child)
    body.elements.extend(inner.elements)
    body.noscript_content.update(inner.elements)
    for tag, elements in inner.by_tag.items():
        body.by_tag.setdefault(tag, []).extend(elements)
    body.start_tags.update(inner.start_tags)
    body.ends.update(inner.ends)
    body.closed.update(inner.closed)
    body.attributes.update(inner.attributes)
    body.issues.extend(inner.issues)
    body.comments.extend(inner.comments)
    if inner.truncated or len(body.elements) > MAX_ELEMENTS:
        body.truncated = (
            inner.truncated or f"more than {MAX_ELEMENTS:,} HTML elements; the rest of the body was not checked"
        )


# A start tag as kramdown's HTML parser reads it (kramdown 2.4 `HTML_TAG_RE`): REXML names, and values that are
# one word or quoted. kramdown writes such a tag again with `<` escaped in its values.
_KRAMDOWN_NAME = r"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?"
_KRAMDOWN_TAG = lazy_regex(
    r"<" + _KRAMDOWN_NAME + r"(?:\s+" + _KRAMDOWN_NAME + r"(?:\s*=\s*(?:\w+|\"[^\"]*\"|'[^']*'))?)*\s*/?>"
)
# Where a kramdown paragraph may end: a blank line, or a line that starts with a tag (which may open an HTML
# block). Ending a <noscript> there is never later than kramdown ends it.
_PARAGRAPH_BREAK = lazy_regex(r"\n[ \t]*(?:\n|<[A-Za-z/!?])")


def _in_paragraph(text: str, start: int) -> bool:
    """Whether something other than spaces stands before ``start`` on its line (a span-level tag to kramdown)."""
    at = start - 1
    while at >= 0 and text[at] in " \t":
        at -= 1
    return at >= 0 and text[at] != "\n"


#: Elements besides RAW_TEXT and RCDATA whose content browsers do not read as markup.
_KRAMDOWN_RAW = frozenset(("script", "plaintext", "noscript"))
_NOSCRIPT_END = lazy_regex(r"</noscript(?=[\t\n\f\r />])", re.I)


def _kramdown_noscript_end(text: str, start: int) -> int:
    """Where the raw text of a ``<noscript>`` that kramdown wrote ends for a browser that runs scripts: at the
    first ``</noscript`` of kramdown's output. kramdown parses the tags inside and writes them again with ``<``
    escaped in their values, so a ``</noscript`` in a quoted value of a tag it parses ends nothing
    (``<p title="</noscript><img ...>">`` stays inside); in text, comments and raw elements it does.

    Only the tag that opens last before a ``</noscript`` is tried, and its value must close within
    :data:`_VALUE_REACH` characters after it; otherwise the raw text ends there, which is never later than
    kramdown's end (the safe side). Linear: the stretches tried do not overlap."""
    position = start
    while True:
        found = _NOSCRIPT_END.search(text, position)
        if found is None:
            return -1
        end = found.start()
        tag_start = text.rfind("<", position, end)
        tag = None if tag_start < 0 else _KRAMDOWN_TAG.match(text, tag_start, end + _VALUE_REACH)
        if tag is None or tag.end() <= end:
            return end
        position = tag.end()


_VALUE_REACH = 256


def _graft_srcdoc(body: HtmlBody, iframe: Element, srcdoc: Attribute, depth: int) -> None:
    """Read the document in an ``<iframe srcdoc>`` and hang its elements under the iframe, each placed at the
    ``srcdoc`` attribute: its scripts and handlers run as the page's own."""
    if depth >= MAX_SRCDOC_DEPTH or srcdoc.value is None:
        return
    inner = parse_html(srcdoc.value, 0, _srcdoc_depth=depth + 1)
    room = MAX_ELEMENTS - len(body.elements)
    if len(inner.elements) > room:
        body.truncated = f"more than {MAX_ELEMENTS:,} HTML elements; the rest of the body was not checked"
    place = (srcdoc.start, srcdoc.end)
    body.runs_in_source_order = False  # the grafted text has no place of its own in the source
    if inner.root.text:
        iframe.text = (iframe.text or "") + inner.root.text
    for child in list(inner.root):
        iframe.append(child)
    for element in inner.elements[: max(room, 0)]:
        body.elements.append(element)
        body.by_tag.setdefault(element.tag, []).append(element)
        body.start_tags[element] = place
        body.ends[element] = srcdoc.end
        body.closed.add(element)
        found = inner.attributes.get(element)
        if found:
            body.attributes[element] = tuple(attribute._replace(start=place[0], end=place[1]) for attribute in found)


def _runs_from_tree(body: HtmlBody) -> None:
    """Read the runs off the finished tree (document order, as ``itertext``), when the reader could not
    record them as it went, and the runs each element holds."""
    texts: list[str] = []
    elements: list[Element] = []
    tails: list[bool] = []
    ranges: dict[Element, tuple[int, int]] = {}
    entered: dict[Element, int] = {}
    stack: list[tuple[Element, bool]] = [(body.root, False)]
    while stack:
        element, leaving = stack.pop()
        if leaving:
            ranges[element] = (entered[element], len(texts))
            if element.tail and element is not body.root:
                texts.append(element.tail)
                elements.append(element)
                tails.append(True)
            continue
        entered[element] = len(texts)
        if element.text:
            texts.append(element.text)
            elements.append(element)
            tails.append(False)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    body.run_texts[:] = texts
    body.run_elements[:] = elements
    body.run_tails[:] = tails
    body.run_starts.clear()
    body.walked_ranges = ranges


_NO_BOUNDARY: frozenset[str] = frozenset()
_HTML, _SVG, _MATHML, _INTEGRATION_POINT = 0, 1, 2, 3
_FOREIGN = (_SVG, _MATHML)
#: Children of these are HTML again (HTML integration points, MathML text integration points).
_MATH_TEXT = frozenset("mi mo mn ms mtext".split())
_INTEGRATION = {_SVG: frozenset(("foreignobject", "desc", "title")), _MATHML: _MATH_TEXT}
#: Start tags that end SVG and MathML content (the tree builder's "rules for parsing tokens in foreign content").
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu "
    "meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
_TABLE_BOUNDARY = frozenset(("table",))
#: Start tags that close an open sibling of theirs (and where the search for one stops).
_CLOSES_SIBLINGS: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "li": (("li", _LIST_SCOPE_BOUNDARY),),
    "dt": (("dt", _LIST_SCOPE_BOUNDARY), ("dd", _LIST_SCOPE_BOUNDARY)),
    "dd": (("dt", _LIST_SCOPE_BOUNDARY), ("dd", _LIST_SCOPE_BOUNDARY)),
    "td": (("td", _TABLE_BOUNDARY), ("th", _TABLE_BOUNDARY)),
    "th": (("td", _TABLE_BOUNDARY), ("th", _TABLE_BOUNDARY)),
    "tr": (("td", _TABLE_BOUNDARY), ("th", _TABLE_BOUNDARY), ("tr", _TABLE_BOUNDARY)),
    "option": (("option", _TABLE_BOUNDARY),),
}


@lru_cache(maxsize=64)
def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(r"</" + re.escape(name) + r"(?=[\t\n\f\r />])", re.I)


#: Names of the form HTML elements have; anything else (``<host.name>``, ``<https:>``) is an unknown
#: element with nothing to close, never reported as unclosed.
_PLAIN_TAG = re.compile(r"[a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)?")
