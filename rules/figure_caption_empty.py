"""PL402 figure-caption-empty."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import element_text


class FigureCaptionEmpty(Rule[RuleOptions]):
    """A `<figcaption>` is empty.

    ## What it does
    Reports `<figcaption>` elements with no text (only white space or nothing at all).

    ## Why is this bad?
    An empty caption is a caption that was lost: the extractor kept the element and dropped its text. It
    also leaves an empty box under the image in most themes.

    ## Options
    None.
    """

    code = "PL402"
    name = "figure-caption-empty"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for caption in html.iter("figcaption"):
            if not element_text(caption) and not any(True for _ in caption.iter("img")):
                start, end = html.start_tag(caption)
                yield Problem("figcaption is empty", start, end)
