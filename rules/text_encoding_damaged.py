"""PL020 text-encoding-damaged."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import lazy_regex, value_span

#: An entity escaped a second time: the page shows `&amp;`, `&lt;`, `&#8220;` as typed.
_ENTITY_TWICE = lazy_regex(r"&amp;(?:amp|lt|gt|quot|apos|nbsp|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")
#: A tag escaped once too often where it stands in the text: the page shows `<br>` as typed.
_TAG_ESCAPED = lazy_regex(
    r"&lt;/?(?:br|p|div|span|img|strong|em|b|i|u|figure|figcaption|blockquote|h[1-6]|li|ul|ol|table|tr|td)"
    r"(?:\s[^&<>]{0,200}?)?\s*/?&gt;",
    re.IGNORECASE,
)
#: UTF-8 read as Windows-1252 or Latin-1: a lead byte's character (`Ã`, `â`, `Â`, ...) followed by the
#: characters continuation bytes become (`€`, `™`, `©`, C1 controls). Each candidate is checked by encoding
#: it back and decoding it as UTF-8.
_CP1252_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a"
    "\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_LATIN_MOJIBAKE = lazy_regex(f"(?:[\u00c2-\u00f4][{_CP1252_CONTINUATION}]+)+")
#: Text decoded with the wrong codec and re-encoded: the bytes are gone, U+FFFD stands for them.
_REPLACEMENT = lazy_regex("\ufffd+")
#: A run of double-byte text (Han, CJK and full-width punctuation) that may be UTF-8 read as GBK.
_CJK_RUN = lazy_regex("[\u2010-\u2044\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]{4,}")
#: Four or more UTF-8 encoded CJK characters in a row (the bytes of a GBK reading of them); compiled when first
#: needed (a bytes pattern, which lazy_regex does not take).
_UTF8_CJK_PATTERN = rb"(?:[\xe3-\xe9][\x80-\xbf][\x80-\xbf]){4,}"


@cache
def _utf8_cjk() -> re.Pattern[bytes]:
    return re.compile(_UTF8_CJK_PATTERN)


#: Where escaped text is expected to stand as it is: code (each opener is closed by the first end tag of its
#: name after it, found by one search; an element left open runs to the end of the body).
_CODE_OPEN = lazy_regex(r"<(code|pre|kbd|samp|script|style|textarea)\b", re.IGNORECASE)
_TAG = lazy_regex(r"<[A-Za-z/!?][^<>]*>")


def _latin_bytes(text: str) -> bytes | None:
    out = bytearray()
    for character in text:
        try:
            out += character.encode("cp1252")
        except UnicodeEncodeError:
            if ord(character) > 0xFF:
                return None
            out.append(ord(character))  # a C1 control: Latin-1's reading of the byte
    return bytes(out)


def _latin_mojibake(text: str) -> str | None:
    """What UTF-8 ``text`` was before a Windows-1252 reading, or None when it is not such a reading."""
    raw = _latin_bytes(text)
    if raw is None:
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # A Latin-1 supplement letter (from `Ã`, `Â`) or a character of three bytes or more (`â€™`): a lone two-byte
    # character of another script (`×“` read as Hebrew `ד`) is two real characters side by side.
    if decoded == text or any(0x100 <= ord(c) < 0x800 for c in decoded):
        return None
    return decoded if any(ord(c) > 0x7F for c in decoded) else None


def _gbk_mojibake(run: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, original)`` in ``run`` for stretches that are UTF-8 CJK text read as GBK."""
    try:
        raw = run.encode("gbk")
    except UnicodeEncodeError:
        return
    if len(raw) != 2 * len(run):  # only double-byte characters: byte offsets map to characters
        return
    for match in _utf8_cjk().finditer(raw):
        start = match.start()
        if start % 2:
            start += 1  # the reading started at a character's first byte
        chunk = raw[start : match.end()]
        usable = len(chunk) - len(chunk) % 3
        try:
            original = chunk[:usable].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(original) >= 4 and all("\u3400" <= c <= "\u9fff" for c in original):
            yield start // 2, (start + usable + 1) // 2, original


