"""Generator fidelity on real sites' shapes: what Eleventy, Jekyll, Hugo and Zola make of constructs that
real sites (11ty/11ty-website and others) write, so that a site's own ordinary pages are not reported. Each
fixture is written here in the shape the real site uses; each test asserts the codes, lines and columns a
user sees, and that the true finding next to the false one is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import site_findings as findings
from conftest import write_site as write

NOW = "2026-11-26T00:00:00Z"
ELEVENTY = {"package.json": json.dumps({"name": "site", "devDependencies": {"@11ty/eleventy": "^3.0.0"}})}
JEKYLL = {"_config.yml": "title: Site\n"}
HUGO = {"hugo.toml": 'baseURL = "https://example.org/"\n'}


def test_permalink_false_is_eleventys_do_not_write_but_a_number_is_still_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "---\ntitle: Sidebar\npermalink: false\n---\nText.\n"
    write(tmp_path / "e", {**ELEVENTY, "sidebar.md": page, "n.md": "---\ntitle: N\npermalink: 12\n---\nText.\n"})
    write(tmp_path / "j", {**JEKYLL, "sidebar.md": page})
    assert findings(tmp_path / "e", monkeypatch) == [("n.md", "PL102", 3, 12)]
    assert findings(tmp_path / "j", monkeypatch) == [("sidebar.md", "PL102", 3, 12)]


TEMPLATED_TAGS = """---
title: Moving
external_url: https://example.org/form
---

<blockquote><p>Moved <a href="{{ "https://twitter.com/x/status/12" | canonicalUrl }}">a tweet</a>.</p></blockquote>

<a href="{{ external_url }}" class="card">
  <img src="https://screenshot.example/{{ external_url | urlencode }}/opengraph/" alt="Card">
</a>

<div><img src="https://cdn.example/a b.png" alt="Broken"> <a href="https://example.org/" title="a"b">c</a></div>
"""


@pytest.mark.parametrize(
    ("site", "more"),
    # On Jekyll a page's variables are `page.x`: `{{ external_url }}` is empty there (PL804, true).
    [(ELEVENTY, []), (JEKYLL, [("moving.md", "PL804", 8, 4)])],
)
def test_template_tags_in_a_start_tag_are_what_the_template_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site: dict[str, str], more: list[tuple[str, str, int, int]]
) -> None:
    """Liquid (Jekyll) and Liquid or Nunjucks (Eleventy) run before the HTML is read: quotes inside `{{ }}` do
    not end the attribute (no PL703, no stray </a>), and a URL the template fills is not judged as written
    (no PL303 'contains a space'). A real space and a real stray quote on the same page are still reported."""
    write(tmp_path, {**site, "moving.md": TEMPLATED_TAGS})
    assert findings(tmp_path, monkeypatch) == [*more, ("moving.md", "PL303", 12, 11), ("moving.md", "PL703", 12, 99)]


def test_on_hugo_braces_in_content_are_text_so_the_quotes_still_cut_the_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {**HUGO, "content/moving.md": TEMPLATED_TAGS})
    codes = {code for _, code, _, _ in findings(tmp_path, monkeypatch)}
    assert {"PL703", "PL303"} <= codes


def test_eleventy_template_engine_override_md_turns_the_template_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`templateEngineOverride: md` makes the braces plain text again: the inner quote ends the value."""
    text = TEMPLATED_TAGS.replace("title: Moving\n", "title: Moving\ntemplateEngineOverride: md\n")
    write(tmp_path, {**ELEVENTY, "moving.md": text})
    codes = [code for _, code, _, _ in findings(tmp_path, monkeypatch)]
    assert "PL703" in codes and codes.count("PL303") == 2


STEPS = """---
title: Community
---

<div><span class="sr-only">Step</span> 1. Join.</div>
<div><span class="visually-hidden">Skip Twitter post</span> 2. Read.</div>
"""


