"""PL309 image-url-broken (online)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import BROKEN, OK, Context, Judgement, OnlineRule, Post, RuleOptions, Severity, UrlResult, UrlUse
from postlint.helpers import LAZY_SRC_ATTRIBUTES, checkable_url

_CANDIDATE = re.compile(r"\S+")


class Options(RuleOptions):
    #: Also report images that could not be verified (time-outs, 5xx, 429, refused addresses), as info.
    report_unverifiable: bool = True


def _srcset_urls(value: str) -> Iterator[str]:
    """The URLs of a `srcset` list (`a.jpg 1x, b.jpg 2x`); URLs may hold commas, descriptors may not."""
    for part in re.split(r",\s+|,(?=\s*(?:https?:)?//)", value):
        match = _CANDIDATE.search(part.strip())
        if match:
            yield match.group().rstrip(",")


def _ends(text: str, start: int, end: int, needle: str) -> tuple[int, int]:
    at = text.find(needle, start, end)
    return (at, at + len(needle)) if at >= 0 else (start, end)


class ImageUrlBroken(OnlineRule[Options]):
    """A remote image no longer loads (with `--online`): 404, 410, no such host, or a page instead of an image.

    ## What it does
    With `--online` (or `online = true`), checks every remote image URL of the post: the `src` of `<img>`
    elements, lazy-load attributes (`data-src`, `data-original`, ...), each candidate of `srcset` and
    `data-srcset` (also on `<picture>` sources), and Markdown images. Each distinct URL of the run is
    requested once (HEAD first, at most a few KB of the body), and the finding is placed on the attribute
    or Markdown image that holds it. Broken means the server said so: 404, 410, a redirect loop, a host that
    does not exist, or a soft 404 (an HTML page where an image should be). What could not be verified
    (time-outs, 5xx after retries, 429, bot walls, TLS trouble, addresses the SSRF policy refuses) is
    reported as `info` with the reason, so CI does not fail because a CDN had a bad minute. Without
    `--online` this rule does nothing.

    ## Why is this bad?
    Hotlinked images on an outlet's CDN are what breaks first in an archive of imported posts: readers see
    a broken-image icon, and nothing in the markup says so.

    ## Options
    - `report-unverifiable` (bool, default true): also report images that could not be verified, as info.
    """

    code = "PL309"
    name = "image-url-broken"
    honours_proofer_ignore = True
    severity = Severity.ERROR
    Options = Options

    def urls(self, post: Post, context: Context) -> Iterator[UrlUse]:
        html = post.html
        text = post.text or ""
        for element in html.iter("img", "source"):
            seen: set[str] = set()
            names = ("src", *LAZY_SRC_ATTRIBUTES, "srcset") if element.tag == "img" else ("srcset", "data-srcset")
            for name in names:
                attribute = html.attribute(element, name)
                if attribute is None or not attribute.value:
                    continue
                if "srcset" in name:
                    for candidate in _srcset_urls(attribute.value):
                        url = checkable_url(candidate)
                        if url and url not in seen:
                            seen.add(url)
                            start, end = _ends(text, attribute.start, attribute.end, candidate)
                            yield UrlUse(url, start, end, f"{name} candidate", "image")
                    continue
                url = checkable_url(attribute.value)
                if url and url not in seen:
                    seen.add(url)
                    yield UrlUse(url, attribute.start, attribute.end, f"{element.tag} {name}", "image")
        for image in post.markdown.images:
            url = checkable_url(image.src)
            if url:
                yield UrlUse(url, image.start, image.end, "Markdown image", "image")

    def judge(self, use: UrlUse, result: UrlResult) -> Judgement | None:
        shown = use.url[:150]
        if result.verdict == OK:
            if result.body_kind == "html":
                kind = (result.content_type or "HTML").split(";")[0].strip()[:40]
                return Judgement(f"image ({use.what}) '{shown}' serves a page ({kind}), not an image: a soft 404", True)
            return None
        if result.verdict == BROKEN:
            return Judgement(f"image ({use.what}) '{shown}' is broken: {result.reason}", True)
        if not self.options.report_unverifiable:
            return None
        return Judgement(f"image ({use.what}) '{shown}' could not be verified: {result.reason}", False)
