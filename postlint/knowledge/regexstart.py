"""Where a case-insensitive regular expression can start a match, found fast.

Python's regex engine skips quickly to the places where a pattern can start only when it knows the pattern's
first characters; with ``re.IGNORECASE`` and a cased letter among them (``related|相关阅读``) it knows nothing,
and tries the whole pattern at every offset, ten times slower than the same pattern without the flag. The
boilerplate patterns run over the text of every post (most of it Chinese), so :class:`StartScan` reads the
pattern's first characters off its parse, adds every character that case-insensitive matching can take for
them, and lets a case-sensitive character class find the candidates; the pattern is tried only there. The
offsets found are exactly those of ``pattern.finditer``; a pattern it cannot read (one that may match the
empty string, or start with any character) is searched with ``finditer`` as before.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

# The parser of the `re` module (private, but the same on every Python we support): `re._parser` since 3.11.
_sre_parse: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

#: Blocks of code points without case (CJK, kana, Hangul, Yi, fullwidth punctuation): no character in them
#: matches a cased letter, whatever the case. Every other non-ASCII character may (Latin, Greek, Cyrillic,
#: `K` for `k`, `ſ` for `s`...). tests/test_regexstart.py checks this against the running Python's Unicode data.
UNCASED = (
    (0x0080, 0x00B4),  # C1 controls, Latin-1 punctuation (`µ`, at 0xB5, is cased)
    (0x0590, 0x109F),  # Hebrew, Arabic ... Thai, Tibetan, Myanmar
    (0x1100, 0x139F),  # Hangul Jamo, Ethiopic
    (0x1400, 0x1C7F),  # Canadian syllabics ... Khmer, Mongolian, Ol Chiki
    (0x2000, 0x20FF),  # general punctuation (“ ” — …), super- and subscripts, currency signs
    (0x2190, 0x24B5),  # arrows, mathematical operators, technical symbols, enclosed digits
    (0x24EA, 0x2BFF),  # box drawing, shapes, symbols, dingbats, Braille
    (0x2E80, 0xA4CF),  # CJK radicals and punctuation, kana, Bopomofo, CJK ideographs, Yi
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFF20),  # fullwidth punctuation and digits (the fullwidth letters are cased)
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFFEF),
    (0x1F000, 0x1FFFF),  # emoji and pictographs
    (0x20000, 0x3FFFF),  # CJK ideographs (supplementary)
)

#: Past this many candidates, when more than one in this many characters is one, the engine scans on its own.
_DENSE = 32
#: The last code point.
_TOP = 0x10FFFF
#: A range past which the characters of a class are not looked at one by one (taken as holding cased ones).
_SMALL = 256


def _cased_elsewhere() -> list[tuple[int, int]]:
    """Every non-ASCII code point outside :data:`UNCASED`, as ranges."""
    ranges: list[tuple[int, int]] = []
    low = 0x80
    for start, end in UNCASED:
        if low < start:
            ranges.append((low, start - 1))
        low = end + 1
    if low <= _TOP:
        ranges.append((low, _TOP))
    return ranges


def _variants(char: str) -> set[str]:
    """``char`` with the ASCII characters its case mappings lead to (twice over: ``ſ`` -> ``S`` -> ``s``)."""
    found = {char}
    for _ in range(2):
        for known in list(found):
            for mapped in (known.lower(), known.upper(), known.title(), known.casefold()):
                found.update(mapped)
    return {variant for variant in found if variant == char or variant.isascii()}


def _is_cased(char: str) -> bool:
    return char.lower() != char or char.upper() != char


def _name(op: Any) -> str:
    return str(getattr(op, "name", op))


def _class(items: Iterable[tuple[Any, Any]]) -> list[tuple[int, int]] | None:
    """The code point ranges of a character class's items, or ``None`` (negated, or a category such as ``\\s``)."""
    ranges: list[tuple[int, int]] = []
    for op, value in items:
        name = _name(op)
        if name == "LITERAL":
            ranges.append((value, value))
        elif name == "RANGE":
            ranges.append((value[0], value[1]))
        else:
            return None
    return ranges


