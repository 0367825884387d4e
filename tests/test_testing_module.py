"""``postlint.testing`` tests a third-party rule the way the built-ins are tested: a rule loaded from a
``rule-dirs`` folder, its own ``examples/<rule-name>/bad.md`` and ``good.md``, and a clear failure (file, code,
line, column) when an example and the rule disagree."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOW

from postlint.testing import (
    ExampleMismatch,
    Expectation,
    check_example,
    check_examples,
    example_files,
    expected_findings,
    lint_example,
    lint_text,
)

RULE = '''
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class TodoLeft(Rule[RuleOptions]):
    """A TODO note was left in the post.

    ## What it does
    Reports each ``TODO`` in the post.

    ## Why is this bad?
    Readers see notes meant for the author.

    ## Options
    None.
    """

    code = "XY201"
    name = "todo-left"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        text = post.text or ""
        at = text.find("TODO")
        while at >= 0:
            yield Problem("a TODO note was left in the post", at, at + 4)
            at = text.find("TODO", at + 4)
'''

BAD = """---
title: "Harbour notes"  # expect: XY201@7:5
---

The ships came in early.
Draft: TODO add the photos <!-- expect: XY201:8 -->
And TODO the caption.
"""

GOOD = """---
title: "Harbour notes"
---

The ships came in early, and the photos are below.
"""


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    """A plugin's checkout: ``rules/todo_left.py`` and ``examples/todo-left/{bad,good}.md``."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "todo_left.py").write_text(RULE, encoding="utf-8")
    folder = tmp_path / "examples" / "todo-left"
    folder.mkdir(parents=True)
    (folder / "bad.md").write_text(BAD, encoding="utf-8")
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_a_plugin_rule_passes_its_own_examples(plugin: Path) -> None:
    rules = [plugin / "rules"]
    bad = plugin / "examples" / "todo-left" / "bad.md"
    assert example_files(plugin / "examples") == [bad, bad.with_name("good.md")]
    assert check_examples(plugin / "examples", rule_dirs=rules, now=NOW) == 2
    findings = check_example(bad, rule_dirs=rules, now=NOW)
    assert [(f.code, f.line, f.column) for f in findings] == [("XY201", 6, 8), ("XY201", 7, 5)]
    # The rule may be named by code or by name instead of by its folder.
    assert lint_example(bad, "XY201", rule_dirs=rules, now=NOW) == lint_example(bad, "todo-left", rule_dirs=rules)


def test_a_wrong_column_names_file_code_line_and_column(plugin: Path) -> None:
    bad = plugin / "examples" / "todo-left" / "bad.md"
    bad.write_text(BAD.replace("XY201:8", "XY201:9"), encoding="utf-8")
    with pytest.raises(ExampleMismatch) as raised:
        check_example(bad, rule_dirs=[plugin / "rules"], now=NOW)
    message = str(raised.value)
    assert f"{bad}:6:9: expected XY201 at 6:9, not found" in message
    assert f"{bad}:6:8: unexpected XY201 at 6:8 (a TODO note was left in the post)" in message
    assert f"{bad}:7" not in message  # the other expectation holds
    # check_examples reports the same, and it is an AssertionError for any test runner.
    with pytest.raises(AssertionError, match=r"bad\.md:6:9: expected XY201 at 6:9"):
        check_examples(plugin / "examples", rule_dirs=[plugin / "rules"], now=NOW)


def test_a_missing_and_an_extra_finding_are_both_named(plugin: Path) -> None:
    bad = plugin / "examples" / "todo-left" / "bad.md"
    text = BAD.replace("XY201@7:5", "XY201@5").replace("And TODO", "And TODO TODO")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ExampleMismatch) as raised:
        check_example(bad, rule_dirs=[plugin / "rules"], now=NOW)
    lines = str(raised.value).splitlines()
    assert lines[0] == f"{bad} does not yield what it marks:"
    assert f"  {bad}:5:*: expected XY201 at 5:*, not found" in lines
    assert f"  {bad}:7:5: unexpected XY201 at 7:5 (a TODO note was left in the post)" in lines
    assert f"  {bad}:7:10: unexpected XY201 at 7:10 (a TODO note was left in the post)" in lines


