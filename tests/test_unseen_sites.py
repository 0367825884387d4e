"""Generator fidelity found by judging postlint on real sites nobody here wrote (issue 22): a Hugo blog that
writes `Title:` and zoneless dates, an Eleventy blog whose input folder is `src/site`, a Zola course site
with indented code, a Jekyll theme blog with empty `last_modified_at:`. Each fixture has the real site's
shape (written here, not copied); each test asserts the codes, lines and columns a user sees, and that the
true finding beside the false one is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import site_findings as findings
from conftest import write_site as write

NOW = "2026-11-26T00:00:00Z"
HUGO = {"config.toml": 'baseURL = "https://blog.example.org"\ntitle = "Blog"\n'}


def test_hugo_reads_a_zoneless_date_in_utc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = "---\ntitle: Testing\ndate: 2014-03-08 13:14:42\n---\nText.\n"
    write(tmp_path / "hugo", {**HUGO, "content/posts/a.md": post})
    write(tmp_path / "jekyll", {"_config.yml": "title: Blog\n", "_posts/2014-03-08-a.md": post})
    assert findings(tmp_path / "hugo", monkeypatch) == []
    # Jekyll reads it in the build machine's zone: still reported there.
    assert findings(tmp_path / "jekyll", monkeypatch) == [("_posts/2014-03-08-a.md", "PL202", 3, 7)]
    # The site's own timeZone still wins over Hugo's default.
    write(tmp_path / "hugo", {"config.toml": HUGO["config.toml"] + 'timeZone = "Asia/Tokyo"\n'})
    assert findings(tmp_path / "hugo", monkeypatch) == []


ELEVENTY_CONFIG = """module.exports = function (eleventyConfig) {
  // Static assets to pass through.
  eleventyConfig.addPassthroughCopy("./src/site/images");
  eleventyConfig.addPassthroughCopy("./src/site/uploads");
  return {
    dir: {
      input: "src/site",
      includes: "_includes",
      output: "dist",
    },
    templateFormats: ["njk", "md"],
  };
};
"""


def test_eleventy_serves_its_configured_input_folder_at_the_site_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = (
        "---\ntitle: Vim\n---\n\n![Screenshot of MacVim](/images/content/MacVim.png)\n\n"
        '<p><img src="/uploads/shot.png" alt="Terminal colors"></p>\n\n'
        '<p><img src="/uploads/icaltv.png" alt="iCalTV reminder"></p>\n'
    )
    write(
        tmp_path,
        {
            ".eleventy.js": ELEVENTY_CONFIG,
            "src/site/posts/2011-01-06-vim.md": post,
            "src/site/images/content/MacVim.png": "png",
            "src/site/uploads/shot.png": "png",
            "src/site/uploads/iCalTV.png": "png",  # another case: a Linux host serves no /uploads/icaltv.png
            # Not a template format of this site (njk, md): copied as it is, a demo page, not a post.
            "src/site/uploads/safari-crasher.html": "<html><head><script>console.log();</script></head></html>\n",
        },
    )
    assert findings(tmp_path, monkeypatch) == [("src/site/posts/2011-01-06-vim.md", "PL305", 9, 4)]


def test_hugo_reads_front_matter_keys_whatever_their_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = (
        "---\nTitle: Conference notes\ndate: 2013-06-10T11:23:00Z\nCategory: science\nTags:\n- python\n"
        "auther: Simon\n---\nText.\n"
    )
    write(tmp_path / "hugo", {**HUGO, "content/posts/notes.md": post})
    write(tmp_path / "jekyll", {"_config.yml": "title: Blog\n", "_posts/2013-06-10-notes.md": post})
    # Hugo sets the title, category and tags from them; a real typo is still one.
    assert findings(tmp_path / "hugo", monkeypatch) == [("content/posts/notes.md", "PL104", 7, 1)]
    # Jekyll's keys are case-sensitive: `Title:` sets no title there.
    assert findings(tmp_path / "jekyll", monkeypatch, "--select", "PL104") == [
        ("_posts/2013-06-10-notes.md", "PL104", 2, 1),
        ("_posts/2013-06-10-notes.md", "PL104", 4, 1),
        ("_posts/2013-06-10-notes.md", "PL104", 5, 1),
        ("_posts/2013-06-10-notes.md", "PL104", 7, 1),
    ]


def test_html_on_a_later_line_of_an_indented_code_block_is_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lesson = (
        '+++\ntitle = "Concurrency"\n+++\n## Gist\n\nImagine this setup code:\n\n'
        "    zero: int = const 0;\n    a: ptr<int> = alloc one;\n    b: ptr<int> = alloc one;\n\n"
        "that stores 0 in two pointers, <b>a and b.\n"
    )
    zola = {"config.toml": 'base_url = "https://example.org"\ntitle = "Course"\n'}
    write(tmp_path, {**zola, "content/lesson/14.md": lesson})
    # The listing is code in every Markdown renderer; the <b> left open in the paragraph after it is not.
    assert findings(tmp_path, monkeypatch) == [("content/lesson/14.md", "PL701", 12, 32)]


def test_an_empty_date_key_other_than_date_is_a_date_not_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    portrait = (
        '---\ntitle: "Driving Sunset"\nexcerpt: "Portrait drawn with Paper."\nlast_modified_at: \nmodified:\n'
        "image:\n  path: /assets/images/sunset.jpg\n---\nText.\n"
    )
    lost = "---\ntitle: Lost\ndate:\n---\nText.\n"
    write(
        tmp_path,
        {"_config.yml": "title: Site\n", "_posts/2015-03-21-sunset.md": portrait, "_posts/2015-03-22-lost.md": lost},
    )
    # jekyll 4.3.1 builds the first (page.last_modified_at is nil) and stops on the second: "Invalid date ''".
    assert findings(tmp_path, monkeypatch, "--select", "PL201") == [("_posts/2015-03-22-lost.md", "PL201", 3, 6)]


def test_a_space_before_a_links_closing_parenthesis_keeps_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = (
        "---\ntitle: Changing the rpath\ndate: 2010-07-27T00:00:00Z\n---\n"
        "[PatchELF](https://nixos.org/patchelf.html ) is a program that patches the rpath of a\n"
        "linux binary.\n\nFor more see [this post](https://www.eyrie.org/~eagle/notes/rpath.html ).\n\n"
        "See [the manual](https://nixos.org/manual and the rest of it.\n"
    )
    write(tmp_path, {**HUGO, "content/posts/rpath.md": post})
    # CommonMark (and kramdown) allow white space before ')'; a target with no ')' at all is still text.
    assert findings(tmp_path, monkeypatch) == [("content/posts/rpath.md", "PL710", 10, 5)]


def test_a_whole_html_document_in_hugo_content_is_copied_not_a_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guide = (
        "<!DOCTYPE html>\n<html>\n<head><script>hljs.initHighlightingOnLoad();</script><title>Docker</title></head>\n"
        '<body><p><img src="images/eb-start.png"></p></body>\n</html>\n'
    )
    fragment = '<p>Text.</p>\n<p><img src="/images/shot.png" alt="Shot"></p>\n'
    page = '---\ntitle: Page\n---\n<p><img src="/images/shot.png" alt="Shot"></p>\n'
    write(tmp_path, {**HUGO, "content/docker-curriculum.html": guide, "content/fragment.html": fragment})
    write(tmp_path, {"content/page.html": page, "content/notes.md": "# Notes\n\n![](/images/shot.png)\n"})
    # hugo 0.111.3 writes both HTML files to public/ untouched; the HTML page with front matter and the
    # Markdown file without any are pages.
    assert findings(tmp_path, monkeypatch) == [
        ("content/notes.md", "PL007", 1, 1),
        ("content/notes.md", "PL305", 3, 1),
        ("content/notes.md", "PL306", 3, 1),
        ("content/page.html", "PL305", 4, 4),
    ]


SLOT = '<figure><picture><img src="https://assets.example/{n}.jpeg"></picture><figcaption><span>{caption}</span></figcaption></figure>\n'


def _blog_post(folder: Path, day: int, captions: list[str]) -> None:
    head = f'---\nlayout: post\ntitle: "Essay {day}"\ndate: 2020-04-{day:02d} 09:00:00 +08:00\ncategories: blog\n---\n'
    body = "".join(SLOT.format(n=f"{day}-{i}", caption=text) for i, text in enumerate(captions))
    write(folder, {f"_posts/2020-04-{day:02d}-essay-{day}.md": head + "<p>Text.</p>\n" + body})


def test_a_group_known_to_caption_some_figures_withdraws_the_per_post_guess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A blogging platform's editor writes a caption slot under every picture; its authors fill some (two of five).
    write(tmp_path, {"_config.yml": "title: Essays\n"})
    for day in range(1, 13):
        _blog_post(tmp_path, day, ["Ferry at dawn", "", "", "Harbour", ""])
    _blog_post(tmp_path, 20, ["The old bridge", "The market", "The pier", ""])  # one slot left empty
    lone = "_posts/2020-04-20-essay-20.md"
    # The archive knows the group's habit (12 other posts, 24 of 60 captioned): nothing to report.
    assert [f for f in findings(tmp_path, monkeypatch) if f[1] in ("PL401", "PL810")] == []
    # Without the archive's habit (PL810 off), PL401 judges the post by its own figures, as before.
    found = findings(tmp_path, monkeypatch, "--ignore", "PL810", "--select", "PL401", lone)
    assert found == [(lone, "PL401", 11, 72)]


def test_a_bookmarklet_the_author_offers_is_not_a_script_remnant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = (
        "---\ntitle: Bookmarklet to get a page from Google cache\n---\n\n"
        'Rather than go back and click "Cached", use this bookmarklet: <a href="javascript:location.href='
        '&quot;http://www.google.com/search?q=cache:&quot;+encodeURIComponent(location.href)">Get from cache</a>.\n\n'
        'Or just <a href="javascript:alert(document.cookie)">click here</a>.\n'
    )
    imported = own.replace("---\n\n", "source: https://news.example/story/1\n---\n\n", 1)
    write(tmp_path, {"package.json": json.dumps({"devDependencies": {"@11ty/eleventy": "^3.0.0"}})})
    write(tmp_path, {"posts/own.md": own, "posts/imported.md": imported})
    # The one offered to bookmark, in the author's own post, is the post's point; the others run on a click.
    assert findings(tmp_path, monkeypatch, "--select", "PL707") == [
        ("posts/imported.md", "PL707", 6, 66),
        ("posts/imported.md", "PL707", 8, 12),
        ("posts/own.md", "PL707", 7, 12),
    ]


def test_a_footnote_definition_is_no_link_where_the_renderer_reads_footnotes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = (
        "---\ntitle: Flash blocker\ndate: 2010-12-27T00:00:00Z\n---\n"
        "I use python in my day job[^1] and a [guide](/missing/page/).\n\n"
        "[^1]: had\n[^2]: see [the notes](/also/missing/)\n"
    )
    write(tmp_path, {**HUGO, "content/posts/flash.md": post})
    # Goldmark reads footnotes: `[^1]: had` is no link to 'had'; the links in the text and in a footnote are.
    assert findings(tmp_path, monkeypatch, "--select", "PL801") == [
        ("content/posts/flash.md", "PL801", 5, 46),
        ("content/posts/flash.md", "PL801", 8, 23),
    ]


def test_a_sections_list_page_whose_body_is_its_heading_is_no_lost_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zola = {"config.toml": 'base_url = "https://example.org"\ntitle = "Course"\n'}
    index = '+++\ntitle = "Lessons"\nsort_by = "weight"\n+++\n# Lessons\n'
    write(tmp_path, {**zola, "content/lesson/_index.md": index, "content/lesson/notes.md": index})
    # The section's template lists its lessons under the heading; a page whose body is its title lost its text.
    assert findings(tmp_path, monkeypatch, "--select", "PL709") == [("content/lesson/notes.md", "PL709", 5, 1)]


def test_a_key_the_sites_theme_reads_is_no_typo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    about = '+++\ntitle = "About"\nnopaging = true\nnodate = true\nnocomment = true\nauther = "Me"\n+++\nText.\n'
    single = "{{ if not .Params.nodate }}<time>{{ .Date }}</time>{{ end }}\n{{ if not .Params.nocomment }}x{{ end }}\n"
    write(tmp_path, {**HUGO, "content/about.md": about, "themes/skeleton/layouts/_default/single.html": single})
    # The theme reads nodate and nocomment; 'auther' is read by nothing and is one letter from 'author'.
    assert findings(tmp_path, monkeypatch, "--select", "PL104") == [("content/about.md", "PL104", 6, 1)]
    write(
        tmp_path / "j",
        {"_config.yml": "title: x\n", "_layouts/post.html": "{% if page.hero %}{{ page.hero }}{% endif %}"},
    )
    write(tmp_path / "j", {"_posts/2020-01-01-a.md": "---\nlayout: post\nhero: a.jpg\nheros: b.jpg\n---\nText.\n"})
    assert findings(tmp_path / "j", monkeypatch, "--select", "PL104") == [("_posts/2020-01-01-a.md", "PL104", 4, 1)]


def test_hugo_builds_a_page_for_each_taxonomy_term(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    swim = '+++\ntitle = "SWIM"\ndate = 2015-10-01\ntags = ["Distributed Systems", "papers"]\n+++\nText.\n'
    review = (
        '+++\ntitle = "Year in review"\ndate = 2015-12-31\n+++\n'
        "I meant to [blog](/tags/distributed-systems/) about [papers](/tags/papers/) and [more](/tags/surveyman/).\n"
    )
    write(tmp_path, {**HUGO, "content/articles/swim.md": swim, "content/articles/review.md": review})
    # /tags/distributed-systems/ and /tags/papers/ are the term pages of swim.md's tags; no post has 'surveyman'.
    assert findings(tmp_path, monkeypatch, "--select", "PL801") == [("content/articles/review.md", "PL801", 5, 88)]


def test_brackets_in_an_inline_code_element_are_no_reference_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = (
        "---\ntitle: Preferences class\n---\n\n"
        'You could use <code>Preferences["foo_bundle"]["name"]</code> if you prefer.\n\n'
        "See [the docs][manual] too.\n"
    )
    write(tmp_path, {"_config.yml": "title: Blog\n", "_posts/2007-06-28-preferences.md": post})
    # The code element's brackets show as typed, as meant; the undefined [manual] label is still reported.
    assert findings(tmp_path, monkeypatch, "--select", "PL803") == [("_posts/2007-06-28-preferences.md", "PL803", 7, 5)]


def test_the_wildcard_spelling_of_unix_is_no_lone_emphasis_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = (
        "---\ntitle: Newman\ndate: 2014-08-11T12:34:58Z\n---\n"
        "Setting up cron varies upon the specific *nix distribution, so google it.\n\n"
        "This is *not in the release.\n"
    )
    write(tmp_path, {**HUGO, "content/articles/newman.md": post})
    # `*nix` is meant to show as typed; a '*' before an ordinary word that finds no partner is a lost marker.
    assert findings(tmp_path, monkeypatch, "--select", "PL710") == [("content/articles/newman.md", "PL710", 7, 9)]


_THEMED_HUGO = {
    "config.toml": 'baseURL = "https://example.org/"\ntitle = "t"\ntheme = "paper"\n',
    ".gitmodules": '[submodule "themes/paper"]\n\tpath = themes/paper\n\turl = https://example.org/paper.git\n'
    '[submodule "escape"]\n\tpath = ../../outside\n\turl = https://example.org/x.git\n'
    '[submodule "public"]\n\tpath = public\n\turl = https://example.org/example.github.io.git\n',
    "content/posts/a.md": "---\ntitle: a\ndate: 2020-01-01T00:00:00Z\n---\n![logo](/images/logo.png)\n\n"
    "[gone](/posts/gone/)\n\n![here](/img/missing.png)\n\n[typo](/example.com)\n",
}


def test_files_a_submodule_not_checked_out_would_serve_are_not_called_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clone without --recurse-submodules (or a `git archive` export) leaves a Hugo theme's folder empty:
    its `static/` may serve `/images/logo.png` (or `/example.com`), so neither is reported; a page link is
    still judged, since a theme serves files, not the site's pages."""
    write(tmp_path, _THEMED_HUGO)
    (tmp_path / "themes" / "paper").mkdir(parents=True)
    assert findings(tmp_path, monkeypatch) == [("content/posts/a.md", "PL801", 7, 8)]
    (tmp_path / "themes" / "paper").rmdir()  # an export holds no folder at all for it
    assert findings(tmp_path, monkeypatch) == [("content/posts/a.md", "PL801", 7, 8)]


