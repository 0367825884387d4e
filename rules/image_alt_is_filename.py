"""PL307 image-alt-is-filename."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity

_FILE_NAME = re.compile(r"^[\w\-.~%()+]+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic|jfif)(?:\?\S*)?$", re.I)
_URL = re.compile(r"^(?:https?:)?//\S+$", re.I)


class ImageAltIsFilename(Rule[RuleOptions]):
    """An image's alt text is a file name or a URL, not a description.

    ## What it does
    Reports `<img>` elements and Markdown images whose alt text is a file name
    (`file7eziiwmblk48717bkkf_Large.jpg`) or a URL: what a CMS or an importer fills in when nobody wrote
    alt text.

    ## Why is this bad?
    A screen reader reads the file name out letter by letter; the alt text says nothing about the picture.
    It is worse than an empty alt because it looks filled in and escapes review.

    ## Options
    None.
    """

    code = "PL307"
    name = "image-alt-is-filename"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            alt = (image.get("alt") or "").strip()
            if alt and (_FILE_NAME.match(alt) or _URL.match(alt)):
                start, end = html.start_tag(image)
                yield Problem(f"alt text '{alt[:80]}' is a file name or URL, not a description", start, end)
        for markdown_image in post.markdown.images:
            alt = markdown_image.alt.strip()
            if alt and (_FILE_NAME.match(alt) or _URL.match(alt)):
                yield Problem(
                    f"alt text '{alt[:80]}' is a file name or URL, not a description",
                    markdown_image.start,
                    markdown_image.end,
                )
