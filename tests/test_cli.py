"""The command line as a user meets it: output, formats, exit codes and mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_cli, run_cli_process

# Most tests here run the command in-process (conftest.run_cli, click's runner). Kept as real processes
# (run_cli_process and the Popen/pty tests below), because only a process shows them: the golden text run
# (the installed module's start-up, flush and exit status), a large report written whole before os._exit
# with --jobs worker processes, a closed pipe, and the progress bar on a terminal.

BAD = """---
layout: post
title: "Ferry returns"
date: 2024-03-18 09:30:00
auther: City Desk
---

Body.
"""
GOOD = '---\nlayout: post\ntitle: "Ferry"\ndate: 2024-03-18 09:30:00 +08:00\n---\n\nBody.\n'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-03-18-bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "_posts" / "2024-03-18-good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_text_output_is_golden(site: Path) -> None:
    status, out, err = run_cli_process("check", "_posts", "--now", "2026-01-01T00:00:00Z", cwd=site)
    assert status == 1, err
    assert out == (
        "_posts/2024-03-18-bad.md:4:7: PL202 'date' date-time 2024-03-18 09:30:00 has no time zone: it is read "
        "in the build machine's zone (add an offset like +08:00, or set the site's timezone) "
        "[date-missing-timezone]\n"
        "_posts/2024-03-18-bad.md:5:1: PL104 unknown key 'auther': did you mean 'author'? [front-matter-key-typo]\n"
        "\nFound 2 problems (2 warnings) in 1 file; 2 files checked.\n"
    )
    assert err == ""


def test_clean_run_exits_zero(site: Path) -> None:
    status, out, _ = run_cli("check", "_posts/2024-03-18-good.md", cwd=site)
    assert (status, out) == (0, "All checks passed (1 file checked).\n")


def test_json_output(site: Path) -> None:
    status, out, _ = run_cli("check", "_posts", "--format", "json", "--now", "2026-01-01T00:00:00Z", cwd=site)
    assert status == 1
    document = json.loads(out)
    assert document["files_checked"] == 2
    assert document["summary"]["by_rule"] == {"PL104": 1, "PL202": 1}
    first = document["findings"][0]
    assert {
        k: first[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "fixable")
    } == {
        "path": "_posts/2024-03-18-bad.md",
        "line": 4,
        "column": 7,
        "end_line": 4,
        "end_column": 26,
        "code": "PL202",
        "name": "date-missing-timezone",
        "severity": "warning",
        "fixable": False,
    }
    assert set(document) == {"postlint_version", "files_checked", "findings", "summary"}


def test_select_ignore_and_fail_on(site: Path) -> None:
    status, out, _ = run_cli("check", "_posts", "--select", "PL1", "-q", cwd=site)
    assert status == 1 and out.count("PL104") == 1 and "PL202" not in out
    status, out, _ = run_cli("check", "_posts", "--ignore", "front-matter-key-typo,PL202", cwd=site)
    assert status == 0
    status, _, _ = run_cli("check", "_posts", "--fail-on", "error", cwd=site)
    assert status == 0
    status, _, _ = run_cli("check", "_posts", "--exit-zero", cwd=site)
    assert status == 0


def test_statistics_and_quiet(site: Path) -> None:
    """As ruff: --statistics prints the table of counts per rule instead of each finding ([*]: has a fix)."""
    _, out, _ = run_cli("check", "_posts", "--statistics", "--quiet", cwd=site)
    assert out == "1  PL104      front-matter-key-typo\n1  PL202      date-missing-timezone\n"
    _, out, _ = run_cli("check", "_posts", "--statistics", cwd=site)
    assert out.startswith(
        "1  PL104      front-matter-key-typo\n1  PL202      date-missing-timezone\n\nFound 2 problems"
    )
    assert ":1: PL" not in out and ":4:" not in out
    _, out, _ = run_cli("check", "--statistics", "-q", "--no-cache", str(ROOT / "examples" / "ad-remnant" / "bad.md"))
    assert "  PL501  [*] ad-remnant\n" in out


@pytest.mark.parametrize(
    ("environment", "flag", "colored"),
    [
        ({"NO_COLOR": "1"}, "auto", False),
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", False),
        ({"NO_COLOR": ""}, "auto", False),  # empty is unset (no-color.org): not a terminal, so no colour
        ({"NO_COLOR": "1"}, "always", True),  # the flag wins over the environment
        ({"FORCE_COLOR": "1"}, "never", False),
    ],
)
def test_no_color_and_force_color(
    site: Path, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], flag: str, colored: bool
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run_cli("check", "_posts", "--color", flag, cwd=site)
    assert ("\x1b[" in out) == colored


def test_a_bad_changed_since_ref_is_named_with_gits_reason(tmp_path: Path) -> None:
    import subprocess

    (tmp_path / "a.md").write_text("---\ntitle: t\n---\nBody.\n", encoding="utf-8")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    status, out, err = run_cli("check", "--changed-since", "origin/mian", cwd=tmp_path)
    assert status == 2 and out == ""
    assert '--changed-since: "origin/mian" is not a commit in this repository' in err
    assert "(git says: fatal: Needed a single revision)" in err
    # A ref that looks like an option is a name, never an option to git.
    status, _, err = run_cli("check", "--changed-since", "--output=/tmp/x", cwd=tmp_path)
    assert status == 2 and '"--output=/tmp/x" is not a commit' in err


def test_color_only_when_asked(site: Path) -> None:
    _, plain, _ = run_cli("check", "_posts", cwd=site)
    _, colored, _ = run_cli("check", "_posts", "--color", "always", cwd=site)
    assert "\x1b[" not in plain
    assert "\x1b[" in colored


@pytest.mark.parametrize(
    ("args", "config", "needle"),
    [
        (["--select", "PL999"], None, "--select/select: 'PL999' matches no rule"),
        ([], "profile = 'blog'\n", "profile: unknown profile 'blog'"),
        ([], "fail-on = 'sometimes'\n", "fail-on: Input should be"),
        ([], "colour = 'red'\n", "colour: unknown key"),
        ([], "[rules.date-in-future]\ntolerance-hour = 3\n", "rules.date-in-future.tolerance-hour: unknown option"),
        (
            [],
            "[rules.date-in-future]\nseverity = 'fatal'\n",
            "rules.date-in-future.severity: 'fatal' is not a severity",
        ),
        ([], "[rules.no-such-rule]\nseverity = 'error'\n", "rules.no-such-rule: no rule has this code or name"),
        ([], "timezone = 'Mars/Olympus'\n", "timezone: 'Mars/Olympus' is not a known IANA time zone"),
        ([], "[front-matter.fields.title]\ntype = 'strng'\n", "front-matter.fields.title.type: unknown type"),
        ([], "[front-matter]\nmodel = 'nowhere.module:Model'\n", "front-matter.model: cannot load"),
        ([], "this is not toml", "invalid TOML"),
        (["--now", "yesterday"], None, "--now"),
    ],
)
def test_config_and_usage_errors_exit_2_naming_the_key(
    site: Path, args: list[str], config: str | None, needle: str
) -> None:
    if config is not None:
        (site / "postlint.toml").write_text(config, encoding="utf-8")
    status, out, err = run_cli("check", "_posts", *args, cwd=site)
    assert status == 2
    assert needle in err
    assert "Traceback" not in err and out == ""


def test_missing_path_is_a_usage_error(site: Path) -> None:
    status, _, err = run_cli("check", "nope.md", cwd=site)
    assert status == 2 and "'nope.md' does not exist" in err


def test_pyproject_config_is_found_walking_up(site: Path) -> None:
    (site / "pyproject.toml").write_text("[tool.postlint]\nignore = ['PL104']\n", encoding="utf-8")
    status, out, _ = run_cli("check", "2024-03-18-bad.md", "-q", cwd=site / "_posts")
    assert status == 1 and "PL104" not in out and "PL202" in out
    status, _, err = run_cli("check", "_posts", cwd=site)
    (site / "pyproject.toml").write_text("[tool.postlint]\nignor = ['PL104']\n", encoding="utf-8")
    status, _, err = run_cli("check", "_posts", cwd=site)
    assert status == 2 and "tool.postlint.ignor: unknown key" in err


def test_explicit_config_overrides_discovery(site: Path, tmp_path: Path) -> None:
    (site / "postlint.toml").write_text("ignore = ['PL104']\n", encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text("ignore = ['PL202']\n", encoding="utf-8")
    _, out, _ = run_cli("check", "_posts", "-q", "--config", str(other), cwd=site)
    assert "PL104" in out and "PL202" not in out


def test_rules_explain_and_schema() -> None:
    status, out, _ = run_cli("rules")
    assert status == 0
    assert "PL104  front-matter-key-typo" in out
    status, out, _ = run_cli("explain", "PL104")
    assert status == 0
    assert "## What it does" in out and "## Why is this bad?" in out and "auther" in out
    status, out, _ = run_cli("explain", "date-in-future")
    assert status == 0 and "`tolerance-hours` = 24.0" in out
    status, _, err = run_cli("explain", "PL000")
    assert status == 2 and "no rule has the code or name 'PL000'" in err
    status, out, _ = run_cli("schema", "--profile", "news")
    schema = json.loads(out)
    assert status == 0
    assert set(schema["required"]) == {"layout", "title", "date"}
    assert schema["properties"]["from"] == {"default": None, "title": "From", "type": ["string", "null"]}


def test_python_dash_m_and_version() -> None:
    status, out, _ = run_cli("--version")
    assert status == 0 and out.startswith("postlint, version ")


def test_every_byte_of_a_large_report_is_written_before_exit(tmp_path: Path) -> None:
    # The command ends with os._exit after flushing; a report of thousands of findings must arrive whole.
    for n in range(400):
        (tmp_path / f"2024-03-18-post-{n}.md").write_text(BAD, encoding="utf-8")
    status, out, err = run_cli_process("check", ".", "--format", "json", "--no-cache", "--jobs", "2", cwd=tmp_path)
    assert status == 1 and err == ""
    report = json.loads(out)
    assert report["summary"]["total"] == len(report["findings"]) >= 800
    status, out, _ = run_cli_process("check", ".", "--no-cache", "--jobs", "1", cwd=tmp_path)
    assert status == 1 and out.rstrip().splitlines()[-1].startswith("Found ")


def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    for n in range(800):  # 1,600 findings: far more than a pipe holds, so writing must meet the closed end
        (tmp_path / f"2024-03-18-post-{n}.md").write_text(BAD, encoding="utf-8")
    reader = subprocess.Popen(
        [sys.executable, "-m", "postlint", "check", ".", "--no-cache"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.readline()  # like `postlint check | head -1`
    reader.stdout.close()
    error = reader.stderr.read().decode()
    status = reader.wait(timeout=60)
    assert first.startswith(b"2024-03-18-post-")
    assert "Traceback" not in error and status == 1


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    for n in range(300):
        (tmp_path / f"p{n}.md").write_text(GOOD, encoding="utf-8")
    _, _, err = run_cli("check", ".", "--no-cache", "-j", "1", cwd=tmp_path)
    assert "files" not in err and "[" not in err
    # With a terminal on stderr (a pty), a bar is drawn and erased.
    leader, follower = pty.openpty()
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy, sys; sys.argv=['postlint','check','.','--no-cache','-j','1'];"
            "runpy.run_module('postlint', run_name='__main__')",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=follower,
        timeout=300,
        env={**os.environ, "POSTLINT_PROGRESS_DELAY": "0"},
    )
    os.close(follower)
    chunks = b""
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks += data
    os.close(leader)
    assert completed.returncode == 0
    assert b"/300 files" in chunks and b"\x1b[K" in chunks


def test_options_of_unselected_rules_are_checked_too(site: Path) -> None:
    (site / "postlint.toml").write_text("[rules.PL203]\ntolerance-hour = 3\n", encoding="utf-8")
    status, _, err = run_cli("check", "_posts", "--select", "PL1", cwd=site)
    assert status == 2 and "rules.PL203.tolerance-hour: unknown option" in err


def test_each_file_uses_the_config_nearest_to_it(site: Path) -> None:
    (site / "postlint.toml").write_text("ignore = ['PL104']\n", encoding="utf-8")
    legacy = site / "_posts" / "legacy"
    legacy.mkdir()
    (legacy / "postlint.toml").write_text("ignore = ['PL202']\n", encoding="utf-8")
    (legacy / "2024-03-18-old.md").write_text(BAD, encoding="utf-8")
    status, out, _ = run_cli("check", ".", "-q", "--no-cache", cwd=site)
    assert status == 1
    lines = sorted(line.split(" ")[0:2] for line in out.splitlines())
    assert lines == [
        ["_posts/2024-03-18-bad.md:4:7:", "PL202"],  # the root config ignores PL104 here
        ["_posts/legacy/2024-03-18-old.md:5:1:", "PL104"],  # the nearer config ignores PL202 instead
    ]
    # --config applies one config to every file.
    status, out, _ = run_cli("check", ".", "-q", "--no-cache", "--config", "postlint.toml", cwd=site)
    assert {line.split(" ")[1] for line in out.splitlines()} == {"PL202"}