def test_a_screen_reader_class_the_sites_own_css_styles_stays_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """11ty-website styles `.sr-only` in src/_includes/index.css: its "Step" labels are hidden on that site.
    A class no stylesheet of the site styles (`visually-hidden`) still shows, and is reported."""
    css = ".sr-only {\n\tposition: absolute;\n\tclip: rect(1px, 1px, 1px, 1px);\n}\n"
    write(tmp_path, {**ELEVENTY, "src/_includes/index.css": css, "src/community.md": STEPS})
    assert findings(tmp_path, monkeypatch) == [("src/community.md", "PL506", 6, 6)]
    # The same page where the CSS lives only in node_modules (a dependency's, not served as the site's) or
    # in no stylesheet at all: both labels are reported.
    write(tmp_path / "b", {**ELEVENTY, "node_modules/x/index.css": css, "src/community.md": STEPS})
    assert [code for _, code, _, _ in findings(tmp_path / "b", monkeypatch)] == ["PL506", "PL506"]


SET_BLOCKS = """---
title: Islands
---

{% set count = 2 %}
Intro with {{ count }} islands.

{%- set codeBlock %}
<is-land on:visible>
	<template data-island>
		<script type="module">console.log("x");</script>
	</template>
  <lit-component name="Post-JS">Pre-JS Content</lit-web-component>
{%- endset %}
{{ codeBlock | highlight("html") | safe }}

<script>alert(1)</script>
"""


def test_a_nunjucks_set_block_stores_code_in_a_variable_on_eleventy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`{% set x %}...{% endset %}` writes nothing where it stands (the 11ty docs print the variable
    highlighted): no unclosed <is-land>, no stray </lit-web-component>, no script in it. `{% set x = 2 %}` is
    no block; the real inline script after the block is still reported."""
    write(tmp_path, {**ELEVENTY, "islands.md": SET_BLOCKS})
    assert findings(tmp_path, monkeypatch) == [("islands.md", "PL705", 17, 1)]


def test_from_with_a_date_is_a_charts_range_and_from_with_a_channel_is_tracking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "---\ntitle: Two million\n---\n\n"
        "[two million downloads](https://npm-stat.com/charts.html?package=x&from=2018-01-01&to=2021-08-31)\n\n"
        "[shared](https://weibo.example/p/1?from=timeline&id=2)\n"
    )
    write(tmp_path, {**ELEVENTY, "2million.md": text})
    assert findings(tmp_path, monkeypatch) == [("2million.md", "PL605", 7, 1)]


@pytest.mark.parametrize(
    "first", ["# Add your site to the leaderboards\n", '{% callout "info" %}Moved.{% endcallout %}\n']
)
def test_an_eleventy_page_needs_no_front_matter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str) -> None:
    """Eleventy renders every template file, front matter or not (its Get Started page builds a README.md that
    holds only `# Heading`), and its JSON front matter opens with `---json`: a first line that starts with
    `{` is body. Jekyll copies such a file as it is: PL007 there. The body is still read on Eleventy."""
    page = first + '\n<img src="/missing.png" alt="">\n<p>Text</b></p>\n'
    write(tmp_path / "e", {**ELEVENTY, "add.md": page})
    write(tmp_path / "j", {**JEKYLL, "add.md": page})
    assert findings(tmp_path / "e", monkeypatch) == [("add.md", "PL305", 3, 1), ("add.md", "PL702", 4, 8)]
    assert ("add.md", "PL007", 1, 1) in findings(tmp_path / "j", monkeypatch, "add.md")


def test_a_tbody_end_tag_after_rows_written_without_tbody_closes_the_one_browsers_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`<thead>...</thead><tr>...</tr></tbody>`: a browser opens a <tbody> for the row itself, and the end tag
    closes it (11ty's year-in-review tables). A `</tbody>` in a table with no row of its own is stray."""
    table = "<table>\n<thead><tr><th>Metric</th></tr></thead>\n<tr><td>1</td></tr>\n</tbody>\n</table>\n"
    stray = "<table>\n<thead><tr><th>Metric</th></tr></thead>\n</tbody>\n</table>\n"
    write(tmp_path, {**ELEVENTY, "review.md": "# Review\n\n" + table + "\n" + stray})
    assert findings(tmp_path, monkeypatch) == [("review.md", "PL702", 11, 1)]


