"""Eleventy (postlint/sites/eleventy.py), end to end through the command line: a small site built in
tmp_path, detected from its config files or its package.json (read as data), its date keywords, its time
zone (UTC), its front-matter fences and what is code in its Markdown. Adding a generator is its module and
a file like this one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run_cli

from postlint.cli.main import main
from postlint.sites import detect_generator

NOW = "2026-11-26T00:00:00Z"
PACKAGE = json.dumps({"name": "blog", "devDependencies": {"@11ty/eleventy": "^3.0.0"}})


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def check(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[tuple[str, str, int, int]]]:
    """``postlint check`` in ``folder`` (click's runner): exit code and (file, code, line, column)."""
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--now", NOW, "--format", "json", *args])
    document = json.loads(result.stdout) if result.stdout.strip() else {"findings": []}
    return result.exit_code, [(f["path"], f["code"], f["line"], f["column"]) for f in document["findings"]]


def messages(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, str]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--now", NOW, "--format", "json", *args])
    return {f["code"]: f["message"] for f in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("eleventy.config.js", "export default function (eleventyConfig) {}\n"),
        ("eleventy.config.mjs", "export default function (eleventyConfig) {}\n"),
        ("eleventy.config.cjs", "module.exports = function (eleventyConfig) {};\n"),
        (".eleventy.js", "module.exports = function (eleventyConfig) {};\n"),
        ("package.json", PACKAGE),
        ("package.json", json.dumps({"dependencies": {"@11ty/eleventy": "2.0.1"}})),
    ],
)
def test_eleventy_is_detected_from_its_config_or_its_package(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path, {name: text, "posts/p.md": "---\ntitle: t\n---\n"})
    assert detect_generator(tmp_path / "posts" / "p.md", None) == "eleventy"


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"devDependencies": {"eleventy-plugin-rss": "1"}, "description": "@11ty/eleventy"}),
        json.dumps({"dependencies": ["@11ty/eleventy"]}),  # not a mapping: not a dependency
        '{"devDependencies": {"@11ty/eleventy": ',  # broken JSON
        "[" * 100_000,  # too deep for the JSON reader
        "\udcff".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    ],
)
def test_a_package_json_that_is_not_eleventys_is_not_a_site(tmp_path: Path, text: str) -> None:
    write(tmp_path, {"package.json": text, "p.md": "---\ntitle: t\n---\n"})
    assert detect_generator(tmp_path / "p.md", None) == "unknown"


DATES = """---
title: t
date: {date}
---
Text.
"""


@pytest.mark.parametrize(
    "keyword", ["git Last Modified", "git Created", "Last Modified", "Created", "git last modified"]
)
def test_eleventy_date_keywords_are_valid_dates_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyword: str
) -> None:
    write(tmp_path, {"p.md": DATES.format(date=keyword)})
    status, found = check(tmp_path, monkeypatch, "p.md")  # not an Eleventy site yet: not a date
    assert status == 1 and found == [("p.md", "PL201", 3, 7)]
    write(tmp_path, {"package.json": PACKAGE})
    assert check(tmp_path, monkeypatch, "p.md") == (0, [])
    # Only `date` is resolved by Eleventy; the same words under another date key are still no date.
    write(tmp_path, {"q.md": f"---\ntitle: t\ndate: {keyword}\nupdated: {keyword}\n---\n"})
    status, found = check(tmp_path, monkeypatch, "q.md")
    assert status == 1 and found == [("q.md", "PL201", 4, 10)]


def test_eleventy_date_keyword_also_passes_a_profile_that_types_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = "---\nlayout: post\ntitle: t\ndate: git Created\n---\n"
    write(tmp_path, {"postlint.toml": 'profile = "news"\n', "p.md": post})
    assert check(tmp_path, monkeypatch, "--select", "PL1,PL2", "p.md") == (1, [("p.md", "PL201", 4, 7)])
    write(tmp_path, {"package.json": PACKAGE})  # the schema's date check (PL102) is quiet too
    assert check(tmp_path, monkeypatch, "--select", "PL1,PL2", "p.md") == (0, [])


def test_a_bad_date_is_still_reported_on_eleventy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"eleventy.config.js": "", "p.md": DATES.format(date="2024-02-30")})
    status, found = check(tmp_path, monkeypatch, "p.md")
    assert status == 1 and found == [("p.md", "PL201", 3, 7)]
    assert "'2024-02-30' is not a real date" in messages(tmp_path, monkeypatch, "p.md")["PL201"]


