"""The site's walk kept with the stored index (issue 19): a warm run that checks one post does not walk the
site again, and every way the kept walk can go stale gives the findings of a run without a cache."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli

NOW = "2026-11-26T00:00:00Z"
SECOND = "_posts/2024-01-02-second.md"
ARGS = ("--select", "PL801,PL802,PL805,PL806", SECOND)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _post(title: str, date: str, body: str) -> str:
    return f'---\nlayout: post\ntitle: "{title}"\ndate: {date} 09:00:00 +08:00\n---\n{body}'


@pytest.fixture(autouse=True)
def stored_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files and folders changed a moment ago are kept with their identity (not walked again as racy)."""
    from postlint.archive import store

    monkeypatch.setattr(store, "RACY_NS", 0)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A Jekyll site (a git checkout) whose checked post links to the first post and to a third; its
    cache is kept beside it (a cache inside the site changes the folders the walk kept)."""
    tmp_path = tmp_path / "site"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _write(tmp_path / "_config.yml", "title: Gazette\n")
    _write(tmp_path / "_posts" / "2024-01-01-first.md", _post("First", "2024-01-01", "## Intro\n\nHello.\n"))
    _write(
        tmp_path / "_posts" / "2024-01-02-second.md",
        _post(
            "Second",
            "2024-01-02",
            "See [the first]({% post_url 2024-01-01-first %}), [its intro](/2024/01/01/first.html#intro)\n"
            "and [the third]({% post_url 2024-01-03-third %}).\n",
        ),
    )
    _write(tmp_path / "about.md", "---\nlayout: page\ntitle: About\n---\nWe write.\n")
    return tmp_path


class Walks:
    """Counts the folder walks of the runs (a kept walk is used without one)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from postlint.run import walk

        self.count = 0
        original = walk._walk

        def counted(*args: object, **kwargs: object) -> object:
            if args and args[2] == "":  # the top folder of a walk (its subfolders have a relative path)
                self.count += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(walk, "_walk", counted)


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> Walks:
    return Walks(monkeypatch)


def _findings(site: Path, *args: str) -> tuple[int, list[tuple[str, str, int, int]]]:
    status, out, err = run_cli("check", "--now", NOW, "--format", "json", *args, cwd=site)
    assert status in (0, 1), err
    document = json.loads(out)
    return status, [(f["path"], f["code"], f["line"], f["column"]) for f in document["findings"]]


def _same_as_cold(site: Path, walks: Walks, *, walked: bool) -> list[tuple[str, str, int, int]]:
    """Run warm (the stored index and walk of the previous run), then without a cache: the same output.
    ``walked``: whether the warm run had to walk the site again."""
    before = walks.count
    warm = _findings(site, "--cache-dir=../cache", *ARGS)
    assert (walks.count > before) == walked
    cold = _findings(site, "--no-cache", *ARGS)
    assert warm == cold
    return warm[1]


def _stored(site: Path) -> None:
    """Store the index and the walk (the first run walks; the second uses what it kept)."""
    run_cli("check", "--now", NOW, "--cache-dir=../cache", *ARGS, cwd=site)


BROKEN_THIRD = [(SECOND, "PL801", 7, 17)]


def test_a_warm_run_uses_the_kept_walk_and_sees_changed_contents(site: Path, walks: Walks) -> None:
    _stored(site)
    assert _same_as_cold(site, walks, walked=False) == BROKEN_THIRD
    # A file's contents changed (its folder's time did not): its facts are read again, the walk is kept.
    first = site / "_posts" / "2024-01-01-first.md"
    first.write_text(_post("First", "2024-01-01", "## Outro\n\nHello.\n"), encoding="utf-8")
    assert _same_as_cold(site, walks, walked=False) == [(SECOND, "PL802", 6, 63), *BROKEN_THIRD]


def test_a_file_added_removed_or_renamed_in_a_folder(site: Path, walks: Walks) -> None:
    _stored(site)
    third = _write(site / "_posts" / "2024-01-03-third.md", _post("Third", "2024-01-03", "Hi.\n"))
    assert _same_as_cold(site, walks, walked=True) == []
    assert _same_as_cold(site, walks, walked=False) == []
    third.rename(site / "_posts" / "2024-01-03-thirds.md")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD
    (site / "_posts" / "2024-01-03-thirds.md").unlink()
    (site / "_posts" / "2024-01-01-first.md").unlink()
    found = _same_as_cold(site, walks, walked=True)
    assert [code for _, code, _, _ in found] == ["PL801", "PL801", "PL801"]


def test_a_file_added_in_a_new_subfolder(site: Path, walks: Walks) -> None:
    _stored(site)
    _write(site / "_posts" / "2024" / "2024-01-03-third.md", _post("Third", "2024-01-03", "Hi.\n"))
    assert _same_as_cold(site, walks, walked=True) == []
    assert _same_as_cold(site, walks, walked=False) == []
    # Then renamed in the subfolder the kept walk knows: only that folder's time changes.
    (site / "_posts" / "2024" / "2024-01-03-third.md").rename(site / "_posts" / "2024" / "2024-01-03-x.md")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD
    (site / "_posts" / "2024" / "2024-01-03-x.md").rename(site / "_posts" / "2024" / "2024-01-03-third.md")
    assert _same_as_cold(site, walks, walked=True) == []


