"""The GitHub Action and the CI examples run the commands they show (postlint installed, no network)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

BAD = '---\nlayout: post\ntitle: t\nauther: x\n---\n<div id="dfp-ad-1" class="dfp-tag-wrapper"></div>\n'
GOOD = "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\nFine.\n"
BIN = str(Path(sys.executable).parent)


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": BIN + os.pathsep + os.environ.get("PATH", ""),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        **extra,
    }


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=_env())


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone whose branch adds a bad post on top of origin/main."""
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    work = tmp_path / "site"
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    (work / "_posts").mkdir()
    (work / "_posts" / "2024-03-18-good.md").write_text(GOOD, encoding="utf-8")
    _git(work, "checkout", "-q", "-b", "main")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "good post")
    _git(work, "push", "-q", "origin", "main")
    _git(work, "checkout", "-q", "-b", "feature")
    (work / "_posts" / "2024-03-19-bad.md").write_text(BAD, encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "bad post")
    return work


def _bash(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, env=_env(**env), timeout=300)


def test_action_runs_postlint_with_annotations_and_sarif(pull_request: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Run postlint")
    inputs = {key: spec.get("default", "") for key, spec in action["inputs"].items()}
    inputs["changed-since"] = "origin/main"
    env = {f"INPUT_{key.upper().replace('-', '_')}": value for key, value in inputs.items()}
    completed = _bash(step["run"], pull_request, **env)
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout.count("::warning file=_posts/2024-03-19-bad.md") == 2
    sarif = json.loads((pull_request / "postlint.sarif").read_text(encoding="utf-8"))
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"PL104", "PL501"}


def test_github_workflow_commands(pull_request: Path) -> None:
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["postlint"]["steps"]
    commands = [
        s["run"].replace("${{ github.base_ref }}", "main") for s in steps if s.get("run", "").startswith("postlint")
    ]
    assert commands
    for command in commands:
        completed = _bash(command, pull_request)
        assert completed.returncode == 1 and "::warning " in completed.stdout, completed.stderr
    assert (pull_request / "postlint.sarif").is_file()


def test_gitlab_job_commands(pull_request: Path) -> None:
    job = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["postlint"]
    commands = [line for line in job["script"] if line.startswith("postlint")]
    for command in commands:
        completed = _bash(command, pull_request, CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main")
        assert completed.returncode == 1, completed.stderr
    for report in job["artifacts"]["reports"].values():
        assert (pull_request / report).is_file()
    quality = json.loads((pull_request / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert {issue["location"]["path"] for issue in quality} == {"_posts/2024-03-19-bad.md"}


def test_archive_report_script(pull_request: Path) -> None:
    script = ROOT / "examples" / "ci" / "archive-report.sh"
    completed = subprocess.run(
        ["bash", str(script)], cwd=pull_request, capture_output=True, text=True, env=_env(), timeout=300
    )
    assert completed.returncode == 0, completed.stderr
    assert (pull_request / "postlint-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (pull_request / "postlint-summary.md").read_text(encoding="utf-8").startswith("## postlint")
    (pull_request / "_posts" / "2024-03-20-new.md").write_text(BAD.replace("auther", "descrition"), encoding="utf-8")
    completed = subprocess.run(
        ["bash", str(script)], cwd=pull_request, capture_output=True, text=True, env=_env(), timeout=300
    )
    assert completed.returncode == 1
    assert "2024-03-20-new.md" in (pull_request / "postlint-new.txt").read_text(encoding="utf-8")
