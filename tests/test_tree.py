"""postlint stays inside the project tree: symlinks out of it are reported (PL016), never read, shown or
written; fixes keep owner, group, mode and hard links; a site root outside the tree needs an opt-in."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from conftest import make_engine, run_cli

HEAD = "---\nlayout: post\ntitle: 'Ferry'\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
AD = '<div id="dfp-ad-1" class="dfp-tag-wrapper"><div id="dfp-ad-1-inner"></div></div>'
TOKEN = "ghp_SECRET0123456789token"
#: A file outside the tree: a token, a fixable ad remnant and a key typo (PL104) that must never be seen.
SECRET = f"---\nlayout: post\nauther: {TOKEN}\n---\n{AD}\n<p>{TOKEN}</p>\n"
CLEAN = HEAD + "<p>A clean post.</p>\n"


def _site(tmp_path: Path) -> tuple[Path, Path]:
    """``site/`` (a project: it holds postlint.toml) with one clean post, and ``outside/`` beside it."""
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "postlint.toml").write_text("", encoding="utf-8")
    (site / "_posts" / "ok.md").write_text(CLEAN, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(SECRET, encoding="utf-8")
    return site, outside


def _check(cwd: Path, *args: str) -> tuple[int, dict[str, object], str, str]:
    status, out, err = run_cli("check", "--no-cache", "--format", "json", *args, cwd=cwd)
    return status, json.loads(out), out, err


def _found(document: dict[str, object]) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["column"], f["code"]) for f in document["findings"]]  # type: ignore[attr-defined, index]


def test_symlink_to_a_file_outside_is_reported_and_never_read(tmp_path: Path) -> None:
    site, outside = _site(tmp_path)
    (site / "_posts" / "passwd.md").symlink_to(outside / "secret.md")
    status, document, out, _ = _check(site, ".")
    assert status == 1
    assert _found(document) == [("_posts/passwd.md", 1, 1, "PL016")]
    assert document["files_checked"] == 2
    message = document["findings"][0]["message"]  # type: ignore[index]
    assert message == f"it is a symlink to '{outside / 'secret.md'}', outside the project tree; it was not followed"
    assert TOKEN not in out


def test_symlink_to_a_folder_outside_is_one_finding_and_not_walked(tmp_path: Path) -> None:
    site, outside = _site(tmp_path)
    for n in range(5):
        (outside / f"p{n}.md").write_text(CLEAN, encoding="utf-8")
    (outside / "postlint.toml").write_text('select = ["PL901"]\n', encoding="utf-8")  # another project's config
    (site / "_posts" / "archive").symlink_to(outside, target_is_directory=True)
    status, document, _, _ = _check(site, ".")
    assert (status, _found(document)) == (1, [("_posts/archive", 1, 1, "PL016")])
    assert document["files_checked"] == 2


def test_symlink_to_the_root_is_not_walked(tmp_path: Path) -> None:
    site, _ = _site(tmp_path)
    (site / "_posts" / "disk").symlink_to("/", target_is_directory=True)
    started = time.monotonic()
    status, document, _, _ = _check(site, ".")
    assert time.monotonic() - started < 60
    assert (status, _found(document), document["files_checked"]) == (1, [("_posts/disk", 1, 1, "PL016")], 2)


def test_links_inside_the_tree_are_followed_and_loops_cut(tmp_path: Path) -> None:
    site, _ = _site(tmp_path)
    posts = site / "_posts"
    (posts / "again").symlink_to(posts, target_is_directory=True)  # a loop back to its own folder
    (posts / "alias.md").symlink_to("ok.md")  # a file link inside: linted like the file
    (posts / "self.md").symlink_to("self.md")  # a link to itself: unreadable
    (posts / "gone.md").symlink_to("missing.md")  # dangling inside: unreadable
    (posts / "away.md").symlink_to("/nonexistent-postlint-target/x.md")  # dangling outside: outside
    status, document, _, _ = _check(site, ".")
    assert status == 1
    assert _found(document) == [
        ("_posts/away.md", 1, 1, "PL016"),
        ("_posts/gone.md", 1, 1, "PL001"),
        ("_posts/self.md", 1, 1, "PL001"),
    ]
    assert document["files_checked"] == 5  # ok, alias, away, gone, self: each once


def test_named_symlinks_and_listed_paths_are_checked_too(tmp_path: Path) -> None:
    site, outside = _site(tmp_path)
    (outside / ".git").mkdir()  # the linked folder's own project marker does not make it the tree
    (site / "_posts" / "passwd.md").symlink_to(outside / "secret.md")
    (site / "_posts" / "archive").symlink_to(outside, target_is_directory=True)
    status, document, out, _ = _check(site, "_posts/passwd.md", "_posts/archive", "_posts/archive/secret.md")
    assert status == 1
    messages = {f["path"]: f["message"] for f in document["findings"]}  # type: ignore[attr-defined]
    assert messages["_posts/archive/secret.md"] == (
        f"it lies behind the symlink '_posts/archive' -> '{outside}', outside the project tree; it was not followed"
    )
    assert _found(document) == [
        ("_posts/archive", 1, 1, "PL016"),
        ("_posts/archive/secret.md", 1, 1, "PL016"),
        ("_posts/passwd.md", 1, 1, "PL016"),
    ]
    assert TOKEN not in out
    listing = site / "files.txt"
    listing.write_text("_posts/ok.md\n_posts/passwd.md\n../outside/secret.md\n", encoding="utf-8")
    status, document, out, _ = _check(site, "--files-from", "files.txt")
    assert status == 1
    assert _found(document) == [
        ("../outside/secret.md", 1, 1, "PL016"),
        ("_posts/passwd.md", 1, 1, "PL016"),
    ]
    assert TOKEN not in out


def test_changed_since_names_are_checked_too(tmp_path: Path) -> None:
    site, outside = _site(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=site, check=True)
    (site / "_posts" / "passwd.md").symlink_to(outside / "secret.md")
    status, document, out, _ = _check(site, "--changed-since", "HEAD")
    assert (status, _found(document)) == (1, [("_posts/passwd.md", 1, 1, "PL016")])
    assert TOKEN not in out


def test_config_is_not_found_through_a_named_link(tmp_path: Path) -> None:
    site, outside = _site(tmp_path)
    (outside / "postlint.toml").write_text('select = ["PL901"]\n', encoding="utf-8")
    (site / "_posts" / "archive").symlink_to(outside, target_is_directory=True)
    (site / "_posts" / "ok.md").write_text(HEAD + AD + "\n", encoding="utf-8")
    _, document, _, _ = _check(site, "_posts/archive", "_posts/ok.md")
    # The site's config (every rule) applies, not the linked project's select = ["PL901"].
    assert _found(document) == [("_posts/archive", 1, 1, "PL016"), ("_posts/ok.md", 6, 1, "PL501")]


def test_diff_and_fix_never_read_or_write_through_a_link_out(tmp_path: Path) -> None:
    site, outside = _site(tmp_path)
    (site / "_posts" / "passwd.md").symlink_to(outside / "secret.md")
    status, out, err = run_cli("check", "--no-cache", "--diff", ".", cwd=site)
    assert status == 0 and out == "" and TOKEN not in err
    assert "postlint: _posts/passwd.md: not read: it is a symlink to" in err
    status, out, err = run_cli("check", "--no-cache", "--fix", ".", cwd=site)
    assert status == 1 and TOKEN not in out + err
    assert (outside / "secret.md").read_text(encoding="utf-8") == SECRET
    assert os.path.islink(site / "_posts" / "passwd.md")


def test_fix_never_writes_through_a_link_inside_the_tree(tmp_path: Path) -> None:
    site, _ = _site(tmp_path)
    real = site / "drafts" / "real.md"
    real.parent.mkdir()
    real.write_text(HEAD + AD + "\n<p>x</p>\n", encoding="utf-8")
    (site / "_posts" / "alias.md").symlink_to(real)
    status, out, err = run_cli("check", "--no-cache", "--fix", "_posts/alias.md", cwd=site)
    assert status == 1
    assert "not fixed: it is a symlink, and postlint never writes through a link" in err
    assert real.read_text(encoding="utf-8") == HEAD + AD + "\n<p>x</p>\n"
    (site / "linked").symlink_to(site / "drafts", target_is_directory=True)
    status, out, err = run_cli("check", "--no-cache", "--diff", "linked/real.md", cwd=site)
    assert (status, out) == (0, "")
    assert "not fixed: its path goes through the symlink 'linked'" in err
    status, out, err = run_cli("check", "--no-cache", "--fix", "drafts/real.md", cwd=site)
    assert status == 0 and real.read_text(encoding="utf-8") == HEAD + "<p>x</p>\n"
    assert os.path.islink(site / "_posts" / "alias.md")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root")
def test_fix_as_root_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(HEAD + AD + "\n<p>x</p>\n", encoding="utf-8")
    os.chown(path, 12345, 23456)
    path.chmod(0o640)
    outcome = make_engine(start=tmp_path).fix_file(path, "post.md")
    assert outcome.fixed == {"PL501": 1} and outcome.skipped is None
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o640)
    assert path.read_bytes() == (HEAD + "<p>x</p>\n").encode()
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_fix_keeps_mode_and_leaves_hard_linked_files_alone(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    text = HEAD + AD + "\n<p>x</p>\n"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o604)
    os.link(path, tmp_path / "copy.md")
    outcome = make_engine(start=tmp_path).fix_file(path, "post.md")
    assert outcome.skipped == (
        "not fixed: it has 2 hard links, and rewriting it would split them from the others (fix it by hand)"
    )
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_ino == (tmp_path / "copy.md").stat().st_ino
    assert stat.S_IMODE(path.stat().st_mode) == 0o604


def _jekyll(tmp_path: Path, config: str) -> Path:
    site = tmp_path / "blog"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text(config, encoding="utf-8")
    (site / "assets" / "img").mkdir(parents=True)
    (site / "assets" / "img" / "here.png").write_bytes(b"png")
    return site


def test_jekyll_site_root_is_found_with_its_baseurl(tmp_path: Path) -> None:
    site = _jekyll(tmp_path, 'title: Blog\nbaseurl: "/blog" # served under /blog\ntimezone: Asia/Singapore\n')
    line = (
        "![a](/blog/assets/img/here.png) ![b](/blog/assets/img/missing.png) ![c](/assets/img/here.png) "
        "![d](/assets/img/gone.png) ![e](../assets/img/here.png) ![f](../../../../etc/hostname-x) "
        '<img src="{{ site.baseurl }}/assets/img/here.png" alt="g"> '
        "![h]({{site.url}}{{site.baseurl}}/assets/img/nope.png)\n"
    )
    post = site / "_posts" / "2024-03-18-p.md"
    post.write_text(HEAD + line, encoding="utf-8")
    status, document, _, _ = _check(site, "--select", "PL305", "_posts")
    assert status == 1
    assert _found(document) == [
        ("_posts/2024-03-18-p.md", 6, line.index("![b]") + 1, "PL305"),
        ("_posts/2024-03-18-p.md", 6, line.index("![d]") + 1, "PL305"),
        ("_posts/2024-03-18-p.md", 6, line.index("![h]") + 1, "PL305"),
    ]


def test_hugo_static_assets_and_page_bundles(tmp_path: Path) -> None:
    site = tmp_path / "hugo"
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "a.png").write_bytes(b"png")
    (site / "themes" / "paper" / "static").mkdir(parents=True)
    (site / "themes" / "paper" / "static" / "logo.png").write_bytes(b"png")
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntheme = "paper"\n', encoding="utf-8")
    bundle = site / "content" / "posts" / "ferry"
    bundle.mkdir(parents=True)
    (bundle / "photo.jpg").write_bytes(b"jpg")
    line = (
        "![a](/images/a.png) ![b](/images/b.png) ![c](photo.jpg) ![d](nothere.jpg) ![e](/posts/ferry/photo.jpg) "
        "![f](/logo.png)\n"
    )
    (bundle / "index.md").write_text(HEAD + line, encoding="utf-8")
    status, document, _, _ = _check(site, "--select", "PL305", "content")
    assert status == 1
    assert _found(document) == [
        ("content/posts/ferry/index.md", 6, line.index("![b]") + 1, "PL305"),
        ("content/posts/ferry/index.md", 6, line.index("![d]") + 1, "PL305"),
    ]


def test_a_site_root_outside_the_tree_needs_the_opt_in(tmp_path: Path) -> None:
    site, _ = _site(tmp_path)
    (site / "_posts" / "ok.md").write_text(HEAD + "![x](/etc/hostname) ![y](/etc/no-such-file)\n", encoding="utf-8")
    (site / "postlint.toml").write_text('site-root = "/"\n', encoding="utf-8")
    status, out, err = run_cli("check", "--no-cache", ".", cwd=site)
    assert (status, out) == (2, "")
    assert err.startswith("postlint: error: site-root: '/' is outside the project tree")
    assert "allow-site-root-outside-tree = true" in err
    (site / "postlint.toml").write_text('static-dirs = ["../outside"]\n', encoding="utf-8")
    status, _, err = run_cli("check", "--no-cache", ".", cwd=site)
    assert status == 2 and err.startswith("postlint: error: static-dirs: ")
    (site / "postlint.toml").write_text('site-root = "/"\nallow-site-root-outside-tree = true\n', encoding="utf-8")
    status, document, _, _ = _check(site, "--select", "PL305", ".")
    assert (status, _found(document)) == (1, [("_posts/ok.md", 6, 21, "PL305")])


def test_a_fix_that_edits_outside_its_finding_is_withheld(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "stray_fix.py").write_text(
        "from postlint.api import Edit, Fix, Problem, Rule, RuleOptions\n"
        "class Stray(Rule[RuleOptions]):\n"
        "    '''A word is shouted.'''\n"
        "    code = 'XY201'\n"
        "    name = 'shouted-word'\n"
        "    fixable = True\n"
        "    def check(self, post, context):\n"
        "        at = post.text.find('LOUD')\n"
        "        if at >= 0:\n"
        "            yield Problem('loud', at, at + 4, fix=Fix((Edit(0, 3, '+++'),), 'x'))\n",
        encoding="utf-8",
    )
    path = tmp_path / "post.md"
    text = HEAD + "A LOUD word.\n"
    path.write_text(text, encoding="utf-8")
    engine = make_engine({"rule-dirs": [str(rules)]}, start=tmp_path)
    [finding] = [f for f in engine.lint_file(path, "post.md") if f.code == "XY201"]
    assert (finding.line, finding.column, finding.fixable, finding.fix) == (6, 3, False, None)
    assert finding.message == (
        "loud (its fix was withheld: it would edit at 1:1, outside what this finding reports; please report this "
        "rule bug)"
    )
    assert engine.fix_file(path, "post.md", unsafe=True).fixed == {}
    assert path.read_text(encoding="utf-8") == text


def test_apply_fixes_refuses_edits_outside_the_stamped_spans() -> None:
    from postlint.api import Edit, Fix, Severity
    from postlint.core.model import Finding
    from postlint.engine.fixer import apply_fixes

    def finding(fix: Fix) -> Finding:
        return Finding("p.md", 1, 5, 1, 9, "XY201", "x", Severity.WARNING, "m", True, "s", fix)

    inside = Fix((Edit(4, 8, "LOUD"),), "in", bounds=((4, 8),))
    stray = Fix((Edit(0, 2, "??"),), "out", bounds=((4, 8),))
    unchecked = Fix((Edit(9, 10, "!"),), "never checked")
    text, applied = apply_fixes("abc loud word", [finding(inside), finding(stray), finding(unchecked)])
    assert text == "abc LOUD word"
    assert [f.fix for f in applied] == [inside]


def test_pl404_reports_what_its_fix_touches(tmp_path: Path) -> None:
    line = '<div class="media"><img src="https://x.example/a.jpg" alt="Boats"></div><figcaption>Boats.</figcaption>'
    path = tmp_path / "post.md"
    path.write_text(HEAD + line + "\n", encoding="utf-8")
    engine = make_engine(start=tmp_path)
    [finding] = [f for f in engine.lint_file(path, "post.md") if f.code == "PL404"]
    start = line.index("<figcaption") + 1
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (6, start, 6, len(line) + 1)
    assert finding.message == "figcaption is outside any figure, so it is not tied to its image (at 6:1)"
    assert finding.fix is not None and finding.fix.bounds == (
        (len(HEAD) + start - 1, len(HEAD) + len(line)),
        (len(HEAD), len(HEAD) + line.index("<figcaption")),
    )
    assert engine.fix_file(path, "post.md", unsafe=True).fixed == {"PL404": 1}
    assert path.read_text(encoding="utf-8") == HEAD + "<figure>" + line + "</figure>\n"


def test_site_config_is_not_looked_for_through_a_named_link(tmp_path: Path) -> None:
    from postlint.config import find_config
    from postlint.sites import detect_generator, site_timezone

    site, outside = _site(tmp_path)
    (outside / "_config.yml").write_text("timezone: Asia/Tokyo\n", encoding="utf-8")
    (outside / "postlint.toml").write_text('select = ["PL901"]\n', encoding="utf-8")
    link = site / "_posts" / "linked"
    link.symlink_to(outside, target_is_directory=True)
    assert find_config(link) == site / "postlint.toml"
    assert site_timezone(link, None) is None
    assert detect_generator(link, None) == "unknown"
    assert site_timezone(outside, None) == ("Asia/Tokyo", str(outside / "_config.yml"))


def test_fix_leaves_a_file_alone_when_its_owner_cannot_be_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "post.md"
    text = HEAD + AD + "\n<p>x</p>\n"
    path.write_text(text, encoding="utf-8")
    owner = path.stat().st_uid
    root = os.geteuid() == 0
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # someone else runs postlint
    outcome = make_engine(start=tmp_path).fix_file(path, "post.md")
    assert outcome.skipped == "not fixed: it belongs to another user, and rewriting it would make it yours"
    monkeypatch.setattr(os, "geteuid", lambda: owner)
    made = os.stat(tmp_path).st_gid

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refuse)
    if not root:
        pytest.skip("giving the file a group its temporary copy will not have needs root")
    os.chown(path, owner, made + 1)
    outcome = make_engine(start=tmp_path).fix_file(path, "post.md")
    assert outcome.skipped == "not fixed: cannot keep the file's owner and group"
    assert path.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]
