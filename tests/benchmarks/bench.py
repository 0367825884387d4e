#!/usr/bin/env python3
"""Benchmark postlint against a floor measured in the same run, and print a Markdown table.

Not part of the test suite. Run from the repository root, with postlint installed:

    python tests/benchmarks/bench.py                 # ../shared/corpus/dev, 5 runs, plus a 50,000-post copy
    python tests/benchmarks/bench.py --runs 3 --big 0   # skip the large corpus
    python tests/benchmarks/htmlhint.py              # all cores, paired against htmlhint on the .html posts

Every number is the median of whole-process wall times (what a user waits for). The *floor* is a bare
process that only reads each file, splits off the front matter, parses it with libyaml and parses the body
with lxml: nothing can lint faster than that. The machine is shared and noisy, so compare ratios measured in
the same run, not absolute times across runs. The cold --jobs 1 row also gives its ratio in CPU time; the
one-post row is timed against the *dependency-import floor*, a process that only imports click, lxml,
pydantic and PyYAML, run alternately with it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

FLOOR = r"""
import os, sys, yaml, lxml.html
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for root, _, names in os.walk(sys.argv[1]):
    for name in names:
        data = open(os.path.join(root, name), "rb").read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        body = text
        if text.startswith("---"):
            parts = text[3:].split("\n---", 1)
            try:
                yaml.load(parts[0], Loader=loader)
            except yaml.YAMLError:
                pass
            body = parts[1] if len(parts) > 1 else ""
        if body.strip():
            try:
                lxml.html.fragment_fromstring(body, create_parent="div")
            except Exception:
                pass
"""

# Runs a command and reports the peak resident memory of its largest process (workers included) and the CPU
# time of all of them (user + system: on a machine shared with other work, steadier than the wall clock).
MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
# Python exits 1 on an uncaught exception, as postlint does on findings: the traceback tells them apart.
crashed = b"Traceback (most recent call last)" in done.stderr
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, 3 if crashed else done.returncode, usage.ru_utime + usage.ru_stime)
"""

#: What a one-file run cannot go below: the interpreter importing the libraries postlint starts with.
IMPORT_FLOOR = "import click, lxml.etree, pydantic, yaml"

NOW = "2026-11-26T00:00:00Z"


#: CPU seconds (median) of every command measured, by the label given to :func:`measure`.
CPU: dict[str, float] = {}


def measure(command: list[str], runs: int, label: str = "") -> tuple[float, float]:
    """Median seconds and peak memory (MB) of ``command`` over ``runs`` runs (its median CPU seconds go to
    :data:`CPU` under ``label``)."""
    times, peaks, cpu = [], [], []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
        ).stdout.split()
        if int(output[2]) not in (0, 1):  # 1 means "findings"; anything else is a broken run, not a fast one
            sys.exit(f"benchmark command failed with exit status {output[2]}: {' '.join(command)}")
        times.append(float(output[0]))
        peaks.append(int(output[1]) / 1024)
        cpu.append(float(output[3]))
    CPU[label or " ".join(command)] = statistics.median(cpu)
    return statistics.median(times), max(peaks)


def postlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "postlint", "check", "--quiet", "--now", NOW, "--config", os.devnull, *args]


