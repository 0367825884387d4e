"""No line postlint writes, to either stream, in any mode or format, is a workflow command.

A pull request names the files and writes the posts and the site config; postlint runs in the pull
request's workflow, where GitHub's runner obeys ``::name ...::data`` at the start of any line of a step's
output (after white space and ignorable characters) and ``##[name]`` anywhere in one. These tests run the
real command on a site whose file names, front matter and body lines are such commands, in every mode
(every report format, ``--output`` files, ``--diff``, ``--fix`` with a file it must leave alone, a
baseline with stale entries, ``--isolated`` with a config error, ``report``, ``baseline write``) and read
both streams as the runner does. The only commands allowed are the ``github`` format's own annotations.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SARIF_SCHEMA
from hypothesis import given, settings
from hypothesis import strategies as st
from test_output_inert import forged_lines, parse_command, runner_lines

from postlint.reporters import FORMATS

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="only Linux file systems take these names (CR, '::', '#') as they are"
)

HOSTILE_NAMES = [
    "::error title=forged::root page.md",
    "##[warning]x.md",
    " ::notice::lead.md",
    "\u200b::warning::zw.md",
    "#\ufe0f#[error]vs.md",
    "abc\ufe0f de.md",
    "a\rb::error::cr.md",
    "tab\t::error::t.md",
]
BODY = (
    "---\ntitle: t\n"
    'from: "x ::error file=README.md,line=1::Fake ##[error]from"\n'
    "date: 2024-01-01\n---\n\n"
    "::error file=README.md::context line\n"
    "##[warning]another context line\n\n"
    '<div><img src="c.png" alt="c"></div><figcaption>A caption</figcaption>\n\n'
    "::add-mask::after\n"
)


def _site(root: Path) -> list[str]:
    root.mkdir(exist_ok=True)
    (root / ".git").mkdir()  # the project's edge, as in a checkout
    for name in HOSTILE_NAMES:
        (root / name).write_text(BODY, encoding="utf-8")
    return list(HOSTILE_NAMES)


def _run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "postlint", *args],
        cwd=cwd,
        capture_output=True,
        timeout=300,
        env={**os.environ, "GITHUB_ACTIONS": "true", **(env or {})},
    )


def _assert_inert(completed: subprocess.CompletedProcess[bytes], allow_annotations: bool = False) -> None:
    """Neither stream holds a line the runner would obey (but postlint's own annotations, when allowed)."""
    for stream in (completed.stdout, completed.stderr):
        text = stream.decode("utf-8", "surrogateescape")
        forged = forged_lines(text)
        if allow_annotations and stream is completed.stdout:
            for line in forged:
                parsed = parse_command(line)
                assert parsed is not None and parsed[0] in {"error", "warning", "notice"}, line
                _, properties, _ = parsed
                assert set(properties) <= {"file", "line", "col", "endLine", "endColumn", "title"}, line
                title = properties.get("title", "")
                assert title == "postlint" or re.match(r"PL\d{3} [a-z-]+$", title), line
            continue
        assert forged == [], (completed.args, forged)


def _cache_env(tmp_path: Path) -> dict[str, str]:
    return {"POSTLINT_CACHE_DIR": str(tmp_path / "cache-home")}


@pytest.mark.parametrize("output_format", list(FORMATS))
def test_every_format_on_both_streams(tmp_path: Path, output_format: str) -> None:
    site = tmp_path / "site"
    names = _site(site)
    # --statistics adds its table (in the text format, instead of each finding: that run follows below).
    tabled = _run(site, "check", "--statistics", "--format", output_format, *names, env=_cache_env(tmp_path))
    assert tabled.returncode == 1 and tabled.stdout, tabled.stderr
    _assert_inert(tabled, allow_annotations=output_format == "github")
    completed = _run(site, "check", "--format", output_format, *names, env=_cache_env(tmp_path))
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout
    _assert_inert(completed, allow_annotations=output_format == "github")
    if output_format == "text":
        text = completed.stdout.decode()
        # The names are there, shown: the colon that would start a command and the bracket escaped.
        assert "\n:\\x3aerror title=forged::root page.md:" in text
        assert "##\\x5bwarning]x.md:" in text
        assert "abc\\ufe0f de.md:" in text  # the variation selector is visible
    if output_format in {"json", "sarif", "gitlab"}:  # the escapes are JSON's own: the data reads back exact
        document = json.loads(completed.stdout)
        if output_format == "json":
            paths = {finding["path"] for finding in document["findings"]}
            assert "##[warning]x.md" in paths and "::error title=forged::root page.md" in paths
    if output_format == "sarif" and SARIF_SCHEMA.is_file():
        import jsonschema

        jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(
            json.loads(completed.stdout)
        )


def test_report_files_written_with_output(tmp_path: Path) -> None:
    site = tmp_path / "site"
    names = _site(site)
    outputs = [f"--output={name}=../out/report.{name}" for name in FORMATS]
    completed = _run(site, "check", *outputs, *names, env=_cache_env(tmp_path))
    assert completed.returncode == 1, completed.stderr
    _assert_inert(completed)
    for name in FORMATS:
        text = (tmp_path / "out" / f"report.{name}").read_text(encoding="utf-8")
        forged = forged_lines(text)
        assert all(name == "github" and parse_command(line) is not None for line in forged), (name, forged)
        if name in {"json", "sarif", "gitlab"}:
            json.loads(text)


def test_diff_context_lines_and_counts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    names = _site(site)
    completed = _run(site, "check", "--diff", "--unsafe-fixes", *names)
    assert completed.returncode == 1, completed.stderr
    diff = completed.stdout.decode("utf-8", "surrogateescape")
    assert "+<figure><div><img" in diff  # the fix is shown
    assert " :\\x3aerror file=README.md::context line" in diff  # a context line, its command start escaped
    assert " ##\\x5bwarning]another context line" in diff
    assert "fixes in 8 files would be applied" in completed.stderr.decode()
    _assert_inert(completed)


def test_fix_that_leaves_a_file_alone_says_so_inertly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    names = _site(site)
    for name in names:  # hard-linked files are never rewritten: each one gets "postlint: <path>: not fixed"
        os.link(site / name, tmp_path / f"link-{names.index(name)}")
    completed = _run(site, "check", "--fix", "--unsafe-fixes", *names)
    assert completed.returncode == 1, completed.stderr
    err = completed.stderr.decode("utf-8", "surrogateescape")
    assert err.count(": not fixed: ") == len(names)
    assert "postlint: ##\\x5bwarning]x.md: not fixed" in err
    _assert_inert(completed)
    assert all((site / name).read_text(encoding="utf-8") == BODY for name in names)


def test_baseline_with_stale_entries(tmp_path: Path) -> None:
    site = tmp_path / "site"
    names = _site(site)
    written = _run(site, "baseline", "write", "../baseline.json", *names, "--no-cache")
    assert written.returncode == 0, written.stderr
    _assert_inert(written)
    for name in names:  # fixed: every entry is now stale, and each stale line names a hostile path
        (site / name).write_text("---\ntitle: t\n---\nok\n", encoding="utf-8")
    completed = _run(site, "check", "--baseline", "../baseline.json", "--no-cache", *names)
    err = completed.stderr.decode("utf-8", "surrogateescape")
    assert "baseline entries no longer match" in err and "##\\x5bwarning]x.md: PL" in err
    _assert_inert(completed)


def test_isolated_config_error_quoting_the_site_config(tmp_path: Path) -> None:
    site = tmp_path / "site"
    names = _site(site)
    (site / "_config.yml").write_text('timezone: "##[error]zone\\n::error::x"\n', encoding="utf-8")
    completed = _run(site, "check", "--isolated", "--no-cache", *names)
    assert completed.returncode == 2
    err = completed.stderr.decode()
    assert "timezone" in err and "##\\x5berror]zone" in err
    _assert_inert(completed)


def test_html_report_command(tmp_path: Path) -> None:
    site = tmp_path / "site"
    names = _site(site)
    completed = _run(site, "report", "--no-cache", "-o", "../r.html", *names)
    assert completed.returncode == 0, completed.stderr
    _assert_inert(completed)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert forged_lines(page) == []
    assert "\n:root {" in page  # the page's own CSS is untouched: one colon starts no command


def test_a_line_written_in_pieces_is_judged_whole() -> None:
    """The guard keeps what it needs of a line across writes: "#", "#", "[" written one by one, a line
    start, then ":" in the next write (as click.echo(nl=False) and a progress bar write)."""
    import io

    from postlint.reporters._stream import CommandSafeWriter

    buffer = io.StringIO()
    out = CommandSafeWriter(buffer)
    for piece in ["ok\n", " ", "\u200b", ":", ":error::x\n", "a #", "\ufe0f", "#", "[warning]y\r", ":", ":z\n"]:
        out.write(piece)
    assert runner_lines(buffer.getvalue()) == [
        "ok",
        " \u200b:\\x3aerror::x",
        "a #\ufe0f#\\x5bwarning]y",
        ":\\x3az",
    ]
    assert forged_lines(buffer.getvalue()) == []


FRAGMENTS = [":", "::", "#", "##", "[", "]", "\n", "\r", " ", "\t", "\u200b", "\ufe0f", "\u0301", "\x00", "a", "é"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14), st.lists(st.integers(1, 5), max_size=14))
def test_the_writer_leaves_nothing_the_runner_obeys(pieces: list[str], cuts: list[int]) -> None:
    """Any text, written in any pieces, comes out with no line the runner would obey, and the same bytes as
    one write; only ':' and '[' ever change, each into its escape."""
    import io

    from postlint.reporters._stream import CommandSafeWriter, neutralise

    text = "".join(pieces)
    whole = neutralise(text)
    assert forged_lines(whole) == []
    assert whole.replace("\\x3a", ":").replace("\\x5b", "[") == text
    buffer = io.StringIO()
    out = CommandSafeWriter(buffer)
    position = 0
    for cut in cuts:
        out.write(text[position : position + cut])
        position += cut
    out.write(text[position:])
    assert buffer.getvalue() == whole


