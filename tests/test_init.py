"""`postlint init --infer`: the config an archive follows, written so that a check with it finds the outliers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _post(n: int, author: str | None = "City Desk", layout: str = "post") -> str:
    lines = ["---", f"layout: {layout}", f'title: "Story {n}"', f"date: 2024-03-{1 + n % 28:02d} 09:30:00 +08:00"]
    if author is not None:
        lines.append(f"author: {author}")
    lines += [f"tags: [city, t{n % 3}]", f"link: https://news.example.com/{n}", f"weight: {n}", "---", "", "Body.", ""]
    return "\n".join(lines)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    posts = tmp_path / "_posts"
    posts.mkdir()
    for n in range(100):
        text = _post(n, author=None if n == 57 else "City Desk")
        (posts / f"2024-03-{1 + n % 28:02d}-story-{n}.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_infer_writes_a_config_that_finds_the_outlier(archive: Path) -> None:
    status, out, err = run_cli("init", "--infer", "_posts", cwd=archive)
    assert (status, out) == (0, ""), err
    assert err == "postlint: wrote postlint.toml\n"
    text = (archive / "postlint.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)
    fields = config["front-matter"]["fields"]
    # An author is free text: the one author seen so far is not the only one there will be.
    assert fields["author"] == {"type": "text", "required": True}
    assert fields["date"] == {"type": "datetime", "required": True}
    assert fields["tags"] == {"type": "str|list[str]", "required": True, "allowed": ["city", "t0", "t1", "t2"]}
    assert fields["link"] == {"type": "text", "required": True}  # a URL, but PL601 judges source URLs
    assert fields["weight"] == {"type": "int", "required": True}
    assert "title" in fields and "allowed" not in fields["title"]  # 100 distinct titles are not a set
    assert "[front-matter.fields.author]\n# 99 of 100 posts\n" in text
    assert "# free text: its 1 values are not listed as allowed (--allow-free-text lists them)\n" in text
    assert '# values: "city": 100, "t0": 34, "t1": 33, "t2": 33\n' in text
    # The written config is a valid postlint config, and the one post without an author is the finding.
    status, out, err = run_cli("check", "_posts", "--select", "PL1,PL2", "--format", "json", "--no-cache", cwd=archive)
    assert status == 1, err
    findings = [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in json.loads(out)["findings"]]
    assert findings == [("_posts/2024-03-02-story-57.md", 1, 1, "PL101", "required key 'author' is missing")]


def test_a_key_the_archive_leaves_empty_at_will_may_be_empty(tmp_path: Path) -> None:
    posts = tmp_path / "p"
    posts.mkdir()
    for n in range(50):
        summary = "''" if n % 3 == 0 else f"Summary {n}"
        subtitle = "''" if n == 7 else "Notes"
        text = f"---\ntitle: t{n}\nsummary: {summary}\nsubtitle: {subtitle}\n---\nBody.\n"
        (posts / f"{n}.md").write_text(text, encoding="utf-8")
    status, out, err = run_cli("init", "--infer", "p", "--stdout", "--required-threshold", "0.95", cwd=tmp_path)
    assert status == 0, err
    fields = tomllib.loads(out)["front-matter"]["fields"]
    assert fields["summary"] == {"type": "str", "required": False}  # 17 of 50 empty: that is the convention
    assert fields["subtitle"] == {"type": "text", "required": True}  # 1 of 50 empty: an outlier
    (tmp_path / "postlint.toml").write_text(out, encoding="utf-8")
    status, out, err = run_cli("check", "p", "--select", "PL1", "--no-cache", cwd=tmp_path)
    assert status == 1
    assert out.splitlines()[0] == (
        "p/7.md:4:11: PL102 'subtitle': string should have at least 1 character; found '' [front-matter-invalid-value]"
    )
    assert "1 file with problems" in out or "in 1 file;" in out


def test_thresholds_are_options(archive: Path) -> None:
    status, out, err = run_cli(
        "init",
        "--infer",
        "_posts",
        "--stdout",
        "--required-threshold",
        "1",
        "--max-allowed-values",
        "3",
        "--allow-free-text",
        cwd=archive,
    )
    assert status == 0, err
    fields = tomllib.loads(out)["front-matter"]["fields"]
    assert fields["author"]["required"] is False  # 99 of 100 is below 100%
    assert "allowed" not in fields["tags"]  # four distinct values are more than three
    assert fields["author"]["allowed"] == ["City Desk"]
    assert not (archive / "postlint.toml").exists()  # --stdout writes nothing
    for bad in (["--required-threshold", "0"], ["--required-threshold", "1.5"], ["--max-allowed-values", "-1"]):
        status, _, err = run_cli("init", "--infer", "_posts", "--stdout", *bad, cwd=archive)
        assert status == 2 and bad[0] in err


def test_an_existing_config_is_kept_unless_forced(archive: Path) -> None:
    (archive / "postlint.toml").write_text('profile = "news"\n', encoding="utf-8")
    status, _, err = run_cli("init", "--infer", "_posts", cwd=archive)
    assert status == 2
    assert "postlint.toml exists: use --force to overwrite it, or --stdout to print the config" in err
    assert (archive / "postlint.toml").read_text(encoding="utf-8") == 'profile = "news"\n'
    status, _, err = run_cli("init", "--infer", "_posts", "--force", cwd=archive)
    assert status == 0, err
    assert "[front-matter.fields.author]" in (archive / "postlint.toml").read_text(encoding="utf-8")


def test_nothing_to_infer_from_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    status, _, err = run_cli("init", "--infer", "empty", cwd=tmp_path)
    assert status == 2 and "found no file to check" in err
    status, _, err = run_cli("init", "--infer", "missing", cwd=tmp_path)
    assert status == 2 and "'missing' does not exist" in err
    assert not (tmp_path / "postlint.toml").exists()


HOSTILE = [
    'he said "stop"',
    "two\nlines",
    "]] [tool] x = 1",
    "bell\x07 and \x1b[31m escape",
    "back\\slash",
    "tab\there",
    "del\x7f and \u2028 sep",
    "# not a comment",
    '\'single\' and """ triple',
]


