#!/usr/bin/env python3
"""What a pre-commit run costs in a large archive: one changed post checked inside a Jekyll site of
thousands of posts, with the archive-wide checks (PL8xx, which read the whole site) and without them.

Not part of the test suite. Run from the repository root, with postlint installed:

    python tests/benchmarks/archive.py                      # a generated 7,443-post archive, 5 runs
    python tests/benchmarks/archive.py --posts 20000 --runs 3
    python tests/benchmarks/archive.py --site ../scratch/agora --post _posts/2025-11-13-x.html

The generated archive has a ``_config.yml`` (with a ``baseurl`` and a permalink style), a ``.git`` folder,
Markdown and HTML posts in the shapes of the dev corpus (imported news: a source URL, categories, headings,
images, links between posts: site paths, ``{% post_url %}`` tags and links with fragments, some broken, some
duplicated imports). ``--site`` measures an existing site instead (it must be a git checkout; ``--post``
names the post to check, relative to it).

Each run changes the checked post (as a commit would), then times whole processes: with an empty cache
(a fresh ``--cache-dir``), with a warm one (the previous run's), and both again with ``--ignore PL8``.
Printed: medians of CPU time (user+sys, the process and its children) and of wall time, and the ratios
the issue sets targets for: warm at most 1.5x the same file with ``--ignore PL8``, empty at most 2 s. The
runs are interleaved, so a load on the machine weighs on all cases alike; compare ratios, not times.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

NOW = "2026-11-26T00:00:00Z"

MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
crashed = b"Traceback (most recent call last)" in done.stderr
print(elapsed, used.ru_utime + used.ru_stime, used.ru_maxrss, 3 if crashed else done.returncode)
"""

OUTLETS = ["dw", "rthk", "bbc", "cna", "nyt", "voa"]
WORDS = (
    "archive court election market storm minister report council school harbour river budget trial "
    "vaccine station festival museum railway tariff summit drought protest satellite"
).split()


def _slug(number: int) -> str:
    rng = random.Random(number)
    return "-".join(rng.sample(WORDS, 3)) + f"-{number}"


def _day(number: int) -> tuple[int, int, int]:
    return 2019 + number % 7, number % 12 + 1, number % 28 + 1


def _url(number: int) -> str:
    year, month, day = _day(number)
    return f"/news/{OUTLETS[number % len(OUTLETS)]}/{year}/{month:02d}/{day:02d}/{_slug(number)}.html"


def _name(number: int) -> str:
    year, month, day = _day(number)
    return f"{year}-{month:02d}-{day:02d}-{_slug(number)}"


def post_text(number: int, total: int) -> tuple[str, str]:
    """The file name and text of post ``number``: Markdown or HTML, linking to earlier posts."""
    rng = random.Random(number * 7919)
    year, month, day = _day(number)
    outlet = OUTLETS[number % len(OUTLETS)]
    title = " ".join(rng.sample(WORDS, 5)).capitalize()
    # Every 400th post is a second import of the one before it (same source URL): a PL805 finding.
    source = number - 1 if number % 400 == 399 else number
    front = (
        f"---\nlayout: post\ntitle: {title!r}\ndate: {year}-{month:02d}-{day:02d} {number % 24:02d}:17:02 +08:00\n"
        f"link: https://www.{OUTLETS[source % len(OUTLETS)]}.example.com/news/{source}-{_slug(source)}\n"
        f"categories: {outlet}\n---\n"
    )
    others = [rng.randrange(total) for _ in range(3)]
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "." for _ in range(6)]
    gone = number % 97 == 0  # a link to a post that was renamed: a PL801 finding when it is checked
    if number % 2:
        links = [
            f"See [the earlier story]({_url(others[0])}).",
            f"Also [the follow-up]({{% post_url {('renamed-' if gone else '') + _name(others[1])} %}}).",
            f"And [its background]({_url(others[2])}#background).",
        ]
        body = "\n\n".join(
            [paragraphs[0], "## Background", paragraphs[1], links[0], "## What happened", *paragraphs[2:4], *links[1:]]
        )
        body += f"\n\n![photo](https://images.example.net/{number}.jpg)\n\n" + "\n\n".join(paragraphs[4:]) + "\n"
        return f"{_name(number)}.md", front + "\n" + body
    body = (
        f"<div><i>{outlet.upper()} staff<br>{year}-{month:02d}-{day:02d}</i></div>"
        f'<img src="https://images.example.net/{number}.jpg" width="100%">'
        + "".join(f"<p>{p}</p>" for p in paragraphs[:2])
        + '<h2 id="background">Background</h2>'
        + f'<p>Earlier: <a href="{_url(others[0])}">the story</a>, '
        + f'<a href="{_url(others[2])}#{"background" if not gone else "nowhere"}">its background</a>.</p>'
        + "".join(f"<p>{p}</p>" for p in paragraphs[2:])
        + "\n"
    )
    return f"{_name(number)}.html", front + "\n" + body


