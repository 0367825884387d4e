"""Make text from a post or a file name inert for the place it is written to: one function per sink.

Everything a reporter prints that came from a post, a path or a repository's config (messages, paths,
rule names of plugins, source hosts) passes through exactly one of these functions, for every finding.
postlint's own words (counts, headings, the ``::warning`` keyword) do not need to.

How a character that must not reach a sink raw is shown, the same in every format:

- ``\\t``, ``\\n``, ``\\r`` for tab, line feed and carriage return;
- ``\\xNN`` for the other ASCII controls and DEL (``\\x1b``), and for a byte of a file name that is not
  UTF-8 (Python reads such a name with one lone surrogate U+DC80..U+DCFF per byte; ``\\xff`` is byte 0xFF);
  ``\\xNN`` therefore always means one byte;
- ``\\uNNNN`` / ``\\UNNNNNNNN`` for every other code point that is invisible or changes how text around it
  reads: C1 controls, bidirectional overrides and isolates (``\\u202e``), zero-width and other format
  characters (category Cf, so also the zero-width joiner of emoji sequences), line and paragraph separators,
  other lone surrogates, noncharacters, and every other code point that renders as nothing: the whole
  Default_Ignorable_Code_Point class of Unicode's DerivedCoreProperties (variation selectors U+FE00..FE0F
  and U+E0100..E01EF, Mongolian free variation selectors U+180B..180F, U+17B4/U+17B5, the Hangul fillers
  U+115F, U+1160, U+3164, U+FFA0, U+034F, the reserved U+2065, U+FFF0..FFF8 and U+E0000..E0FFF) and
  U+2800 (the blank Braille pattern).

A backslash already in the text is left as it is (so ``\\x1b`` in the output may also be those four
characters); the ``json`` format carries the exact text of every message for whoever needs to tell.

Sinks: :func:`terminal` (text format, messages on standard error, plain GitHub log lines),
:func:`github_property` and :func:`github_data` (workflow commands), :func:`github_log_line`,
:func:`markdown_text` and :func:`markdown_code` (pull-request comments, job summaries), :func:`html_text`,
:func:`xml_text` (JUnit), :func:`json_document` (JSON, GitLab, SARIF: always valid UTF-8; JSON escapes
control characters itself) and :func:`uri_path` (SARIF artifact locations).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from postlint.core.lazyre import lazy_regex

# Code points shown as escapes. The ranges are the Unicode 18 categories Cc, Cf, Zl, Zp and Cs (a test
# checks they cover those categories in the running Python's Unicode database), noncharacters, and every
# Default_Ignorable_Code_Point (DerivedCoreProperties: Cf, Variation_Selector and
# Other_Default_Ignorable_Code_Point; a test lists them) plus U+2800, which renders blank.
_UNSAFE_RANGES = (
    "\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f\u1160"
    "\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164\ud800-\udfff"
    "\ufdd0-\ufdef\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\ufffe\uffff\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
)
_UNSAFE = lazy_regex(f"[{_UNSAFE_RANGES}]")
# The same without the C0 controls, which json.dumps escapes itself (and whose line feed indents a document).
_JSON_UNSAFE = lazy_regex(f"[{_UNSAFE_RANGES.removeprefix(chr(0) + '-' + chr(0x1F))}]")

# str.isprintable() (in C) is False for all of Cc, Cf, Zl, Zp, Cs and Cn, and for noncharacters: printable
# text only needs a check for the blank or ignorable letters, marks and symbols (variation selectors are
# marks, the Hangul fillers letters, U+2800 a symbol).
_FILLER = lazy_regex(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def _has_filler(text: str) -> bool:
    return _FILLER.search(text) is not None


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _show(match: re.Match[str]) -> str:
    char = match.group()
    point = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if point < 0x80:
        return f"\\x{point:02x}"
    if 0xDC80 <= point <= 0xDCFF:  # one byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{point - 0xDC00:02x}"
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def terminal(text: str) -> str:
    """``text`` on one line with every control, bidi, invisible or undecodable character shown as an escape."""
    if text.isprintable() and (text.isascii() or not _has_filler(text)):
        return text
    return _UNSAFE.sub(_show, text)


def terminal_lines(text: str) -> str:
    """Like :func:`terminal`, but line feeds and tabs stay as they are (multi-line text such as rule docs)."""
    return "\n".join("\t".join(terminal(part) for part in line.split("\t")) for line in text.split("\n"))


# --- GitHub workflow commands -------------------------------------------------------------------------
# The runner reads its output line by line (CR, LF and CRLF all end a line), trims leading white space and
# parses a line starting with "::" as a command; failing that, "##[name" anywhere in the line is a
# command in the older syntax. In a command, the data unescapes %25 %0D %0A and properties also %3A %2C.


def github_data(text: str) -> str:
    """The message part of ``::command props::message``: one line, decoded by the runner to terminal(text)."""
    return terminal(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (``file=``, ``title=``): no ``:`` or ``,`` to end it early, decoded to terminal(text)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_log_line(text: str) -> str:
    """A plain log line the runner cannot read as a workflow command in either syntax (``::`` at the start
    after white space, ``##[`` anywhere): the colon or bracket that would make it one is shown as an escape.
    (Every stream postlint writes applies the same rule again: :mod:`postlint.reporters._stream`.)"""
    from postlint.reporters._stream import neutralise

    return neutralise(terminal(text))


# --- Markdown (GitHub-flavoured: pull-request comments, job summaries) ------------------------------------
# Nothing may come out live: no raw HTML or comment (`<`), no link or image (`[`), no entity (`&`), no
# table cell break (`|`), no code span break (backtick), no emphasis, strikethrough or math, and none of the
# text GitHub links after rendering (bare URLs, www., e-mail addresses, @mentions, #123 references): a word
# holding one of those is shown as code, where GitHub links nothing. Backslash escapes render as the
# character itself, so the comment reads like the message.

_ALWAYS_ESCAPED = frozenset("\\`*[]<&|~$")
_LIVE_WORD = lazy_regex(r"@\w|#\d|//|(?i:gh-\d|www\.|mailto:|xmpp:)")
_WORDS = lazy_regex(r"( +)")


def _escape_word(word: str) -> str:
    if not any(char in _ALWAYS_ESCAPED or char == "_" for char in word):
        return word
    out = []
    for index, char in enumerate(word):
        if char in _ALWAYS_ESCAPED:
            out.append("\\" + char)
        elif char == "_" and not (
            0 < index < len(word) - 1 and word[index - 1].isalnum() and word[index + 1].isalnum()
        ):  # an underscore inside a word never starts emphasis; elsewhere it may
            out.append("\\_")
        else:
            out.append(char)
    return "".join(out)


def markdown_code(text: str) -> str:
    """``text`` as one inline code span, fenced by more backticks than it holds, safe in a table cell."""
    shown = terminal(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    if shown.startswith("`") or shown.endswith("`") or (shown.startswith(" ") and shown.endswith(" ")):
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


def markdown_text(text: str) -> str:
    """``text`` as inert inline Markdown (table cells included) that renders as the text itself."""
    shown = terminal(text)
    return "".join(
        part if part.startswith(" ") else markdown_code(part) if _LIVE_WORD.search(part) else _escape_word(part)
        for part in _WORDS.split(shown)
        if part
    )


# --- HTML, XML, JSON -----------------------------------------------------------------------------------


def html_text(text: object, lines: bool = False) -> str:
    """Text or an attribute value (in double quotes) in an HTML page; ``lines``: keep line feeds and tabs
    (for a ``<pre>`` block)."""
    import html  # here: only the HTML report escapes (html.entities is a millisecond of every start)

    return html.escape((terminal_lines if lines else terminal)(str(text)), quote=True)


def xml_text(text: str) -> str:
    """Text for an XML element or attribute (the serializer escapes markup): only characters XML 1.0 allows,
    and nothing that reorders or hides text in the CI page that shows it."""
    return terminal(text)


def json_text(text: str) -> str:
    """The exact text, except code points UTF-8 cannot carry (lone surrogates), shown as escapes."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", _show, text)
    return text


