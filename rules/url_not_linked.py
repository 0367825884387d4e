"""PL812 url-not-linked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import SOURCE_LABELS, SOURCE_URL_KEYS, normalize_url

#: A web address as a writer pastes it into text; it stops at white space, at markup and at the CJK punctuation
#: that follows it without a space (`…blogspot.com/。`).
_URL = re.compile(r"https?://[^\s<>\"'`（）()，。、；：！？「」『』【】《》]+", re.I)
#: Punctuation that ends the sentence around an address rather than the address.
_TRAILING = ".,;:!?)]}*_~'\""
#: What may stand between an attribution label and its address (`原文链接：`, `Source: `).
_LABEL_GAP = re.compile(r"[\s:：|｜\-–—>»(（\[【]*$")
#: How far before an address an attribution label is looked for.
_LABEL_REACH = 40
#: Elements whose text is not prose a reader clicks in: links themselves, code, scripts, form fields.
_NOT_PROSE = frozenset(("a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "template", "title"))


class UrlNotLinked(Rule[RuleOptions]):
    """A web address stands as plain text in an HTML post: readers cannot click it.

    ## What it does
    Reports each `http://` or `https://` address written as text in the body of an HTML post (`.html`,
    `.htm`), outside any link, code or script: the source blog or a reference an editor pasted without
    making it a link (`<p>http://simonyuan.blogspot.com/</p>` at the end of a reposted article). Markdown
    posts are left alone: Hugo (Goldmark's linkify) makes such addresses links, and a writer who wants
    one in kramdown writes `<https://…>`.

    An address that cites the post's source (the front matter's source URL, or any address after an
    attribution label such as `原文链接：` or `Source:`) is a citation, judged by `source-link-mismatch`
    (PL602): written out in full, it is the convention of reposts.

    ## Why is this bad?
    Jekyll and Hugo pass an HTML post through as it is, and browsers make no link of text: the reader has
    to select and copy the address to follow it, and a link checker never sees it.

    ## Options
    None.
    """

    code = "PL812"
    name = "url-not-linked"
    severity = Severity.INFO

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        text = post.text
        if text is None or post.is_markdown or "://" not in post.body:
            return
        html = post.html
        cited = {normalize_url(value) for key in SOURCE_URL_KEYS if isinstance(value := post.data.get(key), str)}
        for index, run in enumerate(html.run_texts):
            if "://" not in run:
                continue
            owner = html.text_owner(index)
            if owner is None or _not_prose(owner):
                continue
            start = html.run_starts[index] if html.runs_in_source_order else -1
            for match in _URL.finditer(run):
                url = match.group().rstrip(_TRAILING)
                if len(url) <= len("https://") or "." not in url.split("://", 1)[1]:
                    continue
                if normalize_url(url) in cited or _after_label(run, match.start()):
                    continue  # a citation of the source, written out: PL602 judges it
                at = text.find(url, start, start + len(run) * 2 + 64) if start >= 0 else -1
                if at < 0:
                    continue  # written with references the reader decoded: no place to point at
                start = at + len(url)
                yield Problem(f"web address shown as text, not a link: {url[:100]}", at, start)


def _not_prose(element: Element) -> bool:
    """Whether ``element`` or one of its ancestors is a link, code, a script or another non-prose element."""
    current: Element | None = element
    while current is not None:
        if isinstance(current.tag, str) and current.tag.lower() in _NOT_PROSE:
            return True
        current = current.getparent()
    return False


_LABELS = tuple(label.casefold() for label in SOURCE_LABELS)


def _after_label(run: str, at: int) -> bool:
    """Whether the address at ``run[at:]`` follows an attribution label (`原文链接：https://…`)."""
    before = run[max(0, at - _LABEL_REACH) : at]
    gap = _LABEL_GAP.search(before)
    words = before[: gap.start() if gap else len(before)].rstrip().casefold()
    return bool(words) and words.endswith(_LABELS)