def test_usage_errors_before_any_command_are_inert(tmp_path: Path) -> None:
    """click reports an unknown command or option of the group itself before any command runs (and so
    before the group's own set-up): the streams are guarded before it reads an argument."""
    for argument in ("##[error]forged", "--##[warning]x", "\x1b[2J::error::y"):
        completed = _run(tmp_path, argument)
        assert completed.returncode == 2
        assert b"No such" in completed.stderr
        _assert_inert(completed)
    assert b"##\\x5berror]forged" in _run(tmp_path, "##[error]forged").stderr


UNSEEN = "\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07 \x1b[2J \u202eevil \ufe0f \x9b31m"


def test_json_reports_carry_invisible_characters_as_escapes(tmp_path: Path) -> None:
    """JSON, GitLab and SARIF keep the exact text (a parser reads it back), but a bidi override, a C1 control,
    a line separator or a variation selector is written as a JSON escape, never raw into a log."""
    site = tmp_path / "site"
    site.mkdir()
    (site / ".git").mkdir()
    name = "b\u202eevil\u2028x\x9b.md"
    (site / name).write_text(f'---\ntitle: t\n---\n<img src="{UNSEEN}.png" alt="a">\n', encoding="utf-8")
    for output_format in ("json", "gitlab", "sarif"):
        completed = _run(site, "check", "--no-cache", "--format", output_format, name)
        assert completed.returncode == 1, completed.stderr
        text = completed.stdout.decode("utf-8")
        assert not re.search("[\x1b\x7f-\x9f\u2028\u202e\ufe0f]", text), output_format
        if output_format == "json":
            document = json.loads(text)
            assert {finding["path"] for finding in document["findings"]} == {name}
            assert any("\u202eevil \ufe0f \x9b31m" in finding["message"] for finding in document["findings"])
            assert "b\\u202eevil\\u2028x\\u009b.md" in text


