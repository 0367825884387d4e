#!/usr/bin/env python3
"""Benchmark the online checks against local servers that answer after 50 ms, and print a Markdown table.

Not part of the test suite (tests/test_online_bench.py runs it with its limits). From the repository root:

    python tests/benchmarks/online.py                  # 2,000 URLs over 10 hosts, 8 in flight per host
    python tests/benchmarks/online.py --urls 500 --check

Ten servers (one process, asyncio, keep-alive) listen on 127.0.0.1 and answer every HEAD after 50 ms with
an image. 200 posts name 10 images each: 2,000 distinct URLs, 200 per host. The *floor* is what the
concurrency limits allow at best: URLs x 50 ms / (hosts x 8). A cold run is timed as a whole process
(``postlint check --online``), with its peak memory and CPU time, and the URL checks alone (the time its
summary reports); then a warm run, which must make no request at all. ``--check`` holds the URL checks to
4x the floor, memory under 200 MB and the warm run to zero requests. The machine is shared: CPU seconds
say more than wall seconds when it is busy.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOSTS = 10
PER_HOST = 8
DELAY = 0.05

SERVER = r"""
import asyncio, sys
delay = float(sys.argv[2])
count = 0

async def handle(reader, writer):
    global count
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            line = head.split(b"\r\n", 1)[0]
            if line.startswith(b"GET /__count"):
                body = str(count).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
                await writer.drain()
                continue
            count += 1
            await asyncio.sleep(delay)
            body = b"" if line.startswith(b"HEAD") else b"\x89PNG\r\n\x1a\n"
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 8\r\n\r\n" + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()

async def main():
    servers = [await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512) for _ in range(int(sys.argv[1]))]
    print(" ".join(str(s.sockets[0].getsockname()[1]) for s in servers), flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""

MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
elapsed = time.perf_counter() - start
sys.stderr.write(done.stderr)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, done.returncode, usage.ru_utime + usage.ru_stime)
"""


def _count(port: int) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/__count")
    return int(connection.getresponse().read())


def run(urls: int) -> dict[str, float]:
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(HOSTS), str(DELAY)], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        ports = [int(p) for p in server.stdout.readline().split()]
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "postlint.toml").write_text(
                "[online]\nallow-private-addresses = true\n"
                f"max-concurrency-per-host = {PER_HOST}\nmax-concurrency = {HOSTS * PER_HOST}\n",
                encoding="utf-8",
            )
            posts = root / "_posts"
            posts.mkdir()
            per_post = 10
            for n in range(urls // per_post):
                images = "\n\n".join(
                    f"![photo {i}](http://127.0.0.1:{ports[(n * per_post + i) % HOSTS]}/img/{n}-{i}.png)"
                    for i in range(per_post)
                )
                (posts / f"2024-01-01-post-{n}.md").write_text(f"---\ntitle: Post {n}\n---\n\n{images}\n")
            env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "NO_PROXY": "*"}
            command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "postlint", "check", "--online", "_posts"]

            def timed() -> tuple[float, float, str, float]:
                done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
                seconds, peak_kb, status, cpu = done.stdout.split()
                if status not in ("0", "1"):
                    raise SystemExit(f"postlint failed ({status}):\n{done.stderr}")
                return float(seconds), int(peak_kb) / 1024, done.stderr, float(cpu)

            before = _count(ports[0])
            cold, cold_mb, cold_err, cold_cpu = timed()
            after_cold = _count(ports[0])
            warm, warm_mb, _, warm_cpu = timed()
            after_warm = _count(ports[0])
    finally:
        server.terminate()
        server.wait()
    checked = re.search(r"checked in ([\d.]+) s", cold_err)
    return {
        "urls": urls,
        "floor": urls * DELAY / (HOSTS * PER_HOST),
        "cold": cold,
        "cold_mb": cold_mb,
        "cold_cpu": cold_cpu,
        "warm_cpu": warm_cpu,
        "checks": float(checked.group(1)) if checked else float("nan"),
        "cold_requests": after_cold - before,
        "warm": warm,
        "warm_mb": warm_mb,
        "warm_requests": after_warm - after_cold,
    }


def table(r: dict[str, float]) -> str:
    floor = r["floor"]
    rows = [
        ("floor: URLs x 50 ms / (10 hosts x 8 in flight)", floor, None, None, "1.00x floor"),
        (
            f"postlint check --online, cold ({int(r['cold_requests'])} requests), whole process",
            r["cold"],
            r["cold_cpu"],
            r["cold_mb"],
            f"{r['cold'] / floor:.2f}x floor",
        ),
        (
            "of which checking the URLs (the summary's time)",
            r["checks"],
            None,
            None,
            f"{r['checks'] / floor:.2f}x floor",
        ),
        (
            f"postlint check --online, warm ({int(r['warm_requests'])} requests), whole process",
            r["warm"],
            r["warm_cpu"],
            r["warm_mb"],
            f"{r['warm'] / r['cold']:.2f}x cold",
        ),
    ]
    lines = [
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {int(r['urls'])} distinct URLs over {HOSTS} hosts",
        "",
        "| measurement | seconds | CPU seconds | peak MB | ratio |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, seconds, cpu, peak, ratio in rows:
        shown_cpu = "" if cpu is None else f"{cpu:.2f}"
        shown_peak = "" if peak is None else f"{peak:.0f}"
        lines.append(f"| {name} | {seconds:.3f} | {shown_cpu} | {shown_peak} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="report medians of this many runs")
    parser.add_argument("--check", action="store_true", help="exit 1 unless within 4x of the floor, < 200 MB, warm = 0")
    args = parser.parse_args()
    started = time.perf_counter()
    import statistics

    runs = [run(args.urls) for _ in range(args.runs)]
    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    result["warm_requests"] = max(r["warm_requests"] for r in runs)
    result["cold_mb"] = max(r["cold_mb"] for r in runs)
    print(table(result))
    print(f"medians of {args.runs} runs (peak memory and warm requests: the largest)")
    print(f"\n(benchmark took {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if args.check:
        problems = []
        if not result["checks"] <= 4 * result["floor"]:
            problems.append(f"checking took {result['checks']:.2f} s > 4x floor {result['floor']:.2f} s")
        if result["cold_mb"] >= 200:
            problems.append(f"peak memory {result['cold_mb']:.0f} MB >= 200 MB")
        if result["warm_requests"] != 0 or result["cold_requests"] < result["urls"]:
            problems.append(f"requests: cold {result['cold_requests']}, warm {result['warm_requests']}")
        if problems:
            raise SystemExit("; ".join(problems))


if __name__ == "__main__":
    main()