CONFIG_WITH_COPIES = """export default async function (eleventyConfig) {
	eleventyConfig.addPassthroughCopy({
		"src/js/*.js": "js/",
		"src/_includes/components/throbber.js": "js/throbber.js",
		[resolveModule("@zachleat/seven-minute-tabs")]: "js/seven-minute-tabs.js",
		// [resolveModule("old")]: "js/old.js",
		"node_modules/artificial-chart/artificial-chart.{css,js}": `static/`,
	});
};
export const config = { dir: { input: "src" } };
"""

SCRIPTS = """---
title: Performance
---

<template data-island="once"><script src="/js/throbber.js"></script></template>
<script type="module" src="/js/seven-minute-tabs.js"></script>
<script src="/js/search.js"></script>
<script src="/js/old.js"></script>
<script src="/js/missing.js"></script>
<script type="module">
import { HorizontalBar } from "/static/artificial-chart.js";
new HorizontalBar("result-host");
</script>
"""


def test_scripts_an_eleventy_config_copies_to_the_site_are_the_sites_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """addPassthroughCopy's literal pairs serve `js/throbber.js` (from _includes), `js/seven-minute-tabs.js`
    (from a package), every `src/js/*.js` at `js/`, and node_modules' artificial-chart at `static/`; a module
    script importing one of them is the site's chart code. A commented-out copy and a file the glob does not
    find are not served: those two are still reported."""
    write(
        tmp_path,
        {
            **ELEVENTY,
            "eleventy.config.js": CONFIG_WITH_COPIES,
            "src/_includes/components/throbber.js": "",
            "src/js/search.js": "",
            "src/docs/performance.md": SCRIPTS,
        },
    )
    assert findings(tmp_path, monkeypatch) == [
        ("src/docs/performance.md", "PL705", 8, 1),
        ("src/docs/performance.md", "PL705", 9, 1),
    ]


RELATED = """---
title: CommonJS vs ESM
{source}---

Eleventy supports both module formats.

* Related: [JavaScript Modules on MDN](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Guide/Modules)

Use `"type": "module"` in package.json.

## Related

- [Pagination: Paging an Object](/docs/pagination/#paging-an-object)
- [Pagination: Remapping with Permalinks](/docs/pagination/#remapping-with-permalinks)
"""


