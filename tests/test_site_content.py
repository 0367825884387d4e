"""A site as its generator builds it: which files a folder walk lints, where links and images lead, which
dates and keys are valid. Each test builds a small site in the shape of a real one (Jekyll's docs/ in a
repository, hugoDocs' mounted content/en, a Zola blog, an Eleventy site with an input folder); where the
generator is installed (jekyll 4.3.1, hugo 0.111.3 on Debian) the same fixture is built with it as an
oracle, and skipped, saying so, where it is not."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

NOW = "2026-11-26T00:00:00Z"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _check(cwd: Path, *args: str) -> tuple[int, dict[str, object]]:
    status, out, err = run_cli("check", "--no-cache", "--format", "json", "--now", NOW, *args, cwd=cwd)
    assert status in (0, 1), err
    return status, json.loads(out)


def _found(document: dict[str, object]) -> list[tuple[str, int, int, str]]:
    findings = document["findings"]
    assert isinstance(findings, list)
    return [(f["path"], f["line"], f["column"], f["code"]) for f in findings]


POST = "---\ntitle: {title}\n---\nText.\n"

JEKYLL_CONFIG = """\
title: Docs
timezone: America/Los_Angeles
collections:
  docs:
    permalink: "/:collection/:path/"
    output: true
  tutorials:
    permalink: "/:collection/:path/"
    output: true
exclude:
  - notes
