"""Boilerplate text: outlet furniture that survives an import as plain text ("阅读更多" boxes, follow-us and
tip-jar blocks, related-story lists), found by text patterns around their trigger words and widened to the
block a reader sees."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from postlint.core.lazyre import lazy_regex
from postlint.knowledge.packs.model import SelectorPack, TextPattern
from postlint.knowledge.regexstart import StartScan, lowered_alike, match_extent
from postlint.knowledge.wordscan import WordScan
from postlint.reading.html import Element, HtmlBody

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


# --- Text patterns: boilerplate that survives an import as plain text -------------------------------------

#: Elements whose text can be a boilerplate block on its own.
_TEXT_BLOCKS = frozenset(
    "p div li section aside footer header small center h1 h2 h3 h4 h5 h6 td dd dt figcaption span em strong font"
    " b i th".split()
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
#: The counts a related-stories list carries for screen readers ("list of 4 items", "list 1 of 4"), which a
#: mirror without the outlet's CSS shows as text: they are part of the box, not prose around it.
_LIST_COUNTER = lazy_regex(r"\blist(?: \d+)? of \d+(?: items?)?\b", re.I)
#: Comments and tags; a tag's name starts with an ASCII letter (or `/`, `!`, `?`), as HTML and CommonMark read
#: it: `<저작권자 ⓒ 연합뉴스 …>` is text the page shows (round 7).
_TAGS = lazy_regex(r"<!--(?:(?!<!--|-->).)*-->|<[A-Za-z/!?][^<>]*>", re.S)
_MD_LINKS = lazy_regex(
    r"!?\[([^\[\]]*)\]\((?:[^()\[\]\n]|\([^()\[\]\n]*\))*\)|!?\[([^\[\]]*)\]\[[^\[\]]*\]|<(https?://[^<>\s]+)>"
)
#: A Markdown paragraph holding one of these is HTML that the element walk reads (or code, or a player's own
#: fallback), not a paragraph of text.
_BLOCK_TAG = lazy_regex(
    r"<(?:p|div|section|aside|footer|header|ul|ol|li|table|figure|h[1-6]|pre|code|script|style|template|textarea"
    r"|video|audio|object|noscript|iframe)\b",
    re.I,
)


#: A Markdown list item that is wholly one link (`- [title](url)`, `1. <https://…>`).
_MD_LINK_ITEM = lazy_regex(
    r"\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?:\[[^\[\]\n]+\]\([^()\s]+(?:\s+\"[^\"]*\")?\)|<https?://[^<>\s]+>)\s*"
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
        # Each pattern is compiled the first time a post holds one of its triggers (see lazy_regex).
        self.patterns = [
            (lazy_regex(pattern.pattern, re.I), pattern, label, tuple(word.lower() for word in pattern.triggers))
            for pattern, label in patterns
        ]
        # Each pattern without its anchors, searched once in the whole text: no match there, no element can.
        # Compiled the first time a post holds one of its triggers (most posts hold none: a pre-commit run
        # on one post would otherwise compile every pack's patterns).
        self._loose: list[re.Pattern[str] | None] = [None] * len(self.patterns)
        #: The same, tried only where a match can start (case-insensitive patterns scan slowly on their own).
        self._loose_starts: list[StartScan | None] = [None] * len(self.patterns)
        #: How far a match of each pattern without its anchors can reach (see `match_extent`), when first asked.
        self._extents: list[tuple[int, int] | bool | None] = [False] * len(self.patterns)
        self.longest = max((pattern.max_length for pattern, _ in patterns), default=0)
        self._words = sorted({word for item in self.patterns for word in item[3]})
        self._all_triggered = all(item[3] for item in self.patterns)
        #: The patterns (by index) each trigger word belongs to, and those without triggers (always tried).
        self._by_word: dict[str, list[int]] = {}
        for index, item in enumerate(self.patterns):
            for word in dict.fromkeys(item[3]):
                self._by_word.setdefault(word, []).append(index)
        self._untriggered = [index for index, item in enumerate(self.patterns) if not item[3]]
        #: Every trigger word of every pattern, found in one pass over the text.
        self._scan = WordScan(self._words)

    def loose(self, index: int) -> re.Pattern[str]:
        """The pattern at ``index`` without its anchors (compiled once, when first asked for)."""
        found = self._loose[index]
        if found is None:
            found = self._loose[index] = re.compile(_unanchored(self.patterns[index][1].pattern), re.I)
        return found

    def _starts(self, index: int) -> StartScan:
        """Where the pattern at ``index`` without its anchors can match, found fast (made when first asked for)."""
        found = self._loose_starts[index]
        if found is None:
            found = self._loose_starts[index] = StartScan(self.loose(index))
        return found

    def _extent(self, index: int) -> tuple[int, int] | None:
        found = self._extents[index]
        if found is False:
            loose = self.loose(index)
            found = self._extents[index] = match_extent(loose.pattern, loose.flags)
        return found  # type: ignore[return-value]

    def starts(
        self, index: int, text: str, where: dict[str, list[int]], lowered: str | None, narrow: bool = True
    ) -> list[int]:
        """Where the pattern at ``index`` without its anchors matches ``text`` around its triggers (``where``:
        the offsets of each trigger word found in the lower-cased text; ``lowered``: that text when
        :func:`lowered_alike` holds). ``narrow``: only as far as a match can reach (see :func:`_narrowed`)."""
        item = self.patterns[index]
        occurrences = _occurrences(where, item[3]) if item[3] else None
        windows = _trigger_windows(occurrences, item[1].max_length, len(text))
        if narrow and lowered is not None and occurrences is not None:
            windows = _narrowed(windows, occurrences, item[1].max_length, self._extent(index), lowered)
        starts_in = self._starts(index).starts
        return [start for low, high in windows for start in starts_in(text, low, high, lowered)]

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
        visible = html.visible_text  # the reader's text runs, joined once per post
        lowered = visible.lower()
        # Every offset where each trigger starts, overlapping ones too (a trigger may hold another).
        where = self._scan.where(lowered)
        if not where and self._all_triggered:
            return []  # every pattern's match holds one of its triggers, and the text holds none
        # Only the patterns whose triggers occur (and those without triggers) can match; each is tried only in
        # the stretches around its triggers, once: the places it matches there are where blocks are looked at.
        alike = lowered if lowered_alike(visible, lowered) else None  # (case-sensitive scans over it, faster)
        tried = set(self._untriggered)
        for word in where:
            tried.update(self._by_word[word])
        candidates: list[_Compiled] = []
        starts: set[int] = set()
        for index in sorted(tried):
            hits = self.starts(index, visible, where, alike)
            if hits:
                candidates.append(self.patterns[index])
                starts.update(hits)
        if not candidates:
            return []
        limit = max(pattern.max_length for _, pattern, _, _ in candidates) * 2 + 200
        # Only the blocks around a place where a pattern matches the whole text can be boilerplate: map each
        # such place to its text run, and look at the block elements that hold it, innermost first.
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
            index = html.run_at(start)
            if index < 0:
                continue
            owner = html.text_owner(index)
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
            raw = _reader_text(html, element, limit)
            if raw is None:
                continue
            text = " ".join(raw.split())
            if not text:
                continue
            link_text = sum(len(_unspaced(html.text_of(a))) for a in element.iter("a"))
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
        any_word = _any_word(tuple(sorted(words))) if needs is not None and "" not in words else None
        # The code regions merged, so that whether a paragraph overlaps one is a binary search, not a pass over
        # all of them for every paragraph (a post of many code spans and paragraphs was quadratic).
        fence_starts, fence_ends = _merged_regions(fences)
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
                    if any_word is not None and any_word.search(spaced) is None:
                        continue
            end = start + len(chunk)
            if _BLOCK_TAG.search(chunk) or _overlaps(fence_starts, fence_ends, start, end):
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
            if hit is not None and hit[1] and not links and index + 1 < len(blocks):
                # A label alone ("**Further reading:**") over a Markdown list of links: the box is both.
                following = text[blocks[index + 1][0] : blocks[index + 1][1]].rstrip("\n")
                if following.strip() and all(_MD_LINK_ITEM.fullmatch(line) for line in following.split("\n")):
                    lead = len(chunk) - len(chunk.lstrip())
                    box_end = blocks[index + 1][0] + len(following)
                    found.append(TextMatch(start + lead, box_end, hit[0], plain, None, True))
                    continue
            if hit is not None and not (hit[1] and not links):
                lead = len(chunk) - len(chunk.lstrip())
                found.append(
                    self._narrowed(candidates, TextMatch(start + lead, end, hit[0], plain, None, hit[1]), chunk, start)
                )
        return found

    def _narrowed(self, candidates: list[_Compiled], match: TextMatch, chunk: str, start: int) -> TextMatch:
        """A paragraph whose first lines are attribution (the author and source lines above a reprint notice,
        "作者：…", "来源：…", or an image) is reported from the line after them, if the rest alone matches."""
        lines = chunk.split("\n")
        if len(lines) < 2 or match.links:
            return match
        skipped = 0
        while skipped < len(lines) - 1 and _ATTRIBUTION_LINE.match(lines[skipped]):
            skipped += 1
        if not skipped:
            return match
        tail = "\n".join(lines[skipped:])
        plain = " ".join(_plain(tail).split()).strip(" >*_#-")
        if not plain or self._match(candidates, plain, False, None) is None:
            return match
        begin = start + len(chunk) - len(tail) + (len(tail) - len(tail.lstrip()))
        return TextMatch(begin, match.end, match.label, plain, None, match.links)


def _merged_regions(regions: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and the ends of ``regions`` once overlapping ones are merged, in order. Touching ones stay
    apart: an empty span where one region ends and the next begins overlaps neither, and must not overlap
    their union."""
    merged: list[list[int]] = []
    for low, high in sorted(regions):
        if merged and low < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [low for low, _ in merged], [high for _, high in merged]


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """``any(a < end and start < b for a, b in regions)`` for merged regions given by their sorted starts and
    ends: the first region that ends after ``start`` is the only one that can."""
    index = bisect_right(ends, start)
    return index < len(starts) and starts[index] < end


