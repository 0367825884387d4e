"""Recall on the forms a fourth hand-read sample of real posts held (issue 22, session 7): each test is one class of
defect in the shapes archives write it, and the look-alikes that must stay quiet."""

from __future__ import annotations

import pytest
from conftest import LintText, codes

HEAD = "---\nlayout: post\ntitle: '中印防长会谈'\ndate: 2020-09-05 19:46:44 +08:00\ncategories: bbc\n---\n"


# PL506 screen-reader-text-shown: BBC's off-screen labels, shown on a site without BBC's CSS.
def test_off_screen_labels_of_captions_and_embeds_show(lint_text: LintText) -> None:
    body = (
        '\n<div class="media-landscape has-caption">\n<span class="image-and-copyright-container">\n'
        '<img src="https://ichef.example/a.jpg">\n<span class="off-screen">图片版权</span>\n'
        '<span class="story-image-copyright">EPA</span>\n</span>\n<figcaption class="media-caption">\n'
        '<span class="off-screen">Image caption</span>\n<span class="media-caption__text">印度军车</span>\n'
        '</figcaption>\n</div>\n<div class="social-embed">\n'
        '<a class="off-screen jump-link" href="#end">跳过 Twitter 帖子 用户名 @DefenceMinIndia</a>\n'
        '<blockquote class="twitter-tweet"><p>Meeting in Moscow.</p></blockquote>\n'
        '<p class="off-screen" id="end" tabindex="-1">结尾 Twitter 帖子 用户名 @DefenceMinIndia</p>\n</div>\n'
    )
    found = lint_text(HEAD + body, name="post.html", select=["PL506"])
    assert codes(found) == [("PL506", 15, 1), ("PL506", 20, 1), ("PL506", 22, 1)]
    assert "'Image caption' is text the source site hid for screen readers" in found[0].message


@pytest.mark.parametrize(
    "body",
    [
        '<span class="off-screen">图片版权</span> EPA',  # shown, a credit line
        '<span class="off-screen">Image copyright</span> Getty Images',
        '<span class="off-screen"></span>',  # nothing to show
        '<span class="off-screenshot">Image caption</span>',  # another class
        '<pre>&lt;span class="sr-only"&gt;Skip&lt;/span&gt;</pre>',
    ],
)
def test_hidden_credits_empty_labels_and_other_classes_are_left_alone(lint_text: LintText, body: str) -> None:
    assert lint_text(HEAD + f"\n<p>{body}</p>\n", name="post.html", select=["PL506"]) == []


def test_a_theme_that_hides_sr_only_takes_it_out_of_the_classes(lint_text: LintText) -> None:
    text = HEAD + '\n<p>Read more <span class="sr-only">about the talks</span></p>\n'
    assert codes(lint_text(text, name="post.html", select=["PL506"])) == [("PL506", 8, 14)]
    config = {"rules": {"PL506": {"classes": ["off-screen"]}}}
    assert lint_text(text, name="post.html", select=["PL506"], config=config) == []


# PL804 link-empty: DW's in-text links to related stories point at its data API, not at a page.
def test_links_to_the_outlets_data_api_are_no_pages(lint_text: LintText) -> None:
    head = "---\nlayout: post\ntitle: '蓬佩奥'\ndate: 2020-09-25 18:53:36 +08:00\ncategories: dw\n---\n"
    body = (
        '\n<p>对此中国方面予以否认。<a href="https://api.dw.com/api/detail/article/55015378" rel="ArticleRef">'
        "延伸阅读：纽约警官被控为中国进行监视活动</a></p>\n"
        '<p><a href="https://api.github.com/repos/x/y">GitHub API</a> <a href="https://www.dw.com/zh/a-1">DW</a></p>\n'
    )
    found = lint_text(head + body, name="post.html", select=["PL804"])
    assert codes(found) == [("PL804", 8, 18)]
    assert "an address on api.dw.com, the data API of the outlet" in found[0].message
    # The site's own Markdown post may link an API on purpose.
    assert lint_text(head + body, name="post.md", select=["PL804"]) == []


# PL710 markdown-shown-as-text: an HTML post written as plain-text paragraphs (an RSS importer's news0 posts).
def test_plain_text_paragraphs_in_an_html_post_run_together(lint_text: LintText) -> None:
    head = "---\r\nlayout: post\r\ntitle: '08年天水圍地盤工疑遭圍毆亡'\r\n---\r\n"
    body = "\r\n一名25歲地盤工人懷疑被圍毆致死。\r\n\r\n辯方大律師求情。\r\n  \r\n控罪指兩名被告謀殺。\r\n"
    found = lint_text(head + body, name="post.html", select=["PL710"])
    assert [(f.code, f.line, f.column, f.end_line, f.end_column) for f in found] == [("PL710", 6, 1, 6, 18)]
    assert found[0].message.startswith("3 paragraphs separated only by blank lines run together")
    # The same text as Markdown is three paragraphs.
    assert lint_text(head + body, name="post.md", select=["PL710"]) == []


