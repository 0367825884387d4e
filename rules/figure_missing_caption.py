"""PL401 figure-missing-caption."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity

_MEDIA = ("img", "picture", "video", "svg")


def own_captions(figure: Element) -> list[Element]:
    """The `figcaption` elements that belong to ``figure`` (not to a figure nested inside it)."""
    return [caption for caption in figure.iter("figcaption") if next(caption.iterancestors("figure"), None) is figure]


class FigureMissingCaption(Rule[RuleOptions]):
    """A `<figure>` holds an image but no `<figcaption>`.

    ## What it does
    Reports `<figure>` elements that contain an image, picture, video or SVG and have no `<figcaption>`
    of their own.

    ## Why is this bad?
    A figure is an image *with* its caption; without one it is just an image in a box, and in imported
    news the missing caption usually means the extractor dropped the photo credit and description.

    ## Options
    None.
    """

    code = "PL401"
    name = "figure-missing-caption"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for figure in html.iter("figure"):
            if not any(True for tag in _MEDIA for _ in figure.iter(tag)):
                continue
            if not own_captions(figure):
                start, end = html.start_tags[figure]
                yield Problem("figure holds an image but has no figcaption", start, end)
