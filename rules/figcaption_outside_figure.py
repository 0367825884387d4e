"""PL404 figcaption-outside-figure."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Edit, Element, Fix, Post, Problem, Rule, RuleOptions, Severity


def _image_before(post: Post, caption: Element) -> Element | None:
    """The image, or the element holding exactly one, right before the caption (both whole)."""
    html = post.html
    holder = caption.getprevious()
    if holder is None or (holder.tail or "").strip():
        return None
    images = [holder] if holder.tag == "img" else list(holder.iter("img"))
    if len(images) != 1 or not html.is_whole(holder) or not html.is_whole(caption):
        return None
    # An image that already has a caption (a complete figure, or a figcaption next to it inside the
    # holder) is not this caption's: wrapping both would nest a captioned figure in the new one, and the
    # orphan caption would then caption an image it never described. (An uncaptioned figure, as news
    # sites' image containers hold, is the caption's image: wrapping it is right.)
    if next(holder.iter("figcaption"), None) is not None:
        return None
    return holder


def _wrap_in_figure(post: Post, holder: Element, caption: Element) -> Fix:
    """Wrap the image (or the element holding it) and the caption in a figure."""
    html = post.html
    start = html.start(holder)
    end = html.span(caption)[1]
    return Fix(
        (Edit(start, start, "<figure>"), Edit(end, end, "</figure>")),
        "wrap the image and its caption in a figure",
        safe=False,
    )


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

    ## Fix
    Unsafe (with `--unsafe-fixes`): when the element right before the caption is an image, or holds
    exactly one, wraps that element and the caption in a `<figure>`. The finding then spans the whole
    caption and names that image (its line and column, and as a related location in JSON and SARIF), the
    two places the fix edits. An image that already has a caption (a `<figure>` with a `<figcaption>`, or
    an element holding one) gets no fix: wrapping it would nest a complete figure and make the orphan
    caption describe an image it was never about. The layout may
    change: figures have their own margins in most themes.
    """

    code = "PL404"
    name = "figcaption-outside-figure"
    severity = Severity.WARNING
    fixable = True

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for caption in html.iter("figcaption"):
            if next(caption.iterancestors("figure"), None) is not None:
                continue
            start, end = html.start_tag(caption)
            holder = _image_before(post, caption)
            if holder is None:
                yield Problem("figcaption is outside any figure, so it is not tied to its image", start, end)
                continue
            # The finding spans the caption and names its image: the fix wraps both, so it edits only there.
            image = html.span(holder)
            line, column = post.position(image[0])
            yield Problem(
                f"figcaption is outside any figure, so it is not tied to its image (at {line}:{column})",
                start,
                html.span(caption)[1],
                fix=_wrap_in_figure(post, holder, caption),
                related=(image,),
            )
