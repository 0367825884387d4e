"""kramdown's attribute lists: the HTML attributes a Jekyll post sets without writing HTML.

kramdown (Jekyll's Markdown) copies the key-value pairs of an inline attribute list (IAL) onto an element:
``![photo](/p.png){: onerror="..."}`` renders ``<img ... onerror="...">``, ``[a](/x){: href="javascript:..."}``
replaces the link's target, a block IAL on its own line (``{: onclick="..."}``) sets the paragraph's, and an
attribute list definition (``{:name: onclick="..."}``) sets them wherever ``{: name}`` refers to it. So the PL7
rules read them as they read attributes in HTML tags.

The grammar (kramdown 2.4, ``parser/kramdown/extensions.rb``): a list opens with ``{:`` not followed by ``:``
(``{::`` is an extension tag) and runs to the first ``}`` not escaped by ``\\``; inside, a pair is a name
(a word character, then word characters and ``-``) right after the start or white space, ``=``, and a value in
``"`` or ``'`` that ends at the first such quote followed by white space or the end. ``\\}`` and an escaped
quote stand for themselves; nothing else is unescaped, and kramdown escapes the value when it writes it (so
``&#106;`` stays text). Where a value never finds its end, kramdown tries the next word; so does this reader,
which therefore lists every pair kramdown can read and perhaps a few more, never fewer.

Linear: each list ends at one forward search for ``}``, and when none is left no later list can end either.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from postlint.core.lazyre import lazy_regex
from postlint.reading.html import Attribute

_KEY = lazy_regex(r"\w[\w-]*")
# A value ends at its quote followed by white space or the end. kramdown may also read `\"` as an escaped
# quote and end later; ending at the first candidate reads the rest as more pairs, so none is missed.
_VALUE_END = {'"': lazy_regex(r'"(?=\s|\Z)'), "'": lazy_regex(r"'(?=\s|\Z)")}
_LIST_END = lazy_regex(r"(?<!\\)\}")
# What may follow a block IAL or an ALD on its line.
_LINE_REST = lazy_regex(r"[ \t\r]*(?:\n|\Z)")
# The last character of a span element that writes its attributes: emphasis (`*`, `_`), a link or image (`)`,
# `]`), a code span, an HTML element (`>`), math (`$`). kramdown applies a span IAL only right after an element,
# and ignores one after text (`## Title {: onclick=...}` is the heading's text).
_SPAN_ENDS = frozenset("*_)]`>$")


def attribute_lists(text: str, base: int, masked: list[tuple[int, int]]) -> list[Attribute]:
    """The key-value pairs that kramdown sets from the IALs in ``text`` (a body starting at absolute offset
    ``base``) outside the relative ``masked`` regions (code), and from the ALDs they refer to, with lower-case
    names (HTML reads ``ONCLICK`` as ``onclick``) and absolute offsets from the name to the closing quote."""
    found: list[Attribute] = []
    if "{:" not in text:
        return found
    definitions: dict[str, tuple[list[Attribute], list[str]]] = {}
    used: list[str] = []
    starts = [start for start, _ in masked]
    position = 0
    while True:
        opened = text.find("{:", position)
        if opened < 0:
            break
        position = opened + 2
        if text.startswith(":", position) or (opened > 0 and text[opened - 1] == "\\"):
            continue  # `{::extension}`, or an escaped `\{` that Markdown shows as text
        index = bisect_right(starts, opened) - 1
        if index >= 0 and masked[index][0] <= opened < masked[index][1]:
            position = masked[index][1]
            continue
        closed = _LIST_END.search(text, position)
        # With no unescaped `}` left, kramdown's pattern backtracks to the last `\}`.
        content_end = closed.start() if closed is not None else text.rfind("}", position)
        if content_end >= 0:
            kind = _applies(text, opened, content_end + 1)
            named = _ALD_NAME.match(text, position, content_end) if kind == "block" else None
            if named is not None:  # `{:name: ...}` on its own line defines attributes for `{: name}`
                definitions[named.group(1)] = (
                    _pairs(text, named.end(), content_end, base),
                    _references(text[named.end() : content_end]),
                )
            elif kind:
                found.extend(_pairs(text, position, content_end, base))
                used.extend(_references(text[position:content_end]))
        if closed is None:
            break
        position = closed.end()
    # kramdown resolves references once the document is read: a definition may come after its use, and refer on.
    seen: set[str] = set()
    while used:
        name = used.pop()
        if name in seen or name not in definitions:
            continue
        seen.add(name)
        pairs, further = definitions[name]
        found.extend(pairs)
        used.extend(further)
    if seen:
        found.sort(key=lambda attribute: attribute.start)
    return found


_ALD_NAME = lazy_regex(r"(\w[\w-]*):")
_REFERENCE = lazy_regex(r"\w[\w-]*")


def _references(content: str) -> list[str]:
    """The words of a list that name an ALD (neither ``key="value"`` nor ``#id`` nor ``.class``)."""
    return [word for word in content.split() if _REFERENCE.fullmatch(word)]


def _applies(text: str, opened: int, closed: int) -> str:
    """Whether kramdown reads the list ``text[opened:closed]``: ``"block"`` for a block IAL or an ALD alone on
    its line (up to three spaces in), ``"span"`` for a span IAL right after a span element (kramdown 2.4
    ``parse_span_extensions``: "Found span IAL after text - ignoring it"), else ``""``."""
    indent = opened
    while indent > 0 and opened - indent < 4 and text[indent - 1] == " ":
        indent -= 1
    at_line_start = indent == 0 or text[indent - 1] == "\n"
    if at_line_start and opened - indent <= 3 and _LINE_REST.match(text, closed) is not None:
        return "block"
    return "span" if opened > 0 and text[opened - 1] in _SPAN_ENDS else ""


def _pairs(text: str, start: int, end: int, base: int) -> list[Attribute]:
    """The key-value pairs in ``text[start:end]`` (one list's content), read as kramdown's
    ``ALD_TYPE_ANY`` pattern scans it."""
    pairs: list[Attribute] = []
    content = text[start:end]
    position = 0
    length = len(content)
    unended: set[str] = set()  # quotes with no end left: a later value in them cannot end either
    while position < length:
        key = _KEY.search(content, position)
        if key is None:
            break
        position = key.end()
        if key.start() > 0 and not content[key.start() - 1].isspace():
            continue  # a pair starts at the start of the list or after white space
        if not content.startswith("=", position) or position + 1 >= length or content[position + 1] not in "\"'":
            continue
        quote = content[position + 1]
        closing = None if quote in unended else _VALUE_END[quote].search(content, position + 2)
        if closing is None:
            unended.add(quote)
            position += 2  # kramdown tries the words after this one
            continue
        value = re.sub(r"\\([}" + quote + "])", r"\1", content[position + 2 : closing.start()])
        pairs.append(Attribute(key.group().lower(), value, base + start + key.start(), base + start + closing.end()))
        position = closing.end()
    return pairs
