"""PL708 html-untrusted-embed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, Severity
from postlint.helpers import PackChoice, host_matches, lazy_regex, url_host

#: Video, audio, map and social embeds that sites commonly allow.
DEFAULT_ALLOWED = (
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "w.soundcloud.com",
    "open.spotify.com",
    "platform.twitter.com",
    "embed.music.apple.com",
    "player.bilibili.com",
    "google.com",
    "datawrapper.dwcdn.net",
    "flo.uri.sh",
    "codepen.io",
    "gist.github.com",
    "archive.org",
)


class HtmlUntrustedEmbedOptions(PackChoice):
    #: Hosts whose iframes, objects and embeds are allowed (a host also matches its subdomains).
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED


class HtmlUntrustedEmbed(Rule[HtmlUntrustedEmbedOptions]):
    """An `<iframe>`, `<object>` or `<embed>` loads from a host that is not on the allow-list.

    ## What it does
    Reports embedded frames and plugins whose source host (or a parent domain) is not in
    `allowed-hosts`; frames with no `src`, or a relative one, are left alone. Ad and analytics hosts are
    left to `ad-embed`. A `data:` URL that holds a document (HTML, SVG, XML) is reported whatever the
    allow-list says: browsers run its scripts (`<iframe src="data:text/html,<script>...">`).

    ## Why is this bad?
    An embed runs the other site's page inside yours: it can track readers, show anything its owner
    decides later, or vanish and leave a blank box. Allow the few you mean to embed; the rest were copied
    along with an article.

    ## Options
    - `allowed-hosts` (list of strings): embed hosts that are fine (YouTube, Vimeo, SoundCloud, Spotify,
      Twitter, Apple Music, Bilibili, Google Maps, Datawrapper, Flourish, CodePen, GitHub Gist, Internet
      Archive by default).
    - `packs`, `disable-packs` (lists of pack names), `extra-packs` (your own packs, as for `ad-remnant`):
      which packs name the ad and analytics hosts left to `ad-embed` (default: every shipped ad and tracker pack).
    """

    code = "PL708"
    name = "html-untrusted-embed"
    severity = Severity.WARNING
    Options = HtmlUntrustedEmbedOptions

    def __init__(self, options: HtmlUntrustedEmbedOptions | None = None) -> None:
        super().__init__(options)
        self.ad_hosts = self.options.pack_hosts(__package__ or "postlint_rules", "ad", "tracker")

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for element in html.iter("iframe", "object", "embed"):
            url = (element.get("src") or element.get("data") or "").strip()
            document = _data_document(url)
            if document is not None:
                if element not in html.noscript_content:
                    start, end = html.start_tag(element)
                    yield Problem(
                        f"<{element.tag}> embeds a data: document ({document}), whose scripts run in the page",
                        start,
                        end,
                    )
                continue
            host = url_host(url)
            if host is None or host_matches(host, self.ad_hosts) or host_matches(host, self.options.allowed_hosts):
                continue
            start, end = html.start_tag(element)
            yield Problem(f"<{element.tag}> embeds {host}, which is not on the allow-list", start, end)


# A `data:` URL as browsers read one (tabs and newlines vanish, leading controls and spaces are cut), up to the
# `,` that ends its MIME type.
_DATA = lazy_regex(r"[\x00-\x20]*d[\t\n\r]*a[\t\n\r]*t[\t\n\r]*a[\t\n\r]*:([^,]*),", re.I)
#: MIME types of documents that run scripts in a frame, object or embed (any `+xml` type too).
_SCRIPTED = frozenset(("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml"))


def _data_document(url: str) -> str | None:
    """The MIME type of ``url`` when it is a ``data:`` URL holding a document that runs scripts, else ``None``
    (``data:image/png``, or a MIME type browsers cannot parse, which they read as ``text/plain``)."""
    found = _DATA.match(url)
    if found is None:
        return None
    mime = found.group(1).replace("\t", "").replace("\n", "").replace("\r", "").split(";", 1)[0].strip().lower()
    return mime if mime in _SCRIPTED or mime.endswith("+xml") else None
