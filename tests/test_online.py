"""Online checks against real HTTP servers on 127.0.0.1: what each server behaviour becomes, SSRF refusals,
politeness (one request per URL, limits, Retry-After), the result cache, and that offline runs never touch
the network. No test connects anywhere but 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import ROOT
from online_servers import HUGE, record_connections, serve, silent_port

from postlint.cli.main import main
from postlint.config import OnlineConfig, parse_config
from postlint.knowledge.urlresults import BROKEN, OK, REFUSED, UNVERIFIABLE, UrlResult
from postlint.online.run import check_urls
from postlint.online.store import ResultStore

NAMES = {
    "img.test": ["127.0.0.1"],
    "metadata.test": ["169.254.169.254"],
    "intranet.test": ["10.0.0.5"],
    "v6private.test": ["fd00::5"],
}
REFUSED_ADDRESSES = {"169.254.169.254", "10.0.0.5", "fd00::5", "0.0.0.0"}


async def lookup(host: str, port: int) -> list[str]:
    """The test resolver: fixed answers, and 'does not exist' for every other name."""
    if host in NAMES:
        return NAMES[host]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every address a socket of this process connects to (asyncio's connections included)."""
    return record_connections(monkeypatch)


def settings(**overrides: Any) -> OnlineConfig:
    values: dict[str, Any] = {"allow_private_addresses": True, "timeout": 2.0, "retries": 2, "retry_backoff": 0.01}
    values.update(overrides)
    return OnlineConfig(**values)


def check(urls: dict[str, str], config: OnlineConfig | None = None, **kwargs: Any) -> dict[str, UrlResult]:
    return check_urls(urls, config or settings(), lookup=lookup, **kwargs).results


@pytest.fixture
def server() -> Iterator[tuple[str, Any]]:
    with serve() as (port, recorder):
        yield f"http://img.test:{port}", recorder


# ---------------------------------------------------------------------------------------------- behaviours
def test_each_server_behaviour_becomes_the_right_verdict(server: tuple[str, Any], connects: list[Any]) -> None:
    base, recorder = server
    urls = {
        f"{base}/ok.png": "image",
        f"{base}/untyped.jpg": "image",
        f"{base}/page": "page",
        f"{base}/gone.png": "image",
        f"{base}/removed.png": "image",
        f"{base}/soft.jpg": "image",
        f"{base}/chain/1": "image",
        f"{base}/loop-a": "image",
        f"{base}/long/1": "page",
        f"{base}/nohead.png": "image",
        "http://nosuchhost.test/a.png": "image",
    }
    results = check(urls)
    summary = {url.replace(base, ""): (r.verdict, r.status, r.reason, r.body_kind) for url, r in results.items()}
    assert summary == {
        "/ok.png": (OK, 200, "200 OK", None),
        "/untyped.jpg": (OK, 200, "200 OK", "image"),
        "/page": (OK, 200, "200 OK", None),
        "/gone.png": (BROKEN, 404, "404 Not Found", None),
        "/removed.png": (BROKEN, 410, "410 Gone", None),
        "/soft.jpg": (OK, 200, "200 OK", "html"),
        "/chain/1": (OK, 200, "200 OK", None),
        "/loop-a": (BROKEN, 302, "redirect loop", None),
        "/long/1": (BROKEN, None, "more than 10 redirects", None),
        "/nohead.png": (OK, 200, "200 OK", "image"),
        "http://nosuchhost.test/a.png": (BROKEN, None, "host does not exist", None),
    }
    assert results[f"{base}/chain/1"].final_url == f"{base}/ok.png"
    # HEAD was enough where the headers said "image": no body was requested (two HEADs: the URL itself and
    # the end of the redirect chain).
    assert recorder.count("GET /ok.png") == 0 and recorder.count("HEAD /ok.png") == 2
    # HEAD refused with 405: one GET, of a few bytes.
    assert recorder.count("HEAD /nohead.png") == 1 and recorder.count("GET /nohead.png") == 1
    # An identifying user agent on every request.
    agents = {headers.get("User-Agent", "") for _, _, headers, _ in recorder.requests}
    assert agents and all(agent.startswith("postlint/") and "+http" in agent for agent in agents)
    assert {address[0] for address in connects} == {"127.0.0.1"}


