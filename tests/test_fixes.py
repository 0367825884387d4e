"""Fixes that lose nothing: line endings, BOMs, permissions and everything outside the fix stay put."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import SEED, make_engine, needs_shared, run_cli
from fixcontract import check_contract
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HEAD = "---\nlayout: post  # keep this comment\ntitle: 'Ferry'\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
AD = '<div id="dfp-ad-1" class="dfp-tag-wrapper"><div id="dfp-ad-1-inner"></div></div>'


def test_line_endings_bom_and_missing_final_newline_survive(tmp_path: Path) -> None:
    body = f"<p>one</p>\r\n{AD}\r\n<p>two</p>\n<p>three</p>{AD}<p>four</p>"
    path = tmp_path / "post.md"
    path.write_bytes(b"\xef\xbb\xbf" + (HEAD + body).encode())
    engine = make_engine(start=tmp_path)
    outcome = engine.fix_file(path, "post.md")
    assert outcome.fixed == {"PL501": 2}
    expected = b"\xef\xbb\xbf" + (HEAD + "<p>one</p>\r\n<p>two</p>\n<p>three</p><p>four</p>").encode()
    assert path.read_bytes() == expected


def test_permissions_are_kept_and_writes_are_atomic(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(HEAD + AD + "\n<p>x</p>\n")
    path.chmod(0o640)
    engine = make_engine(start=tmp_path)
    assert engine.fix_file(path, "post.md").fixed == {"PL501": 1}
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"], "no temporary file is left behind"


def test_a_failed_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "post.md"
    original = HEAD + AD + "\n<p>x</p>\n"
    path.write_text(original)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    outcome = make_engine(start=tmp_path).fix_file(path, "post.md")
    assert outcome.skipped == "not fixed: cannot write the file (No space left on device)"
    assert path.read_text() == original
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_files_that_did_not_parse_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    text = "---\ntitle: [broken\n---\n" + AD + "\n"
    path.write_text(text)
    outcome = make_engine(start=tmp_path).fix_file(path, "post.md")
    assert outcome.skipped == "not fixed: front-matter-syntax"
    assert path.read_text() == text


def test_unclosed_remnants_are_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    text = HEAD + '<div class="ad-slot"><div>\n<p>The article goes on.</p>\n'
    path.write_text(text)
    engine = make_engine(start=tmp_path)
    [finding] = [f for f in engine.lint_file(path, "post.md") if f.code == "PL501"]
    assert finding.fix is None
    assert engine.fix_file(path, "post.md").fixed == {}


def test_a_fix_that_would_add_a_problem_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad_fix.py").write_text(
        "from postlint.api import Edit, Fix, Problem, Rule, RuleOptions\n"
        "class Shouty(Rule[RuleOptions]):\n"
        "    '''A word is shouted.'''\n"
        "    code = 'XY201'\n"
        "    name = 'shouted-word'\n"
        "    fixable = True\n"
        "    def check(self, post, context):\n"
        "        at = post.text.find('LOUD')\n"
        "        if at >= 0:\n"
        "            yield Problem('loud', at, at + 4, fix=Fix((Edit(at, at + 4, '<img src=x.png>'),), 'oops'))\n",
        encoding="utf-8",
    )
    path = tmp_path / "post.md"
    text = HEAD + "A LOUD word.\n"
    path.write_text(text)
    outcome = make_engine({"rule-dirs": [str(rules)]}, start=tmp_path).fix_file(path, "post.md")
    assert outcome.skipped is not None and outcome.skipped.startswith("not fixed: fixing would introduce new findings")
    assert path.read_text() == text


def test_cli_diff_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    original = HEAD + AD + "\n<p>x</p>\n"
    path.write_text(original)
    status, out, err = run_cli("check", "post.md", "--diff", "--no-cache", cwd=tmp_path)
    assert status == 1
    assert out == (
        "--- a/post.md\n+++ b/post.md\n@@ -3,5 +3,4 @@\n title: 'Ferry'\n date: 2024-03-18 09:30:00 +08:00\n"
        f" ---\n-{AD}\n <p>x</p>\n"
    )
    assert "would be applied (nothing was written)" in err and path.read_text() == original
    status, out, _ = run_cli("check", "post.md", "--fix", "--no-cache", cwd=tmp_path)
    assert status == 0
    assert out == "All checks passed (1 file checked).\nFixed 1 problem in 1 file; 0 remain.\n"
    assert path.read_text() == HEAD + "<p>x</p>\n"
    status, out, _ = run_cli("check", "post.md", "--diff", "--no-cache", cwd=tmp_path)
    assert (status, out) == (0, "")


@needs_shared
def test_seed_fix_removes_the_three_remnants_and_nothing_else(tmp_path: Path) -> None:
    copy = tmp_path / "seed.md"
    shutil.copyfile(SEED, copy)
    outcome = make_engine(start=tmp_path).fix_file(copy, "seed.md")
    assert outcome.fixed == {"PL501": 3}
    original = SEED.read_text(encoding="utf-8")
    removed = [
        '<section id="imu"><div id="dfp-ad-imu1-wrapper" class="dfp-tag-wrapper"><div id="dfp-ad-imu1" '
        'class="dfp-tag-wrapper">      </div></div></section>',
        '<div id="innity-in-post"></div>',
        '<div id="dfp-ad-midarticlespecial-wrapper" class="dfp-tag-wrapper"><div id="dfp-ad-midarticlespecial" '
        'class="dfp-tag-wrapper">      </div></div>',
    ]
    expected = original
    for piece in removed:
        assert expected.count(piece) == 1
        expected = expected.replace(piece, "")
    assert copy.read_text(encoding="utf-8") == expected


# ------------------------------------------------------------------------------------------ property-based

WRAPPERS = st.sampled_from(
    [
        '<div id="dfp-ad-{n}" class="dfp-tag-wrapper">{inner}</div>',
        '<section id="imu">{inner}</section>',
        '<div class="bbccom_slot mpu-ad">{inner}</div>',
        '<ins class="adsbygoogle">{inner}</ins>',
        "<div>{inner}</div>",
    ]
)
CONTENT = st.sampled_from(
    [
        "<p>Text {n}.</p>",
        '<img src="https://e.example/{n}.jpg" alt="photo {n}">',
        '<img data-src="https://e.example/{n}.jpg" alt="lazy {n}">',
        "Plain words {n}",
        "  ",
        "",
        '<img src="https://t.example/p.gif" width="1" height="1" alt="">',
        "中文 {n}",
        "<!-- note -->",
    ]
)
ENDINGS = st.sampled_from(["\n", "\r\n"])


@st.composite
def posts(draw: st.DrawFn) -> bytes:
    parts = []
    for n in range(draw(st.integers(1, 8))):
        content = draw(CONTENT).format(n=n)
        for _ in range(draw(st.integers(0, 3))):
            content = draw(WRAPPERS).format(n=n, inner=content)
        parts.append(content + draw(ENDINGS))
    body = "".join(parts)
    if draw(st.booleans()):
        body = body.rstrip("\r\n")
    head = HEAD.replace("\n", draw(ENDINGS))
    data = head.encode() + body.encode()
    return (b"\xef\xbb\xbf" + data) if draw(st.booleans()) else data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(post=posts(), unsafe=st.booleans())
def test_generated_posts_keep_the_contract(tmp_path: Path, post: bytes, unsafe: bool) -> None:
    path = tmp_path / "generated.md"
    path.write_bytes(post)
    problem = check_contract(make_engine(start=tmp_path), path, unsafe)
    assert problem is None, f"{problem}: {post!r}"


def test_diff_of_a_one_line_body_is_reviewable_and_full_diff_applies(tmp_path: Path) -> None:
    """An imported post's body is often one line of tens of thousands of characters: --diff shows each change
    as a word diff with a little context (issue 24); --full-diff prints the exact diff git apply takes."""
    import subprocess

    from conftest import run_cli

    words = " ".join(f"Sentence {i} of the harbour story." for i in range(600))
    ad = '<div class="ad-slot"><ins class="adsbygoogle" data-ad-client="ca-pub-1"></ins></div>'
    text = f"---\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\n<p>{words[:9000]} {ad} {words[9000:]}</p>\n"
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    status, out, err = run_cli("check", "--diff", "--no-cache", "post.md", cwd=tmp_path)
    assert status == 1
    assert max(len(line) for line in out.splitlines()) < 400
    [changed] = [line for line in out.splitlines() if line.startswith("~")]
    assert changed.count("[-") == 1 and f"{ad} -]" in changed and changed.startswith("~…") and "…" in changed[2:]
    assert "--full-diff prints the diff patch and git apply take" in err
    status, full, _ = run_cli("check", "--diff", "--full-diff", "--no-cache", "post.md", cwd=tmp_path)
    assert status == 1 and max(len(line) for line in full.splitlines()) > 20_000
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "change.patch").write_text(full, encoding="utf-8")
    subprocess.run(["git", "apply", "change.patch"], cwd=tmp_path, check=True)
    assert ad not in post.read_text(encoding="utf-8")  # the full diff is the fix, byte for byte
    assert post.read_text(encoding="utf-8") == text.replace(ad, "")
    status, _, err = run_cli("check", "--full-diff", "post.md", cwd=tmp_path)
    assert status == 2 and "--full-diff: only with --diff" in err


def test_word_diff_of_a_huge_repetitive_line_is_linear_and_short() -> None:
    """A 1 MB one-line body of one repeated word with two removals far apart: matched word by word, this took
    minutes (SequenceMatcher on long repetitive runs); the unchanged ends are found in one pass and the long
    stretch between the two changes is shown cut to its ends."""
    import time

    from postlint.cli.fixes import word_diff

    ad = '<div class="ad">x</div>'
    words = "word " * 200_000
    before = f"<p>{words[:5_000]}{ad}{words[5_000:900_000]}{ad}{words[900_000:]}</p>"
    after = before.replace(ad, "")
    started = time.process_time()
    shown = word_diff(before, after)
    assert time.process_time() - started < 5
    assert len(shown) < 600 and shown.startswith("…") and shown.endswith("…")
    assert "[-" in shown and ad in shown and "characters) …" in shown
