"""PL704 html-duplicate-attribute."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class HtmlDuplicateAttribute(Rule[RuleOptions]):
    """An attribute appears twice in the same start tag; browsers keep only the first.

    ## What it does
    Reports the second and later occurrences of an attribute name (compared case-insensitively) in one
    start tag.

    ## Why is this bad?
    HTML keeps the first value and silently drops the rest: `<img src="thumb.jpg" src="full.jpg">` shows
    the thumbnail. Which value the author meant is a guess.

    ## Options
    None.
    """

    code = "PL704"
    name = "html-duplicate-attribute"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for issue in post.html.issues:
            if issue.kind == "duplicate-attribute":
                # Names as written can be megabytes long: each finding quotes at most 60 characters of each
                # (a 1 MB tag name with 999 repeated attributes made a gigabyte of messages).
                yield Problem(
                    f"<{_short(issue.tag)}> has '{_short(issue.detail)}' twice; browsers keep only the first",
                    issue.start,
                    issue.end,
                )


def _short(name: str) -> str:
    return name if len(name) <= 60 else name[:57] + "..."
