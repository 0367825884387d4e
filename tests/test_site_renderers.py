"""What each generator's renderer makes of a post, seen in findings (issue 22, round 5): raw HTML that Hugo's
Goldmark drops, and the other forms the generators' readers disagree on."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_sites import check, write

HUGO_POST = (
    '+++\ntitle = "Release notes"\ndate = 2023-05-04T10:00:00+02:00\n+++\n\n'
    "We shipped version 2.3 today.\n\n"
    '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Walkthrough"></iframe>\n\n'
    "Upgrading is one command.\n\n"
    '<img src="/images/chart.png" alt="Cache hits by week">\n\n'
    "Thanks to everyone who tested it.\n"
)


def test_raw_html_in_a_hugo_markdown_post_is_reported_once_where_goldmark_drops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"hugo.toml": 'baseURL = "https://example.org/"\n', "content/posts/notes.md": HUGO_POST})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", ".")
    assert found == [("content/posts/notes.md", "PL709", 8, 1)]


def test_raw_html_is_kept_where_the_hugo_config_sets_unsafe_and_off_hugo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unsafe = 'baseURL = "https://example.org/"\n[markup.goldmark.renderer]\nunsafe = true\n'
    write(tmp_path / "a", {"hugo.toml": unsafe, "content/posts/notes.md": HUGO_POST})
    write(tmp_path / "b", {"_config.yml": "title: x\n", "_posts/2023-05-04-notes.md": HUGO_POST})
    write(tmp_path / "c", {"hugo.toml": "", "content/posts/notes.html": HUGO_POST.replace("\n\n", "\n")})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", "a", "b", "c")
    assert found == []


def test_raw_html_inside_an_angle_bracket_shortcode_pair_goes_to_the_shortcode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = (
        '+++\ntitle = "Menus"\n+++\n\n{{< code-toggle file=hugo >}}\npre = \'<i class="fa fa-heart"></i>\'\n'
        "{{< /code-toggle >}}\n\nText.\n\n{{% note %}}\n<b>dropped</b> here.\n{{% /note %}}\n"
    )
    write(tmp_path, {"hugo.toml": "", "content/menus.md": post})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", ".")
    assert found == [("content/menus.md", "PL709", 12, 1)]


def test_a_hugo_publish_date_in_the_future_keeps_the_page_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = "---\ntitle: Kiln 0.9\ndate: 2024-01-15\npublishDate: {}\n---\n\nKiln 0.9 is out.\n"
    write(tmp_path / "h", {"hugo.yaml": "title: Kiln\n", "content/a.md": post.format("2027-01-15")})
    write(tmp_path / "h", {"content/b.md": post.format("2024-01-16")})
    write(tmp_path / "j", {"_config.yml": "title: x\n", "_posts/2024-01-15-a.md": post.format("2027-01-15")})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL203", "h", "j")
    assert found == [("h/content/a.md", "PL203", 4, 14)]


def test_a_hugo_page_that_expires_before_its_date_is_reported_on_hugo_sites_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = "+++\ntitle = 'Kiln 2.3'\ndate = 2023-05-04T10:00:00+02:00\n{}\n+++\n\nKiln 2.3 is out.\n"
    write(tmp_path / "h", {"hugo.toml": "", "content/a.md": post.format("ExpiryDate = 2021-05-04T10:00:00+02:00")})
    write(tmp_path / "h", {"content/b.md": post.format("unpublishdate = 2023-05-03")})
    write(tmp_path / "h", {"content/c.md": post.format("expiryDate = 2024-01-01")})  # passed, set on purpose
    jekyll_post = "---\ntitle: Kiln 2.3\ndate: 2023-05-04\nexpiryDate: 2021-05-04\n---\n\nKiln 2.3 is out.\n"
    write(tmp_path / "j", {"_config.yml": "title: x\n", "_posts/2023-05-04-a.md": jekyll_post})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL209", "--now", "2026-11-26T00:00:00Z", "h", "j")
    assert found == [("h/content/a.md", "PL209", 4, 14), ("h/content/b.md", "PL209", 4, 17)]


TABLE = "| Site size | 2.2 | 2.3 |\n| 1,000 pages | 4.1 s | 2.9 s |\n"
SPACED = "The numbers are in [the report](https://example.org/reports/compile times.pdf).\n"
IAL = "The new command checks your site.\n{: .note\n"


@pytest.mark.parametrize(
    ("site", "post", "expected"),
    [
        ({"hugo.toml": ""}, "content/a.md", [("content/a.md", "PL710", 6, 1), ("content/a.md", "PL710", 9, 20)]),
        (
            {"config.toml": 'base_url = "https://x.org"\n'},
            "content/a.md",
            [("content/a.md", "PL710", 6, 1), ("content/a.md", "PL710", 9, 20)],
        ),
        ({"_config.yml": "title: x\n"}, "_posts/2024-01-02-a.md", [("_posts/2024-01-02-a.md", "PL710", 12, 1)]),
    ],
)
def test_each_renderer_shows_its_own_forms_as_typed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    site: dict[str, str],
    post: str,
    expected: list[tuple[str, str, int, int]],
) -> None:
    """A table without its delimiter row and a spaced link target are text to CommonMark (Hugo, Zola), not
    to kramdown (Jekyll), which reads an unclosed attribute list as text instead."""
    front = (
        '+++\ntitle = "t"\ndate = 2024-01-02\n+++\n\n'
        if "config.toml" in site
        else "---\ntitle: t\ndate: 2024-01-02\n---\n\n"
    )
    text = front + TABLE + "\n" + SPACED + "\n" + IAL
    write(tmp_path, {**site, post: text})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL710", ".")
    assert found == expected


def test_images_a_template_call_prints_are_checked_for_their_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hugo's figure, a Zola shortcode's path, eleventy-img's {% image %} and an image include (round 5)."""
    write(tmp_path / "h", {"hugo.toml": "", "static/images/a.png": "x"})
    hugo = '{{< figure src="/images/b.png" alt="B" >}}\n\n{{< figure src="/images/a.png" alt="A" >}}\n'
    write(tmp_path / "h", {"content/p.md": "---\ntitle: t\n---\n\n" + hugo})
    write(tmp_path / "z", {"config.toml": 'base_url = "https://x.org"\n', "static/images/a.png": "x"})
    zola = '{{ resize_image(path="images/b.png", width=600) }}\n\n{{ resize_image(path="images/a.png", width=600) }}\n'
    write(tmp_path / "z", {"content/p.md": '+++\ntitle = "t"\n+++\n\n' + zola})
    write(tmp_path / "e", {"package.json": '{"devDependencies": {"@11ty/eleventy": "2"}}', "img/a.jpg": "x"})
    eleventy = '{% image "./img/b.jpg", "B" %}\n\n{% image "./img/a.jpg", "A" %}\n'
    write(tmp_path / "e", {"posts/p.md": "---\ntitle: t\n---\n\n" + eleventy})
    write(tmp_path / "j", {"_config.yml": "title: x\n", "img/a.png": "x"})
    jekyll = '{% include image.html src="" alt="B" %}\n\n{% include image.html src="img/a.png" alt="A" %}\n'
    write(tmp_path / "j", {"_posts/2024-01-02-p.md": "---\ntitle: t\n---\n\n" + jekyll})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL301,PL305", "h", "z", "e", "j")
    assert sorted(found) == [
        ("e/posts/p.md", "PL305", 5, 1),
        ("h/content/p.md", "PL305", 5, 1),
        ("j/_posts/2024-01-02-p.md", "PL301", 5, 1),
        ("z/content/p.md", "PL305", 5, 1),
    ]