def test_a_related_label_over_links_on_the_authors_own_page_is_a_cross_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a known site, a page that names no source it was imported from is the author's: "Related:" over links
    is their cross-reference. The same page imported from an outlet (its front matter names the source), or
    outside any known site, keeps PL502."""
    # The site has the pages its "Related" list links to (Eleventy builds `docs/pagination.md` at
    # `/docs/pagination/`): a link to a page it lacks would be PL801's.
    pagination = {
        "docs/pagination.md": "---\ntitle: Pagination\n---\n## Paging an Object\n\n## Remapping with Permalinks\n"
    }
    write(tmp_path / "own", {**ELEVENTY, **pagination, "cjs-esm.md": RELATED.format(source="")})
    write(
        tmp_path / "imported",
        {**ELEVENTY, **pagination, "cjs-esm.md": RELATED.format(source="original_url: https://news.example.com/a/1\n")},
    )
    write(tmp_path / "none", {"cjs-esm.md": RELATED.format(source="")})
    assert findings(tmp_path / "own", monkeypatch) == []
    assert [f[1:3] for f in findings(tmp_path / "imported", monkeypatch)] == [("PL502", 8), ("PL502", 12)]
    assert [f[1:3] for f in findings(tmp_path / "none", monkeypatch)] == [("PL502", 7), ("PL502", 11)]


def test_a_post_filed_under_an_outlet_is_no_page_of_the_authors_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Posts filed under an outlet's category (`initium`, `matters`, `vocus`, `aj`) were imported from it, even
    without a source URL: a related-stories label over links there is the outlet's box."""
    post = (
        "---\nlayout: post\ntitle: 电竞\ncategories: {}\n---\n<p>大快活电竞在反修例运动中未有被波及。</p>"
        '<p>【関連記事】<a href="https://www.asahi.com/articles/ASN9200001.html">東京の感染者数</a></p>\n'
    )
    write(tmp_path / "initium", {"_config.yml": "title: x\n", "_posts/2020-06-21-a.html": post.format("initium")})
    write(tmp_path / "own", {"_config.yml": "title: x\n", "_posts/2020-06-21-a.html": post.format("diary")})
    found = findings(tmp_path / "initium", monkeypatch, "--select", "PL502")
    assert found == [("_posts/2020-06-21-a.html", "PL502", 6, 26)]
    assert findings(tmp_path / "own", monkeypatch, "--select", "PL502") == []


def test_own_pages_keep_furniture_that_is_no_cross_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the author's own page only a related-links label is a cross-reference: a share box ('Share this:' over
    share links, as WordPress exporters write it) or a newsletter call with a link is furniture on any page."""
    page = (
        "---\ntitle: Kiln 0.9\n---\n\nKiln 0.9 is out.\n\n**Share this:**\n\n"
        "- [Twitter](https://twitter.com/intent/tweet?url=https%3A%2F%2Fkiln.example.net%2Fnews%2F)\n"
        "- [Facebook](https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fkiln.example.net%2Fnews%2F)\n\n"
        "Related: [the 0.8 notes](/news/kiln-0-8/)\n"
    )
    write(tmp_path, {**ELEVENTY, "news/kiln-0-9.md": page})
    assert findings(tmp_path, monkeypatch, "--select", "PL502") == [("news/kiln-0-9.md", "PL502", 7, 1)]


def test_a_folders_own_listing_page_is_not_one_of_its_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """11ty-website's src/blog/blog.md (permalink /blog/) lists the blog: it has none of the posts' keys. A post
    of that folder without the key all the others write is still reported."""
    files = {**ELEVENTY}
    for n in range(25):
        files[f"blog/2024-01-{n + 1:02d}-p{n}.md"] = f"---\nnewstitle: Post {n}\n---\nText.\n"
    files["blog/blog.md"] = "---\nheaderTitle: Blog\npermalink: /blog/\n---\nAll posts.\n"
    files["blog/2024-02-01-lost.md"] = "---\nheaderTitle: Lost\n---\nText.\n"
    write(tmp_path, files)
    assert findings(tmp_path, monkeypatch, "--select", "PL811") == [("blog/2024-02-01-lost.md", "PL811", 1, 1)]


def test_a_block_tag_in_a_jekyll_fenced_code_block_opens_no_html_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kramdown reads the fence first: `<figure>` inside ```html is code, so it opens no raw HTML block that
    would run past the fence and make the code spans after it live (just-the-docs' line-numbers page: 13 false
    PL701/PL702). A `<div>` left open outside any fence still is one."""
    page = (
        '---\ntitle: Line numbers\n---\n\n```html\n<figure class="highlight">><code><div><table>\n```\n\n'
        'Here `<table>` is placed within a `<code>` element.\n\n<div class="note">\n\nText `<b>`\n'
    )
    write(tmp_path, {**JEKYLL, "docs/line-numbers.md": page})
    assert findings(tmp_path, monkeypatch) == [
        ("docs/line-numbers.md", "PL701", 11, 1),
        ("docs/line-numbers.md", "PL701", 13, 7),
    ]
