"""The real pre-commit runs this checkout's hook (`pre-commit try-repo`), installing it without network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

WHEELHOUSE = ROOT / ".wheelhouse"
BAD = "---\nlayout: post\ntitle: t\nauther: City Desk\n---\nBody.\n"
GOOD = "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\nBody.\n"


@pytest.mark.slow
@pytest.mark.skipif(
    not any(WHEELHOUSE.glob("pydantic-*.whl")),
    reason="no .wheelhouse/ of postlint's dependencies: run `pip wheel -w .wheelhouse . setuptools wheel` "
    "(the README's test command does) so pre-commit can install the hook without network",
)
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts" / "2024-03-18-bad.md").write_text(BAD, encoding="utf-8")
    (site / "_posts" / "2024-03-18-good.md").write_text(GOOD, encoding="utf-8")
    (site / "notes.txt").write_text("auther: not a post\n", encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        # pip inside pre-commit's new environment installs from the local wheelhouse only: no network.
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env.pop("VIRTUAL_ENV", None)
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    subprocess.run(["git", "add", "."], cwd=site, check=True)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "postlint", "--files", *files],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    failing = try_repo("_posts/2024-03-18-bad.md", "notes.txt")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "_posts/2024-03-18-bad.md:4:1: PL104 unknown key 'auther': did you mean 'author'?" in failing.stdout
    assert "notes.txt" not in failing.stdout.split("Passed")[-1], "a .txt file is not a post for the hook"
    passing = try_repo("_posts/2024-03-18-good.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "postlint" in passing.stdout and "Passed" in passing.stdout
