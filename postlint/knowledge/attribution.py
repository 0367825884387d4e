"""Find a post's attribution link the way a reader would (re-exported by :mod:`postlint.helpers`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from postlint.knowledge.htmlutil import element_text, fold_text, url_host
from postlint.reading.html import Element
from postlint.reading.memo import MemoKey
from postlint.reading.post import Post

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# What may stand before the importer's header: white space, comments and opening wrapper tags.
# (`\s`, not `\s+`, inside the star: the nested quantifier backtracked exponentially on long white space.)
_PREAMBLE = re.compile(r"(?:\s|<!--.*?-->|<(?:div|section|article|header|span)\b[^>]*>)*", re.S | re.I)
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
    that line (``原文链接：<a>…</a>``, ``Source: [Reuters](…)``).
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
_ANCHOR = re.compile(r"<a\s[^>]*href", re.I)
# Each scan stops at the next opener (`<`, `<!--`, a bracket, a parenthesis or a line end): a scan to the
# first closer after every opener made a body of unclosed openers quadratic (19 s for 500 KB, fuzzing).
_TAG = re.compile(r"<!--(?:(?!<!--|-->).)*-->|<[^<>]*>", re.S)
#: Markdown link and image syntax around their text, for measuring how much text a reader sees.
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\[\]\n]|\([^()\[\]\n]*\))*\)|!?\[([^\[\]]*)\]\[[^\[\]]*\]")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
#: The punctuation and markup that may close the label before a link: `原文链接：`, `Source: `, `原文来自「X」：~~`.
_LABEL_END = re.compile(r"[:：]\s*[「」『』\"“”*_~\s]*$")
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


def _at_edge(post: Post, start: int, end: int) -> bool:
    """Whether the block at ``[start, end)`` is near the top or the foot of the body."""
    text = post.text or ""
    before = text[post.body_start : start]
    if len(before) <= EDGE or _visible(before) <= EDGE:
        return True
    after = text[end:]
    return len(after) <= EDGE or _visible(after) <= EDGE


def _paragraph(text: str, body_start: int, start: int, end: int) -> tuple[int, int]:
    """The Markdown paragraph around ``[start, end)``: from the blank line before it to the one after it."""
    low = max(body_start, start - _WINDOW)
    before = [match.end() for match in _BLANK_LINE.finditer(text, low, start)]
    para_start = before[-1] if before else (body_start if low == body_start else text.rfind("\n", 0, start) + 1)
    after = _BLANK_LINE.search(text, end, min(len(text), end + _WINDOW))
    para_end = after.start() if after else len(text) if end + _WINDOW >= len(text) else text.find("\n", end)
    return para_start, para_end if para_end >= 0 else len(text)


class _Finder:
    def __init__(self, post: Post, source_labels: tuple[str, ...]) -> None:
        self.post = post
        title = post.data.get("title")
        folded_title = fold_text(title) if isinstance(title, str) else ""
        self.title = folded_title if len(folded_title) >= 4 else ""
        self.labels, self.prefixes, self.longest = _label_forms(source_labels)

    def classify(self, link_text: str, before: str, after: str, start: int, end: int) -> str | None:
        """Why a link is the attribution, given what a reader sees before and after it in its block
        (``before``, ``after``: raw text without markup), if it is."""
        folded = fold_text(link_text)
        if not folded:
            return None
        folded_before, folded_after = fold_text(before), fold_text(after)
        if len(folded_before) + len(folded_after) > AROUND + self.longest:
            return None
        labelled_before = any(folded_before.startswith(label) for label in self.labels)
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
        elif labelled_before and len(folded_before) <= AROUND and len(folded_after) <= TITLE_AFTER:
            why = "source label before the link"
        else:
            return None
        return why if _at_edge(self.post, start, end) else None


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
            line_start = text.rfind("\n", 0, link.start) + 1
            line_end = text.find("\n", link.end)
            line = _COMMENT.sub("", text[line_start : line_end if line_end >= 0 else len(text)]).strip()
            if line.lstrip("#").strip() == text[link.start : link.end].strip() and _opens_body(post, line_start):
                why = "heading link"
        if why is None:
            para_start, para_end = _paragraph(text, post.body_start, link.start, link.end)
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
            label = element_text(anchor)
            if not href or not label or anchor not in html.start_tags:
                continue
            if next(anchor.iterancestors("blockquote", "figure", "figcaption"), None) is not None:
                continue  # an embedded tweet, a quote or a photo credit: not the post's attribution
            start, end = html.start_tags[anchor]
            why = None
            heading = next(anchor.iterancestors(*_HEADINGS), None)
            if (
                heading is not None
                and fold_text(element_text(heading)) == fold_text(label)
                and _opens_body(post, html.start_tags[heading][0])
            ):
                why = "heading link"
            if why is None:
                why = _classify_anchor(post, finder, anchor, label, start)
            if why:
                found.setdefault(start, AttributionLink(href, label, start, end, why))
    return [found[key] for key in sorted(found)]


def _classify_anchor(post: Post, finder: _Finder, anchor: Element, label: str, start: int) -> str | None:
    html = post.html
    text = post.text or ""
    block = next(anchor.iterancestors(*_BLOCKS), None)
    if block is not None and block in html.start_tags:
        if sum(1 for other in block.iter("a") if other.get("href")) > 1:
            return None  # a line of several links is a list of sources or related stories
        line = element_text(block)
        block_start, block_end = html.span(block)
    else:  # an anchor in a Markdown paragraph: the paragraph is its block
        block_start, block_end = _paragraph(text, post.body_start, start, start)
        raw = text[block_start:block_end]
        if len(_ANCHOR.findall(raw)) + len(_MD_LINK.findall(raw)) > 1:
            return None
        line = " ".join(_plain(raw).split())
    at = line.find(label)
    if at < 0:
        return None
    return finder.classify(label, line[:at], line[at + len(label) :], block_start, block_end)


SOURCE_URL_KEYS: tuple[str, ...] = ("from", "source", "source_url", "original_url", "link", "canonical_url")


def source_host(post: Post) -> str | None:
    """The host of the post's front-matter source URL (the first of :data:`SOURCE_URL_KEYS` that holds one)."""
    for key in SOURCE_URL_KEYS:
        value = post.data.get(key)
        if isinstance(value, str):
            host = url_host(value)
            if host:
                return host
    return None
