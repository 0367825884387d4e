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


def _from_a_fork(work: Path, marker: Path) -> None:
    """The pull request also adds a nested config that silences its findings and a rule folder that runs code."""
    (work / "_posts" / ".postlint.toml").write_text(
        'ignore = ["PL104", "PL501"]\nrule-dirs = ["lint_rules"]\n', encoding="utf-8"
    )
    (work / "_posts" / "lint_rules").mkdir()
    (work / "_posts" / "lint_rules" / "evil.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8"
    )
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "silence postlint")


@pytest.mark.parametrize(
    ("isolated", "fork", "status"),
    [("auto", "true", 1), ("auto", "false", 0), ("auto", "", 0), ("true", "false", 1), ("false", "true", 0)],
)
def test_action_isolates_pull_requests_from_forks(
    pull_request: Path, tmp_path: Path, isolated: str, fork: str, status: int
) -> None:
    marker = tmp_path / "rule-dir-ran"
    _from_a_fork(pull_request, marker)
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["isolated"]["default"] == "auto"
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Run postlint")
    # The flag the step reads is GitHub's own answer to "is the head in another repository?".
    assert step["env"]["POSTLINT_FORK_PULL_REQUEST"] == (
        "${{ github.event.pull_request && github.event.pull_request.head.repo.full_name != github.repository }}"
    )
    inputs = {key: spec.get("default", "") for key, spec in action["inputs"].items()}
    inputs.update({"changed-since": "origin/main", "isolated": isolated})
    env = {f"INPUT_{key.upper().replace('-', '_')}": value for key, value in inputs.items()}
    completed = _bash(step["run"], pull_request, POSTLINT_FORK_PULL_REQUEST=fork, **env)
    assert completed.returncode == status, completed.stderr
    if status == 1:  # isolated: the findings are back and the pull request's rule folder never ran
        assert completed.stdout.count("::warning file=_posts/2024-03-19-bad.md") == 2
        assert not marker.exists()
    else:  # trusted: the repository's config and rules apply, as for any linter with plugins
        assert marker.exists() and "::warning" not in completed.stdout


def test_action_rejects_a_bad_isolated_value(pull_request: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Run postlint")
    env = {f"INPUT_{key.upper().replace('-', '_')}": spec.get("default", "") for key, spec in action["inputs"].items()}
    completed = _bash(step["run"], pull_request, **{**env, "INPUT_ISOLATED": "yes"})
    assert completed.returncode == 2 and "input 'isolated' must be auto, true or false" in completed.stderr


@pytest.mark.parametrize("fork", [True, False])
def test_github_workflow_isolates_forks(pull_request: Path, tmp_path: Path, fork: bool) -> None:
    marker = tmp_path / "rule-dir-ran"
    _from_a_fork(pull_request, marker)
    workflow = yaml.safe_load((ROOT / "examples" / "ci" / "github-workflow.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["postlint"]["steps"] if s.get("run", "").startswith("postlint")]
    assert step["env"]["POSTLINT_ISOLATED"] == (
        "${{ github.event.pull_request.head.repo.full_name != github.repository && '--isolated' || '' }}"
    )
    command = step["run"].replace("${{ github.base_ref }}", "main")
    completed = _bash(command, pull_request, POSTLINT_ISOLATED="--isolated" if fork else "")
    assert completed.returncode == (1 if fork else 0), completed.stderr
    assert marker.exists() != fork


@pytest.mark.parametrize("fork", [True, False])
def test_gitlab_job_isolates_forks(pull_request: Path, tmp_path: Path, fork: bool) -> None:
    marker = tmp_path / "rule-dir-ran"
    _from_a_fork(pull_request, marker)
    job = yaml.safe_load((ROOT / "examples" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["postlint"]
    fork_rule = job["rules"][0]
    assert "$CI_MERGE_REQUEST_SOURCE_PROJECT_ID != $CI_MERGE_REQUEST_PROJECT_ID" in fork_rule["if"]
    variables = fork_rule["variables"] if fork else {}
    [command] = [line for line in job["script"] if line.startswith("postlint")]
    completed = _bash(command, pull_request, CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main", **variables)
    assert completed.returncode == (1 if fork else 0), completed.stderr
    assert marker.exists() != fork
    quality = json.loads((pull_request / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert len(quality) == (2 if fork else 0)


WHEELHOUSE = ROOT / ".wheelhouse"


@pytest.mark.slow
@pytest.mark.skipif(
    not any(WHEELHOUSE.glob("pydantic-*.whl")),
    reason="no .wheelhouse/ of postlint's dependencies: run `pip wheel -w .wheelhouse . setuptools wheel` "
    "(the README's test command does) so the action's install step runs without network",
)
def test_action_installs_postlint_into_a_venv_of_its_own(tmp_path: Path) -> None:
    """The install step makes a venv under RUNNER_TEMP and puts its bin folder on GITHUB_PATH: the runner's
    system Python (PEP 668 on current Ubuntu images) is never pip-installed into."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s["name"] == "Install postlint")
    assert "--user" not in step["run"] and "sudo" not in step["run"]
    runner_temp, path_file = tmp_path / "runner-temp", tmp_path / "github-path"
    runner_temp.mkdir()
    env = {
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_PATH": str(path_file),
        "GITHUB_ACTION_PATH": str(ROOT),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
    }
    completed = subprocess.run(
        ["bash", "-c", step["run"]], cwd=tmp_path, capture_output=True, text=True, env=_env(**env), timeout=600
    )
    assert completed.returncode == 0, completed.stderr
    [added] = path_file.read_text(encoding="utf-8").splitlines()
    assert Path(added) == runner_temp / "postlint-venv" / "bin"
    version = subprocess.run([str(Path(added) / "postlint"), "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "postlint" in version.stdout
