"""PL811 front-matter-key-habit-broken: a group's front-matter keys learned from the whole site, through the
command line (line:column, message, empty values, list pages, options, a pre-commit run, hostile keys)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

NOW = "2026-11-26T00:00:00Z"


def _post(path: Path, front: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\nlayout: post\ntitle: Story\n{front}---\nText of the story.\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A Jekyll site: 60 posts of the category `wire`, each with a link, an author and empty keywords."""
    (tmp_path / "_config.yml").write_text("title: Wire\n", encoding="utf-8")
    for n in range(60):
        front = f"categories: [wire]\nlink: https://wire.example/{n}\nauthor: Staff\nkeywords: []\n"
        _post(tmp_path / "_posts" / f"2024-{n // 28 + 1:02d}-{n % 28 + 1:02d}-s{n}.md", front)
    return tmp_path


def _check(site: Path, *args: str) -> list[tuple[str, str, int, int, str]]:
    status, out, err = run_cli("check", "--now", NOW, "--format", "json", "--select", "PL811", *args, cwd=site)
    assert status in (0, 1), err
    return [(f["path"], f["code"], f["line"], f["column"], f["message"]) for f in json.loads(out)["findings"]]


def test_a_post_without_a_key_every_other_post_of_its_group_writes_is_reported(site: Path) -> None:
    _post(site / "_posts" / "2024-03-25-lost.md", "categories: [wire]\nauthor: Staff\n")
    _post(site / "_posts" / "2024-03-26-empty.md", 'categories: [wire]\nlink: ""\nauthor: Staff\n')
    assert _check(site, "--no-cache", ".") == [
        (
            f"_posts/2024-03-{day}.md",
            "PL811",
            1,
            1,
            "front matter has no value for 'link' (60 of 61): the other posts in category 'wire' write the key,"
            " so this one probably lost it on the way",
        )
        for day in ("25-lost", "26-empty")
    ]


def test_a_pre_commit_run_on_one_post_learns_from_the_others_with_and_without_a_cache(site: Path) -> None:
    _post(site / "_posts" / "2024-03-25-lost.md", "categories: [wire]\n")
    for args in (("--no-cache",), ("--cache-dir", ".cache"), ("--cache-dir", ".cache")):
        found = _check(site, *args, "_posts/2024-03-25-lost.md")
        assert [f[:4] for f in found] == [("_posts/2024-03-25-lost.md", "PL811", 1, 1)]
        assert "no value for 'author' (all 60), 'link' (all 60)" in found[0][4]


def test_small_groups_empty_keys_list_pages_and_ignored_keys_are_left_alone(site: Path) -> None:
    front = "categories: [wire]\nlink: https://wire.example/x\nauthor: S\n"
    _post(site / "_posts" / "2024-03-25-no-keywords.md", front)
    _post(site / "news" / "_index.md", "categories: [wire]\n")  # not a post: a list page is not judged
    for day in range(1, 4):
        _post(site / "_posts" / f"2024-04-0{day}-o{day}.md", "categories: [other]\nlink: https://o.example/\n")
    _post(site / "_posts" / "2024-04-09-o9.md", "categories: [other]\n")  # 3 others: under min-posts
    assert _check(site, "--no-cache", ".") == []
    (site / "postlint.toml").write_text(
        '[rules.front-matter-key-habit-broken]\nmin-posts = 3\nignore-keys = ["author"]\n', encoding="utf-8"
    )
    _post(site / "_posts" / "2024-03-27-no-author.md", "categories: [wire]\nlink: https://wire.example/y\n")
    assert [f[:4] for f in _check(site, "--no-cache", ".")] == [("_posts/2024-04-09-o9.md", "PL811", 1, 1)]


def test_hostile_key_names_are_neither_kept_whole_nor_written_raw(site: Path) -> None:
    hostile = "evil\x1b[31m" + "k" * 30
    for path in (site / "_posts").iterdir():
        text = path.read_text(encoding="utf-8").replace("author:", f'"{hostile}": 1\nauthor:', 1)
        path.write_text(text.replace("\x1b", "\\e"), encoding="utf-8")
    _post(site / "_posts" / "2024-03-25-lost.md", "categories: [wire]\nlink: https://wire.example/z\nauthor: S\n")
    status, out, err = run_cli("check", "--now", NOW, "--no-cache", "--select", "PL811", ".", cwd=site)
    assert status == 0, err  # an info finding does not fail the run
    assert "PL811" in out and "'evil\\x1b[31mkkk" in out and "\x1b" not in out + err