def test_a_liquid_tag_written_as_code_in_a_jekyll_post_renders_as_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = "Write `{{ include.caption }}` in the include.\n\nThe version is `{{ site.version }}`.\n"
    kept = "{% raw %}Write `{{ include.caption }}`.{% endraw %}\n\n{% assign n = 1 %}`{{ n }}`\n"
    write(tmp_path / "j", {"_config.yml": "title: x\n"})
    write(tmp_path / "j", {"_posts/2024-01-02-a.md": "---\ntitle: a\n---\n\n" + shown})
    write(tmp_path / "j", {"_posts/2024-01-02-b.md": "---\ntitle: b\n---\n\n" + kept})
    write(tmp_path / "h", {"hugo.toml": "", "content/a.md": "---\ntitle: a\n---\n\n" + shown})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", "j", "h")
    assert found == [("j/_posts/2024-01-02-a.md", "PL709", 5, 7)]  # the code span, emptied


def test_a_template_tag_explained_as_code_shows_its_value_on_jekyll_and_eleventy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Liquid (Nunjucks) runs first: a sentence about templates that shows `{{ page.date }}` shows the date instead.
    explained = "In the layout template, write `{{ page.date }}` to show the date.\n"
    valued = "The current version is `{{ pkg.version }}`.\n\nThe template is `{{ page.layout }} (v2)`.\n"
    kept = "In the template, write {% raw %}`{{ page.date }}`{% endraw %} to show the date.\n"
    front = "---\ntitle: a\n---\n\n"
    write(tmp_path / "e", {"eleventy.config.js": "export default function () {}\n"})
    write(tmp_path / "e", {"posts/a.md": front + explained, "posts/b.md": front + valued, "posts/c.md": front + kept})
    write(tmp_path / "e", {"posts/d.md": "---\ntitle: d\ntemplateEngineOverride: md\n---\n\n" + explained})
    write(tmp_path / "j", {"_config.yml": "title: x\n", "_posts/2024-01-02-a.md": front + "x\n\n" + explained})
    write(tmp_path / "z", {"config.toml": 'base_url = "https://x.org"\n', "content/a.md": "+++\n+++\n" + explained})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", "e", "j", "z")
    assert found == [("e/posts/a.md", "PL709", 5, 31), ("j/_posts/2024-01-02-a.md", "PL709", 7, 31)]


