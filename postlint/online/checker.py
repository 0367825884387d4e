"""Fetch each distinct URL once, politely and safely, and say whether it still loads.

Built on aiohttp: its connector takes a resolver object, and connects to exactly the addresses that
resolver returns (the TLS server name and ``Host`` stay the URL's host name). :class:`GuardedResolver`
resolves each name once, drops every address the policy refuses, and returns only the allowed ones, so the
address checked is the address connected to: no window for DNS rebinding. IP literals never reach a
resolver, so each hop's URL is checked first (:func:`postlint.online.policy.url_refusal`). Redirects are
followed by hand, so every hop passes both checks.

Semantics: HEAD first; GET when HEAD is refused or its answer is doubtful (not 2xx, or not an image where an
image is expected), reading at most :data:`SNIFF_BYTES` of the body to confirm its type; at most
:data:`MAX_REDIRECTS` redirects with loop detection; retries with exponential back-off and jitter after
time-outs, connection errors, 5xx and 429, honouring ``Retry-After``; a per-host and a global limit on
requests in flight; proxy variables (``HTTPS_PROXY``, ``NO_PROXY``...) respected. Through a proxy, the proxy
resolves and connects: postlint then checks IP literals only, so the proxy must refuse internal addresses.
"""

from __future__ import annotations

import asyncio
import dataclasses
import email.utils
import errno
import random
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from postlint.config import OnlineConfig
from postlint.knowledge.urlresults import BROKEN, OK, REFUSED, UNVERIFIABLE, UrlResult
from postlint.knowledge.urls import browser_url
from postlint.online.policy import address_refusal, url_refusal

MAX_REDIRECTS = 10
#: Body bytes read at most to confirm what a URL serves (an image's magic number, an HTML page).
SNIFF_BYTES = 8192
_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY_STATUSES = frozenset((429, 500, 502, 503, 504, 520, 521, 522, 523, 524))

#: ``lookup(host, port)`` returns the IP addresses of ``host``; raises ``socket.gaierror`` when it has none.
Lookup = Callable[[str, int], Awaitable[list[str]]]


class AddressRefused(OSError):
    """A host name resolved only to addresses the policy refuses; nothing was connected to."""

    def __init__(self, host: str, address: str, why: str) -> None:
        super().__init__(f"{host} resolves to {address}, {why}")
        self.host, self.address, self.why = host, address, why


async def system_lookup(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedResolver(AbstractResolver):
    """Resolves once, checks every address, returns only the allowed ones (aiohttp connects to those)."""

    def __init__(self, lookup: Lookup | None, allow_private: bool, trusted: Iterable[tuple[str, int]] = ()) -> None:
        self._lookup = lookup or system_lookup
        self._allow_private = allow_private
        #: Proxies named by the environment, as (host, port): the user chose them, so they may sit on a private
        #: network. The port is part of it: a post naming the proxy's host directly (NO_PROXY exempting it)
        #: must not reach the proxy machine's other services through that trust.
        self._trusted = frozenset((host.lower(), port) for host, port in trusted)

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[ResolveResult]:
        addresses = await self._lookup(host, port)
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "no address")
        allowed: list[ResolveResult] = []
        refused: tuple[str, str] | None = None
        for address in addresses:
            why = None if self._allow_private or (host.lower(), port) in self._trusted else address_refusal(address)
            if why is not None:
                refused = refused or (address, why)
                continue
            allowed.append(
                {
                    "hostname": host,
                    "host": address,
                    "port": port,
                    "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                    "proto": 0,
                    "flags": socket.AI_NUMERICHOST | getattr(socket, "AI_NUMERICSERV", 0),
                }
            )
        if not allowed:
            assert refused is not None
            raise AddressRefused(host, *refused)
        return allowed

    async def close(self) -> None:
        return None


def _host_port(url: str) -> tuple[str, int] | None:
    """A proxy URL's host and port (the scheme's default when none is given), or ``None``."""
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return None
    return (parts.hostname, port) if parts.hostname else None


def sniff(data: bytes, content_type: str | None) -> str:
    """What the first bytes of a body are: ``image``, ``html`` or ``other``."""
    head = data[:32]
    if (
        head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*"))
        or head.startswith((b"\x00\x00\x01\x00", b"\xff\x0a", b"\x00\x00\x00\x0cJXL "))
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        or head[4:8] == b"ftyp"  # AVIF, HEIC
    ):
        return "image"
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in text):
        return "image"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")) or b"<html" in text[:512]:
        return "html"
    if not data and content_type:
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind.startswith("image/"):
            return "image"
        if kind in ("text/html", "application/xhtml+xml"):
            return "html"
    return "other"


