"""PL306 image-missing-alt."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import post_images


class ImageMissingAlt(Rule[RuleOptions]):
    """An image has no `alt` attribute (or a Markdown image has no alt text).

    ## What it does
    Reports `<img>` elements without an `alt` attribute, and Markdown images written `![](x.png)`
    (Markdown cannot tell "no alt" from "empty alt", so an empty one counts as missing), and Hugo `figure`
    shortcodes with neither `alt` nor `caption` (Hugo's template writes the caption as the alt text, and no
    `alt` attribute without either). An explicit `alt=""` on an HTML image marks it as decorative and is
    accepted here; `image-empty-alt-on-content` checks that it really is. An image inside a `<video>` or
    `<audio>` is the fallback for browsers that cannot play the media, not shown otherwise, and is left alone.

    ## Why is this bad?
    Screen readers announce the file name or "image" instead of what it shows, search engines and feed
    readers get nothing, and when the image fails to load there is no text in its place.

    ## Options
    None.
    """

    code = "PL306"
    name = "image-missing-alt"
    honours_proofer_ignore = True
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for image in post_images(post):
            if image.markdown is not None and image.markdown.shortcode:
                if not (image.alt or "").strip():
                    yield Problem(
                        f"Hugo {image.markdown.shortcode} shortcode has neither alt nor caption, so its image has no"
                        ' alt text: add alt="…" describing what it shows',
                        image.start,
                        image.end,
                    )
            elif image.is_markdown:
                if not (image.alt or "").strip():
                    yield Problem(
                        "Markdown image has no alt text: write what it shows between the brackets",
                        image.start,
                        image.end,
                    )
            elif image.alt is None and image.attribute("alt") is None:
                if image.element is not None and next(image.element.iterancestors("video", "audio"), None) is not None:
                    continue  # the fallback of a player, shown only by a browser that cannot play it
                what = 'image has no alt attribute: describe what it shows, or alt="" if decorative'
                yield Problem(what, image.start, image.end)