def test_a_finding_in_good_md_fails(plugin: Path) -> None:
    good = plugin / "examples" / "todo-left" / "good.md"
    good.write_text(GOOD.replace("early,", "early, TODO"), encoding="utf-8")
    with pytest.raises(ExampleMismatch) as raised:
        check_example(good, rule_dirs=[plugin / "rules"], now=NOW)
    assert str(raised.value).splitlines() == [
        f"{good} must yield no finding, but yields:",
        f"  {good}:5:26: XY201 at 5:26 (a TODO note was left in the post)",
    ]


def test_an_example_without_markers_or_without_its_rule_fails(plugin: Path) -> None:
    bad = plugin / "examples" / "todo-left" / "bad.md"
    with pytest.raises(ExampleMismatch, match="no rule named or coded 'todo-left' is loaded"):
        check_example(bad, now=NOW)  # rule_dirs forgotten
    bad.write_text(BAD.replace("expect:", "note:"), encoding="utf-8")
    with pytest.raises(ExampleMismatch, match="marks no expected finding"):
        check_example(bad, rule_dirs=[plugin / "rules"], now=NOW)
    bad.write_text(BAD.replace("XY201", "PL301"), encoding="utf-8")
    with pytest.raises(ExampleMismatch, match="expects nothing from XY201"):
        check_example(bad, rule_dirs=[plugin / "rules"], now=NOW)


def test_the_marker_forms(tmp_path: Path) -> None:
    post = tmp_path / "bad.md"
    post.write_text(
        "---\ntitle: 1  # expect: PL101:8\n---\n<!-- expect: PL301, PL302@9:3 PL303@12 -->\n", encoding="utf-8"
    )
    assert expected_findings(post) == [
        Expectation("PL101", 2, 8),
        Expectation("PL301", 4, None),
        Expectation("PL302", 9, 3),
        Expectation("PL303", 12, None),
    ]
    # Without markers, a bad.md may list them in expected.txt beside it (a binary file cannot hold comments).
    post.write_bytes(b"\x00\x01")
    (tmp_path / "expected.txt").write_text("PL002@1:1\n\nPL003\n", encoding="utf-8")
    assert expected_findings(post) == [Expectation("PL002", 1, 1), Expectation("PL003", 1, None)]
    assert str(Expectation("PL003", 1, None)) == "PL003 at 1:*"


def test_only_runs_the_rule_under_test_so_a_plugins_good_md_need_not_pass_builtin_rules(plugin: Path) -> None:
    """A good.md with an image without alt text is clean for todo-left: with ``only=True`` postlint's own PL306
    does not run; without it, the example fails naming PL306."""
    good = plugin / "examples" / "todo-left" / "good.md"
    good.write_text(GOOD + "\n![](/harbour.png)\n", encoding="utf-8")
    assert check_example(good, rule_dirs=[plugin / "rules"], now=NOW, only=True) == []
    with pytest.raises(ExampleMismatch, match=r"good\.md:7:1: PL306"):
        check_example(good, rule_dirs=[plugin / "rules"], now=NOW)
    assert check_examples(plugin / "examples", rule_dirs=[plugin / "rules"], now=NOW, only=True) == 2


def test_lint_text_tests_a_rule_on_a_string(plugin: Path) -> None:
    text = "---\ntitle: t\n---\nFirst line.\nTODO here and TODO there\n"
    found = lint_text(text, "XY201", rule_dirs=[plugin / "rules"], now=NOW)
    assert [(f.code, f.line, f.column, f.message) for f in found] == [
        ("XY201", 5, 1, "a TODO note was left in the post"),
        ("XY201", 5, 15, "a TODO note was left in the post"),
    ]
    # With the default rules too, a built-in finding comes along; the path's suffix decides HTML or Markdown.
    more = lint_text(text + "\n![](/a.png)\n", "todo-left", rule_dirs=[plugin / "rules"], now=NOW, only=False)
    assert ("PL306", 7) in [(f.code, f.line) for f in more]
    html = lint_text("---\ntitle: t\n---\n<p>TODO</p>\n", "XY201", path="p.html", rule_dirs=[plugin / "rules"])
    assert [(f.line, f.column) for f in html] == [(4, 4)]