def test_gitignore_edited(site: Path, walks: Walks) -> None:
    """git's ignore rules change no folder's time: asked again on every run."""
    _write(site / "_posts" / "2024-01-03-third.md", _post("Third", "2024-01-03", "Hi.\n"))
    _write(site / ".gitignore", "/notes/\n")
    _stored(site)
    assert _same_as_cold(site, walks, walked=False) == []
    (site / ".gitignore").write_text("/notes/\n_posts/*third*\n", encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD
    assert _same_as_cold(site, walks, walked=False) == BROKEN_THIRD
    (site / ".gitignore").write_text("/notes/\n", encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == []
    exclude = site / ".git" / "info" / "exclude"
    exclude.write_text(exclude.read_text(encoding="utf-8") + "2024-01-03-third.md\n", encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD


def test_config_exclude_edited(site: Path, walks: Walks) -> None:
    """postlint's own config (the walk's patterns) and the generator's (which files are content), each
    edited in place."""
    _write(site / "_posts" / "2024-01-03-third.md", _post("Third", "2024-01-03", "Hi.\n"))
    config = _write(site / "postlint.toml", 'extend-exclude = ["_drafts"]\n')
    _stored(site)
    assert _same_as_cold(site, walks, walked=False) == []
    config.write_text('extend-exclude = ["*third*"]\n', encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD
    config.write_text('extend-exclude = ["_drafts"]\n', encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == []
    (site / "_config.yml").write_text("title: Gazette\nexclude: [_posts/2024-01-03-third.md]\n", encoding="utf-8")
    assert _findings(site, "--cache-dir=../cache", *ARGS) == _findings(site, "--no-cache", *ARGS)


def test_a_folder_replaced_by_a_symlink(site: Path, walks: Walks) -> None:
    """A folder replaced by a symlink to another folder of the site (its parent's time changes; the
    walk that follows a symlink is not kept)."""
    other = site / "archive" / "_posts"
    other.mkdir(parents=True)
    posts = site / "_posts"
    _write(site / "_posts" / "2024" / "2024-01-03-third.md", _post("Third", "2024-01-03", "Hi.\n"))
    _stored(site)
    assert _same_as_cold(site, walks, walked=False) == []
    (posts / "2024").rename(other / "2024")
    (posts / "2024").symlink_to(other / "2024")
    assert _same_as_cold(site, walks, walked=True) == []
    assert _same_as_cold(site, walks, walked=True) == []  # a walk through a symlink is not kept
    (posts / "2024").unlink()
    (other / "2024" / "2024-01-03-third.md").unlink()
    (posts / "2024").symlink_to(other / "2024")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD


def test_a_post_overwritten_by_a_report_with_a_kept_walk(site: Path, walks: Walks) -> None:
    third = _write(site / "_posts" / "2024-01-03-third.html", _post("Third", "2024-01-03", "<p>Hi.</p>\n"))
    _stored(site)
    assert _same_as_cold(site, walks, walked=False) == []
    third.write_text('<html><head><meta name="generator" content="postlint"></head></html>\n', encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD
    assert _same_as_cold(site, walks, walked=False) == BROKEN_THIRD


def test_racy_folders_are_walked_again(site: Path, walks: Walks, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder changed within the racy window of the run is not kept: its next change could keep its time."""
    from postlint.archive import store

    monkeypatch.setattr(store, "RACY_NS", 10**18)
    _stored(site)
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD


def _touch_back(path: Path) -> Callable[[], None]:
    stamp = path.stat()

    def back() -> None:
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))

    return back


def test_a_folder_time_set_back_is_still_a_change(site: Path, walks: Walks) -> None:
    """A folder's modification time set back after a name was added: its status-change time still tells."""
    posts = site / "_posts"
    back = _touch_back(posts)
    _stored(site)
    _write(posts / "2024-01-03-third.md", _post("Third", "2024-01-03", "Hi.\n"))
    back()
    assert _same_as_cold(site, walks, walked=True) == []


def test_a_nested_site_config_edited_in_place(site: Path, walks: Walks) -> None:
    """A site's config below the site's folder decides which of its files are content: edited in place
    (no folder's time changes), the kept walk is not used."""
    nested = _write(site / "sub" / "_config.yml", "title: Sub\n")
    _write(site / "sub" / "_posts" / "2024-01-03-third.md", _post("Third", "2024-01-03", "Hi.\n"))
    _stored(site)
    expected = _same_as_cold(site, walks, walked=False)
    nested.write_text("title: Sub\nexclude: [_posts]\n", encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) != expected


def test_a_page_that_loses_or_gains_its_front_matter(site: Path, walks: Walks) -> None:
    """Jekyll renders a page only with front matter: a page edited in place (no folder's time changes) into
    one without it leaves the site, and back."""
    second = site / SECOND
    second.write_text(second.read_text(encoding="utf-8") + "Read [about us](/about.html).\n", encoding="utf-8")
    about = site / "about.md"
    _stored(site)
    assert _same_as_cold(site, walks, walked=False) == BROKEN_THIRD
    about.write_text("We write.\n", encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == [*BROKEN_THIRD, (SECOND, "PL801", 8, 17)]
    assert _same_as_cold(site, walks, walked=False) == [*BROKEN_THIRD, (SECOND, "PL801", 8, 17)]
    about.write_text("---\ntitle: About\n---\nWe write.\n", encoding="utf-8")
    assert _same_as_cold(site, walks, walked=True) == BROKEN_THIRD
