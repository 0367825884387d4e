"""PL303 image-url-malformed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import lazy_regex, local_file_url, post_images, written_by_template

_SCHEME_WITHOUT_SLASHES = lazy_regex(r"^(https?):/?(?!/)", re.I)
_BAD_CHARACTERS = lazy_regex(r"[\s\"'<>\\`]")
_BAD_CHARACTERS_BUT_SPACES = lazy_regex(r"[\t\n\r\"'<>\\`]")


def url_defect(url: str, spaces_allowed: bool = False) -> str | None:
    """Why ``url`` is malformed, or ``None`` (``spaces_allowed``: a Markdown destination written in ``<…>``,
    where CommonMark allows spaces and the renderer percent-encodes them)."""
    value = url.strip()
    if not value or value.lower().startswith(("data:", "{{", "{%")) or local_file_url(value):
        return None  # a file on the writer's disk (`C:\\Users\\…`) is PL301's: no reader can load it
    if _SCHEME_WITHOUT_SLASHES.match(value):
        return "its scheme is not followed by '//'"
    bad = (_BAD_CHARACTERS_BUT_SPACES if spaces_allowed else _BAD_CHARACTERS).search(value)
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
    if parts.scheme.lower() in ("http", "https") and parts.hostname in ("http", "https"):
        return "a second scheme follows the first, so the real host is read as a path"  # https://https://x
    return None


class ImageUrlMalformed(Rule[RuleOptions]):
    """An image URL is malformed: spaces, stray quotes, `http:/x`, no host.

    ## What it does
    Checks the `src` of `<img>` elements and the target of Markdown images for white space (spaces are
    allowed in a Markdown destination written in `<…>`), stray quotes, angle brackets or backslashes, a
    scheme without `//` (`http:/example.com`), a scheme written twice (`https://https://example.com`), an
    unparsable port, or an `http(s)` URL without a host. Template tags (`{{ site.url }}`; on Jekyll and
    Eleventy, which run Liquid before reading a post, anywhere in the URL) and data URIs are left alone.

    ## Why is this bad?
    Browsers guess what a malformed URL meant, and guess differently; feed readers, link checkers and
    image proxies usually give up. Extraction bugs (an attribute cut mid-value, a quote left in) show up
    here first.

    ## Options
    None.
    """

    code = "PL303"
    name = "image-url-malformed"
    honours_proofer_ignore = True
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for image in post_images(post):
            src = image.src
            if written_by_template(post, src):
                continue  # the site's Liquid writes it: known only once the site is built
            if image.is_markdown:
                written = (post.text or "")[image.start : image.end]
                defect = url_defect(src or "", spaces_allowed=f"(<{src}>" in written)
                if defect:
                    yield Problem(f"image URL '{(src or '')[:100]}' is malformed: {defect}", image.start, image.end)
                continue
            defect = url_defect(src) if src else None
            if defect and src:
                yield Problem(f"image URL '{src.strip()[:100]}' is malformed: {defect}", *image.span_of("src"))