def precompile() -> None:
    """Write postlint's bytecode, as pip does when it installs a package.

    An editable install run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every
    start, and the small-post row would time the compiler instead of postlint.
    """
    code = (
        "import compileall, os, postlint, postlint_rules\n"
        "for package in (postlint, postlint_rules):\n"
        "    compileall.compile_dir(os.path.dirname(package.__file__), quiet=1)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def replicate(source: Path, target: Path, count: int) -> int:
    files = sorted(p for p in source.iterdir() if p.is_file())
    made = 0
    while made < count:
        folder = target / f"copy{made // len(files):03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for path in files:
            if made >= count:
                break
            shutil.copyfile(path, folder / path.name)
            made += 1
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parents[2]
    parser.add_argument("--corpus", type=Path, default=here.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", type=int, default=50_000, help="posts in the replicated corpus (0 to skip)")
    arguments = parser.parse_args()
    corpus: Path = arguments.corpus
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")
    runs = arguments.runs
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    precompile()
    count = sum(1 for p in corpus.iterdir() if p.is_file())
    rows: list[tuple[str, float, float, str]] = []

    floor, floor_mb = measure([sys.executable, "-c", FLOOR, str(corpus)], runs, "floor")
    rows.append((f"floor: read, split, libyaml, lxml ({count} files)", floor, floor_mb, "1.00x floor"))
    serial, serial_mb = measure(postlint("--no-cache", "--jobs", "1", str(corpus)), runs, "serial")
    rows.append(
        (
            "postlint check, cold, --jobs 1",
            serial,
            serial_mb,
            f"{serial / floor:.2f}x floor ({CPU['serial'] / CPU['floor']:.2f}x in CPU time)",
        )
    )
    parallel, parallel_mb = measure(postlint("--no-cache", "--jobs", str(jobs), str(corpus)), runs)
    rows.append(
        (
            f"postlint check, cold, --jobs {jobs}",
            parallel,
            parallel_mb,
            f"{serial / parallel:.2f}x faster than --jobs 1",
        )
    )
    with tempfile.TemporaryDirectory() as cache:
        subprocess.run(postlint("--cache-dir", cache, str(corpus)), capture_output=True, check=False)
        warm, warm_mb = measure(postlint("--cache-dir", cache, "--jobs", "1", str(corpus)), runs)
    rows.append(("postlint check, warm cache, --jobs 1", warm, warm_mb, f"{warm / serial:.2f}x cold --jobs 1"))
    with tempfile.TemporaryDirectory() as folder:
        post = Path(folder) / "2024-07-08-river-festival.md"
        post.write_text(
            "---\nlayout: post\ntitle: River festival\ndate: 2024-07-08 18:00:00 +08:00\n---\n\n"
            "Boats lined the banks. ![Boats at dawn](https://cdn.example.com/boats.jpg)\n"
            '<figure><img src="https://cdn.example.com/cup.jpg" alt="The cup"><figcaption>The cup.</figcaption>'
            "</figure>\n",
            encoding="utf-8",
        )
        # The post and the floors alternate, so that a change in the machine's load hits them alike.
        singles, floors, bares = [], [], []
        single_cpu, floor_cpu = [], []
        for _ in range(max(runs, 10)):
            singles.append(measure(postlint("--no-cache", str(post)), 1, "single"))
            floors.append(measure([sys.executable, "-c", IMPORT_FLOOR], 1, "imports")[0])
            bares.append(measure([sys.executable, "-c", "pass"], 1, "bare")[0])
            single_cpu.append(CPU["single"])
            floor_cpu.append(CPU["imports"])
    single = statistics.median(seconds for seconds, _ in singles)
    single_mb = max(peak for _, peak in singles)
    imports, bare = statistics.median(floors), statistics.median(bares)
    rows.append(
        (
            "one small post, whole process (pre-commit)",
            single,
            single_mb,
            f"{single * 1000:.0f} ms, {single / imports:.2f}x the dependency-import floor ({imports * 1000:.0f} ms;"
            f" bare interpreter start: {bare * 1000:.0f} ms; in CPU time"
            f" {statistics.median(single_cpu) / statistics.median(floor_cpu):.2f}x)",
        )
    )
    if arguments.big:
        with tempfile.TemporaryDirectory() as folder:
            made = replicate(corpus, Path(folder), arguments.big)
            big, big_mb = measure(postlint("--no-cache", "--jobs", str(jobs), folder), max(1, runs // 2), "big")
        per_small = parallel / count
        per_big = big / made
        rows.append(
            (
                f"{made:,} posts, cold, --jobs {jobs}",
                big,
                big_mb,
                f"{per_big / per_small:.2f}x time per post of the {count}-post run",
            )
        )

    print(f"Python {sys.version.split()[0]}, {jobs} cores, medians of {runs} runs\n")
    print("| measurement | seconds | peak MB | ratio |")
    print("| --- | ---: | ---: | --- |")
    for name, seconds, peak, ratio in rows:
        print(f"| {name} | {seconds:.3f} | {peak:.0f} | {ratio} |")


if __name__ == "__main__":
    main()
