"""What a pull request commits cannot move the project's edge, leak a file from outside the tree, or make
a fix change which image a caption describes; and a fix's full reach is in the machine-readable reports.

Each test runs the real command on a site built in tmp_path and asserts what a user sees: exit codes,
findings, and the bytes on both streams.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SARIF_SCHEMA

NOW = "2026-01-01T00:00:00Z"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "postlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


# --- a committed symlink cannot hide a missing file ---------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
@pytest.mark.parametrize("isolated", [False, True])
def test_a_symlink_out_of_the_tree_hides_no_missing_image(tmp_path: Path, isolated: bool) -> None:
    """An image reached through a committed symlink that leads out of the tree (or round in a loop) is reported
    as missing, whatever the link points at (a file that exists, one that does not): no build publishes it,
    and "cannot tell" let one link silence every missing image below it. A link inside the tree still counts."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "exists.png").write_bytes(b"x")
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (site / "real").mkdir()
    (site / "real" / "ok.png").write_bytes(b"x")
    (site / "img").mkdir()
    os.symlink("../outside", site / "assets")
    os.symlink("../../outside/exists.png", site / "img" / "out.png")
    os.symlink("../../outside/nope.png", site / "img" / "dangling.png")
    os.symlink("loop", site / "img" / "loop")
    os.symlink("../real/ok.png", site / "img" / "inside.png")
    images = ["/assets/exists.png", "/assets/missing.png", "/img/out.png", "/img/dangling.png", "/img/loop/x.png"]
    body = "".join(f"![a]({image})\n\n" for image in [*images, "/img/inside.png", "/real/ok.png"])
    (site / "_posts" / "2024-01-01-x.md").write_text(f"---\ntitle: A\ndate: 2024-01-01\n---\n{body}", encoding="utf-8")
    completed = _run(
        site,
        "check",
        "--no-cache",
        "--select",
        "PL305",
        "--format",
        "json",
        *(["--isolated"] if isolated else []),
        "_posts",
    )
    assert completed.returncode == 1, completed.stderr
    findings = json.loads(completed.stdout)["findings"]
    assert [(f["line"], f["message"]) for f in findings] == [
        (5 + 2 * index, f"local image '{image}' does not exist") for index, image in enumerate(images)
    ]


# --- --isolated: the tree is not decided by config files from the checkout ---------------------------------


def _colliding_site(root: Path) -> Path:
    """A Jekyll site (a git checkout) whose post builds the same URL as a page above ``_posts``: PL807."""
    (root / "_posts").mkdir(parents=True)
    (root / "about").mkdir()
    (root / ".git").mkdir()
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (root / "about" / "index.md").write_text("---\ntitle: About\npermalink: /same/\n---\nx\n", encoding="utf-8")
    (root / "_posts" / "2024-01-01-x.md").write_text(
        "---\ntitle: A\ndate: 2024-01-01 00:00:00 +00:00\npermalink: /same/\n---\nx\n", encoding="utf-8"
    )
    return root


@pytest.mark.parametrize("target", ["_posts/2024-01-01-x.md", "_posts"])
def test_isolated_config_file_added_by_the_pull_request_does_not_move_the_edge(tmp_path: Path, target: str) -> None:
    site = _colliding_site(tmp_path / "site")
    before = _run(site, "check", "--isolated", "--no-cache", "--now", NOW, target)
    assert before.returncode == 1 and "PL807" in before.stdout, before.stdout + before.stderr
    (site / "_posts" / ".postlint.toml").write_text("", encoding="utf-8")  # what the pull request adds
    after = _run(site, "check", "--isolated", "--no-cache", "--now", NOW, target)
    assert after.returncode == 1, after.stderr
    assert after.stdout == before.stdout


# --- site configs that are symlinks out of their folder are never read ------------------------------------

SECRET = "s3cr3t-##[error]leak"
CONFIGS = [
    ("_config.yml", f'timezone: "{SECRET}"\npermalink: /{SECRET}/:title/\nbaseurl: /{SECRET}\n'),
    ("hugo.toml", f'timeZone = "{SECRET}"\nbaseURL = "https://x.example/{SECRET}/"\n'),
    ("config.toml", f'base_url = "https://x.example/{SECRET}/"\ntimeZone = "{SECRET}"\n'),
    ("package.json", json.dumps({"devDependencies": {"@11ty/eleventy": "2"}, "name": SECRET})),
]


@pytest.mark.parametrize("isolated", [False, True])
@pytest.mark.parametrize(("name", "content"), CONFIGS)
def test_a_site_config_linked_out_of_the_tree_is_never_read(
    tmp_path: Path, name: str, content: str, isolated: bool
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(content, encoding="utf-8")
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / name).symlink_to(outside)
    for day in ("01", "02"):
        (site / "_posts" / f"2024-01-{day}-x.md").write_text(
            "---\ntitle: A\ndate: 2024-01-01 10:00:00\n---\nSee [a](/about/).\n", encoding="utf-8"
        )
    args = ["check", "--no-cache", "--now", NOW, *(["--isolated"] if isolated else []), "_posts"]
    completed = _run(site, *args)
    assert completed.returncode in (0, 1), completed.stderr  # never the exit-2 error quoting the zone
    assert "s3cr3t" not in completed.stdout + completed.stderr
    assert f"postlint: warning: {name}: a symlink to a file outside its folder; not read" in completed.stderr


