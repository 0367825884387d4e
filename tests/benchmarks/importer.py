#!/usr/bin/env python3
"""An importer's view of postlint: lint posts as strings through the Python API, and check that the API
reports exactly what ``postlint check --format json`` reports for the same files, finding for finding.

    python tests/benchmarks/importer.py                    # 1,000 posts of ../shared/corpus/dev
    python tests/benchmarks/importer.py --count 200 --timing 3

It reads each file's bytes (as an importer holds a fetched post), lints them all with one
:class:`postlint.Linter` (``lint_many``, so the site rules see the whole batch as ``postlint check`` sees the
files it is given), runs the command line on the same paths, and compares every field of every finding.
With ``--timing N`` it also measures the cost of linting one post through the API in a warm process: each
post linted once to warm up, then N passes of ``Linter.lint`` over every post, timed with
``time.process_time`` (CPU time of this process, user+sys); it prints the median pass's milliseconds per post
and the median and 90th percentile of single posts. Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/dev")
NOW = "2026-11-26T00:00:00Z"
FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fixable")


def pick(count: int, corpus: Path = CORPUS) -> list[str]:
    """``count`` posts spread over the whole corpus (every k-th file of the sorted listing), as paths."""
    files = sorted(str(p) for p in corpus.iterdir() if p.is_file())
    step = max(1, len(files) // count)
    return files[::step][:count]


def via_cli(paths: list[str]) -> list[tuple[object, ...]]:
    command = [sys.executable, "-m", "postlint", "check", "--now", NOW, "--no-cache", "--format", "json", *paths]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"postlint check failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    findings = json.loads(done.stdout)["findings"]
    return sorted(tuple(f[name] for name in FIELDS) for f in findings)


def via_api(paths: list[str], texts: list[bytes]) -> list[tuple[object, ...]]:
    import datetime as dt

    import postlint

    now = dt.datetime.fromisoformat(NOW.replace("Z", "+00:00"))
    linter = postlint.Linter.nearest(paths[0], now=now, cache=False)
    found = linter.lint_many(zip(texts, paths, strict=True))
    rows = []
    for findings in found:
        for f in findings:
            data = f.as_dict()
            rows.append(tuple(data[name] for name in FIELDS))
    return sorted(rows)


def timing(paths: list[str], texts: list[bytes], passes: int) -> dict[str, float]:
    import postlint

    linter = postlint.Linter.nearest(paths[0], cache=False)
    for text, path in zip(texts, paths, strict=True):  # warm: rules loaded, lazy imports done, caches filled
        linter.lint(text, path)
    per_pass = []
    singles: list[float] = []
    for _ in range(passes):
        started = time.process_time()
        for text, path in zip(texts, paths, strict=True):
            one = time.process_time()
            linter.lint(text, path)
            singles.append(time.process_time() - one)
        per_pass.append((time.process_time() - started) / len(paths))
    singles.sort()
    return {
        "ms_per_post_median_pass": 1000 * statistics.median(per_pass),
        "ms_single_median": 1000 * statistics.median(singles),
        "ms_single_p90": 1000 * singles[int(0.9 * (len(singles) - 1))],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--timing", type=int, default=0, metavar="PASSES")
    args = parser.parse_args(argv)
    paths = pick(args.count)
    texts = [Path(p).read_bytes() for p in paths]
    cli = via_cli(paths)
    api = via_api(paths, texts)
    missing = [row for row in cli if row not in api]
    extra = [row for row in api if row not in cli]
    print(f"{len(paths)} posts: {len(cli)} findings from postlint check, {len(api)} from the API")
    for label, rows in (("only in postlint check", missing), ("only in the API", extra)):
        for row in rows[:20]:
            print(f"  {label}: {json.dumps(row, ensure_ascii=True)}")
    if args.timing:
        measured = timing(paths, texts, args.timing)
        print(" ".join(f"{key}={value:.2f}" for key, value in measured.items()))
    return 1 if missing or extra or cli != api else 0


if __name__ == "__main__":
    sys.exit(main())
