"""PL304 image-insecure-url."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


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
    severity = Severity.WARNING
    enabled_by_default = False

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            src = (image.get("src") or "").strip()
            if src.lower().startswith("http://"):
                attribute = html.attribute(image, "src")
                start, end = (attribute.start, attribute.end) if attribute else html.start_tag(image)
                yield Problem(
                    f"image is loaded over plain HTTP ({src[:100]}): mixed content on an HTTPS site", start, end
                )
        for markdown_image in post.markdown.images:
            if markdown_image.src.strip().lower().startswith("http://"):
                yield Problem(
                    f"image is loaded over plain HTTP ({markdown_image.src[:100]}): mixed content on an HTTPS site",
                    markdown_image.start,
                    markdown_image.end,
                )
