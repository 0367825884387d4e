#!/usr/bin/env python3
"""How long after the debounce the diagnostics of an edit arrive from `postlint server`, in a large site.

    python tests/benchmarks/lsp_latency.py                 # 5,000 posts made from ../shared/corpus/dev
    python tests/benchmarks/lsp_latency.py --posts 1000 --edits 10 --site /tmp/site

It makes a Jekyll site of ``--posts`` posts (the dev corpus's files, copied under ``_posts/`` with a date
name, repeated past its 3,983 files so that the copies are duplicates the site rules report), fills the
findings cache with ``postlint check`` (as CI or a pre-commit run would have), starts ``postlint server``
with that cache, opens one post and waits for its first diagnostics (the site index comes from the cache),
then makes ``--edits`` edits one after another: each time from sending ``didChange`` to receiving the
diagnostics of that version, minus the debounce. One edit changes the post's source URL to another post's,
and its diagnostics must hold PL805 naming that post (the site index is really used). Prints the latencies
(median, 90th percentile, max), and the server's CPU time per edit (from /proc, Linux). Exit 1 when the
median is over ``--budget`` ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/dev")


def make_site(folder: Path, count: int) -> None:
    posts = folder / "_posts"
    posts.mkdir(parents=True, exist_ok=True)
    (folder / "_config.yml").write_text("title: Large site\ntimezone: Asia/Singapore\n", encoding="utf-8")
    names = sorted(p.name for p in CORPUS.iterdir() if p.is_file())
    for number in range(count):
        name = names[number % len(names)]
        day = re.search(r"\d{4}-\d{2}-\d{2}", name)
        shutil.copyfile(CORPUS / name, posts / f"{day.group(0) if day else '2020-01-01'}-post-{number:05d}.md")


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


async def measure(site: Path, cache: Path, edits: int, debounce: float) -> dict[str, object]:
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("lsp-latency", "1")
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    env = {**os.environ, "POSTLINT_CACHE_DIR": str(cache)}
    await client.start_io(sys.executable, "-m", "postlint", "server", env=env, cwd=str(site))
    server_pid = client._server.pid  # type: ignore[attr-defined]
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=site.as_uri(),
            initialization_options={"debounce": debounce},
        )
    )
    client.initialized(types.InitializedParams())

    async def diagnostics(uri: str, version: int) -> tuple[float, list[types.Diagnostic]]:
        while True:
            params = await published.get()
            if params.uri == uri and params.version == version:
                return time.perf_counter(), list(params.diagnostics)

    posts = sorted((site / "_posts").iterdir())

    def linked(post: Path) -> bool:
        return "\nlink: http" in post.read_text(encoding="utf-8", errors="replace")

    # The last post with a source URL, and the first one, whose source URL an edit copies (a duplicate is
    # reported on the later copy).
    path = next(p for p in reversed(posts) if linked(p))
    text = path.read_text(encoding="utf-8", errors="replace")
    uri = path.as_uri()
    started = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    arrived, _ = await diagnostics(uri, 1)
    first_open = arrived - started
    other = next(p for p in posts if linked(p))
    other_link = re.search(r"\nlink: (\S+)", other.read_text(encoding="utf-8", errors="replace"))
    assert other_link is not None
    latencies = []
    cpu_before = cpu_seconds(server_pid)
    duplicate_seen = False
    for number in range(edits):
        version = number + 2
        if number == edits // 2:
            edited = re.sub(r"\nlink: \S+", "\nlink: " + other_link.group(1), text, count=1)
        else:
            edited = text.replace("\n---\n", f"\n---\nEdit {number}.\n", 1)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        arrived, found = await diagnostics(uri, version)
        latencies.append(arrived - sent - debounce)
        if edited != text and "\nlink: " + other_link.group(1) in edited:
            duplicate_seen = any(d.code == "PL805" and other.name in d.message for d in found)
        await asyncio.sleep(0.2)
    cpu_after = cpu_seconds(server_pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    return {
        "first_open_s": round(first_open, 3),
        "median_ms": round(1000 * statistics.median(latencies), 1),
        "p90_ms": round(1000 * latencies[int(0.9 * (len(latencies) - 1))], 1),
        "max_ms": round(1000 * latencies[-1], 1),
        "server_cpu_ms_per_edit": round(1000 * (cpu_after - cpu_before) / edits, 1),
        "duplicate_reported": duplicate_seen,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--debounce", type=float, default=0.15)
    parser.add_argument("--budget", type=float, default=300.0, help="milliseconds after the debounce")
    parser.add_argument("--site", type=Path, help="make (or reuse) the site here instead of a temporary folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or Path(scratch) / "site"
        if not (site / "_posts").is_dir():
            make_site(site, args.posts)
        cache = Path(scratch) / "cache"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "postlint", "check", "-q", "--exit-zero", "."],
            cwd=site,
            env={**os.environ, "POSTLINT_CACHE_DIR": str(cache)},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        count = len(list((site / "_posts").iterdir()))
        print(f"site: {count} posts; cache filled in {time.perf_counter() - started:.1f} s")
        result = asyncio.run(measure(site, cache, args.edits, args.debounce))
    print(" ".join(f"{key}={value}" for key, value in result.items()))
    return 0 if result["median_ms"] <= args.budget and result["duplicate_reported"] else 1  # type: ignore[operator]


if __name__ == "__main__":
    sys.exit(main())