"""

JEKYLL = {
    "README.md": "# The repository\n\nNo front matter: not part of any site.\n",
    "test/fixtures/_posts/2020-01-01-x.md": "---\ntitle: [broken\n---\n",
    "test/source/_layouts/default.html": "<html>{{ content }}</html>\n",
    ".github/ISSUE_TEMPLATE.md": "No front matter.\n",
    "History.markdown": "## 4.4.1\n",
    "docs/_config.yml": JEKYLL_CONFIG,
    "docs/index.md": "---\ntitle: Home\n---\nSee [maintaining](/docs/maintaining/).\n",
    "docs/readme.md": "This folder is the site. No front matter: Jekyll copies it as it is.\n",
    "docs/about.md": "---\ntitle: About\n---\n![logo](img/logo.png)\n",
    "docs/img/logo.png": "png",
    "docs/notes/draft.md": "---\ntitle: Excluded\n---\n",
    "docs/_layouts/default.html": "<html><body>{{ content }}<script>x()</script></body></html>\n",
    "docs/_includes/footer.html": '<a href="">top</a> <div class="a" class="b"></div>\n',
    "docs/_sass/readme.md": "no front matter\n",
    "docs/_data/people.md": "no front matter\n",
    "docs/vendor/bundle/gem/README.md": "no front matter\n",
    "docs/node_modules/pkg/README.md": "no front matter\n",
    "docs/_site/index.html": "<html>built</html>\n",
    "docs/_posts/2024-01-02-release.md": "---\ntitle: Release\ndate: 2024-01-02 +0800\n---\nOut now.\n",
    "docs/_posts/release-notes.md": POST.format(title="No date"),
    "docs/_posts/2024-01-03-no-extension": POST.format(title="No extension"),
    "docs/_docs/maintaining/index.md": (
        "---\ntitle: Maintaining\npermalink: /docs/maintaining/\n---\n"
        "Read [triaging](triaging-an-issue/) and [the missing one](no-such-page/).\n"
    ),
    "docs/_docs/maintaining/triaging-an-issue.md": "---\ntitle: Triaging\n---\nText.\n",
    "docs/_tutorials/convert.md": (
        "---\ntitle: Convert\n---\n![concept](../../img/logo.png)\n![gone](../../img/gone.png)\n"
    ),
}

#: What the walk lints, from the repository's root and from docs/ alike.
JEKYLL_CONTENT = {
    "_posts/2024-01-02-release.md",
    "_posts/release-notes.md",
    "_posts/2024-01-03-no-extension",
    "_docs/maintaining/index.md",
    "_docs/maintaining/triaging-an-issue.md",
    "_tutorials/convert.md",
    "index.md",
    "about.md",
}


@pytest.mark.parametrize("start", [".", "docs"])
def test_jekyll_walk_lints_content_only_from_any_folder(tmp_path: Path, start: str) -> None:
    _write(tmp_path, JEKYLL)
    cwd = tmp_path / start
    status, document = _check(cwd, "--extend-select", "PL801", ".")
    prefix = "docs/" if start == "." else ""
    # From the root, the repository's README (beside docs/) is not content; files of no site elsewhere (a test
    # fixture) are linted as before sites were known.
    outside = [("test/fixtures/_posts/2020-01-01-x.md", 3, 1, "PL009")] if start == "." else []
    assert document["files_checked"] == len(JEKYLL_CONTENT) + len(outside)
    assert sorted(_found(document)) == sorted(
        [
            (prefix + "_docs/maintaining/index.md", 5, 59, "PL801"),
            (prefix + "_posts/2024-01-03-no-extension", 1, 1, "PL018"),
            (prefix + "_posts/release-notes.md", 1, 1, "PL018"),
            (prefix + "_tutorials/convert.md", 5, 1, "PL305"),
            *outside,
        ]
    )
    assert status == 1


def test_jekyll_oracle_builds_what_postlint_lints(tmp_path: Path) -> None:
    """jekyll renders each content file postlint lints, except those PL018 names; it copies the rest."""
    if shutil.which("jekyll") is None:
        pytest.skip("jekyll is not installed (apt-get install jekyll)")
    _write(tmp_path, JEKYLL)
    docs = tmp_path / "docs"
    completed = subprocess.run(["jekyll", "build", "-q"], cwd=docs, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    site = docs / "_site"
    rendered = {str(p.relative_to(site)) for p in site.rglob("*.html")}
    assert rendered == {
        "index.html",
        "about.html",
        "2024/01/02/release.html",  # `2024-01-02 +0800` is read, its zone ignored without a time (not PL201)
        "docs/maintaining/index.html",
        "docs/maintaining/triaging-an-issue/index.html",
        "tutorials/convert/index.html",
    }
    # Not built as posts: exactly the files PL018 reports.
    assert not any("release-notes" in name or "no-extension" in name for name in rendered)
    # Copied as they are, not rendered: the pages without front matter postlint leaves alone.
    assert (site / "readme.md").is_file() and not (site / "notes").exists()
    # The image PL305 finds from the page's URL is where the built page looks for it.
    assert (site / "tutorials" / "convert" / ".." / ".." / "img" / "logo.png").resolve().is_file()


def test_named_files_are_always_linted(tmp_path: Path) -> None:
    _write(tmp_path, JEKYLL)
    _, document = _check(tmp_path, "docs/_layouts/default.html", "README.md")
    assert document["files_checked"] == 2
    assert ("docs/_layouts/default.html", 1, 26, "PL705") in _found(document)
    assert ("README.md", 1, 1, "PL007") in _found(document)


def test_without_a_site_every_file_is_linted_as_before(tmp_path: Path) -> None:
    _write(tmp_path, {"_includes/x.md": "no front matter\n", "posts/a.md": POST.format(title="A")})
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-noext").write_text(POST.format(title="x"), encoding="utf-8")
    _, document = _check(tmp_path, ".")
    assert document["files_checked"] == 2  # no extension and no site: not walked into, as before
    assert _found(document) == [("_includes/x.md", 1, 1, "PL007")]


HUGO = {
    "README.md": "# hugoDocs\n",
    "LICENSE.md": "MIT\n",
    "hugo.toml": (
        'baseURL = "https://example.org/"\ntitle = "Docs"\n[module]\n[[module.mounts]]\nsource = "content/en"\n'
        'target = "content"\n[[module.mounts]]\nsource = "layouts"\ntarget = "layouts"\n'
    ),
    "content/LICENSE.md": "Not mounted: not content.\n",
    "content/en/_index.md": "---\ntitle: Home\n---\nSee [features](about/features/).\n",
    "content/en/about/features.md": (
        "---\ntitle: Features\n_comment: Do not remove front matter.\ndate: 2024-01-02\n---\n## Sites matrix\n"
    ),
    "content/en/about/broken-date.md": "---\ntitle: Broken date\ndate: 2018-03-01 +0800\n---\nText.\n",
    "layouts/_default/single.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "layouts/_default/baseof.html": '<html><body>{{ block "main" . }}{{ end }}</body></html>\n',
    "layouts/index.html": '{{ define "main" }}{{ .Content }}{{ end }}\n',
    "archetypes/default.md": '---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\n---\n',
    "themes/t/layouts/x.md": "{{ . }}\n",
    "public/index.html": "<html>built</html>\n",
}


def test_hugo_walk_lints_the_mounted_content_only(tmp_path: Path) -> None:
    _write(tmp_path, HUGO)
    _, document = _check(tmp_path, ".")
    assert document["files_checked"] == 3
    # `_comment` is no typo of `comments`; Hugo cannot read `2018-03-01 +0800`, Jekyll could.
    assert _found(document) == [("content/en/about/broken-date.md", 3, 7, "PL201")]


def test_hugo_oracle_builds_the_mounted_content(tmp_path: Path) -> None:
    if shutil.which("hugo") is None:
        pytest.skip("hugo is not installed (apt-get install hugo)")
    files = dict(HUGO)
    del files["content/en/about/broken-date.md"]  # Hugo stops at a date it cannot read
    _write(tmp_path, files)
    completed = subprocess.run(["hugo", "--quiet"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    public = tmp_path / "public"
    assert (public / "about" / "features" / "index.html").is_file()
    assert not (public / "license" / "index.html").exists() and not (public / "LICENSE").exists()


ZOLA = {
    "config.toml": 'base_url = "https://blog.example.org"\n[markdown]\ninsert_anchor_links = "left"\n',
    "README.md": "# The blog\n",
    "templates/page.html": '{% extends "base.html" %}{% block content %}{{ page.content }}{% endblock %}\n',
    "sass/x.md": "no front matter\n",
    "content/cargo.md": (
        '+++\ntitle = "Cargo"\ndate = 2024-01-02\n[[extra.see_also]]\nurl = "a"\n[[extra.see_also]]\nurl = "b"\n+++\n'
        "- [precise](#cargo-update-precise-prerelease)\n- [wrong](#cargo-update-precise)\n\n"
        "##### `cargo update --precise <prerelease>`\n"
    ),
}


def test_zola_walk_arrays_of_tables_and_code_span_ids(tmp_path: Path) -> None:
    _write(tmp_path, ZOLA)
    _, document = _check(tmp_path, "--extend-select", "PL802", ".")
    assert document["files_checked"] == 1
    assert _found(document) == [("content/cargo.md", 10, 11, "PL802")]


ELEVENTY = {
    "package.json": '{"devDependencies": {"@11ty/eleventy": "^2.0.0"}}\n',
    ".eleventy.js": 'module.exports = function () {\n  return { dir: { input: "src", output: "dist" } };\n};\n',
    ".eleventyignore": "src/drafts\n",
    "README.md": "# Site\n",
    "src/index.md": POST.format(title="Home"),
    "src/_includes/layout.html": "<html>{{ content | safe }}<script>x()</script></html>\n",
    "src/_data/site.md": "no front matter\n",
    "src/drafts/wip.md": "no front matter\n",
    "dist/index.html": "<html>built</html>\n",
}


def test_eleventy_walk_reads_the_input_folder(tmp_path: Path) -> None:
    _write(tmp_path, ELEVENTY)
    _, document = _check(tmp_path, ".")
    assert document["files_checked"] == 1
    assert _found(document) == []


def test_own_outputs_are_never_inputs(tmp_path: Path) -> None:
    _write(tmp_path, {"a.md": POST.format(title="A")})
    for _ in range(2):
        status, out, err = run_cli(
            "check", "--no-cache", "-o", "html=report.html", "-o", "markdown=summary.md", ".", cwd=tmp_path
        )
        assert status == 0, out + err
        assert "1 file checked" in out
    # A report written by another command is recognised by what it says it is.
    os.replace(tmp_path / "report.html", tmp_path / "old-report.html")
    status, out, _ = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert "summary.md" in out and "old-report.html" not in out  # the markdown left behind is only text


def test_redirected_output_is_not_linted(tmp_path: Path) -> None:
    """`postlint check --format markdown > comment.md`: the shell creates comment.md before postlint runs."""
    _write(tmp_path, {"a.md": POST.format(title="A")})
    with (tmp_path / "comment.md").open("w", encoding="utf-8") as handle:
        completed = subprocess.run(
            [sys.executable, "-m", "postlint", "check", "--no-cache", "--format", "json", "."],
            cwd=tmp_path,
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    assert completed.returncode == 0, completed.stderr
    document = json.loads((tmp_path / "comment.md").read_text(encoding="utf-8"))
    assert document["files_checked"] == 1 and document["findings"] == []


DEFAULTS = {
    "_config.yml": (
        "defaults:\n  - scope:\n      path: guides\n    values:\n      permalink: /g/:basename/\n"
        "  - scope:\n      path: ''\n      type: posts\n    values:\n      permalink: /news/:year/:title/\n"
    ),
    "guides/setup.md": "---\ntitle: Setup\n---\nText.\n",
    "_posts/2024-05-06-launch.md": "---\ntitle: Launch\n---\nText.\n",
    "index.md": (
        "---\ntitle: Home\n---\n[setup](/g/setup/) [news](/news/2024/launch/)\n"
        "[old setup](/guides/setup.html) [old news](/2024/05/06/launch.html)\n"
    ),
}


def test_jekyll_defaults_permalinks(tmp_path: Path) -> None:
    _write(tmp_path, DEFAULTS)
    _, document = _check(tmp_path, "--extend-select", "PL801", ".")
    assert _found(document) == [("index.md", 5, 13, "PL801"), ("index.md", 5, 44, "PL801")]
    if shutil.which("jekyll") is None:
        pytest.skip("jekyll is not installed (apt-get install jekyll): the URLs were not checked against it")
    completed = subprocess.run(["jekyll", "build", "-q"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    site = tmp_path / "_site"
    assert (site / "g" / "setup" / "index.html").is_file() and (
        site / "news" / "2024" / "launch" / "index.html"
    ).is_file()
    assert not (site / "guides").exists() and not (site / "2024").exists()


def test_nearest_config_wins_for_each_file_from_the_repository_root(tmp_path: Path) -> None:
    """docs/postlint.toml governs docs/ when postlint runs from the root: its ignore, its per-file-ignores
    (relative to its folder) and its walk (extend-exclude), as ruff uses the nearest config for each file."""
    _write(
        tmp_path,
        {
            "postlint.toml": "",
            "notes.md": "no front matter\n",
            "docs/postlint.toml": (
                'ignore = ["PL204"]\nextend-exclude = ["drafts"]\nper-file-ignores = { "old/*" = ["PL007"] }\n'
            ),
            "docs/posts/2024-01-02-a.md": "---\ntitle: A\ndate: 2024-01-05\n---\nText.\n",
            "docs/old/b.md": "no front matter\n",
            "docs/drafts/c.md": "no front matter\n",
            "docs/new/d.md": "no front matter\n",
        },
    )
    for cwd, prefix in ((tmp_path, "docs/"), (tmp_path / "docs", "")):
        _, document = _check(cwd, ".")
        found = _found(document)
        assert [f for f in found if f[0] != "notes.md"] == [(prefix + "new/d.md", 1, 1, "PL007")]
        assert document["files_checked"] == (4 if prefix else 3)  # never docs/drafts/c.md


def test_heading_ids_of_links_with_code_spans_and_block_shortcodes(tmp_path: Path) -> None:
    """Zola: a heading that is a link whose text holds a code span; Hugo: a page whose content comes from a
    standalone shortcode (hugoDocs' glossary) has anchors only its template knows, so no fragment into it
    is judged; a closed shortcode wraps the page's own text and is judged."""
    _write(
        tmp_path,
        {
            "zola/config.toml": 'base_url = "https://blog.example.org"\n',
            "zola/content/goals.md": (
                '+++\ntitle = "Goals"\n+++\n- [goal](#continue-resolving-cargo-semver-checks-blockers)\n'
                "- [case](#Continue-Resolving-cargo-semver-checks-blockers)\n\n"
                "### [Continue resolving `cargo-semver-checks` blockers](https://example.org/104)\n"
            ),
            "hugo/hugo.toml": 'baseURL = "https://example.org/"\n',
            "hugo/content/glossary/_index.md": "---\ntitle: Glossary\n---\n\n{{% glossary %}}\n",
            "hugo/content/notes.md": "---\ntitle: Notes\n---\n\n{{< note >}}\n## Inside\n{{< /note >}}\n",
            "hugo/content/features.md": (
                "---\ntitle: Features\n---\n"
                "[term](/glossary/#sites-matrix) [in](/notes/#inside) [not](/notes/#outside)\n"
            ),
        },
    )
    _, document = _check(tmp_path, "--select", "PL802", "zola", "hugo")
    assert _found(document) == [
        ("hugo/content/features.md", 4, 60, "PL802"),
        ("zola/content/goals.md", 5, 10, "PL802"),  # ids are case-sensitive: the browser does not jump
    ]


def test_link_rules_are_on_by_default_where_a_site_is_found(tmp_path: Path) -> None:
    posts = {
        "_posts/2024-01-02-a.md": "---\ntitle: A\n---\n[gone](/2023/01/01/gone.html) [frag](#nowhere)\n",
    }
    _write(tmp_path / "site", {"_config.yml": "title: Blog\n", **posts})
    _write(tmp_path / "plain", posts)
    _, document = _check(tmp_path / "site", ".")
    assert _found(document) == [("_posts/2024-01-02-a.md", 4, 8, "PL801"), ("_posts/2024-01-02-a.md", 4, 38, "PL802")]
    _, document = _check(tmp_path / "plain", ".")
    assert _found(document) == []
    _, document = _check(tmp_path / "site", "--select", "PL0", ".")  # `select` decides, as for any rule
    assert _found(document) == []


def test_jekyll_reads_a_post_date_in_the_site_time_zone(tmp_path: Path) -> None:
    """jekyll 4.3.1 builds `2016-08-25 09:50:00 +0300` on a Los Angeles site at /2016/08/24/: the file name
    agrees; `2013-05-06 02:12:52 +0200` it builds at /2013/05/05/: the file name says the 6th."""
    _write(
        tmp_path,
        {
            "_config.yml": "timezone: America/Los_Angeles\n",
            "_posts/2016-08-24-admin.md": '---\ntitle: Admin\ndate: "2016-08-25 09:50:00 +0300"\n---\nText.\n',
            "_posts/2013-05-06-one.md": '---\ntitle: One\ndate: "2013-05-06 02:12:52 +0200"\n---\nText.\n',
        },
    )
    status, out, err = run_cli("check", "--no-cache", "--select", "PL204", ".", cwd=tmp_path)
    assert status == 1, err
    assert out.splitlines()[0] == (
        "_posts/2013-05-06-one.md:3:7: PL204 file name says 2013-05-06 but 'date' is 2013-05-05 in the site's time "
        "zone, the day Jekyll builds its URL with [date-filename-mismatch]"
    ), out + err
    assert "admin" not in out


def test_jekyll_post_urls_take_the_day_in_the_site_time_zone(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "_config.yml": "timezone: America/Los_Angeles\n",
            "_posts/2016-08-24-admin.md": '---\ntitle: Admin\ndate: "2016-08-25 09:50:00 +0300"\n---\nText.\n',
            "index.md": "---\ntitle: Home\n---\n[built](/2016/08/24/admin.html) [not built](/2016/08/25/admin.html)\n",
        },
    )
    _, document = _check(tmp_path, ".")
    assert _found(document) == [("index.md", 4, 45, "PL801")]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("", []), ('[slugify]\nanchors = "safe"\n', [("content/a.md", 4, 13, "PL802")])],
)
def test_zola_heading_ids_follow_slugify_anchors(tmp_path: Path, setting: str, expected: list[object]) -> None:
    """Zola's default slugifies (`cargo-update-precise-prerelease`); `anchors = "safe"` keeps the text."""
    _write(
        tmp_path,
        {
            "config.toml": f'base_url = "https://blog.example.org"\n{setting}',
            "content/a.md": '+++\ntitle = "A"\n+++\n- [precise](#cargo-update-precise-prerelease)\n\n'
            "## `cargo update --precise <prerelease>`\n",
        },
    )
    _, document = _check(tmp_path, ".")
    assert _found(document) == expected


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("", []), ('[markup.goldmark.parser]\nautoHeadingIDType = "github-ascii"\n', [("content/a.md", 4, 8, "PL802")])],
)
def test_hugo_heading_ids_follow_auto_heading_id_type(tmp_path: Path, setting: str, expected: list[object]) -> None:
    """Goldmark's `github` ids keep `é`; `github-ascii` drops it (`caf`)."""
    _write(
        tmp_path,
        {
            "hugo.toml": f'baseURL = "https://example.org/"\n{setting}',
            "content/a.md": "---\ntitle: A\n---\n[menu](#café-menu)\n\n## Café menu\n",
        },
    )
    _, document = _check(tmp_path, ".")
    assert _found(document) == expected
