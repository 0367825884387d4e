"""Declarative selector packs: CSS selectors grouped by ad network or outlet, each with a note on its origin.

Packs are data (TOML files shipped with the rules, or tables in the user's config). A rule compiles the packs
it uses once, into a single XPath union that libxml2 evaluates per post.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import Literal, cast

from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, field_validator

from postlint.reading.html import Element, HtmlBody
from postlint.reading.memo import MemoKey, PostMemo

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


class TextPattern(BaseModel):
    """Boilerplate known by its words: a regular expression searched (ignoring case) in the text of the
    smallest block element (or Markdown paragraph) that holds it, once its white space is folded."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    pattern: str
    note: str = ""
    #: Longer elements are prose that mentions the words, not the boilerplate itself.
    max_length: int = Field(default=200, alias="max-length", ge=1)
    #: A related-stories box: the words label a list of links (in the element, or in the elements after it).
    links: bool = False
    #: Whether the pattern also applies inside a figure or its caption (credits live there).
    in_captions: bool = Field(default=False, alias="in-captions")
    #: Words (compared in lower case) one of which every match contains: a post holding none of them is not
    #: searched with the pattern at all, which keeps packs cheap on the many posts without boilerplate.
    triggers: tuple[str, ...] = ()
    #: Whether the block must open or close the body (within a few hundred characters of text): for words
    #: that authors also write in their text ("Follow us on Twitter" in a list of conferences).
    at_edge: bool = Field(default=False, alias="at-edge")

    @field_validator("pattern")
    @classmethod
    def _valid_pattern(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"invalid regular expression '{value}': {error}") from None
        return value


