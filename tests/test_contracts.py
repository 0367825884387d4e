"""Every rule keeps the contract: unique code and name, documented, typed options, and examples."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from postlint.api import Requirement, Rule, RuleOptions, Severity
from postlint.engine.meta import META_RULES
from postlint.engine.registry import discover

RULES = [*discover(), *META_RULES]
#: Rules whose problem cannot be stored in a git checkout, with the test that covers them instead.
NO_EXAMPLE_FILES = {
    "file-unreadable": "tests/test_reading.py::test_unreadable_dangling_symlink",
    "file-not-regular": "tests/test_reading.py::test_fifo_and_socket_named_explicitly_do_not_hang",
    "rule-crashed": "tests/test_config.py::test_crashing_rule_becomes_pl902_and_run_goes_on",
    "body-unparsable": "tests/test_html.py::test_body_parser_failure_is_one_finding",
}


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_contract(rule: type[Rule[Any]]) -> None:
    assert rule.code[:2] == "PL" and rule.code[2:].isdigit() and len(rule.code) == 5
    assert isinstance(rule.severity, Severity)
    assert isinstance(rule.requires, Requirement)
    doc = inspect.cleandoc(rule.__doc__ or "")
    for heading in ("## What it does", "## Why is this bad?", "## Options"):
        assert heading in doc, f"{rule.code} docstring lacks '{heading}'"
    assert doc.splitlines()[0].endswith("."), f"{rule.code}: the first docstring line is a sentence"
    assert issubclass(rule.Options, RuleOptions)
    assert rule.Options.model_config.get("extra") == "forbid"
    for field in rule.Options.model_fields:
        assert f"`{field.replace('_', '-')}`" in doc, f"{rule.code} documents option {field}"
    rule.Options()  # every option has a default


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_has_examples(rule: type[Rule[Any]]) -> None:
    folder = ROOT / "examples" / rule.name
    if rule.name in NO_EXAMPLE_FILES:
        assert not folder.exists() or any(folder.glob("bad*.md"))
        return
    # A rule about posts' file names keeps its bad examples in the example's _posts folder.
    assert any(folder.glob("*bad*.md")) or any(folder.glob("_posts/*bad*")), f"examples/{rule.name}/ has no bad example"
    if rule.fixable:
        assert any(folder.glob("*bad.fixed.md")), f"examples/{rule.name}/ has no bad.fixed.md for its fix"
        assert "## Fix" in (rule.__doc__ or ""), f"{rule.code} is fixable: its docs say how (## Fix)"
    assert any(folder.glob("*good*.md")), f"examples/{rule.name}/ has no good example"


def test_every_example_folder_names_a_rule() -> None:
    names = {rule.name for rule in RULES}
    folders = {p.name for p in (ROOT / "examples").iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert folders - names - {"ci"} == set()


def test_every_load_issue_kind_has_the_rule_that_reports_it() -> None:
    """Each kind the reader can record is asked for by exactly one rule, by its literal name."""
    import ast
    from typing import get_args

    from postlint.api import LoadIssueKind

    asked: list[str] = []
    for path in sorted((ROOT / "rules").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "load_issues":
                kind = node.args[1]
                assert isinstance(kind, ast.Constant), f"{path.name}: load_issues with a computed kind"
                asked.append(kind.value)
    assert sorted(asked) == sorted(get_args(LoadIssueKind))


def test_a_misspelt_issue_kind_or_a_mistyped_memo_fails_type_checking(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """``load_issues(post, "not-utf-8")`` is a mypy error naming the line, and so are storing a string in the
    post's memo under a key typed for an int and comparing a markup issue's kind with ``"unclosd"``; the right
    spellings and types are not."""
    import os
    import subprocess
    import sys

    import postlint

    rule = tmp_path / "typo_rule.py"
    rule.write_text(
        "from collections.abc import Iterator\n"
        "from postlint.api import Post, Problem\n"
        "from postlint.helpers import load_issues\n"
        "def right(post: Post) -> Iterator[Problem]:\n"
        '    return load_issues(post, "not-utf8")\n'
        "def wrong(post: Post) -> Iterator[Problem]:\n"
        '    return load_issues(post, "not-utf-8")\n'
        "from postlint.helpers import MemoKey\n"
        "COUNT: MemoKey[int] = MemoKey('count')\n"
        "def store(post: Post) -> int:\n"
        "    post.memo[COUNT] = 3\n"
        "    post.memo[COUNT] = 'three'\n"
        "    return post.memo[COUNT] + 1\n"
        "def unclosed(post: Post) -> list[int]:\n"
        '    return [issue.start for issue in post.html.issues if issue.kind == "unclosed"]\n'
        "def misspelt(post: Post) -> list[int]:\n"
        '    return [issue.start for issue in post.html.issues if issue.kind == "unclosd"]\n',
        encoding="utf-8",
    )
    env = dict(os.environ)
    source_root = Path(postlint.__file__).resolve().parent.parent
    if "site-packages" not in source_root.parts:  # an editable install hides postlint from mypy
        env["MYPYPATH"] = str(source_root)
    cache = getattr(request.config, "cache", None)
    cache_dir = cache.mkdir("readme-mypy") if cache is not None else tmp_path / ".mypy_cache"
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache_dir), rule.name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert done.returncode == 1, done.stdout + done.stderr
    assert [error.split(":")[1] for error in errors] == ["7", "12", "17"], done.stdout
    assert "'not-utf-8'" in errors[0] and "[arg-type]" in errors[0]
    assert "PostMemo" in errors[1]  # mypy: no type T fits both the key's int and the str
    assert "'unclosd'" in errors[2] and "[comparison-overlap]" in errors[2]


@pytest.mark.parametrize("rule", [r for r in RULES if r.severity_from_config], ids=lambda rule: rule.code)
def test_a_severity_from_config_names_a_config_key_with_a_severity(rule: type[Rule[Any]]) -> None:
    """The key is declared on ``Rule`` (``None``: the rule's own severity); where a rule sets it, it names a
    config value that is ``allow`` or a severity, defaulting to ``allow``."""
    from postlint.config import Config

    value: Any = Config()
    for part in (rule.severity_from_config or "").split("."):
        value = getattr(value, part.replace("-", "_"))
    assert value == "allow"


def test_only_the_unknown_key_rule_takes_its_severity_from_config() -> None:
    assert Rule.severity_from_config is None
    assert [(r.code, r.severity_from_config) for r in RULES if r.severity_from_config] == [
        ("PL103", "front-matter.unknown-keys")
    ]
