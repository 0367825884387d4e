"""CSS matching: the packs a rule uses compiled once into one XPath union that libxml2 evaluates per post, with
a quick test on the strings a selector needs so most posts skip the evaluation."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import cached_property, lru_cache

from lxml import etree

from postlint.knowledge.packs.model import Selector, SelectorPack, translate
from postlint.knowledge.wordscan import WordScan
from postlint.reading.html import Element, HtmlBody

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


class CompiledSelectors:
    """Many selectors evaluated as one XPath union (one pass of libxml2 over the tree per post)."""

    def __init__(self, selectors: list[tuple[str, str]]) -> None:
        #: (css, label) pairs; the label names the pack and note for messages.
        self.selectors = selectors

    @cached_property
    def _each(self) -> list[tuple[etree.XPath, str]]:
        return [(etree.XPath(translate(css)), label) for css, label in self.selectors]

    @cached_property
    def _needles(self) -> list[tuple[str | None, int]]:
        """For each comma-separated alternative, a string that the attributes of a post it can match must
        contain (``None``: nothing to look for, it always runs), with the index of its selector."""
        return [(needle, index) for index, (css, _) in enumerate(self.selectors) for needle in required_strings(css)]

    @cached_property
    def _needle_scan(self) -> tuple[WordScan, dict[str, list[int]], list[int]]:
        """The needles found in one pass, which selectors each one lets run, and those that always run."""
        by_needle: dict[str, list[int]] = {}
        always: list[int] = []
        for needle, index in self._needles:
            if needle is None:
                always.append(index)
            else:
                by_needle.setdefault(needle, []).append(index)
        return WordScan(by_needle), by_needle, always

    def _chosen(self, attribute_text: str) -> list[int]:
        """The selectors (by index) whose needle ``attribute_text`` holds, or that have none."""
        scan, by_needle, always = self._needle_scan
        chosen = set(always)
        for needle in scan.found(attribute_text):
            chosen.update(by_needle[needle])
        return sorted(chosen)

    @lru_cache(maxsize=256)  # noqa: B019 - one compiled union per set of selectors, for the matcher's life
    def _union(self, chosen: tuple[int, ...]) -> etree.XPath:
        return etree.XPath(" | ".join(f"({translate(self.selectors[index][0])})" for index in chosen))

    def matches(self, html: HtmlBody) -> list[Element]:
        """Matching elements in document order."""
        if not self.selectors or not html.elements:
            return []
        # Most posts hold no ad markup at all: substring tests on their attributes rule that out far faster
        # than libxml2 can walk the tree, and when one passes, only the selectors that can match run.
        chosen = self._chosen(html.attribute_text)
        if not chosen:
            return []
        # Rules that use the same packs (ad-remnant and ad-label) share one evaluation per post.
        key = tuple(self.selectors[index][0] for index in chosen)
        cached = html.selector_matches.get(key)
        if cached is not None:
            return cached
        found = self._union(tuple(chosen))(html.root)
        result = (
            [element for element in found if isinstance(element, etree._Element) and element in html.start_tags]
            if isinstance(found, list)
            else []
        )
        html.selector_matches[key] = result
        return result

    def label(self, element: Element) -> str:
        """Which selector matched (for the message): the first, in pack order, whose matches hold ``element``.

        Each selector's XPath runs once per tree, not once per element asked about: 5,000 slots in one post
        took 26 s when every label walked the whole tree and searched its result list.
        """
        root = element.getroottree().getroot()
        cached = self._labels
        if cached is None or cached[0] is not root:
            cached = self._labels = (root, self._label_map(root))
        return cached[1].get(element, "")

    #: The root of the tree last labelled, and each matched element's label in it (one post at a time).
    _labels: tuple[Element, dict[Element, str]] | None = None

    def _label_map(self, root: Element) -> dict[Element, str]:
        labels: dict[Element, str] = {}
        attribute_text = "\n".join(
            f"{name!s}={value!s}" for node in root.iter() for name, value in node.items()
        ).lower()
        for index in self._chosen(attribute_text):
            found = self._each[index][0](root)
            if not isinstance(found, list):
                continue
            label = self._each[index][1]
            for element in found:
                if isinstance(element, etree._Element):
                    labels.setdefault(element, label)
        return labels


def required_strings(css: str) -> list[str | None]:
    """For each comma-separated alternative of ``css``, the longest lower-cased class name, id or attribute
    text that the source of a matching element must contain (``None`` where there is none, as for ``div``).
    """
    plain = _plain_required_strings(css)
    if plain is not None:
        return plain
    from cssselect import parse  # imported only for selectors beyond the plain ones shipped in packs

    return [_longest(_literals(selector.parsed_tree)) for selector in parse(css)]


# The selectors the shipped packs use: tags, .class, #id, [attr], [attr op 'value'], combinators, commas.
_PLAIN_PART = re.compile(
    r"""\[(?P<attr>[\w-]+)(?:(?P<op>[~|^$*]?=)(?:'(?P<single>[^'\\]*)'|"(?P<double>[^"\\]*)"))?\]"""
    r"|(?P<mark>[.#])(?P<name>[A-Za-z_][\w-]*)|(?P<tag>[A-Za-z][\w-]*|\*)|(?P<space>\s*[>+~]\s*|\s+)|(?P<comma>\s*,\s*)"
)


