"""Everyday use: the flags ruff users type, and the pre-commit hooks' conventions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, LintText, codes

from postlint.cli.main import main

HEAD = "---\nlayout: post\ntitle: 'Ferry'\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
AD = '<div class="dfp-tag-wrapper"></div>'


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def invoke(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """Run the command in ``folder`` through click's runner, as a user would type it there."""
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_fix_with_diff_shows_the_diff_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = HEAD + AD + "\n<p>x</p>\n"
    write(tmp_path, {"post.md": original})
    status, out, err = invoke(tmp_path, monkeypatch, "check", "post.md", "--fix", "--diff", "--no-cache")
    assert status == 1
    assert out == (
        "--- a/post.md\n+++ b/post.md\n@@ -3,5 +3,4 @@\n title: 'Ferry'\n date: 2024-03-18 09:30:00 +08:00\n"
        f" ---\n-{AD}\n <p>x</p>\n"
    )
    assert "nothing was written" in err
    assert (tmp_path / "post.md").read_text() == original


def test_force_exclude_applies_exclude_to_named_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = HEAD + AD + "\n"
    write(tmp_path, {"postlint.toml": 'extend-exclude = ["_drafts", "legacy/*.md"]\n'})
    write(tmp_path, {"_drafts/draft.md": post, "legacy/old.md": post, "_posts/kept.md": post})
    named = ["_drafts/draft.md", "legacy/old.md", "_posts/kept.md"]
    status, out, _ = invoke(tmp_path, monkeypatch, "check", "--no-cache", "--format", "json", *named)
    assert status == 1 and out.count('"code": "PL501"') == 3  # named files are linted whatever exclude says
    status, out, _ = invoke(tmp_path, monkeypatch, "check", "--no-cache", "--force-exclude", "--format", "json", *named)
    assert status == 1
    assert '"files_checked": 1' in out and out.count('"code": "PL501"') == 1
    assert '"path": "_posts/kept.md"' in out


def test_pre_commit_hooks_run_serially_and_honour_exclude() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"postlint", "postlint-fix"}
    for hook in hooks.values():
        # One process sees every staged file: one summary per commit, and postlint's own --jobs does the rest.
        assert hook["require_serial"] is True
        assert "--force-exclude" in hook["entry"].split()
    assert hooks["postlint-fix"]["entry"].split()[:3] == ["postlint", "check", "--fix"]


def test_a_tracking_pixel_is_one_finding_not_three(lint_text: LintText) -> None:
    post = HEAD + '<p>Hello</p>\n<img src="http://pixel.wp.com/g.gif?x=1">\n<img src="http://example.com/a.jpg">\n'
    everything = {"select": ["PL"]}
    # The pixel is reported once; the ordinary image beside it keeps its own findings.
    assert codes(lint_text(post, config=everything)) == [("PL504", 7, 1), ("PL306", 8, 1), ("PL304", 8, 6)]
    # Without the pixel rule, nothing supersedes the image rules.
    assert codes(lint_text(post, config={"select": ["PL"], "ignore": ["PL504"]})) == [
        ("PL306", 7, 1),
        ("PL304", 7, 6),
        ("PL306", 8, 1),
        ("PL304", 8, 6),
    ]


def test_force_exclude_of_every_named_file_is_a_clean_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pre-commit names only the staged files; when all of them are excluded, the hook must pass.
    write(tmp_path, {"postlint.toml": 'extend-exclude = ["_drafts"]\n', "_drafts/draft.md": HEAD + AD + "\n"})
    status, out, _ = invoke(tmp_path, monkeypatch, "check", "--no-cache", "--force-exclude", "_drafts/draft.md")
    assert status == 0 and "0 files checked" in out


def test_a_safe_fix_is_not_refused_for_a_finding_that_was_already_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lazy image's tag is rewritten by the fix, and its file-name alt text is still reported: that is
    # the same PL307 as before the fix, not a new one, so the promised fix is applied.
    lazy = '<img data-src="https://example.com/photo_123.jpg" alt="photo_123.jpg">\n'
    write(tmp_path, {"post.md": HEAD + lazy})
    status, out, err = invoke(tmp_path, monkeypatch, "check", "--no-cache", "--fix", "post.md")
    assert (status, err) == (1, "")
    assert out.splitlines()[0].startswith("post.md:6:1: PL307 alt text 'photo_123.jpg' is a file name")
    assert out.endswith("Fixed 1 problem in 1 file; 1 remain.\n")
    assert (tmp_path / "post.md").read_text() == HEAD + lazy.replace(
        "<img data-src", '<img src="https://example.com/photo_123.jpg" data-src'
    )


def test_sarif_names_the_project_url_from_the_package_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    urls = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    write(tmp_path, {"post.md": HEAD + AD + "\n"})
    status, out, _ = invoke(tmp_path, monkeypatch, "check", "--no-cache", "--format", "sarif", "post.md")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert status == 1 and driver["informationUri"] == next(iter(urls.values()))


def test_source_host_mismatch_names_each_outlet_host_once(lint_text: LintText) -> None:
    post = (
        "---\nlayout: post\ntitle: x\ndate: 2024-01-01 10:00:00 +08:00\nauthor: 联合早报\n"
        "categories: [联合早报]\nfrom: https://example-mirror.net/story\n---\n<p>x</p>\n"
    )
    [finding] = [f for f in lint_text(post) if f.code == "PL604"]
    assert (finding.line, finding.column) == (7, 7)
    assert finding.message == (
        "source host example-mirror.net is not one of the outlet's hosts (zaobao.com, zaobao.com.sg, zaobao.sg)"
    )


def test_many_tracking_pixels_stay_linear(lint_text: LintText) -> None:
    # Dropping superseded findings once compared every finding with every pixel: 20,000 pixels took 52 s.
    import time

    started = time.process_time()
    findings = lint_text(HEAD + '<img src="http://pixel.wp.com/g.gif">\n' * 20_000, config={"select": ["PL"]})
    assert time.process_time() - started < 20
    assert {f.code for f in findings} == {"PL504"} and len(findings) == 20_000
    assert (findings[0].line, findings[0].column) == (6, 1)