def _code_elements(body: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each code element of ``body``, opener by opener (linear: one search per element)."""
    lowered = body.lower() if "<" in body else body
    position = 0
    while True:
        opened = _CODE_OPEN.search(body, position)
        if opened is None:
            return
        closing = lowered.find("</" + opened.group(1).lower(), opened.end())
        if closing < 0:
            yield opened.start(), len(body)
            return
        end = body.find(">", closing)
        end = len(body) if end < 0 else end + 1
        yield opened.start(), end
        position = end


#: UTF-8 read as Windows-1251 (Cyrillic): each letter becomes `Р` or `С` (the lead bytes D0, D1) followed by the
#: character a continuation byte is in that code page (`Привет` shows as `РџСЂРёРІРµС‚`). Three pairs or more.
_CP1251_CONTINUATION = "".join(re.escape(c) for c in bytes(range(0x80, 0xC0)).decode("cp1251", "ignore"))
_CYRILLIC_MOJIBAKE = lazy_regex(f"(?:[\u0420\u0421\u0422][{_CP1251_CONTINUATION}]){{3,}}")
#: UTF-8 Japanese read as Shift_JIS (cp932) and Korean read as EUC-KR (cp949): runs of double-byte text holding
#: a character that the lead bytes of UTF-8 kana (`縺`, `繧`, `繝`: E3 81-83) or of UTF-8 Hangul (EA-ED) become,
#: which written Japanese and Korean hardly use. Halfwidth katakana (`ｮ`) are Shift_JIS's single bytes.
_CP932_RUN = lazy_regex("[\u3000-\u30ff\u3400-\u9fff\uff01-\uff9f]{4,}")
_CP932_MARKS = lazy_regex("[縺繧繝]")
#: A Korean run may hold spaces: a reading of one word gives back a syllable or two, a sentence gives more.
_CP949_RUN = lazy_regex(
    "[\u2010-\u33ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff][ \u2010-\u33ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]{3,}"
)
#: What a reading of each codec must give back: kana and kanji, Hangul syllables.
_SCRIPTS = {"cp932": "\u3040-\u30ff\u3400-\u9fff", "cp949": "\uac00-\ud7a3"}
#: Escapes of a program's string left in the text: `Caf\u00e9` (JSON, JavaScript) and an escaped paragraph
#: break (`\n\n`), which the page shows as typed. An escape glued to a letter, or two of them together.
_STRING_ESCAPE = lazy_regex(
    r"(?<=[^\W\d_])\\u[0-9a-fA-F]{4}|\\u[0-9a-fA-F]{4}(?=[^\n]{0,80}\\u[0-9a-fA-F]{4})|(?:\\r)?\\n(?:\\r)?\\n"
)


def _merged(pieces: list[tuple[int, int, str]], text: str, name: str) -> Iterator[tuple[int, int, str]]:
    """One finding per stretch of damaged words: pieces at most a few characters apart (spaces, punctuation)
    are one; a lone character read back is kept only beside a longer piece (alone, it may be chance)."""
    group: list[tuple[int, int, str]] = []
    for piece in [*pieces, (len(text) + 99, 0, "")]:
        if group and piece[0] - group[-1][1] > 3:
            if any(len(original) > 1 for _, _, original in group):
                was = " ".join(original for _, _, original in group)
                yield group[0][0], group[-1][1], f"mojibake: UTF-8 text read as {name} (it was {was[:40]!r})"
            group = []
        group.append(piece)


def _cyrillic_mojibake(text: str) -> str | None:
    try:
        original = text.encode("cp1251").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return original if all("\u0400" <= c <= "\u04ff" for c in original) else None


def _wide_mojibake(run: str, codec: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, original)`` in ``run`` for stretches that are UTF-8 text read as ``codec``."""
    raw = bytearray()
    offsets: list[int] = []  # the byte offset where each character of ``run`` starts
    for character in run:
        offsets.append(len(raw))
        try:
            raw += character.encode(codec)
        except UnicodeEncodeError:
            return
    script = re.compile(f"[{_SCRIPTS[codec]}]+")
    for match in _utf8_cjk_or_hangul().finditer(bytes(raw)):
        original = match.group().decode("utf-8")
        if script.fullmatch(original) is None:
            continue
        start = bisect_right(offsets, match.start()) - 1
        end = bisect_right(offsets, match.end() - 1)
        yield start, end, original


@cache
def _utf8_cjk_or_hangul() -> re.Pattern[bytes]:
    return re.compile(rb"(?:[\xe3-\xec][\x80-\xbf][\x80-\xbf]|\xed[\x80-\x9f][\x80-\xbf])+")


class Options(RuleOptions):
    pass


class TextEncodingDamaged(Rule[Options]):
    """The text shows what a wrong decoding or a second escaping left.

    ## What it does
    Reports, in the body's text (not in code, tags or attributes):
    - mojibake: UTF-8 read as Windows-1252 or Latin-1 (`â€™` for `’`, `Ã©` for `é`), as GBK (`鎴戜滑` for
      `我们`), as Windows-1251 (`РџСЂРёРІРµС‚` for `Привет`), as Shift_JIS (`繝ｪ繝ｪ繝ｼ繧ｹ` for `リリース`) or as
      EUC-KR (`猷⑤퉬` for `루비`), each checked by encoding it back and decoding it as UTF-8 (bytes the wrong
      reading dropped leave the rest readable), and the message says what it was;
    - the same in the front matter's title, description, summary and subtitle, which the page shows as text;
    - a program's string escapes left in the text (`Caf\\u00e9`, an escaped paragraph break `\\n\\n`);
    - replacement characters (`U+FFFD`, `�`), where a converter met bytes it could not read and dropped them;
    - entities escaped twice (`&amp;amp;`, `&amp;quot;`, `&amp;#8220;`), which the page shows as `&amp;`, and
      tags escaped where they stand in the text (`&lt;br&gt;`), which the page shows as `<br>`.

    ## Why is this bad?
    Readers see garbage where words were: an importer, a feed or a copy and paste decoded the text with the
    wrong character set, or escaped text that was already escaped.

    ## Options
    None.
    """

    code = "PL020"
    name = "text-encoding-damaged"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if post.text is None:
            return
        yield from _front_matter_damage(post)
        body = post.body
        found = _candidates(body)
        if not found:
            return  # most posts: no candidate, and no code or tag regions to compute
        skip = list(post.code_regions)
        if "<" in body:
            skip.extend(_code_elements(body))
            skip.extend((m.start(), m.end()) for m in _TAG.finditer(body))
        skip.sort()
        starts = [start for start, _ in skip]
        ends: list[int] = []
        reach = -1
        for _, end in skip:
            reach = max(reach, end)
            ends.append(reach)
        base = post.body_start
        for start, end, message in sorted(found):
            index = bisect_right(starts, start) - 1
            if index >= 0 and start < ends[index]:
                continue  # in code, in a tag or an attribute: not text the page shows
            yield Problem(message, base + start, base + end)


#: Characters that UTF-8 Chinese read as GBK is full of: the readings of `的`, `是`, `在`, `我`, `这`, `有`, `们`,
#: `中`, `，` and `。` (`鐨`, `鏄`, `鍦`, `鎴`, `杩`, `鏈`, `浠`, `涓`, `锛`, `銆`). Text without any of them is not
#: encoded and searched.
_GBK_MARKS = lazy_regex("[鐨鏄鍦鎴杩鏈浠涓锛銆鍙澶璇鎵閮]")
_LATIN_MARKS = ("\u00c2", "\u00c3", "\u00e2")


def _candidates(body: str) -> list[tuple[int, int, str]]:
    """``(start, end, message)`` of each damage found in ``body``, before code and tags are taken out."""
    found: list[tuple[int, int, str]] = []
    if "&amp;" in body:
        for match in _ENTITY_TWICE.finditer(body):
            shown = "&" + match.group()[5:]
            found.append((match.start(), match.end(), f"entity escaped twice: the page shows '{shown}' as typed"))
    if "&lt;" in body:
        for match in _TAG_ESCAPED.finditer(body):
            found.append((match.start(), match.end(), "tag escaped in the text: the page shows it as typed"))
    if any(mark in body for mark in _LATIN_MARKS):
        for match in _LATIN_MOJIBAKE.finditer(body):
            original = _latin_mojibake(match.group())
            if original is not None:
                message = f"mojibake: UTF-8 text read as Windows-1252 (it was {original[:40]!r})"
                found.append((match.start(), match.end(), message))
    if "\ufffd" in body:
        message = "replacement character (U+FFFD): a converter could not read the bytes here and dropped them"
        found.extend((match.start(), match.end(), message) for match in _REPLACEMENT.finditer(body))
    if "\u0420" in body or "\u0421" in body:
        cyrillic = []
        for match in _CYRILLIC_MOJIBAKE.finditer(body):
            original = _cyrillic_mojibake(match.group())
            if original is not None:
                cyrillic.append((match.start(), match.end(), original))
        found.extend(_merged(cyrillic, body, "Windows-1251"))
    japanese = _CP932_MARKS.search(body) is not None
    for codec, pattern, name, least in (("cp932", _CP932_RUN, "Shift_JIS", 4), ("cp949", _CP949_RUN, "EUC-KR", 4)):
        if codec == "cp932" and not japanese:
            continue
        for match in pattern.finditer(body):
            if codec == "cp932" and _CP932_MARKS.search(match.group()) is None:
                continue
            pieces = list(_wide_mojibake(match.group(), codec))
            if sum(len(original) for _, _, original in pieces) < least:
                continue  # a stray pair of bytes that happens to read as UTF-8, not a text
            shifted = [(match.start() + start, match.start() + end, original) for start, end, original in pieces]
            found.extend(_merged(shifted, body, name))
    if "\\" in body:
        for match in _STRING_ESCAPE.finditer(body):
            message = f"a program's string escape left in the text: the page shows {match.group()!r} as typed"
            found.append((match.start(), match.end(), message))
    if _GBK_MARKS.search(body) is not None:
        for match in _CJK_RUN.finditer(body):
            if _GBK_MARKS.search(match.group()) is None:
                continue
            for start, end, original in _gbk_mojibake(match.group()):
                message = f"mojibake: UTF-8 text read as GBK (it was {original[:40]!r})"
                found.append((match.start() + start, match.start() + end, message))
    return found


#: Front-matter values that the page shows as text: its title (in the page and the browser's tab), its summary.
_SHOWN_KEYS = ("title", "description", "summary", "subtitle")


def _front_matter_damage(post: Post) -> Iterator[Problem]:
    """The same damage in the front-matter values the page shows (round 7: `&amp;#038;` in a title): the
    generator writes them into the page as text, as it does the body."""
    if post.front_matter is None:
        return
    for key in _SHOWN_KEYS:
        value = post.data.get(key)
        if not isinstance(value, str) or not value:
            continue
        found = _candidates(value)
        if not found:
            continue
        start, end = value_span(post, key)
        written = (post.text or "")[start:end]
        shift = written.find(value[:20]) if value[:20] else -1
        for begin, finish, message in sorted(found)[:1]:
            # Where the value is written as it reads (unquoted, or quoted without escapes), at the damage; else at
            # the value.
            at, to = (start + shift + begin, start + shift + finish) if shift >= 0 else (start, end)
            yield Problem(f"in the front matter's {key}: {message}", at, to)