def test_eleventy_reads_zoneless_dates_as_utc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"p.md": DATES.format(date="2024-03-18 09:30:00")})
    assert check(tmp_path, monkeypatch, "p.md") == (1, [("p.md", "PL202", 3, 7)])
    write(tmp_path, {".eleventy.js": "module.exports = () => {};\n"})
    assert check(tmp_path, monkeypatch, "p.md") == (0, [])
    write(tmp_path, {"postlint.toml": '[rules.PL202]\nwhen-site-timezone = "report"\n'})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--now", NOW, "--fix", "--unsafe-fixes", "p.md"])
    assert result.exit_code == 0
    assert (tmp_path / "p.md").read_text(encoding="utf-8") == DATES.format(date="2024-03-18 09:30:00 +00:00")
    # postlint's own `timezone` still wins over the generator's default.
    write(tmp_path, {"postlint.toml": 'timezone = "Asia/Tokyo"\n', "p.md": DATES.format(date="2026-11-26 08:00:00")})
    assert check(tmp_path, monkeypatch, "p.md") == (0, [])  # 08:00 in Tokyo is 23:00 UTC the day before


def test_javascript_front_matter_is_reported_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = (
        "---js\n"
        "{\n  title: 'Ferry',\n  date: require('child_process').execSync('touch ran'),\n}\n"
        "---\n"
        "\n"
        '<img src="/a.png">\n'
    )
    write(tmp_path, {"eleventy.config.js": "", "a.png": "png", "p.md": post})
    status, found = check(tmp_path, monkeypatch, "p.md")
    assert status == 1
    assert found == [("p.md", "PL017", 1, 1), ("p.md", "PL306", 8, 1)]  # the body is still checked
    message = messages(tmp_path, monkeypatch, "p.md")["PL017"]
    assert message.startswith("front matter opened with '---js' is a program the site generator runs")
    assert not (tmp_path / "ran").exists()
    write(tmp_path, {"p.md": "---javascript\nmodule.exports = {};\n"})
    assert check(tmp_path, monkeypatch, "p.md") == (1, [("p.md", "PL008", 1, 1)])  # never closed


def test_json_front_matter_is_read_with_its_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = '---json\n{\n  "title": "Ferry",\n  "date": "2024-02-30"\n}\n---\nText.\n'
    write(tmp_path, {"p.md": post})
    status, found = check(tmp_path, monkeypatch, "p.md")  # elsewhere `---json` opens no front matter
    assert status == 1 and found == [("p.md", "PL007", 1, 1)]
    write(tmp_path, {"package.json": PACKAGE})
    assert check(tmp_path, monkeypatch, "p.md") == (1, [("p.md", "PL201", 4, 11)])
    write(tmp_path, {"p.md": '---json\n{"title": "Ferry"} trailing\n---\n'})
    assert check(tmp_path, monkeypatch, "p.md") == (1, [("p.md", "PL009", 2, 20)])


def test_what_is_code_in_eleventy_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = (
        '{% highlight "html" %}\n<img src="/a.png">\n{% endhighlight %}\n{% raw %}\n<img src="/a.png">\n{% endraw %}\n'
    )
    write(tmp_path, {"eleventy.config.js": "", "a.png": "png", "p.md": "---\ntitle: t\n---\n" + body})
    # highlight blocks are code; raw only stops Liquid: its HTML is still published as HTML.
    assert check(tmp_path, monkeypatch, "p.md") == (1, [("p.md", "PL306", 8, 1)])


def test_eleventy_file_name_dates_and_first_line_fences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "package.json": PACKAGE,
            "posts/2024-03-18-ferry.md": DATES.format(date="2024-03-19"),
            "posts/late.md": "\n" + DATES.format(date="2024-03-19"),
        },
    )
    status, found = check(tmp_path, monkeypatch, "posts")
    assert status == 1
    assert found == [("posts/2024-03-18-ferry.md", "PL204", 3, 7), ("posts/late.md", "PL013", 2, 1)]


def test_eleventy_site_end_to_end_in_a_subprocess(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "eleventy.config.mjs": "export default function () {}\n",
            "src/posts/2024-03-18-ferry.md": DATES.format(date="git Last Modified") + "![](/img/x.png)\n",
            "src/img/x.png": "png",
            "src/posts/bad.md": DATES.format(date="0000-00-00"),
        },
    )
    status, out, _ = run_cli("check", "--no-cache", "--now", NOW, "--format", "json", "src", cwd=tmp_path)
    assert status == 1
    found = [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(out)["findings"]]
    assert found == [("src/posts/2024-03-18-ferry.md", "PL306", 6, 1), ("src/posts/bad.md", "PL201", 3, 7)]