def test_a_zola_content_link_names_a_file_below_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    links = "See [one](@/blog/one.md), [two](@/blog/tow.md) and [the heading](@/blog/one.md#no-such-heading).\n"
    write(tmp_path, {"config.toml": 'base_url = "https://x.org"\n', "content/_index.md": "+++\n+++\n"})
    write(tmp_path, {"content/blog/one.md": '+++\ntitle = "One"\n+++\n\n## A heading\n\nText.\n'})
    write(tmp_path, {"content/blog/two.md": '+++\ntitle = "Two"\n+++\n\n' + links})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL801,PL802", ".")
    assert found == [("content/blog/two.md", "PL801", 5, 33), ("content/blog/two.md", "PL802", 5, 66)]


def test_hugo_figure_shortcodes_count_in_the_caption_habit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A figure shortcode with a caption (or title) writes a figcaption: the folder's habit counts it, and one
    without any breaks it (round 5)."""
    files = {"hugo.toml": "", "postlint.toml": 'extend-select = ["PL810"]\n'}
    for day in range(1, 12):
        figure = (
            f'{{{{< figure src="https://img.example.com/{day}.jpg" alt="Day {day}" caption="The path, day {day}" >}}}}'
        )
        files[f"content/posts/day-{day}.md"] = f"---\ntitle: Day {day}\n---\n\nWe walked.\n\n{figure}\n"
    bare = '{{< figure src="https://img.example.com/12.jpg" alt="A stone bridge" >}}'
    files["content/posts/day-12.md"] = f"---\ntitle: Day 12\n---\n\nWe walked inland.\n\n{bare}\n"
    write(tmp_path, files)
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL810", ".")
    assert found == [("content/posts/day-12.md", "PL810", 7, 1)]


def test_a_link_address_the_sites_liquid_fills_is_not_judged_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eleventy runs Liquid over a Markdown post before markdown-it reads it: a space inside a template tag of
    the address (11ty-website's `blob/{% latestVersion versions, config %}/src`) is gone by then."""
    body = (
        "---\ntitle: t\n---\n\n"
        "Dig into [the source](https://github.com/11ty/eleventy/blob/{% latestVersion versions, config %}/src/).\n\n"
        "- [{{ plugin.npm }}](https://www.npmjs.com/package/{{ plugin.npm }})\n\n"
        "The numbers are in [the report](https://example.org/reports/compile times.pdf).\n"
    )
    write(tmp_path, {"package.json": '{"devDependencies": {"@11ty/eleventy": "^3.0.0"}}', "docs/a.md": body})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL710", ".")
    assert found == [("docs/a.md", "PL710", 9, 20)]


def test_a_link_target_with_backslash_escapes_is_pointed_at_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Markdown reads `\\server` as `\server`: the finding starts at the target's first character in the file.
    post = "---\ntitle: a\n---\n\n附件：[会议纪要](\\\\fileserver\\shared\\纪要.docx)"
    post += " and [![x](/i.png)](\\\\srv\\a.docx)\n"
    write(tmp_path, {"_config.yml": "title: x\n", "_posts/2024-01-02-a.md": post, "i.png": "x"})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL801", ".")
    assert found == [("_posts/2024-01-02-a.md", "PL801", 5, 11), ("_posts/2024-01-02-a.md", "PL801", 5, 59)]


