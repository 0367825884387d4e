"""The stored site index in a pre-commit run (issue 19): every way what it keeps can go stale, each checked
against a run without a cache. What it keeps for the habit rules (PL810, PL811: each distinct habit facts
once, files naming theirs), for the title tails of PL808 and for the URL rules, with one post checked while
the others are edited, added, removed, or the site's config changes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import run_cli

NOW = "2026-11-26T00:00:00Z"
CAPTIONED = '<figure><img src="https://img.example/{n}.jpg" alt="x"><figcaption>Photo {n}</figcaption></figure>\n'
BARE = '<figure><img src="https://img.example/{n}.jpg" alt="x"></figure>\n'
CHECKED = "_posts/2024-03-20-lost.md"
RULES = "PL801,PL805,PL807,PL808,PL810,PL811"


@pytest.fixture(autouse=True)
def stored_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written a moment ago are stored with their identity (not read again as possibly racy)."""
    from postlint.archive import store

    monkeypatch.setattr(store, "RACY_NS", 0)


def _post(site: Path, name: str, title: str, body: str, front: str = "") -> Path:
    path = site / "_posts" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    date = name[:10]
    head = f'---\nlayout: post\ntitle: "{title}"\ndate: {date} 09:00:00 +08:00\ncategories: [wire]\n{front}---\n'
    path.write_text(head + "<p>Text.</p>\n" + body, encoding="utf-8")
    return path


def _source(n: int) -> str:
    return f"author: Staff\nfrom: https://www.wire.example/story/{n}\n"