def test_site_checks_read_unchecked_json_front_matter_with_and_without_a_cache(tmp_path: Path) -> None:
    """Issue 19: the site index read the files that are not checked without the site's front-matter fences,
    so a ``---json`` post lost its title and source there, and the duplicate checks passed without a cache
    while they failed with one."""
    first = {"title": "Launch day", "date": "2024-03-01", "from": "https://news.example.com/launch"}
    write(
        tmp_path,
        {
            "eleventy.config.js": "export default function (eleventyConfig) {}\n",
            "posts/a.md": "---json\n" + json.dumps(first, indent=1) + "\n---\nThe first copy.\n",
            "posts/b.md": "---\ntitle: Launch Day\ndate: 2024-03-01T10:00:00Z\n"
            "from: https://www.news.example.com/launch/\n---\nThe second copy.\n",
        },
    )
    expected = [("posts/b.md", "PL806", 2, 8), ("posts/b.md", "PL805", 4, 7)]
    base = ["check", "--now", NOW, "--format", "json", "--select", "PL805,PL806"]
    for cache in ("--no-cache", "--cache-dir=.cache", "--cache-dir=.cache"):  # no cache, cold, warm
        status, out, err = run_cli(*base, cache, "posts/b.md", cwd=tmp_path)
        found = [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(out)["findings"]]
        assert (status, found) == (1, expected), (cache, err)


@pytest.mark.parametrize(
    ("data_file", "text"),
    [
        ("_data/metadata.json", json.dumps({"title": "Harbour Log", "url": "https://harbourlog.example.com/"})),
        ("_data/metadata.js", 'export default {\n  title: "Harbour Log",\n  language: "en",\n};\n'),
    ],
)
def test_the_site_name_in_global_data_is_a_title_tail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_file: str, text: str
) -> None:
    """eleventy-base-blog names the site in `_data/metadata.json` (or `.js`), in the data folder the config
    names relative to its input folder: a post title ending with it is the theme's <title> suffix (PL808)."""
    config = 'module.exports = function (c) {\n  return { dir: { input: "content", data: "../_data" } };\n};\n'
    post = "---\ntitle: Leaving the harbour at night | Harbour Log\ndate: 2023-10-09\n---\n\nWe left at ten.\n"
    write(
        tmp_path,
        {"eleventy.config.js": config, "package.json": PACKAGE, data_file: text, "content/blog/night.md": post},
    )
    assert check(tmp_path, monkeypatch, "--select", "PL808", ".")[1] == [("content/blog/night.md", "PL808", 2, 8)]
    (tmp_path / "content/blog/night.md").write_text(post.replace("| Harbour Log", "| part one"), encoding="utf-8")
    assert check(tmp_path, monkeypatch, "--select", "PL808", ".")[1] == []


def test_an_image_address_printed_by_the_url_filter_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`![alt]({{ '/img/a.jpg' | url }})`: Nunjucks prints the address before Markdown reads the image; a folder
    passed through to the site's root (`{"./public/": "/"}`) serves `/img/a.jpg` from `public/img/a.jpg`."""
    config = (
        'module.exports = function (c) {\n  c.addPassthroughCopy({ "./public/": "/" });\n'
        '  return { dir: { input: "content" } };\n};\n'
    )
    post = "---\ntitle: Night\ndate: 2023-10-09\n---\n\n![The harbour lights]({{ '/img/harbour.jpg' | url }})\n"
    write(
        tmp_path,
        {
            "eleventy.config.js": config,
            "package.json": PACKAGE,
            "public/img/harbour.jpg": "jpg",
            "content/night.md": post,
        },
    )
    assert check(tmp_path, monkeypatch, "--select", "PL305", ".")[1] == []
    (tmp_path / "content/night.md").write_text(post.replace("harbour.jpg", "harbour-2.jpg"), encoding="utf-8")
    assert check(tmp_path, monkeypatch, "--select", "PL305", ".")[1] == [("content/night.md", "PL305", 6, 1)]


#: A small Eleventy site: its input folder `src`, a directory data file that gives the blog's posts
#: `/blog/<fileSlug>/`, templates the site pass does not read (`.njk`), a computed permalink.
URL_CONFIG = 'module.exports = function (c) {\n  return { dir: { input: "src" }, pathPrefix: "/site/" };\n};\n'


