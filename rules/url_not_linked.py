"""PL812 url-not-linked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import (
    SOURCE_LABELS,
    SOURCE_URL_KEYS,
    Covered,
    bare_urls_stay_text,
    in_code,
    in_indented_code,
    lazy_regex,
    normalize_url,
    url_host,
)

#: A web address as a writer pastes it into text; it stops at white space, at markup and at the CJK punctuation
#: that follows it without a space (`…blogspot.com/。`).
_URL = lazy_regex(r"https?://[^\s<>\"'`（）()，。、；：！？「」『』【】《》]+", re.I)
#: Punctuation that ends the sentence around an address rather than the address.
_TRAILING = ".,;:!?)]}*_~'\""
#: What may stand between an attribution label and its address (`原文链接：`, `Source: `).
_LABEL_GAP = lazy_regex(r"[\s:：|｜\-–—>»(（\[【]*$")
#: How far before an address an attribution label is looked for.
_LABEL_REACH = 40
#: A Markdown link reference definition up to its address (`[label]: https://…`, also in a block quote): the
#: address there is no text a reader sees. CommonMark lets the address open the next line (`[label]:` alone).
_DEFINITION = lazy_regex(r"^(?:[ \t]{0,3}>[ \t]?)*[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?$")
_LABEL_LINE = lazy_regex(r"^(?:[ \t]{0,3}>[ \t]?)*[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\r?$")
#: The opening of a line that may hold an indented code block (four spaces or a tab, in quotes and lists too).
_INDENTED = lazy_regex(r"^(?:[ \t]*>)*(?: {4}|[ ]{0,3}\t)")
#: Hosts no reader is meant to open: the writer's own machine and the documentation domains.
_NOWHERE = lazy_regex(r"^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|\[::1\]|(?:[\w-]+\.)*example\.(?:com|org|net))$")
_LINE_OPENING = lazy_regex(r"^(?:[ \t]{0,3}>[ \t]?)*[ \t]*<?$")
#: Elements whose text is not prose a reader clicks in: links themselves, code, scripts, form fields.
_NOT_PROSE = frozenset(("a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "template", "title"))


class UrlNotLinked(Rule[RuleOptions]):
    """A web address stands as plain text in the post as built: readers cannot click it.

    ## What it does
    Reports each `http://` or `https://` address written as text in the body of an HTML post (`.html`,
    `.htm`), outside any link, code or script: the source blog or a reference an editor pasted without
    making it a link (`<p>http://simonyuan.blogspot.com/</p>` at the end of a reposted article).

    In a Markdown post it does the same when the site's Markdown makes no link of a bare address: kramdown
    (Jekyll's default) and Zola's CommonMark leave `Notes: https://hackmd.io/…` as text, a habit of text
    copied from GitHub comments and chat, where such addresses are links. Hugo's Goldmark links them
    (its linkify extension, on unless `markup.goldmark.extensions.linkify` is false), so Hugo posts are left
    alone, as are posts whose renderer is not known (an Eleventy site's markdown-it, no site config; a
    post whose TOML front matter holds Zola's `[extra]` or `[taxonomies]` table is Zola's). Addresses in
    Markdown links (`[text](https://…)`, `<https://…>`), reference definitions and code are not text.

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
        if text is None or "://" not in post.body:
            return
        links: Covered | None = None
        if post.is_markdown:
            if not bare_urls_stay_text(post):
                return
            links = Covered()
            spans = [(link.start, link.end) for link in post.markdown.links]
            spans.extend((image.start, image.end) for image in post.markdown.images)
            for low, high in sorted(spans):
                links.add(low, high)
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
                if "{{" in url or "{%" in url or _NOWHERE.match(url_host(url) or ""):
                    continue  # filled in by the site's templates; or an address on the writer's own machine
                if normalize_url(url) in cited or _after_label(run, match.start()):
                    continue  # a citation of the source, written out: PL602 judges it
                if _string_literal(run, match.start(), match.start() + len(url)):
                    continue  # a value in code written without code markup: `git: "https://…/rails.git"`
                at = text.find(url, start, start + len(run) * 2 + 64) if start >= 0 else -1
                if at < 0:
                    continue  # written with references the reader decoded: no place to point at
                start = at + len(url)
                if links is not None and _markdown_non_text(post, links, owner, at):
                    continue
                yield Problem(f"web address shown as text, not a link: {url[:100]}", at, start)


def _markdown_non_text(post: Post, links: Covered, owner: Element, at: int) -> bool:
    """Whether the address at ``at`` (absolute) is, in the Markdown post ``post``, part of a Markdown link or
    image (``links``), of a reference definition, or of code: not text the reader sees. Inside an element
    marked `markdown="1"` kramdown reads Markdown that the CommonMark reading of the body left as HTML: an
    address right after `](`, `]: ` or `<` is a link's there."""
    if at in links:
        return True
    text = post.text or ""
    if text[max(0, at - 2) : at] == "](" or text[max(0, at - 3) : at] == "]: " or text[at - 1 : at] == "<":
        if post.site.generator == "jekyll":
            return True  # kramdown reads Markdown in more HTML than CommonMark does (`markdown="1"`, span tags)
        current: Element | None = owner
        while current is not None:
            if str(current.get("markdown", "")).lower() in ("1", "block", "span"):
                return True
            current = current.getparent()
    line_start = text.rfind("\n", 0, at) + 1
    opening = text[line_start:at]
    if _DEFINITION.match(opening):
        return True
    if line_start and _LINE_OPENING.match(opening):  # the address opens its line: a label may end the last
        previous = text.rfind("\n", 0, line_start - 1) + 1
        if _LABEL_LINE.match(text[previous : line_start - 1]):
            return True
    if in_code(post, at - post.body_start):
        return True
    return bool(_INDENTED.match(opening)) and in_indented_code(post, at - post.body_start)


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


#: What stands before the quote that opens a string literal in code: a key (`git: "`), an assignment (`= "`),
#: an argument (`("`, `, "`), a list or an object (`["`, `{"`).
_LITERAL_OPENER = lazy_regex(r"[:=(,\[{][ \t]*$")


def _string_literal(run: str, start: int, end: int) -> bool:
    """Whether the address at ``run[start:end]`` is a quoted string in code (`gem "rails", git:
    "https://github.com/rails/rails.git"`, `url = 'https://…'`): the same straight quote right around it, and
    before the opening one a key, an assignment, an argument or a list. A quoted address in a sentence (`see
    "https://…"`) is prose."""
    if start == 0 or end >= len(run) or run[start - 1] not in "\"'" or run[end] != run[start - 1]:
        return False
    return _LITERAL_OPENER.search(run, max(0, start - 41), start - 1) is not None
