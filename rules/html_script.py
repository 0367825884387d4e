"""PL705 html-script."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, Severity
from postlint.helpers import PackChoice, host_matches, url_host

#: Non-executable script types (data blocks) that carry no code.
_DATA_TYPES = frozenset(
    ("application/ld+json", "application/json", "text/template", "text/x-template", "text/html", "text/plain")
)


class HtmlScriptOptions(PackChoice):
    #: Hosts whose scripts are expected (e.g. your own embed widgets); a host also matches its subdomains.
    allowed_hosts: tuple[str, ...] = ()


class HtmlScript(Rule[HtmlScriptOptions]):
    """A `<script>` in the post body runs code on your site.

    ## What it does
    Reports `<script>` elements in the body, inline or with `src`, except JSON/LD and template data blocks
    and scripts from `allowed-hosts`. Scripts from known ad and analytics hosts are left to `ad-embed`.

    ## Why is this bad?
    Imported content that runs scripts runs *someone else's* code with your site's origin: it can read
    cookies, rewrite the page and follow readers. Embeds usually work without their script, or need one
    script in the layout, not one per post.

    ## Options
    - `allowed-hosts` (list of strings): hosts whose scripts are fine.
    - `packs`, `disable-packs` (lists of pack names), `extra-packs` (your own packs, as for `ad-remnant`):
      which packs name the ad and analytics hosts left to `ad-embed` (default: every shipped ad and tracker pack).
    """

    code = "PL705"
    name = "html-script"
    severity = Severity.ERROR
    Options = HtmlScriptOptions

    def __init__(self, options: HtmlScriptOptions | None = None) -> None:
        super().__init__(options)
        self.ad_hosts = self.options.pack_hosts(__package__ or "postlint_rules", "ad", "tracker")

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for script in html.iter("script"):
            if (script.get("type") or "").strip().lower() in _DATA_TYPES:
                continue
            src = (script.get("src") or "").strip()
            host = url_host(src) if src else None
            if host and (host_matches(host, self.ad_hosts) or host_matches(host, self.options.allowed_hosts)):
                continue
            start, end = html.start_tag(script)
            what = f"loads {src[:100]}" if src else "runs inline code"
            yield Problem(f"<script> in the post body {what}", start, end)
