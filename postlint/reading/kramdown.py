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

from postlint.reading.html import Attribute

_KEY = re.compile(r"\w[\w-]*")
# A value ends at its quote followed by white space or the end. kramdown may also read `\"` as an escaped
# quote and end later; ending at the first candidate reads the rest as more pairs, so none is missed.
_VALUE_END = {'"': re.compile(r'"(?=\s|\Z)'), "'": re.compile(r"'(?=\s|\Z)")}
_LIST_END = re.compile(r"(?<!\\)\}")


def attribute_lists(text: str, base: int, masked: list[tuple[int, int]]) -> list[Attribute]:
    """The key-value pairs of every IAL and ALD in ``text`` (a body starting at absolute offset ``base``)
    outside the relative ``masked`` regions (code), with lower-case names (HTML reads ``ONCLICK`` as
    ``onclick``) and absolute offsets from the name to the closing quote."""
    found: list[Attribute] = []
    if "{:" not in text:
        return found
    starts = [start for start, _ in masked]
    position = 0
    while True:
        opened = text.find("{:", position)
        if opened < 0:
            return found
        position = opened + 2
        if text.startswith(":", position) or (opened > 0 and text[opened - 1] == "\\"):
            continue  # `{::extension}`, or an escaped `\{` that Markdown shows as text
        index = bisect_right(starts, opened) - 1
        if index >= 0 and masked[index][0] <= opened < masked[index][1]:
            position = masked[index][1]
            continue
        closed = _LIST_END.search(text, position)
        if closed is None:
            # With no unescaped `}` left, kramdown's pattern backtracks to the last `\}`.
            last = text.rfind("}", position)
            if last >= 0:
                found.extend(_pairs(text, position, last, base))
            return found
        found.extend(_pairs(text, position, closed.start(), base))
        position = closed.end()


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
