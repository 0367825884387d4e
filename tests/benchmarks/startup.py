#!/usr/bin/env python3
"""Start-up: one small post, whole process, against the dependency-import floor (the one-post row of
``bench.py``), with an empty cache (``--no-cache``) and a warm one, for one or more installs side by side.

Not part of the test suite. Run from the repository root, with postlint installed:

    python tests/benchmarks/startup.py                          # this install, 15 runs
    python tests/benchmarks/startup.py --python before=../old/.venv/bin/python --python after=.venv/bin/python

Every run of every install alternates with a run of the floor (a process that only imports click, lxml,
pydantic and PyYAML, as in ``bench.py``), so a change in the machine's load weighs on all alike. Printed:
medians of CPU time (user+sys: steadier than the wall clock on a shared machine) and of wall time, and each
as a ratio to the floor's. Each install's bytecode is written first, as pip does when it installs a package.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import IMPORT_FLOOR, MEASURE, NOW  # tests/benchmarks/ is on the path when run

POST = (
    "---\nlayout: post\ntitle: River festival\ndate: 2024-07-08 18:00:00 +08:00\n---\n\n"
    "Boats lined the banks. ![Boats at dawn](https://cdn.example.com/boats.jpg)\n"
    '<figure><img src="https://cdn.example.com/cup.jpg" alt="The cup"><figcaption>The cup.</figcaption>'
    "</figure>\n"
)

COMPILE = (
    "import compileall, os, postlint, postlint_rules\n"
    "for package in (postlint, postlint_rules):\n"
    "    compileall.compile_dir(os.path.dirname(package.__file__), quiet=1)\n"
)


def _measure(command: list[str], cwd: str) -> tuple[float, float]:
    """CPU seconds and wall seconds of one run of ``command``."""
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout.split()
    if int(output[2]) not in (0, 1):
        sys.exit(f"benchmark command failed with exit status {output[2]}: {' '.join(command)}")
    return float(output[3]), float(output[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--python", action="append", default=[], help="label=interpreter of an install to measure (repeatable)"
    )
    arguments = parser.parse_args()
    installs = [item.split("=", 1) for item in arguments.python] or [["this", sys.executable]]
    with tempfile.TemporaryDirectory() as folder:
        post = Path(folder) / "2024-07-08-river-festival.md"
        post.write_text(POST, encoding="utf-8")
        commands: dict[str, list[str]] = {}
        for label, python in installs:
            subprocess.run([python, "-c", COMPILE], check=True)
            base = [python, "-m", "postlint", "check", "--quiet", "--now", NOW, "--config", os.devnull]
            commands[f"{label}, empty cache"] = [*base, "--no-cache", str(post)]
            warm = [*base, "--cache-dir", str(Path(folder) / f"cache-{label}"), str(post)]
            subprocess.run(warm, capture_output=True, cwd=folder)  # fills the cache
            commands[f"{label}, warm cache"] = warm
        times: dict[str, list[tuple[float, float]]] = {"floor": [], **{name: [] for name in commands}}
        for _ in range(arguments.runs):
            for name, command in commands.items():
                times["floor"].append(_measure([sys.executable, "-c", IMPORT_FLOOR], folder))
                times[name].append(_measure(command, folder))
    floor_cpu = statistics.median(cpu for cpu, _ in times["floor"])
    floor_wall = statistics.median(wall for _, wall in times["floor"])
    print(f"Python {sys.version.split()[0]}, medians of {arguments.runs} runs, each after a run of the floor\n")
    print("| one small post | CPU ms | x floor | wall ms | x floor |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, runs in times.items():
        cpu = statistics.median(value for value, _ in runs)
        wall = statistics.median(value for _, value in runs)
        print(f"| {name} | {cpu * 1000:.0f} | {cpu / floor_cpu:.2f} | {wall * 1000:.0f} | {wall / floor_wall:.2f} |")


if __name__ == "__main__":
    main()
