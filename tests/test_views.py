"""One view of a post's images and links, HTML and Markdown alike, as rules see them."""

from __future__ import annotations

from postlint.helpers import post_images, post_links
from postlint.reading.post import parse_post

POST = (
    "---\ntitle: t\n---\n"
    '<p>Before <img src="a.jpg" alt="A"> and <img src=b.png> <a href="https://x.example/">the <b>source</b></a>'
    " <a name=top>anchor</a></p>\n\n"
    "A ![Boats](boats.jpg) and [a link](https://y.example/) and <https://z.example/>.\n"
)


def test_images_list_html_then_markdown_with_their_places() -> None:
    post = parse_post(POST.encode(), "p.md")
    images = post_images(post)
    assert [(image.src, image.alt, image.is_markdown) for image in images] == [
        ("a.jpg", "A", False),
        ("b.png", None, False),
        ("boats.jpg", "Boats", True),
    ]
    text = post.text or ""
    assert [text[image.start : image.end] for image in images] == [
        '<img src="a.jpg" alt="A">',
        "<img src=b.png>",
        "![Boats](boats.jpg)",
    ]
    assert text[slice(*images[0].span_of("alt"))] == 'alt="A"'
    assert images[1].attribute("alt") is None and images[2].attribute("src") is None
    assert post_images(post) is images  # once per post


def test_links_list_html_then_markdown_with_the_text_a_reader_sees() -> None:
    post = parse_post(POST.encode(), "p.md")
    links = post_links(post)
    assert [(link.href, link.text, link.is_markdown) for link in links] == [
        ("https://x.example/", "the source", False),
        (None, "anchor", False),
        ("https://y.example/", "a link", True),
        ("https://z.example/", "https://z.example/", True),
    ]
    text = post.text or ""
    assert text[links[2].start : links[2].end] == "[a link](https://y.example/)"
    assert links[0].attribute("href") is not None and links[1].attribute("href") is None
