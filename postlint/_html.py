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
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import unescape
from typing import NamedTuple

from lxml import etree

Element = etree._Element

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr basefont bgsound frame".split()
)
RAW_TEXT_ELEMENTS = frozenset("script style textarea title xmp iframe noembed noframes plaintext".split())
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

# No part of a tag may run past the next `<`: otherwise every `<` of a body with unbalanced quotes or no `>`
# rescans to the end (a 160 kB body of `<a b` took 87 s). A `<` inside an attribute value is rare enough
# that such a tag is read as text.
_TOKEN = re.compile(
    r"""<(?:
        (?P<comment>!--)
      | /(?P<end>[A-Za-z][^\s/<>]*)[^<>]*>
      | (?P<start>[A-Za-z][^\s/>"'=<]*)(?P<attrs>(?:"[^"<]*"|'[^'<]*'|[^'"<>])*)>
      | [!?][^<>]*>
    )""",
    re.X,
)
# An attribute, or a piece of debris (a quoted string or `=value` with no name before it).
_ATTRIBUTE = re.compile(
    r"""(?P<junk>"[^"]*"?|'[^']*'?|=[^\s>]*)"""
    r"""|(?P<name>[^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
)
_ATTR_GAP_OK = re.compile(r"[\s/]*")
_XML_NAME = re.compile(r"[A-Za-z_][\w.\-]*")
# Characters XML (and so lxml) cannot hold; real posts contain backspaces and form feeds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


class Attribute(NamedTuple):
    """One attribute as written in a start tag (a tuple: real bodies have hundreds of thousands)."""

    name: str
    value: str | None
    start: int
    end: int


@dataclass(frozen=True)
class MarkupIssue:
    """Something a browser had to repair: ``unclosed``, ``stray-end-tag``, ``duplicate-attribute``,
    ``malformed-attribute``."""

    kind: str
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
    #: Elements whose extent is exactly known: void, self-closed, or closed by their own end tag.
    closed: set[Element] = field(default_factory=set)
    #: Elements by tag name, in document order (``iter("img")`` without a walk; do not modify).
    by_tag: dict[str, list[Element]] = field(default_factory=dict)

    @cached_property
    def attribute_text(self) -> str:
        """Every attribute's name and value (unescaped), lower-cased, one per line: a quick substring test
        on it tells whether any element can carry a given class, id or attribute before a walk of the tree."""
        return "\n".join(
            f"{attribute.name}={attribute.value or ''}" for found in self.attributes.values() for attribute in found
        ).lower()

    def start(self, element: Element) -> int:
        """Offset of the ``<`` of the element's start tag."""
        return self.start_tags[element][0]

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
    name = name.lower()
    return name if _XML_NAME.fullmatch(name) else "x-" + re.sub(r"[^\w.\-]", "-", name)


#: Bounds that keep one pathological body from stalling a run (real posts stay far below: the corpus's
#: largest body has under 2,000 elements, nested under 20 deep).
MAX_ELEMENTS = 50_000
MAX_DEPTH = 512
#: libxml2 looks up each new attribute among the element's others, so one tag with 100,000 attributes took
#: 35 s; real tags carry a few dozen at most.
MAX_ATTRIBUTES = 1_000


def parse_html(text: str, base: int = 0, masked: list[tuple[int, int]] | None = None) -> HtmlBody:
    """Parse ``text`` (the body, starting at absolute offset ``base``) into an :class:`HtmlBody`.

    ``masked`` lists relative ``(start, end)`` regions (Markdown code) in which nothing is markup. Past
    :data:`MAX_ELEMENTS` elements the rest of the body is not read, and elements nested deeper than
    :data:`MAX_DEPTH` stop the reading there; either way ``truncated`` says why.
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
    open_counts: dict[str, int] = {}  # how many of each element are open: find_open is O(1) when none is
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

    def add_text(chunk: str) -> None:
        if "&" in chunk:  # a character reference may spell a character lxml cannot hold
            chunk = _xml_safe(unescape(chunk))
        elif unsafe:
            chunk = _xml_safe(chunk)
        if last_closed is not None and last_depth == len(stack):
            last_closed.tail = (last_closed.tail or "") + chunk
        else:
            parent = stack[-1]
            parent.text = (parent.text or "") + chunk

    def close_to(depth: int, at: int, explicit_end: int | None) -> None:
        """Pop the stack down to ``depth`` (exclusive); implicitly closed elements end at ``at``."""
        nonlocal last_closed, last_depth
        while len(stack) > depth:
            element = stack.pop()
            name = names.pop()
            open_counts[name] -= 1
            if len(stack) == depth and explicit_end is not None:
                ends[element] = explicit_end
                closed.add(element)
            else:
                ends[element] = at
                if name not in OPTIONAL_END:
                    tag_start, tag_end = start_tags[element]
                    issues.append(MarkupIssue("unclosed", name, tag_start, tag_end))
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
    while position < length:
        match = search(text, position)
        if match is None:
            add_text(text[position:])
            break
        begin = match.start()
        if mask_index < mask_count:
            # Skip tokens that start inside masked (code) regions.
            while mask_index < mask_count and masks[mask_index][1] <= begin:
                mask_index += 1
            if mask_index < mask_count and masks[mask_index][0] <= begin:
                mask_end = masks[mask_index][1]
                add_text(text[position:mask_end])
                position = mask_end
                continue
        if begin > position:
            add_text(text[position:begin])
        absolute = base + begin
        comment, end_name, start_name, raw_attributes = match.groups()
        if comment is not None:
            close = text.find("-->", match.end())
            end = length if close < 0 else close + 3
            body.comments.append(Comment(absolute, base + end, text[match.end() : close if close >= 0 else length]))
            position = end
            continue
        if end_name is not None:
            name = end_name.lower()
            position = match.end()
            if names[-1] == name and len(names) > 1:  # the usual case: the innermost element ends
                element = stack.pop()
                names.pop()
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
            else:
                issues.append(MarkupIssue("stray-end-tag", name, absolute, base + position))
            continue
        if start_name is None:  # <!DOCTYPE>, <?xml?>, <![CDATA[]]>
            position = match.end()
            continue
        tag_end = match.end()
        raw_attributes = raw_attributes or ""
        if start_name[-1] == ":" or ":/" in text[begin : begin + len(start_name) + 3]:
            # `<https://example.com>` is a Markdown autolink (or plain text), never an element.
            add_text(match.group(0))
            position = tag_end
            continue
        name = start_name.lower()
        # Implied end tags for the elements real posts lean on.
        if name in CLOSES_P:
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

        attrib: dict[str, str] = {}
        attributes: tuple[Attribute, ...] = ()
        if raw_attributes and not raw_attributes.isspace():
            attributes = _read_attributes(name, raw_attributes, absolute + 1 + len(start_name), attrib, issues)
            if unsafe or "&" in raw_attributes:
                attrib = {key: _xml_safe(value) for key, value in attrib.items()}

        if len(elements) >= MAX_ELEMENTS:
            body.truncated = f"more than {MAX_ELEMENTS:,} HTML elements; the rest of the body was not checked"
            break
        too_many = len(attrib) > MAX_ATTRIBUTES
        if too_many:
            attrib = dict(list(attrib.items())[:MAX_ATTRIBUTES])
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
            body.attributes[element] = attributes
        if too_many:
            body.truncated = (
                f"an element with more than {MAX_ATTRIBUTES:,} attributes; the rest of the body was not checked"
            )
            ends[element] = base + tag_end
            break
        last_closed = None
        self_closing = raw_attributes.rstrip().endswith("/")
        if name in RAW_TEXT_ELEMENTS and not self_closing:
            closer = _raw_text_end(name).search(text, tag_end)
            inner_end = closer.start() if closer else length
            if inner_end > tag_end:
                chunk = text[tag_end:inner_end]
                element.text = _xml_safe(chunk) if unsafe else chunk
            position = closer.end() if closer else length
            ends[element] = base + position
            if closer is not None:
                closed.add(element)
            else:
                issues.append(MarkupIssue("unclosed", name, absolute, base + tag_end))
            last_closed = element
            last_depth = len(stack)
            continue
        position = tag_end
        if name in VOID_ELEMENTS or self_closing:
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
        open_counts[name] = open_counts.get(name, 0) + 1

    if body.truncated:
        # What is still open is open because reading stopped, not because the author forgot an end tag.
        for element in stack[1:]:
            ends[element] = base + length
    else:
        close_to(1, base + length, None)
    return body


_NO_BOUNDARY: frozenset[str] = frozenset()
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
    return re.compile(r"</" + re.escape(name) + r"\s*>", re.I)


def _read_attributes(
    name: str, raw: str, attrs_base: int, attrib: dict[str, str], issues: list[MarkupIssue]
) -> tuple[Attribute, ...]:
    """The attributes written in ``raw`` (fills ``attrib`` for lxml); debris and duplicates become issues."""
    attributes: list[Attribute] = []
    seen: set[str] = set()
    cursor = 0
    for found in _ATTRIBUTE.finditer(raw):
        gap_start = cursor
        cursor = found.end()
        junk, attr_name, value = found.groups()
        if junk is not None or (
            found.start() > gap_start and not _ATTR_GAP_OK.fullmatch(raw, gap_start, found.start())
        ):
            gap = raw[gap_start : found.start()]
            debris = junk if junk is not None else gap.strip(" \t\r\n/")
            offset = attrs_base + (found.start() if junk is not None else gap_start + gap.index(debris[0]))
            issues.append(MarkupIssue("malformed-attribute", name, offset, offset + len(debris), debris))
            if junk is not None:
                continue
        attr_name = attr_name.lower()
        if value is not None:
            if value[:1] in "\"'":
                value = value[1:-1]
            if "&" in value:
                value = unescape(value)
        attribute = Attribute(attr_name, value, attrs_base + found.start(), attrs_base + cursor)
        if attr_name in seen:
            issues.append(MarkupIssue("duplicate-attribute", name, attribute.start, attribute.end, attr_name))
            continue  # HTML keeps the first
        seen.add(attr_name)
        attributes.append(attribute)
        if _XML_NAME.fullmatch(attr_name):
            attrib[attr_name] = value if value is not None else ""
    if cursor < len(raw) and not _ATTR_GAP_OK.fullmatch(raw, cursor):
        gap = raw[cursor:]
        debris = gap.strip(" \t\r\n/")
        offset = attrs_base + cursor + gap.index(debris[0])
        issues.append(MarkupIssue("malformed-attribute", name, offset, offset + len(debris), debris))
    return tuple(attributes)