def generate(folder: Path, total: int) -> str:
    """Write a Jekyll archive of ``total`` posts into ``folder``; returns the post a run checks."""
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / "_config.yml").write_text(
        "title: Archive\nbaseurl: /news\nurl: https://archive.example.org\ntimezone: Asia/Singapore\n"
        "permalink: /:categories/:year/:month/:day/:title:output_ext\ntheme: minima\n",
        encoding="utf-8",
    )
    (folder / "about.md").write_text("---\nlayout: page\ntitle: About\n---\nWe keep the news.\n", encoding="utf-8")
    (folder / "_layouts").mkdir()
    (folder / "_layouts" / "post.html").write_text("<article>{{ content }}</article>\n", encoding="utf-8")
    posts = folder / "_posts"
    posts.mkdir()
    checked = ""
    for number in range(total):
        name, text = post_text(number, total)
        (posts / name).write_text(text, encoding="utf-8")
        if number == total // 2:
            checked = f"_posts/{name}"
    return checked


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process."""
    wall, cpu, _ = measure_with_memory(command, cwd)
    return wall, cpu


def measure_with_memory(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of one whole process and its workers."""
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout.split()
    if int(output[3]) not in (0, 1):
        sys.exit(f"benchmark command failed with exit status {output[3]}: {' '.join(command)}")
    return float(output[0]), float(output[1]), int(output[2]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=7443, help="posts in the generated archive")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, help="measure this site (a git checkout) instead of a generated one")
    parser.add_argument("--post", help="with --site: the post to check, relative to the site")
    parser.add_argument("--jobs", default="2")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="postlint-archive-"))
    try:
        if options.site is not None:
            if not options.post:
                parser.error("--site needs --post")
            site, post = options.site.resolve(), options.post
        else:
            site = scratch / "site"
            site.mkdir()
            post = generate(site, options.posts)
        checked = site / post
        original = checked.read_bytes()
        environment_key = scratch / "key"  # the cache's HMAC key: not the user's
        os.environ["POSTLINT_CACHE_DIR"] = str(environment_key)
        base = [sys.executable, "-m", "postlint", "check", "--quiet", "--isolated", "--now", NOW]
        base += ["--jobs", options.jobs]
        cases = {
            "empty cache": ([], True),
            "warm cache": ([], False),
            "empty cache, --ignore PL8": (["--ignore", "PL8"], True),
            "warm cache, --ignore PL8": (["--ignore", "PL8"], False),
        }
        caches = {name: scratch / f"cache-{index}" for index, name in enumerate(cases)}
        for name, (extra, _) in cases.items():  # warm each cache once
            subprocess.run([*base, *extra, "--cache-dir", str(caches[name]), post], cwd=site, capture_output=True)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        try:
            for run in range(options.runs):
                # The commit being checked: the post changes (its findings are not in any cache).
                checked.write_bytes(original + b"\n" * (run + 1))
                for name, (extra, empty) in cases.items():
                    if empty:
                        shutil.rmtree(caches[name], ignore_errors=True)
                    times[name].append(measure([*base, *extra, "--cache-dir", str(caches[name]), post], site))
        finally:
            checked.write_bytes(original)
        count = sum(1 for _ in (site / "_posts").iterdir()) if (site / "_posts").is_dir() else 0
        print(
            f"One changed post ({post}) in a site of {count:,} posts, --jobs {options.jobs}, medians of {options.runs}"
        )
        print()
        print("| case | CPU (user+sys) | wall |")
        print("| --- | ---: | ---: |")
        cpu = {}
        for name, values in times.items():
            cpu[name] = statistics.median(v[1] for v in values)
            print(f"| {name} | {cpu[name]:.2f} s | {statistics.median(v[0] for v in values):.2f} s |")
        print()
        ratio = cpu["warm cache"] / cpu["warm cache, --ignore PL8"]
        print(f"warm / warm --ignore PL8 (CPU): {ratio:.2f}x (target at most 1.5x)")
        print(f"empty cache (CPU): {cpu['empty cache']:.2f} s (target at most 2 s)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
