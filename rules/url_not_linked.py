"""PL812 url-not-linked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity

#: A web address as a writer pastes it into text; it stops at white space, at markup and at the CJK punctuation
#: that follows it without a space (`…blogspot.com/。`).
_URL = re.compile(r"https?://[^\s<>\"'`（）()，。、；：！？「」『』【】《》]+", re.I)
#: Punctuation that ends the sentence around an address rather than the address.
_TRAILING = ".,;:!?)]}*_~'\""
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