@pytest.mark.parametrize(
    "body",
    [
        "\n<p>一段。</p>\n\n<p>二段。</p>\n",  # paragraphs in <p>
        "\n\n只有一段。\n\n",  # blank lines around the only piece of text
        "\n<p>图为会场。\n\n\n(中野智明)</p>\n",  # the outlet's layout inside its own element
        "\n<pre>line one\n\nline two</pre>\n",
        "\n<script>var a = 1;\n\nvar b = 2;</script>\n",
        "\n<!-- note\n\nmore -->\n",
    ],
)
def test_html_paragraphs_and_layout_blank_lines_are_left_alone(lint_text: LintText, body: str) -> None:
    assert lint_text(HEAD + body, name="post.html", select=["PL710"]) == []


# PL709 content-lost: Vocus dropped the photos and kept their credits, in English forms too.
def test_english_credits_of_dropped_photos_are_lost_pictures(lint_text: LintText) -> None:
    body = (
        '\n<p>（Credit: <a href="https://unsplash.com/photos/msDnApKJa-o">Joseph Chan</a> @Unsplash）</p>\n'
        "<p>其實不論香港民主派，或者是臺灣的統派。</p>\n<p>Photo by Luke Pamer on Unsplash</p>\n"
        "<p>印度總理莫迪。<br>\nCredit: GovernmentZA @flickr CC BY 2.0</p>\n<p>電影《三夫》劇照</p>\n"
    )
    found = lint_text(HEAD + body, name="post.html", select=["PL709"])
    assert codes(found) == [("PL709", 8, 1), ("PL709", 10, 1), ("PL709", 11, 1), ("PL709", 13, 1)]
    assert "'（Credit: Joseph Chan @Unsplash）' is a picture's caption or credit" in found[0].message


@pytest.mark.parametrize(
    "body",
    [
        '<p><img src="https://e.example/a.jpg" alt="A pier"></p>\n<p>Photo by Jane Doe on Unsplash</p>',
        '<div class="media"><img src="https://e.example/a.jpg"><figcaption><span class="off-screen">Image caption'
        "</span><span>春节人潮少很多（Credit: BBC）</span></figcaption></div>",
        "<p>Credit where it is due: the volunteers who ran the count on the night of the vote.</p>",
        "<p>導演在訪問中談到拍攝期間的種種困難，也談到那一組劇照。</p>",  # prose, not a caption
        "<p><small>绘制插图原照片由新经典文化提供。摄影：Shelby Graham</small></p>",  # a note on the header art
    ],
)
def test_credits_beside_their_picture_and_prose_are_left_alone(lint_text: LintText, body: str) -> None:
    assert lint_text(HEAD + f"\n{body}\n", name="post.html", select=["PL709"]) == []


# PL710: a numeric reference in inline code is printed as typed (Hugo's release notes, Go's escaper).
def test_numeric_references_in_inline_code_are_shown_as_typed(lint_text: LintText) -> None:
    head = "---\ntitle: Hugo 0.22\ndate: 2017-06-12\n---\n"
    body = "\n* Respect `disableKinds=[&#34;sitemap&#34;]` [69d92dc4](https://github.com/x/y/commit/69d92dc4)\n"
    found = lint_text(head + body, select=["PL710"])
    assert [(f.line, f.column, f.end_column) for f in found] == [(6, 26, 31)]
    assert "'&#34;' in inline code is shown as typed, not as '\"'" in found[0].message
    # Outside code the reference is decoded; a span that shows only a reference is about references.
    quiet = "\nAdd test for &#34;no 404&#34; in `sitemap`; write `&#39;` or `&amp;` in attributes.\n"
    assert lint_text(head + quiet, select=["PL710"]) == []


def test_a_code_span_after_a_link_does_not_hide_the_links_markers(lint_text: LintText) -> None:
    # Links carry offsets in the file and code regions offsets in the body: compared as such, a code span further
    # down the body hid a lone asterisk opening an earlier link's text.
    head = "---\ntitle: Help\n---\n"
    body = "\nJump ahead to [*How can I help?](#how-can-i-help).\n\nRun `make` first.\n"
    assert codes(lint_text(head + body, select=["PL710"])) == [("PL710", 5, 16)]


# PL709 content-lost: Initium wrote its players' captions inside the <video>, where only old browsers show them.
def test_a_caption_inside_a_player_is_never_shown(lint_text: LintText) -> None:
    body = (
        '\n<figure>\n<video src="https://e.example/trailer.mp4" controls>\n<img src="https://e.example/poster.png">\n'
        '<p class="caption">《月亮喜欢蓝》官方中文预告片。<span class="credit">影片来源：安乐影片提供</span></p>'
        '</video></figure>\n<figure><audio src="https://e.example/poem.mp3" controls></audio>\n'
        "<figcaption>蒙古语朗诵的诗歌</figcaption></figure>\n"
        '<video src="https://e.example/live.mp4" controls>你的瀏覽器不支持 HTML5 視頻</video>\n'
    )
    found = lint_text(HEAD + body, name="post.html", select=["PL709"])
    assert codes(found) == [("PL709", 11, 1)]
    assert "the caption '《月亮喜欢蓝》官方中文预告片。影片来源：安乐影片提供' stands inside" in found[0].message
