"""PL307 image-alt-is-filename."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import lazy_regex, post_images

_FILE_NAME = lazy_regex(r"^[\w\-.~%()+]+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic|jfif)(?:\?\S*)?$", re.I)
#: A file name without its extension: one word of letters joined by underscores with a number in it, as a
#: camera, a screenshot tool, Facebook or a designer names a file (`Selection_033`, `46492993_2312785_o`,
#: `换总统五步骤1_简`); a description has spaces or at least no `_`.
#: A sentence's punctuation or a path's slash is no file name's: `…（圖取自x.com/takaichi_sanae）` is a caption.
_FILE_STEM = lazy_regex(r"^(?=\S*\d)(?!.*[/。，、：（）])[^\s_]+(?:_[^\s_]+)+$")
_URL = lazy_regex(r"^(?:https?:)?//\S+$", re.I)
#: What a CMS or an importer writes when nobody wrote alt text: the word for "image" itself.
_PLACEHOLDER = lazy_regex(
    r"^(?:photo|image|img|picture|pic|graphic|untitled|placeholder|default|thumbnail|screenshot|screen ?shot"
    r"|图片|圖片|照片|图像|圖像|配图|配圖|截图|截圖|画像|写真|イメージ|사진|이미지"
    # German, French, Spanish, Portuguese, Italian, Russian, Vietnamese (round 7)
    r"|bild|grafik|abbildung|foto|fotografie|bildschirmfoto|photographie|capture d['’]écran|imagen|imagem"
    r"|fotografía|captura de pantalla|immagine|изображение|картинка|фото|фотография|скриншот|снимок экрана"
    r"|hình|hình ảnh|ảnh|ảnh chụp màn hình)(?P<number>[\s_-]*\d{1,4})?$",
    re.I,
)
#: The name a screenshot tool or a camera gives its file, kept without the extension: `Screenshot 2024-03-01
#: at 10.21.33`, `Screen Shot 2020-05-01 at 3.21.45 PM`, `Screenshot (12)`, `截屏2024-03-01 10.21.33`,
#: `IMG_20200901_123456`, `WechatIMG177`, `微信图片_20200101123456`.
_DEFAULT_NAME = lazy_regex(
    r"^(?:screen ?shot|截屏|截图|截圖|屏幕截图|螢幕擷取畫面|螢幕快照|スクリーンショット)[\s_-]*"
    r"(?:\(\d{1,4}\)|\d{4}[-_.]?\d{1,2}[-_.]?\d{1,2}(?:[\s_.-]*(?:at|um|à|于|於)?[\s_.-]*\d{1,2}[.:_]\d{2}(?:[.:_]\d{2})?"
    r"(?:\s*[ap]\.?m\.?)?)?(?:\s*\(\d{1,3}\))?)$"
    r"|^(?:img|dsc|dscn|dscf|pxl|wechatimg|微信图片|mmexport)[_-]?\d{3,}[\d_-]*$",
    re.I,
)
#: An editor's or a template's stand-in that nobody replaced: `alt text`, Stack Exchange's `enter image
#: description here` (`在此输入图片描述`).
_STAND_IN = lazy_regex(
    r"^(?:alt|alt[\s_-]?text|image[\s_-]?alt|alt attribute|image description|description|"
    r"(?:insert|add|enter|your) (?:image )?(?:alt|description)(?: text)?(?: here)?|enter image description here|"
    r"在此输入图片描述|请输入图片描述|图片描述|圖片描述|替代文字|代替テキスト)$",
    re.I,
)
#: What a script writes for a value it did not have.
_SCRIPT_VALUE = lazy_regex(r"^(?:undefined|null|none|nan|\[object object\])$", re.I)
#: An alt text that is only the picture's source or credit: `资料来源：作者整理。` (on a table drawn as an image),
#: `【图片来源：GS Caltex Facebook】`, `Source: Reuters`, `Photo credit: Jane Doe`, `攝影：陳明`. Only the words
#: that name a source or a credit: `Photo: a cat on the roof` describes.
_CREDIT_ONLY = lazy_regex(
    r"^[（(【\[]?\s*(?:(?:資料|资料|數據|数据|圖片|图片|照片|圖像|图像)?\s*(?:來源|来源|出處|出处|提供)"
    r"|圖源|图源|攝影|摄影|攝|摄|供圖|供图"
    r"|(?:photo|image|picture|data)?\s*(?:sources?|credits?|courtesy)(?:\s+of)?)\s*[:：/／]"
    r"(?=[^:：。.!?！？]{0,60}[。.]?\s*[）)】\]]?\s*$)",
    re.I,
)
#: An alt text that is only a sequence number: `![3](…)` (a year such as `1984` may name a book or an event).
_NUMBER = lazy_regex(r"^\d{1,2}$")


class ImageAltIsFilename(Rule[RuleOptions]):
    """An image's alt text is a file name or a URL, not a description.

    ## What it does
    Reports `<img>` elements and Markdown images whose alt text is a file name
    (`file7eziiwmblk48717bkkf_Large.jpg`), a file name without its extension (one word joined by
    underscores with a number in it: `Selection_033`, `IMG_2041`, `换总统五步骤1_简`), a URL, or only the
    word for an image (`photo`, `image`, `图片`, `照片`, `画像`), the name a screenshot tool or a camera gives
    its file (`Screenshot 2024-03-01 at 10.21.33`, `WechatIMG177`), that word numbered (`image01`,
    `screenshot-3`, `图片2`), an editor's stand-in nobody replaced (`alt text`, `enter image description
    here`, `在此输入图片描述`), what a script writes for a missing value (`undefined`, `null`), only a number
    or only punctuation (`。`), or only the picture's source or credit (`资料来源：作者整理。` on a table drawn
    as an image, `Source: Reuters`, `【图片来源：…】`): what a CMS or an importer fills in when nobody wrote alt
    text. A caption line under the image does not make up for it: the screen reader still reads "image 01"
    first. A caption with a sentence's punctuation or a path (`…（圖取自x.com/leader_2025）`) is no file name.

    ## Why is this bad?
    A screen reader reads the file name out letter by letter; the alt text says nothing about the picture.
    It is worse than an empty alt because it looks filled in and escapes review.

    ## Options
    None.
    """

    code = "PL307"
    name = "image-alt-is-filename"
    honours_proofer_ignore = True
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for image in post_images(post):
            alt = (image.alt or "").strip()
            what = _what(alt)
            if what:
                yield Problem(f"alt text '{alt[:80]}' is {what}, not a description", image.start, image.end)


def _what(alt: str) -> str | None:
    """What an alt text that describes nothing is, if it is one."""
    if not alt:
        return None
    if _FILE_NAME.match(alt) or _URL.match(alt):
        return "a file name or URL"
    if _DEFAULT_NAME.match(alt):
        return "the name a screenshot tool or a camera gave the file"
    placeholder = _PLACEHOLDER.match(alt)
    if placeholder:
        return "a numbered placeholder" if placeholder.group("number") else "only the word for an image"
    if _STAND_IN.match(alt):
        return "the editor's stand-in for alt text, never replaced"
    if _SCRIPT_VALUE.match(alt):
        return "what a script writes for a missing value"
    if _NUMBER.match(alt):
        return "only a number"
    if _CREDIT_ONLY.match(alt):
        return "only the picture's source or credit"
    if _FILE_STEM.match(alt):
        return "a file name without its extension"
    if all(unicodedata.category(character)[0] in "PZ" for character in alt):
        return "only punctuation"
    return None
