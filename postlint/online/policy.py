"""Which URLs and addresses postlint may connect to (SSRF protection), and which URLs a run checks at all.

Posts are written by strangers and CI runners sit inside networks, so by default postlint connects only to
global unicast addresses: never to loopback, private (RFC 1918, ULA), link-local (cloud metadata at
169.254.169.254), multicast, unspecified, shared (CGNAT) or reserved ones. The check is made on the address
that is actually connected to, after name resolution (see :mod:`postlint.online.checker`), and again on
every redirect hop. Only ``http`` and ``https`` are ever requested.
"""

from __future__ import annotations

import ipaddress
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from postlint.knowledge.urls import browser_host, browser_url

ALLOWED_SCHEMES = ("http", "https")


def address_refusal(address: str) -> str | None:
    """Why connecting to ``address`` (an IP address as text) is refused, or ``None`` when it is global."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address wrapped in IPv6 (::ffff:10.0.0.1, 2002:0a00:0001::/48) is judged as itself.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is not None:
            return address_refusal(str(inner))
        if ip.teredo is not None:
            return "a Teredo tunnel address"
        if ip.is_site_local:  # fec0::/10: deprecated, yet still routed inside some networks; ipaddress calls it global
            return "a site-local address"
    if ip.is_unspecified:
        return "the unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        note = " (cloud metadata)" if str(ip) in ("169.254.169.254", "fd00:ec2::254") else ""
        return f"a link-local address{note}"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "not a global address"
    return None


def url_refusal(url: str, allow_private: bool) -> str | None:
    """Why ``url`` is not requested at all: a scheme other than http(s), no host, or a refused IP literal
    (names are checked after resolution, on the address connected to). The URL is read as a browser reads it
    (:func:`postlint.knowledge.urls.browser_url`: ``http://127.0.0.1\\@evil.example/`` is host 127.0.0.1), and
    the hosts urllib and the HTTP client read in it are judged too."""
    href = browser_url(url)
    if href is None:
        return "cannot be parsed (a browser would load nothing)"
    try:
        parts = urlsplit(href)
        host = parts.hostname
        parts.port  # noqa: B018 - raises for a bad port
    except ValueError as error:
        return f"cannot be parsed ({error})"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"'{parts.scheme}:' URLs are never requested (only http and https)"
    if not host:
        return "has no host"
    if allow_private:
        return None
    try:
        spelled = urlsplit(url).hostname
    except ValueError:
        spelled = None
    # The client (aiohttp, through yarl) normalises the host itself: IDNA turns full-width digits
    # (``①②⑦.0.0.1``) into an IP literal, which it then connects to without asking the resolver. So the
    # host judged is the browser's, and also the one the client would use and the one urllib reads.
    for candidate in dict.fromkeys((host, _client_host(href), spelled, _client_host(url))):
        if not candidate:
            continue
        try:
            ipaddress.ip_address(candidate.split("%", 1)[0])
        except ValueError:
            continue  # a name: checked once resolved
        why = address_refusal(candidate)
        if why:
            return f"{candidate} is {why}"
    return None


def _client_host(url: str) -> str | None:
    """The host the HTTP client connects to for ``url`` (yarl's normalised form), or ``None``."""
    import yarl

    try:
        return yarl.URL(url).host
    except (ValueError, TypeError, UnicodeError):
        return None


def _host_matches(host: str, pattern: str) -> bool:
    pattern = pattern.lower().removeprefix("www.")
    host = host.lower().removeprefix("www.")
    return fnmatchcase(host, pattern) or fnmatchcase(host, "*." + pattern)


def url_matches(url: str, pattern: str) -> bool:
    """Whether ``url`` matches a config pattern: a glob on the whole URL when the pattern holds ``/`` or
    ``:``, else a host name (with its subdomains; globs allowed)."""
    if "/" in pattern or ":" in pattern:
        href = browser_url(url)
        return fnmatchcase(url, pattern) or (href is not None and fnmatchcase(href, pattern))
    host = browser_host(url) or ""  # the host a browser loads, not the one urllib reads
    return bool(host) and _host_matches(host, pattern)


def wanted(url: str, include: list[str], exclude: list[str]) -> bool:
    """Whether a run checks ``url`` under the config's ``include`` and ``exclude`` patterns."""
    if include and not any(url_matches(url, p) for p in include):
        return False
    return not any(url_matches(url, p) for p in exclude)
