"""PL704 html-duplicate-attribute."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from postlint.api import Context, MarkupIssue, Post, Problem, Rule, RuleOptions, Severity


class HtmlDuplicateAttribute(Rule[RuleOptions]):
    """An attribute appears twice in the same start tag; browsers keep only the first.

    ## What it does
    Reports the second and later occurrences of an attribute name (compared case-insensitively) in one
    start tag, once per tag: the finding spans them and the message names them. Many repeats in one tag
    are the sign of a tag that did not end where it should (a cut quote or `>`), whose attributes are the
    markup that followed it; the message says so, as one finding, not one per swallowed attribute.

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
        html = post.html
        starts = sorted(span for span in html.start_tags.values())
        tag_starts = [span[0] for span in starts]
        groups: dict[int, list[MarkupIssue]] = {}
        for issue in html.issues:
            if issue.kind == "duplicate-attribute":
                index = bisect_right(tag_starts, issue.start) - 1
                key = starts[index][0] if index >= 0 and issue.start < starts[index][1] else issue.start
                groups.setdefault(key, []).append(issue)
        for tag_start, issues in groups.items():
            first, last = issues[0], issues[-1]
            start = first.start
            names = list(dict.fromkeys(issue.detail for issue in issues))
            if len(issues) == 1:
                message = f"<{_short(first.tag)}> has '{_short(first.detail)}' twice; browsers keep only the first"
            elif len(issues) < _SWALLOWED:
                shown = ", ".join(f"'{_short(name)}'" for name in names)
                message = f"<{_short(first.tag)}> repeats {shown}; browsers keep only the first of each"
            else:
                shown = ", ".join(f"'{_short(name)}'" for name in names[:3])
                message = (
                    f"<{_short(first.tag)}> repeats {len(issues)} attributes "
                    f"({shown}{', ...' if len(names) > 3 else ''}): the"
                    " tag did not end where it should and swallowed the markup after it, which browsers do not show"
                )
                start = tag_start  # the broken tag, where the fix is
            yield Problem(message, start, last.end)


#: From this many repeats on, a tag has swallowed the markup that followed it.
_SWALLOWED = 4


def _short(name: str) -> str:
    """Names as written can be megabytes long: a message quotes at most 60 characters of each (a 1 MB tag name
    with 999 repeated attributes made a gigabyte of messages)."""
    return name if len(name) <= 60 else name[:57] + "..."
