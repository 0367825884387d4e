"""Real HTTP servers on 127.0.0.1 for the online tests: each path is one behaviour a CDN or outlet shows.

Nothing here reaches beyond the loopback interface.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><head><title>Page not found</title></head><body>Sorry.</body></html>"
HUGE = 200 * 1024 * 1024


class Recorder:
    """What the server saw: every request, counts per path, bytes written for the huge image, concurrency."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, dict[str, str], float]] = []
        self.hits: Counter[str] = Counter()
        self.huge_bytes_sent = 0
        self.in_flight = 0
        self.max_in_flight = 0

    def count(self, path: str) -> int:
        with self.lock:
            return self.hits[path]


def _handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _send(self, status: int, body: bytes = b"", head: bool = False, **headers: str) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head and body:
                self.wfile.write(body)

        def _serve(self, head: bool) -> None:
            path = urlsplit(self.path).path if not self.path.startswith("http") else self.path
            with recorder.lock:
                recorder.requests.append((self.command, self.path, dict(self.headers.items()), time.monotonic()))
                recorder.hits[f"{self.command} {path}"] += 1
                seen = recorder.hits[f"{self.command} {path}"]
                recorder.in_flight += 1
                recorder.max_in_flight = max(recorder.max_in_flight, recorder.in_flight)
            try:
                self._route(path, head, seen)
            finally:
                with recorder.lock:
                    recorder.in_flight -= 1

        def _route(self, path: str, head: bool, seen: int) -> None:
            if path.startswith("http://"):  # we are the proxy: answer for the origin
                self._send(200, PNG, head, Content_Type="image/png", X_Served_By="proxy")
            elif path in ("/ok.png", "/many") or path.startswith("/many/"):
                if path.startswith("/many/"):
                    time.sleep(0.02)
                self._send(200, PNG, head, Content_Type="image/png")
            elif path == "/untyped.jpg":  # no image type in the headers: confirmed from the first bytes
                self._send(200, JPEG, head, Content_Type="application/octet-stream")
            elif path == "/page":
                self._send(200, HTML, head, Content_Type="text/html; charset=utf-8")
            elif path == "/gone.png":
                self._send(404, b"not found", head, Content_Type="text/plain")
            elif path == "/removed.png":
                self._send(410, b"gone", head, Content_Type="text/plain")
            elif path == "/soft.jpg":
                self._send(200, HTML, head, Content_Type="text/html")
            elif path.startswith("/chain/"):
                step = int(path.rsplit("/", 1)[1])
                target = "/ok.png" if step >= 3 else f"/chain/{step + 1}"
                self._send(302, b"", head, Location=target)
            elif path.startswith("/tarpit/"):  # each hop: busy (Retry-After: 1) until the third attempt, then on
                step = int(path.rsplit("/", 1)[1])
                if recorder.count(f"HEAD {path}") < 3:
                    self._send(503, b"busy", head, Content_Type="text/plain", Retry_After="1")
                else:
                    self._send(302, b"", head, Location=f"/tarpit/{step + 1}")
            elif path.startswith("/long/"):
                step = int(path.rsplit("/", 1)[1])
                self._send(301, b"", head, Location=f"/long/{step + 1}")
            elif path == "/loop-a":
                self._send(302, b"", head, Location="/loop-b")
            elif path == "/loop-b":
                self._send(302, b"", head, Location="/loop-a")
            elif path == "/flaky.png":  # 503 twice (HEAD and GET of the first attempt), then fine
                if recorder.count("HEAD /flaky.png") < 2:
                    self._send(503, b"busy", head, Content_Type="text/plain")
                else:
                    self._send(200, PNG, head, Content_Type="image/png")
            elif path == "/always-503.png":
                self._send(503, b"busy", head, Content_Type="text/plain")
            elif path == "/limited.png":
                if seen == 1:
                    self._send(429, b"slow down", head, Content_Type="text/plain", Retry_After="1")
                else:
                    self._send(200, PNG, head, Content_Type="image/png")
            elif path == "/nohead.png":
                if head:
                    self._send(405, b"", head, Allow="GET")
                else:
                    self._send(200, PNG, head, Content_Type="image/png")
            elif path == "/huge.jpg":
                self._huge(head)
            elif path == "/to-metadata":
                self._send(302, b"", head, Location="http://metadata.test/latest/meta-data/")
            elif path == "/to-private-ip":
                self._send(302, b"", head, Location="http://10.0.0.5/admin")
            elif path == "/evil-redirect":  # a hostile server: escape sequences in the header it sends
                self._send(302, b"", head, Location="http://nosuchhost.test/\x1b[31mred\x07")
            elif path == "/to-file":
                self._send(302, b"", head, Location="file:///etc/passwd")
            elif path == "/wayback/available":
                url = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
                document = {
                    "url": url,
                    "archived_snapshots": {
                        "closest": {
                            "available": True,
                            "status": "200",
                            "url": f"https://web.archive.org/web/20200101000000/{url}",
                        }
                    },
                }
                self._send(200, json.dumps(document).encode(), head, Content_Type="application/json")
            else:
                self._send(404, b"not found", head, Content_Type="text/plain")

        def _huge(self, head: bool) -> None:
            if head:  # refuse HEAD, so the checker has to GET a 200 MB body
                self._send(405, b"", head, Allow="GET")
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            chunk = JPEG + b"\x00" * (65536 - len(JPEG))
            sent = 0
            try:
                while sent < HUGE:
                    self.wfile.write(chunk)
                    sent += len(chunk)
                    with recorder.lock:
                        recorder.huge_bytes_sent = sent
            except OSError:
                pass  # the client hung up, as it should
            self.close_connection = True

    return Handler


@contextmanager
def serve() -> Iterator[tuple[int, Recorder]]:
    """A threaded HTTP/1.1 server on 127.0.0.1; yields its port and what it saw."""
    recorder = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorder))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], recorder
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel does) and never answers a byte."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def record_connections(monkeypatch: Any) -> list[Any]:
    """Every address a socket of this process connects to from now on (asyncio's connections included);
    anything but loopback fails the test that made it."""
    seen: list[Any] = []
    original = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        seen.append(address)
        host = address[0] if isinstance(address, tuple) else address
        assert host in ("127.0.0.1", "::1"), f"a test tried to connect to {address}"
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen
