"""`check`, `rules` and `explain` see the same rules: built-ins, installed plugins and the config's rule-dirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint.cli.main import main

RULE = (
    "from postlint.api import Problem, Rule, RuleOptions, Severity\n"
    "class NoLorem(Rule[RuleOptions]):\n"
    "    '''Placeholder text was left in the post.\n\n"
    "    ## What it does\n    Finds 'Lorem ipsum'.\n    '''\n"
    "    code = 'XY101'\n"
    "    name = 'lorem-ipsum-left'\n"
    "    severity = Severity.ERROR\n"
    "    def check(self, post, context):\n"
    "        at = (post.text or '').find('Lorem ipsum')\n"
    "        if at >= 0:\n"
    "            yield Problem('placeholder text left in the post', at, at + 11)\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "my_rules").mkdir()
    (tmp_path / "my_rules" / "lorem.py").write_text(RULE, encoding="utf-8")
    (tmp_path / "postlint.toml").write_text('rule-dirs = ["my_rules"]\n', encoding="utf-8")
    (tmp_path / "post.md").write_text("---\ntitle: t\n---\nIntro. Lorem ipsum.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_explain_sees_a_rule_from_rule_dirs(project: Path) -> None:
    result = CliRunner().invoke(main, ["explain", "XY101"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# XY101 lorem-ipsum-left\n")
    assert "Finds 'Lorem ipsum'." in result.stdout
    named = CliRunner().invoke(main, ["explain", "lorem-ipsum-left"])
    assert named.exit_code == 0 and named.stdout == result.stdout


def test_explain_isolated_loads_no_rule_from_the_repository(project: Path) -> None:
    result = CliRunner().invoke(main, ["explain", "--isolated", "XY101"])
    assert result.exit_code == 2
    assert "RULE: no rule has the code or name 'XY101'" in result.stderr


def test_check_rules_and_explain_agree(project: Path) -> None:
    checked = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "post.md"])
    assert [(f["code"], f["line"]) for f in json.loads(checked.stdout)["findings"]] == [("XY101", 4)]
    listed = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert "XY101" in [row["code"] for row in json.loads(listed.stdout)]
    assert CliRunner().invoke(main, ["explain", "XY101"]).exit_code == 0
