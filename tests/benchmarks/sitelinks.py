#!/usr/bin/env python3
"""Time and peak memory of a whole-site run: a Jekyll site of N posts with 100 links each (issue 25).

Not part of the test suite. Run from the repository root, with postlint installed:

    python tests/benchmarks/sitelinks.py                        # 2,500, 5,000 and 10,000 posts
    python tests/benchmarks/sitelinks.py --posts 1000 --posts 50000 --jobs 2
    python tests/benchmarks/sitelinks.py --rules default --cache
    python tests/benchmarks/sitelinks.py --python ../other/.venv/bin/python   # another checkout's postlint

Each post is a Markdown file with a heading (`## Intro`) and 100 links to other posts of the site by their
URL: most with the fragment `#intro`, some without one, one to a page that does not exist (a PL801 finding)
and one to a fragment no page defines (a PL802 finding). Every checked file's site facts (its links above
all) are kept until the site pass, so peak memory grows with the site: the table shows how much per post.

Runs `postlint check --no-cache -j 1 --select PL801,PL802` (`--rules default`: the default rules; `--jobs`
another count; `--cache`: a first run that fills a fresh cache folder, then a warm run from it, both
measured) in a child process, and prints CPU time (user+sys of postlint and its workers), wall time and the
peak resident memory of its largest process (`ru_maxrss`), per site size. The machine may be loaded: compare
CPU times and memory, not wall times.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from archive import measure_with_memory as measure  # tests/benchmarks/ is on the path when run

NOW = "2026-11-26T00:00:00Z"
LINKS = 100


def post_text(number: int, total: int, links: int = LINKS) -> str:
    """Post ``number`` of ``total``: a heading and ``links`` links to the posts after it."""
    lines = []
    for j in range(links):
        other = (number + j + 1) % total
        if j == 3:
            target = f"/2020/01/01/gone{other}.html"  # no such page: PL801
        elif j == 7:
            target = f"/2020/01/01/p{other}.html#outro"  # no such anchor: PL802
        elif j % 10 == 5:
            target = f"/2020/01/01/p{other}.html"
        else:
            target = f"/2020/01/01/p{other}.html#intro"
        lines.append(f"See [post {other}]({target}) and.\n")
    return "---\ntitle: Post\ndate: 2020-01-01 10:00:00 +08:00\n---\n## Intro\n\n" + "".join(lines)


def generate(folder: Path, total: int, links: int = LINKS) -> None:
    """Write the site of ``total`` posts into ``folder``."""
    posts = folder / "_posts"
    posts.mkdir(parents=True)
    (folder / "_config.yml").write_text("title: site\n", encoding="utf-8")
    for number in range(total):
        (posts / f"2020-01-01-p{number}.md").write_text(post_text(number, total, links), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, action="append", help="posts in the site (repeatable)")
    parser.add_argument("--links", type=int, default=LINKS, help="links in each post")
    parser.add_argument("--jobs", default="1")
    parser.add_argument("--rules", default="PL801,PL802", help="rules to select, or 'default'")
    parser.add_argument("--cache", action="store_true", help="measure a run that fills a cache, then a warm one")
    parser.add_argument("--python", default=sys.executable, help="the interpreter whose postlint is measured")
    arguments = parser.parse_args()
    sizes = arguments.posts or [2500, 5000, 10000]
    python = os.path.abspath(arguments.python) if os.sep in arguments.python else arguments.python
    select = [] if arguments.rules == "default" else ["--select", arguments.rules]
    print(f"{arguments.links} links a post, --jobs {arguments.jobs}, rules: {arguments.rules}\n")
    print("| posts | run | CPU s | wall s | peak MB | KB/post over the first size |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    first: dict[str, tuple[int, float]] = {}
    for total in sizes:
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder) / "site"
            generate(site, total, arguments.links)
            command = [python, "-m", "postlint", "check", "--quiet", "--now", NOW, "-j", arguments.jobs]
            runs = [("no cache", [*command, "--no-cache", *select, "."])]
            if arguments.cache:
                cached = [*command, "--cache-dir", os.path.join(folder, "cache"), *select, "."]
                runs = [("cold cache", cached), ("warm cache", cached)]
            for name, args in runs:
                wall, cpu, peak = measure(args, site)
                base = first.setdefault(name, (total, peak))
                growth = f"{(peak - base[1]) * 1024 / (total - base[0]):.1f}" if total != base[0] else ""
                print(f"| {total:,} | {name} | {cpu:.1f} | {wall:.1f} | {peak:.0f} | {growth} |", flush=True)


if __name__ == "__main__":
    main()