def _firsts(items: Iterable[tuple[Any, Any]]) -> tuple[list[tuple[int, int]] | None, bool]:
    """The ranges of the characters a match of ``items`` (a parsed sequence) can start with, or ``None`` when
    any may; and whether the sequence can match the empty string."""
    firsts: list[tuple[int, int]] = []
    for op, value in items:
        name = _name(op)
        if name == "LITERAL":
            return [*firsts, (value, value)], False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # (zero-width: what follows starts the match)
            continue
        if name == "IN":
            ranges = _class(value)
            return (None if ranges is None else [*firsts, *ranges]), False
        if name == "BRANCH":
            nullable = False
            for branch in value[1]:
                found, empty = _firsts(branch)
                if found is None:
                    return None, False
                firsts.extend(found)
                nullable = nullable or empty
            if nullable:
                continue
            return firsts, False
        if name in ("SUBPATTERN", "ATOMIC_GROUP", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            inner = value[3] if name == "SUBPATTERN" else value if name == "ATOMIC_GROUP" else value[2]
            found, empty = _firsts(inner)
            if found is None:
                return None, False
            firsts.extend(found)
            if empty or (name.endswith("REPEAT") and value[0] == 0):
                continue
            return firsts, False
        return None, False  # any character, a back reference, a conditional: not read
    return firsts, True


def start_class(pattern: str, flags: int = 0, exact: bool = False) -> re.Pattern[str] | None:
    """A case-sensitive character class holding every character that a match of ``pattern`` (compiled with
    ``flags``) can start with, or ``None`` when that is not known or every character may. ``exact``: the
    pattern matches case-sensitively throughout (no other case of its characters is added)."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
        firsts, empty = _firsts(parsed.data)
    except Exception:  # pragma: no cover - a pattern the parser of this Python reads differently
        return None
    if firsts is None or empty:
        return None
    cased = False
    ranges: list[tuple[int, int]] = []
    for low, high in firsts:
        ranges.append((low, high))
        if exact:
            continue
        if high - low > _SMALL:
            cased = True  # (a wide range: taken as holding cased letters)
            ranges.extend([(ord("A"), ord("Z")), (ord("a"), ord("z"))])
            continue
        for point in range(low, high + 1):
            char = chr(point)
            if _is_cased(char) or any(_is_cased(variant) for variant in _variants(char)):
                cased = True
                ranges.extend((ord(variant), ord(variant)) for variant in _variants(char))
    if cased:  # (a case-insensitive group may sit in a pattern compiled without the flag)
        ranges.extend(_cased_elsewhere())
    body = "".join(
        _escaped(low) if low == high else f"{_escaped(low)}-{_escaped(high)}" for low, high in _merged(ranges)
    )
    return re.compile(f"[{body}]")


def _escaped(point: int) -> str:
    return f"\\U{point:08x}"


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


# --- The same pattern without IGNORECASE, over the lower-cased text ---------------------------------------
#
# With IGNORECASE, the engine compares each character of the text through its lower case, and cannot use its
# quick first-character tests: an alternation of 80 words is tried word by word at every offset. When every
# character the pattern names is uncased (CJK, punctuation, digits, `\s`, `\w`) or a lower-case letter with
# no other letter folding to it, the case-sensitive pattern over ``text.lower()`` matches at the same offsets,
# provided that lower-casing kept every character one character long (`İ` becomes two) and the text holds
# neither `ı` nor `ſ` (which IGNORECASE takes for `i` and `s`, although they do not lower-case to them).
# tests/test_regexstart.py holds the two to each other on generated texts, and checks the premises (no
# character whose lower case is another character changes its class `\w`, `\s` or `\d`) on every code point.

#: Characters that IGNORECASE matches to a lower-case ASCII letter although they do not lower-case to it.
FOLD_ODD = "ıſ"


def plain_equivalent(pattern: str, flags: int) -> re.Pattern[str] | None:
    """``pattern`` compiled without IGNORECASE when, over a lower-cased text that passes :func:`lowered_alike`,
    it matches where ``re.compile(pattern, flags)`` matches over the original text; ``None`` otherwise."""
    if not flags & re.IGNORECASE or flags & (re.LOCALE | re.ASCII):
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        if not _plain_items(parsed.data):
            return None
        return re.compile(pattern, flags & ~re.IGNORECASE)
    except Exception:  # pragma: no cover - a pattern the parser of this Python reads differently
        return None


def lowered_alike(text: str, lowered: str) -> bool:
    """Whether ``lowered`` (``text.lower()``) keeps every character of ``text`` at its offset, and ``text``
    holds none of :data:`FOLD_ODD`: then :func:`plain_equivalent` patterns may scan it."""
    return len(lowered) == len(text) and not any(char in text for char in FOLD_ODD)


def _fold_fixes() -> frozenset[int]:
    """The lower-case characters that IGNORECASE also matches to other lower-case ones (`s` and `ſ`)."""
    try:
        if sys.version_info >= (3, 11):
            fixes = importlib.import_module("re._casefix")._EXTRA_CASES
        else:  # pragma: no cover
            fixes = importlib.import_module("sre_compile")._ignorecase_fixes
        return frozenset(fixes)
    except Exception:  # pragma: no cover - then no cased character is taken as plain
        return frozenset(range(_TOP + 1))


_FIXES = _fold_fixes()


def _plain_char(point: int) -> bool:
    """A character that matches the same under IGNORECASE as, case-sensitively, over lower-cased text: an
    uncased one, or a lower-case one that no other lower-case character matches (`a`, fullwidth `ａ`), or
    `i` and `s` (whose other forms :func:`lowered_alike` keeps out of the text)."""
    char = chr(point)
    if not _is_cased(char):
        return True
    if char in "is":
        return True
    return char.lower() == char and point not in _FIXES


def _plain_items(items: Iterable[tuple[Any, Any]]) -> bool:
    for op, value in items:
        name = _name(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            if not _plain_char(value):
                return False
        elif name in ("ANY", "AT", "CATEGORY", "NEGATE", "FAILURE", "SUCCESS"):
            continue
        elif name == "IN":
            for item_op, item in value:
                item_name = _name(item_op)
                if item_name in ("LITERAL", "NOT_LITERAL"):
                    if not _plain_char(item):
                        return False
                elif item_name == "RANGE":
                    if item[1] - item[0] > _SMALL or not all(
                        not _is_cased(chr(point)) for point in range(item[0], item[1] + 1)
                    ):
                        return False
                elif item_name not in ("CATEGORY", "NEGATE"):
                    return False
        elif name == "BRANCH":
            if not all(_plain_items(branch) for branch in value[1]):
                return False
        elif name == "SUBPATTERN":
            if value[1] or value[2]:  # (inline flags)
                return False
            if not _plain_items(value[3]):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _plain_items(value[2]):
                return False
        elif name == "ATOMIC_GROUP":
            if not _plain_items(value):
                return False
        elif name in ("ASSERT", "ASSERT_NOT"):
            if not _plain_items(value[1]):
                return False
        else:
            return False  # a back reference (compared case-insensitively), a conditional
    return True


class StartScan:
    """``pattern.finditer`` by where its matches start, trying the pattern only where one can start."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._starter: re.Pattern[str] | bool | None = False  # (read on first use)
        self._plain: StartScan | bool | None = False  # (read on first use)

    def plain(self) -> StartScan | None:
        """The scan of the case-sensitive equivalent over lower-cased text (see :func:`plain_equivalent`)."""
        if self._plain is False:
            compiled = plain_equivalent(self.pattern.pattern, self.pattern.flags)
            if compiled is None:
                self._plain = None
            else:
                scan = self._plain = StartScan(compiled)
                scan._starter = start_class(compiled.pattern, compiled.flags, exact=True)
                scan._plain = None
        return self._plain  # type: ignore[return-value]

    @property
    def starter(self) -> re.Pattern[str] | None:
        """The class of the characters a match can start with, or ``None`` when not known."""
        if self._starter is False:
            self._starter = start_class(self.pattern.pattern, self.pattern.flags)
        return self._starter  # type: ignore[return-value]

    def starts(self, text: str, low: int, high: int, lowered: str | None = None) -> Iterator[int]:
        """Where the matches of ``pattern.finditer(text, low, high)`` start. ``lowered``: ``text.lower()``,
        when :func:`lowered_alike` holds for the two (the case-sensitive equivalent then scans it, faster)."""
        if lowered is not None:
            plain = self.plain()
            if plain is not None:
                yield from plain.starts(lowered, low, high)
                return
        if self.starter is None:
            for whole in self.pattern.finditer(text, low, high):
                yield whole.start()
            return
        search = self.starter.search
        match = self.pattern.match
        position = low
        tried = 0
        while True:
            candidate = search(text, position, high)
            if candidate is None:
                return
            at = candidate.start()
            tried += 1
            if tried > _DENSE and tried * _DENSE > at - low:
                # Candidates everywhere (English prose for a pattern that starts with `r`): trying the pattern at
                # each from Python costs more than the engine's own scan, which takes over where this stopped.
                for rest in self.pattern.finditer(text, at, high):
                    yield rest.start()
                return
            found = match(text, at, high)
            if found is None:
                position = at + 1
                continue
            yield at
            position = max(found.end(), at + 1)  # (never empty: a pattern that can match nothing is not read)


# --- How far a match can reach ------------------------------------------------------------------------------
#
# A pattern whose match holds one of its trigger words lies within its greatest width of each occurrence of
# one. Most patterns are bounded but for runs of white space (`\s*` between words), and those are bounded by
# the longest run of white space in the text: searching the stretches that close to each trigger, instead of
# a pack's declared `max-length` (800 characters for a related-stories label), tries the pattern over a
# fraction of the text.

#: The categories of white space (`\s`, with and without the ASCII flag).
_SPACE_CATEGORIES = ("CATEGORY_SPACE", "CATEGORY_UNI_SPACE")


def _space_only(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether every character a match of ``items`` reads is white space."""
    for op, value in items:
        name = _name(op)
        if name == "LITERAL":
            if not chr(value).isspace():
                return False
        elif name == "CATEGORY":
            if _name(value) not in _SPACE_CATEGORIES:
                return False
        elif name == "IN":
            for item_op, item in value:
                item_name = _name(item_op)
                if item_name == "LITERAL" and chr(item).isspace():
                    continue
                if item_name == "CATEGORY" and _name(item) in _SPACE_CATEGORIES:
                    continue
                return False
        elif name == "SUBPATTERN":
            if not _space_only(value[3]):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            if not _space_only(value[2]):
                return False
        elif name == "BRANCH":
            if not all(_space_only(branch) for branch in value[1]):
                return False
        else:
            return False
    return True


def _extent(items: Iterable[tuple[Any, Any]]) -> tuple[int, int] | None:
    """``(fixed, spaces)``: a match of ``items`` reads at most ``fixed + spaces * L`` characters, its look-arounds
    included, when no run of white space is longer than ``L``; ``None`` when unbounded otherwise."""
    fixed = spaces = 0
    for op, value in items:
        name = _name(op)
        part: tuple[int, int] | None
        if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN", "CATEGORY"):
            part = (1, 0)
        elif name == "AT":  # (`\b` reads a character on each side: counted once for the whole pattern)
            part = (0, 0)
        elif name == "BRANCH":
            parts = [_extent(branch) for branch in value[1]]
            if any(found is None for found in parts):
                return None
            part = (max(found[0] for found in parts if found), max(found[1] for found in parts if found))
        elif name == "SUBPATTERN":
            part = _extent(value[3])
        elif name == "ATOMIC_GROUP":
            part = _extent(value)
        elif name in ("ASSERT", "ASSERT_NOT"):  # (read beyond the match: counted as if matched)
            part = _extent(value[1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            high, inner = value[1], value[2]
            if high == _sre_parse.MAXREPEAT:
                # Repeated white space is one run (however many times it repeats), or is unbounded.
                part = (0, 1) if _space_only(inner) else None
            else:
                once = _extent(inner)
                part = None if once is None else (high * once[0], high * once[1])
        else:  # a back reference, a conditional
            part = None
        if part is None:
            return None
        fixed += part[0]
        spaces += part[1]
    return fixed, spaces


def match_extent(pattern: str, flags: int = 0) -> tuple[int, int] | None:
    """``(fixed, spaces)``: in a text whose runs of white space are at most ``L`` characters long, every match of
    ``pattern`` lies, with the characters its look-arounds and word boundaries read, within a stretch of
    ``fixed + spaces * L`` characters; ``None`` when no such bound is known (an unbounded repeat of anything but
    white space, a back reference)."""
    try:
        found = _extent(_sre_parse.parse(pattern, flags).data)
    except Exception:  # pragma: no cover - a pattern the parser of this Python reads differently
        return None
    return None if found is None else (found[0] + 2, found[1])
