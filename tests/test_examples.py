"""Every rule's examples are its tests: ``bad*.md`` yields exactly the findings marked inline, ``good*.md``
yields none at all (from any rule)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_engine

from postlint.api import OnlineRule, UrlResult
from postlint.config import Config, read_config_file
from postlint.findings import Finding
from postlint.registry import discover

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXAMPLES = ROOT / "examples"
_MARKER = re.compile(r"expect:\s*((?:[A-Z]{1,4}\d{3}(?:@\d+)?(?::\d+)?[\s,]*)+)")
_TOKEN = re.compile(r"([A-Z]{1,4}\d{3})(?:@(\d+))?(?::(\d+))?")

Expectation = tuple[str, int, int | None]


def expectations(path: Path) -> list[Expectation]:
    """Markers in the file (``CODE``, ``CODE:COL``, ``CODE@LINE:COL``), or ``expected.txt`` beside it."""
    found: list[Expectation] = []
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        for marker in _MARKER.finditer(line):
            for code, at_line, column in _TOKEN.findall(marker.group(1)):
                found.append((code, int(at_line) if at_line else number, int(column) if column else None))
    sidecar = path.with_name("expected.txt")
    if not found and path.name == "bad.md" and sidecar.is_file():
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            match = _TOKEN.fullmatch(line.strip())
            if match:
                code, at_line, column = match.groups()
                found.append((code, int(at_line or 1), int(column) if column else None))
    return found


def _cases() -> list[tuple[str, Path]]:
    cases = []
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        for path in sorted(folder.glob("*.md")):
            if not path.name.endswith(".fixed.md"):
                cases.append((folder.name, path))
    return cases


def _config(folder: Path) -> Config:
    local = folder / "postlint.toml"
    return read_config_file(local) if local.is_file() else Config()


@pytest.mark.parametrize(("rule_name", "path"), _cases(), ids=lambda value: getattr(value, "name", value))
def test_example(rule_name: str, path: Path) -> None:
    rules = {rule.name: rule for rule in discover()}
    from postlint._meta import META_RULES

    rules.update({rule.name: rule for rule in META_RULES})
    rule = rules[rule_name]
    if issubclass(rule, OnlineRule):
        findings = _online_findings(rule, path)
    else:
        engine = make_engine(_config(path.parent), start=path.parent, extend_select=[rule.code])
        findings = engine.lint_file(path, str(path))
    if "bad" in path.stem:
        expected = expectations(path)
        assert expected, f"{path} marks no expected finding"
        assert any(code == rule.code for code, _, _ in expected), f"{path} expects nothing from {rule.code}"
        wanted_codes = {code for code, _, _ in expected} | {rule.code}
        actual = [(f.code, f.line, f.column) for f in findings if f.code in wanted_codes]
        unmatched = list(actual)
        for code, line, column in expected:
            hit = next((a for a in unmatched if a[0] == code and a[1] == line and column in (None, a[2])), None)
            assert hit is not None, f"expected {code} at {line}:{column or '*'}; got {actual}"
            unmatched.remove(hit)
        assert not unmatched, f"unexpected findings {unmatched} in {path}"
    else:
        assert [(f.code, f.line, f.column, f.message) for f in findings] == []


def fake_results(folder: Path) -> dict[str, UrlResult]:
    """What the example URLs answer, from ``online-results.toml`` beside them: online rules are tested on a
    fake result source, never on the network."""
    table = tomllib.loads((folder / "online-results.toml").read_text(encoding="utf-8"))["results"]
    return {
        url: UrlResult(
            url,
            entry["verdict"],
            entry.get("reason", ""),
            entry.get("status"),
            entry.get("content-type"),
            entry.get("body-kind"),
            archived=entry.get("archived"),
        )
        for url, entry in table.items()
    }


def _online_findings(rule: type[OnlineRule[Any]], path: Path) -> list[Finding]:
    config = _config(path.parent)
    config.online = config.online.model_copy(update={"enabled": True})
    engine = make_engine(config, start=path.parent, extend_select=[rule.code])
    result = engine.lint_file_result(path, str(path))
    results = fake_results(path.parent)
    missing = sorted({ref.url for ref in result.urls} - set(results))
    assert not missing, f"{path.parent}/online-results.toml has no result for {missing}"
    return sorted([*result.findings, *engine.online_findings(result, results)], key=Finding.sort_key)


def test_online_rules_do_not_run_offline() -> None:
    """Without --online the online examples' URLs are not even named, so their findings cannot appear."""
    for rule in discover():
        if issubclass(rule, OnlineRule):
            bad = EXAMPLES / rule.name / "bad.md"
            engine = make_engine(_config(bad.parent), start=bad.parent, extend_select=[rule.code])
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
    engine = make_engine(_config(bad.parent), start=tmp_path, extend_select=[rule.code])
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
