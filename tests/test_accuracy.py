"""Precision and recall on the forms real archives use: captions, credits, attribution, boilerplate, dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LintText, codes, make_engine

HEAD = "---\nlayout: post\ntitle: 'Harbour fire'\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
CAPTIONED = '<figure><img src="https://e.example/a.jpg" alt=""><figcaption>Boats at the pier.</figcaption></figure>\n'


# PL401 figure-missing-caption: only where captions are expected.
def test_bare_figure_among_captioned_ones_is_reported(lint_text: LintText) -> None:
    text = HEAD + CAPTIONED + '\n<figure><img src="https://e.example/b.jpg"></figure>\n'
    assert [c for c in codes(lint_text(text, select=["PL401"]))] == [("PL401", 8, 1)]


def test_a_blog_whose_figures_are_all_bare_is_left_alone(lint_text: LintText) -> None:
    bare = '<figure><img src="https://e.example/b.jpg"></figure>\n'
    assert lint_text(HEAD + bare * 3, select=["PL401"]) == []


def test_always_reports_every_bare_figure(lint_text: LintText) -> None:
    bare = '<figure><img src="https://e.example/b.jpg" alt="A boat"></figure>\n'
    config = {"rules": {"figure-missing-caption": {"expect-captions": "always"}}}
    found = lint_text(HEAD + bare * 2, select=["PL401"], config=config)
    assert codes(found) == [("PL401", 6, 1), ("PL401", 7, 1)]
    assert "required by the config" in found[0].message


@pytest.mark.parametrize(
    "figure",
    [
        # A video whose <img> is fallback content, captioned by a p.caption inside.
        '<figure><video src="https://e.example/v.mp4"><img src="https://e.example/p.jpg"></video>'
        '<p class="caption">Smoke over the pier.</p></figure>',
        # The caption follows </figure>: figcaption-outside-figure reports that, once.
        '<figure><img src="https://e.example/b.jpg"></figure><figcaption>Smoke over the pier.</figcaption>',
        # A teaser tile of another story.
        '<a href="https://e.example/other"><figure><img src="https://e.example/t.jpg"></figure></a>',
    ],
)
def test_caption_forms_and_tiles_are_not_missing_captions(lint_text: LintText, figure: str) -> None:
    assert lint_text(HEAD + CAPTIONED + figure + "\n", select=["PL401"]) == []


# PL308 image-empty-alt-on-content: a credit is not a description.
@pytest.mark.parametrize(
    "caption",
    [
        "图：受访者提供",
        "Photo: Reuters",
        "（路透社）",
        "Getty Images",
        "图片版权 Getty Images",
        "插画：Rosa Lee",
        "设计、制图：端传媒设计部",
        "香港舞蹈团提供",
        "AP Photo/Evan Vucci",
        "写真：共同社",
    ],
)
def test_credit_only_captions_are_not_offered_as_alt(tmp_path: Path, caption: str) -> None:
    text = HEAD + f'<figure><img src="https://e.example/a.jpg" alt=""><figcaption>{caption}</figcaption></figure>\n'
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    engine = make_engine(start=tmp_path, select=["PL308"])
    found = engine.lint_file(path, "post.md")
    assert codes(found) == [("PL308", 6, 9)]
    assert "only credits the picture" in found[0].message and not found[0].fixable
    assert engine.fix_file(path, "post.md", unsafe=True).fixed == {}
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("caption", "alt"),
    [
        ("马里总统阿西米·戈伊塔 (路透社)", "马里总统阿西米·戈伊塔"),
        ("Smoke over the pier (Getty Images)", "Smoke over the pier"),
        ("资料图片：一名工人路过码头。REUTERS/William Hong", "资料图片：一名工人路过码头。"),
        ("Images of the flood", "Images of the flood"),
        ("Photo: A man walks past a burned car in Kabul", "Photo: A man walks past a burned car in Kabul"),
    ],
)
def test_the_fix_keeps_the_description_and_drops_the_credit(tmp_path: Path, caption: str, alt: str) -> None:
    text = HEAD + f'<figure><img src="https://e.example/a.jpg" alt=""><figcaption>{caption}</figcaption></figure>\n'
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    engine = make_engine(start=tmp_path, select=["PL308"])
    assert engine.fix_file(path, "post.md", unsafe=True).fixed == {"PL308": 1}
    assert f'alt="{alt}"' in path.read_text(encoding="utf-8")


# PL602 source-link-mismatch: attribution is a place and a role, not any link with the right words.
SOURCE_HEAD = '---\ntitle: "Bridge opens"\nlink: https://news.example.com/a/1\n---\n'
PROSE = "The council voted on Monday after a long debate about the costs and the traffic on the old crossing. " * 4


@pytest.mark.parametrize(
    "body",
    [
        # The title as a link in prose, at the top and in the middle.
        "Hugo 0.71 brings [Bridge opens](https://docs.example.org/bridge), a set of fixes and more.\n",
        PROSE + "\n\nSee [Bridge opens](https://docs.example.org/bridge) for the details.\n\n" + PROSE + "\n",
        # A label word inside prose.
        "As I wrote in my [original blog post](https://me.example.net/old), the bridge was late.\n",
        "See the [original RFC](https://github.com/example/rfcs/pull/1) for naked bridges.\n",
        # A photo credit and a line of several sources.
        PROSE + '\n\n<p>Image source：<a href="https://photos.example.org/1">The Reporter</a></p>\n',
        PROSE
        + '\n\n<p>来源：<a href="https://a.example.cn/1">人大网</a>、<a href="https://b.example.cn/2">政府网</a></p>\n',
    ],
)
def test_links_with_the_right_words_elsewhere_are_not_attribution(lint_text: LintText, body: str) -> None:
    assert lint_text(SOURCE_HEAD + body, select=["PL602", "PL603"]) == []


@pytest.mark.parametrize(
    ("body", "where"),
    [
        # The label stands outside the anchor, at the foot.
        (
            PROSE
            + '\n\n<p>原文链接：<a href="https://elsewhere.example.org/x">https://elsewhere.example.org/x</a></p>\n',
            (7, 9),
        ),
        (PROSE + '\n\nSource: <a href="https://elsewhere.example.org/x">Reuters</a>\n', (7, 9)),
        # A Markdown source line at the top.
        ("Source: [Reuters](https://elsewhere.example.org/x)\n\n" + PROSE + "\n", (5, 9)),
        # The importer's "原文来自「X」：[title](url)" line.
        ("原文来自「记者站」：~~[Bridge opens](https://elsewhere.example.org/x)~~\n\n" + PROSE + "\n", (5, 13)),
        # A labelled link at the top.
        ('<p><a href="https://elsewhere.example.org/x">原文</a>於2016.03.22刊登</p>\n' + PROSE + "\n", (5, 4)),
    ],
)
def test_source_lines_at_the_top_or_the_foot_are_attribution(
    lint_text: LintText, body: str, where: tuple[int, int]
) -> None:
    found = lint_text(SOURCE_HEAD + body, name="post.md", select=["PL602"])
    assert codes(found) == [("PL602", *where)]
    assert "https://elsewhere.example.org/x" in found[0].message


# PL601 source-url-invalid: a slug with spaces works in browsers (info); a broken URL stays a warning.
def test_space_in_a_slug_is_info_and_a_broken_url_a_warning(lint_text: LintText) -> None:
    spaced = "---\ntitle: x\nlink: https://www.example.com/zh/标题 副标题/a-1\n---\nText.\n"
    found = lint_text(spaced, select=["PL601"])
    assert [(f.code, f.line, f.column, f.severity.value) for f in found] == [("PL601", 3, 7, "info")]
    assert "browsers encode it" in found[0].message
    # An unclosed IPv6 bracket, with or without a space, is a URL nobody can parse (the fuzzer's crash).
    for broken in ("https://www.exa mple.com/a", "www.example.com/a b", "https://nohost/a b", "http://a.example [x/"):
        found = lint_text(f"---\ntitle: x\nlink: {broken}\n---\nText.\n", select=["PL601"])
        assert [(f.code, f.severity.value) for f in found] == [("PL601", "warning")], broken


def test_a_line_break_in_a_source_url_is_shown_escaped(lint_text: LintText) -> None:
    import io

    from postlint.api import Severity
    from postlint.core.results import RunResult
    from postlint.reporters import ReportOptions, get_reporter

    found = lint_text('---\ntitle: x\nlink: "https://www.example.com/a\\n/b"\n---\nText.\n', select=["PL601"])
    assert codes(found) == [("PL601", 3, 7)]
    # The rule quotes the value as written; the terminal shows the line break escaped, on one line.
    assert "a\n/b" in found[0].message
    out = io.StringIO()
    get_reporter("text")(RunResult(found, 1, [], Severity.WARNING), out, ReportOptions())
    [line] = [text for text in out.getvalue().splitlines() if "PL601" in text]
    assert "a\\n/b" in line


# PL301 image-missing-src: a Markdown image with an empty destination, in every spelling.
def test_markdown_images_with_an_empty_destination(lint_text: LintText) -> None:
    body = '![a photo]()\n\n![x](<>)\n\nText ![y]( ) and ![z](<> "t").\n\n![ref][empty]\n\n[empty]: <>\n'
    found = lint_text("---\ntitle: x\n---\n" + body, select=["PL301"])
    assert codes(found) == [("PL301", 4, 1), ("PL301", 6, 1), ("PL301", 8, 6), ("PL301", 8, 18), ("PL301", 10, 1)]


# PL502 outlet-boilerplate: text patterns, the whole block a fix would remove.
def test_boilerplate_text_spans_the_block_a_fix_would_remove(lint_text: LintText) -> None:
    body = (
        "<p>The port opens.</p>\n"
        "<p><em>© 2025</em><em>年德国之声版权声明：本文所有内容受到著作权法保护。</em></p>\n"
        "<h3>相关阅读</h3>\n"
        '<ul><li><a href="https://e.example/1">旧港区</a></li>\n<li><a href="https://e.example/2">新码头</a></li></ul>\n'
        "<p>The port has three berths.</p>\n"
    )
    found = lint_text(HEAD + body, select=["PL502"])
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [(7, 1, 7, 57), (8, 1, 10, 52)]
    assert "copyright notice" in found[0].message and "related-stories" in found[1].message


@pytest.mark.parametrize(
    "body",
    [
        # The player's own fallback, shown only when the player cannot run.
        '<video src="https://e.example/v.mp4" controls>Your browser does not support the video tag.</video>\n',
        "<noscript><strong>你的器材不支持播放多媒体材料</strong></noscript>\n",
        # Prose that mentions the words, a heading without a list, a photo credit, code.
        "<p>He said the paper's notice, 未经授权不得转载, was printed under every story he wrote for twenty years,"
        " and that nobody had ever read it, least of all the people who reprinted his work without asking.</p>\n"
        "<p>Last week, as readers of this column know, a court looked at what such notices mean, and the answer"
        " surprised the lawyers on both sides of the case, who had expected a quick ruling.</p>\n",
        "<h2>Related</h2>\n<p>Two other ports are growing too.</p>\n",
        '<figure><img src="https://e.example/a.jpg" alt="A crane"><figcaption>© 2020 AFP</figcaption></figure>\n',
        "```\nCopyright (c) 2016 Example Corp. All rights reserved.\n```\n",
        "    # (C) Copyright 2012 Example. All rights reserved.\n",
    ],
)
def test_boilerplate_words_elsewhere_are_left_alone(lint_text: LintText, body: str) -> None:
    assert lint_text(HEAD + body, select=["PL502"]) == []


def test_packs_from_config_may_hold_text_patterns(lint_text: LintText) -> None:
    pack = {"name": "ours", "kind": "boilerplate", "texts": [{"pattern": "^Thanks for reading", "note": "our footer"}]}
    config = {"rules": {"outlet-boilerplate": {"extra-packs": [pack]}}}
    found = lint_text(HEAD + "Text.\n\nThanks for reading The Harbour Post!\n", config=config, select=["PL502"])
    assert codes(found) == [("PL502", 8, 1)] and "ours: our footer" in found[0].message


def test_an_invalid_text_pattern_is_a_config_error_naming_the_key(tmp_path: Path) -> None:
    from conftest import run_cli

    (tmp_path / "postlint.toml").write_text(
        '[[rules.outlet-boilerplate.extra-packs]]\nname = "x"\nkind = "boilerplate"\ntexts = [{pattern = "(("}]\n'
    )
    (tmp_path / "p.md").write_text(HEAD + "x\n")
    status, _, err = run_cli("check", str(tmp_path / "p.md"), cwd=tmp_path)
    assert status == 2 and "extra-packs" in err and "invalid regular expression" in err


# Ad markup beyond the old packs.
@pytest.mark.parametrize(
    "markup",
    [
        '<amp-ad width="300" height="250" type="adsense" data-ad-client="ca-pub-1"></amp-ad>',
        '<amp-embed type="taboola" layout="responsive" height="100" width="100"></amp-embed>',
        '<amp-sticky-ad layout="nodisplay"><amp-ad type="doubleclick" data-slot="/1/x"></amp-ad></amp-sticky-ad>',
        '<amp-auto-ads type="adsense" data-ad-client="ca-pub-1"></amp-auto-ads>',
        '<div class="unit" data-ad-slot="1234567"></div>',
        '<div id="slot-top" data-google-query-id="CK2x"></div>',
        '<div class="sponsored-content"><p>Brought to you by Example Bank.</p></div>',
    ],
)
def test_amp_and_other_ad_forms_are_ad_remnants(lint_text: LintText, markup: str) -> None:
    found = lint_text(HEAD + "<p>Text.</p>\n" + markup + "\n", select=["PL501"])
    assert codes(found) == [("PL501", 7, 1)]


# PL208 date-relative-frozen: the byline form, not prose.
@pytest.mark.parametrize(
    ("line", "column"),
    [
        ('<p>By Jane Doe · <time datetime="2024-07-08">2 hours ago</time></p>', 18),
        ('<span class="date">昨天 12:30</span>', 1),
        ("<small>3 小時前</small>", 1),
        ('<div class="meta"><span>5分前</span></div>', 19),
        ("<span>Updated 10 minutes ago</span>", 1),
    ],
)
def test_frozen_relative_timestamps_are_reported(lint_text: LintText, line: str, column: int) -> None:
    assert codes(lint_text(HEAD + line + "\n", select=["PL208"])) == [("PL208", 6, column)]


@pytest.mark.parametrize(
    "line",
    [
        "<p>He left two hours ago, and nobody has seen him since.</p>",
        "<p>Yesterday</p>",  # a bare word: only a time element or a timestamp-named one makes it a date
        "<span>刚刚</span>",
        "<pre>3 hours ago</pre>",
        "我三年前来过这里。",
    ],
)
def test_prose_and_bare_words_are_not_timestamps(lint_text: LintText, line: str) -> None:
    assert lint_text(HEAD + line + "\n", select=["PL208"]) == []


# PL301 image-missing-src: browsers show an image from its srcset (or its picture's sources) without a src.
def test_an_image_shown_from_its_srcset_is_not_missing_its_src(lint_text: LintText) -> None:
    head = "---\ntitle: x\n---\n"
    shown = (
        '<p><img srcset="https://i.example/a-640.jpg 640w, https://i.example/a-1280.jpg 1280w" alt="A"></p>\n'
        '<p><img src="" srcset="https://i.example/b.jpg 2x" alt="B"></p>\n'
        '<picture><source srcset="https://i.example/c.webp" type="image/webp"><img alt="C"></picture>\n'
    )
    assert lint_text(head + shown, name="a.html", select=["PL301"]) == []
    lost = '<p><img srcset="" alt="D"></p>\n<p><img srcset=" , " alt="E"></p>\n'
    found = lint_text(head + lost, name="b.html", select=["PL301"])
    assert [(f.code, f.line, f.column) for f in found] == [("PL301", 4, 4), ("PL301", 5, 4)]
