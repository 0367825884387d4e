"""Declarative selector packs: CSS selectors, hosts and text patterns grouped by ad network or outlet, each with
a note on its origin. Four jobs, one module each:

- :mod:`~postlint.knowledge.packs.model`: what a pack is, and the packs shipped with the rules;
- :mod:`~postlint.knowledge.packs.css`: the packs a rule uses compiled into one XPath union per post;
- :mod:`~postlint.knowledge.packs.remnants`: from a match to the outermost leftover wrapper;
- :mod:`~postlint.knowledge.packs.texts`: boilerplate that survives an import as plain text.

Rules reach them through :mod:`postlint.helpers`.
"""

from __future__ import annotations

from postlint.knowledge.packs.css import CompiledSelectors, compile_packs, required_strings
from postlint.knowledge.packs.model import Selector, SelectorPack, TextPattern, builtin_packs, translate
from postlint.knowledge.packs.remnants import find_remnants, name_words, names_any, outermost_remnants
from postlint.knowledge.packs.texts import CompiledTexts, TextMatch, compile_texts

__all__ = [
    "CompiledSelectors",
    "CompiledTexts",
    "Selector",
    "SelectorPack",
    "TextMatch",
    "TextPattern",
    "builtin_packs",
    "compile_packs",
    "compile_texts",
    "find_remnants",
    "name_words",
    "names_any",
    "outermost_remnants",
    "required_strings",
    "translate",
]
