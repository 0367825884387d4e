"""Declarative selector packs: CSS selectors grouped by ad network or outlet, each with a note on its origin.

Packs are data (TOML files shipped with the rules, or tables in the user's config). A rule compiles the packs
it uses once, into a single XPath union that libxml2 evaluates per post.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Literal

from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, field_validator

from postlint._html import Element, HtmlBody

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class Selector(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    css: str
    note: str = ""

    @field_validator("css")
    @classmethod
    def _valid_css(cls, value: str) -> str:
        translate(value)  # raises ValueError with cssselect's message
        return value


class SelectorPack(BaseModel):
    """A named group of selectors (and, for trackers and ad scripts, host names)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: Literal["ad", "boilerplate", "tracker"] = "ad"
    description: str = ""
    source: str = ""
    selectors: tuple[Selector, ...] = Field(default_factory=tuple)
    hosts: tuple[str, ...] = Field(default_factory=tuple)


def translate(css: str) -> str:
    from cssselect import HTMLTranslator, SelectorError

    try:
        return str(HTMLTranslator().css_to_xpath(css))
    except SelectorError as error:
        raise ValueError(f"invalid CSS selector '{css}': {error}") from None


@lru_cache(maxsize=8)
def builtin_packs(package: str, folder: str = "adpacks") -> tuple[SelectorPack, ...]:
    """The packs shipped as ``<package>/<folder>/*.toml``, sorted by name, read once per process.

    Shipped selectors are checked by the test suite, so they are not re-translated on every start (that
    would import cssselect for runs that never need it); packs from config are validated in full.
    """
    from importlib import resources

    packs: list[SelectorPack] = []
    root = resources.files(package).joinpath(folder)
    for entry in sorted(root.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            selectors = tuple(Selector.model_construct(**item) for item in data.pop("selectors", []))
            hosts = tuple(data.pop("hosts", ()))
            packs.append(SelectorPack.model_construct(**data, selectors=selectors, hosts=hosts))
    return tuple(packs)


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

    @lru_cache(maxsize=256)  # noqa: B019 - one compiled union per set of selectors, for the matcher's life
    def _union(self, chosen: tuple[int, ...]) -> etree.XPath:
        return etree.XPath(" | ".join(f"({translate(self.selectors[index][0])})" for index in chosen))

    def matches(self, html: HtmlBody) -> list[Element]:
        """Matching elements in document order."""
        if not self.selectors or not html.elements:
            return []
        # Most posts hold no ad markup at all: substring tests on their attributes rule that out far faster
        # than libxml2 can walk the tree, and when one passes, only the selectors that can match run.
        attribute_text = html.attribute_text
        chosen = sorted({index for needle, index in self._needles if needle is None or needle in attribute_text})
        if not chosen:
            return []
        found = self._union(tuple(chosen))(html.root)
        if not isinstance(found, list):
            return []
        return [element for element in found if isinstance(element, etree._Element) and element in html.start_tags]

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
        chosen = sorted({index for needle, index in self._needles if needle is None or needle in attribute_text})
        for index in chosen:
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
    memo: dict[str, object],
    memo_key: str,
) -> list[Element]:
    """Elements matched by ``selectors`` or named by ``words`` (class/id), widened and deduplicated by
    :func:`outermost_remnants`; computed once per post and ``memo_key``."""
    cached = memo.get(memo_key)
    if cached is not None:
        return cached  # type: ignore[return-value]
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
    memo[memo_key] = result
    return result


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
