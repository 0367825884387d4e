"""PL304 image-insecure-url."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import post_images


class ImageInsecureUrl(Rule[RuleOptions]):
    """An image is loaded over plain `http://` on a site served over HTTPS.

    ## What it does
    Reports `<img>` and Markdown images whose URL starts with `http://`. Off by default: enable it for a
    site served over HTTPS (`extend-select = ["PL304"]`).

    ## Why is this bad?
    Browsers treat it as mixed content: they upgrade the request to HTTPS, which fails on hosts without a
    certificate, or block it, and the image disappears. Many old outlets have moved to HTTPS since, so
    the `https://` URL usually works.

    ## Options
    None.
    """

    code = "PL304"
    name = "image-insecure-url"
    honours_proofer_ignore = True
    severity = Severity.WARNING
    enabled_by_default = False

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for image in post_images(post):
            src = image.src or ""
            if not src.strip().lower().startswith("http://"):
                continue
            # (an <img>'s URL is shown stripped, a Markdown image's as written)
            shown = src if image.is_markdown else src.strip()
            span = (image.start, image.end) if image.is_markdown else image.span_of("src")
            yield Problem(f"image is loaded over plain HTTP ({shown[:100]}): mixed content on an HTTPS site", *span)