class SelectorPack(BaseModel):
    """A named group of selectors (and, for trackers and ad scripts, host names; for boilerplate, texts)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: Literal["ad", "boilerplate", "tracker"] = "ad"
    description: str = ""
    source: str = ""
    selectors: tuple[Selector, ...] = Field(default_factory=tuple)
    hosts: tuple[str, ...] = Field(default_factory=tuple)
    texts: tuple[TextPattern, ...] = Field(default_factory=tuple)


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
            texts = tuple(TextPattern.model_validate(item) for item in data.pop("texts", []))
            packs.append(SelectorPack.model_construct(**data, selectors=selectors, hosts=hosts, texts=texts))
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


# --- Text patterns: boilerplate that survives an import as plain text -------------------------------------

#: Elements whose text can be a boilerplate block on its own.
_TEXT_BLOCKS = frozenset(
    "p div li section aside footer header small center h1 h2 h3 h4 h5 h6 td dd dt figcaption span em strong font"
    " b i".split()
)
_INLINE = frozenset("span em strong font b i small a".split())
#: Where words are not what a reader sees as page furniture: code, scripts, and a player's own fallback
#: (shown only when the player itself cannot run, which is what it is for).
_NOT_TEXT = ("pre", "code", "script", "style", "template", "textarea", "video", "audio", "object", "noscript")
_CAPTIONS = ("figure", "figcaption")


def _unspaced(text: str) -> str:
    r"""``re.sub(r"\s+", "", text)``: `str.split` splits on the characters `\s` matches (`str.isspace`), in
    a few times less time (this runs on the text of every block tried, and on long stretches of the body)."""
    return "".join(text.split())


# Each scan stops at the next opener (`<`, `<!--`, a bracket, a parenthesis or a line end): a scan to the
# first closer after every opener made a body of unclosed openers quadratic (19 s for 500 KB, fuzzing).
_TAGS = re.compile(r"<!--(?:(?!<!--|-->).)*-->|<[^<>]*>", re.S)
_MD_LINKS = re.compile(
    r"!?\[([^\[\]]*)\]\((?:[^()\[\]\n]|\([^()\[\]\n]*\))*\)|!?\[([^\[\]]*)\]\[[^\[\]]*\]|<(https?://[^<>\s]+)>"
)
#: A Markdown paragraph holding one of these is HTML that the element walk reads (or code, or a player's own
#: fallback), not a paragraph of text.
_BLOCK_TAG = re.compile(
    r"<(?:p|div|section|aside|footer|header|ul|ol|li|table|figure|h[1-6]|pre|code|script|style|template|textarea"
    r"|video|audio|object|noscript|iframe)\b",
    re.I,
)


_Compiled = tuple["re.Pattern[str]", TextPattern, str, tuple[str, ...]]


class TextMatch:
    """A boilerplate block found by its words: where it is and which pattern said so."""

    __slots__ = ("element", "end", "label", "links", "start", "text")

    def __init__(
        self, start: int, end: int, label: str, text: str, element: Element | None = None, links: bool = False
    ) -> None:
        self.start, self.end, self.label, self.text, self.element = start, end, label, text, element
        self.links = links


class CompiledTexts:
    """The text patterns of a set of packs, with one combined pattern that rules most posts out at once."""

    def __init__(self, patterns: list[tuple[TextPattern, str]]) -> None:
        self.patterns = [
            (re.compile(pattern.pattern, re.I), pattern, label, tuple(word.lower() for word in pattern.triggers))
            for pattern, label in patterns
        ]
        # Each pattern without its anchors, searched once in the whole text: no match there, no element can.
        self.loose = [re.compile(_unanchored(pattern.pattern), re.I) for pattern, _ in patterns]
        self.longest = max((pattern.max_length for pattern, _ in patterns), default=0)
        self._words = sorted({word for item in self.patterns for word in item[3]})
        self._all_triggered = all(item[3] for item in self.patterns)
        #: For each group of trigger words (starting with an ASCII character, or not), one regex that matches
        #: where one of them starts, and the words by their first character. Searching these is far cheaper
        #: than one `str.find` pass per word (84 passes over every body) in text beyond Latin-1 (Chinese);
        #: two regexes are cheaper than one, whose every ASCII letter would try the Chinese words too.
        self._tries: list[tuple[re.Pattern[str], dict[str, list[str]]]] = []
        if "" not in self._words:
            for group in ([w for w in self._words if w[0].isascii()], [w for w in self._words if not w[0].isascii()]):
                by_first: dict[str, list[str]] = {}
                for word in group:
                    by_first.setdefault(word[0], []).append(word)
                if group:
                    self._tries.append((re.compile(_trie(group)), by_first))

    def _match(
        self, candidates: list[_Compiled], text: str, in_captions: bool, link_share: float | None, edge: bool = True
    ) -> tuple[str, bool] | None:
        """The label (and whether it is a related-stories pattern) of the first pattern that ``text`` (folded
        white space) is, if any."""
        lowered = text.lower()
        for regex, pattern, label, triggers in candidates:
            if len(text) > pattern.max_length or (in_captions and not pattern.in_captions):
                continue
            if pattern.at_edge and not edge:
                continue
            if triggers and not any(word in lowered for word in triggers):
                continue
            found = regex.search(text)
            if found is None:
                continue
            if pattern.links:
                # A related-stories box: mostly links after its label (or the label alone: the list follows).
                rest = len(text) - found.end()
                if rest > 0 and (link_share is None or link_share < 0.5):
                    continue
            return label, pattern.links
        return None

    def matches(
        self, post_text: str, body_start: int, html: HtmlBody, is_markdown: bool, code: Sequence[tuple[int, int]] = ()
    ) -> list[TextMatch]:
        """Boilerplate blocks in document order: the smallest element whose text is the boilerplate (a
        related-stories label with the list of links after it), and Markdown paragraphs."""
        if not self.patterns:
            return []
        # The text of the whole tree (Markdown paragraphs included: they are its loose text). The reader's
        # tree holds elements and their text only, so `itertext` yields what `//text()` selects, without
        # making a node object per piece (they are needed only once a pattern can match, below).
        visible = "".join(cast("Iterator[str]", html.root.itertext()))  # text, never bytes, in our trees
        lowered = visible.lower()
        # Every offset where each trigger starts, overlapping ones too (a trigger may hold another).
        where: dict[str, list[int]] = {}
        if lowered.isascii() or not self._tries:  # `str.find` in ASCII text is memchr-fast
            for word in self._words:
                at = lowered.find(word)
                while at >= 0:
                    where.setdefault(word, []).append(at)
                    at = lowered.find(word, at + 1)
        else:
            for trie, by_first in self._tries:
                search = trie.search
                found_word = search(lowered)
                while found_word is not None:
                    at = found_word.start()
                    for word in by_first[lowered[at]]:
                        if lowered.startswith(word, at):
                            where.setdefault(word, []).append(at)
                    found_word = search(lowered, at + 1)
        if not where and self._all_triggered:
            return []  # every pattern's match holds one of its triggers, and the text holds none
        windows = [_trigger_windows(where, item[3], item[1].max_length, len(visible)) for item in self.patterns]
        candidates = [
            item
            for item, loose, stretches in zip(self.patterns, self.loose, windows, strict=True)
            if any(loose.search(visible, low, high) is not None for low, high in stretches)
        ]
        if not candidates:
            return []
        limit = max(pattern.max_length for _, pattern, _, _ in candidates) * 2 + 200
        found_nodes = html.root.xpath("//text()")
        nodes = found_nodes if isinstance(found_nodes, list) else []
        # Only the blocks around a place where a pattern matches the whole text can be boilerplate: map each
        # such place to its text node, and look at the block elements that hold it, innermost first.
        offsets: list[int] = []
        position = 0
        for node in nodes:
            offsets.append(position)
            position += len(str(node))
        starts: set[int] = set()
        for item, loose, stretches in zip(self.patterns, self.loose, windows, strict=True):
            if item in candidates:
                for low, high in stretches:
                    starts.update(match.start() for match in loose.finditer(visible, low, high))
        chains: list[Element] = []
        edges: dict[Element, bool] = {}
        # Whether what follows each start holds at most `_EDGE` characters that are not white space: counted
        # from the last start back, each stretch once (counting the whole rest of the text for every start was
        # quadratic, most of PL502's time on long posts), and no further once past the edge (the count only
        # grows towards the top).
        tail_near: dict[int, bool] = {}
        following, behind = 0, len(visible)
        for start in sorted(starts, reverse=True):
            if following <= _EDGE:
                following += len(_unspaced(visible[start:behind]))
                behind = start
            tail_near[start] = following <= _EDGE
        for start in sorted(starts):
            index = bisect_right(offsets, start) - 1
            if index < 0:
                continue
            node = nodes[index]
            parent = getattr(node, "getparent", lambda: None)()
            owner = parent.getparent() if parent is not None and getattr(node, "is_tail", False) else parent
            if owner is None or next(owner.iterancestors(*_NOT_TEXT), None) is not None or owner.tag in _NOT_TEXT:
                continue
            chain = [element for element in [owner, *owner.iterancestors()] if element.tag in _TEXT_BLOCKS]
            near = start <= _EDGE or tail_near[start]
            for element in chain:
                edges[element] = edges.get(element, False) or near
            chains.extend(chain)
        found: list[TextMatch] = []
        matched: set[Element] = set()
        seen: set[Element] = set()
        for element in chains:
            if element in seen or element not in html.start_tags:
                continue
            seen.add(element)
            raw = _reader_text(element, limit)
            if raw is None:
                continue
            text = " ".join(raw.split())
            if not text:
                continue
            link_text = sum(len(_unspaced("".join(str(p) for p in a.itertext()))) for a in element.iter("a"))
            folded = len(_unspaced(text))
            share = link_text / folded if folded else None
            in_captions = next(element.iterancestors(*_CAPTIONS), None) is not None or element.tag == "figcaption"
            hit = self._match(candidates, text, in_captions, share, edges.get(element, False))
            if hit is not None:
                matched.add(element)
                start, end = html.start_tags[element][0], html.span(element)[1]
                found.append(TextMatch(start, end, hit[0], text, element, hit[1]))
        # The smallest block: drop a match that holds another one; then widen each to the wrappers that hold
        # nothing else (`<p><em>© 2020 DW</em></p>` is the paragraph a fix removes, not the emphasis).
        # An emphasis or span that holds part of a matching paragraph (`<p><em>© 2025</em><em>年德国之声版权声明…`)
        # gives way to the paragraph.
        found = [
            match
            for match in found
            if not (
                match.element is not None
                and match.element.tag in _INLINE
                and any(ancestor in matched for ancestor in match.element.iterancestors())
            )
        ]
        kept = {match.element for match in found}
        holders = {ancestor for element in kept if element is not None for ancestor in element.iterancestors()}
        found = [_widened(html, match) for match in found if match.element not in holders]
        widened = [_with_following_links(html, match, match.links) for match in found]
        found = [match for match in widened if match is not None]
        if is_markdown:
            fences = [(body_start + start, body_start + end) for start, end in code]
            found.extend(self._paragraphs(candidates, post_text, body_start, found, fences))
        found.sort(key=lambda match: match.start)
        return found

    def _paragraphs(
        self,
        candidates: list[_Compiled],
        text: str,
        body_start: int,
        elements: list[TextMatch],
        fences: list[tuple[int, int]],
    ) -> list[TextMatch]:
        """Markdown paragraphs (outside code) whose text is boilerplate, unless an element already covers it."""
        found: list[TextMatch] = []
        blocks = [
            (body_start + block.start(), body_start + block.end())
            for block in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text[body_start:])
        ]
        # Whether a block stands near the top or the foot: how much a reader sees before and after it, from the
        # visible length of each block and gap, measured from each end only as far as the edge (measuring the
        # whole text before and after every paragraph was quadratic: a long post took minutes).
        cuts = [body_start, *(edge for block in blocks for edge in block), len(text)]
        count = len(cuts) - 1
        prefix = [0]  # prefix[j]: what a reader sees in pieces 0..j-1, while it is within the edge
        while len(prefix) <= count and prefix[-1] <= _EDGE:
            j = len(prefix) - 1
            prefix.append(prefix[-1] + _visible_length(text[cuts[j] : cuts[j + 1]]))
        suffix = [0]  # suffix[k]: what a reader sees in the last k pieces, while it is within the edge
        while len(suffix) <= count and suffix[-1] <= _EDGE:
            k = len(suffix)
            suffix.append(suffix[-1] + _visible_length(text[cuts[count - k] : cuts[count - k + 1]]))
        # The letters (not white space: that is folded) of each trigger of the candidates; `None` when one of
        # them has no trigger and so may match any paragraph.
        words: set[str] = set()
        for _, _, _, triggers in candidates:
            words.update(triggers)
        letters: set[frozenset[str]] = {frozenset(letter for letter in word if not letter.isspace()) for word in words}
        needs = letters if all(triggers for _, _, _, triggers in candidates) else None
        for index, (start, block_end) in enumerate(blocks):
            # Pieces alternate: 2i is the gap before block i, 2i + 1 the block itself.
            before_pieces, after_pieces = 2 * index + 1, count - 2 * index - 2
            near = (before_pieces < len(prefix) and prefix[before_pieces] <= _EDGE) or (
                after_pieces < len(suffix) and suffix[after_pieces] <= _EDGE
            )
            chunk = text[start:block_end].rstrip("\n")
            if needs is not None:
                # A pattern is tried only on a `plain` text holding one of its triggers. Without `<` or `[`,
                # `plain` is the chunk with white space folded and its ends stripped; else each character of
                # it still comes from the chunk. A paragraph failing that cannot match.
                lowered = chunk.lower()
                if "<" in chunk or "[" in chunk:
                    present = set(lowered)
                    if not any(letters <= present for letters in needs):
                        continue
                else:
                    spaced = " ".join(lowered.split())  # `str.split` and `\s` split on the same characters
                    if not any(word in spaced for word in words):
                        continue
            end = start + len(chunk)
            if _BLOCK_TAG.search(chunk) or any(a < end and start < b for a, b in fences):
                continue
            if all(line.startswith(("    ", "\t")) for line in chunk.splitlines()):
                continue  # indented code
            if any(match.start < end and start < match.end for match in elements):
                continue
            plain = " ".join(_plain(chunk).split()).strip(" >*_#-")
            if not plain:
                continue
            links = sum(len(_unspaced(m.group(1) or m.group(2) or m.group(3) or "")) for m in _MD_LINKS.finditer(chunk))
            links += sum(len(_unspaced(m)) for m in re.findall(r"<a\b[^>]*>(.*?)</a>", chunk, re.S | re.I))
            folded = len(_unspaced(plain))
            hit = self._match(candidates, plain, False, links / folded if folded else None, near)
            if hit is not None and not (hit[1] and not links):
                lead = len(chunk) - len(chunk.lstrip())
                found.append(TextMatch(start + lead, end, hit[0], plain))
        return found


def _trie(words: list[str]) -> str:
    """A regex matching where one of ``words`` (none empty) starts, with shared beginnings factored out, so
    that it tries one branch per character rather than every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    branches: list[str] = []
    for first, rests in groups.items():
        if "" in rests:  # a word ends here: matching its first characters is enough to say one starts
            branches.append(re.escape(first))
        elif len(rests) == 1:
            branches.append(re.escape(first) + re.escape(rests[0]))
        else:
            branches.append(f"{re.escape(first)}(?:{_trie(rests)})")
    return "|".join(branches)


