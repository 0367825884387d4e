"""What a figure shows and whether a reader sees a caption for it: shared by figure-missing-caption (PL401,
one post) and the archive's caption habit (the site index counts them per group of posts)."""

from __future__ import annotations

from postlint.knowledge.htmlutil import element_text
from postlint.knowledge.packs import names_any
from postlint.reading.html import Element

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
    if following is not None and following.tag == "figcaption" and not (figure.tail or "").strip():
        return True
    return _text_beside(figure)


#: Class or id words of a text block that stands beside or under a figure as its caption in a layout grid.
_BESIDE_WORDS = frozenset(("text", "caption", "desc", "description", "legend", "note"))


def _text_beside(figure: Element) -> bool:
    """Whether a short caption-like text block follows the figure, or the wrappers that hold only the figure
    (`<div class="image"><figure>…</figure></div><div class="text"><p>…</p></div>`: a comparison grid)."""
    wrapper = figure
    parent = wrapper.getparent()
    while (
        parent is not None
        and parent.getparent() is not None
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (wrapper.tail or "").strip()
    ):
        wrapper, parent = parent, parent.getparent()
    following = wrapper.getnext()
    if following is None or (wrapper.tail or "").strip() or not isinstance(following.tag, str):
        return False
    return names_any(following, _BESIDE_WORDS) and 0 < len(element_text(following)) <= 300


def described(figure: Element) -> bool:
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


def content_figure(figure: Element) -> bool:
    """Whether ``figure`` is one of the post's own pictures: it shows media, and it is not inside a link (a
    figure inside a link is a teaser tile of another story, not a content figure)."""
    return shows_media(figure) and next(figure.iterancestors("a"), None) is None
