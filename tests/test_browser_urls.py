"""URLs read as a reader's browser reads them (WHATWG), wherever postlint decides a host or what to fetch.

No test contacts a real host: names resolve through an injected lookup that knows no name at all (so none is
mapped to a public address), servers listen on 127.0.0.1, and every socket connect of the process is recorded.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from online_servers import record_connections

from postlint.config import OnlineConfig
from postlint.helpers import checkable_url, url_host
from postlint.knowledge.urlresults import REFUSED
from postlint.knowledge.urls import browser_host, browser_url
from postlint.online.policy import url_matches, url_refusal
from postlint.online.run import check_urls
from tests.conftest import LintText, codes

looked_up: list[str] = []


async def lookup(host: str, port: int) -> list[str]:
    looked_up.append(host)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every address a socket of this process connects to; anything but loopback fails the test."""
    looked_up.clear()
    return record_connections(monkeypatch)


@contextmanager
def redirecting(location: str) -> Iterator[tuple[int, list[str]]]:
    """A server on 127.0.0.1 that answers every request with a 302 to ``location``; yields its port and the
    paths it was asked for."""
    paths: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self) -> None:
            paths.append(self.path)
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_HEAD = do_GET = _answer

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], paths
    finally:
        server.shutdown()
        server.server_close()


def settings(**overrides: Any) -> OnlineConfig:
    values: dict[str, Any] = {"allow_private_addresses": False, "timeout": 2.0, "retries": 0, "retry_backoff": 0.01}
    values.update(overrides)
    return OnlineConfig(**values)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://127.0.0.1\\@evil.example/x.png", "127.0.0.1"),  # `\` is `/` in http(s) URLs
        ("https://evil.example\\@trusted.example/", "evil.example"),
        ("http://ev\til.exa\nmple/x", "evil.example"),  # tabs and newlines are dropped
        ("\x01 http://evil.example/ ", "evil.example"),  # controls and spaces at the ends too
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://2130706433/", "127.0.0.1"),
        ("http://%31%32%37.0.0.1/", "127.0.0.1"),
        ("http://EVIL.Example./", "evil.example."),
        ("//evil.example/x", "evil.example"),
        ("\\\\evil.example\\x", "evil.example"),  # protocol-relative, with backslashes
        ("/\\evil.example/x", "evil.example"),
        ("https:evil.example/x", "evil.example"),  # another host on an http page
        ("http://[::1]/", "::1"),
        ("/local/x.png", None),  # the page's own site
        ("x.png", None),
        ("mailto:a@evil.example", None),
        ("http://exa mple.com/", None),  # no browser loads it
    ],
)
def test_browser_host(url: str, host: str | None) -> None:
    assert browser_host(url) == host


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("http://127.0.0.1\\@evil.example/x.png", "http://127.0.0.1/@evil.example/x.png"),
        ("https://img.example/a\tb.png#frag", "https://img.example/ab.png"),
        ("//img.example/x.png", "https://img.example/x.png"),
        ("\\\\img.example\\x.png", "https://img.example/x.png"),
        ("HTTPS://IMG.example:443/x.png", "https://img.example/x.png"),
        ("https://img.example/{{ page.image }}", None),  # a template, not a URL
        ("/images/x.png", None),
        ("https:x.png", None),  # relative on an https page
        ("http://localhost/x.png", None),
        ("javascript:alert(1)", None),
    ],
)
def test_checkable_url_is_what_the_browser_loads(value: str, url: str | None) -> None:
    assert checkable_url(value) == url


def test_the_issue_case_is_judged_on_the_browsers_host(connects: list[Any]) -> None:
    """urllib reads host evil.example; a browser loads 127.0.0.1. Neither is looked up nor connected to."""
    url = "http://127.0.0.1\\@evil.example/x.png"
    assert url_refusal(url, allow_private=False) == "127.0.0.1 is a loopback address"
    result = check_urls({url: "image"}, settings(), lookup=lookup).results[url]
    assert result.verdict == REFUSED
    assert result.reason == "not requested: 127.0.0.1 is a loopback address"
    assert looked_up == [] and connects == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5\\@public.example/",
        "http://169.254.169.254\\@public.example/latest/",
        "http://0x7f.0.0.1/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://2130706433/",
        "http://%31%32%37.0.0.1/",
        "http://127.0.0.1\t/",
        "http:/\\127.0.0.1/",
        "http:127.0.0.1/",
        "http://[::ffff:7f00:1]/",
    ],
)
def test_internal_hosts_in_browser_spellings_are_never_contacted(url: str, connects: list[Any]) -> None:
    with redirecting("http://127.0.0.1/") as (_port, paths):
        result = check_urls({url: "page"}, settings(), lookup=lookup).results[url]
        assert result.verdict == REFUSED, result
        assert looked_up == [] and connects == [] and paths == []


def test_a_redirect_is_followed_as_a_browser_follows_it(monkeypatch: pytest.MonkeyPatch, connects: list[Any]) -> None:
    """``Location: /\\10.0.0.5/admin`` is host 10.0.0.5 to a browser (urljoin keeps it on the same server)."""
    import postlint.online.checker as checker
    import postlint.online.policy as policy

    strict = policy.address_refusal

    def loopback_allowed(address: str) -> str | None:
        return None if address == "127.0.0.1" else strict(address)

    monkeypatch.setattr(policy, "address_refusal", loopback_allowed)
    monkeypatch.setattr(checker, "address_refusal", loopback_allowed)
    with redirecting("/\\10.0.0.5/admin") as (port, paths):
        url = f"http://127.0.0.1:{port}/start"
        result = check_urls({url: "page"}, settings(), lookup=lookup).results[url]
    assert result.verdict == REFUSED
    assert result.reason == "not requested: 10.0.0.5 is a private address, after a redirect to http://10.0.0.5/admin"
    assert paths == ["/start"]
    assert {address[0] for address in connects} == {"127.0.0.1"}


def test_include_and_exclude_match_the_browsers_host() -> None:
    url = "http://trusted.example\\@evil.example/x"
    assert url_matches(url, "trusted.example")
    assert not url_matches(url, "evil.example")
    assert url_matches(url, "http://trusted.example/*")  # a glob matches the serialized URL too


def test_url_host_is_the_browsers(lint_text: LintText) -> None:
    assert url_host("https://evil.example\\@www.youtube.com/embed/x") == "evil.example"
    assert url_host("https://www.youtube.com/embed/x") == "youtube.com"
    assert url_host("https://xn--bcher-kva.example/") == "bücher.example"
    post = (
        "---\ntitle: t\n---\n"
        '<iframe src="https://evil.example\\@www.youtube.com/embed/x"></iframe>\n'
        '<iframe src="/\\evil.example/embed"></iframe>\n'
        '<iframe src="https://www.youtube.com/embed/x"></iframe>\n'
    )
    assert [c for c in codes(lint_text(post)) if c[0] == "PL708"] == [("PL708", 4, 1), ("PL708", 5, 1)]


def test_browser_url_never_raises() -> None:
    for value in ("http://\ud800/", "http://a\x00b/", "", "http://h:99999/", "\\\\", "http://[::1/"):
        assert browser_url(value) is None or isinstance(browser_url(value), str)
