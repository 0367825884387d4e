"""PL308 image-empty-alt-on-content."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import (
    Context,
    Edit,
    Element,
    Fix,
    Post,
    Problem,
    Rule,
    RuleOptions,
    Severity,
    attribute_edit,
    element_text,
)


def caption_of(image: Element) -> str:
    """The caption a reader sees for ``image``: its figure's `figcaption`, or a `figcaption` right after the
    image or after the wrappers that hold only the image (the layout importers produce)."""
    for ancestor in image.iterancestors():
        if ancestor.tag == "figure":
            for caption in ancestor.iter("figcaption"):
                return element_text(caption)
            break
    current = image
    while True:
        following = current.getnext()
        if following is not None and following.tag == "figcaption" and not (current.tail or "").strip():
            return element_text(following)
        parent = current.getparent()
        if parent is None or following is not None or (parent.text or "").strip() or len(parent) != 1:
            return ""
        current = parent


class ImageEmptyAltOnContent(Rule[RuleOptions]):
    """An image with a caption or a title has an empty `alt`, which marks it as decoration.

    ## What it does
    Reports `<img>` elements with `alt=""` (or a bare `alt`) that clearly carry content: they have a
    caption (in their `<figure>`, or a `<figcaption>` right after them) or a non-empty `title`.

    ## Why is this bad?
    An empty `alt` tells screen readers to skip the image. For a news photo with a caption that hides the
    picture from blind readers, while the caption text (or the title) already says what to write.

    ## Options
    None.

    ## Fix
    Unsafe (with `--unsafe-fixes`): writes the caption (or the title) into `alt`. Captions often carry
    credits and context that an alt text would leave out, so review the result.
    """

    code = "PL308"
    name = "image-empty-alt-on-content"
    severity = Severity.WARNING
    fixable = True

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            alt = image.get("alt")
            if alt is None or alt.strip():
                continue
            title = (image.get("title") or "").strip()
            caption = caption_of(image)
            if not (title or caption):
                continue
            hint = caption or title
            what = "a caption" if caption else "a title"
            start, end = html.start_tags[image]
            fill = Fix(
                (Edit(*attribute_edit(post, image, "alt", hint)),), f"use the {what[2:]} as alt text", safe=False
            )
            yield Problem(
                f'image has {what} but an empty alt, so screen readers skip it; describe it ("{hint[:50]}")',
                start,
                end,
                fix=fill,
            )
