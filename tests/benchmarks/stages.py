#!/usr/bin/env python3
"""Where a cold single-process run spends its time, stage by stage and rule by rule.

Not part of the test suite. Run from the repository root, with postlint installed:

    python tests/benchmarks/stages.py              # ../shared/corpus/dev, best of 3 passes
    python tests/benchmarks/stages.py --top 15

Every file is read into memory first, so disk time is not counted. Each pass times, per post: reading the
bytes into a post (decoding, front matter), the Markdown code regions, the HTML tree, the Markdown links,
then every default rule on its own. A stage's time includes the shared work it is the first to ask for
(the first rule that needs the tag index builds it). The times are the best of the passes, per stage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections import defaultdict
from pathlib import Path

from postlint.config import Config
from postlint.engine.lint import Engine
from postlint.reading.post import parse_post


def one_pass(engine: Engine, files: list[tuple[Path, bytes]]) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)
    clock = time.perf_counter
    for path, data in files:
        began = clock()
        post = parse_post(data, str(path), path)
        after_read = clock()
        spent["read: decode, split, front matter"] += after_read - began
        if post.readable:
            _ = post.code_regions  # each parsed view is built on first use and kept
            after_code = clock()
            _ = post.html
            after_html = clock()
            _ = post.markdown
            after_markdown = clock()
            spent["Markdown code regions"] += after_code - after_read
            spent["HTML tree with positions"] += after_html - after_code
            spent["Markdown links and images"] += after_markdown - after_html
        for active in engine.rules_for(post):
            started = clock()
            list(active.rule.check(post, engine.context))
            spent[f"rule {active.code} {active.name}"] += clock() - started
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parents[2]
    parser.add_argument("--corpus", type=Path, default=here.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--top", type=int, default=0, help="show only the slowest N stages (0: all)")
    arguments = parser.parse_args()
    files = [(path, path.read_bytes()) for path in sorted(arguments.corpus.iterdir()) if path.is_file()]
    now = dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc)
    engine = Engine.from_config(Config(), arguments.corpus, now=now)
    best: dict[str, float] = {}
    for _ in range(arguments.passes):
        for stage, seconds in one_pass(engine, files).items():
            best[stage] = min(seconds, best.get(stage, seconds))
    total = sum(best.values())
    rows = sorted(best.items(), key=lambda item: -item[1])
    print(f"{len(files)} files, best of {arguments.passes} passes, {total:.3f} s in all\n")
    print("| stage | ms | share |")
    print("| --- | ---: | ---: |")
    for stage, seconds in rows[: arguments.top or None]:
        print(f"| {stage} | {seconds * 1000:.0f} | {seconds / total:.0%} |")


if __name__ == "__main__":
    main()
