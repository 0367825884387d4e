"""The rule contract a plugin author holds in their head: options declared once, a contract version, spans that
are places in the post, and plugins found once however they are reached."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from postlint.api import CONTRACT_VERSION, Problem, Rule, RuleOptions
from postlint.cli.main import main

RULE = textwrap.dedent(
    """\
    from postlint.api import Problem, Rule, RuleOptions, Severity
    from ._words import WORD


    class WordOptions(RuleOptions):
        word: str = WORD


    class NoWord(Rule[WordOptions]):
        '''A placeholder word was left in the post.

        ## What it does
        Finds the word.

        ## Why is this bad?
        Readers see an unfinished post.

        ## Options
        - `word`: the word.
        '''

        code = "XY201"
        name = "placeholder-word-left"
        severity = Severity.ERROR

        def check(self, post, context):
            at = (post.text or "").find(self.options.word)
            if at >= 0:
                yield Problem(f"'{self.options.word}' left in the post", at, at + len(self.options.word))
    """
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "word.py").write_text(RULE, encoding="utf-8")
    (rules / "_words.py").write_text('WORD = "TODO"\n', encoding="utf-8")  # a sibling, not a rule module
    (tmp_path / "postlint.toml").write_text('rule-dirs = ["my_rules"]\n', encoding="utf-8")
    (tmp_path / "post.md").write_text("---\ntitle: t\n---\nIntro.\n\nTODO: finish.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args: str) -> tuple[int, list[tuple[str, int, int]], str]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])
    if result.exit_code == 2:
        return 2, [], result.stderr
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]
    return result.exit_code, found, result.stderr


def test_a_rule_dirs_file_imports_a_sibling_and_takes_its_options_from_the_type_parameter(project: Path) -> None:
    status, found, _ = findings("--select", "XY201", "post.md")
    assert (status, found) == (1, [("XY201", 6, 1)])
    (project / "postlint.toml").write_text('rule-dirs = ["my_rules"]\n[rules.XY201]\nword = "finish"\n')
    status, found, _ = findings("--select", "XY201", "post.md")
    assert (status, found) == (1, [("XY201", 6, 7)])  # the options class came from Rule[WordOptions]


def test_an_installed_plugin_that_rule_dirs_also_names_is_one_rule(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reached as an entry point and through rule-dirs, the same file's rule is loaded once, not 'claimed by
    both'."""
    import postlint.engine.registry as registry

    monkeypatch.syspath_prepend(str(project))
    (project / "my_rules" / "__init__.py").write_text("", encoding="utf-8")
    plugin = EntryPoint(name="mine", value="my_rules.word", group=registry.ENTRY_POINT_GROUP)
    real = registry._entry_points

    def with_plugin() -> list[tuple[str, str, Callable[[], Any]]]:
        return [*real(), (plugin.name, plugin.value, plugin.load)]

    monkeypatch.setattr(registry, "_entry_points", with_plugin)
    try:
        status, found, err = findings("--select", "XY201", "post.md")
    finally:
        for name in [name for name in sys.modules if name == "my_rules" or name.startswith("my_rules.")]:
            del sys.modules[name]
    assert (status, found, err) == (1, [("XY201", 6, 1)], "")


def test_options_declared_twice_and_differently_fail_when_the_rule_loads() -> None:
    class Mine(RuleOptions):
        pass

    class Other(RuleOptions):
        pass

    with pytest.raises(TypeError, match=r"'Options = Other' but the class is declared as Rule\[Mine\]"):

        class Twice(Rule[Mine]):
            code = "XY301"
            name = "twice"
            Options = Other

    class Once(Rule[Mine]):
        code = "XY302"
        name = "once"
        Options = Mine  # the same class, written out as older rules do: allowed

    class Implied(Rule[Mine]):
        code = "XY303"
        name = "implied"

    assert Once.Options is Mine and Implied.Options is Mine and isinstance(Implied().options, Mine)


def test_a_rule_written_for_a_newer_contract_is_refused_by_name(project: Path) -> None:
    newer = RULE.replace('    code = "XY201"', f'    contract_version = {CONTRACT_VERSION + 1}\n    code = "XY201"')
    (project / "my_rules" / "word.py").write_text(newer, encoding="utf-8")
    status, _, err = findings("post.md")
    assert status == 2
    assert f"(XY201) is written for rule contract {CONTRACT_VERSION + 1}" in err
    assert f"this postlint implements contract {CONTRACT_VERSION}: upgrade postlint" in err


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (40, 90), (30, 10), (500, None)])
def test_a_span_that_is_no_place_in_the_post_is_a_rule_error_not_a_clamped_finding(
    project: Path, start: int, end: int | None
) -> None:
    bad = RULE.replace(
        "yield Problem(f\"'{self.options.word}' left in the post\", at, at + len(self.options.word))",
        f"yield Problem('first', at, at + 4)\n            yield Problem('wrong place', {start}, {end})",
    )
    (project / "my_rules" / "word.py").write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", "XY201", "post.md"])
    [finding] = json.loads(result.stdout)["findings"]  # the rule's other finding is dropped with it
    assert (finding["code"], finding["line"], finding["column"]) == ("PL902", 1, 1)
    assert (
        "XY201 (placeholder-word-left) broke the rule contract on this file: it reported a problem"
        in (finding["message"])
    )
    assert result.exit_code == 1


def test_problem_offsets_inside_the_post_are_unchanged(project: Path) -> None:
    assert Problem("x", 0, 0).end == 0  # an empty span at the start is a place
    _, found, _ = findings("--select", "XY201", "post.md")
    assert found == [("XY201", 6, 1)]
