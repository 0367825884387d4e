"""Find every occurrence of many words in one pass over a text (an Aho-Corasick automaton).

Rules with text patterns know a few *trigger* words, one of which every match holds, and selector packs know
a string that the attributes of a matching element hold: a post that holds none is not searched further.
Finding those words one ``str.find`` pass per word costs a pass over every body per word, and regex
alternations are slow in text beyond Latin-1; ahocorasick-rs (compiled, with wheels for every platform we
ship) finds all of them, overlapping ones too, in one pass. It is imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class WordScan:
    """Every offset (in code points) where one of ``words`` starts in a text, overlapping ones included."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words: tuple[str, ...] = tuple(dict.fromkeys(words))
        self._automaton: Any = None

    def _matcher(self) -> Any:
        if self._automaton is None:
            import ahocorasick_rs

            # A DFA: about twice as fast as the default (an NFA) on the text of long Chinese posts, and the word
            # lists are small (a few hundred words at most), so its size does not matter.
            self._automaton = ahocorasick_rs.AhoCorasick(self.words, implementation=ahocorasick_rs.Implementation.DFA)
        return self._automaton

    def where(self, text: str) -> dict[str, list[int]]:
        """Each word found in ``text``, with the offsets where it starts, in increasing order."""
        found: dict[str, list[int]] = {}
        if not self.words or not text:
            return found
        if "" in self.words:  # (an empty word is everywhere; the automaton refuses it)
            return {word: _every(text, word) for word in self.words if word in text}
        words = self.words
        for index, start, _ in self._matcher().find_matches_as_indexes(text, overlapping=True):
            found.setdefault(words[index], []).append(start)
        for offsets in found.values():
            offsets.sort()  # (reported by where they end: a word inside a longer one may come first)
        return found

    def found(self, text: str) -> set[str]:
        """The words that occur in ``text``."""
        if not self.words or not text:
            return set()
        if "" in self.words:
            return {word for word in self.words if word in text}
        words = self.words
        return {words[index] for index, _, _ in self._matcher().find_matches_as_indexes(text, overlapping=True)}


def _every(text: str, word: str) -> list[int]:
    if not word:
        return list(range(len(text) + 1))
    offsets: list[int] = []
    at = text.find(word)
    while at >= 0:
        offsets.append(at)
        at = text.find(word, at + 1)
    return offsets