@lru_cache(maxsize=256)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex that finds any of ``words`` (none empty): one search instead of a substring test per word."""
    return re.compile(_trie(list(words)))


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


def _occurrences(where: dict[str, list[int]], triggers: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each of ``triggers`` occurs (``where`` maps each word found to its offsets): start and end, in order."""
    return sorted((at, at + len(word)) for word in triggers for at in where.get(word, ()))


def _trigger_windows(occurrences: list[tuple[int, int]] | None, reach: int, length: int) -> list[tuple[int, int]]:
    """The stretches of the text around each occurrence of one of a pattern's trigger words (from
    :func:`_occurrences`), merged; the whole text when the pattern has no triggers (``None``). A pattern's
    match holds one of its triggers and is at most ``reach`` long, so it lies in these stretches: trying the
    pattern at every offset of a long body was most of PL502's time."""
    if occurrences is None:
        return [(0, length)]
    # Lower-casing may change a few lengths (`İ`): a margin keeps offsets of the two texts in step.
    margin = reach + 64
    merged: list[tuple[int, int]] = []
    for at, end in occurrences:
        low, high = max(0, at - margin), min(length, end + margin)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


#: Runs of white space longer than one character (the longest bounds how far a `\s*` reaches). Spelled
#: `\s\s+`: the engine finds the same runs about 40% faster than with `\s{2,}`.
_SPACE_RUN = lazy_regex(r"\s\s+")
#: Stretches to search closer than this are searched as one.
_GAP = 256


