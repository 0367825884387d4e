"""What checking one URL found: the facts an online rule judges (no I/O, no HTTP client imported here)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The server said the URL is gone (404, 410, a redirect loop, a host that does not exist).
BROKEN = "broken"
#: The URL answered (2xx after at most 10 redirects).
OK = "ok"
#: Could not tell: time-outs, 5xx after retries, 429 or a bot wall, TLS trouble, a refused connection.
UNVERIFIABLE = "unverifiable"
#: Not requested: the address or scheme is not allowed (SSRF protection), or too many redirects led there.
REFUSED = "refused"


@dataclass(frozen=True)
class UrlResult:
    """The outcome of checking one URL.

    ``body_kind`` is what the first bytes of the answer look like (``image``, ``html`` or ``other``; ``None``
    when no byte was read because the headers said enough), so a rule can tell a soft 404 (an HTML page where
    an image should be) from an image.
    """

    url: str
    verdict: str
    #: A short reason for people: "404 Not Found", "redirect loop", "timed out (3 attempts)".
    reason: str = ""
    status: int | None = None
    content_type: str | None = None
    body_kind: str | None = None
    final_url: str | None = None
    #: How many body bytes were read (never the whole of a large image).
    bytes_read: int = 0
    #: How many HTTP requests this check made (0 when the answer came from the cache).
    requests: int = 0
    #: An archived copy (Wayback Machine) when asked for and found.
    archived: str | None = None
    from_cache: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def host(self) -> str:
        from urllib.parse import urlsplit

        try:
            return urlsplit(self.url).hostname or "?"
        except ValueError:
            return "?"
