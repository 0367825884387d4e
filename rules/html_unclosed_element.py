"""PL701 html-unclosed-element."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class HtmlUnclosedElement(Rule[RuleOptions]):
    """An HTML element is never closed (common in truncated extractions).

    ## What it does
    Reports start tags whose end tag never comes before the end of the body or before an end tag of an
    element that contains them, for elements whose end tag HTML does not let you omit (`div`, `section`,
    `figure`, `a`, `span`, ...; not `p`, `li`, `td` and the like). Each unclosed element is reported at
    its start tag.

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
                yield Problem(f"<{issue.tag}> is never closed", issue.start, issue.end)
