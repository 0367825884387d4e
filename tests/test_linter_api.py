"""The public Python API (`postlint.Linter`) and `postlint check --stdin-filename PATH -`, which lints through it."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

import postlint
from postlint.cli.main import main

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

POST = """---
title: Boats
date: 2024-03-18 09:30:00
auther: Ann
---
<p>Boats lined both banks.</p><div id="innity-in-post"></div>
<img src="">
<img src="https://example.com/a.png" alt="" title="Boat race">
"""


def write_site(tmp_path: Path) -> Path:
    """A small Jekyll site with its own config: per-file ignores for drafts, and two posts from one source."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_drafts").mkdir()
    (site / "_config.yml").write_text("title: t\ntimezone: Asia/Singapore\n", encoding="utf-8")
    (site / "postlint.toml").write_text('per-file-ignores = { "_drafts/*" = ["PL104"] }\n', encoding="utf-8")
    source = "---\ntitle: {t}\ndate: 2024-03-1{d} 09:30:00\nlink: https://news.example.com/a/1\n---\nText.\n"
    (site / "_posts" / "2024-03-17-one.md").write_text(source.format(t="One", d=7), encoding="utf-8")
    (site / "_posts" / "2024-03-18-two.md").write_text(source.format(t="Two", d=8), encoding="utf-8")
    return site


def codes(findings: list[postlint.Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


def test_findings_are_objects_with_code_name_severity_message_span_and_fixability() -> None:
    linter = postlint.Linter(now=NOW)
    findings = linter.lint(POST, "post.md")
    by_code = {f.code: f for f in findings}
    assert {"PL104", "PL202", "PL301", "PL501"} <= set(by_code)
    typo = by_code["PL104"]
    assert (typo.name, typo.severity, typo.line, typo.column, typo.end_line, typo.end_column) == (
        "front-matter-key-typo",
        postlint.Severity.WARNING,
        4,
        1,
        4,
        7,
    )
    assert "did you mean 'author'" in typo.message and not typo.fixable
    ad = by_code["PL501"]
    assert ad.fixable and ad.fix is not None and ad.fix.safe
    assert (ad.line, ad.column) == (6, 31)
    assert [f.code for f in findings] == [f.code for f in sorted(findings, key=postlint.Finding.sort_key)]


def test_text_and_bytes_lint_alike_and_bad_bytes_are_findings() -> None:
    linter = postlint.Linter(now=NOW)
    assert codes(linter.lint(POST, "post.md")) == codes(linter.lint(POST.encode(), "post.md"))
    assert [f.code for f in linter.lint(b"---\ntitle: x\n---\n\xff\xfe", "p.md")] == ["PL004"]
    assert [f.code for f in linter.lint(b"a\x00b", "p.md")] == ["PL003"]
    small = postlint.Linter(postlint.run.linter.Config(max_file_size=10))
    (too_large,) = small.lint("x" * 11, "p.md")
    assert too_large.code == "PL006" and "11 bytes, over the 10-byte limit" in too_large.message


def test_safe_fixes_by_default_unsafe_when_asked() -> None:
    linter = postlint.Linter(now=NOW)
    fixed = linter.fix(POST, "post.md")
    assert fixed.changed and fixed.fixed == {"PL501": 1}
    assert '<div id="innity-in-post">' not in fixed.text and "date: 2024-03-18 09:30:00\n" in fixed.text
    assert "PL501" not in [f.code for f in fixed.findings] and "PL308" in [f.code for f in fixed.findings]
    assert 'alt=""' in fixed.text
    unsafe = linter.fix(POST, "post.md", unsafe=True)
    assert unsafe.fixed == {"PL501": 1, "PL308": 1} and 'alt="Boat race"' in unsafe.text
    clean = linter.fix(fixed.text, "post.md")
    assert not clean.changed and clean.text == fixed.text
    broken = linter.fix('---\ntitle: "x\n---\n<div id="innity-in-post"></div>\n', "p.md")
    assert not broken.changed and broken.skipped is not None and "front-matter-syntax" in broken.skipped


def test_the_config_of_the_path_applies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_site(tmp_path)
    linter = postlint.Linter.nearest(site / "_posts", now=NOW)
    assert linter.config.source == site / "postlint.toml"
    assert linter.generator == "jekyll"
    text = "---\ntitle: T\nauther: A\ndate: 2024-03-18 09:30:00\n---\nText.\n"
    assert "PL104" in [f.code for f in linter.lint(text, site / "_posts" / "2024-03-18-x.md")]
    # per-file-ignores match the path as given, as on the command line (relative to the current folder).
    monkeypatch.chdir(site)
    assert "PL104" not in [f.code for f in linter.lint(text, "_drafts/x.md")]
    assert "PL104" in [f.code for f in linter.lint(text, "_posts/x.md")]
    # The site's time zone (Asia/Singapore in _config.yml) reads the zoneless date: no PL202.
    assert "PL202" not in [f.code for f in linter.lint(text, site / "_posts" / "2024-03-18-x.md")]
    assert postlint.Linter.config_for(site / "_posts" / "x.md") == site / "postlint.toml"
    isolated = postlint.Linter.isolated(root=site, now=NOW)
    assert isolated.config.source is None
    assert "PL104" in [f.code for f in isolated.lint(text, "_drafts/x.md")]
    with pytest.raises(postlint.ConfigError, match="no-such-key"):
        (tmp_path / "bad.toml").write_text("no-such-key = 1\n", encoding="utf-8")
        postlint.Linter.from_config(tmp_path / "bad.toml")


def test_site_rules_see_the_rest_of_the_site(tmp_path: Path) -> None:
    site = write_site(tmp_path)
    linter = postlint.Linter.nearest(site, now=NOW, cache=False)
    text = (site / "_posts" / "2024-03-18-two.md").read_text(encoding="utf-8")
    duplicate = [f for f in linter.lint(text, site / "_posts" / "2024-03-18-two.md") if f.code == "PL805"]
    assert len(duplicate) == 1 and "2024-03-17-one.md" in duplicate[0].message
    # The text in memory counts, not the file on disk: with another source URL there is no duplicate.
    edited = text.replace("/a/1", "/a/2")
    assert "PL805" not in [f.code for f in linter.lint(edited, site / "_posts" / "2024-03-18-two.md")]
    # A batch is linted together, as `postlint check` lints the files it is given.
    one, two = postlint.Linter(now=NOW, cache=False).lint_many(
        [(text, "a/2024-03-17-one.md"), (text.replace("Two", "Three"), "a/2024-03-18-two.md")]
    )
    assert "PL805" not in [f.code for f in one] and "PL805" in [f.code for f in two]


def _lint_in_worker(linter: postlint.Linter, text: str, path: str) -> list[tuple[str, int, int]]:
    return codes(linter.lint(text, path))


def test_thread_and_process_pools_get_the_serial_results() -> None:
    linter = postlint.Linter(now=NOW, cache=False)
    posts = [(POST.replace("Boats", f"Boats {i}") * (1 + i % 3), f"p{i}.md") for i in range(24)]
    serial = [codes(linter.lint(text, path)) for text, path in posts]
    assert any(serial) and len({tuple(s) for s in serial}) > 1
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda item: codes(linter.lint(*item)), posts)) == serial
    clone = pickle.loads(pickle.dumps(linter))
    assert codes(clone.lint(*posts[0])) == serial[0]
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_lint_in_worker, [linter] * len(posts), *zip(*posts, strict=True)))
    assert results == serial