def _narrowed(
    windows: list[tuple[int, int]],
    occurrences: list[tuple[int, int]],
    reach: int,
    extent: tuple[int, int] | None,
    text: str,
) -> list[tuple[int, int]]:
    """``windows`` (from :func:`_trigger_windows`) cut down to the stretches a match around each trigger can
    reach: ``extent`` (see :func:`postlint.knowledge.regexstart.match_extent`) with the longest run of white
    space in the window. A window where that is no closer than ``reach`` is kept whole, so the pattern is tried
    at the same places with the same outcome (every match holds a trigger and fits in what is searched)."""
    if extent is None:
        return windows
    fixed, spaces = extent
    margin = reach + 64
    if fixed >= margin:
        return windows
    narrowed: list[tuple[int, int]] = []
    count = len(occurrences)
    next_one = 0  # (the occurrences are in order, each in one window)
    for low, high in windows:
        first = next_one
        while next_one < count and occurrences[next_one][0] < high:
            next_one += 1
        longest = 1
        if spaces:
            for run in _SPACE_RUN.finditer(text, low, high):
                longest = max(longest, run.end() - run.start())
        width = fixed + spaces * longest
        if width >= margin:
            narrowed.append((low, high))
            continue
        opened = len(narrowed)
        for at, end in occurrences[first:next_one]:
            start, stop = max(low, at - width), min(high, end + width)
            # (pieces a little apart are searched as one: no match starts between them, and a search costs more)
            if len(narrowed) > opened and start <= narrowed[-1][1] + _GAP:
                if stop > narrowed[-1][1]:
                    narrowed[-1] = (narrowed[-1][0], stop)
            else:
                narrowed.append((start, stop))
    return narrowed