def _clean(text: str | None, limit: int = 200) -> str | None:
    """A server-chosen string (a header, a redirect target) made safe to show: no control characters."""
    if text is None:
        return None
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text[:limit])


def _phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class _Answer:
    status: int
    location: str | None = None
    content_type: str | None = None
    retry_after: str | None = None
    body_kind: str | None = None
    bytes_read: int = 0


def _answer_of(response: Any) -> _Answer:
    """What a HEAD or GET response says about the URL, before any body is read."""
    headers = response.headers
    return _Answer(response.status, headers.get("Location"), headers.get("Content-Type"), headers.get("Retry-After"))


class _Failure(Exception):
    def __init__(self, verdict: str, reason: str, retry: bool = False) -> None:
        super().__init__(reason)
        self.verdict, self.reason, self.retry = verdict, reason, retry


def _chain(error: BaseException) -> Iterable[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        os_error = getattr(current, "os_error", None)
        current = current.__cause__ or current.__context__ or (os_error if isinstance(os_error, OSError) else None)


def _failure(error: BaseException, timeout: float) -> _Failure:
    """What a client error means for a URL: broken (the host does not exist), refused or unverifiable."""
    for cause in _chain(error):
        if isinstance(cause, AddressRefused):
            return _Failure(REFUSED, f"not requested: {cause}")
        if isinstance(cause, socket.gaierror):
            if cause.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
                return _Failure(BROKEN, "host does not exist")
            return _Failure(UNVERIFIABLE, "DNS lookup failed", retry=True)
        if isinstance(cause, (ssl.SSLError, ssl.CertificateError, aiohttp.ClientSSLError)):
            return _Failure(UNVERIFIABLE, f"TLS error ({type(cause).__name__})")
    if isinstance(error, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
        return _Failure(UNVERIFIABLE, f"timed out after {timeout:g} s", retry=True)
    if isinstance(error, aiohttp.ClientConnectorError):
        refused = any(getattr(c, "errno", None) == errno.ECONNREFUSED for c in _chain(error))
        return _Failure(UNVERIFIABLE, "connection refused" if refused else "cannot connect", retry=True)
    if isinstance(error, aiohttp.InvalidURL):
        return _Failure(REFUSED, "not requested: the URL is not valid")
    return _Failure(UNVERIFIABLE, f"connection failed ({type(error).__name__})", retry=True)


class Checker:
    """Checks URLs with one HTTP session; create it inside the event loop that runs :meth:`check_all`."""

    def __init__(
        self,
        settings: OnlineConfig,
        user_agent: str,
        lookup: Lookup | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.settings = settings
        self.user_agent = user_agent
        self.lookup = lookup
        self.progress = progress
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._global = asyncio.Semaphore(settings.max_concurrency)
        self._session: aiohttp.ClientSession | None = None
        self._random = random.Random()
        self._proxies: dict[str, str] = {}
        self._proxy_for: dict[tuple[str, str], str | None] = {}

    def _proxy(self, url: str) -> str | None:
        """The proxy for ``url`` from ``HTTP_PROXY`` / ``HTTPS_PROXY``, unless ``NO_PROXY`` exempts its host."""
        import urllib.request

        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        if key not in self._proxy_for:
            proxy = self._proxies.get(parts.scheme)
            bypass = getattr(urllib.request, "proxy_bypass_environment", None)
            if proxy and "no" in self._proxies and bypass is not None and bypass(parts.netloc, self._proxies):
                proxy = None
            self._proxy_for[key] = proxy or None
        return self._proxy_for[key]

    async def check_all(self, urls: dict[str, str]) -> dict[str, UrlResult]:
        """Check every URL (``url -> probe``, the probe being ``image`` or ``page``); one result each."""
        import urllib.request

        self._proxies = {k: v for k, v in urllib.request.getproxies().items() if k in ("http", "https", "no")}
        proxy_hosts = [_host_port(v) for k, v in self._proxies.items() if k != "no"]
        connector = aiohttp.TCPConnector(
            limit=self.settings.max_concurrency,
            limit_per_host=self.settings.max_concurrency_per_host,
            resolver=GuardedResolver(
                self.lookup, self.settings.allow_private_addresses, [h for h in proxy_hosts if h is not None]
            ),
            ttl_dns_cache=300,
        )
        timeout = aiohttp.ClientTimeout(
            total=self.settings.timeout * 2,
            connect=self.settings.timeout,
            sock_connect=self.settings.timeout,
            sock_read=self.settings.timeout,
        )
        headers = {"User-Agent": self.user_agent, "Accept": "*/*", "Accept-Encoding": "identity"}
        results: dict[str, UrlResult] = {}
        total = len(urls)
        async with aiohttp.ClientSession(
            connector=connector,
            timeout=timeout,
            headers=headers,
            # Proxy variables are read once, here (see _proxy), not per request; and ~/.netrc credentials
            # are never sent to hosts that strangers' posts name.
            trust_env=False,
            auto_decompress=False,
            cookie_jar=aiohttp.DummyCookieJar(),
        ) as session:
            self._session = session

            budget = self.budget()

            async def one(url: str, probe: str) -> None:
                try:
                    try:
                        result = await asyncio.wait_for(self.check(url, probe), budget)
                    except asyncio.TimeoutError:
                        reason = f"gave up after {budget:g} s (redirects, retries and waits)"
                        result = UrlResult(url, UNVERIFIABLE, reason)
                    if result.verdict == BROKEN and probe == "page" and self.settings.archive_suggestions:
                        archived = await self.archived_copy(url, self.settings.archive_api)
                        if archived:
                            result = dataclasses.replace(result, archived=archived, requests=result.requests + 1)
                    results[url] = result
                except Exception as error:  # never let one URL stop the run
                    results[url] = UrlResult(url, UNVERIFIABLE, f"check failed ({type(error).__name__})")
                if self.progress is not None:
                    self.progress(len(results), total)

            await asyncio.gather(*(one(url, probe) for url, probe in urls.items()))
        self._session = None
        return results

    def budget(self) -> float:
        """Seconds one URL may take in all: the worst one hop may cost (every attempt a HEAD and a GET that each
        run to the total time-out, every ``Retry-After`` or back-off waited for). Each hop of a redirect chain
        may stay within the limits, so without a bound for the whole a tarpit server held one URL (and the CI
        job) for :data:`MAX_REDIRECTS` times that."""
        settings = self.settings
        attempts = settings.retries + 1
        backoff = settings.retry_backoff
        waits = sum(max(settings.max_retry_after, backoff * (2.0**n + 1)) for n in range(settings.retries))
        return attempts * 2 * (2 * settings.timeout) + waits

    async def check(self, url: str, probe: str) -> UrlResult:
        """Follow ``url`` through at most :data:`MAX_REDIRECTS` redirects and judge the answer."""
        allow_private = self.settings.allow_private_addresses
        # The URL a browser loads (WHATWG), serialized so that the client reads the same host; a URL no browser
        # can parse stays as written and url_refusal refuses it.
        current = first = browser_url(url) or url
        visited = {current}
        requests = 0
        for _hop in range(MAX_REDIRECTS + 1):
            why = url_refusal(current, allow_private)
            if why is not None:
                after = "" if current == first else f", after a redirect to {_clean(current)}"
                return UrlResult(
                    url, REFUSED, f"not requested: {why}{after}", final_url=_clean(current, 2000), requests=requests
                )
            try:
                answer, made = await self._with_retries(current, probe)
            except _Failure as failure:
                reason = (
                    failure.reason if current == first else f"{failure.reason}, after a redirect to {_clean(current)}"
                )
                return UrlResult(url, failure.verdict, reason, final_url=_clean(current, 2000), requests=requests)
            requests += made
            if answer.status in _REDIRECTS and answer.location:
                # Resolved as a browser follows it (`Location: /\\10.0.0.1/` is another host to a browser).
                location = answer.location.strip()
                target = browser_url(location, current) or urljoin(current, location)
                if target in visited:
                    return UrlResult(
                        url, BROKEN, "redirect loop", answer.status, final_url=_clean(target, 2000), requests=requests
                    )
                visited.add(target)
                current = target
                continue
            return self._judge(url, current, answer, requests)
        return UrlResult(
            url, BROKEN, f"more than {MAX_REDIRECTS} redirects", final_url=_clean(current, 2000), requests=requests
        )

    def _judge(self, url: str, final: str, answer: _Answer, requests: int) -> UrlResult:
        status = answer.status
        if 200 <= status < 300:
            verdict, reason = OK, _phrase(status)
        elif status in (404, 410):
            verdict, reason = BROKEN, _phrase(status)
        elif status == 429:
            verdict, reason = UNVERIFIABLE, f"{_phrase(status)} (rate-limited)"
        elif status in (401, 403, 407, 451):
            verdict, reason = UNVERIFIABLE, f"{_phrase(status)} (access denied, perhaps a bot wall)"
        elif status >= 500:
            verdict, reason = UNVERIFIABLE, f"{_phrase(status)} (server error)"
        else:
            verdict, reason = UNVERIFIABLE, _phrase(status)
        if verdict == UNVERIFIABLE and requests > 1 and status in _RETRY_STATUSES:
            reason += f" after {requests} requests"
        return UrlResult(
            url,
            verdict,
            reason,
            status,
            _clean(answer.content_type, 100),
            answer.body_kind,
            _clean(final, 2000),
            answer.bytes_read,
            requests,
        )

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        semaphore = self._hosts.get(key)
        if semaphore is None:
            semaphore = self._hosts[key] = asyncio.Semaphore(self.settings.max_concurrency_per_host)
        return semaphore

    async def _with_retries(self, url: str, probe: str) -> tuple[_Answer, int]:
        """One hop, retried after time-outs, connection errors, 5xx and 429 (waiting as ``Retry-After`` asks)."""
        settings = self.settings
        made = 0
        attempts = settings.retries + 1
        for attempt in range(attempts):
            wait: float | None = None
            try:
                async with self._host_limit(url), self._global:
                    answer, count = await self._request(url, probe)
                made += count
            except _Failure:
                raise
            except Exception as error:
                made += 1
                failure = _failure(error, settings.timeout)
                if not failure.retry or attempt == attempts - 1:
                    if failure.retry and attempts > 1:
                        failure.reason += f" ({attempts} attempts)"
                    raise failure from None
            else:
                if answer.status not in _RETRY_STATUSES or attempt == attempts - 1:
                    return answer, made
                asked = _retry_after(answer.retry_after)
                if asked is not None:
                    if asked > settings.max_retry_after:
                        return answer, made  # judged as it stands: rate-limited, unverifiable
                    wait = asked
            if wait is None:
                base = settings.retry_backoff * (2**attempt)
                wait = base + self._random.uniform(0, settings.retry_backoff)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _request(self, url: str, probe: str) -> tuple[_Answer, int]:
        """HEAD, then GET when HEAD's answer is refused or doubtful; returns the answer used and the count."""
        session = self._session
        assert session is not None
        async with session.head(url, allow_redirects=False, proxy=self._proxy(url)) as response:
            head = _answer_of(response)
        if head.status in _REDIRECTS or head.status == 429:
            return head, 1
        if 200 <= head.status < 300 and (
            probe != "image" or (head.content_type or "").lower().lstrip().startswith("image/")
        ):
            return head, 1
        return await self._get(url, probe), 2

    async def _get(self, url: str, probe: str) -> _Answer:
        session = self._session
        assert session is not None
        async with session.get(url, allow_redirects=False, proxy=self._proxy(url)) as response:
            answer = _answer_of(response)
            if probe == "image" and 200 <= response.status < 300:
                data = bytearray()
                while len(data) < SNIFF_BYTES:
                    chunk = await response.content.read(SNIFF_BYTES - len(data))
                    if not chunk:
                        break
                    data += chunk
                answer.bytes_read = len(data)
                answer.body_kind = sniff(bytes(data), answer.content_type)
            # Whatever is left unread (a 200 MB image) is never downloaded: the connection is dropped.
            response.close()
        return answer

    async def archived_copy(self, url: str, api: str) -> str | None:
        """The closest archived copy of ``url`` from a Wayback-style availability API, or ``None``."""
        import json
        from urllib.parse import urlencode

        session = self._session
        assert session is not None
        target = f"{api}{'&' if '?' in api else '?'}{urlencode({'url': url})}"
        if url_refusal(target, self.settings.allow_private_addresses) is not None:
            return None
        try:
            async with (
                self._host_limit(target),
                self._global,
                session.get(target, allow_redirects=False, proxy=self._proxy(target)) as response,
            ):
                if response.status != 200:
                    return None
                raw = await response.content.read(65536)
            document: Any = json.loads(raw.decode("utf-8", "replace"))
            closest = document["archived_snapshots"]["closest"]
            snapshot = str(closest["url"])
        except Exception:
            return None
        if not closest.get("available", True) or not snapshot.startswith(("http://", "https://")):
            return None
        return snapshot if len(snapshot) < 2000 and all(c.isprintable() and not c.isspace() for c in snapshot) else None