def test_import_postlint_stays_light() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, postlint; print('postlint.engine.lint' in sys.modules, postlint.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["False", postlint.__version__]
    with pytest.raises(AttributeError):
        postlint.NoSuchThing  # noqa: B018


# ------------------------------------------------------------------------------------ standard input
def _run(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
    result = CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


STDIN_CASES = [
    "examples/ad-remnant/bad.md",
    "examples/date-missing-timezone/bad.md",
    "examples/image-missing-src/bad.md",
    "examples/unused-suppression/bad.md",
    "examples/front-matter-syntax-error/bad.md",
    "examples/file-not-utf8/bad.md",
    "examples/image-missing-src/good.md",
]


@pytest.mark.parametrize("relative", STDIN_CASES)
@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_stdin_output_is_the_file_runs_byte_for_byte(
    relative: str, output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert Path(relative).is_file()
    common = ["check", "--no-cache", "--now", "2026-01-01T00:00:00Z", "--format", output_format]
    on_disk = _run([*common, relative])
    from_stdin = _run([*common, "--stdin-filename", relative, "-"], Path(relative).read_bytes())
    assert from_stdin == on_disk
    assert on_disk[0] in (0, 1) and on_disk[1]


def test_stdin_finds_config_per_file_ignores_and_site_from_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = write_site(tmp_path)
    (site / "_drafts" / "d.md").write_text("---\ntitle: T\nauther: A\n---\nText.\n", encoding="utf-8")
    monkeypatch.chdir(site)
    for relative in ["_posts/2024-03-18-two.md", "_drafts/d.md"]:
        data = Path(relative).read_bytes()
        on_disk = _run(["check", "--no-cache", relative])
        from_stdin = _run(["check", "--no-cache", "--stdin-filename", relative, "-"], data)
        assert from_stdin == on_disk
    assert (
        b"PL805"
        in _run(
            ["check", "--no-cache", "--stdin-filename", "_posts/2024-03-18-two.md"],
            Path("_posts/2024-03-18-two.md").read_bytes(),
        )[1]
    )
    assert b"PL104" not in _run(["check", "--stdin-filename", "_drafts/d.md", "-"], b"---\nauther: A\n---\nx\n")[1]
    assert b"PL104" in _run(["check", "--stdin-filename", "_posts/d.md", "-"], b"---\nauther: A\n---\nx\n")[1]


def test_stdin_fix_writes_what_fix_writes_to_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    changed = 0
    for name in ["ad-remnant", "image-empty-alt-on-content", "tracking-pixel", "figcaption-outside-figure"]:
        source = ROOT / "examples" / name / "bad.md"
        data = b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n")  # a BOM and CRLF stay
        post = tmp_path / f"{name}.md"
        post.write_bytes(data)
        for extra in ([], ["--unsafe-fixes"]):
            post.write_bytes(data)
            code, out, err = _run(["check", "--no-cache", "--fix", *extra, "--stdin-filename", post.name, "-"], data)
            file_code, file_out, _ = _run(["check", "--no-cache", "--fix", *extra, post.name])
            assert out == post.read_bytes()
            changed += out != data
            assert code == file_code
            assert err.decode().splitlines()[-1] == file_out.decode().splitlines()[-1]  # "Fixed N problems ..."
    assert changed >= 5  # both ways for ad-remnant and tracking-pixel, unsafe only for the others
    clean = b"---\ntitle: Clean\n---\nText.\n"
    code, out, _ = _run(["check", "--fix", "--stdin-filename", "clean.md", "-"], clean)
    assert (code, out) == (0, clean)


def test_stdin_diff_and_mistakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = (ROOT / "examples" / "ad-remnant" / "bad.md").read_bytes()
    code, out, _ = _run(["check", "--diff", "--stdin-filename", "x.md", "-"], data)
    assert code == 1 and out.startswith(b"--- a/x.md\n+++ b/x.md\n") and b'-<div id="innity-in-post"></div>' in out
    code, _, err = _run(["check", "--stdin-filename", "x.md", "a.md"], data)
    assert code == 2 and b"--stdin-filename" in err
    code, _, err = _run(["check", "--stdin-filename", "x.md", "--files-from", "-"], data)
    assert code == 2 and b"--files-from" in err
    code, _, err = _run(["check", "-"], data)
    assert code == 2 and b"--stdin-filename" in err
    code, out, _ = _run(["check", "--format", "json", "--stdin-filename", "x.md", "-"], data)
    assert code == 1 and json.loads(out)["files_checked"] == 1


def test_stdin_through_the_installed_command(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    shutil.copy(ROOT / "examples" / "ad-remnant" / "bad.md", post)
    command = [sys.executable, "-m", "postlint", "check", "--no-cache"]
    on_disk = subprocess.run([*command, str(post)], capture_output=True, check=False)
    piped = subprocess.run(
        [*command, "--stdin-filename", str(post), "-"], input=post.read_bytes(), capture_output=True, check=False
    )
    assert (piped.returncode, piped.stdout) == (on_disk.returncode, on_disk.stdout) == (1, on_disk.stdout)


def test_site_rules_match_postlint_check_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A linter that keeps its site index between lints (as the language server does) reports for each file
    exactly what `postlint check FILE` reports, site rules included."""
    site = write_site(tmp_path)
    posts = site / "_posts"
    (posts / "2024-03-19-same.md").write_text(
        "---\ntitle: Same\ndate: 2024-03-19 09:00:00\npermalink: /same/\n---\n"
        "[gone](/nowhere/) and [frag](/about.html#missing)\n",
        encoding="utf-8",
    )
    (posts / "2024-03-19-same-too.md").write_text(
        "---\ntitle: Same\ndate: 2024-03-19 10:00:00\npermalink: /same/\n---\n## Here\n\n[ok](/same/#here)\n",
        encoding="utf-8",
    )
    (site / "about.md").write_text("---\ntitle: About\n---\n[home](/)\n", encoding="utf-8")
    monkeypatch.chdir(site)
    extra = ["--extend-select", "PL801,PL802,PL806"]
    linter = postlint.Linter.nearest(".", extend_select=["PL801", "PL802", "PL806"], refresh_site=False, cache=False)
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*.md"))
    seen = set()
    for relative in [*files, *reversed(files)]:  # the kept index serves each file in turn, in both orders
        _, out, _ = _run(["check", "--no-cache", "--format", "json", *extra, relative])
        expected = json.loads(out)["findings"]
        got = [f.as_dict() for f in linter.lint(Path(relative).read_bytes(), relative)]
        assert got == expected, relative
        seen.update(f["code"] for f in expected)
    assert {"PL801", "PL802", "PL805", "PL806", "PL807"} <= seen


@pytest.mark.slow
def test_importer_matches_postlint_check_on_1000_dev_posts() -> None:
    """tests/benchmarks/importer.py: 1,000 dev posts through the API, finding for finding against the CLI."""
    corpus = ROOT.parent / "shared" / "corpus" / "dev"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus/dev is only present in the project's workspace and CI")
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    try:
        import importer
    finally:
        sys.path.pop(0)
    paths = importer.pick(1000, corpus)
    texts = [Path(p).read_bytes() for p in paths]
    cli = importer.via_cli(paths)
    assert len(paths) == 1000 and len(cli) > 1000
    assert importer.via_api(paths, texts) == cli
