"""PL701 html-unclosed-element."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity

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


class HtmlUnclosedElement(Rule[RuleOptions]):
    """An HTML element is never closed (common in truncated extractions).

    ## What it does
    Reports start tags whose end tag never comes before the end of the body or before an end tag of an
    element that contains them, for elements whose end tag HTML does not let you omit (`div`, `section`,
    `figure`, `a`, `span`, ...; not `p`, `li`, `td` and the like). Each unclosed element is reported at
    its start tag. `<div/>` is one too: browsers honour a self-closing `/` only on void elements (`img`,
    `br`, ...) and inside SVG and MathML, so the `div` opens and stays open; the message says so. A name
    that is not HTML's (`<excerpt/>`, Jekyll's usual `excerpt_separator`) is left alone: browsers give it
    no effect.

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
                    message = (
                        f"<{issue.tag}/> is never closed: browsers ignore the '/' on an HTML element that is not "
                        f"void, so <{issue.tag}> stays open around what follows (write <{issue.tag}></{issue.tag}>)"
                    )
                else:
                    message = f"<{issue.tag}> is never closed"
                yield Problem(message, issue.start, issue.end)
