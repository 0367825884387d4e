"""The documentation site builds with warnings as errors, has a page for every rule and every config key, and
shows the examples without their test markers; every link from postlint's outputs points at one of its pages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from postlint.cli.docsite import config_reference, generated_pages, rule_page
from postlint.cli.ruledocs import without_test_markers
from postlint.config import Config
from postlint.core.project import docs_url, rule_url
from postlint.engine.meta import META_RULES
from postlint.engine.registry import discover

RULES = sorted([*discover(builtin_only=True), *META_RULES], key=lambda rule: rule.code)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for this module with ``mkdocs build --strict`` (a warning, such as a broken link or
    anchor, or a page missing from the navigation, fails the build)."""
    pytest.importorskip("mkdocs", reason="mkdocs comes with the test extras (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def test_the_site_builds_strictly_with_a_page_per_rule(site: Path) -> None:
    missing = [rule.name for rule in RULES if not (site / "rules" / rule.name / "index.html").is_file()]
    assert missing == []
    index = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{rule.name}/"' in index for rule in RULES)
    assert (site / "reference" / "configuration" / "index.html").is_file()
    assert (site / "changelog" / "index.html").is_file()


def test_rule_pages_show_examples_without_test_markers(site: Path) -> None:
    for rule in RULES:
        page = (site / "rules" / rule.name / "index.html").read_text(encoding="utf-8")
        assert "expect:" not in page, rule.name
    # The docstring's sections and the example are there: PL301's page shows its bad example's image.
    page = rule_page(next(rule for rule in RULES if rule.code == "PL201"))
    assert page.startswith("# PL201 date-invalid\n") and "### Why is this bad?" in page
    assert "date: 0000-00-00 00:00:00 +0800\n" in page


def test_markers_are_removed_and_nothing_else() -> None:
    text = (
        "---\ntitle: x  # expect: PL101:8\nkeep: 1 # a comment\n---\n"
        "<img src=a.png> <!-- expect: PL301 -->\n<!-- expect: PL302@12:3, PL303@14 -->\n\n<!-- note -->\n"
    )
    assert without_test_markers(text) == ("---\ntitle: x\nkeep: 1 # a comment\n---\n<img src=a.png>\n\n<!-- note -->\n")


def test_every_config_key_is_in_the_reference_with_a_meaning() -> None:
    reference = config_reference()
    rows = [line for line in reference.splitlines() if line.startswith("| `")]
    keys = {re.match(r"\| `([^`]+)`", row).group(1) for row in rows}  # type: ignore[union-attr]
    expected = {name.replace("_", "-") for name, field in Config.model_fields.items() if not field.exclude}
    assert expected <= keys and "front-matter.unknown-keys" in keys and "online.timeout" in keys
    assert [row for row in rows if row.endswith("|  |")] == []  # every key says what it does


def test_outputs_link_each_finding_to_its_rules_page(tmp_path: Path) -> None:
    """SARIF's helpUri, `postlint explain` and the generated pages agree on one URL per rule."""
    assert rule_url("date-invalid") == f"{docs_url()}rules/date-invalid/"
    assert "rules/date-invalid.md" in generated_pages(RULES)
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\ndate: 2021-02-30\n---\nBody.\n", encoding="utf-8")
    status, out, _ = run_cli("check", "--no-cache", "--isolated", "--format", "sarif", str(post), cwd=tmp_path)
    assert status == 1
    rules = {rule["id"]: rule for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["PL201"]["helpUri"] == rule_url("date-invalid")
    status, out, _ = run_cli("explain", "PL201")
    assert status == 0 and out.rstrip().endswith(f"Documentation: {rule_url('date-invalid')}")
    assert "expect:" not in out


def test_the_readme_is_short_and_its_config_sample_is_valid() -> None:
    """A newcomer reads it in five minutes; everything else is in the docs, which it links."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    from postlint.config import parse_config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.split()) < 1200
    for target in re.findall(r"\]\((docs/[^)#]+)\)", readme):
        assert (ROOT / target).is_file(), target
    [block] = [b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[tool.postlint]" in b]
    config = parse_config(tomllib.loads(block)["tool"]["postlint"], None)
    assert config.profile == "news" and config.rules["PL203"] == {"tolerance-hours": 3}
