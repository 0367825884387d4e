"""PL701 html-unclosed-element."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import MemoKey, lazy_regex

#: HTML elements whose `<name/>` opens an element that changes what follows (layout, links, emphasis). A
#: name outside HTML written `<name/>` is left alone: browsers make it an inline element with no effect,
#: and sites use such markers on purpose (Jekyll's `excerpt_separator: <excerpt/>` stays in the page).
_HTML_ELEMENTS = frozenset(
    """a abbr address article aside audio b bdi bdo big blockquote button canvas center cite code data
    datalist del details dfn dialog div dl em fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6
    header hgroup i iframe ins kbd label legend main map mark marquee menu meter nav nobr noscript object ol
    output picture pre progress q s samp script search section select slot small span strike strong style
    sub summary sup table template textarea time title tt u ul var video""".split()
)

#: kramdown's span-level elements: written `<a name="x" />` in Markdown text, kramdown reads them as empty
#: elements and writes `<a name="x"></a>` (Jekyll 4.3 with kramdown 2). Inside a raw HTML block (a block that
#: opens with a block-level tag such as `<div>`) it copies the tag as written, and the browser keeps it open.
_KRAMDOWN_SPAN = frozenset(
    """a abbr acronym b big bdi bdo cite code data del dfn em font i ins kbd label mark q s samp small span
    strike strong sub sup time tt u var""".split()
)
#: A block of Markdown that kramdown reads as raw HTML: it opens with a tag that is not one of its span tags.
_BLOCK_START = lazy_regex(r"[ ]{0,3}<(?!/)([A-Za-z][\w-]*)")
_BLANK_LINE = lazy_regex(r"\n[ \t]*\n")
#: Where each blank-line-separated block of the body starts.
_BLOCKS: MemoKey[list[int]] = MemoKey("kramdown-blocks")


def _kramdown_closes(post: Post, start: int) -> bool:
    """Whether kramdown writes the self-closed `<name/>` at ``start`` as an empty element: it stands in Markdown
    text of a Jekyll post (not in a block that opens with a block-level tag, which kramdown copies raw)."""
    if post.site.generator != "jekyll" or not post.is_markdown or start < post.body_start:
        return False
    body = post.body
    blocks = post.memo.get(_BLOCKS)
    if blocks is None:
        blocks = [0, *(blank.end() for blank in _BLANK_LINE.finditer(body))]
        post.memo[_BLOCKS] = blocks
    block = blocks[bisect_right(blocks, start - post.body_start) - 1]
    opened = _BLOCK_START.match(body, block)
    return opened is None or opened.group(1).lower() in _KRAMDOWN_SPAN


class HtmlUnclosedElement(Rule[RuleOptions]):
    """An HTML element is never closed (common in truncated extractions).

    ## What it does
    Reports start tags whose end tag never comes before the end of the body or before an end tag of an
    element that contains them, for elements whose end tag HTML does not let you omit (`div`, `section`,
    `figure`, `a`, `span`, ...; not `p`, `li`, `td` and the like). Each unclosed element is reported at
    its start tag. `<div/>` is one too: browsers honour a self-closing `/` only on void elements (`img`,
    `br`, ...) and inside SVG and MathML, so the `div` opens and stays open; the message says so. A name
    that is not HTML's (`<excerpt/>`, Jekyll's usual `excerpt_separator`) is left alone: browsers give it
    no effect. On Jekyll, kramdown closes a span-level `<a name="x" />` written in Markdown text itself
    (it writes `<a name="x"></a>`); in a block that opens with `<div>` it copies the tag raw, and it is
    reported.

    ## Why is this bad?
    Browsers close it somewhere of their own choosing: the rest of the page, the footer, the comments and
    the sidebar end up inside the post's last `<div>` or link. Extractors that cut an article short leave
    exactly this behind.

    ## Options
    None.
    """

    code = "PL701"
    name = "html-unclosed-element"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for issue in post.html.issues:
            if issue.kind == "unclosed":
                if issue.detail == "/>":
                    if issue.tag not in _HTML_ELEMENTS:
                        continue
                    if issue.tag in _KRAMDOWN_SPAN and _kramdown_closes(post, issue.start):
                        continue  # kramdown writes `<a name="x"></a>` for `<a name="x" />` in Markdown text
                    message = (
                        f"<{issue.tag}/> is never closed: browsers ignore the '/' on an HTML element that is not "
                        f"void, so <{issue.tag}> stays open around what follows (write <{issue.tag}></{issue.tag}>)"
                    )
                else:
                    message = f"<{issue.tag}> is never closed"
                yield Problem(message, issue.start, issue.end)
