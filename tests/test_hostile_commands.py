"""Commands postlint suggests for copy and paste name folders from the repository: a pull request chooses those
names, so a folder named like an option must stay a path when the suggestion is pasted into a shell."""

from __future__ import annotations

import html
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint.cli.main import main

FIXABLE = (
    "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
    '<img data-src="https://ex.example/a.png" alt="a">\n'
)


@pytest.mark.parametrize("folder", ["--rule-dirs=evil", "-c", "--config=x.toml"])
def test_the_html_reports_fix_command_keeps_an_option_like_folder_a_path(
    folder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "2024-03-18-a.md").write_text(FIXABLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--now", "2026-01-01T00:00:00Z", "--format", "html"])
    assert result.exit_code == 1, result.output
    commands = [html.unescape(c) for c in re.findall(r'<code class="command">([^<]*)</code>', result.stdout)]
    fix = [shlex.split(c) for c in commands if "--fix" in c]
    assert fix == [["postlint", "check", "--fix", f"./{folder}"]]
