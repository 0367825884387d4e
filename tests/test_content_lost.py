"""PL709 content-lost: embed and player shells, found whatever case their class or id is written in.

The rule walks a post's elements only when a word that names a shell occurs somewhere in its attributes (or
the post has a player): these tests hold what it reports where the walk is needed and where it is not.
"""

from __future__ import annotations

from conftest import LintText, codes

HEAD = "---\ntitle: t\n---\n"
SELECT = {"select": ["PL709"]}


def test_a_shell_named_in_capitals_is_reported(lint_text: LintText) -> None:
    body = '<p>The match, in full:</p>\n<div id="YouTube-Player"></div>\n'
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL709", 5, 1)]


def test_a_class_that_only_holds_a_shell_word_inside_another_word_is_no_shell(lint_text: LintText) -> None:
    body = '<p>Text.</p>\n<div class="videographer-credit"></div>\n<div class="embedded2"></div>\n'
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == []


def test_a_player_without_a_source_is_reported_without_a_class_or_id(lint_text: LintText) -> None:
    body = "<p>Listen:</p>\n\n<audio controls></audio>\n"
    assert codes(lint_text(HEAD + body, "post.md", config=SELECT)) == [("PL709", 6, 1)]


def test_an_embed_that_still_holds_its_text_is_not_reported(lint_text: LintText) -> None:
    body = '<div class="tweet-embed"><blockquote>Words of the tweet.</blockquote></div>\n'
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == []


def test_a_player_whose_only_content_is_its_fallback_text_is_reported(lint_text: LintText) -> None:
    body = '<p>Watch:</p>\n<video controls><source src="" type="video/mp4">Your browser cannot play it.</video>\n'
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL709", 5, 1)]


def test_a_platform_name_counts_only_with_the_piece_it_embeds(lint_text: LintText) -> None:
    body = '<p>Text.</p>\n<div class="fb-video" data-href="x"></div>\n<span class="share facebook"></span>\n'
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL709", 5, 1)]


def test_a_flash_movie_is_lost_even_with_its_address(lint_text: LintText) -> None:
    body = '<p>Text.</p>\n<div><embed src="/media/intro.SWF" width="400"></div>\n'
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL709", 5, 6)]


def test_a_note_for_lost_media_is_reported_and_prose_about_a_removed_video_is_not(lint_text: LintText) -> None:
    body = "Before.\n\n[Video unavailable]\n\n該影片已被刪除，警方表示仍在調查。\n\n（視頻無法播放）\n"
    assert codes(lint_text(HEAD + body, "post.md", config=SELECT)) == [("PL709", 6, 1), ("PL709", 10, 1)]


def test_a_bracketed_word_defined_as_a_reference_link_is_a_link(lint_text: LintText) -> None:
    body = "Before.\n\n[video]\n\n[video]: https://video.example.com/1\n"
    assert codes(lint_text(HEAD + body, "post.md", config=SELECT)) == []


def test_a_credit_in_the_words_bloggers_use_without_its_picture_is_reported(lint_text: LintText) -> None:
    """Vocus and Matters imports drop the picture and keep its credit: "圖片取自網絡/立場新聞", "（图源：路透社）",
    "…圖片取自官網。"."""
    body = (
        "<p>2020年10月3日</p>\n<p>圖片取自網絡/立場新聞</p>\n<p>正文。</p>\n"
        "<p>由 YNAP 代操的線上旗艦店。圖片取自官網。</p>\n<p>正文。</p>\n"
        '<p><img src="/a.jpg" alt="工人"></p>\n<p>工人在碼頭。（图源：路透社）</p>\n'
    )
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL709", 5, 1), ("PL709", 7, 1)]


def test_a_picture_file_name_standing_alone_is_a_lost_picture(lint_text: LintText) -> None:
    body = (
        "<p>正文。</p>\n<p>微信图片_20200909031554.jpg</p>\n<p>正文。</p>\n"
        "<p>c9cd034ec93d26094bfc10f8e458d233.gif</p>\n<p>下載 report.png 一檔。</p>\n"
    )
    found = lint_text(HEAD + body, "post.html", config=SELECT)
    assert codes(found) == [("PL709", 5, 1), ("PL709", 7, 1)]
    assert "file name" in found[0].message


def test_a_note_on_the_cover_picture_is_left_alone_when_the_front_matter_names_one(lint_text: LintText) -> None:
    """term2049 posts end with "**封面图为…[图源：视觉中国]" and show that cover from `image_feature`."""
    body = "正文。\n\n\\*\\*封面图为2018年6月，东莞一家玩具厂。\\[图源：视觉中国\\]\n"
    with_cover = '---\ntitle: t\nimage_feature: "https://i.loli.net/2019/01/24/5c49a0f370a86.jpg"\n---\n'
    assert codes(lint_text(with_cover + body, "post.md", config=SELECT)) == []
    assert codes(lint_text(HEAD + body, "post.md", config=SELECT)) == [("PL709", 6, 1)]


