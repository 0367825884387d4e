"""One selector grammar for config, the command line, per-file ignores and suppression comments.

Codes and code prefixes are upper case (``PL3``, ``PL301``), names are kebab-case (``date-in-future``) and
``ALL`` names every rule: exactly as written, as ruff reads its selectors, in every place that takes one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LintText, codes

from postlint.cli.main import main
from postlint.core.selectors import ALL, specificity, unknown_selector

HEAD = "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
STALE_EPOCH = "<!--1000000000000-->\n"  # PL206 fires on its line
RULES = [("PL301", "image-alt-is-filename"), ("PL302", "image-missing-alt"), ("PL206", "date-epoch-comment-mismatch")]


def test_grammar_ranks_exact_over_prefix_over_all() -> None:
    assert specificity("PL301", "PL301", "image-alt-is-filename") > specificity("PL30", "PL301", "x")
    assert specificity("PL30", "PL301", "x") > specificity("PL3", "PL301", "x") > specificity(ALL, "PL301", "x") > 0
    assert specificity("image-alt-is-filename", "PL301", "image-alt-is-filename") == specificity("PL301", "PL301", "y")
    for selector in ("pl3", "pl301", "all", "", "PL3011", "IMAGE-ALT-IS-FILENAME"):
        assert specificity(selector, "PL301", "image-alt-is-filename") == 0


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("PL9", "'PL9' matches no rule code, prefix or name"),
        ("pl3", "'pl3' matches no rule code, prefix or name (codes are upper case: 'PL3')"),
        ("all", "'all' matches no rule code, prefix or name (every rule is 'ALL')"),
        (
            "Image-Missing-Alt",
            "'Image-Missing-Alt' matches no rule code, prefix or name (names are lower case: 'image-missing-alt')",
        ),
    ],
)
def test_unknown_selectors_say_why(selector: str, message: str) -> None:
    assert unknown_selector(selector, RULES) == message
    assert unknown_selector(selector.upper() if selector.startswith("pl") else "PL3", RULES) is None


def test_per_file_ignores_all_ignores_everything_for_that_file(lint_text: LintText) -> None:
    text = HEAD.replace("title: t\n", "") + STALE_EPOCH + "<!-- postlint-disable PL301 -->\n"
    assert {code for code, _, _ in codes(lint_text(text))} == {"PL206", "PL901"}
    assert codes(lint_text(text, config={"per-file-ignores": {"post.md": ["ALL"]}})) == []
    assert codes(lint_text(text, name="other.md", config={"per-file-ignores": {"post.md": ["ALL"]}})) != []


def test_all_in_a_comment_silences_every_rule(lint_text: LintText) -> None:
    assert codes(lint_text(HEAD + "<!-- postlint-disable-next-line ALL -->\n" + STALE_EPOCH)) == []
    assert codes(lint_text(HEAD + STALE_EPOCH + "<!-- postlint-disable-file ALL -->\n")) == []


def _config_error(tmp_path: Path, key_line: str) -> str:
    (tmp_path / "postlint.toml").write_text(key_line + "\n", encoding="utf-8")
    (tmp_path / "post.md").write_text(HEAD + "text\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path / "post.md")])
    assert result.exit_code == 2, result.output
    return result.stderr.strip()


@pytest.mark.parametrize(
    ("key_line", "key"),
    [
        ('ignore = ["pl2"]', "--ignore/ignore"),
        ('select = ["pl2"]', "--select/select"),
        ('extend-select = ["pl2"]', "--extend-select/extend-select"),
        ('per-file-ignores = {"post.md" = ["pl2"]}', "per-file-ignores.post.md"),
    ],
)
def test_lower_case_code_is_refused_alike_in_config_and_in_a_comment(
    tmp_path: Path, lint_text: LintText, key_line: str, key: str
) -> None:
    why = "'pl2' matches no rule code, prefix or name (codes are upper case: 'PL2')"
    assert _config_error(tmp_path, key_line) == f"postlint: error: {key}: {why}"
    findings = lint_text(HEAD + "<!-- postlint-disable-next-line pl2 -->\n" + STALE_EPOCH, name="sub/post.md")
    assert codes(findings) == [("PL901", 6, 1), ("PL206", 7, 1)]
    assert findings[0].message == f"suppression: {why}"


def test_upper_case_prefix_works_in_config_and_in_a_comment(lint_text: LintText) -> None:
    text = HEAD + STALE_EPOCH
    assert codes(lint_text(text, config={"ignore": ["PL2"]})) == []
    assert codes(lint_text(HEAD + "<!-- postlint-disable-next-line PL2 -->\n" + STALE_EPOCH)) == []
