"""The picture unit outside <figure> (PL810's second habit): how each picture stands on "has a caption under it",
in the forms outlets write (DW, BBC, Chosun, CNA), with the look-alikes that must not count as a lost caption."""

from __future__ import annotations

import time

import pytest

from postlint.knowledge.figures import picture_caption
from postlint.reading.html import parse_html


def _judge(body: str) -> list[tuple[str, str] | None]:
    html = parse_html(body)
    found = []
    for image in html.iter("img"):
        judged = picture_caption(image)
        found.append(None if judged is None else (judged[0], judged[1].tag))
    return found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # DW: the caption in a <small> under the image, and its gallery's bold title after a line break.
        ('<img src="a.jpg"><div><small style="color: #999;">安世半导体</small></div><p>正文。</p>', ("held", "div")),
        ('<div><img src="a.jpg"><br><b>被告席上的战争罪犯</b>：他们是…</div>', ("held", "b")),
        # BBC: the credit, a line break and the caption in one paragraph.
        (
            '<div><img src="a.jpg"/><p role="text"><span>图像来源，</span><span>Getty</span><br>会面。</br></p></div>',
            ("held", "p"),
        ),
        ('<dl><dt><img src="a.jpg"></dt><dd>首尔的核电站</dd></dl>', ("held", "dd")),
        ('<p><img src="a.jpg"></p><p><em>The harbour at dusk</em></p><p>Story.</p>', ("held", "p")),
        ('<img src="a.jpg"><p class="image-caption">Cranes</p>', ("held", "p")),
        ('<img src="a.jpg"><p>图为北京大兴机场。</p>', ("held", "p")),
        # Lost: an empty caption slot, a credit left alone, nothing but the story under the picture.
        ('<img src="a.jpg"><div><small style="color: #999;"></small></div><p>正文。</p>', ("empty", "div")),
        (
            '<div><img src="a.jpg"/></div><p role="text"><span>图像来源，</span><span>Getty Images</span></p>',
            ("credit", "p"),
        ),
        ('<img src="a.jpg"><p><span>Image copyright</span></p><p>The story goes on.</p>', ("credit", "p")),
        ('<img src="a.jpg"><p>（德国之声中文网）中国商务部11月1日发布声明称。</p>', ("bare", "img")),
        ('<dl><dt><img src="a.jpg"></dt></dl> 但核电行业指出，应大幅缩短审查时间。', ("bare", "img")),
        ('<img src="a.jpg"><img src="b.jpg">', ("bare", "img")),
        # Look-alikes: a caption that names its photographer is a caption; a credit word inside a sentence.
        ('<img src="a.jpg"><p><small>Credit card queues at the port</small></p>', ("held", "p")),
        ('<img src="a.jpg"><div><small>写真 東京の夜景</small></div>', ("held", "div")),
    ],
)
def test_a_picture_and_what_stands_under_it(body: str, expected: tuple[str, str]) -> None:
    assert _judge(body)[0] == expected


@pytest.mark.parametrize(
    "body",
    [
        '<a href="/other"><img src="a.jpg"></a>',  # a teaser of another story
        '<figure><img src="a.jpg"></figure>',  # a figure: the figure habit judges it
        '<div class="media-landscape no-caption"><img src="line.png"></div>',  # the outlet says: no caption
        '<div class="site-header"><img src="logo.png"></div>',  # the header's art
        '<img src="pixel.gif" width="1" height="1">',  # a tracking pixel
        "<table><tr><td><img src='a.jpg'></td></tr></table>",  # layout
        "<ul><li><img src='a.jpg'> Item</li></ul>",
        '<noscript><img src="a.jpg"></noscript>',
    ],
)
def test_images_that_are_no_picture_of_the_post_are_not_counted(body: str) -> None:
    assert _judge(body) == [None]


def test_an_empty_ad_slot_under_a_picture_is_no_caption_slot() -> None:
    body = '<img src="a.jpg"><div class="bbccom_slot mpu-ad"><div></div></div><p>Story.</p>'
    assert _judge(body) == [("bare", "img")]


@pytest.mark.parametrize(
    "unit",
    [
        '<div><img src="a.jpg"><br><br><br><div><small>x',  # pictures nested in one another's next block
        '<img src="a.jpg"><span>Image copyright</span>',  # a run of credits
    ],
)
def test_judging_many_pictures_is_linear(unit: str) -> None:
    def cost(count: int) -> float:
        html = parse_html(unit * count)
        images = html.iter("img")
        start = time.perf_counter()
        for image in images:
            picture_caption(image)
        return time.perf_counter() - start

    small, large = min(cost(1000) for _ in range(3)), min(cost(10000) for _ in range(3))
    assert large < small * 30, (small, large)


@pytest.mark.parametrize(
    ("body", "credit"),
    [
        ("<figure><img src='a.jpg'><figcaption>图片来源：Getty Images</figcaption></figure>", True),
        ("<figure><img src='a.jpg'><figcaption>Photo credit: Reuters</figcaption></figure>", True),
        (
            "<figure><img src='a.jpg'><figcaption>The harbour at dusk. Photo credit: Reuters</figcaption></figure>",
            False,
        ),
        ("<figure><img src='a.jpg'><figcaption>图片来源：Getty<br>港口的黄昏</figcaption></figure>", False),
        (
            "<figure><img src='a.jpg'><figcaption>© AFP</figcaption><p class='caption'>The harbour</p></figure>",
            False,
        ),
    ],
)
def test_a_figure_caption_that_holds_only_the_credit(body: str, credit: bool) -> None:
    from postlint.knowledge.figures import credit_only

    figure = parse_html(body).iter("figure")[0]
    assert (credit_only(figure) is not None) == credit
