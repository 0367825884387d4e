"""Remnant widening: from the elements a selector matched to the outermost wrapper that holds nothing a reader
would miss (empty slots, labels, the ad's own wrappers), so one finding covers one leftover."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from itertools import pairwise

from postlint.knowledge.packs.css import CompiledSelectors
from postlint.reading.html import Element, HtmlBody
from postlint.reading.memo import MemoKey, PostMemo

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


_NAME_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SPLIT = re.compile(r"[\s_\-:.]+")
#: Media elements: a wrapper holding one is content, not an empty remnant.
_MEDIA = frozenset(("img", "picture", "video", "audio", "iframe", "object", "embed", "svg", "canvas"))


@lru_cache(maxsize=4096)
def name_words(value: str) -> frozenset[str]:
    """The words of a class list or id: split on separators and camelCase, lower-cased.

    Short random-looking tokens (CSS-in-JS hashes like ``iZDonF``) are not split on case, so they cannot
    produce a spurious word such as ``ad``.
    """
    words: set[str] = set()
    for token in _SPLIT.split(value):
        if not token:
            continue
        words.add(token.lower())
        hash_like = len(token) <= 8 and sum(1 for a, b in pairwise(token) if a.islower() and b.isupper()) >= 2
        if not hash_like and not token.islower():
            words.update(part.lower() for part in _NAME_PARTS.findall(token))
    return frozenset(words)


def names_any(element: Element, words: frozenset[str]) -> bool:
    """Whether the element's ``class`` or ``id`` contains one of ``words`` as a whole word."""
    for attribute in ("class", "id"):
        value = element.get(attribute)
        if value and not words.isdisjoint(name_words(value)):
            return True
    return False


def _emptiness(memo: dict[Element, bool], element: Element) -> bool:
    """Whether ``element`` holds no text (its own or any descendant's, tails included) and no media element.

    ``memo`` keeps every answer, and the walk does not enter a subtree already answered: asking each
    wrapper's children on their own walked the same subtrees again for every sibling, quadratic in a post
    made of thousands of slots.
    """
    known = memo.get(element)
    if known is not None:
        return known
    stack: list[tuple[Element, bool]] = [(element, False)]
    while stack:
        node, children_done = stack.pop()
        if node in memo:
            continue
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in node if child not in memo)
            continue
        memo[node] = (
            isinstance(node.tag, str)
            and node.tag not in _MEDIA
            and not (node.text or "").strip()
            and all(memo[child] and not (child.tail or "").strip() for child in node)
        )
    return memo[element]


def outermost_remnants(html: HtmlBody, marked: list[Element]) -> list[Element]:
    """Each marked element widened to the outermost wrapper that holds nothing else (only white space and
    empty elements), then only those not inside another, in document order.

    Linear in the size of the tree: what a wrapper holds besides marked and empty children is looked at
    once per wrapper, and the climb from each element is remembered for every marked element that shares it.
    """
    if not marked:
        return []
    flagged = set(marked)
    empty: dict[Element, bool] = {}
    # Per wrapper: None when its own text or a child's tail is not blank, else its children that are neither
    # marked nor empty (at most two are kept: only "none" and "just the one we climbed from" matter).
    others: dict[Element, list[Element] | None] = {}

    def holds_only(parent: Element, current: Element) -> bool:
        if parent not in others:
            if (parent.text or "").strip() or any((child.tail or "").strip() for child in parent):
                others[parent] = None
            else:
                found: list[Element] = []
                for child in parent:
                    if child not in flagged and not _emptiness(empty, child):
                        found.append(child)
                        if len(found) > 1:
                            break
                others[parent] = found
        rest = others[parent]
        return rest is not None and all(child is current for child in rest)

    climbed: dict[Element, Element] = {}  # where the climb starting at an element ends

    def climb(element: Element) -> Element:
        path: list[Element] = []
        current = element
        while current not in climbed:
            path.append(current)
            parent = current.getparent()
            if parent is None or parent is html.root or parent not in html.start_tags:
                break
            if not holds_only(parent, current):
                break
            current = parent
        end = climbed.get(current, current)
        for step in path:
            climbed[step] = end
        return end

    widened = [climb(element) for element in marked]
    chosen = set(widened)
    inside: dict[Element, bool] = {}  # whether an element has an ancestor in chosen

    def covered(element: Element) -> bool:
        path: list[Element] = []
        parent = element.getparent()
        answer = False
        while parent is not None:
            if parent in inside:
                answer = inside[parent] or parent in chosen
                break
            if parent in chosen:
                answer = True
                break
            path.append(parent)
            parent = parent.getparent()
        # Everything on the path up to the answer shares it (none of them is in chosen).
        for step in reversed(path):
            inside[step] = answer
        return answer

    result: list[Element] = []
    seen: set[Element] = set()
    for element in widened:
        if element in seen:
            continue
        seen.add(element)
        if covered(element):
            continue
        result.append(element)
    result.sort(key=lambda element: html.start_tags[element][0])
    return result


def find_remnants(
    html: HtmlBody,
    selectors: CompiledSelectors,
    words: frozenset[str],
    memo: PostMemo,
    memo_key: str,
) -> list[Element]:
    """Elements matched by ``selectors`` or named by ``words`` (class/id), widened and deduplicated by
    :func:`outermost_remnants`; computed once per post and ``memo_key``."""
    key: MemoKey[list[Element]] = MemoKey("remnants", (memo_key,))
    cached = memo.get(key)
    if cached is not None:
        return cached
    marked = set(selectors.matches(html))
    if words:
        # Only elements with attributes can have a class or id: the parsed attributes say which.
        for element, attributes in html.attributes.items():
            if element in marked or not any(attribute.name in ("class", "id") for attribute in attributes):
                continue
            if names_any(element, words):
                marked.add(element)
    ordered = sorted(marked, key=lambda element: html.start_tags[element][0])
    result = outermost_remnants(html, ordered)
    memo[key] = result
    return result