def _trigger_windows(
    where: dict[str, list[int]], triggers: tuple[str, ...], reach: int, length: int
) -> list[tuple[int, int]]:
    """The stretches of the text around each occurrence of one of a pattern's trigger words (``where`` maps
    each word found to its offsets), merged; the whole text when the pattern has no triggers. A pattern's
    match holds one of its triggers and is at most ``reach`` long, so it lies in these stretches: trying the
    pattern at every offset of a long body was most of PL502's time."""
    if not triggers:
        return [(0, length)]
    # Lower-casing may change a few lengths (`İ`): a margin keeps offsets of the two texts in step.
    margin = reach + 64
    windows = sorted(
        (max(0, at - margin), min(length, at + len(word) + margin)) for word in triggers for at in where.get(word, ())
    )
    merged: list[tuple[int, int]] = []
    for low, high in windows:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


#: How much text may stand between an edge-only block and the top or the foot of the body.
_EDGE = 300


def _visible_length(fragment: str) -> int:
    return len(_unspaced(_plain(fragment)))


def _unanchored(pattern: str) -> str:
    """``pattern`` with its top-level ``^`` and ``$`` anchors dropped (a prefilter over a whole text)."""
    return re.sub(r"(?<![\\\[])[\^$]", "", pattern)


def _reader_text(element: Element, limit: int) -> str | None:
    """The element's text without what sits in code, scripts and players' fallback content; ``None`` as
    soon as it is longer than ``limit`` (a wrapper of the article, not a block of boilerplate)."""
    parts: list[str] = []
    size = 0
    stack: list[tuple[Element, bool]] = [(element, False)]
    while stack:
        current, tail_only = stack.pop()
        piece = current.tail if tail_only else None
        if not tail_only:
            if current is not element:
                stack.append((current, True))
            if current.tag in _NOT_TEXT or not isinstance(current.tag, str):
                continue
            piece = current.text
            stack.extend((child, False) for child in reversed(current))
        if piece:
            parts.append(piece)
            size += len(piece)
            if size > limit:
                return None
    return "".join(parts)


