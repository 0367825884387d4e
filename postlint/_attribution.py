"""Find a post's attribution link the way a reader would (re-exported by :mod:`postlint.api`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from postlint._htmlutil import element_text, fold_text
from postlint._post import Post

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
    #: How it was recognised: "heading link", "link text is the title" or "source label".
    why: str


def attribution_links(post: Post, source_labels: tuple[str, ...] | list[str]) -> list[AttributionLink]:
    """Links a reader would take as "the original article", in document order.

    Three signs: the link is the whole heading that opens the body (the importer's ``[title](url)`` over
    ``------``), its text is the post's title, or its text is a source label (``原文``, ``Source``,
    ``Read more at ...``).
    """
    memo_key = f"attribution:{source_labels!r}"
    cached = post.memo.get(memo_key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    result = _find(post, source_labels)
    post.memo[memo_key] = result
    return result


@lru_cache(maxsize=16)
def _folded(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The labels as compared (folded once per run, not once per post)."""
    return tuple(folded for folded in map(fold_text, labels) if folded)


def _find(post: Post, source_labels: tuple[str, ...] | list[str]) -> list[AttributionLink]:
    title = post.data.get("title")
    folded_title = fold_text(title) if isinstance(title, str) else ""
    if len(folded_title) < 4:
        folded_title = ""
    labels = _folded(tuple(source_labels))
    prefixes = tuple(label for label in labels if len(label) >= 6)  # "Read more at ...": a label that starts it
    found: dict[int, AttributionLink] = {}

    def classify(text: str) -> str | None:
        folded = fold_text(text)
        if not folded:
            return None
        if folded_title and folded == folded_title:
            return "link text is the title"
        if folded in labels or folded.startswith(prefixes):
            return "source label"
        return None

    text = post.text or ""
    for link in post.markdown.links:
        why = None
        if link.heading:
            line_start = text.rfind("\n", 0, link.start) + 1
            line_end = text.find("\n", link.end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            line = _COMMENT.sub("", line).strip().lstrip("#").strip()
            if line == text[link.start : link.end].strip() and _opens_body(post, line_start):
                why = "heading link"
        why = why or classify(link.text)
        if why:
            found[link.start] = AttributionLink(link.href, link.text, link.start, link.end, why)

    html = post.html
    if "<a" in post.body or "<A" in post.body:
        for anchor in html.iter("a"):
            href = (anchor.get("href") or "").strip()
            if not href:
                continue
            if next(anchor.iterancestors("blockquote", "figure", "figcaption"), None) is not None:
                continue  # an embedded tweet, a quote or a photo credit: not the post's attribution
            label = element_text(anchor)
            why = None
            heading = next(anchor.iterancestors(*_HEADINGS), None)
            if (
                heading is not None
                and label
                and fold_text(element_text(heading)) == fold_text(label)
                and _opens_body(post, html.start_tags[heading][0])
            ):
                why = "heading link"
            why = why or classify(label)
            if why:
                start, end = html.start_tags[anchor]
                found.setdefault(start, AttributionLink(href, label, start, end, why))
    return [found[key] for key in sorted(found)]
