#!/usr/bin/env python3
"""postlint paired against htmlhint on the corpus's ``.html`` posts: whole processes, all cores, alternating.

Not part of the test suite. Run from the repository root, with postlint installed and htmlhint on the PATH
(or named with --htmlhint; e.g. ``npm install --prefix /tmp/node htmlhint`` and
``--htmlhint /tmp/node/node_modules/.bin/htmlhint``):

    python tests/benchmarks/htmlhint.py                # ../shared/corpus/dev, medians of 5 runs each
    python tests/benchmarks/htmlhint.py --runs 3

The ``.html`` files are copied to a temporary folder that both tools read whole. Runs alternate (postlint,
htmlhint, postlint, ...) so that a change in the machine's load hits both alike; the table gives medians
of wall-clock time (what a user waits for, all cores) and of CPU time (user + system of every process).
Without htmlhint it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import CPU, NOW, measure  # the same measuring process as bench.py


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parents[2]
    parser.add_argument("--corpus", type=Path, default=here.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--htmlhint", default=shutil.which("htmlhint"), help="the htmlhint command (default: PATH)")
    arguments = parser.parse_args()
    if not arguments.htmlhint or not Path(arguments.htmlhint).exists():
        print("htmlhint is not installed (npm install htmlhint): nothing to pair against, skipped")
        return
    corpus: Path = arguments.corpus
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        files = sorted(path for path in corpus.iterdir() if path.is_file() and path.suffix == ".html")
        for path in files:
            shutil.copyfile(path, Path(folder) / path.name)
        # Cold, as htmlhint always is: postlint's findings cache would answer later runs from the first.
        ours = [sys.executable, "-m", "postlint", "check", "--quiet", "--no-cache", "--now", NOW]
        ours += ["--config", os.devnull, folder]
        # htmlhint reads a folder's `**/*.html` with its default rules, one process (Node).
        theirs = [arguments.htmlhint, folder]
        times: dict[str, list[float]] = {"postlint": [], "htmlhint": []}
        cpu: dict[str, list[float]] = {"postlint": [], "htmlhint": []}
        for _ in range(arguments.runs):
            for name, command in (("postlint", ours), ("htmlhint", theirs)):
                times[name].append(measure(command, 1, name)[0])
                cpu[name].append(CPU[name])
    wall = {name: statistics.median(values) for name, values in times.items()}
    used = {name: statistics.median(values) for name, values in cpu.items()}
    print(f"{len(files)} .html posts, {jobs} cores, medians of {arguments.runs} alternating runs\n")
    print("| tool | wall s | CPU s |")
    print("| --- | ---: | ---: |")
    for name in ("postlint", "htmlhint"):
        print(f"| {name} | {wall[name]:.3f} | {used[name]:.3f} |")
    ratio = wall["postlint"] / wall["htmlhint"]
    print(
        f"\npostlint / htmlhint: {ratio:.2f}x wall-clock ({used['postlint'] / used['htmlhint']:.2f}x CPU time)"
        f" ({'slower' if ratio > 1 else 'faster'})"
    )


if __name__ == "__main__":
    main()