def test_a_site_config_linked_inside_its_folder_is_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / "settings").mkdir()
    (site / "settings" / "site.yml").write_text('timezone: "Not/AZone"\n', encoding="utf-8")
    (site / "_config.yml").symlink_to(Path("settings") / "site.yml")
    (site / "_posts" / "2024-01-01-x.md").write_text("---\ntitle: A\n---\nx\n", encoding="utf-8")
    completed = _run(site, "check", "--no-cache", "--now", NOW, "_posts")
    assert completed.returncode == 2
    assert "timezone: 'Not/AZone' is not a known IANA time zone" in completed.stderr


# --- PL404's fix never makes a caption describe another image ---------------------------------------------

CAPTIONED = (
    "---\ntitle: t\n---\n\n"
    '<figure><img src="b.png" alt="b"><figcaption>Photo of B</figcaption></figure>\n'
    "<figcaption>orphan caption</figcaption>\n\n"
    '<div><img src="d.png" alt="d"><figcaption>D</figcaption></div><figcaption>second orphan</figcaption>\n'
)


def test_pl404_fix_never_wraps_an_image_that_has_a_caption(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(CAPTIONED, encoding="utf-8")
    fixed = _run(tmp_path, "check", "--no-cache", "--select", "PL404", "--fix", "--unsafe-fixes", "p.md")
    # Only the caption standing right after its own image inside the div is wrapped; the two orphans stay
    # orphans (reported, unfixable): neither was ever about the image before it.
    assert (tmp_path / "p.md").read_text(encoding="utf-8") == CAPTIONED.replace(
        '<div><img src="d.png" alt="d"><figcaption>D</figcaption></div>',
        '<div><figure><img src="d.png" alt="d"><figcaption>D</figcaption></figure></div>',
    )
    assert fixed.returncode == 1
    message = "PL404 figcaption is outside any figure, so it is not tied to its image [figcaption-outside-figure]"
    assert fixed.stdout.splitlines()[:2] == [f"p.md:6:1: {message}", f"p.md:8:80: {message}"]
    assert "Fixed 1 problem in 1 file; 2 remain." in fixed.stdout
    again = _run(tmp_path, "check", "--no-cache", "--select", "PL404", "--diff", "--unsafe-fixes", "p.md")
    assert (again.returncode, again.stdout) == (0, "")


def test_pl404_still_wraps_an_uncaptioned_figure_with_its_caption(tmp_path: Path) -> None:
    """News sites hold the image in a figure of their own and put the caption after its container."""
    text = '---\ntitle: t\n---\n\n<div><figure><img src="e.png" alt="e"></figure></div><figcaption>E</figcaption>\n'
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    fixed = _run(tmp_path, "check", "--no-cache", "--select", "PL404", "--fix", "--unsafe-fixes", "p.md")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert (tmp_path / "p.md").read_text(encoding="utf-8") == text.replace(
        "<div><figure>", "<figure><div><figure>"
    ).replace("</figcaption>", "</figcaption></figure>")


# --- a fix's related spans in JSON and SARIF -------------------------------------------------------------

WRAPPABLE = (
    '---\ntitle: t\n---\n\nIntro.\n\n<div class="m">\n<img src="c.png" alt="c">\n</div><figcaption>C</figcaption>\n'
)


def test_related_spans_in_json_and_sarif(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(WRAPPABLE, encoding="utf-8")
    completed = _run(tmp_path, "check", "--no-cache", "--select", "PL404", "--format", "json", "p.md")
    assert completed.returncode == 1, completed.stderr
    [finding] = json.loads(completed.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (9, 7, 9, 33)
    # The image's holder, from `<div` (7:1) to the end of `</div>` (9:7): the fix's opening tag goes there.
    assert finding["related"] == [{"line": 7, "column": 1, "end_line": 9, "end_column": 7}]
    assert finding["fixable"] is True
    sarif = _run(tmp_path, "check", "--no-cache", "--select", "PL404", "--format", "sarif", "p.md")
    document = json.loads(sarif.stdout)
    [result] = document["runs"][0]["results"]
    [related] = result["relatedLocations"]
    assert related["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 1, "endLine": 9, "endColumn": 7}
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "p.md"
    schema = SARIF_SCHEMA if SARIF_SCHEMA.is_file() else Path("/work/shared/schemas/sarif-2.1.0.json")
    if schema.is_file():
        import jsonschema

        jsonschema.Draft7Validator(json.loads(schema.read_text(encoding="utf-8"))).validate(document)
    # Findings without related spans keep the shape they always had.
    (tmp_path / "q.md").write_text("---\ntitle: t\n---\n\n<figcaption>alone</figcaption>\n", encoding="utf-8")
    plain = json.loads(_run(tmp_path, "check", "--no-cache", "--select", "PL404", "--format", "json", "q.md").stdout)
    assert "related" not in plain["findings"][0]


def test_related_spans_survive_the_cache(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text(WRAPPABLE, encoding="utf-8")
    env = {**os.environ, "POSTLINT_CACHE_DIR": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "postlint", "check", "--select", "PL404", "--format", "json", "p.md"]
    cold = subprocess.run(args, cwd=tmp_path, capture_output=True, env=env, timeout=300)
    warm = subprocess.run(args, cwd=tmp_path, capture_output=True, env=env, timeout=300)
    assert cold.stdout == warm.stdout and b'"related"' in warm.stdout