def test_a_title_that_announces_media_the_body_lacks_is_reported_at_its_mark(lint_text: LintText) -> None:
    """Asahi's "(视频)" titles and RFI's "【视频】" over bodies whose player the import dropped; a "（圖）" post without
    an image. A link to the video, or a picture under a pictures mark, is the media the title announces."""
    text = "<p>正文。</p>\n"
    found = lint_text('---\ntitle: "【视频】土希关系紧张"\n---\n' + text, "post.html", config=SELECT)
    assert codes(found) == [("PL709", 2, 9)]
    assert "announces a video ('【视频】')" in found[0].message
    assert codes(lint_text("---\ntitle: （圖）周末練習\n---\n" + text, "post.html", config=SELECT)) == [("PL709", 2, 8)]
    assert (
        codes(lint_text("---\ntitle: Harbour (Video)\n---\nSee [it](https://youtu.be/abc).\n", "p.md", config=SELECT))
        == []
    )
    pictured = '---\ntitle: （圖）周末練習\n---\n<p><img src="/a.jpg" alt="一"></p>\n'
    assert codes(lint_text(pictured, "post.html", config=SELECT)) == []
    assert codes(lint_text("---\ntitle: 视频网站的未来\n---\n" + text, "post.html", config=SELECT)) == []


def test_a_block_that_opens_with_a_picture_label_is_a_caption(lint_text: LintText) -> None:
    """Vocus keeps "圖: reddit 群組r/HongKong" and "【附圖：「微、小」字形演化】" and drops the picture; a sentence that
    points at the figure ("(P.S. 參考【附圖：…】)") is no caption."""
    body = "<p>正文。</p>\n<p>圖: reddit 群組r/HongKong</p>\n<p>正文(P.S. 參考【附圖：「微、小」字形演化】)。</p>\n"
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL709", 5, 1)]


def test_a_title_mark_is_kept_by_a_player_element_a_video_page_link_or_a_template_embed(lint_text: LintText) -> None:
    head = "---\ntitle: 碼頭起重機倒塌（视频）\n---\n"
    for body in (
        '<lite-youtube videoid="dQw4w9WgXcQ"></lite-youtube>\n',
        '<p><a href="https://news.example.com/videos/2024/07/09/crane">看影片</a></p>\n',
        "{% include youtube.html id='dQw4w9WgXcQ' %}\n",
        "{% youtube dQw4w9WgXcQ %}\n",
    ):
        assert codes(lint_text(head + body, "post.md", config=SELECT)) == [], body


def test_a_file_named_in_a_list_item_or_code_is_the_authors(lint_text: LintText) -> None:
    body = "Put these in `static/`:\n\n- logo.png\n- favicon.png\n\n`banner.jpg`\n\n1. hero.webp\n"
    assert codes(lint_text(HEAD + body, "post.md", config=SELECT)) == []


def test_a_title_mark_is_kept_by_the_video_or_picture_the_front_matter_names(lint_text: LintText) -> None:
    body = "<p>正文。</p>\n"
    video = "---\ntitle: 碼頭起重機倒塌（视频）\nvideo: https://youtu.be/dQw4w9WgXcQ\n---\n"
    assert codes(lint_text(video + body, "post.html", config=SELECT)) == []
    cover = "---\ntitle: （圖）周末練習\nimage:\n  path: /images/weekend.jpg\n---\n"
    assert codes(lint_text(cover + body, "post.html", config=SELECT)) == []


def test_a_source_url_of_a_video_page_does_not_show_the_video(lint_text: LintText) -> None:
    """Al Jazeera's "视频：…" posts copied from /video/ pages hold only the text."""
    head = "---\ntitle: 视频：C罗的倒钩\nlink: https://chinese.aljazeera.net/video/2025/11/24/c\n---\n"
    assert codes(lint_text(head + "<p>正文。</p>\n", "post.html", config=SELECT)) == [("PL709", 2, 8)]


def test_a_picture_label_in_the_byline_of_a_post_with_pictures_credits_them(lint_text: LintText) -> None:
    """ "文：张慧 / 图：视觉中国" heads a WeChat article: with its pictures kept, the label credits them."""
    body = "文：张慧\n\n图：视觉中国\n\n---\n\n正文。\n\n![北大](https://i.imgur.com/TCjnnMl.jpg)\n\n正文。\n"
    assert codes(lint_text(HEAD + body, "post.md", config=SELECT)) == []
    lost = "文：张慧\n\n图：视觉中国\n\n---\n\n正文。\n"
    assert codes(lint_text(HEAD + lost, "post.md", config=SELECT)) == [("PL709", 6, 1)]
