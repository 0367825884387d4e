"""One pass finds every word: the same offsets as a str.find per word, overlapping and astral ones too."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.knowledge.wordscan import WordScan

_LETTERS = st.sampled_from(list("ab 版权所有😀\u0130"))


def _brute(words: list[str], text: str) -> dict[str, list[int]]:
    return {
        word: [at for at in range(len(text)) if text.startswith(word, at)]
        for word in dict.fromkeys(words)
        if word in text
    }


def test_overlapping_words_and_astral_characters_keep_code_point_offsets() -> None:
    scan = WordScan(["版权", "权所有", "aa", "😀x"])
    text = "😀x版权所有 aaa"
    assert scan.where(text) == {"😀x": [0], "版权": [2], "权所有": [3], "aa": [7, 8]}
    assert scan.found(text) == {"😀x", "版权", "权所有", "aa"}
    assert scan.where("nothing here") == {} and scan.found("") == set()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_LETTERS, max_size=4), max_size=6), st.text(_LETTERS, max_size=60))
def test_every_occurrence_is_found(words: list[str], text: str) -> None:
    scan = WordScan(words)
    expected = _brute(words, text) if text else {}
    if "" in words and text:
        expected[""] = list(range(len(text) + 1))
    assert scan.where(text) == expected
    assert scan.found(text) == set(expected)
