"""PL710 markdown-shown-as-text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import code_overlaps


class MarkdownShownAsText(Rule[RuleOptions]):
    """Markdown that the page shows as typed: `**bold**` inside an HTML block, a `~~` left without its pair.

    ## What it does
    In Markdown posts, reports Markdown markers that the renderer does not read and so shows to the reader as
    they were typed:
    - emphasis, links, images and headings (`**文｜**`, `[text](url)`, `![](x.png)`, `## Title`) on the lines
      of an HTML block: from a line that opens with a block-level tag (`<p align="right">`, `<div>`,
      `<center>`) to the next blank line, CommonMark (Hugo, Zola, Eleventy) and kramdown (Jekyll) pass the
      text through as HTML, so the markers stay;
    - a `~~` without a partner in its paragraph: strikethrough needs a pair, and the one left over is
      printed as two tildes;
    - a second target right after a link, `[#16767](https://a.example/x)(https://b.example/y)`: the link
      goes to the first URL and the second is printed in parentheses (one of the two is the wrong one);
    - an asterisk at the start of a link's text (a phrase) with no partner in it, `[*How can I help?](#help)`:
      emphasis cannot close outside the link, so the asterisk is printed.

    In HTML posts (which no Markdown renderer reads), a block whose whole text is wrapped in bold markers,
    `<p>** 鸽派叛乱？**</p>`: a wire service's subheading, printed with its asterisks.

    Code (fenced, indented, inline) is not looked at.

    ## Why is this bad?
    The reader sees asterisks, brackets and tildes instead of bold text, a link or a struck-out title. It is
    what happens when HTML copied from a page is mixed with Markdown written around it, or when a template's
    markers are half deleted.

    ## Options
    None.
    """

    code = "PL710"
    name = "markdown-shown-as-text"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if not post.is_markdown:
            yield from _bold_in_html(post)
            return
        body = post.body
        base = post.body_start
        yield from _link_leftovers(post)
        for block in _BLOCK.finditer(body):
            start, end = block.start(), block.end()
            chunk = block.group(0)
            opened = _HTML_BLOCK_START.match(chunk)
            # Only an HTML block or a paragraph with a `~~` can show markers as text (a quick test first: most
            # paragraphs have neither), and never one that overlaps code.
            if (opened is None and "~~" not in chunk) or code_overlaps(post, start, end):
                continue
            if opened:
                yield from self._in_html_block(chunk, opened, base + start)
                continue
            plain = _CODE_SPAN.sub(lambda span: " " * len(span.group(0)), chunk)
            tildes = [found for found in _TILDES.finditer(plain) if len(found.group(0)) == 2]
            if len(tildes) % 2 and _opens(plain, tildes[-1]):
                last = tildes[-1]
                yield Problem(
                    "'~~' has no partner in its paragraph, so it is shown as two tildes instead of starting or"
                    " ending a strikethrough",
                    base + start + last.start(),
                    base + start + last.end(),
                )

    def _in_html_block(self, chunk: str, opened: re.Match[str], offset: int) -> Iterator[Problem]:
        """Markers in an HTML block that both readings keep as text: CommonMark to the blank line, kramdown
        while the block's element is open (after its end tag Markdown is read again), never in <pre>."""
        limit = len(chunk)
        if not opened.group(0).lstrip().startswith("</"):
            name = opened.group(1).lower()
            close = chunk.lower().rfind(f"</{name}")
            if close >= 0:
                limit = close
        masked = _PRE.sub(lambda pre: " " * len(pre.group(0)), chunk[:limit])
        masked = _TAG.sub(lambda tag: " " * len(tag.group(0)), masked)
        for marker in _MARKERS.finditer(masked):
            what = marker.lastgroup or "markup"
            shown = " ".join(_TAG.sub("", chunk[marker.start() : marker.end()]).split())
            yield Problem(
                f"{_NAMES[what]} '{shown[:40]}' inside an HTML block is shown as typed: Markdown is not read"
                " between a block-level tag and the next blank line",
                offset + marker.start(),
                offset + marker.end(),
            )


