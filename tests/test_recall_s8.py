"""Recall on the forms a third hand-read sample of real posts held (issue 22, session 8): each test is one class of
defect in the shapes archives write it, and the look-alikes that must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LintText, codes, run_cli

HEAD = "---\nlayout: post\ntitle: '地方债'\ndate: 2019-11-26 04:06:00 +00:00\n---\n"


# PL605 link-tracking-parameters: click-tracking redirects that hold the real address in a parameter.
@pytest.mark.parametrize(
    ("href", "target"),
    [
        ("https://www.google.com/url?q=https://www.yicai.com/news/1.html&amp;sa=D&amp;ust=157&amp;usg=AF", "yicai.com"),
        ("https://www.google.co.uk/url?sa=t&amp;url=https%3A%2F%2Fexample.org%2Freport&amp;usg=AOv", "example.org"),
        ("https://l.facebook.com/l.php?u=http%3A%2F%2Fpnn.example%2F162%3Ffbclid%3DIwAR2&amp;h=ATN4", "pnn.example"),
        ("https://www.youtube.com/redirect?event=video_description&amp;q=https%3A%2F%2Fexample.net%2F", "example.net"),
    ],
)
def test_click_tracking_redirects_are_reported_with_their_target(lint_text: LintText, href: str, target: str) -> None:
    found = lint_text(HEAD + f'\n<p>据<a href="{href}">报道</a>。</p>\n', name="post.html", select=["PL605"])
    assert codes(found) == [("PL605", 7, 5)]
    assert "click-tracking redirect to http" in found[0].message
    assert target in found[0].message
    assert "fbclid" not in found[0].message  # the target's own tracking is dropped too


def test_a_redirect_fix_links_the_target_itself(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    link = "https://www.google.com/url?q=https://example.org/a?id%3D7%26utm_source%3Dx&sa=D&usg=AF"
    post.write_text(HEAD + f"\n[报道]({link}) and [more](https://example.org/b).\n", encoding="utf-8")
    run_cli("check", "--no-cache", "--select", "PL605", "--fix", "--unsafe-fixes", str(post))
    expected = HEAD + "\n[报道](https://example.org/a?id=7) and [more](https://example.org/b).\n"
    assert post.read_bytes() == expected.encode()


@pytest.mark.parametrize(
    "href",
    [
        "https://www.google.com/url?q=javascript:alert(1)&amp;sa=D",  # not a web address: no target to offer
        "https://www.google.com/search?q=https://example.org/",  # a search, not a redirect
        "https://www.google.com/url?sa=D",  # a redirect with no target
        "https://example.org/l.php?u=https://example.net/",  # someone else's l.php
        "https://example.org/video?si=3",  # `si` only tracks on YouTube and Spotify
    ],
)
def test_look_alikes_of_redirects_and_share_parameters_are_left_alone(lint_text: LintText, href: str) -> None:
    assert lint_text(HEAD + f'\n<p><a href="{href}">x</a></p>\n', name="post.html", select=["PL605"]) == []


@pytest.mark.parametrize(
    "href",
    [
        "https://youtu.be/PolaSMy9hJs?si=VVqvDx6ta8PXHnR3",
        "https://youtube.com/shorts/nMIFs2BPvH8?si=Q1Cvn1cmUYuK8V-Q",
        "https://m.youtube.com/watch?v=x&amp;si=abc",
        "https://open.spotify.com/track/4amGPAyDdbwslFS7FU9LS3?si=10X3nSR4S3e7xH58PRTf7g",
    ],
)
def test_a_platforms_share_id_is_tracking(lint_text: LintText, href: str) -> None:
    found = lint_text(HEAD + f'\n<p><a href="{href}">视频</a></p>\n', name="post.html", select=["PL605"])
    assert codes(found) == [("PL605", 7, 4)]


# PL307 image-alt-is-filename: a file name whose extension was cut off.
@pytest.mark.parametrize(
    ("alt", "what"),
    [
        ("换总统五步骤1_简", "a file name without its extension"),
        ("Selection_033", "a file name without its extension"),
        ("46393220_2312772722070595_5941123252901380096_n", "a file name without its extension"),
        ("image_01", "a numbered placeholder"),  # the word for an image, numbered, stays what it was
    ],
)
def test_file_name_stems_are_not_alt_text(lint_text: LintText, alt: str, what: str) -> None:
    found = lint_text(HEAD + f"\n![{alt}](https://img.example/a.jpg)\n", select=["PL307"])
    assert codes(found) == [("PL307", 7, 1)]
    assert what in found[0].message


@pytest.mark.parametrize("alt", ["snake_case names", "leaf_table", "COVID 19 ward", "2019年4月，长沙", "a_"])
def test_descriptions_with_underscores_or_numbers_are_alt_text(lint_text: LintText, alt: str) -> None:
    assert lint_text(HEAD + f"\n![{alt}](https://img.example/a.jpg)\n", select=["PL307"]) == []


# PL019 control-character: a control character pasted into the text.
def test_control_characters_in_the_body_are_reported_and_deleted(lint_text: LintText, tmp_path: Path) -> None:
    text = HEAD + "\n* \bUnicode 12.0.0\n\n合成获得维生素D\x7f。\x1b[0m\n"
    assert codes(lint_text(text, select=["PL019"])) == [("PL019", 7, 3), ("PL019", 9, 9), ("PL019", 9, 11)]
    post = tmp_path / "fixed" / "post.md"
    post.parent.mkdir()
    post.write_bytes(text.encode())
    code, _, _ = run_cli("check", "--no-cache", "--select", "PL019", "--fix", str(post))
    assert code == 0
    assert post.read_bytes() == (HEAD + "\n* Unicode 12.0.0\n\n合成获得维生素D。[0m\n").encode()


@pytest.mark.parametrize("body", ["\tcode\twith tabs\n", "a form feed\x0c line\n", "CRLF\r\nends\r\n", "NBSP\u00a0\n"])
def test_white_space_controls_are_not_reported(lint_text: LintText, body: str) -> None:
    assert lint_text(HEAD + "\n" + body, select=["PL019"]) == []


# PL812 url-not-linked: an address pasted as text into an HTML post.
def test_addresses_written_as_text_in_html_posts_are_reported(lint_text: LintText) -> None:
    body = (
        '\n<p><span class="ql-cursor">\ufeff</span>http://simonyuan.blogspot.com/</p>\n'
        "<p>笔记：https://www.douban.com/note/642311214/。另见（https://reurl.cc/72QAyl）</p>\n"
        "<figcaption><span>黃春生牧師 https://tw.appledaily.com/international/20200829/</span></figcaption>\n"
    )
    found = lint_text(HEAD + body, name="post.html", select=["PL812"])
    assert codes(found) == [("PL812", 7, 36), ("PL812", 8, 7), ("PL812", 8, 49), ("PL812", 9, 25)]
    assert found[1].message.endswith("https://www.douban.com/note/642311214/")  # the sentence's 。 is not in it
    # After an attribution label the address is a citation of the source, which PL602 judges.
    cited = lint_text(HEAD + body.replace("笔记：", "来源："), name="post.html", select=["PL812"])
    assert codes(cited) == [("PL812", 7, 36), ("PL812", 8, 49), ("PL812", 9, 25)]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("post.html", '<p><a href="https://example.org/">https://example.org/</a> <b>https://</b> http://x</p>'),
        ("post.html", "<p><code>curl https://example.org/feed.xml</code></p><pre>wget http://example.org/a</pre>"),
        ("post.html", "<script>var u = 'https://example.org/';</script><p>https&#58;//example.org/ escaped</p>"),
        ("post.md", "Hugo links https://example.org/ itself.\n"),
    ],
)
def test_links_code_scripts_and_markdown_posts_are_left_alone(lint_text: LintText, name: str, body: str) -> None:
    assert lint_text(HEAD + "\n" + body + "\n", name=name, select=["PL812"]) == []