def _widened(html: HtmlBody, match: TextMatch) -> TextMatch:
    element = match.element
    if element is None:
        return match
    own = _unspaced("".join(str(part) for part in element.itertext()))
    current = element
    parent = current.getparent()
    while parent is not None and parent is not html.root and parent in html.start_tags:
        if _unspaced("".join(str(part) for part in parent.itertext())) != own:
            break
        current, parent = parent, parent.getparent()
    if current is element:
        return match
    start, end = html.start_tags[current][0], html.span(current)[1]
    return TextMatch(start, end, match.label, match.text, current, match.links)


def _plain(fragment: str) -> str:
    return _TAGS.sub(" ", _MD_LINKS.sub(lambda m: m.group(1) or m.group(2) or m.group(3) or "", fragment))


def _with_following_links(html: HtmlBody, match: TextMatch, links: bool) -> TextMatch | None:
    """A related-stories label standing alone ("延伸閱讀：", "Related stories") takes in the lists of links that
    follow it; without one it is a heading like any other, and not reported."""
    element = match.element
    if element is None or not links or element.find(".//a") is not None:
        return match
    end = match.end
    current = element
    following = element.getnext()
    while following is not None and following in html.start_tags and not (current.tail or "").strip():
        text = _unspaced("".join(str(part) for part in following.itertext()))
        linked = _unspaced("".join("".join(str(p) for p in a.itertext()) for a in following.iter("a")))
        if not text or len(linked) < len(text) * 0.5:
            break
        end = html.span(following)[1]
        current, following = following, following.getnext()
    return TextMatch(match.start, end, match.label, match.text, element) if end > match.end else None


def compile_texts(
    packs: Sequence[SelectorPack], kind: str, use: tuple[str, ...] | None, skip: tuple[str, ...]
) -> CompiledTexts:
    """The text patterns of the packs of ``kind`` (all, or those named in ``use``) minus ``skip``."""
    chosen = [
        pack for pack in packs if pack.kind == kind and (use is None or pack.name in use) and pack.name not in skip
    ]
    return CompiledTexts(
        [
            (pattern, f"{pack.name}: {pattern.note}" if pattern.note else pack.name)
            for pack in chosen
            for pattern in pack.texts
        ]
    )
