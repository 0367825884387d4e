"""PL702 html-stray-end-tag."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import template_control_flow


class HtmlStrayEndTag(Rule[RuleOptions]):
    """An end tag closes an element that is not open.

    ## What it does
    Reports end tags such as `</div>` that match no open element (after HTML's own implied closings,
    e.g. `</p>` after a `<div>` already closed that paragraph).

    One fault gives one finding: stray end tags of the same name in a post come from one cause (opening
    tags left behind on the source page, `</img>` written after void elements), so the first is reported
    and the message counts the others, which the finding lists as related places.

    On a site that runs Liquid or Nunjucks over its pages (Jekyll, Eleventy), an end tag inside `{% if %}`,
    `{% unless %}` or `{% for %}` is written as the template decides (an archive page's `{% unless
    forloop.first %}</ul>{% endunless %}` closes the list the loop's last pass opened): not judged as written.

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
        by_tag: dict[str, list[tuple[int, int]]] = {}
        flow: list[tuple[int, int]] | None = None
        for issue in post.html.issues:
            if issue.kind == "stray-end-tag":
                if flow is None:
                    flow = template_control_flow(post)
                if flow and _inside(flow, issue.start):
                    continue  # the template decides how often it is written (`{% unless forloop.first %}</ul>`)
                by_tag.setdefault(issue.tag, []).append((issue.start, issue.end))
        for tag, places in by_tag.items():
            (start, end), others = places[0], places[1:]
            message = f"</{tag}> closes an element that is not open"
            if others:
                message += f", and {len(others)} more </{tag}> after it do the same (one fault, listed once)"
            yield Problem(message, start, end, related=tuple(others[:_RELATED]))


#: How many of the other places a finding lists (the message gives the full count).
_RELATED = 20


def _inside(regions: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` lies in one of the sorted, disjoint ``regions``."""
    index = bisect_right(regions, (at, float("inf"))) - 1
    return index >= 0 and regions[index][0] <= at < regions[index][1]
