"""PL503 ad-embed."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, Severity
from postlint.helpers import PackChoice, host_matches, url_host


class AdEmbedOptions(PackChoice):
    #: More ad or analytics hosts (a host also matches its subdomains).
    extra_hosts: tuple[str, ...] = ()


class AdEmbed(Rule[AdEmbedOptions]):
    """A `<script>` or `<iframe>` loads from a known ad or analytics host.

    ## What it does
    Reports `<script>`, `<iframe>`, `<embed>` and `<object>` elements whose URL's host (or a parent
    domain) is listed by an ad or tracker pack in `rules/adpacks/` (DoubleClick, Google syndication,
    Taboola, Outbrain, Innity, Google Analytics, Scorecard Research, ...).

    ## Why is this bad?
    An imported post that loads the source site's ad or analytics code shows other people's ads on your
    site and reports your readers to third parties, usually without a consent banner.

    ## Options
    - `extra-hosts` (list of strings): more hosts to treat as ad or analytics hosts.
    - `packs`, `disable-packs` (lists of pack names), `extra-packs` (your own packs, as for `ad-remnant`):
      which packs list the hosts (default: every shipped ad and tracker pack).
    """

    code = "PL503"
    name = "ad-embed"
    severity = Severity.ERROR
    Options = AdEmbedOptions

    def __init__(self, options: AdEmbedOptions | None = None) -> None:
        super().__init__(options)
        hosts = self.options.pack_hosts(__package__ or "postlint_rules", "ad", "tracker")
        self.hosts = tuple(sorted({*hosts, *self.options.extra_hosts}))

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for element in html.iter("script", "iframe", "embed", "object"):
            url = element.get("src") or element.get("data") or ""
            host = url_host(url)
            if host and host_matches(host, self.hosts):
                start, end = html.start_tag(element)
                yield Problem(f"<{element.tag}> loads from ad/analytics host {host}", start, end)
