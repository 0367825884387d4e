"""URLs read as a reader's browser reads them: the WHATWG URL Standard, through ada-url.

Python's ``urllib.parse`` (and yarl, which the HTTP client uses) follow RFC 3986, and browsers do not: for
``http`` and ``https`` a browser reads ``\\`` as ``/`` (``http://127.0.0.1\\@evil.example/x.png`` is host
``127.0.0.1``, path ``/@evil.example/x.png``; urllib says host ``evil.example``), drops tabs and newlines
anywhere and control characters and spaces at the ends, reads ``0x7f.1`` and ``2130706433`` as IPv4
addresses, decodes percent-escapes in the host, and takes ``/\\evil.example/x`` or ``https:evil.example`` (on
an ``http`` page) as another host. Wherever postlint decides which host a URL names or what to fetch, it asks
these functions, and hands the HTTP client only the serialized form, which every parser reads alike.
"""

from __future__ import annotations

import ada_url

#: Stand-ins for the page's own URL when a post's URL may be relative (the page's address is unknown): a URL
#: that resolves to this host names the page's own site. Both schemes, since ``https:evil.example`` is
#: relative on an https page and another host on an http one.
_BASE_HOST = "relative.postlint.invalid"
_BASES = (f"https://{_BASE_HOST}/", f"http://{_BASE_HOST}/")


def browser_url(url: str, base: str | None = None) -> str | None:
    """``url`` (resolved against ``base``) as a browser serializes it, or ``None`` when a browser cannot
    parse it (it loads nothing)."""
    try:
        return str(ada_url.URL(url, base).href)
    except (ValueError, TypeError, UnicodeError):
        return None


def browser_host(url: str) -> str | None:
    """The lower-case host a browser loads ``url`` from, in ASCII (IDNA) form and, for IPv6, without
    brackets; ``None`` when the URL is relative to the page's own site, names no host (``mailto:``) or
    does not parse."""
    for base in _BASES:
        try:
            host = str(ada_url.URL(url, base).hostname)
        except (ValueError, TypeError, UnicodeError):
            continue
        if host and host != _BASE_HOST:
            return host[1:-1] if host.startswith("[") else host
    return None


def unicode_host(host: str) -> str:
    """``host`` with its IDNA labels (``xn--``) in Unicode, as people write domain names in config."""
    if "xn--" not in host:
        return host
    try:
        return str(ada_url.idna_to_unicode(host)) or host
    except (ValueError, TypeError, UnicodeError):
        return host
