"""PL401 figure-missing-caption."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import content_figure, described, has_caption, own_captions

_FIGURE = re.compile(r"<figure", re.I)


class FigureMissingCaptionOptions(RuleOptions):
    #: When a bare figure is reported: "auto" where captions are expected (another figure of the post has
    #: one), "always" on every bare figure (a site whose style asks for captions).
    expect_captions: Literal["auto", "always"] = "auto"


class FigureMissingCaption(Rule[FigureMissingCaptionOptions]):
    """A `<figure>` holds an image but no caption, where the post's other figures have one.

    ## What it does
    Reports `<figure>` elements that show an image, picture, video or SVG and have no caption of their
    own, in posts where captions are expected: another figure of the same post has one (or the option
    `expect-captions = "always"` says every figure needs one). A caption is a `<figcaption>` that shows
    text or a picture (an empty one, which an editor writes for every picture or an importer leaves when
    it drops the text, is none: "its caption is empty"), a
    caption-classed block inside the figure (`<p class="caption">`, `.wp-caption-text`), or a
    `<figcaption>` right after `</figure>` (that one is reported by figcaption-outside-figure instead), or
    a short paragraph right under the figure that reads as its caption (it begins "图为…", "Pictured: …" or
    ends in the picture's credit, "…【摄影记者团】", "(Reuters)"). A bare figure whose images all have alt
    text is left alone (the alt says what a caption would), unless its `<figcaption>` is there but empty:
    that caption was visibly lost.
    An `<img>` that is only a video's or `<noscript>` fallback does not make a figure an image figure.

    ## Why is this bad?
    When a post captions its figures, the one figure without a caption usually lost it on the way: the
    extractor dropped the photo credit and description. A blog whose figures are all bare chose that
    style, and is left alone.

    ## Options
    - `expect-captions` (`"auto"` or `"always"`, default `"auto"`): `"always"` reports every bare figure.
    """

    code = "PL401"
    name = "figure-missing-caption"
    severity = Severity.WARNING
    Options = FigureMissingCaptionOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if _FIGURE.search(post.body) is None:
            return
        html = post.html
        bare: list[Element] = []
        captioned = 0
        for figure in html.iter("figure"):
            if not content_figure(figure):
                continue  # no picture, or a teaser tile of another story inside a link
            if has_caption(figure):
                captioned += 1
            else:
                bare.append(figure)
        if not bare:
            return
        always = self.options.expect_captions == "always"
        if not always:
            if captioned == 0 or captioned < len(bare):
                return  # most figures are bare: the post's style, not a loss
            # Alt text may stand in for a caption a figure never had, not for one it visibly lost: a figure whose
            # `<figcaption>` is there but empty (`&nbsp;`, white space) shows a blank line where its caption was.
            bare = [figure for figure in bare if own_captions(figure) or not described(figure)]
        why = "captions are required by the config" if always else "the post's other figures have one"
        for figure in bare:
            # An emptied caption is pointed at itself: that is where the text was lost.
            captions = own_captions(figure)
            start, end = html.start_tag(captions[0] if captions else figure)
            empty = "its caption is empty" if captions else "has no caption"
            yield Problem(f"figure holds an image but {empty}, while {why}", start, end)
