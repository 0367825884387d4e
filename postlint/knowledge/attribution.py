"""Find a post's attribution link the way a reader would (re-exported by :mod:`postlint.helpers`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from postlint.core.lazyre import lazy_regex
from postlint.knowledge.htmlutil import element_text, fold_text, url_host, without_comments
from postlint.reading.html import Element
from postlint.reading.memo import MemoKey
from postlint.reading.post import Post

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# What may stand before the importer's header: white space, comments and opening wrapper tags.
# (`\s`, not `\s+`, inside the star: the nested quantifier backtracked exponentially on long white space.)
_PREAMBLE = lazy_regex(r"(?:\s|<!--.*?-->|<(?:div|section|article|header|span)\b[^>]*>)*", re.S | re.I)
#: Characters of preamble looked at: an importer's header comes first, and every heading link asked about the
#: whole body before it (quadratic in a long post of headings).
_PREAMBLE_LIMIT = 20_000


def _opens_body(post: Post, offset: int) -> bool:
    """Whether nothing but white space, comments and wrapper tags precede ``offset`` in the body."""
    if offset - post.body_start > _PREAMBLE_LIMIT:
        return False
    before = (post.text or "")[post.body_start : offset]
    return _PREAMBLE.fullmatch(before) is not None


@dataclass(frozen=True)
class AttributionLink:
    href: str
    text: str
    start: int
    end: int
    #: How it was recognised: "heading link", "link text is the title", "source label" (the link's text) or
    #: "source label before the link" (`原文链接：<a>…</a>`, `Source: [Reuters](…)`).
    why: str


def attribution_links(post: Post, source_labels: tuple[str, ...] | list[str]) -> list[AttributionLink]:
    """Links a reader would take as "the original article", in document order.

    The link is the whole heading that opens the body (the importer's ``[title](url)`` over ``------``), or
    it stands on a short line of its own at the top or the foot of the body and its text is the post's
    title or a source label (``原文``, ``Source``, ``Read more at ...``), or a label stands before it on
    that line (``原文链接：<a>…</a>``, ``Source: [Reuters](…)``). An item of a list is not such a line
    (``- Source: [the repository](https://github.com/…)`` lists code, not the article's origin).
    """
    memo_key: MemoKey[list[AttributionLink]] = MemoKey("attribution-links", (tuple(source_labels),))
    cached = post.memo.get(memo_key)
    if cached is not None:
        return cached
    result = _find(post, source_labels)
    post.memo[memo_key] = result
    return result


@lru_cache(maxsize=16)
def _folded(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels as compared (folded once per run, not once per post)."""
    return tuple(folded for folded in map(fold_text, labels) if folded)


@lru_cache(maxsize=16)
def _label_forms(labels: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """The folded labels, the folded labels of several words (they start a link's text: "Read more at
    Reuters", "Originally published on ..."), and the longest folded label's length: once per run, not per post."""
    folded = _folded(labels)
    prefixes = tuple(fold_text(label) for label in labels if len(label.split()) > 1)
    return folded, prefixes, max((len(label) for label in folded), default=0)


#: Block elements whose text is "the line" an anchor sits on.
_BLOCKS = ("p", "div", "li", "dd", "dt", "td", "th", "section", "footer", "header", "article", *_HEADINGS)
_ANCHOR = lazy_regex(r"<a\s[^>]*href", re.I)
# Each scan stops at the next opener (`<`, `<!--`, a bracket, a parenthesis or a line end): a scan to the
# first closer after every opener made a body of unclosed openers quadratic (19 s for 500 KB, fuzzing).
_TAG = lazy_regex(r"<!--(?:(?!<!--|-->).)*-->|<[^<>]*>", re.S)
#: Markdown link and image syntax around their text, for measuring how much text a reader sees.
_MD_LINK = lazy_regex(r"!?\[([^\[\]]*)\]\((?:[^()\[\]\n]|\([^()\[\]\n]*\))*\)|!?\[([^\[\]]*)\]\[[^\[\]]*\]")
_BLANK_LINE = lazy_regex(r"\n[ \t\r]*\n")
#: A Markdown list item's marker, and whatever precedes the link on that line (`- Source: [repo](…)`).
#: A list item's marker at the start of its line (after quote marks), up to the first space or tab after it: a
#: link on the line is in the item when it starts at or after the match's end. Matched once per line (each
#: link of a long line matched it again, from a line start found by searching back: quadratic).
_LIST_ITEM = lazy_regex(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")
#: The punctuation and markup that may close the label before a link: `原文链接：`, `Source: `, `原文来自「X」：~~`.
_LABEL_END = lazy_regex(r"[:：]\s*[「」『』\"“”*_~\s]*$")
#: How much text (folded: letters and digits) may stand between a source line and the top or the foot of the
#: body: an attribution line is the post's first or last word, not a link in its middle.
EDGE = 240
#: How much text may stand around the link on its line besides the label
#: ("源自微信公号「一冬羊」：", "於2016.03.22刊登").
AROUND = 24
#: Text after a link whose text is the title: the line ends with the link (a closing "~~" or "." at most).
TITLE_AFTER = 6
#: How far around a Markdown link to look for the blank lines that bound its paragraph.
_WINDOW = 4000


def _plain(fragment: str) -> str:
    """What a reader sees of a fragment of Markdown or HTML (markup removed)."""
    return _MD_LINK.sub(lambda m: m.group(1) or m.group(2) or "", _TAG.sub(" ", fragment))


def _visible(fragment: str) -> int:
    """How many letters and digits a reader sees in a fragment of the body."""
    return len(fold_text(_plain(fragment)))


def _edge_limits(text: str, low: int, high: int) -> tuple[int, int]:
    """``(top, foot)``: the block ``[start, end)`` is near the top of ``text[low:high]`` when at most
    :data:`EDGE` letters are seen before it, i.e. ``start < top``, and near the foot when at most EDGE are seen
    after it, ``end > foot``. Found once per post by measuring growing slices from each edge (doubling, then
    halving the last step), so the cost is a few passes over the edges, not one over the body per link: asking
    ``_visible`` of the whole text before and after each candidate made 5,000 "Source:" lines quadratic
    (68 s for 238 KB). The letters seen only grow with the slice, except where it cuts a tag or link in two."""

    def limit(edge: int, over: Callable[[int], bool]) -> int:
        # The position nearest the far side that is not over EDGE, counting from ``edge``: a probe doubles its
        # distance from the edge until it is over, then the last step is halved (bisection).
        inside, step, direction = edge, 4 * EDGE, 1 if edge == low else -1
        while True:
            outside = min(max(edge + direction * step, low), high)
            if over(outside):
                break
            inside, step = outside, step * 2
        while abs(outside - inside) > 1:
            middle = (inside + outside) // 2
            inside, outside = (inside, middle) if over(middle) else (middle, outside)
        return inside

    if _visible(text[low:high]) <= EDGE:
        return high + 1, low - 1
    top = limit(low, lambda at: _visible(text[low:at]) > EDGE)
    foot = limit(high, lambda at: _visible(text[at:high]) > EDGE)
    return top + 1, foot - 1


class _Line:
    """The line around an offset, remembered: the links of one long line find its ends once, not each (a
    line of thousands of links made every search for its ends quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start, self.end = 0, -1

    def around(self, start: int, end: int) -> tuple[int, int]:
        """``(start of the line holding start, first "\n" at or after end, else len(text))``."""
        if not (self.start <= start and end <= self.end):
            text = self.text
            line_end = text.find("\n", end)
            self.start, self.end = text.rfind("\n", 0, start) + 1, line_end if line_end >= 0 else len(text)
            if text.find("\n", start, end) >= 0:  # start and end on different lines: not one line to reuse
                line_start = self.start
                self.start, self.end = 0, -1
                return line_start, line_end if line_end >= 0 else len(text)
        return self.start, self.end


def _paragraph(text: str, body_start: int, start: int, end: int, line: _Line | None = None) -> tuple[int, int]:
    """The Markdown paragraph around ``[start, end)``: from the blank line before it to the one after it."""
    low = max(body_start, start - _WINDOW)
    # The last blank line before: looked for near the link first, so a body of short paragraphs costs a few
    # hundred characters per link rather than the whole window (where blank lines run together, the one
    # found may end a line later: the paragraph then starts with white space).
    before = None
    for reach in (256, _WINDOW):
        near = max(low, start - reach)
        for match in _BLANK_LINE.finditer(text, near, start):
            before = match.end()
        if before is not None or near == low:
            break
    line = line or _Line(text)
    para_start = before if before is not None else (body_start if low == body_start else line.around(start, end)[0])
    after = _BLANK_LINE.search(text, end, min(len(text), end + _WINDOW))
    para_end = after.start() if after else len(text) if end + _WINDOW >= len(text) else line.around(start, end)[1]
    return para_start, para_end


#: Labels that follow the source they name, as Japanese writes them (`（<a>毎日新聞</a>より）`), folded.
_LABELS_AFTER = frozenset(("より", "より転載", "から転載", "より引用", "から引用", "より抜粋", "から抜粋"))


class _Finder:
    def __init__(self, post: Post, source_labels: tuple[str, ...]) -> None:
        self.post = post
        title = post.data.get("title")
        folded_title = fold_text(title) if isinstance(title, str) else ""
        self.title = folded_title if len(folded_title) >= 4 else ""
        self.labels, self.prefixes, self.longest = _label_forms(source_labels)
        self._edges: tuple[int, int] | None = None  # (top, foot) of _edge_limits, once asked
        #: Folded text of headings, and the text of blocks (None: it holds several links), by element or span.
        self.texts: dict[Element, str] = {}
        self.lines: dict[object, str | None] = {}
        self.line = _Line(post.text or "")
        #: Per line start, where a list item's marker and its space end (None: the line is no list item).
        self.items: dict[int, int | None] = {}

    def at_edge(self, start: int, end: int) -> bool:
        """Whether the block at ``[start, end)`` is near the top or the foot of the body."""
        text = self.post.text or ""
        if start - self.post.body_start <= EDGE or len(text) - end <= EDGE:
            return True
        if self._edges is None:
            self._edges = _edge_limits(text, self.post.body_start, len(text))
        top, foot = self._edges
        return start < top or end > foot

    def classify(self, link_text: str, before: str, after: str, start: int, end: int) -> str | None:
        """Why a link is the attribution, given what a reader sees before and after it in its block
        (``before``, ``after``: raw text without markup), if it is."""
        folded = fold_text(link_text)
        if not folded:
            return None
        folded_before, folded_after = fold_text(before), fold_text(after)
        if len(folded_before) + len(folded_after) > AROUND + self.longest:
            return None
        label_before = max((len(label) for label in self.labels if folded_before.startswith(label)), default=-1)
        if label_before < 0:
            # "本文原刊於", "This article was reposted from": the label after the words for "this article".
            # "本文經作者授權轉載，原文見": the label after the permission the reprint was made with.
            lead = _THIS_ARTICLE.match(folded_before)
            if lead is not None:
                offsets = [lead.end()]
                permission = _PERMISSION.match(folded_before, lead.end())
                if permission is not None and permission.end() > lead.end():
                    offsets.append(permission.end())
                for offset in offsets:
                    rest = folded_before[offset:]
                    found = max((len(label) for label in self.labels if rest.startswith(label)), default=-1)
                    if found >= 0:
                        label_before = found + offset
                        break
        labelled_before = label_before >= 0
        if self.title and folded == self.title:
            # The importer's "原文来自「X」：[title](url)" or a bare title link, ending its line.
            if len(folded_after) > TITLE_AFTER:
                return None
            if folded_before and not (labelled_before or _LABEL_END.search(before)):
                return None
            why = "link text is the title"
        elif folded in self.labels or (self.prefixes and folded.startswith(self.prefixes)):
            if len(folded_before) + len(folded_after) > AROUND:
                return None
            why = "source label"
        elif labelled_before and len(folded_before) - label_before <= AROUND and len(folded_after) <= TITLE_AFTER:
            why = "source label before the link"
        elif not folded_before and folded_after in _LABELS_AFTER:
            why = "source label after the link"
        else:
            return None
        return why if self.at_edge(start, end) else None


def _find(post: Post, source_labels: tuple[str, ...] | list[str]) -> list[AttributionLink]:
    """Attribution is a place and a role: the importer's header link, or a source line at the top or the foot
    of the body whose one link is the title or is labelled as the source (inside or before the anchor).
    A link with the right words in the middle of the text is a link, not the post's attribution."""
    finder = _Finder(post, tuple(source_labels))
    found: dict[int, AttributionLink] = {}
    text = post.text or ""
    links = post.markdown.links
    starts = [link.start for link in links]
    for link in links:
        why = None
        if link.heading:
            line_start, line_end = finder.line.around(link.start, link.end)
            if ("heading", line_start) not in finder.lines:  # once per line, not per link on it
                line = without_comments(text[line_start:line_end]).strip()
                finder.lines["heading", line_start] = line.lstrip("#").strip()
            if finder.lines["heading", line_start] == text[link.start : link.end].strip() and _opens_body(
                post, line_start
            ):
                why = "heading link"
        if why is None:
            line_start = finder.line.around(link.start, link.start)[0]
            item = finder.items.get(line_start, -1)
            if item == -1:
                marker = _LIST_ITEM.match(text, line_start)
                item = finder.items[line_start] = None if marker is None else marker.end()
            if item is not None and item <= link.start:
                continue  # an item of a list (resources, code, related reading), not the post's source line
        if why is None:
            para_start, para_end = _paragraph(text, post.body_start, link.start, link.end, finder.line)
            # A paragraph of several links is a list (sources, related stories), not one source line.
            if bisect_left(starts, para_end) - bisect_left(starts, para_start) == 1:
                before, after = _plain(text[para_start : link.start]), _plain(text[link.end : para_end])
                why = finder.classify(link.text, before, after, para_start, para_end)
        if why:
            found[link.start] = AttributionLink(link.href, link.text, link.start, link.end, why)

    html = post.html
    if "<a" in post.body or "<A" in post.body:
        for anchor in html.iter("a"):
            href = (anchor.get("href") or "").strip()
            label = element_text(anchor, html)
            if not href or not label or anchor not in html.start_tags:
                continue
            if next(anchor.iterancestors("blockquote", "figure", "figcaption", "li"), None) is not None:
                continue  # an embedded tweet, a quote, a photo credit or a list item: not the post's attribution
            start, end = html.start_tags[anchor]
            why = None
            heading = next(anchor.iterancestors(*_HEADINGS), None)
            if heading is not None and heading not in finder.texts:  # once per heading: it may hold every anchor
                finder.texts[heading] = fold_text(element_text(heading, html))
            if (
                heading is not None
                and finder.texts[heading] == fold_text(label)
                and _opens_body(post, html.start_tags[heading][0])
            ):
                why = "heading link"
            if why is None:
                why = _classify_anchor(post, finder, anchor, label, start)
            if why:
                found.setdefault(start, AttributionLink(href, label, start, end, why))
    for bare in _bare_addresses(post, finder):
        found.setdefault(bare.start, bare)
    return [found[key] for key in sorted(found)]


#: "This article" before a label ("本文原刊於", "本篇转载自", "this article was reposted from"), folded.
_THIS_ARTICLE = lazy_regex(
    r"(?:本文|本篇|此文|该文|該文|文章|thisarticle(?:was|is)?|thisstory(?:was|is)?|thispost(?:was|is)?)"
)
#: The permission a reprint was made with, after "this article" (folded: no spaces or punctuation):
#: `經作者授權轉載`, `已获授权转载`, `withpermission`.
_PERMISSION = lazy_regex(
    r"(?:經|经|已獲|已获|獲|获|已)?(?:原作者|作者|出版社|媒體|媒体|原刊)?(?:授權|授权|同意)(?:轉載|转载|刊登|刊載|刊载|轉貼|转贴)?"
    r"|(?:is|was)?(?:republished|reprinted|reposted)?withpermission"
)
#: A source line whose address is written out, not linked: "原文链接：https://…", "Source: https://…".
_BARE_LINE = lazy_regex(
    r"\s*[(（【\[]?\s*([^\s:：()（）【】\[\]<>][^:：<>]{0,30}?)\s*[:：]\s*(https?://[^\s<>\"'（）()【】\[\]]+)\s*[)）】\]]?[。.]?\s*"
)
_CODE = ("pre", "code", "script", "style", "blockquote", "figure", "figcaption", "li")
#: What every such line holds: a colon, then the address, perhaps with tags between in an HTML post (a
#: necessary test, a scan in C, before the body is folded).
_LABEL_THEN_ADDRESS = lazy_regex(r"[:：](?:\s|&nbsp;|<[^<>]{0,200}>)*https?://")


def _bare_addresses(post: Post, finder: _Finder) -> list[AttributionLink]:
    """Source lines at the top or the foot of the body whose address is plain text after a source label
    ("原文链接：https://…"): the address a reader copies is the attribution, though nothing links it."""
    text = post.text or ""
    body = post.body
    if "http" not in body or _LABEL_THEN_ADDRESS.search(body) is None:
        return []  # no "label: https://" anywhere (most posts): nothing to fold
    folded = fold_text(body)  # once: the labels are looked for in it
    if not any(label in folded for label in finder.labels):
        return []
    found: list[AttributionLink] = []

    def take(line: str, low: int, high: int, why_start: int, why_end: int) -> None:
        match = _BARE_LINE.fullmatch(line)
        if match is None or not _is_label(finder, match.group(1)):
            return
        url = match.group(2).rstrip(".,;。，；")
        at = text.find(url, low, high)
        if at < 0 or not finder.at_edge(why_start, why_end):
            return
        found.append(AttributionLink(url, url, at, at + len(url), "source label before the address"))

    if post.is_markdown:
        offset = post.body_start
        for raw in body.split("\n"):
            start, offset = offset, offset + len(raw) + 1
            if "http" not in raw or "](" in raw or "<a" in raw.lower() or _LIST_ITEM.match(raw):
                continue
            if raw.startswith(("    ", "\t")):
                continue
            line = _plain(raw).strip(" >*_")
            take(line, start, start + len(raw), start, start + len(raw))
        return found
    html = post.html
    for block in html.iter(*_BLOCKS):
        if block not in html.start_tags:
            continue
        if any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in block):
            continue  # a container: its own blocks are looked at (checked first: a leaf's subtree is small)
        if block.find(".//a") is not None:
            continue
        if next(block.iterancestors(*_CODE), None) is not None:
            continue
        line = " ".join(element_text(block, html).split())
        if "http" not in line or len(line) > 240:
            continue
        low, high = html.span(block)
        take(line, low, high, low, high)
    return found


def _is_label(finder: _Finder, words: str) -> bool:
    folded = fold_text(words)
    lead = _THIS_ARTICLE.match(folded)
    rest = folded[lead.end() :] if lead is not None else folded
    return bool(folded) and (folded in finder.labels or rest in finder.labels)


def _classify_anchor(post: Post, finder: _Finder, anchor: Element, label: str, start: int) -> str | None:
    html = post.html
    text = post.text or ""
    block = next(anchor.iterancestors(*_BLOCKS), None)
    # Each block's links are counted and its text built once, not once per anchor in it (a block holding
    # thousands of anchors, or a heading left open over the whole body, made this quadratic).
    if block is not None and block in html.start_tags:
        if block not in finder.lines:
            several = sum(1 for other in block.iter("a") if other.get("href")) > 1
            finder.lines[block] = None if several else element_text(block, html)
        line = finder.lines[block]
        if line is None:
            return None  # a line of several links is a list of sources or related stories
        block_start, block_end = html.span(block)
    else:  # an anchor in a Markdown paragraph: the paragraph is its block
        block_start, block_end = _paragraph(text, post.body_start, start, start, finder.line)
        if (block_start, block_end) not in finder.lines:
            raw = text[block_start:block_end]
            several = len(_ANCHOR.findall(raw)) + len(_MD_LINK.findall(raw)) > 1
            finder.lines[block_start, block_end] = None if several else " ".join(_plain(raw).split())
        line = finder.lines[block_start, block_end]
        if line is None:
            return None
    at = line.find(label)
    if at < 0:
        return None
    return finder.classify(label, line[:at], line[at + len(label) :], block_start, block_end)


SOURCE_URL_KEYS: tuple[str, ...] = (
    "from",
    "source",
    "source_url",
    "original_url",
    "link",
    "canonical_url",
    "canonicalURL",
    "canonical",
)

#: Outlets seen in imported archives, by the author or category importers write, to the hosts they own.
OUTLETS: dict[str, tuple[str, ...]] = {
    "联合早报": ("zaobao.com", "zaobao.com.sg", "zaobao.sg"),
    "zaobao": ("zaobao.com", "zaobao.com.sg", "zaobao.sg"),
    "bbc": ("bbc.com", "bbc.co.uk", "bbci.co.uk"),
    "dw": ("dw.com", "dw.de"),
    "reuters": ("reuters.com",),
    "rfi": ("rfi.fr",),
    "nyt": ("nytimes.com",),
    "cna": ("cna.com.tw",),
    "rthk": ("rthk.hk",),
    "kyodo": ("kyodonews.net",),
    "chosun": ("chosun.com",),
    "aljazeera": ("aljazeera.net", "aljazeera.com"),
    "asahi": ("asahi.com", "asahichinese-j.com"),
    "joins": ("joins.com",),
    "aj": ("aljazeera.net", "aljazeera.com"),
    "initium": ("theinitium.com",),
    "matters": ("matters.news", "matters.town"),
    "vocus": ("vocus.cc",),
}


def outlet_hosts(post: Post) -> tuple[str, ...]:
    """The hosts of the outlet the post was imported from: its front-matter source URL's host, then the hosts of
    the outlets its `categories`/`category`/`author` name (:data:`OUTLETS`)."""
    hosts: list[str] = []
    source = source_host(post)
    if source:
        hosts.append(source)
    for key in ("categories", "category", "author"):
        value = post.data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                hosts.extend(OUTLETS.get(item.strip().casefold(), ()))
    return tuple(dict.fromkeys(hosts))


def source_host(post: Post) -> str | None:
    """The host of the post's front-matter source URL (the first of :data:`SOURCE_URL_KEYS` that holds one)."""
    for key in SOURCE_URL_KEYS:
        value = post.data.get(key)
        if isinstance(value, str):
            host = url_host(value)
            if host:
                return host
    return None
