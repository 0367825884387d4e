"""PL702 html-stray-end-tag."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class HtmlStrayEndTag(Rule[RuleOptions]):
    """An end tag closes an element that is not open.

    ## What it does
    Reports end tags such as `</div>` that match no open element (after HTML's own implied closings,
    e.g. `</p>` after a `<div>` already closed that paragraph).

    ## Why is this bad?
    Browsers ignore it, or (for `</p>`) insert an empty paragraph. It signals markup cut and pasted from
    the middle of a page, where the opening tag was left behind.

    ## Options
    None.
    """

    code = "PL702"
    name = "html-stray-end-tag"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for issue in post.html.issues:
            if issue.kind == "stray-end-tag":
                yield Problem(f"</{issue.tag}> closes an element that is not open", issue.start, issue.end)