def test_the_builds_output_as_a_submodule_serves_nothing_to_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`public/` (Hugo's output, often a submodule holding the GitHub Pages repository) is not a source."""
    site = {
        **_THEMED_HUGO,
        "config.toml": 'baseURL = "https://example.org/"\ntitle = "t"\n',
        ".gitmodules": '[submodule "public"]\n\tpath = public\n\turl = https://example.org/example.github.io.git\n',
    }
    write(tmp_path, site)
    assert findings(tmp_path, monkeypatch) == [
        ("content/posts/a.md", "PL305", 5, 1),
        ("content/posts/a.md", "PL801", 7, 8),
        ("content/posts/a.md", "PL305", 9, 1),
        ("content/posts/a.md", "PL801", 11, 8),
    ]


def test_a_checked_out_submodule_is_looked_in_like_any_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {**_THEMED_HUGO, "themes/paper/static/images/logo.png": ""})
    assert findings(tmp_path, monkeypatch) == [
        ("content/posts/a.md", "PL801", 7, 8),
        ("content/posts/a.md", "PL305", 9, 1),
        ("content/posts/a.md", "PL801", 11, 8),
    ]


_POST = "---\ntitle: a\n---\n"


def test_jekyll_reads_the_site_from_its_source_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`source: src` (jekyll 4.3 builds `src/_pages/work.md` with `permalink: /work/` and copies
    `src/assets/a.png` to `/assets/a.png`); `include: [_pages]` makes that `_` folder's files pages."""
    site = {
        "_config.yml": "source: src\ninclude: [_pages]\n",
        "src/_pages/work.md": "---\ntitle: Work\npermalink: /work/\n---\nThe work I did.\n",
        "src/assets/a.png": "",
        "src/_posts/2020-01-01-a.md": _POST + "[w](/work/) [x](/nowhere/) ![i](/assets/a.png) ![j](/assets/b.png)\n",
    }
    write(tmp_path / "plain", site)
    expected = [("src/_posts/2020-01-01-a.md", "PL801", 4, 17), ("src/_posts/2020-01-01-a.md", "PL305", 4, 48)]
    assert sorted(findings(tmp_path / "plain", monkeypatch)) == sorted(expected)
    # A source folder a build step makes (gulp copies src/ to .tmp/src) is absent from the checkout: the
    # part of its path that is here is the site.
    built = dict(site, **{"_config.yml": "source: .tmp/src\ninclude: [_pages]\n"})
    write(tmp_path / "built", built)
    assert sorted(findings(tmp_path / "built", monkeypatch)) == sorted(expected)
    # A source that leads out of the site's folder is never followed.
    outside = dict(site, **{"_config.yml": "source: ../src\ninclude: [_pages]\n"})
    write(tmp_path / "outside", outside)
    assert ("src/_posts/2020-01-01-a.md", "PL801", 4, 5) in findings(tmp_path / "outside", monkeypatch)


