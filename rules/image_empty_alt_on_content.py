"""PL308 image-empty-alt-on-content."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Edit, Element, Fix, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import attribute_edit, content_figure, element_text, lazy_regex

#: Who made a picture, as outlets write it: agencies, picture desks and the words that introduce a credit.
_AGENCIES = (
    r"getty(?:\s*images)?|reuters|afp|ap|epa(?:-efe)?|shutterstock|xinhua|kyodo|bloomberg|alamy|unsplash|"
    r"路透社?|法新社|美联社|美聯社|盖帝图像|盖蒂图像|蓋帝圖像|欧洲通讯社|歐洲通訊社|新华社|新華社|共同社|中央社|"
    r"半岛电视台|半島電視台|社交媒体|社群媒體|视觉中国|視覺中國|东方IC|東方IC|端传媒|端傳媒"
)
_CREDIT_LABEL = (
    r"(?:图片|圖片|图像|圖像|照片|相片|插画|插畫|插图|插圖|图表|圖表|图|圖|摄影|攝影|影像|视频|視頻|设计|設計|制图|製圖|"
    r"资料图片?|資料圖片?|来源|來源|图源|圖源|版权|版權|写真|画像|提供|撮影|"
    r"photo(?:graph)?s?|images?|pictures?|pic|credits?|illustrations?|graphics?|video|source|courtesy(?:\s+of)?|"
    r"foto|photographer)(?:\s*(?:版权|版權|来源|來源|提供|credit))?"
)
#: A caption that only says who made the picture: "图：受访者提供", "Photo: Reuters", "图片版权 Getty Images",
#: "设计、制图：某某", "香港舞蹈团提供", "（路透社）", "Getty Images".
_CREDIT_ONLY = lazy_regex(
    rf"^[(（\[【]?(?:(?P<label>(?:{_CREDIT_LABEL})(?:\s*[、/&,，和及]\s*(?:{_CREDIT_LABEL}))*)(?P<sep>\s*[:：|｜]?)\s*"
    r"(?P<who>[^，。,.;；!?！？:：]{0,40})"
    rf"|(?P<agency>(?:{_AGENCIES})(?:\s*[/,，、&]\s*(?:{_AGENCIES}))*(?:\s+photos?)?(?:\s*/\s*[\w .'-]{{1,40}})?)"
    r"|(?P<giver>[^，。,.;；!?！？:：]{1,20}(?:提供|供图|供圖|[\s/](?:摄|攝))))[)）\]】]?$",
    re.I,
)
#: A credit or a media tag at the end of a description: "…（路透社）", "… (Getty Images)", "…REUTERS/Name",
#: "…【英语视频】".
_TRAILING_CREDIT = lazy_regex(
    rf"\s*(?:[(（](?:(?:{_AGENCIES})[^()（）]{{0,20}}|[^()（）]{{0,20}}(?:提供|图像|圖像|账号|帳號|频道|頻道|网站|網站|"
    r"Telegram|images?|photos?))[)）]|【[^【】]{0,12}(?:视频|視頻|video)】|(?-i:\b[A-Z]{2,}/[A-Z][\w .'-]{0,40}))\s*$",
    re.I,
)

#: How many trailing credits are taken off a caption ("… (Reuters) (Getty Images)"), at most.
_MOST_CREDITS = 8


def is_credit_only(caption: str) -> bool:
    """Whether ``caption`` names only who made the picture, not what it shows."""
    text = caption.strip()
    if not text:
        return True
    match = _CREDIT_ONLY.match(text)
    if match is None:
        return False
    who = match.group("who")
    if who is None:
        return True
    label = match.group("label") or ""
    if label.isascii() and not match.group("sep").strip() and who and not re.match(r"(?:by\s|[A-Z])", who):
        return False  # "Images of the flood": an English label word that begins a description
    # "Photo: A man walks past a burned car" describes; a credit is a name or two.
    return len(who.split()) <= 4


def description_from(caption: str) -> str:
    """What a caption says about the picture, without its trailing credit ("" when it is only a credit)."""
    text = caption.strip()
    # One credit a pass, each pass a search of the whole caption: a caption ending in 8,000 "(Reuters)" took
    # 19 s. No real caption ends in more than a few.
    for _ in range(_MOST_CREDITS):
        stripped = _TRAILING_CREDIT.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    return "" if is_credit_only(text) else text


def caption_of(image: Element) -> str:
    """The caption a reader sees for ``image``: its figure's `figcaption`, or a `figcaption` right after the
    image or after the wrappers that hold only the image (the layout importers produce)."""
    for ancestor in image.iterancestors():
        if ancestor.tag == "figure":
            for caption in ancestor.iter("figcaption"):
                return element_text(caption)
            break
    current = image
    while True:
        following = current.getnext()
        if following is not None and following.tag == "figcaption" and not (current.tail or "").strip():
            return element_text(following)
        parent = current.getparent()
        if parent is None or following is not None or (parent.text or "").strip() or len(parent) != 1:
            return ""
        current = parent


#: Class or id of the block that holds an article's lead picture: `mainpic`, `lead-image`, `hero_photo`.
_LEAD_PICTURE = lazy_regex(
    r"(?:^|[\s_-])(?:main|lead|hero|featured|top|article|story|post)[-_]?(?:pic|picture|image|img|photo|media)(?:$|[\s_-])",
    re.I,
)


def _content_place(image: Element) -> str | None:
    """Why an image without caption or title is still the article's content: it is a figure's picture, the
    article's lead picture (its wrapper says so), or all a link shows (the link's only name)."""
    figure = next(image.iterancestors("figure"), None)
    if figure is not None:
        return "a figure's picture" if content_figure(figure) else None
    if _names_its_link(image):
        return "the only content of its link (which so has no name)"
    for depth, ancestor in enumerate(image.iterancestors()):
        if depth >= 3:
            break
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _LEAD_PICTURE.search(names):
            return "the article's lead picture"
    return None


#: Attributes that name a link for a screen reader when its content does not.
_LINK_NAMES = ("aria-label", "aria-labelledby", "title")


def _names_its_link(image: Element) -> bool:
    """Whether ``image`` is all a link shows: an `<a href>` around it with no text of its own, no name
    attribute and no other picture with alt text. Its empty alt leaves the link without a name: a screen
    reader reads out the address, or nothing. A pixel (width or height of 1 or 2) is a tracker, not content."""
    if any((image.get(size) or "").strip() in ("0", "1", "2", "1px", "2px") for size in ("width", "height")):
        return False
    link = next(image.iterancestors("a"), None)
    if link is None or link.get("href") is None or any((link.get(name) or "").strip() for name in _LINK_NAMES):
        return False
    if element_text(link):
        return False
    for other in link.iter("img", "svg", "video", "iframe"):
        if other is not image and (other.tag != "img" or (other.get("alt") or "").strip()):
            return False
    return True


class ImageEmptyAltOnContent(Rule[RuleOptions]):
    """An image with a caption or a title has an empty `alt`, which marks it as decoration.

    ## What it does
    Reports `<img>` elements with `alt=""` (or a bare `alt`) that clearly carry content: they have a
    caption (in their `<figure>`, or a `<figcaption>` right after them) or a non-empty `title`, or, without
    either, they are a figure's picture (a `<figure>` is the article's own content, not decoration), the
    article's lead picture (a wrapper named `mainpic`, `lead-image`, `hero-photo`...) or all that a link
    shows (`<a href="…"><img alt=""></a>` with no text, `aria-label` or `title` on the link; a 1x1 or 2x2
    pixel is a tracker, left alone).

    ## Why is this bad?
    An empty `alt` tells screen readers to skip the image. For a news photo with a caption that hides the
    picture from blind readers, while the caption text (or the title) already says what to write. A link
    whose only content is such an image has no name: a screen reader announces a bare "link" or its address.

    ## Options
    None.

    ## Fix
    Unsafe (with `--unsafe-fixes`): writes the caption (or the title) into `alt`. Captions often carry
    credits and context that an alt text would leave out, so review the result.
    """

    code = "PL308"
    name = "image-empty-alt-on-content"
    honours_proofer_ignore = True
    severity = Severity.WARNING
    fixable = True

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            alt = image.get("alt")
            if alt is None or alt.strip():
                continue
            title = (image.get("title") or "").strip()
            caption = caption_of(image)
            if not (title or caption):
                where = _content_place(image)
                if where:
                    start, end = html.start_tag(image)
                    yield Problem(
                        f"image is {where} but has an empty alt, so screen readers skip it; describe what it shows",
                        start,
                        end,
                    )
                continue
            what = "a caption" if caption else "a title"
            # A credit ("Photo: Reuters", "图：受访者提供") says who took the picture, not what it shows:
            # it is never offered as the alt text.
            hint = description_from(caption) if caption else ""
            if not hint and title and not is_credit_only(title):
                hint = description_from(title)
                what = what if caption else "a title"
            start, end = html.start_tag(image)
            if not hint:
                yield Problem(
                    f"image has {what} but an empty alt, so screen readers skip it; describe what it shows "
                    "(the caption only credits the picture)",
                    start,
                    end,
                )
                continue
            fill = Fix(
                (Edit(*attribute_edit(post, image, "alt", hint)),),
                "use the caption's description as alt text",
                safe=False,
            )
            yield Problem(
                f'image has {what} but an empty alt, so screen readers skip it; describe it ("{hint[:50]}")',
                start,
                end,
                fix=fill,
            )