def _plain_required_strings(css: str) -> list[str | None] | None:
    """:func:`required_strings` for a plain selector without cssselect (which costs a pre-commit run
    3 ms to import), or ``None`` when the selector is not plain. A test checks both ways agree."""
    results: list[str | None] = []
    literals: list[str] = []
    position = 0
    css = css.strip()
    while position < len(css):
        part = _PLAIN_PART.match(css, position)
        if part is None or part.end() == position:
            return None
        position = part.end()
        if part.group("comma") is not None:
            results.append(_longest(literals))
            literals = []
        elif part.group("attr") is not None:
            value = part.group("single") if part.group("single") is not None else part.group("double")
            literals.append((value if value else part.group("attr")).lower())
        elif part.group("name") is not None:
            literals.append(part.group("name").lower())
    results.append(_longest(literals))
    return results


def _longest(literals: list[str]) -> str | None:
    return max(literals, key=len) if literals else None


def _literals(node: object) -> list[str]:
    """Strings every element matched by the parsed selector ``node`` carries in its markup."""
    kind = type(node).__name__
    inner = getattr(node, "selector", None)
    found = _literals(inner) if inner is not None and kind != "Element" else []
    if kind == "Class":
        found.append(str(getattr(node, "class_name", "")).lower())
    elif kind == "Hash":
        found.append(str(getattr(node, "id", "")).lower())
    elif kind == "Attrib":
        value = getattr(node, "value", None)
        value = getattr(value, "value", value)  # a token in newer cssselect, a string in older ones
        if value and getattr(node, "operator", "") in ("=", "~=", "|=", "^=", "$=", "*="):
            found.append(str(value).lower())
        else:
            found.append(str(getattr(node, "attrib", "")).lower())
    elif kind == "CombinedSelector":
        found.extend(_literals(getattr(node, "subselector", None)))
    elif kind not in ("Element", "Negation", "Pseudo", "Function", "NoneType"):
        return []  # a construct this does not know (:is(), :has()...): claim nothing
    # Negation: only what it is attached to is required, not what it excludes.
    return [literal for literal in found if literal]


def compile_packs(
    packs: Sequence[SelectorPack],
    kind: str,
    use: tuple[str, ...] | None,
    skip: tuple[str, ...],
    extra: tuple[Selector, ...] = (),
) -> CompiledSelectors:
    """One compiled matcher for the packs of ``kind`` (all, or those named in ``use``) minus ``skip``."""
    chosen = [
        pack for pack in packs if pack.kind == kind and (use is None or pack.name in use) and pack.name not in skip
    ]
    pairs = [
        (selector.css, f"{pack.name}: {selector.note}" if selector.note else pack.name)
        for pack in chosen
        for selector in pack.selectors
    ]
    pairs.extend((selector.css, selector.note or "config") for selector in extra)
    return CompiledSelectors(pairs)
