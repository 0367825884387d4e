"""PL306 image-missing-alt."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class ImageMissingAlt(Rule[RuleOptions]):
    """An image has no `alt` attribute (or a Markdown image has no alt text).

    ## What it does
    Reports `<img>` elements without an `alt` attribute, and Markdown images written `![](x.png)`
    (Markdown cannot tell "no alt" from "empty alt", so an empty one counts as missing). An explicit
    `alt=""` on an HTML image marks it as decorative and is accepted here; `image-empty-alt-on-content`
    checks that it really is.

    ## Why is this bad?
    Screen readers announce the file name or "image" instead of what it shows, search engines and feed
    readers get nothing, and when the image fails to load there is no text in its place.

    ## Options
    None.
    """

    code = "PL306"
    name = "image-missing-alt"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            if image.get("alt") is None and html.attribute(image, "alt") is None:
                start, end = html.start_tag(image)
                yield Problem('image has no alt attribute: describe what it shows, or alt="" if decorative', start, end)
        for markdown_image in post.markdown.images:
            if not markdown_image.alt.strip():
                yield Problem(
                    "Markdown image has no alt text: write what it shows between the brackets",
                    markdown_image.start,
                    markdown_image.end,
                )