def test_a_503_that_recovers_is_retried_and_one_that_does_not_is_unverifiable(server: tuple[str, Any]) -> None:
    base, recorder = server
    results = check({f"{base}/flaky.png": "image", f"{base}/always-503.png": "image"})
    assert results[f"{base}/flaky.png"].verdict == OK
    stuck = results[f"{base}/always-503.png"]
    assert (stuck.verdict, stuck.status) == (UNVERIFIABLE, 503)
    assert stuck.reason.startswith("503 Service Unavailable (server error) after")
    assert recorder.count("HEAD /always-503.png") == 3  # retries = 2: three attempts, then it gives up


def test_429_waits_as_long_as_retry_after_asks(server: tuple[str, Any]) -> None:
    base, recorder = server
    result = check({f"{base}/limited.png": "image"})[f"{base}/limited.png"]
    assert result.verdict == OK
    times = [at for method, path, _, at in recorder.requests if path == "/limited.png"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95  # Retry-After: 1


def test_a_longer_retry_after_than_allowed_is_not_waited_for(server: tuple[str, Any]) -> None:
    base, _ = server
    started = time.monotonic()
    result = check({f"{base}/limited.png": "image"}, settings(max_retry_after=0.5))[f"{base}/limited.png"]
    assert (result.verdict, result.status) == (UNVERIFIABLE, 429) and "rate-limited" in result.reason
    assert time.monotonic() - started < 1


def test_a_host_that_never_answers_times_out_as_unverifiable() -> None:
    with silent_port() as port:
        started = time.monotonic()
        result = check({f"http://img.test:{port}/x.png": "image"}, settings(timeout=0.3, retries=1))
        elapsed = time.monotonic() - started
    only = next(iter(result.values()))
    assert only.verdict == UNVERIFIABLE and only.reason == "timed out after 0.3 s (2 attempts)"
    assert elapsed < 3


def test_a_200_mb_image_is_never_downloaded(server: tuple[str, Any]) -> None:
    base, recorder = server
    started = time.monotonic()
    result = check({f"{base}/huge.jpg": "image"})[f"{base}/huge.jpg"]
    assert (result.verdict, result.body_kind) == (OK, "image")
    assert result.bytes_read <= 8192
    time.sleep(0.2)  # let the server notice the hang-up
    assert recorder.huge_bytes_sent < HUGE // 20  # socket buffers, not the image
    assert time.monotonic() - started < 5


def test_many_urls_at_once_each_once_within_the_per_host_limit(server: tuple[str, Any]) -> None:
    base, recorder = server
    urls = {f"{base}/many/{n}.png": "image" for n in range(300)}
    results = check(urls, settings(max_concurrency_per_host=4))
    assert len(results) == 300 and {r.verdict for r in results.values()} == {OK}
    assert recorder.max_in_flight <= 4
    assert all(recorder.count(f"HEAD /many/{n}.png") == 1 for n in range(300))
    assert not any(method == "GET" for method, _, _, _ in recorder.requests)


def test_proxy_variables_are_respected(server: tuple[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    base, recorder = server
    port = base.rsplit(":", 1)[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("NO_PROXY", "")
    # Even with the default (strict) policy: the proxy is the user's choice, and the proxy does the fetching.
    result = check({"http://far-away.test/picture.png": "image"}, settings(allow_private_addresses=False))
    assert result["http://far-away.test/picture.png"].verdict == OK
    assert [path for _, path, _, _ in recorder.requests] == ["http://far-away.test/picture.png"]


def test_archived_copy_is_suggested_only_when_asked(server: tuple[str, Any]) -> None:
    base, recorder = server
    dead = f"{base}/gone-article"
    api = base.replace("img.test", "127.0.0.1") + "/wayback/available"
    plain = check({dead: "page"})[dead]
    assert plain.verdict == BROKEN and plain.archived is None
    assert not any("/wayback/" in path for _, path, _, _ in recorder.requests)
    found = check({dead: "page"}, settings(archive_suggestions=True, archive_api=api))[dead]
    assert found.archived == f"https://web.archive.org/web/20200101000000/{dead}"


# ---------------------------------------------------------------------------------------------- SSRF
def test_refused_addresses_are_never_connected_to(connects: list[Any]) -> None:
    urls = {
        "http://metadata.test/latest/meta-data/": "page",
        "http://intranet.test/wiki": "page",
        "http://v6private.test/x.png": "image",
        "http://10.0.0.5/admin": "page",
        "http://169.254.169.254/latest/": "page",
        "http://[fd00::5]/x": "page",
        "http://0.0.0.0:80/": "page",
        "ftp://img.test/x.png": "image",
    }
    results = check(urls, settings(allow_private_addresses=False))
    assert {url: r.verdict for url, r in results.items()} == dict.fromkeys(urls, REFUSED)
    assert "169.254.169.254, a link-local address (cloud metadata)" in results[next(iter(urls))].reason
    assert "10.0.0.5, a private address" in results["http://intranet.test/wiki"].reason
    assert "only http and https" in results["ftp://img.test/x.png"].reason
    assert connects == []


def test_loopback_is_refused_by_default(server: tuple[str, Any], connects: list[Any]) -> None:
    base, recorder = server
    ip = base.replace("img.test", "127.0.0.1")
    results = check({f"{base}/ok.png": "image", f"{ip}/ok.png": "image"}, settings(allow_private_addresses=False))
    assert {r.verdict for r in results.values()} == {REFUSED}
    assert "a loopback address" in results[f"{base}/ok.png"].reason
    assert connects == [] and recorder.requests == []


def test_every_redirect_hop_is_checked(
    server: tuple[str, Any], connects: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first hop is allowed (loopback, let through for this test only); where it redirects is not."""
    import postlint.online.checker as checker
    import postlint.online.policy as policy

    strict = policy.address_refusal

    def loopback_allowed(address: str) -> str | None:
        return None if address == "127.0.0.1" else strict(address)

    monkeypatch.setattr(policy, "address_refusal", loopback_allowed)
    monkeypatch.setattr(checker, "address_refusal", loopback_allowed)
    base, recorder = server
    urls = {f"{base}/to-metadata": "page", f"{base}/to-private-ip": "page", f"{base}/to-file": "page"}
    results = check(urls, settings(allow_private_addresses=False))
    assert {url.replace(base, ""): r.verdict for url, r in results.items()} == {
        "/to-metadata": REFUSED,
        "/to-private-ip": REFUSED,
        "/to-file": REFUSED,
    }
    assert results[f"{base}/to-metadata"].reason == (
        "not requested: metadata.test resolves to 169.254.169.254, a link-local address (cloud metadata), "
        "after a redirect to http://metadata.test/latest/meta-data/"
    )
    assert results[f"{base}/to-private-ip"].reason == (
        "not requested: 10.0.0.5 is a private address, after a redirect to http://10.0.0.5/admin"
    )
    assert {address[0] for address in connects} == {"127.0.0.1"}
    assert len(recorder.requests) == 3  # one HEAD each; nothing ever went to the redirect targets


# ---------------------------------------------------------------------------------------------- cache
def test_result_cache_warm_run_makes_no_request(server: tuple[str, Any], tmp_path: Path) -> None:
    base, recorder = server
    urls = {f"{base}/ok.png": "image", f"{base}/gone.png": "image", f"{base}/always-503.png": "image"}
    store = ResultStore(tmp_path, ok_hours=168, broken_hours=24)
    first = check_urls(urls, settings(retries=0), store=store, lookup=lookup)
    assert first.requests > 0 and first.from_cache == 0
    before = len(recorder.requests)
    warm = check_urls(urls, settings(retries=0), store=store, lookup=lookup)
    # ok and broken come from the cache; the unverifiable one is asked again (never cached).
    assert warm.from_cache == 2
    assert [path for _, path, _, _ in recorder.requests[before:]] == ["/always-503.png", "/always-503.png"]
    assert warm.results[f"{base}/gone.png"].verdict == BROKEN
    refreshed = check_urls(urls, settings(retries=0), store=store, lookup=lookup, refresh=True)
    assert refreshed.from_cache == 0 and refreshed.requests >= 3


def test_broken_results_expire_sooner_than_working_ones(server: tuple[str, Any], tmp_path: Path) -> None:
    base, recorder = server
    urls = {f"{base}/ok.png": "image", f"{base}/gone.png": "image"}
    store = ResultStore(tmp_path, ok_hours=168, broken_hours=0)
    check_urls(urls, settings(), store=store, lookup=lookup)
    before = len(recorder.requests)
    again = check_urls(urls, settings(), store=store, lookup=lookup)
    assert again.from_cache == 1
    assert {path for _, path, _, _ in recorder.requests[before:]} == {"/gone.png"}


def test_a_damaged_cache_file_is_set_aside(tmp_path: Path) -> None:
    store = ResultStore(tmp_path, 1, 1)
    store.path.write_bytes(b"this is not a database" * 100)
    assert store.get_many({"https://a.example/x": "page"}) == {}
    store.put_many(
        {"https://a.example/x": UrlResult("https://a.example/x", OK, "200 OK", 200)}, {"https://a.example/x": "page"}
    )
    store.close()
    assert ResultStore(tmp_path, 1, 1).get_many({"https://a.example/x": "page"})["https://a.example/x"].status == 200


def test_config_cannot_move_the_result_cache() -> None:
    from postlint.config import ConfigError

    with pytest.raises(ConfigError, match=r"online\.cache-dir: unknown key"):
        parse_config({"online": {"cache-dir": ".forged"}}, None)


# ---------------------------------------------------------------------------------------------- CLI
POST = """---
title: Cranes
from: {base}/article
---

<img src="{base}/gone.png" alt="a" srcset="{base}/ok.png 1x, {base}/soft.jpg 2x">

![b]({base}/ok.png)
"""


def _cli(args: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "POSTLINT_CACHE_DIR": str(cache / "postlint"), "NO_PROXY": "*"}
    return subprocess.run(
        [sys.executable, "-m", "postlint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_cli_online_run_places_findings_and_jobs_do_not_change_them(tmp_path: Path) -> None:
    # The caches live beside the project, not in it: a cache key inside a project tree that is not a git
    # work tree is never trusted (it could have come with the files).
    site = tmp_path / "site"
    site.mkdir()
    with serve() as (port, recorder):
        base = f"http://127.0.0.1:{port}"
        (site / "postlint.toml").write_text("[online]\nallow-private-addresses = true\nretry-backoff = 0\n")
        posts = site / "_posts"
        posts.mkdir()
        for n in range(70):  # enough for a process pool
            (posts / f"2024-01-{n:02d}-p.md").write_text(POST.format(base=base), encoding="utf-8")
        serial = _cli(["check", "--online", "--jobs", "1", "--no-cache", "_posts"], site, tmp_path / "c1")
        requests = len(recorder.requests)
        parallel = _cli(["check", "--online", "--jobs", "2", "--no-cache", "_posts"], site, tmp_path / "c2")
        warm = _cli(["check", "--online", "--jobs", "2", "_posts"], site, tmp_path / "c2")
        warm_again = _cli(["check", "--online", "--jobs", "2", "_posts"], site, tmp_path / "c2")
        assert len(recorder.requests) == 2 * requests  # the two warm runs asked nothing
        # 70 copies of one post: source-url-duplicate (PL805) rightly reports 69 of them; not what this tests.
        offline = _cli(["check", "--ignore", "PL805", "_posts"], site, tmp_path / "c2")
    assert serial.returncode == 1, serial.stderr
    assert serial.stdout == parallel.stdout == warm.stdout == warm_again.stdout
    first = [line for line in serial.stdout.splitlines() if line.startswith("_posts/2024-01-00-p.md")]
    soft_column = POST.format(base=base).splitlines()[5].index(f"{base}/soft.jpg") + 1
    assert first == [
        f"_posts/2024-01-00-p.md:3:7: PL606 source URL in front-matter 'from' '{base}/article' is dead: "
        "404 Not Found [source-url-broken]",
        f"_posts/2024-01-00-p.md:6:6: PL309 image (img src) '{base}/gone.png' is broken: 404 Not Found "
        "[image-url-broken]",
        f"_posts/2024-01-00-p.md:6:{soft_column}: "
        f"PL309 image (srcset candidate) '{base}/soft.jpg' serves a page (text/html), not an image: a soft 404 "
        "[image-url-broken]",
    ]
    # Each distinct URL once per run, however many posts use it (4 URLs; GET only where HEAD was doubtful).
    assert requests == 7
    assert "postlint: online: 4 URLs checked" in serial.stderr and "127.0.0.1: 200 x2, 404 x2" in serial.stderr
    assert "(4 from the cache, 0 requests)" in warm_again.stderr
    assert offline.returncode == 0 and "PL309" not in offline.stdout


def test_config_errors_in_the_online_table_exit_2_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\nbody\n")
    for toml, key in (
        ("[online]\nmax-concurrency-per-host = 0\n", "online.max-concurrency-per-host"),
        ("[online]\ntimeout = 'soon'\n", "online.timeout"),
        ("[online]\nexclude = 'cdn.example'\n", "online.exclude"),
        ("online = 'yes'\n", "online"),
    ):
        (tmp_path / "postlint.toml").write_text(toml)
        result = _cli(["check", "post.md"], tmp_path, tmp_path / "cache")
        assert result.returncode == 2 and f"{key}:" in result.stderr, (toml, result.stderr)


def test_include_and_exclude_patterns(server: tuple[str, Any]) -> None:
    base, _ = server
    urls = {f"{base}/ok.png": "image", f"{base}/gone.png": "image", "https://cdn.skip.example/x.png": "image"}
    run = check_urls(urls, settings(exclude=["skip.example", "*/gone.png"]), lookup=lookup)
    assert set(run.results) == {f"{base}/ok.png"} and run.excluded == 2
    run = check_urls(urls, settings(include=["img.test"]), lookup=lookup)
    assert set(run.results) == {f"{base}/ok.png", f"{base}/gone.png"}


def test_without_online_no_socket_is_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline is the default, and --no-online (what the pre-commit hooks pass) beats `online = true`."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network use: {args}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    post = tmp_path / "post.md"
    post.write_text(POST.format(base="https://cdn.example.com"), encoding="utf-8")
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    plain = runner.invoke(main, ["check", "--no-cache", "post.md"])
    assert plain.exit_code == 0, plain.output
    (tmp_path / "postlint.toml").write_text("online = true\n")
    hooked = runner.invoke(main, ["check", "--no-cache", "--no-online", "post.md"])
    assert hooked.exit_code == 0 and "PL309" not in hooked.output, hooked.output


def test_pre_commit_hooks_never_go_online() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks and all("--no-online" in hook["entry"].split() for hook in hooks)


def test_online_cannot_be_combined_with_fix(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\nbody\n")
    result = _cli(["check", "--online", "--fix", "post.md"], tmp_path, tmp_path / "cache")
    assert result.returncode == 2 and "--online: not with --fix or --diff" in result.stderr


def test_suppressed_urls_are_not_reported_and_the_suppression_counts_as_used(tmp_path: Path) -> None:
    from conftest import make_engine

    from postlint.config import Config

    config = Config()
    config.online = OnlineConfig(enabled=True)
    text = (
        "---\ntitle: x\n---\n\n<!-- postlint-disable-next-line PL309 -->\n"
        '<img src="https://cdn.example.com/a.png" alt="a">\n<img src="https://cdn.example.com/b.png" alt="b">\n'
    )
    path = tmp_path / "post.md"
    path.write_text(text)
    engine = make_engine(config, start=tmp_path)
    result = engine.lint_file_result(path, "post.md")
    assert [(ref.url, ref.line, ref.column) for ref in result.urls] == [("https://cdn.example.com/b.png", 7, 6)]
    assert result.findings == []  # no PL901: the suppression silenced a URL
    broken = {"https://cdn.example.com/b.png": UrlResult("https://cdn.example.com/b.png", BROKEN, "404 Not Found")}
    assert [(f.code, f.line, f.column, f.severity.value) for f in engine.judge_urls(result, broken)] == [
        ("PL309", 7, 6, "error")
    ]
    unsure = {"https://cdn.example.com/b.png": UrlResult("https://cdn.example.com/b.png", UNVERIFIABLE, "timed out")}
    assert [f.severity.value for f in engine.judge_urls(result, unsure)] == ["info"]
    offline = make_engine(Config(), start=tmp_path).lint_file_result(path, "post.md")
    assert offline.urls == () and offline.findings == []  # no PL901 offline either


def test_readme_config_sample_with_the_online_table_is_valid() -> None:
    """Every key the docs (docs/configuration.md) show for [tool.postlint.online] is one the config accepts."""
    import re

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    readme = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[tool.postlint.online]" in b)
    config = parse_config(tomllib.loads(block)["tool"]["postlint"], None)
    assert config.online.exclude == ["twitter.com", "https://example.com/private/*"]
    assert config.online.model_dump() == {
        **OnlineConfig().model_dump(),
        "exclude": config.online.exclude,
        "user_agent": "mysite-linkcheck/1.0 (+https://example.com/contact)",
    }


def test_no_proxy_exempts_its_hosts(server: tuple[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    base, recorder = server
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there: using it would fail
    monkeypatch.setenv("NO_PROXY", "img.test")
    assert check({f"{base}/ok.png": "image"})[f"{base}/ok.png"].verdict == OK
    assert [path for _, path, _, _ in recorder.requests] == ["/ok.png"]


def test_what_a_hostile_server_sends_is_neutralised(server: tuple[str, Any]) -> None:
    base, _ = server
    result = check({f"{base}/evil-redirect": "page"})[f"{base}/evil-redirect"]
    assert result.verdict in (BROKEN, UNVERIFIABLE)
    assert not any(not c.isprintable() for c in result.reason), result.reason


def test_progress_and_summary_on_a_terminal(
    server: tuple[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    import postlint.cli.main as cli
    from postlint.core.results import UrlRef
    from postlint.engine.outcome import FileResult

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    base, _ = server
    ip = base.replace("img.test", "127.0.0.1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    refs = tuple(
        UrlRef("PL309", f"{ip}/{name}", "img src", "image", 0, 1, 1, 1, 1, 2, "x") for name in ("ok.png", "gone.png")
    )
    config = parse_config({"online": {"enabled": True, "allow-private-addresses": True}}, None)
    from postlint.engine.lint import Engine

    engine = Engine.from_config(config, tmp_path)
    results = cli._online_pass(config, [engine], [FileResult("post.md", [], None, refs)], False, False)
    shown = terminal.getvalue()
    assert "\rchecking URLs: 2/2" in shown
    assert "postlint: online: 2 URLs checked" in shown and "127.0.0.1: 200 x1, 404 x1" in shown
    assert [(f.code, f.severity.value) for f in results[0].findings] == [("PL309", "error")]


def test_a_name_with_a_refused_and_an_allowed_address_connects_only_to_the_allowed_one(
    server: tuple[str, Any], connects: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The address checked is the address connected to: a refused one is dropped, never tried."""
    import postlint.online.checker as checker

    strict = checker.address_refusal
    monkeypatch.setattr(checker, "address_refusal", lambda a: None if a == "127.0.0.1" else strict(a))
    monkeypatch.setitem(NAMES, "mixed.test", ["10.0.0.5", "127.0.0.1"])
    base, recorder = server
    url = base.replace("img.test", "mixed.test") + "/ok.png"
    assert check({url: "image"}, settings(allow_private_addresses=False))[url].verdict == OK
    assert {address[0] for address in connects} == {"127.0.0.1"}
    assert [headers.get("Host") for _, _, headers, _ in recorder.requests] == [f"mixed.test:{base.rsplit(':', 1)[1]}"]


# ---------------------------------------------------------------------------------------------- SSRF, attacked
@pytest.mark.parametrize(
    "host",
    [
        "2130706433",  # 127.0.0.1 as one decimal number
        "127.1",  # short dotted form
        "017700000001",  # octal
        "0177.0.0.1",  # octal first byte
        "127.000.000.001",  # zero-padded
        "0",  # 0.0.0.0, which reaches local services
        "①②⑦.0.0.1",  # full-width digits, turned into 127.0.0.1 by IDNA
        "１２７.０.０.１",
    ],
)
def test_loopback_in_another_spelling_is_refused_and_never_connected_to(host: str, connects: list[Any]) -> None:
    with serve() as (port, recorder):
        url = f"http://{host}:{port}/ok.png"
        result = check({url: "image"}, settings(allow_private_addresses=False))[url]
        assert result.verdict == REFUSED, result
        assert result.reason.startswith("not requested: ")
        assert connects == [] and recorder.requests == []


@pytest.mark.parametrize("address", ["fec0::5", "64:ff9b::a00:5", "::ffff:10.0.0.5", "2002:a00:5::1", "100.64.0.5"])
def test_internal_addresses_behind_a_name_are_refused(address: str, connects: list[Any]) -> None:
    """Deprecated site-local IPv6, NAT64 and 6to4 of private IPv4, IPv4-mapped, and shared (CGNAT) space."""

    async def lookup(host: str, port: int) -> list[str]:
        return [address]

    url = "http://inside.test/page"
    result = check_urls({url: "page"}, settings(allow_private_addresses=False), lookup=lookup).results[url]
    assert result.verdict == REFUSED
    assert result.reason.startswith(f"not requested: inside.test resolves to {address}, ")
    assert connects == []


def test_a_tarpit_cannot_hold_one_url_longer_than_its_budget(server: tuple[str, Any], connects: list[Any]) -> None:
    """Every hop of a redirect chain answers 503 with Retry-After until the last retry: each hop alone is
    within the limits, so ten of them held one URL (and the CI job) for ten times the worst single request."""
    base, recorder = server
    url = f"{base}/tarpit/0"
    config = settings(timeout=0.25, retries=2, max_retry_after=1.0)
    started = time.monotonic()
    result = check({url: "page"}, config)[url]
    elapsed = time.monotonic() - started
    budget = 3 * 2 * (2 * 0.25) + 2 * 1.0  # attempts x (HEAD + GET) x a request's total, plus two waits
    assert result.verdict == UNVERIFIABLE
    assert result.reason == f"gave up after {budget:g} s (redirects, retries and waits)"
    assert budget <= elapsed < budget + 2.0
    assert recorder.count("HEAD /tarpit/0") == 3 and recorder.count("HEAD /tarpit/9") == 0


def test_the_proxys_own_host_gets_no_exemption_from_the_policy(
    server: tuple[str, Any], connects: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proxy's name is trusted to resolve to a private address because the user chose it. A post naming
    that host directly (NO_PROXY exempting it, as ``NO_PROXY=.corp`` does) must not reach the proxy machine's
    other services through that trust."""
    base, recorder = server
    with serve() as (proxy_port, proxy):
        monkeypatch.setenv("HTTP_PROXY", f"http://img.test:{proxy_port}")  # img.test resolves to 127.0.0.1
        monkeypatch.setenv("NO_PROXY", "img.test")
        url = f"{base}/ok.png"  # the proxy's host, another port: a direct connection
        far = "http://far-away.test/picture.png"  # through the proxy, named and on a private address: fine
        results = check({url: "image", far: "image"}, settings(allow_private_addresses=False))
    assert results[url].verdict == REFUSED
    assert results[url].reason == "not requested: img.test resolves to 127.0.0.1, a loopback address"
    assert recorder.requests == []
    assert results[far].verdict == OK and [path for _, path, _, _ in proxy.requests] == [far]
    assert {address[1] for address in connects} == {proxy_port}


def test_a_result_found_with_private_addresses_allowed_never_answers_a_strict_run(
    server: tuple[str, Any], tmp_path: Path
) -> None:
    base, recorder = server
    urls = {f"{base}/ok.png": "image"}
    intranet = ResultStore(tmp_path, ok_hours=168, broken_hours=24, private_allowed=True)
    assert check_urls(urls, settings(), store=intranet, lookup=lookup).results[f"{base}/ok.png"].verdict == OK
    intranet.close()
    before = len(recorder.requests)
    strict = ResultStore(tmp_path, ok_hours=168, broken_hours=24)
    again = check_urls(urls, settings(allow_private_addresses=False), store=strict, lookup=lookup)
    # The loopback server is refused, not served from the intranet run's "ok", and no request reached it.
    assert again.from_cache == 0 and again.results[f"{base}/ok.png"].verdict != OK
    assert len(recorder.requests) == before


def test_the_result_cache_follows_postlint_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from postlint.online.store import default_folder

    monkeypatch.setenv("POSTLINT_CACHE_DIR", str(tmp_path / "ci-cache"))
    assert default_folder() == tmp_path / "ci-cache" / "online"


def test_a_committed_result_database_answers_nothing(tmp_path: Path) -> None:
    """POSTLINT_CACHE_DIR may point inside a checkout: rows not signed with this user's key are never used."""
    url = "https://a.example/gone.png"
    attacker = ResultStore(tmp_path, 168, 24, key=b"k" * 32)
    attacker.put_many({url: UrlResult(url, OK, "200 OK", 200)}, {url: "image"})
    attacker.close()
    assert ResultStore(tmp_path, 168, 24, key=b"k" * 32).get_many({url: "image"})[url].verdict == OK  # control
    assert ResultStore(tmp_path, 168, 24, key=b"u" * 32).get_many({url: "image"}) == {}


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs POSIX symlinks")
def test_a_symlinked_result_database_is_never_opened(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"precious")
    folder = tmp_path / "online"
    folder.mkdir()
    store = ResultStore(folder, 168, 24, key=b"k" * 32)
    store.path.symlink_to(elsewhere)
    url = "https://a.example/x"
    store.put_many({url: UrlResult(url, OK, "200 OK", 200)}, {url: "page"})
    assert store.get_many({url: "page"}) == {}
    assert store.unavailable is not None and "is a symlink" in store.unavailable
    store.close()
    assert elsewhere.read_bytes() == b"precious"
