"""PL711 number-read-as-list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import in_code, lazy_regex

#: A line that starts (after a list's or a quote's indentation) with a number of three or more digits, a
#: period and a space: `2012. Sie können…`. Smaller numbers are the author's own numbered steps.
_NUMBER_LINE = lazy_regex(r"^([ \t]*(?:>[ \t]?)*)(\d{3,9})\.[ \t]+(?=\S)", re.M)


class NumberReadAsList(Rule[RuleOptions]):
    """A year or another number at the start of a line that kramdown turns into a list number: `2012. Sie…`.

    ## What it does
    On a Jekyll site (kramdown), or where the generator is not known, reports a line of a Markdown post that
    starts with a number of three or more digits followed by a period and a space, such as a year that a
    wrapped sentence left at the start of a line (`…bis Juni` / `2012. Sie können…`) or a paragraph that
    opens with one (`2023. What a year`). kramdown reads the line as the first item of a numbered list,
    even in the middle of a paragraph or a list item, and numbers its items itself, from 1: the page shows
    `1.` and the number is gone. One finding per run of such lines, at the number. Code, HTML blocks and
    table rows are left alone; Hugo, Zola and Eleventy (CommonMark) keep the number (`<ol start="2023">`)
    and only a paragraph's first line can start a list there, so those sites are not judged.

    ## Why is this bad?
    The reader sees `1. What a year it has been` and `bis Juni` followed by a list with one item: a date
    lost from the sentence, and a list where none was meant. Escape the period (`2023\\.`) or rewrap the line.

    ## Options
    None.
    """

    code = "PL711"
    name = "number-read-as-list"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if not post.is_markdown or post.site.generator in ("hugo", "zola", "eleventy"):
            return
        body = post.body
        if ". " not in body and ".\t" not in body:
            return
        previous_end = -2
        for found in _NUMBER_LINE.finditer(body):
            line_start = found.start()
            previous_line_end = line_start - 1
            run = previous_line_end == previous_end
            previous_end = body.find("\n", found.end())
            if run or in_code(post, found.start(2)):
                continue
            line = body[line_start : previous_end if previous_end >= 0 else len(body)]
            if "|" in line or _after_html_line(body, line_start):
                continue
            number = found.group(2)
            yield Problem(
                f"kramdown reads '{number}.' at the start of this line as a list number and numbers the list"
                f" itself: the page shows '1.' and '{number}' is lost (escape the period: '{number}\\.')",
                post.body_start + found.start(2),
                post.body_start + found.end(2) + 1,
            )


def _after_html_line(body: str, line_start: int) -> bool:
    """Whether the nearest line above that holds text opens with a tag: the number is inside an HTML block,
    which kramdown passes through as it is."""
    at = line_start - 1
    while at > 0:
        begin = body.rfind("\n", 0, at) + 1
        line = body[begin:at].strip()
        if line:
            return line.startswith("<")
        if begin == 0:
            return False
        at = begin - 1
    return False