def test_hostile_values_and_keys_are_escaped(tmp_path: Path) -> None:
    posts = tmp_path / "p"
    posts.mkdir()
    for n in range(40):
        value = HOSTILE[n % len(HOSTILE)]
        data = {"title": f"t{n}", "layout": value, 'we"ird\nkey]]': value, "list": [value, "x"]}
        # JSON front matter: the values arrive exactly as written, control characters included.
        (posts / f"{n}.md").write_text(json.dumps(data) + "\nBody.\n", encoding="utf-8")
    status, out, err = run_cli(
        "init", "--infer", "p", "--stdout", "--max-allowed-values", "20", "--allow-free-text", cwd=tmp_path
    )
    assert status == 0, err
    for line in out.splitlines():  # nothing from a post escapes its string: no raw control character at all
        assert all(ch == "\t" or ord(ch) >= 0x20 for ch in line) and "\x7f" not in line, line
    fields = tomllib.loads(out)["front-matter"]["fields"]
    assert sorted(fields["layout"]["allowed"]) == sorted(HOSTILE)
    assert sorted(fields['we"ird\nkey]]']["allowed"]) == sorted(HOSTILE)
    assert sorted(fields["list"]["allowed"]) == sorted([*HOSTILE, "x"])
    # And it is a config postlint accepts: every post passes with it.
    (tmp_path / "postlint.toml").write_text(out, encoding="utf-8")
    status, out, err = run_cli("check", "p", "--select", "PL1", "--no-cache", cwd=tmp_path)
    assert status == 0, out + err


