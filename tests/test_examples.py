"""Every rule's examples are its tests: ``bad*.md`` yields exactly the findings marked inline, ``good*.md``
yields none at all (from any rule)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOW, ROOT, make_engine

from postlint.api import OnlineRule
from postlint.engine.registry import discover
from postlint.testing import check_example, example_config, example_files

EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("path", example_files(EXAMPLES), ids=lambda path: str(path.relative_to(EXAMPLES)))
def test_example(path: Path) -> None:
    """Through :mod:`postlint.testing`, the public route a third-party rule's examples take."""
    check_example(path, now=NOW)


def test_online_rules_do_not_run_offline() -> None:
    """Without --online the online examples' URLs are not even named, so their findings cannot appear."""
    for rule in discover():
        if issubclass(rule, OnlineRule):
            bad = EXAMPLES / rule.name / "bad.md"
            engine = make_engine(example_config(bad.parent), start=bad.parent, extend_select=[rule.code])
            result = engine.lint_file_result(bad, str(bad))
            assert result.urls == () and rule.code not in {f.code for f in result.findings}


def _fixed_cases() -> list[tuple[str, Path]]:
    return [(path.parent.name, path) for path in sorted(EXAMPLES.glob("*/*bad.fixed.md"))]


@pytest.mark.parametrize(("rule_name", "expected"), _fixed_cases(), ids=lambda value: getattr(value, "parent", value))
def test_fixed_example_matches_byte_for_byte(rule_name: str, expected: Path, tmp_path: Path) -> None:
    """``bad.md`` fixed (safe and unsafe fixes) is ``bad.fixed.md``; a second fix changes nothing."""
    rules = {rule.name: rule for rule in discover()}
    rule = rules[rule_name]
    bad = expected.with_name(expected.name.replace(".fixed.md", ".md"))
    copy = tmp_path / bad.name
    copy.write_bytes(bad.read_bytes())
    engine = make_engine(example_config(bad.parent), start=tmp_path, extend_select=[rule.code])
    before = [f.code for f in engine.lint_file(copy, bad.name)]
    outcome = engine.fix_file(copy, bad.name, unsafe=True)
    assert outcome.skipped is None
    assert outcome.fixed.get(rule.code, 0) == before.count(rule.code) - [f.code for f in outcome.findings].count(
        rule.code
    )
    assert copy.read_bytes() == expected.read_bytes()
    assert rule.code not in {f.code for f in outcome.findings if f.fix is not None}
    again = engine.fix_file(copy, bad.name, unsafe=True)
    assert again.fixed == {} and copy.read_bytes() == expected.read_bytes()
