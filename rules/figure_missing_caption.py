"""PL401 figure-missing-caption."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import element_text, names_any

_FIGURE = re.compile(r"<figure", re.I)
_MEDIA = ("img", "picture", "video", "svg")
#: Class or id words of the caption-like blocks outlets put inside a figure instead of a `figcaption`.
_CAPTION_WORDS = frozenset(("caption", "figcaption", "credit", "legend", "wp-caption-text"))
#: Elements whose images are fallback content, not the figure's picture.
_FALLBACK_HOLDERS = ("video", "audio", "object", "noscript", "iframe")


def own_captions(figure: Element) -> list[Element]:
    """The `figcaption` elements that belong to ``figure`` (not to a figure nested inside it)."""
    return [caption for caption in figure.iter("figcaption") if next(caption.iterancestors("figure"), None) is figure]


def _own(figure: Element, element: Element) -> bool:
    return next(element.iterancestors("figure"), None) is figure


def has_caption(figure: Element) -> bool:
    """Whether a reader sees a caption for ``figure``: its own `figcaption`, a caption-classed block inside
    it (`<p class="caption">`, `.wp-caption-text`), or a `figcaption` right after `</figure>` (reported by
    figcaption-outside-figure: one problem, one finding)."""
    if own_captions(figure):
        return True
    for element in figure.iter():
        if element is figure or not isinstance(element.tag, str) or not _own(figure, element):
            continue
        if names_any(element, _CAPTION_WORDS) and element_text(element):
            return True
    following = figure.getnext()
    return following is not None and following.tag == "figcaption" and not (figure.tail or "").strip()


def _described(figure: Element) -> bool:
    """Whether every image of the figure has alt text (the description a caption would give is there)."""
    images = [image for image in figure.iter("img") if _own(figure, image)]
    return bool(images) and all((image.get("alt") or "").strip() for image in images)


def shows_media(figure: Element) -> bool:
    """Whether the figure shows a picture of its own (an image that is not a video's or a script's fallback)."""
    for tag in _MEDIA:
        for element in figure.iter(tag):
            if not _own(figure, element):
                continue
            if tag == "img" and next(element.iterancestors(*_FALLBACK_HOLDERS), None) is not None:
                continue
            return True
    return False


class FigureMissingCaptionOptions(RuleOptions):
    #: When a bare figure is reported: "auto" where captions are expected (another figure of the post has
    #: one), "always" on every bare figure (a site whose style asks for captions).
    expect_captions: Literal["auto", "always"] = "auto"


class FigureMissingCaption(Rule[FigureMissingCaptionOptions]):
    """A `<figure>` holds an image but no caption, where the post's other figures have one.

    ## What it does
    Reports `<figure>` elements that show an image, picture, video or SVG and have no caption of their
    own, in posts where captions are expected: another figure of the same post has one (or the option
    `expect-captions = "always"` says every figure needs one). A caption is a `<figcaption>`, a
    caption-classed block inside the figure (`<p class="caption">`, `.wp-caption-text`), or a
    `<figcaption>` right after `</figure>` (that one is reported by figcaption-outside-figure instead).
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
            if not shows_media(figure) or next(figure.iterancestors("a"), None) is not None:
                continue  # a figure inside a link is a teaser tile of another story, not a content figure
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
            bare = [figure for figure in bare if not _described(figure)]
        why = "captions are required by the config" if always else "the post's other figures have one"
        for figure in bare:
            start, end = html.start_tag(figure)
            yield Problem(f"figure holds an image but has no caption, while {why}", start, end)
