"""The code of the "Writing a rule" page (docs/writing-rules.md) is real: its example rule passes ``mypy --strict``,
loads from a ``rule-dirs`` folder and finds its placeholder at the right line and column, and its example test (through
``postlint.testing``) passes on good examples and fails, naming file, code, line and column, on a wrong one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, codes, make_engine

import postlint
from postlint.config import Config

BAD = """---
title: "Harbour notes"
---

The ships came in early.
Caption: Lorem ipsum <!-- expect: XY101:10 -->
"""

GOOD = """---
title: "Harbour notes"
---

The ships came in early, and the photos are below.
"""


def readme_blocks(section: str) -> list[str]:
    """The ```python blocks of the docs page titled ``# section`` (docs/writing-rules.md), in order."""
    text = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {section}\n")
    return re.findall(r"^```python\n(.*?)^```$", text, re.M | re.S)


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    """A plugin's checkout from the README: rules/placeholder.py, tests/test_examples.py and the examples."""
    blocks = readme_blocks("Writing a rule")
    assert len(blocks) == 2, "Writing a rule: expected the rule and its test as two python blocks"
    rule, test = blocks
    assert 'code = "XY101"' in rule and "postlint.testing" in test
    for name, content in (("rules/placeholder.py", rule), ("tests/test_examples.py", test)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    examples = tmp_path / "examples" / "placeholder-text-left"
    examples.mkdir(parents=True)
    (examples / "bad.md").write_text(BAD, encoding="utf-8")
    (examples / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # An editable install hides postlint from mypy behind an import hook: point it at the sources then.
    source_root = Path(postlint.__file__).resolve().parent.parent
    if "site-packages" not in source_root.parts:
        env["MYPYPATH"] = str(source_root)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, encoding="utf-8"
    )


def test_the_readme_rule_and_its_test_pass_mypy_strict(plugin: Path, request: pytest.FixtureRequest) -> None:
    # mypy's cache of postlint and pydantic outlives the run in pytest's cache folder (when there is one).
    cache = getattr(request.config, "cache", None)
    cache_dir = cache.mkdir("readme-mypy") if cache is not None else plugin / ".mypy_cache"
    files = ["rules/placeholder.py", "tests/test_examples.py"]
    done = _run("-m", "mypy", "--strict", "--cache-dir", str(cache_dir), *files, cwd=plugin)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found in 2 source files")


def test_the_readme_rule_finds_its_placeholder_at_line_and_column(plugin: Path, tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        '---\ntitle: "Lorem ipsum"\n---\n\nFirst line.\n  Lorem ipsum, and Lorem ipsum again.\n', encoding="utf-8"
    )
    config = Config()
    config.rule_dirs = [str(plugin / "rules")]
    engine = make_engine(config, start=tmp_path, extend_select=["XY101"])
    findings = engine.lint_file(post, "post.md")
    assert codes(findings) == [("XY101", 2, 9), ("XY101", 6, 3), ("XY101", 6, 20)]
    assert {(f.name, f.severity.value, f.message) for f in findings} == {
        ("placeholder-text-left", "error", "placeholder text 'Lorem ipsum' left in the post")
    }
    # Its option works: other words, and the default ones no longer.
    config.rules = {"placeholder-text-left": {"words": ["First"]}}
    engine = make_engine(config, start=tmp_path, extend_select=["XY101"])
    assert codes(engine.lint_file(post, "post.md")) == [("XY101", 5, 1)]


def test_the_readme_example_test_runs_the_examples(plugin: Path) -> None:
    done = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_examples.py", cwd=plugin)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^2 passed", done.stdout, re.M), done.stdout
    bad = plugin / "examples" / "placeholder-text-left" / "bad.md"
    bad.write_text(BAD.replace("XY101:10", "XY101:11"), encoding="utf-8")
    done = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_examples.py", cwd=plugin)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{bad}:6:11: expected XY101 at 6:11, not found" in done.stdout
    assert f"{bad}:6:10: unexpected XY101 at 6:10 (placeholder text 'Lorem ipsum' left in the post)" in done.stdout
    assert re.search(r"^1 failed, 1 passed", done.stdout, re.M), done.stdout
