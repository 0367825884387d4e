"""Inline suppressions silence exactly what they name, and stale ones are reported."""

from __future__ import annotations

from pathlib import Path

from conftest import LintText, codes

HEAD = "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
STALE_EPOCH = "<!--1000000000000-->\n"  # 2001: far from the post's date, so PL206 fires on its line


def test_disable_next_line(lint_text: LintText) -> None:
    text = HEAD + "<!-- postlint-disable-next-line PL206 -->\n" + STALE_EPOCH
    assert codes(lint_text(text)) == []
    text = HEAD + "<!-- postlint-disable-next-line date-epoch-comment-mismatch -->\n" + STALE_EPOCH
    assert codes(lint_text(text)) == []


def test_disable_enable_region(lint_text: LintText) -> None:
    text = HEAD + "<!-- postlint-disable PL2 -->\n" + STALE_EPOCH + "<!-- postlint-enable PL2 -->\n" + STALE_EPOCH
    # Only the first epoch comment is checked by the rule (it reads the importer's comment once).
    assert codes(lint_text(text)) == []
    text = HEAD + "<!-- postlint-disable PL206 -->\n<!-- postlint-enable PL206 -->\n" + STALE_EPOCH
    assert codes(lint_text(text)) == [("PL901", 6, 1), ("PL206", 8, 1)]


def test_disable_file_and_front_matter_key(lint_text: LintText) -> None:
    text = HEAD + STALE_EPOCH + "<!-- postlint-disable-file PL206 -->\n"
    assert codes(lint_text(text)) == []
    text = HEAD.replace("---\nlayout", "---\npostlint:\n  disable: [PL206]\nlayout") + STALE_EPOCH
    assert codes(lint_text(text)) == []


def test_unused_and_unknown_suppressions_are_reported(lint_text: LintText) -> None:
    text = HEAD + "<!-- postlint-disable-next-line PL206 -->\nplain text\n<!-- postlint-disable PL9999X -->\n"
    findings = lint_text(text)
    assert codes(findings) == [("PL901", 6, 1), ("PL901", 8, 1)]
    assert findings[0].message == "unused suppression: PL206 reported nothing on the next line"
    assert findings[1].message == "suppression: 'PL9999X' matches no rule code, prefix or name"
    text = HEAD.replace("---\nlayout", "---\npostlint:\n  disable: [PL206]\nlayout")
    assert codes(lint_text(text)) == [("PL901", 3, 3)]


def test_suppression_in_markdown_code_is_not_a_directive(lint_text: LintText) -> None:
    text = HEAD + "```html\n<!-- postlint-disable-file -->\n```\n" + STALE_EPOCH
    assert codes(lint_text(text)) == [("PL206", 9, 1)]


def test_ignoring_pl901_silences_stale_suppressions(lint_text: LintText) -> None:
    text = HEAD + "<!-- postlint-disable-next-line PL206 -->\nplain\n"
    assert codes(lint_text(text, ignore=["PL901"])) == []


def test_ignore_suppressions_reports_what_a_post_silences_and_the_cache_keeps_runs_apart(tmp_path: Path) -> None:
    """A pull request can bring its own postlint-disable comments: --ignore-suppressions (CI on forks)
    reports the findings anyway, at their place, even from a cache warmed by a run that honoured them."""
    from conftest import run_cli

    (tmp_path / "postlint.toml").write_text("")
    (tmp_path / "post.md").write_text(
        '---\ntitle: "Harbour"\ndate: 2024-07-08 18:00:00 +08:00\n---\n\n'
        "<!-- postlint-disable -->\n\n"
        '<img src="https://cdn.example/boats.jpg">\n',
        encoding="utf-8",
    )
    cache = ["--cache-dir", str(tmp_path / "cache")]
    honoured = run_cli("check", *cache, "--format", "json", "post.md", cwd=tmp_path)
    assert honoured[0] == 0 and '"findings": []' in honoured[1].replace("\n", "").replace("  ", "")
    code, out, _ = run_cli("check", *cache, "--ignore-suppressions", "post.md", cwd=tmp_path)
    assert code == 1
    assert "post.md:8:1: PL306" in out
    assert "PL901" not in out  # the comment is not "unused": it is not read at all


def test_an_unknown_directive_silences_nothing_and_says_so(lint_text: LintText) -> None:
    """`postlint-disable-line` is no directive: it was read as `disable` of `-line` and the rule after it,
    which silenced that rule for the rest of the file."""
    body = '<!-- postlint-disable-line image-missing-alt -->\n<img src="https://cdn.example/a.jpg">\n'
    found = lint_text(HEAD + body, "post.md")
    assert ("PL306", 7, 1) in codes(found)
    warning = [f for f in found if f.code == "PL901"]
    assert [(f.line, f.column) for f in warning] == [(6, 1)]
    assert "'postlint-disable-line' is not a directive" in warning[0].message