#: How much text may stand between an edge-only block and the top or the foot of the body.
_EDGE = 300


def _visible_length(fragment: str) -> int:
    return len(_unspaced(_plain(fragment)))


def _unanchored(pattern: str) -> str:
    """``pattern`` with its top-level ``^`` and ``$`` anchors dropped (a prefilter over a whole text)."""
    return re.sub(r"(?<![\\\[])[\^$]", "", pattern)


def _reader_text(html: HtmlBody, element: Element, limit: int) -> str | None:
    """The element's text without what sits in code, scripts and players' fallback content; ``None`` as
    soon as it is longer than ``limit`` (a wrapper of the article, not a block of boilerplate)."""
    if element.tag in _NOT_TEXT:
        return ""
    first, past = html.run_range(element)
    texts, elements, tails = html.run_texts, html.run_elements, html.run_tails
    parts: list[str] = []
    size = 0
    excluded: dict[Element, bool] = {}  # whether an element lies in code (or the like) inside ``element``
    for index in range(first, past):
        holder = elements[index]
        owner = holder.getparent() if tails[index] else holder
        verdict = excluded.get(owner) if owner is not None else False
        if verdict is None:
            path: list[Element] = []
            current = owner
            verdict = False
            while current is not None and current is not element:
                known = excluded.get(current)
                if known is not None:
                    verdict = known
                    break
                if current.tag in _NOT_TEXT:
                    verdict = True
                    break
                path.append(current)
                current = current.getparent()
            for step in path:
                excluded[step] = verdict
        if verdict:
            continue
        piece = texts[index]
        parts.append(piece)
        size += len(piece)
        if size > limit:
            return None
    return "".join(parts)


#: A line of attribution above a notice in the same paragraph ("作者：…", "来源：…", "Source: …"), or an image.
_ATTRIBUTION_LINE = lazy_regex(
    r"\s*(?:[*_]{0,2}(?:作者|來源|来源|链接|鏈接|原文|出处|出處|编辑|編輯|责编|責編|撰文|文|图|圖|摄影|攝影|翻译|翻譯"
    r"|source|author|by|link|via|photo|text)[*_]{0,2}\s*[:：｜|]|!\[[^\]\n]*\]\([^)\n]*\)\s*$|<img\b[^<>]*>\s*$)",
    re.I,
)


def _widened(html: HtmlBody, match: TextMatch) -> TextMatch:
    element = match.element
    if element is None:
        return match
    own = _unspaced(html.text_of(element))
    current = element
    parent = current.getparent()
    boxed = False
    while parent is not None and parent is not html.root and parent in html.start_tags:
        if _unspaced(html.text_of(parent)) != own:
            if boxed or not _box_of(html, parent, current):
                break
            boxed = True  # once: the box's own wrappers must hold nothing else
            own = _unspaced(html.text_of(parent))
        current, parent = parent, parent.getparent()
    if current is element:
        return match
    start, end = html.start_tags[current][0], html.span(current)[1]
    return TextMatch(start, end, match.label, match.text, current, match.links)


#: Containers a piece of furniture comes in, with its heading and its button (`<div class="subscribe">`).
_BOXES = frozenset("div section aside footer header form".split())
#: What stands next to the furniture's words in its box: a label heading, a call-to-action link or button.
_LABELS = frozenset("h1 h2 h3 h4 h5 h6 strong b".split())
_ACTIONS = frozenset("a button input form label img br hr".split())


