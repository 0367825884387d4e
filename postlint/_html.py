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
from functools import lru_cache
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


def parse_html(text: str, base: int = 0, masked: list[tuple[int, int]] | None = None) -> HtmlBody:
    """Parse ``text`` (the body, starting at absolute offset ``base``) into an :class:`HtmlBody`.

    ``masked`` lists relative ``(start, end)`` regions (Markdown code) in which nothing is markup. Past
    :data:`MAX_ELEMENTS` elements the rest of the body is not read, and elements nested deeper than
    :data:`MAX_DEPTH` stop the reading there; either way ``truncated`` says why.
    """
    root = etree.Element("body")
    body = HtmlBody(root)
    stack: list[Element] = [root]
    names: list[str] = ["body"]
    open_counts: dict[str, int] = {}  # how many of each element are open: find_open is O(1) when none is
    last_closed: Element | None = None  # the element whose tail receives the next text
    masks = sorted(masked or [])
    mask_index = 0
    position = 0
    length = len(text)

    def add_text(chunk: str) -> None:
        if not chunk:
            return
        if "&" in chunk:
            chunk = unescape(chunk)
        chunk = _xml_safe(chunk)
        if last_closed is not None and last_closed.getparent() is stack[-1]:
            last_closed.tail = (last_closed.tail or "") + chunk
        else:
            parent = stack[-1]
            parent.text = (parent.text or "") + chunk

    def close_to(depth: int, at: int, explicit_end: int | None) -> None:
        """Pop the stack down to ``depth`` (exclusive); implicitly closed elements end at ``at``."""
        nonlocal last_closed
        while len(stack) > depth:
            element = stack.pop()
            name = names.pop()
            open_counts[name] -= 1
            if len(stack) == depth and explicit_end is not None:
                body.ends[element] = explicit_end
                body.closed.add(element)
            else:
                body.ends[element] = at
                if name not in OPTIONAL_END:
                    tag_start, tag_end = body.start_tags[element]
                    body.issues.append(MarkupIssue("unclosed", name, tag_start, tag_end))
            last_closed = element

    def find_open(name: str, boundary: frozenset[str]) -> int:
        if not open_counts.get(name):
            return -1
        for index in range(len(names) - 1, 0, -1):
            if names[index] == name:
                return index
            if names[index] in boundary:
                return -1
        return -1

    while position < length:
        match = _TOKEN.search(text, position)
        if match is None:
            add_text(text[position:])
            break
        begin = match.start()
        # Skip tokens that start inside masked (code) regions.
        while mask_index < len(masks) and masks[mask_index][1] <= begin:
            mask_index += 1
        if mask_index < len(masks) and masks[mask_index][0] <= begin:
            mask_end = masks[mask_index][1]
            add_text(text[position:mask_end])
            position = mask_end
            continue
        add_text(text[position:begin])
        absolute = base + begin
        if match.group("comment") is not None:
            close = text.find("-->", match.end())
            end = length if close < 0 else close + 3
            body.comments.append(Comment(absolute, base + end, text[match.end() : close if close >= 0 else length]))
            position = end
            continue
        end_name = match.group("end")
        if end_name is not None:
            name = end_name.lower()
            position = match.end()
            if name == "br":  # browsers read </br> as <br>
                continue
            depth = find_open(name, frozenset())
            if depth > 0:
                close_to(depth, absolute, base + position)
            else:
                body.issues.append(MarkupIssue("stray-end-tag", name, absolute, base + position))
            continue
        start_name = match.group("start")
        if start_name is None:  # <!DOCTYPE>, <?xml?>, <![CDATA[]]>
            position = match.end()
            continue
        if start_name.endswith(":") or ":/" in match.group(0)[: len(start_name) + 3]:
            # `<https://example.com>` is a Markdown autolink (or plain text), never an element.
            add_text(match.group(0))
            position = match.end()
            continue
        name = start_name.lower()
        raw_attributes = match.group("attrs") or ""
        tag_end = match.end()
        # Implied end tags for the elements real posts lean on.
        if name in CLOSES_P:
            depth = find_open("p", _P_SCOPE_BOUNDARY)
            # With a formatting element open inside the <p> (`<p><a><img><p>caption</p></a></p>`), browsers
            # close and then re-open it, so its own end tag still matches. Nesting keeps that pairing
            # without modelling the whole adoption agency, and reports nothing that browsers do not repair.
            if depth > 0 and not any(open_name in FORMATTING for open_name in names[depth + 1 :]):
                close_to(depth, absolute, None)
        if name == "li" or name in ("dt", "dd"):
            for sibling in ("li",) if name == "li" else ("dt", "dd"):
                depth = find_open(sibling, _LIST_SCOPE_BOUNDARY)
                if depth > 0:
                    close_to(depth, absolute, None)
        elif name in ("td", "th", "tr", "option"):
            closing: tuple[str, ...] = ("td", "th") if name in ("td", "th") else (name,)
            if name == "tr":
                closing = ("td", "th", "tr")
            for open_name in closing:
                depth = find_open(open_name, frozenset(("table",)))
                if depth > 0:
                    close_to(depth, absolute, None)

        attributes: list[Attribute] = []
        attrib: dict[str, str] = {}
        attrs_base = absolute + 1 + len(start_name)
        cursor = 0
        for found in _ATTRIBUTE.finditer(raw_attributes):
            gap = raw_attributes[cursor : found.start()]
            cursor = found.end()
            junk = found.group("junk")
            if junk is not None or not _ATTR_GAP_OK.fullmatch(gap):
                debris = junk if junk is not None else gap.strip(" \t\r\n/")
                offset = attrs_base + (
                    found.start()
                    if junk is not None
                    else cursor - len(found.group(0)) - len(gap) + gap.index(debris[0])
                )
                body.issues.append(MarkupIssue("malformed-attribute", name, offset, offset + len(debris), debris))
                if junk is not None:
                    continue
            attr_name = found.group("name").lower()
            value = found.group("value")
            if value is not None and value[:1] in "\"'":
                value = value[1:-1]
            if value is not None and "&" in value:
                value = unescape(value)
            attribute = Attribute(attr_name, value, attrs_base + found.start(), attrs_base + found.end())
            if any(existing.name == attr_name for existing in attributes):
                body.issues.append(MarkupIssue("duplicate-attribute", name, attribute.start, attribute.end, attr_name))
                continue  # HTML keeps the first
            attributes.append(attribute)
            if _XML_NAME.fullmatch(attr_name):
                attrib[attr_name] = _xml_safe(value) if value is not None else ""
        gap = raw_attributes[cursor:]
        if not _ATTR_GAP_OK.fullmatch(gap):
            debris = gap.strip(" \t\r\n/")
            offset = attrs_base + cursor + gap.index(debris[0])
            body.issues.append(MarkupIssue("malformed-attribute", name, offset, offset + len(debris), debris))

        if len(body.elements) >= MAX_ELEMENTS:
            body.truncated = f"more than {MAX_ELEMENTS:,} HTML elements; the rest of the body was not checked"
            break
        element = etree.SubElement(stack[-1], _safe_tag(name), attrib)
        body.elements.append(element)
        body.start_tags[element] = (absolute, base + tag_end)
        body.attributes[element] = tuple(attributes)
        last_closed = None
        self_closing = raw_attributes.rstrip().endswith("/")
        if name in RAW_TEXT_ELEMENTS and not self_closing:
            closer = re.compile(r"</" + re.escape(name) + r"\s*>", re.I).search(text, tag_end)
            inner_end = closer.start() if closer else length
            if inner_end > tag_end:
                element.text = _xml_safe(text[tag_end:inner_end])
            position = closer.end() if closer else length
            body.ends[element] = base + position
            if closer is not None:
                body.closed.add(element)
            if closer is None:
                body.issues.append(MarkupIssue("unclosed", name, absolute, base + tag_end))
            last_closed = element
            continue
        position = tag_end
        if name in VOID_ELEMENTS or self_closing:
            body.ends[element] = base + tag_end
            body.closed.add(element)
            last_closed = element
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
            body.ends[element] = base + length
    else:
        close_to(1, base + length, None)
    return body