def url_site(tmp_path: Path, links: str, extra: dict[str, str] | None = None) -> None:
    files = {
        "eleventy.config.js": URL_CONFIG,
        "package.json": PACKAGE,
        "src/index.md": "# Home\n",
        "src/about.md": "---\ntitle: About\n---\nText.\n",
        "src/posts/2018-01-01-dated.md": "---\ntitle: Dated\n---\n## First steps\n\nText.\n",
        "src/posts/same/same.md": "---\ntitle: Same\n---\nText.\n",
        "src/posts/index.md": "---\ntitle: Posts\n---\nText.\n",
        "src/blog/blog.11tydata.json": json.dumps({"permalink": "/b/{{ page.fileSlug }}/"}),
        "src/blog/2020-02-02-first.md": "---\ntitle: First\n---\nText.\n",
        "src/blog/own.md": "---\ntitle: Own\npermalink: /mine/index.html\n---\nText.\n",
        "src/blog/gone.md": "---\ntitle: Gone\npermalink: false\n---\nText.\n",
        "src/tags.njk": "---\npagination:\n  data: collections\n  size: 1\n  alias: tag\n"
        "permalink: /tags/{{ tag | slugify }}/\n---\n{{ tag }}\n",
        "src/archive.njk": "---\ntitle: Archive\n---\n<ul></ul>\n",
        "src/notes/linking.md": "---\ntitle: Linking\n---\n\n" + links,
    }
    files.update(extra or {})
    write(tmp_path, files)


def test_links_to_the_pages_eleventy_builds_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eleventy 3.1 writes `posts/2018-01-01-dated.md` to `/posts/2018-01-01-dated/` (the default URL keeps the
    date), `posts/same/same.md` and `posts/index.md` to their folders, `blog/2020-02-02-first.md` to
    `/b/first/` (the directory data's permalink with `page.fileSlug`, which leaves the date out), a front
    matter's permalink wins, and `archive.njk` (no post) builds `/archive/`. The `url` filter and pathPrefix
    (`/site/`) are the site's; a paginated template's computed URLs are below their certain start."""
    links = (
        "[a]({{ '/posts/2018-01-01-dated/' | url }}) [b](/posts/same/) [c](/posts/) [d](/b/first/)\n"
        "[e](/mine/) [f](/archive/) [g](/site/about/) [h](/) [i](/tags/anything/) [j](../posts/same/)\n"
        "[k](/posts/2018-01-01-dated/#first-steps) [l](/feed.xml)\n"
    )
    url_site(tmp_path, links)
    assert check(tmp_path, monkeypatch, "--select", "PL801,PL802", ".")[1] == []


def test_links_to_no_page_eleventy_builds_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The planted miss (`{{ '/posts/missing/' | url }}`), the file-name date in a `page.fileSlug` URL, the
    default URL a permalink replaced, a `permalink: false` page, a relative `.md` link to no file, and a
    fragment no heading gives."""
    links = (
        "[a]({{ '/posts/missing/' | url }})\n"
        "[b](/b/2020-02-02-first/)\n"
        "[c](/blog/own/)\n"
        "[d](/blog/gone/)\n"
        "[e](../posts/other.md)\n"
        "[f](/posts/2018-01-01-dated/#no-such-heading)\n"
    )
    url_site(tmp_path, links)
    page = "src/notes/linking.md"
    expected = [(page, "PL801", 5, 5), (page, "PL801", 6, 5), (page, "PL801", 7, 5), (page, "PL801", 8, 5)]
    expected += [(page, "PL801", 9, 5), (page, "PL802", 10, 5)]
    assert check(tmp_path, monkeypatch, "--select", "PL801,PL802", ".")[1] == expected


def test_a_permalink_postlint_cannot_compute_silences_only_what_it_may_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`{{ title | slugify }}` is not computed: links below the permalink's certain start (`/notes/`) are not
    judged, others still are. A permalink from a layout's front matter (or global data) may be any page's:
    nothing is judged. The host's redirects (`vercel.json`) answer too."""
    links = "[a](/n/some-title/) [b](/elsewhere/x/) [c](/old/page/)\n"
    extra = {
        "src/notes/notes.11tydata.json": json.dumps({"permalink": "/n/{{ title | slugify }}/"}),
        "vercel.json": json.dumps({"redirects": [{"source": "/old/:slug*", "destination": "/"}]}),
    }
    url_site(tmp_path, links, extra)
    assert check(tmp_path, monkeypatch, "--select", "PL801", ".")[1] == [("src/notes/linking.md", "PL801", 5, 25)]
    write(tmp_path, {"src/_includes/base.njk": "---\npermalink: /{{ page.fileSlug }}.html\n---\n{{ content }}\n"})
    assert check(tmp_path, monkeypatch, "--select", "PL801", ".")[1] == []


def test_headings_with_template_tags_have_ids_that_hold_their_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`### Output JSON {% addedin "1.0.0" %}`: what the tag prints is part of the id, which holds the words
    around it in order (11ty.dev's `#output-json`); a fragment without them is still reported."""
    extra = {"src/docs.md": '---\ntitle: Docs\n---\n### Output JSON {% addedin "1.0.0" %}\n\nText.\n'}
    url_site(tmp_path, "[a](/docs/#output-json) [b](/docs/#json-output)\n", extra)
    assert check(tmp_path, monkeypatch, "--select", "PL802", ".")[1] == [("src/notes/linking.md", "PL802", 5, 29)]