def _box_of(html: HtmlBody, box: Element, block: Element) -> bool:
    """Whether ``box`` is the furniture's own box around ``block``: besides it, only a short label heading
    (`<h3>留言</h3>`, `<h4>Partner content</h4>`), a call-to-action link or button (`<a>立即訂閱</a>`), or, when
    the furniture's words are themselves the heading, one short line under it, and no loose text. A wrapper
    of the article holds more."""
    if box.tag not in _BOXES or (box.text or "").strip():
        return False
    others = [child for child in box if child is not block]
    if len(others) > 3 or any(not isinstance(child.tag, str) for child in others):
        return False
    if (block.tail or "").strip() or any((child.tail or "").strip() for child in others):
        return False
    lines = 0
    for child in others:
        size = len(_unspaced(html.text_of(child)))
        if child.tag in _LABELS and size <= 24 and child.find(".//a") is None:
            continue
        if child.tag in _ACTIONS or (child.tag == "p" and len(child) == 1 and child[0].tag in _ACTIONS):
            if size <= 12:
                continue
            return False
        if child.tag == "p" and block.tag in _LABELS and not lines and size <= 40 and child.find(".//a") is None:
            lines += 1
            continue
        return False
    return True


def _plain(fragment: str) -> str:
    return _TAGS.sub(" ", _MD_LINKS.sub(lambda m: m.group(1) or m.group(2) or m.group(3) or "", fragment))


def _with_following_links(html: HtmlBody, match: TextMatch, links: bool) -> TextMatch | None:
    """A related-stories label standing alone ("延伸閱讀：", "Related stories") takes in the lists of links that
    follow it; without one it is a heading like any other, and not reported."""
    element = match.element
    if element is None or not links:
        return match
    # Only a link counts (`<h4>Further Reading<a name="f69…"></a></h4>` holds a named anchor, a target): and a
    # label that is itself a link into a page (`<li><a href="…#f69…">Further Reading</a></li>`) is an entry of
    # the post's table of contents, naming one of its sections.
    anchors = [anchor for anchor in element.iter("a") if (anchor.get("href") or "").strip()]
    if anchors and all("#" in (anchor.get("href") or "") for anchor in anchors):
        return None
    if anchors:
        return match
    end = match.end
    row = element.getparent()
    if (
        element.tag in ("th", "td")
        and row is not None
        and row.tag == "tr"
        and row in html.start_tags
        and _first_child(row) is element
        and _last_child(row) is element
        and not (row.text or "").strip()
        and not (element.tail or "").strip()
    ):
        # A label alone in its table row ("<tr><th>相关阅读</th></tr>"): the box goes on in the rows below.
        element, end = row, html.span(row)[1]
        match = TextMatch(html.start_tags[row][0], end, match.label, match.text, row, match.links)
    current = element
    following = element.getnext()
    while following is not None and following in html.start_tags and not (current.tail or "").strip():
        whole = html.text_of(following)
        text = _unspaced(_LIST_COUNTER.sub("", whole))
        linked = _unspaced("".join(html.text_of(a) for a in following.iter("a")))
        if not text and whole.strip() and following.find(".//a") is None:
            # A screen-reader count between the label and its list ("list of 4 items"): part of the box.
            end = html.span(following)[1]
            current, following = following, following.getnext()
            continue
        if not text or len(linked) < len(text) * 0.5:
            break
        end = html.span(following)[1]
        current, following = following, following.getnext()
    if end <= match.end:
        return None
    # The label and its lists are the whole of their wrapper (`<div><strong>更多報導</strong><ul>…</ul></div>`):
    # the wrapper is the box a reader sees and a fix removes, so it is what is reported.
    start = match.start
    parent = element.getparent()
    while (
        parent is not None
        and parent is not html.root
        and parent in html.start_tags
        and not (parent.text or "").strip()
        and not (current.tail or "").strip()
        and _first_child(parent) is element
        and _last_child(parent) is current
    ):
        start, end = html.start_tags[parent][0], html.span(parent)[1]
        element = current = parent
        parent = parent.getparent()
    return TextMatch(start, end, match.label, match.text, element, match.links)


def _first_child(element: Element) -> Element | None:
    return next((child for child in element if isinstance(child.tag, str)), None)


def _last_child(element: Element) -> Element | None:
    children = [child for child in element if isinstance(child.tag, str)]
    return children[-1] if children else None


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
