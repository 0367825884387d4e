"""A run that was asked to check something checks it, or says that it checked nothing and fails."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

POST = "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\n\nBody <img src='a.png'>\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n", encoding="utf-8")
    for name in ("drafts/a.md", "drafts/sub/b.md", "posts/c.md", "posts/d.tmp.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(POST, encoding="utf-8")
    return tmp_path


def _checked(out: str) -> list[str]:
    return sorted({finding["path"] for finding in json.loads(out)["findings"]})


def test_a_named_folder_that_git_ignores_is_linted(repo: Path) -> None:
    status, out, err = run_cli("check", "drafts", "--format", "json", "--no-cache", cwd=repo)
    assert status == 1, err
    assert json.loads(out)["files_checked"] == 2
    assert _checked(out) == ["drafts/a.md", "drafts/sub/b.md"]


def test_walking_from_above_still_skips_what_git_ignores(repo: Path) -> None:
    status, out, err = run_cli("check", ".", "--format", "json", "--no-cache", cwd=repo)
    assert status == 1, err
    assert _checked(out) == ["posts/c.md"]  # drafts/ and *.tmp.md are ignored when walked into
    status, out, err = run_cli("check", "posts", "--format", "json", "--no-cache", cwd=repo)
    assert _checked(out) == ["posts/c.md"]  # a named folder that is not ignored keeps git's view inside


def test_a_run_that_checks_nothing_says_so_and_exits_2(repo: Path) -> None:
    (repo / "empty").mkdir()
    (repo / "assets").mkdir()
    (repo / "assets" / "logo.png").write_bytes(b"\x89PNG")
    (repo / "only-ignored").mkdir()
    (repo / "only-ignored" / "x.tmp.md").write_text(POST, encoding="utf-8")
    for folder in ("empty", "assets", "only-ignored"):
        status, out, err = run_cli("check", folder, "--no-cache", cwd=repo)
        assert status == 2, (folder, out, err)
        assert out == ""
        assert err == (
            f"postlint: error: PATHS: found no file to check in \"{folder}\" (no file there matches 'include', "
            "or every one is excluded or ignored by git): name the folder that holds the posts\n"
        )
    # The same for the other commands that lint, and with --exit-zero (it is about findings, not this).
    assert run_cli("check", "empty", "--exit-zero", cwd=repo)[0] == 2
    assert run_cli("report", "empty", "-o", "r.html", cwd=repo)[0] == 2
    assert not (repo / "r.html").exists()
    assert run_cli("baseline", "write", "b.json", "empty", cwd=repo)[0] == 2


def test_a_hostile_folder_name_is_quoted_in_the_message(tmp_path: Path) -> None:
    folder = tmp_path / "a\x1b[31mred\nline"
    folder.mkdir()
    status, _, err = run_cli("check", str(folder), "--no-cache")
    assert status == 2
    assert "\x1b" not in err and err.count("\n") == 1
    assert "a\\u001b[31mred\\nline" in err


def test_an_empty_change_set_is_not_a_mistake(repo: Path) -> None:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "init"], cwd=repo, check=True
    )
    status, out, err = run_cli("check", "--changed-since", "HEAD", "--no-cache", cwd=repo)
    assert (status, err) == (0, "")
    assert "0 files checked" in out
    status, out, err = run_cli("check", "--files-from", "/dev/null", "--no-cache", cwd=repo)
    assert (status, err) == (0, "")
