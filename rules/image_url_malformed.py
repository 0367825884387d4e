"""PL303 image-url-malformed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity

_SCHEME_WITHOUT_SLASHES = re.compile(r"^(https?):/?(?!/)", re.I)
_BAD_CHARACTERS = re.compile(r"[\s\"'<>\\`]")


def url_defect(url: str) -> str | None:
    """Why ``url`` is malformed, or ``None``."""
    value = url.strip()
    if not value or value.lower().startswith(("data:", "{{", "{%")):
        return None
    if _SCHEME_WITHOUT_SLASHES.match(value):
        return "its scheme is not followed by '//'"
    bad = _BAD_CHARACTERS.search(value)
    if bad:
        shown = {" ": "a space", "\t": "a tab", "\n": "a line break"}.get(bad.group(), repr(bad.group()))
        return f"it contains {shown}"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        return f"it cannot be parsed ({error})"
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        return "it has no host"
    return None


class ImageUrlMalformed(Rule[RuleOptions]):
    """An image URL is malformed: spaces, stray quotes, `http:/x`, no host.

    ## What it does
    Checks the `src` of `<img>` elements and the target of Markdown images for white space, stray quotes,
    angle brackets or backslashes, a scheme without `//` (`http:/example.com`), an unparsable port, or an
    `http(s)` URL without a host. Template tags (`{{ site.url }}`) and data URIs are left alone.

    ## Why is this bad?
    Browsers guess what a malformed URL meant, and guess differently; feed readers, link checkers and
    image proxies usually give up. Extraction bugs (an attribute cut mid-value, a quote left in) show up
    here first.

    ## Options
    None.
    """

    code = "PL303"
    name = "image-url-malformed"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            src = image.get("src")
            defect = url_defect(src) if src else None
            if defect and src:
                attribute = html.attribute(image, "src")
                start, end = (attribute.start, attribute.end) if attribute else html.start_tag(image)
                yield Problem(f"image URL '{src.strip()[:100]}' is malformed: {defect}", start, end)
        for markdown_image in post.markdown.images:
            defect = url_defect(markdown_image.src)
            if defect:
                yield Problem(
                    f"image URL '{markdown_image.src[:100]}' is malformed: {defect}",
                    markdown_image.start,
                    markdown_image.end,
                )