def test_bold_refused_by_the_flanking_rules_is_reported_at_its_first_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Goldmark refuses the opener between a letter and a quote mark: both markers show, from the first one on.
    post = "+++\ntitle = 'a'\n+++\n\n我认为这是**“最后一次迁移”**，以后不折腾了。\n\n这件事很 **重要，完。\n"
    write(tmp_path, {"hugo.toml": "", "content/a.md": post})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL710", ".")
    assert found == [("content/a.md", "PL710", 5, 6), ("content/a.md", "PL710", 7, 6)]


def test_a_compound_name_ending_in_the_site_name_is_no_title_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # zola's docs list themes named 'anatole-zola' on the site 'Zola': a hyphen inside a name is no separator.
    write(tmp_path, {"config.toml": 'title = "Zola"\nbase_url = "https://x.org"\n'})
    write(tmp_path, {"content/themes/anatole-zola.md": '+++\ntitle = "anatole-zola"\n+++\n\nA theme.\n'})
    write(tmp_path, {"content/themes/hermit.md": '+++\ntitle = "hermit_zola"\n+++\n\nA theme.\n'})
    write(tmp_path, {"content/news.md": '+++\ntitle = "Release notes for 0.19 - Zola"\n+++\n\nNotes.\n'})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL808", ".")
    assert found == [("content/news.md", "PL808", 2, 9)]


def test_kramdown_reads_markdown_inside_an_element_marked_markdown_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Theme docs (just-the-docs) wrap examples in `<div markdown="1">`: kramdown reads the content as Markdown,
    # so the link is a link and `<inline code>` is code; Goldmark ignores the attribute.
    body = (
        '<div class="code-example" markdown="1">\n[Link button](https://example.org){: .btn }\n\n'
        "Lorem `<inline code snippet>` ipsum.\n</div>\n```markdown\nLorem `<inline code snippet>` ipsum.\n```\n\n"
        '<details markdown="block">\n<summary>List</summary>\n\nInside a `<details>` dropdown.\n\n</details>\n'
    )
    write(tmp_path / "j", {"_config.yml": "title: x\n", "docs/a.md": "---\ntitle: a\n---\n\n" + body})
    goldmark = "---\ntitle: a\n---\n\n" + body.split("\n\n")[0] + "\n</div>\n"
    write(tmp_path / "h", {"hugo.toml": "", "content/a.md": goldmark})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL701,PL702,PL710", "j", "h")
    assert found == [("h/content/a.md", "PL710", 6, 1)]


def test_a_headline_after_a_sections_label_is_no_title_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # RTHK filed one story under two labels: the shared "tail" is the headline, longer than what stands before it.
    story = "---\ntitle: {}｜港隊場地自行車女子麥迪遜賽奪金 鐵三混合接力摘銀\n---\n\n港隊奪金。\n"
    outlet = "---\ntitle: 港口貨櫃量連續三個月回升 {}｜香港電台\n---\n\n貨櫃量回升。\n"
    write(tmp_path, {"_config.yml": "title: x\n", "_posts/2025-11-16-a.md": story.format("十五運快訊")})
    write(tmp_path, {"_posts/2025-11-16-b.md": story.format("十五運會")})
    write(tmp_path, {"_posts/2025-11-17-c.md": outlet.format("一"), "_posts/2025-11-17-d.md": outlet.format("二")})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL808", ".")
    assert found == [("_posts/2025-11-17-c.md", "PL808", 2, 8), ("_posts/2025-11-17-d.md", "PL808", 2, 8)]


