"""PL404 figcaption-outside-figure."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class FigcaptionOutsideFigure(Rule[RuleOptions]):
    """A `<figcaption>` stands outside any `<figure>`, so it is not tied to its image.

    ## What it does
    Reports `<figcaption>` elements that have no `<figure>` ancestor, like the lead photo layout importers
    produce: `<div class="figure-media"><img></div><figcaption>...</figcaption>`.

    ## Why is this bad?
    Outside a figure a caption is just text: screen readers do not announce it with the image, feed
    readers and reader modes drop or misplace it, and the HTML is invalid.

    ## Options
    None.
    """

    code = "PL404"
    name = "figcaption-outside-figure"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for caption in html.iter("figcaption"):
            if next(caption.iterancestors("figure"), None) is None:
                start, end = html.start_tags[caption]
                yield Problem("figcaption is outside any figure, so it is not tied to its image", start, end)