def test_pages_that_jekyll_plugins_build_are_no_dead_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jekyll-sitemap builds /sitemap.xml, jekyll-feed /feed.xml (or `feed.path`), jekyll-archives and
    jekyll-paginate-v2's autopages build tag and category pages: links to them are not dead, and links
    elsewhere still are."""
    body = "[s](/sitemap.xml) [f](/atom.xml) [t](/tag/beard/) [c](/topics/news/) [gone](/tags/beard/)\n"
    config = (
        "plugins: [jekyll-sitemap, jekyll-feed, jekyll-paginate-v2, jekyll-archives]\nfeed:\n  path: atom.xml\n"
        "autopages:\n  enabled: true\n  tags:\n    permalink: /tag/:tag\n  categories:\n    enabled: false\n"
        "jekyll-archives:\n  enabled: [categories]\n  permalinks:\n    category: /topics/:name/\n"
    )
    write(tmp_path / "on", {"_config.yml": config, "_posts/2020-01-01-a.md": _POST + body})
    assert findings(tmp_path / "on", monkeypatch) == [("_posts/2020-01-01-a.md", "PL801", 4, 77)]
    write(tmp_path / "off", {"_config.yml": "title: t\n", "_posts/2020-01-01-a.md": _POST + body})
    assert [column for _, code, _, column in findings(tmp_path / "off", monkeypatch) if code == "PL801"] == [
        5,
        23,
        38,
        55,
        77,
    ]


def test_paths_the_host_redirects_are_no_dead_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Netlify's `_redirects` (in the site's folder or `static/`) and `[[redirects]]` in netlify.toml: an old
    path moved by the host still answers; `/blog/*` and `/tag/:name` answer for everything below them."""
    body = "[a](/articles/old/) [b](/blog/2019/x/) [t](/tag/x/) [n](/moved/) [gone](/articles/never/)\n"
    site = {
        "config.toml": 'baseURL = "https://example.org/"\ntitle = "t"\n',
        "static/_redirects": "# moved\n/articles/old/ /notes/old/ 301\n/blog/* /posts/:splat 301\n"
        "https://x.netlify.app/* https://example.org/:splat 301!\n/tag/:name /tags/:name 301\n",
        "netlify.toml": '[[redirects]]\nfrom = "/moved/"\nto = "/"\n',
        "content/posts/a.md": "---\ntitle: a\ndate: 2020-01-01T00:00:00Z\n---\n" + body,
    }
    write(tmp_path, site)
    assert findings(tmp_path, monkeypatch) == [("content/posts/a.md", "PL801", 5, 73)]
