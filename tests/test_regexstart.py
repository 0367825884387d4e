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
from postlint.knowledge.packs.texts import _unanchored
from postlint.knowledge.regexstart import UNCASED, StartScan, start_class


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