def test_keys_toml_cannot_hold_are_left_out_and_format_characters_are_shown(tmp_path: Path) -> None:
    """Two keys that differ only in lone surrogates (JSON front matter keeps them) were both written as
    ``"a\\uFFFD"``: a table declared twice, and the next ``check`` exited 2. A bidi override in a key was written
    raw, reordering the line in an editor while the file is reviewed."""
    posts = tmp_path / "p"
    posts.mkdir()
    for n in range(4):
        text = '{"title": "t", "a\\ud800": 1, "a\\udfff": 2, "x\\u202ey": "v", "zero\\u200bwidth": "w"}\nBody.\n'
        (posts / f"{n}.md").write_text(text, encoding="utf-8")
    status, out, err = run_cli("init", "--infer", "p", "--stdout", cwd=tmp_path)
    assert status == 0, err
    assert "\u202e" not in out and "\u200b" not in out
    assert '[front-matter.fields."x\\u202Ey"]' in out and '[front-matter.fields."zero\\u200Bwidth"]' in out
    assert "# 2 keys left out: TOML cannot hold their names (lone surrogates)" in out
    fields = tomllib.loads(out)["front-matter"]["fields"]
    assert sorted(fields) == ["title", "x\u202ey", "zero\u200bwidth"]
    (tmp_path / "postlint.toml").write_text(out, encoding="utf-8")
    status, out, err = run_cli("check", "p", "--select", "PL1", "--no-cache", cwd=tmp_path)
    # The config loads; what remains is the posts' own defect, a key that is not text, found at its post.
    assert status == 1, out + err
    findings = [line for line in out.splitlines() if line.startswith("p/")]
    assert len(findings) == 4 and all(":1:1: PL102 'front matter'" in line for line in findings), out


def test_free_text_empty_values_and_pages_do_not_make_rules_the_archive_breaks(tmp_path: Path) -> None:
    """Issue 21's three cases: `author` with the ten authors seen so far (a new author's post would be
    PL102), a key left empty ('') in 13 posts typed `url` (12 PL102), and a redirect page held to the post
    schema. The written config checks the same archive, plus next week's post, without a finding."""
    posts = tmp_path / "_posts"
    posts.mkdir()
    for n in range(100):
        image = "''" if n % 8 == 0 else f"https://img.example.com/{n}.jpg"
        text = (
            f"---\nlayout: post\ntitle: Story {n}\nauthor: Writer {n % 10}\nsection: s{n % 3}\n"
            f"image: {image}\ndate: 2024-03-{1 + n % 28:02d}\n---\nBody.\n"
        )
        (posts / f"2024-03-{1 + n % 28:02d}-story-{n}.md").write_text(text, encoding="utf-8")
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "latest.md").write_text("---\nredirect_to: /2024/03/01/story-0.html\n---\n", "utf-8")
    (tmp_path / "about.md").write_text("---\ntitle: About\nlayout: page\n---\nUs.\n", encoding="utf-8")
    status, out, err = run_cli("init", "--infer", ".", "--stdout", cwd=tmp_path)
    assert status == 0, err
    config = tomllib.loads(out)
    fields = config["front-matter"]["fields"]
    assert fields["author"] == {"type": "text", "required": True}  # not allowed = the ten authors
    assert fields["section"]["allowed"] == ["s0", "s1", "s2"]  # labels are still a set
    assert fields["image"] == {"required": False}  # 13 posts leave it '': no type that refuses ''
    assert "# type = \"url\" would report the 13 posts that leave it empty ('')\n" in out
    assert config["per-file-ignores"] == {"about.md": ["PL101", "PL102"], "releases/*": ["PL101", "PL102"]}
    assert "# 2 pages are not posts" in out
    (tmp_path / "postlint.toml").write_text(out, encoding="utf-8")
    (posts / "2024-04-01-new.md").write_text(
        "---\nlayout: post\ntitle: New\nauthor: A New Writer\nsection: s1\nimage: ''\ndate: 2024-04-01\n---\nB.\n",
        encoding="utf-8",
    )
    status, out, err = run_cli("check", "--select", "PL1", "--no-cache", ".", cwd=tmp_path)
    assert (status, out.splitlines()[-1]) == (0, "All checks passed (103 files checked)."), out + err
