"""How long each output format takes for many findings (the escaping of every path and message included).

    python tests/benchmarks/reporters.py                 # 20,000 ordinary findings, best of 3
    python tests/benchmarks/reporters.py --findings 50000

Prints one Markdown table row per format. Compare two checkouts by running it in each, interleaved.
"""

from __future__ import annotations

import argparse
import io
import time

from postlint.api import Severity
from postlint.core.results import Finding, RunResult
from postlint.reporters import FORMATS, ReportOptions, get_reporter


def findings(count: int) -> list[Finding]:
    return [
        Finding(
            f"_posts/2024-03-{n % 28 + 1:02d}-ferry-{n}.md",
            n % 50 + 1,
            3,
            n % 50 + 1,
            9,
            "PL104",
            "front-matter-key-typo",
            Severity.WARNING,
            f"unknown key 'auther{n}': did you mean 'author'? alt '文件.jpg'",
            snippet=f"auther{n}",
        )
        for n in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=20_000)
    parser.add_argument("--passes", type=int, default=3)
    arguments = parser.parse_args()
    result = RunResult(findings(arguments.findings), arguments.findings // 4, [], Severity.WARNING)
    print("| format | ms |")
    print("| --- | ---: |")
    for name in FORMATS:
        best = float("inf")
        for _ in range(arguments.passes):
            started = time.perf_counter()
            get_reporter(name)(result, io.StringIO(), ReportOptions())
            best = min(best, time.perf_counter() - started)
        print(f"| {name} | {best * 1000:.0f} |")


if __name__ == "__main__":
    main()