@pytest.mark.parametrize(
    ("site", "post", "expected"),
    [
        ({"hugo.toml": ""}, "content/a.md", [("content/a.md", "PL710", 6, 1), ("content/a.md", "PL710", 8, 30)]),
        ({"_config.yml": "title: x\n"}, "_posts/2024-01-02-a.md", []),
    ],
)
def test_typographic_title_quotes_and_kramdown_attributes_are_text_to_commonmark(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    site: dict[str, str],
    post: str,
    expected: list[tuple[str, str, int, int]],
) -> None:
    """Round 7: `![x](/a.png “title”)` (no title in straight quotes: the space ends the address) and kramdown's
    `{:target="_blank"}` are shown as typed by CommonMark renderers; kramdown reads the attribute list, and a
    title in straight quotes or a Goldmark heading id is read everywhere."""
    text = (
        "---\ntitle: t\ndate: 2024-01-02\n---\n\n"
        "![拓扑](/images/diagram.png “家里的网络”)\n\n"
        '[Hugo 文档](https://gohugo.io/){:target="_blank"}\n\n'
        '![拓扑](/images/diagram.png "家里的网络")\n\n'
        "## 文档 {#docs}\n"
    )
    write(tmp_path, {**site, post: text})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL710", ".")
    assert found == expected


@pytest.mark.parametrize(
    ("site", "post", "call", "expected"),
    [
        ({"config.toml": 'base_url = "https://x.org"\n'}, "content/a.md", "{{< youtube dQw4w9WgXcQ >}}", True),
        ({"config.toml": 'base_url = "https://x.org"\n'}, "content/a.md", '{{ youtube(id="dQw4w9WgXcQ") }}', False),
        ({"hugo.toml": ""}, "content/a.md", '{{ youtube(id="dQw4w9WgXcQ") }}', True),
        ({"hugo.toml": ""}, "content/a.md", '{{% include "/_common/note.md" %}}', False),
        ({"hugo.toml": ""}, "content/a.md", "{% include figure.html %}", True),
        ({"_config.yml": "title: x\n"}, "_posts/2024-01-02-a.md", '{% set cover = "/img/c.jpg" %}', True),
        ({"_config.yml": "title: x\n"}, "_posts/2024-01-02-a.md", '{% assign cover = "/img/c.jpg" %}', False),
        ({"_config.yml": "title: x\n"}, "_posts/2024-01-02-a.md", "{{< youtube dQw4w9WgXcQ >}}", True),
    ],
)
def test_another_generators_template_call_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site: dict[str, str], post: str, call: str, expected: bool
) -> None:
    """Round 7: a Hugo shortcode on Zola or Jekyll, a Zola shortcode or a Liquid tag on Hugo, a Nunjucks tag on
    Jekyll: the site does not run the call. The site's own calls, and any call in a code block, are left alone."""
    front = (
        '+++\ntitle = "t"\ndate = 2024-01-02\n+++\n\n'
        if "config.toml" in site
        else "---\ntitle: t\ndate: 2024-01-02\n---\n\n"
    )
    text = front + "The talk:\n\n" + call + "\n\n```\n" + call + "\n```\n"
    write(tmp_path, {**site, post: text})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", ".")
    assert found == ([(post, "PL709", 8, 1)] if expected else [])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{{< highlight bash >}}\nsudo apt install nginx\n", [("content/a.md", "PL709", 6, 1)]),
        ("{{< highlight bash >}}\nsudo apt install nginx\n{{< /highlight >}}\n", []),
        ("{{< notice warning />}}\n\n```\n{{< highlight go >}}\n```\n", []),
        ("{{< tabs >}}\n{{< tab >}}\nA\n{{< /tab >}}\n", [("content/a.md", "PL709", 6, 1)]),
    ],
)
def test_a_wrapping_hugo_shortcode_never_closed_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, expected: list[tuple[str, str, int, int]]
) -> None:
    """Round 7: Hugo 0.111 fails with "shortcode "highlight" must be closed or self-closed"; a closed pair, a
    self-closed call and an example in a code block build."""
    write(tmp_path, {"hugo.toml": "", "content/a.md": "---\ntitle: t\ndate: 2024-01-02\n---\n\n" + body})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", ".")
    assert found == expected


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('{% include youtube.html id="" %}', True),
        ('{% include youtube.html id="tA9y0wL6ZZc" %}', False),
        ("{% include figure.html %}", False),
        ('{% vimeo "" %}', True),
    ],
)
def test_an_embed_include_that_names_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, expected: bool
) -> None:
    """Round 7: a Jekyll include (or a Liquid shortcode) named after the platform it embeds, with no id."""
    post = "_posts/2024-01-02-a.md"
    write(tmp_path, {"_config.yml": "title: x\n", post: "---\ntitle: t\n---\n\nThe talk:\n\n" + call + "\n"})
    _, found, _ = check(tmp_path, monkeypatch, "--select", "PL709", ".")
    assert found == ([(post, "PL709", 7, 1)] if expected else [])
