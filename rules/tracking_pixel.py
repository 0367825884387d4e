"""PL504 tracking-pixel."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, Severity
from postlint.helpers import PackChoice, host_matches, removal_fix, url_host

_ONE_PIXEL_STYLE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*[01](?:px)?\s*(?=;|$)", re.I)


def _is_one_pixel(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("0", "1", "0px", "1px")


class TrackingPixelOptions(PackChoice):
    extra_hosts: tuple[str, ...] = ()


class TrackingPixel(Rule[TrackingPixelOptions]):
    """An image is a tracking pixel: 1x1 in size, or loaded from a known tracker host.

    ## What it does
    Reports `<img>` elements whose `width` and `height` attributes (or inline style) are both 0 or 1
    pixel, and images served by hosts in the tracker pack (`feeds.feedburner.com`, `pixel.wp.com`,
    `google-analytics.com`, ...).

    ## Why is this bad?
    A tracking pixel shows nothing; it exists to tell the source site or an analytics company who opened
    the page. Copied into an archive it keeps reporting your readers to them.

    ## Options
    - `extra-hosts` (list of strings): more tracker hosts.
    - `packs`, `disable-packs` (lists of pack names), `extra-packs` (your own packs, as for `ad-remnant`):
      which packs list the tracker hosts (default: every shipped tracker pack).

    A tracking pixel is reported once, by this rule: the image rules (missing alt text, insecure URL, ...) say
    nothing more about it.

    ## Fix
    Safe: removes the image (and its line, when it stood alone on it).
    """

    code = "PL504"
    name = "tracking-pixel"
    severity = Severity.WARNING
    fixable = True
    Options = TrackingPixelOptions
    # A pixel is not content: its missing alt text or plain-http URL is not a second problem.
    supersedes = (
        "image-missing-alt",
        "image-alt-is-filename",
        "image-empty-alt-on-content",
        "image-insecure-url",
        "image-url-malformed",
        "image-src-conflict",
    )

    def __init__(self, options: TrackingPixelOptions | None = None) -> None:
        super().__init__(options)
        hosts = self.options.pack_hosts(__package__ or "postlint_rules", "tracker")
        self.hosts = tuple(sorted({*hosts, *self.options.extra_hosts}))

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            style = image.get("style") or ""
            sized = {match.group(1).lower() for match in _ONE_PIXEL_STYLE.finditer(style)}
            tiny = (_is_one_pixel(image.get("width")) or "width" in sized) and (
                _is_one_pixel(image.get("height")) or "height" in sized
            )
            host = url_host(image.get("src") or "")
            tracker = host is not None and host_matches(host, self.hosts)
            if tiny or tracker:
                why = f"from tracker host {host}" if tracker else "1x1 pixel"
                start, end = html.start_tag(image)
                fix = removal_fix(post, image, "remove the tracking pixel")
                yield Problem(f"tracking pixel ({why}): it shows nothing and reports readers", start, end, fix=fix)
