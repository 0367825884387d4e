"""Every rule keeps the contract: unique code and name, documented, typed options, and examples."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from conftest import ROOT

from postlint._meta import META_RULES
from postlint.api import Requirement, Rule, RuleOptions, Severity
from postlint.registry import discover

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
    assert any(folder.glob("*bad*.md")), f"examples/{rule.name}/ has no bad example"
    if rule.fixable:
        assert any(folder.glob("*bad.fixed.md")), f"examples/{rule.name}/ has no bad.fixed.md for its fix"
        assert "## Fix" in (rule.__doc__ or ""), f"{rule.code} is fixable: its docs say how (## Fix)"
    assert any(folder.glob("*good*.md")), f"examples/{rule.name}/ has no good example"


def test_every_example_folder_names_a_rule() -> None:
    names = {rule.name for rule in RULES}
    folders = {p.name for p in (ROOT / "examples").iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert folders - names - {"ci"} == set()


def test_rule_modules_import_only_the_api() -> None:
    allowed = (
        "postlint.api",
        "postlint.helpers",
        "__future__",
        "collections",
        "dataclasses",
        "datetime",
        "re",
        "typing",
        "pydantic",
        "lxml",
        "urllib",
        "ipaddress",
        "html",
        "itertools",
        "functools",
        "math",
        "enum",
        "unicodedata",
        "fnmatch",
        "string",
        "posixpath",
        "importlib.resources",
        "tomllib",
        "tomli",
        "sys",
    )
    for path in sorted((ROOT / "rules").glob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")) and not line.startswith(" "):
                module = stripped.split()[1]
                assert module.startswith(allowed) or module == "postlint_rules", f"{path.name}: {stripped}"
                assert not module.startswith("postlint.") or module in ("postlint.api", "postlint.helpers"), (
                    f"{path.name}: {stripped}"
                )


def test_readme_rule_table_is_what_postlint_rules_prints() -> None:
    import json

    from conftest import run_cli

    status, out, _ = run_cli("rules", "--format", "json")
    assert status == 0
    expected = [
        f"| `{r['code']}` | `{r['name']}` | {r['severity']} | {'yes' if r['fixable'] else ''} | "
        + r["summary"]
        + ("" if r["enabled_by_default"] else " (off by default)")
        + " |"
        for r in json.loads(out)
    ]
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert [line for line in readme if line.startswith("| `PL")] == expected
