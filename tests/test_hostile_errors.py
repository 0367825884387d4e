"""Error messages on standard error carry strings from the repository (a site's ``_config.yml``, config keys,
paths): they land in the CI log, where a line starting ``::`` is a workflow command, and in terminals. Even
under ``--isolated`` the site's ``_config.yml`` is read, so a pull request controls these strings."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint.cli.main import main

POST = "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00\n---\nHello\n"
HOSTILE = "Europe/Paris\n::error file=README.md,line=1::Forged\x1b[2J\u202e\x00"


@pytest.mark.parametrize("where", ["site-config", "config-key", "path"])
def test_an_error_message_stays_one_inert_line(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-03-18-a.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    target = "_posts"
    if where == "site-config":
        escaped = HOSTILE.replace("\n", "\\n").replace("\x1b", "\\e").replace("\x00", "\\0")
        (tmp_path / "_config.yml").write_text(f'timezone: "{escaped}"\n', encoding="utf-8")
    elif where == "config-key":
        key = HOSTILE.replace("\n", "\\n").replace("\x1b", "\\u001b").replace("\x00", "\\u0000")
        (tmp_path / "postlint.toml").write_text(f'"{key}" = 1\n', encoding="utf-8")
    else:
        target = HOSTILE.replace("\x00", "")  # no NUL in a real argv
    args = ["check", "--no-cache", "--now", "2026-01-01T00:00:00Z", target]
    result = CliRunner().invoke(main, [*args, "--isolated"] if where != "config-key" else args)
    assert result.exit_code == 2, result.output
    error = result.stderr
    assert error.startswith("postlint: error: ") and error.count("\n") == 1, repr(error)
    assert "::error" in error and "\\n::error" in error  # shown, escaped, on the same line
    assert not any(c in error for c in "\x1b\u202e\x00\r")
    assert "\\u202e" in error  # the bidi override is shown, not applied


def test_stale_baseline_entries_are_listed_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline file is the pull request's own when it sits in the checkout; its stale entries are listed
    on stderr, where a newline in a path used to start a forged workflow command."""
    import json

    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-03-18-a.md").write_text(POST, encoding="utf-8")
    entry = {"path": "gone.md\n::error file=README.md,line=1::Forged\u202e", "code": "PL705\n::add-mask::x"}
    baseline = {"postlint_baseline": 1, "postlint_version": "0", "entries": [{**entry, "fingerprint": "0", "count": 1}]}
    (tmp_path / "postlint-baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--isolated", "--no-cache", "--now", "2026-01-01T00:00:00Z", "--select", "PL7"]
    result = CliRunner().invoke(main, [*args, "--baseline", "postlint-baseline.json", "_posts"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and "1 baseline entries no longer match" in lines[1], result.stderr
    assert lines[2] == "  gone.md\\n::error file=README.md,line=1::Forged\\u202e: PL705\\n::add-mask::x x1"