def test_diff_shows_what_a_post_hides_and_full_diff_stays_exact(tmp_path: Path) -> None:
    """The post's own lines in --diff show controls and invisible characters as escapes (a terminal would
    obey an escape sequence, a log reorder text around U+202E); --full-diff to a pipe is what patch applies,
    and a form feed or line separator inside a line no longer ends it there. The hostile line stays context:
    control-character (PL019), whose fix would delete its controls, is left out."""
    import shutil

    site = tmp_path / "site"
    site.mkdir()
    (site / ".git").mkdir()
    post = site / "p.md"
    text = (
        "---\ntitle: t\ndate: 2024-01-01\n---\n\n"
        f"context {UNSEEN}\nform\x0cfeed\nline\u2028separator\n"
        '<div><img src="c.png" alt="c"></div><figcaption>A caption</figcaption>\n'
        "tab\there\r\nafter\n"
    )
    post.write_bytes(text.encode("utf-8"))
    shown = _run(site, "check", "--no-cache", "--ignore", "PL019", "--diff", "--unsafe-fixes", "p.md")
    assert shown.returncode == 1, shown.stderr
    diff = shown.stdout.decode("utf-8")
    assert "@@ -6,6 +6,6 @@" in diff  # the lines git counts, not str.splitlines()
    shown_line = " context \\x1b]8;;https://evil.example/\\x07link\\x1b]8;;\\x07 \\x1b[2J \\u202eevil"
    assert shown_line + " \\ufe0f \\u009b31m\n" in diff
    assert " form\\x0cfeed\n line\\u2028separator\n" in diff
    assert " tab\there\r\n" in diff  # a tab and a CRLF line end are shown as they are
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u202e\ufe0f]", diff)
    assert "No newline" not in diff
    full = _run(site, "check", "--no-cache", "--ignore", "PL019", "--diff", "--full-diff", "--unsafe-fixes", "p.md")
    patch_text = full.stdout
    assert UNSEEN.encode() in patch_text and b"form\x0cfeed\n" in patch_text
    if shutil.which("patch"):
        patched = tmp_path / "patched.md"
        applied = subprocess.run(
            ["patch", "-o", str(patched), str(post)], input=patch_text, capture_output=True, check=False
        )
        assert applied.returncode == 0, applied.stdout
        fixed = _run(site, "check", "--no-cache", "--ignore", "PL019", "--fix", "--unsafe-fixes", "p.md")
        assert fixed.returncode in (0, 1)
        assert patched.read_bytes() == post.read_bytes()


def test_a_traceback_quoting_hostile_text_is_inert() -> None:
    """A bug that ends in a traceback may quote a file name or a post in its message: it is shown escaped."""
    code = (
        "from postlint.cli.output import guard_streams\n"
        "guard_streams()\n"
        "raise ValueError('name \\x1b[2J\\u202e\\n::error::forged ##[warning]x')\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert completed.returncode == 1
    err = completed.stderr.decode("utf-8")
    assert err.endswith("ValueError: name \\x1b[2J\\u202e\n:\\x3aerror::forged ##\\x5bwarning]x\n")
    _assert_inert(completed)