def _story(site: Path, day: int, body: str = CAPTIONED, front: str = "", tail: str = " | Newsroom Daily") -> Path:
    """Post ``day`` of the wire (a day of March 2024), captioned and with an author unless told otherwise."""
    name = f"2024-03-{day:02d}-s{day}.md"
    return _post(site, name, f"Story number {day}{tail}", body.format(n=day), front or _source(day))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A Jekyll site (a git checkout, its cache outside it): 24 captioned wire posts whose titles end with
    the site's name, each with an author; the checked post's figure has no caption and it names no author,
    and it links to the first post."""
    site = tmp_path / "site"
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    (site / "_config.yml").write_text("title: Wire\n", encoding="utf-8")
    for day in range(1, 25):
        _story(site, day)
    body = BARE.format(n=90) + "\nSee [the first](/wire/2024/03/01/s1.html).\n"
    _post(site, CHECKED[7:], "The lost caption | Newsroom Daily", body, "from: https://www.wire.example/story/90\n")
    return site


def _both(site: Path) -> list[tuple[str, str, int, int, str]]:
    """The findings of a run on the checked post without a cache, asserted equal to a run with the cache
    (the stored index of the runs before)."""
    base = ("check", "--now", NOW, "--format", "json", "--select", RULES, CHECKED)
    cold = run_cli(*base, "--no-cache", cwd=site)
    warm = run_cli(*base, "--cache-dir", str(site.parent / "cache"), cwd=site)
    assert warm[:2] == cold[:2], warm[2]
    assert cold[0] in (0, 1), cold[2]
    return [(f["path"], f["code"], f["line"], f["column"], f["message"]) for f in json.loads(cold[1])["findings"]]


def _codes(found: list[tuple[str, str, int, int, str]]) -> list[str]:
    return sorted(code for _, code, _, _, _ in found)


def _stored(site: Path) -> list[Path]:
    return list((site.parent / "cache").glob("v*/site-*.bin"))


def test_a_habit_flips_when_unchecked_files_change_and_back(site: Path) -> None:
    found = _both(site)
    assert _codes(found) == ["PL808", "PL810", "PL811"]
    assert any("24 of 24" in message for *_, message in found)
    assert len(_stored(site)) == 1
    assert _both(site) == found  # warm: every other file from the stored index
    # Two edited posts lose their caption and one its author: 22 of 24 is no habit for PL810 (95%), and 23
    # of 24 authors is none for PL811 (98%).
    _story(site, 1, BARE)
    _story(site, 2, BARE, "from: https://wire.example/2\n")
    assert _codes(_both(site)) == ["PL808"]
    assert _codes(_both(site)) == ["PL808"]  # and warm again
    # Back as they were: the habits hold again (the stored facts of the two files are replaced).
    _story(site, 1)
    _story(site, 2)
    assert _both(site) == found


def test_added_and_removed_posts_count_in_the_habits_and_the_titles(site: Path) -> None:
    found = _both(site)
    assert _codes(found) == ["PL808", "PL810", "PL811"]
    # Eight bare posts are added: 24 of 32 figures captioned is no habit.
    added = [
        _post(site, f"2024-04-{n:02d}-b{n}.md", f"Brief {n}", BARE.format(n=n), _source(100 + n)) for n in range(1, 9)
    ]
    assert _codes(_both(site)) == ["PL808", "PL811"]
    for path in added:
        path.unlink()
    assert _both(site) == found
    # Every other title loses its tail: the checked title's tail is its own, not the site's.
    for day in range(1, 25):
        _story(site, day, tail="")
    assert _codes(_both(site)) == ["PL810", "PL811"]
    _story(site, 7)  # one other title with the tail: two titles share it
    assert _codes(_both(site)) == ["PL808", "PL810", "PL811"]


def test_a_source_url_or_url_taken_by_an_unchecked_file_is_seen_warm(site: Path) -> None:
    assert _codes(_both(site)) == ["PL808", "PL810", "PL811"]
    # An edited post takes the checked post's source URL, then its URL (a permalink).
    path = _story(site, 5, front=_source(90))
    assert _codes(_both(site)) == ["PL805", "PL808", "PL810", "PL811"]
    _story(site, 5, front=_source(5) + "permalink: /wire/2024/03/20/lost.html\n")
    assert _codes(_both(site)) == ["PL807", "PL808", "PL810", "PL811"]
    path.unlink()
    assert _codes(_both(site)) == ["PL808", "PL810", "PL811"]


def test_a_config_change_moves_every_url(site: Path) -> None:
    assert _codes(_both(site)) == ["PL808", "PL810", "PL811"]
    # The permalink style changes: the checked post's link to the old URL of the first post is broken.
    (site / "_config.yml").write_text("title: Wire\npermalink: /:year/:title/\n", encoding="utf-8")
    assert _codes(_both(site)) == ["PL801", "PL808", "PL810", "PL811"]
    (site / "_config.yml").write_text("title: Wire\n", encoding="utf-8")
    assert _codes(_both(site)) == ["PL808", "PL810", "PL811"]


def test_an_edit_that_keeps_the_size_and_time_of_a_file_is_still_seen(site: Path) -> None:
    """A file rewritten with the same size and modification time has another status-change time."""
    path = site / "_posts" / "2024-03-03-s3.md"
    assert _codes(_both(site)) == ["PL808", "PL810", "PL811"]
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("<figcaption>Photo 3</figcaption>", "<p>Photo 3 without a caption</p>")
    assert len(edited) == len(text) and edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    _story(site, 4, BARE)  # with the edit above, 22 of 24: no habit (23 of 24 would still be one)
    assert _codes(_both(site)) == ["PL808", "PL811"]


@pytest.mark.parametrize("many", [False, True])
def test_title_tails_counted_one_by_one_equal_the_count_of_every_tail(many: bool) -> None:
    """PL808 counts the tails a pre-commit run asks about by looking at the titles that hold them, and every
    title's tails once it has asked about many: both counts agree."""
    import postlint_rules.title_site_suffix as rule

    from postlint.knowledge.pages import PageFacts

    titles = [
        "story one | wire",
        "story two | wire",
        "story 3 - award 2017",
        "story 4 - award 2017",
        'a b c d | "wire"',
        "abcd - x | wire",
        "a long enough headline ｜ 端傳媒 initium media",
        "another long headline ｜ 端傳媒 initium media",
        "yearly 2019 - series",
        "yearly 2020 - series",
        "no tail at all",
        "x | wire",
    ]
    site = SimpleNamespace(pages=[PageFacts(f"p{n}.md", f"p{n}.md", title=title) for n, title in enumerate(titles)])
    counts = rule._TailCounts(site)  # type: ignore[arg-type]
    if many:
        counts.scans = counts._SCANS
    every = rule._all_counts(counts.titles)
    tails = {tail for title in titles for tail in rule._tails(title)} | {"| nothing", "wire"}
    assert tails
    for tail in sorted(tails):
        assert counts.count(tail) == every.get(tail, 0), tail
    assert counts.count("| wire") == 3  # "x | wire" keeps too short a head
    assert counts.count("- series") == 0  # titles that differ only in their numbers
    assert counts.count("｜ 端傳媒 initium media") == 2
    assert (counts.all is not None) == many


@pytest.mark.parametrize(
    "path",
    [
        "a/b",
        "a//b",
        "a/./b",
        "./a",
        "../a",
        "a/..",
        "a/.",
        ".hidden/x",
        "a/.b",
        "a/",
        ".",
        "..",
        "a/b/../c",
        "_posts/中文.md",
        "a/...",
        "..a/b",
    ],
)
def test_a_walked_path_joins_the_working_folder_as_abspath_does(path: str) -> None:
    from postlint.knowledge.siteindex import _absolute

    for cwd in ("/work/site", "/"):
        assert _absolute(cwd, path) == os.path.normpath(os.path.join(cwd, path))