#: A block's whole text in bold markers: `** 鸽派叛乱？**`, `**风险难料**`.
_WHOLE_BOLD = re.compile(r"\*\*\s?[^*\s][^*]{0,80}?\s?\*\*")
_TEXT_BLOCKS = ("p", "div", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6", "span", "strong", "b")


def _bold_in_html(post: Post) -> Iterator[Problem]:
    html = post.html
    text = post.text or ""
    for element in html.iter(*_TEXT_BLOCKS):
        if (
            element not in html.start_tags
            or len(element)
            or next(element.iterancestors("pre", "code"), None) is not None
        ):
            continue
        shown = (element.text or "").strip()
        if not _WHOLE_BOLD.fullmatch(shown):
            continue
        at = text.find("**", html.start_tag(element)[1])
        if at < 0:
            continue
        end = text.rfind("**", at + 2, html.ends.get(element, len(text))) + 2
        yield Problem(
            f"bold markers '{shown[:40]}' in an HTML post are shown as typed: no Markdown renderer reads an HTML"
            " post (write <strong> or a heading)",
            at,
            max(end, at + 2),
        )


def _link_leftovers(post: Post) -> Iterator[Problem]:
    """A second `(url)` glued after a link, and a lone emphasis marker that opens a link's text."""
    text = post.text or ""
    for link in post.markdown.links:
        if not link.href or text[link.start : link.start + 1] != "[":
            continue  # an autolink `<url>` has neither
        second = _SECOND_TARGET.match(text, link.end)
        if second and not code_overlaps(post, link.start, second.end()):
            yield Problem(
                f"'{second.group(0)[:60]}' right after the link is shown as text: the link goes to"
                f" '{link.href[:60]}', and one of the two targets is the wrong one",
                second.start(),
                second.end(),
            )
        lone = _LONE_EMPHASIS.match(link.text)
        if lone and not code_overlaps(post, link.start, link.end):
            marker = lone.group(1)
            yield Problem(
                f"'{marker}' opens the link text '{link.text[:40]}' and has no partner in it, so it is shown as"
                " typed (emphasis cannot close outside the link)",
                link.start + 1,
                link.start + 1 + len(marker),
            )


#: A second target glued to a link's closing parenthesis.
_SECOND_TARGET = re.compile(r"\((?:https?://|www\.)[^()\s]+\)")
#: A link text that opens with `*` or `**` before a word, with no other such marker in it, and is a phrase (has a
#: space): `*args` or `_posts` is a name typed on purpose, and a lone `_` is printed as typed anyway.
_LONE_EMPHASIS = re.compile(r"^(\*\*|\*)(?=[^\s*])(?=[^*]*\s)(?!.*(?<=\S)\1)", re.S)


def _opens(text: str, tildes: re.Match[str]) -> bool:
    """Whether a `~~` stands where a strikethrough would open: text follows it, and it does not end a word
    (`谢谢~~` is a tilde of tone, not a marker)."""
    after = text[tildes.end() : tildes.end() + 1]
    before = text[tildes.start() - 1 : tildes.start()] if tildes.start() else ""
    return bool(after) and not after.isspace() and (not before or before.isspace() or not before.isalnum())


#: A block: lines up to a blank line.
_BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
#: CommonMark's HTML block kind 6: a block-level tag opens the line (kind 7, a line that is one whole tag,
#: is left out: kramdown reads `<br/>` or `<span>` alone on a line as part of a paragraph).
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|center|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer"
    "|form|h[1-6]|header|hr|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul"
)
_HTML_BLOCK_START = re.compile(rf"[ ]{{0,3}}</?({_BLOCK_TAGS})(?:[\s/>]|$)", re.I)
_PRE = re.compile(r"<(pre|code)\b.*?(?:</\1\s*>|$)", re.S | re.I)
_TAG = re.compile(r"<!--.*?-->|<[^<>]*>", re.S)
_MARKERS = re.compile(
    r"(?P<strong>\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*)"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\s]+\))"
    r"|(?P<link>\[[^\]\n]+\]\((?:https?://|/|\.)[^)\s]*\))"
    r"|(?P<heading>(?m:^)#{1,6}[ \t]+\S[^\n]*)"
)
_NAMES = {"strong": "bold markers", "image": "a Markdown image", "link": "a Markdown link", "heading": "a heading"}
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1", re.S)
_TILDES = re.compile(r"(?<!~)~+(?!~)")
