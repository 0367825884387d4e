"""Recall on the forms a second hand-read sample of real posts held (issue 22): each test is one class of defect
in the shapes archives write it, and the look-alikes that must stay quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import LintText, codes

HEAD = "---\nlayout: post\ntitle: '527 胡温的政治遗产|邓聿文'\ndate: 2020-11-10 16:14:38 +00:00\n---\n"


# PL709 content-lost: an article reduced to its headline, or to nothing.
@pytest.mark.parametrize(
    ("name", "body", "where"),
    [
        ("post.html", "\n527 胡温的政治遗产|邓聿文\n", (7, 1)),
        ("post.md", "\n## 527 胡温的政治遗产 | 邓聿文\n", (7, 1)),
    ],
)
def test_a_body_that_is_only_the_title_is_lost(
    lint_text: LintText, name: str, body: str, where: tuple[int, int]
) -> None:
    found = lint_text(HEAD + body, name=name, select=["PL709"])
    assert codes(found) == [("PL709", *where)]
    assert "only its title again" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        HEAD + "\n527 胡温的政治遗产|邓聿文：一个时代的结束。\n",  # the title and more
        HEAD + "\n\n",  # an empty post: a stub, a redirect, a landing page
        "---\nlayout: default\ntitle: 端传媒\n---\n",  # an empty landing page
        "---\ntitle: Array categories in YAML\n---\n\nBest *post* ever\n",
        # A page the generator fills: hugoDocs' glossary is `{{% glossary %}}` under the title "Glossary".
        "---\ntitle: Glossary\n---\n\n{{% glossary %}}\n",
        "---\ntitle: Glossary\n---\n\n{{< glossary >}}\n",
        "---\ntitle: Tags\n---\n\n{% include tags.html %}\n",
    ],
)
def test_short_bodies_and_empty_pages_are_not_lost_articles(lint_text: LintText, text: str) -> None:
    assert lint_text(text, name="post.html", select=["PL709"]) == []


# PL709 content-lost: captions and credits of pictures the importer dropped.
def test_credits_without_their_picture_are_lost_pictures(lint_text: LintText) -> None:
    body = (
        "\n<p>矽谷一夜淨空。</p>\n<p>在後院工作的日子   圖片來源 ： 鱸魚</p>\n"
        "<p>Image credit: Altaf Qadri/AP</p>\n<p>The second day began.</p>\n"
        '<p><img src="https://e.example/a.jpg" alt="A desk"></p>\n<p>在遠端工作的日子   圖片來源 ： 鱸魚</p>\n'
        '<div><img src="https://e.example/b.jpg" alt="A lake"><div><small>太浩湖 圖片來源：Zillow</small></div></div>\n'
    )
    found = lint_text(HEAD + body, name="post.html", select=["PL709"])
    assert codes(found) == [("PL709", 8, 1), ("PL709", 9, 1)]
    assert "'在後院工作的日子 圖片來源 ： 鱸魚' is a picture's caption" in found[0].message


# PL308 image-empty-alt-on-content: a figure's picture or the lead picture is content even without a caption.
def test_empty_alt_on_a_figure_or_lead_picture_is_content(lint_text: LintText) -> None:
    body = (
        '\n<div class="mainpic"><img  src="https://e.example/a.jpg" alt=""></div>\n'
        '<figure class="image"><a href="https://e.example/x"><img src="https://e.example/b.jpg" alt></a></figure>\n'
        '<div class="share"><img src="https://e.example/rss.png" alt=""></div>\n'
        '<a href="https://e.example/y"><figure><img src="https://e.example/c.jpg" alt=""></figure></a>\n'
    )
    found = lint_text(HEAD + body, name="post.html", select=["PL308"])
    assert codes(found) == [("PL308", 7, 22), ("PL308", 8, 53)]
    assert "lead picture" in found[0].message and "a figure's picture" in found[1].message


# PL307 image-alt-is-filename: placeholders, numbered or not, numbers and punctuation say nothing.
@pytest.mark.parametrize("alt", ["image01", "screenshot-3", "图片2", "1", "01", "。", "，"])
def test_placeholder_alt_texts_are_reported(lint_text: LintText, alt: str) -> None:
    found = lint_text(HEAD + f"\n![{alt}](https://e.example/a.jpg)\n", select=["PL307"])
    assert codes(found) == [("PL307", 7, 1)]


@pytest.mark.parametrize("alt", ["1984", "Figure 1: the harbour", "😉", "image of the harbour at dawn", "G7"])
def test_alt_texts_that_say_something_are_left_alone(lint_text: LintText, alt: str) -> None:
    assert lint_text(HEAD + f"\n![{alt}](https://e.example/a.jpg)\n", select=["PL307"]) == []


# PL804 link-empty: a mistyped scheme leads nowhere; real schemes and defanged URLs are left alone.
@pytest.mark.parametrize(
    "target", ["ttps://github.com/a/b", "htps://e.example/x", "http//e.example/x", "https：//e.example"]
)
def test_mistyped_schemes_lead_nowhere(lint_text: LintText, target: str) -> None:
    found = lint_text(HEAD + f"\nSee [the PR]({target}).\n", select=["PL804"])
    assert codes(found) == [("PL804", 7, 5)] and "mistyped scheme" in found[0].message


@pytest.mark.parametrize(
    "target", ["ftp://ftp.e.example/pub", "hxxp://evil.example/x", "https://e.example", "//e.example/x"]
)
def test_real_and_defanged_schemes_are_left_alone(lint_text: LintText, target: str) -> None:
    assert lint_text(HEAD + f"\nSee [the file]({target}).\n", select=["PL804"]) == []


# PL605 link-tracking-parameters, on by default: share parameters, not embed codes or required ones.
def test_wechat_share_parameters_are_tracking_and_the_fix_keeps_the_rest_as_written(lint_text: LintText) -> None:
    url = "https://mp.weixin.qq.com/s?__biz=MzA5=&mid=26&idx=1&sn=fb0&scene=0&clicktime=154&pass_ticket=tx%2BK"
    found = lint_text(HEAD + f"\n原文来自：[亲历]({url})\n")
    assert [c for c in codes(found) if c[0] == "PL605"] == [("PL605", 7, 6)]


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://mp.weixin.qq.com/s?__biz=MzA5=&mid=26&idx=1&sn=fb0&scene=21">原文</a>',
        '<a href="https://twitter.com/desk/status/1?ref_src=twsrc%5Etfw&ref_url=https%3A%2F%2Fe.example">July 8</a>',
        '<a href="https://unsplash.com/@jane?utm_source=river&utm_medium=referral">Jane Doe</a>',
        '<nav><a href="/world/?utm_source=nav-footer">World</a></nav>',
    ],
)
def test_embed_codes_required_parameters_and_menus_are_not_reported(lint_text: LintText, link: str) -> None:
    assert lint_text(HEAD + f"\n<p>{link}</p>\n", name="post.html", select=["PL605"]) == []


# PL804 link-empty: a path on the outlet's site, copied into an HTML post imported from it.
def test_outlet_relative_links_in_imported_html_lead_nowhere(lint_text: LintText) -> None:
    head = "---\nlayout: post\ntitle: 'Stocks'\ndate: 2020-04-03 18:00:00 +08:00\ncategories: reuters\n---\n"
    body = (
        '\n<p>The <a href="/investing/markets/index?symbol=.SSEC">index</a> fell.</p>\n'
        '<nav><a href="/world/">World</a></nav>\n<p><a href="//www.reuters.com/x">x</a> <a href="#top">top</a></p>\n'
    )
    found = lint_text(head + body, name="post.html", select=["PL804"])
    assert codes(found) == [("PL804", 8, 11)]
    assert "a path on reuters.com" in found[0].message


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("post.html", "---\nlayout: post\ntitle: About\n---\n"),  # no outlet: the site's own page
        ("post.md", "---\nlayout: post\ntitle: S\ncategories: reuters\n---\n"),  # Markdown: the site's own
    ],
)
def test_root_paths_of_the_site_itself_are_left_alone(lint_text: LintText, name: str, head: str) -> None:
    assert lint_text(head + '\n<p><a href="/about/">About</a></p>\n', name=name, select=["PL804"]) == []


# PL710 markdown-shown-as-text: bold markers in an HTML post; PL502: RFI's inline related-links lines.
def test_bold_markers_in_an_html_post_are_shown_as_typed(lint_text: LintText) -> None:
    body = "\n<p>** 鸽派叛乱？**</p><p>Rates held **steady** today.</p><pre>**x**</pre>\n"
    found = lint_text(HEAD + body, name="post.html", select=["PL710"])
    assert codes(found) == [("PL710", 7, 4)] and "shown as typed" in found[0].message


def test_bold_around_a_link_closes_after_the_link_on_a_commonmark_site(tmp_path: Path) -> None:
    """On a Zola (CommonMark) site, `**[text](url)**` is bold: the closing `**` follows the link's `)`. The
    link target was blanked to spaces before the flanking test, so the closer seemed to follow a space and
    the Rust blog had 13 false findings; an opener with no closer is still reported."""
    from click.testing import CliRunner

    from postlint.cli.main import main

    (tmp_path / "config.toml").write_text('base_url = "https://blog.example.org"\n', encoding="utf-8")
    (tmp_path / "content").mkdir()
    head = '+++\ntitle = "Reach"\n+++\n\n'
    (tmp_path / "content" / "a.md").write_text(
        head + "**[Apply via this form by July 18!](https://forms.example.com/d/e/1FA_XE/viewform)** (when the"
        " day is over).\n\n**Bold** and [a link](https://example.com/x) and **an opener with no closer\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--isolated", "--select", "PL710", "--format", "json", str(tmp_path)]
    )
    found = [(f["line"], f["column"]) for f in json.loads(result.output)["findings"]]
    assert found == [(7, 50)], result.output


def test_rfi_related_link_lines_are_boilerplate(lint_text: LintText) -> None:
    head = "---\nlayout: post\ntitle: 'Lebanon'\ndate: 2020-09-28 04:56:47 +08:00\ncategories: rfi\n---\n"
    body = (
        '\n<p>Talks failed on Saturday.</p>\n<p><strong><a href="https://www.rfi.fr/tw/a">之前相关报道</a> / '
        '<a href="https://www.rfi.fr/cn/b">美国中东反贪</a></strong></p>\n<p>其它问题 / 下周再谈。</p>\n'
    )
    found = lint_text(head + body, name="post.html", select=["PL502"])
    assert codes(found) == [("PL502", 9, 1)]


# PL401/PL810: a text block beside a figure in a layout grid is its caption.
def test_a_caption_block_beside_the_figure_counts_as_its_caption(lint_text: LintText) -> None:
    captioned = '<figure><img src="https://e.example/a.jpg" alt="A"><figcaption>Boats.</figcaption></figure>\n'
    grid = (
        '<div class="col"><div class="image"><figure><img src="https://e.example/b.png"></figure></div>'
        '<div class="text"><p>大陸教科書指，俄國十月革命的成功是背景。</p></div></div>\n'
    )
    bare = '<div><figure><img src="https://e.example/c.png"></figure></div><p>Next paragraph.</p>\n'
    found = lint_text(HEAD + captioned * 2 + grid + bare, name="post.html", select=["PL401"])
    assert codes(found) == [("PL401", 9, 6)]


# PL105 front-matter-lang-mismatch.
ENGLISH = (
    "The release fixes a denial of service in the resolv gem. It is the last release of the series, and the "
    "maintainers ask users to upgrade to the newest version that is still maintained. "
) * 6


def test_a_declared_language_the_text_is_not_written_in_is_reported(lint_text: LintText) -> None:
    head = "---\nlayout: news_post\ntitle: 'Ruby 1.9.3 p0'\nlang: zh_cn\n---\n"
    found = lint_text(head + "\n" + ENGLISH + "\n", select=["PL105"])
    assert codes(found) == [("PL105", 4, 7)]
    assert found[0].message == "lang 'zh_cn' says Chinese, but the post is written in English"


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        (
            "zh_cn",
            "Ruby 1.9.3 p0 已发布。这是1.9系列最新稳定版本，详见更新日志与新闻的描述。下载位置如下。\n\n" + ENGLISH,
        ),
        ("en", ENGLISH),
        ("es", "Una vulnerabilidad fue descubierta. Actualice la gema."),  # too short to judge
        ("de", "```\n" + ENGLISH + "\n```\nDie neue Version ist da."),  # code is not prose
        ("tlh", ENGLISH),  # a language it does not know
    ],
)
def test_matching_short_mixed_or_unknown_texts_are_left_alone(lint_text: LintText, lang: str, body: str) -> None:
    head = f"---\nlayout: news_post\ntitle: 'Release'\nlang: {lang}\n---\n"
    assert lint_text(head + "\n" + body + "\n", select=["PL105"]) == []
