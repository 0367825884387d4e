"""Case-insensitive patterns tried only where a match can start: the same offsets as ``finditer``, faster.

The boilerplate patterns (PL502) run over the visible text of every post; what each finds decides where
PL502 looks for a block, so every offset must be the one ``finditer`` gives.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from postlint.knowledge.packs import builtin_packs
from postlint.knowledge.packs.texts import _unanchored, compile_texts
from postlint.knowledge.regexstart import (
    UNCASED,
    StartScan,
    lowered_alike,
    match_extent,
    plain_equivalent,
    start_class,
)
from postlint.knowledge.wordscan import WordScan


def _shipped_patterns() -> list[str]:
    return [_unanchored(pattern.pattern) for pack in builtin_packs("rules") for pattern in pack.texts]


def test_the_uncased_blocks_hold_no_character_that_case_insensitive_matching_folds() -> None:
    folded = set()
    if sys.version_info >= (3, 11):
        from re import _casefix  # type: ignore[attr-defined]

        for char, others in _casefix._EXTRA_CASES.items():
            folded.update((char, *others))
    cased = [
        hex(point)
        for low, high in UNCASED
        for point in range(low, high + 1)
        if chr(point).lower() != chr(point) or chr(point).upper() != chr(point) or point in folded
    ]
    assert cased == []


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("kelvin", "\u212aELVIN and kelvin"),  # the Kelvin sign is a K to re.IGNORECASE
        ("sponsored", "\u017fponsored"),  # a long s
        ("in", "\u0130N \u0131n"),  # dotted capital I, dotless small i
        ("\u03bcm", "5 \u00b5M"),  # micro sign and Greek mu
        ("\u03c3a", "\u03c2A \u03a3a"),  # final sigma
        ("\u24b8 2024", "\u24d2 2024"),  # circled letters
        ("(?:相关阅读|read more)", "相關 相关阅读 READ MORE ReAd MoRe"),
        ("(?<=x)ab|\\bcd", "xab ab cd xcd"),
        ("(?:a|b)?c", "c bc ac"),
    ],
)
def test_candidates_include_every_case_variant(pattern: str, text: str) -> None:
    compiled = re.compile(pattern, re.I)
    expected = [match.start() for match in compiled.finditer(text)]
    assert expected  # each case must find something, or it tests nothing
    assert start_class(pattern, re.I) is not None
    assert list(StartScan(compiled).starts(text, 0, len(text))) == expected


@pytest.mark.parametrize("pattern", ["a?", "(?:x|)", ".b", "[^a]b", "\\sb", "(a)?\\1b"])
def test_patterns_that_can_start_anywhere_are_searched_as_they_are(pattern: str) -> None:
    assert start_class(pattern, re.I) is None
    compiled = re.compile(pattern, re.I)
    text = "a b ab aab xb x"
    assert list(StartScan(compiled).starts(text, 0, len(text))) == [m.start() for m in compiled.finditer(text)]


_TEXT = st.lists(
    st.sampled_from(
        [
            "相关阅读",
            "相關閱讀",
            "延伸",
            "read more",
            "READ",
            "Related",
            "©",
            "Ⓒ",
            "ⓒ",
            "(c) 2024",
            "Copyright 2020",
            "版权所有",
            "关注我们的公众号",
            "Follow us",
            "K",
            "ſ",
            "İ",
            "ı",
            "，",
            "“",
            "—",
            "😀",
            " ",
            "\n",
            "r",
            "m",
            "y",
            "your browser does not support",
            "您的浏览器不支持",
            "wechat",
            "微信",
            "赞赏",
            "请作者喝咖啡",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 20), st.integers(0, 20))
@example("Copyright © 2020 " * 40 + "r" * 200 + " read more", 0, 0)  # past the dense-candidate switch
def test_shipped_patterns_find_what_finditer_finds(text: str, cut_low: int, cut_high: int) -> None:
    low, high = min(cut_low, len(text)), max(min(cut_low, len(text)), len(text) - cut_high)
    for source in _shipped_patterns():
        compiled = re.compile(source, re.I)
        expected = [match.start() for match in compiled.finditer(text, low, high)]
        assert list(StartScan(compiled).starts(text, low, high)) == expected, source


# --- The case-sensitive equivalent over lower-cased text ---------------------------------------------------


def _scan_lowered(compiled: re.Pattern[str], text: str, low: int, high: int) -> list[int] | None:
    lowered = text.lower()
    if not lowered_alike(text, lowered):
        return None
    return list(StartScan(compiled).starts(text, low, high, lowered))


def test_lower_casing_keeps_the_classes_the_patterns_name() -> None:
    # The premise of the equivalence: a character that lower-cases to one other character keeps its class
    # (`\w`, `\s`, `\d`, and so a `\b`), on every code point of the running Python.
    classes = [re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")]
    changed = []
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        lowered = char.lower()
        if lowered == char or len(lowered) != 1:
            continue
        if any(bool(c.match(char)) != bool(c.match(lowered)) for c in classes):
            changed.append(hex(point))
    assert changed == []


def test_every_character_folded_to_a_plain_letter_lower_cases_to_it_or_is_kept_out() -> None:
    # IGNORECASE matches `x` to the letter `c` when its simple lower case is `c` or a character it folds
    # with; over lower-cased text only `x.lower() == c` matches. Those that differ: `İ` (lower-cases to two
    # characters) and the FOLD_ODD characters, which `lowered_alike` turns away.
    known: dict[str, bool] = {}

    def plain(char: str) -> bool:
        if char not in known:
            known[char] = plain_equivalent(re.escape(char), re.I) is not None
        return known[char]

    assert plain("a") and plain("相") and not plain("A") and not plain("σ")
    odd = []
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        lowered = char.lower()
        # (a character matches a letter case-insensitively only if its simple lower case is that letter or
        # folds with it: the letter is its lower case, or `i` or `s`, or among the folding ones, not plain)
        for letter in {lowered[:1], char.upper().lower()[:1], "i", "s"}:
            folds = plain(letter) and re.fullmatch(re.escape(letter), char, re.I) is not None
            if folds and lowered != letter and lowered_alike(char, lowered):
                odd.append(hex(point))
    assert odd == []


@pytest.mark.parametrize(
    ("pattern", "eligible"),
    [
        ("read more|相关阅读", True),
        ("(?:[▶#*>\\-]\\s*){0,2}related", True),
        ("ａｐｐ|[^。]{0,3}\\bx", True),
        ("Instagram", False),  # an upper-case letter (compiled as written, it would not match `instagram`)
        ("Ⓒ", False),
        ("σ", False),  # folds with ς
        ("(a)\\1", False),  # a back reference compares case-insensitively
        ("(?-i:a)b", False),  # inline flags
        ("[a-z]", False),  # a range of cased letters
    ],
)
def test_which_patterns_have_a_plain_equivalent(pattern: str, eligible: bool) -> None:
    assert (plain_equivalent(pattern, re.I) is not None) is eligible


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 20), st.integers(0, 20))
@example("Related " * 40 + "r" * 200 + " read more", 0, 0)  # past the dense-candidate switch
@example("ſ READ MORE ı", 0, 0)
def test_shipped_patterns_over_lowered_text_find_what_finditer_finds(text: str, cut_low: int, cut_high: int) -> None:
    low, high = min(cut_low, len(text)), max(min(cut_low, len(text)), len(text) - cut_high)
    for source in _shipped_patterns():
        compiled = re.compile(source, re.I)
        expected = [match.start() for match in compiled.finditer(text, low, high)]
        found = _scan_lowered(compiled, text, low, high)
        assert found is None or found == expected, source


def test_texts_that_lower_casing_would_shift_are_not_scanned_lowered() -> None:
    assert not lowered_alike("İstanbul", "İstanbul".lower())  # two characters for one
    assert not lowered_alike("\u017fponsored", "\u017fponsored".lower())
    assert lowered_alike("READ MORE 相关阅读", "read more 相关阅读")


# --- How far a match reaches: the stretches around trigger words --------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "extent"),
    [
        ("abc", (5, 0)),  # three characters, and one read on each side by a word boundary
        ("a\\s*b", (4, 1)),
        ("(?:[▶#]\\s*){0,2}related\\s*:?", (2 * 1 + 7 + 1 + 2, 3)),
        ("[^。]{0,24}(?:x|yz)", (24 + 2 + 2, 0)),
        ("a(?=list of \\d)", (1 + 9 + 2, 0)),  # what a look-ahead reads counts
        ("(?<=ab)c", (2 + 1 + 2, 0)),
        ("a(?:\\s|[ \\t])+b", (4, 1)),  # repeated white space is one run
        ("a.*b", None),
        ("a[^。]+b", None),
        ("a(?:x\\s*)*b", None),
        ("(a)\\1", None),
    ],
)
def test_match_extent(pattern: str, extent: tuple[int, int] | None) -> None:
    assert match_extent(pattern, re.I) == extent


_SPACED = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "相关阅读：",
                "▶ ",
                "# ",
                "> ",
                "read more",
                "Related",
                "related stories",
                "more from The Paper",
                "list of 4 items",
                "之前相关报道/",
                "其他 / x",
                "下载app",
                "请作者喝咖啡",
                "support independent journalism",
                "【广告】",
                "your browser does not support",
                "x",
                "。",
            ]
        ),
        st.integers(1, 120).map(lambda width: " " * width),  # runs of white space (longer ones: the examples)
        st.sampled_from(["\n", "\t\n  ", "\u3000"]),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(_SPACED)
@example("▶ " + " " * 700 + "related" + " " * 300 + ":")
@example("related" + " " * 40 + "x" * 600 + "more from the paper")
def test_shipped_matches_lie_within_their_extent(text: str) -> None:
    runs = [len(run) for run in re.findall(r"\s+", text)]
    longest = max(runs, default=0)
    for source in _shipped_patterns():
        extent = match_extent(source, re.I)
        if extent is None:
            continue
        compiled = re.compile(source, re.I)
        for at in range(len(text)):
            found = compiled.match(text, at)
            if found is not None:
                assert found.end() - found.start() + 2 <= extent[0] + extent[1] * longest, source


@settings(max_examples=200, deadline=None)
@given(_SPACED)
@example("x" * 900 + "▶ " + " " * 200 + "related" + " " * 30 + ":" + "y" * 900 + "related")
@example("▶ " * 3 + " " * 850 + "read more")
def test_narrowed_stretches_find_what_the_whole_reach_finds(text: str) -> None:
    compiled = compile_texts(builtin_packs("rules"), "boilerplate", None, ())
    lowered = text.lower()
    alike = lowered if lowered_alike(text, lowered) else None
    where = WordScan(sorted({word for item in compiled.patterns for word in item[3]})).where(lowered)
    for index in range(len(compiled.patterns)):
        whole = compiled.starts(index, text, where, alike, narrow=False)
        assert compiled.starts(index, text, where, alike) == whole, compiled.patterns[index][1].pattern