def json_safe(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, strings, numbers) with every string and key made :func:`json_text`."""
    if isinstance(value, str):
        return json_text(value)
    if isinstance(value, dict):
        return {json_safe(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def _json_escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    point -= 0x10000
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def json_inert(text: str) -> str:
    """JSON text with every character :func:`terminal` would escape written as a JSON ``\\uNNNN`` escape: a
    parser reads the same strings, and a terminal or CI log that shows the document shows no bidi override,
    C1 control, line separator or invisible character. (JSON's own syntax is ASCII and ``json.dumps`` escapes
    the C0 controls, so such a character can only stand inside a string.)"""
    if text.isascii() and "\x7f" not in text:
        return text
    return _JSON_UNSAFE.sub(_json_escape, text)


def json_document(value: Any, indent: int | None = 2) -> str:
    """``value`` as indented JSON text that is valid UTF-8 (:func:`json_safe` is applied only when needed) and
    shows nothing invisible (:func:`json_inert`)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(json_safe(value), ensure_ascii=False, indent=indent)
    return json_inert(text)


def uri_path(path: str) -> str:
    """A relative path as a URI reference: ``/`` separators, every other byte outside the unreserved set
    percent-encoded (a file name byte that is not UTF-8 as itself, ``%FF``)."""
    path = path.replace("\\", "/").removeprefix("./")
    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte: percent-encode how it is shown
        data = re.sub("[\ud800-\udfff]", _show, path).encode("utf-8", "surrogateescape")
    return quote(data, safe="/")
