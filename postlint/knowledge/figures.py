"""What a figure shows and whether a reader sees a caption for it: shared by figure-missing-caption (PL401,
one post) and the archive's caption habit (the site index counts them per group of posts)."""

from __future__ import annotations

import re

from postlint.core.lazyre import lazy_regex
from postlint.knowledge.htmlutil import element_text
from postlint.knowledge.packs import names_any
from postlint.reading.html import Element

_MEDIA = ("img", "picture", "video", "svg")
#: Class or id words of the caption-like blocks outlets put inside a figure instead of a `figcaption`.
_CAPTION_WORDS = frozenset(("caption", "figcaption", "credit", "legend", "wp-caption-text"))
#: Elements whose images are fallback content, not the figure's picture.
_FALLBACK_HOLDERS = ("video", "audio", "object", "noscript", "iframe")


def own_captions(figure: Element) -> list[Element]:
    """The `figcaption` elements that belong to ``figure`` (not to a figure nested inside it)."""
    return [caption for caption in figure.iter("figcaption") if next(caption.iterancestors("figure"), None) is figure]


def _own(figure: Element, element: Element) -> bool:
    return next(element.iterancestors("figure"), None) is figure


def filled(caption: Element) -> bool:
    """Whether a `figcaption` shows something: text, or a picture (a credit logo). An empty one, which an
    editor writes for every picture (`<figcaption><span></span></figcaption>`) or an importer leaves when it
    drops the text, is no caption."""
    return bool(element_text(caption)) or next(caption.iter("img"), None) is not None


def has_caption(figure: Element) -> bool:
    """Whether a reader sees a caption for ``figure``: its own `figcaption` that is not empty, a
    caption-classed block inside it (`<p class="caption">`, `.wp-caption-text`), or a `figcaption` right
    after `</figure>` (reported by figcaption-outside-figure: one problem, one finding)."""
    if any(filled(caption) for caption in own_captions(figure)):
        return True
    for element in figure.iter():
        if element is figure or not isinstance(element.tag, str) or not _own(figure, element):
            continue
        if names_any(element, _CAPTION_WORDS) and element_text(element):
            return True
    following = figure.getnext()
    if following is not None and following.tag == "figcaption" and not (figure.tail or "").strip():
        return filled(following)
    return _text_beside(figure)


#: Class or id words of a text block that stands beside or under a figure as its caption in a layout grid.
_BESIDE_WORDS = frozenset(("text", "caption", "desc", "description", "legend", "note"))


def _text_beside(figure: Element) -> bool:
    """Whether a short caption-like text block follows the figure, or the wrappers that hold only the figure
    (`<div class="image"><figure>…</figure></div><div class="text"><p>…</p></div>`: a comparison grid)."""
    wrapper = figure
    parent = wrapper.getparent()
    while (
        parent is not None
        and parent.getparent() is not None
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (wrapper.tail or "").strip()
    ):
        wrapper, parent = parent, parent.getparent()
    following = wrapper.getnext()
    if following is None or (wrapper.tail or "").strip() or not isinstance(following.tag, str):
        return False
    text = element_text(following)
    if names_any(following, _BESIDE_WORDS) and 0 < len(text) <= 300:
        return True
    # A short paragraph right under the picture that reads as its caption: it says what the picture shows
    # ("图为…", "Pictured: …") or ends in the picture's credit ("…【机场摄影记者团】", "… (Photo: Reuters)").
    # The reader sees it as the caption (JoongAng's importer leaves an empty <figcaption> and writes it there).
    return (
        following.tag in ("p", "div")
        and 0 < len(text) <= 200
        and (_CAPTION_LEAD.match(text) is not None or _CAPTION_CREDIT_END.search(text) is not None)
    )


#: How a caption paragraph begins when it says what the picture shows.
_CAPTION_LEAD = lazy_regex(
    r"[（(]?(?:图为|圖為|上图|上圖|下图|下圖|左图|左圖|右图|右圖|图片说明|圖片說明|(?:图|圖|图片|圖片|照片)\s*[:：]"
    r"|(?:pictured|photo|caption|above|below)\s*:)",
    re.I,
)
#: A picture's credit in brackets at the end of a caption paragraph.
_CAPTION_CREDIT_END = lazy_regex(
    r"[【\[（(][^【】\[\]（）()]{0,30}(?:摄影|攝影|摄|攝|照片|图片|圖片|截图|截圖|提供|来源|來源|photo|getty|reuters"
    r"|afp|epa|新华社|新華社|路透社?|法新社|美联社|美聯社|共同社|中央社)[^【】\[\]（）()]{0,30}[】\]）)]$",
    re.I,
)


def described(figure: Element) -> bool:
    """Whether every image of the figure has alt text (the description a caption would give is there)."""
    images = [image for image in figure.iter("img") if _own(figure, image)]
    return bool(images) and all((image.get("alt") or "").strip() for image in images)


def shows_media(figure: Element) -> bool:
    """Whether the figure shows a picture of its own (an image that is not a video's or a script's fallback)."""
    for tag in _MEDIA:
        for element in figure.iter(tag):
            if not _own(figure, element):
                continue
            if tag == "img" and next(element.iterancestors(*_FALLBACK_HOLDERS), None) is not None:
                continue
            return True
    return False


def content_figure(figure: Element) -> bool:
    """Whether ``figure`` is one of the post's own pictures: it shows media, and it is not inside a link (a
    figure inside a link is a teaser tile of another story, not a content figure)."""
    return shows_media(figure) and next(figure.iterancestors("a"), None) is None


#: The tags a quick count of a post's figures follows, in one scan of the body.
#: (A tag stops at the next `<`: a `<figure` never closed would otherwise be read on to the end each time.)
_FIGURE_TOKEN = lazy_regex(r"<(/?)(figure|figcaption|a)(?=[\s/>])[^<>]*>", re.I)
_MEDIA_TAG = lazy_regex(r"<(?:img|picture|video|svg)(?=[\s/>])", re.I)
_TAG = lazy_regex(r"<[^>]*>")
#: Character references are left out of a caption's text: one may be a space the reader folds away.
_ENTITY = lazy_regex(r"&#?\w+;?")
#: Anything a quick count cannot read as the HTML reader does: markup that is not a tree of plain elements
#: (comments left after the plain ones are taken out, raw-text and template elements, tables that move their
#: content, fallback holders), and the class or id words of a title's or header's art.
_NOT_QUICK = lazy_regex(
    r"<(?:!|\?|(?:script|style|template|textarea|xmp|noscript|iframe|object|audio|video|table|pre|code|math"
    r"|plaintext|noembed|noframes|select)(?=[\s/>]))",
    re.I,
)
#: A header word anywhere (a quick test: `str.find` on the lower-cased body, ten times a regex's speed on
#: CJK text), then in a class or id value (for the few bodies left).
_HEADER_WORDS = ("title", "header", "masthead", "banner", "hero", "logo")
#: A class or id attribute and its value: each match takes its whole value, so no value is read twice (a
#: pattern that looked for the words inside values restarted at every `id=` inside one: quadratic).
_NAME_ATTRIBUTE = lazy_regex(r"\s(?:class|id)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)


def _without_plain_comments(body: str) -> str | None:
    """``body`` without its comments, when each ends at its first ``-->`` as every reader ends it (``None``
    for `<!-->`, `<!--->`, a ``--!>`` that ends one early, or one left open). Linear: each search starts
    where the last ended."""
    parts: list[str] = []
    at = 0
    bang = -2  # the next "--!>" at or after the current comment (-1: there is none)
    while (start := body.find("<!--", at)) >= 0:
        parts.append(body[at:start])
        inside = start + 4
        end = body.find("-->", inside)
        if end < 0 or body.startswith((">", "->"), inside):
            return None
        if bang != -1 and bang < inside:
            bang = body.find("--!>", inside)
        if 0 <= bang < end:
            return None
        at = end + 3
    parts.append(body[at:])
    return "".join(parts)


def quick_figure_count(body: str) -> int | None:
    """How many content figures ``body`` (an HTML post's body) holds, when each has a `figcaption` with text
    and the HTML is plain enough to tell so without building a tree; ``None`` when it is not (then the
    reader's tree decides).

    The archive's caption habit counts the figures of every file of a site; most files caption every
    figure, and for them a scan of the tags gives the count :func:`content_figure` and :func:`has_caption`
    give on the reader's tree, at a tenth of the cost. Anything the scan cannot read exactly as the reader
    does (a figure in a link, a link left open, a nested figure, a figure without a `figcaption`, an empty
    one, a comment a reader may end elsewhere, tables, raw text, header art) sends the file to the reader."""
    if "<!--" in body:
        body = _without_plain_comments(body) or ""
    if not body or _NOT_QUICK.search(body) is not None:
        return None
    lowered = body.lower()
    if any(word in lowered for word in _HEADER_WORDS):
        for attribute in _NAME_ATTRIBUTE.finditer(body):
            value = attribute.group(1).lower()
            if any(word in value for word in _HEADER_WORDS):
                return None
    count = 0
    links = 0
    start = -1  # where the open figure's content starts; -1 outside a figure
    caption_start = -1
    captioned = False
    for token in _FIGURE_TOKEN.finditer(body):
        closing, tag = token.group(1), token.group(2).lower()
        if tag == "a":
            links += -1 if closing else 1
            if links < 0 or links > 1:
                return None  # a stray close or a link in a link: the tree may not be what it seems
        elif tag == "figure":
            if not closing:
                if start >= 0 or links:
                    return None  # a nested figure, or a figure inside a link (a teaser tile)
                start, captioned = token.end(), False
                continue
            if start < 0 or not captioned or caption_start >= 0 or links:
                return None
            if _MEDIA_TAG.search(body, start, token.start()) is None:
                return None  # no picture of its own: the reader decides what it is
            count += 1
            start = -1
        elif start < 0:
            return None  # a figcaption outside a figure
        elif not closing:
            if caption_start >= 0:
                return None
            caption_start = token.end()
        else:
            if caption_start < 0:
                return None
            shown = _ENTITY.sub("", _TAG.sub("", body[caption_start : token.start()])).strip()
            if shown:
                if len(shown) <= 100 and _CREDIT_WORD.search(shown) is not None:
                    return None  # it may hold only the picture's credit: the tree decides (credit_only)
                captioned = True
            caption_start = -1
    if start >= 0 or links:
        return None
    return count


# Pictures outside <figure>: many outlets put an image and its caption in plain blocks (DW's
# `<img><div><small>caption</small></div>`, BBC's `<img/><p role="text"><span>图像来源，</span>…<br>caption</p>`,
# Chosun's `<dl><dt><img></dt><dd>caption</dd></dl>`). Whether an outlet captions its pictures that way is
# learned per group of posts (the archive's habit); here each picture is judged on its own.

#: Ancestors whose images are no picture of the post's own to caption: a figure (counted as a figure), a link
#: (a teaser of another story), fallback content, a table or list (layout), a button.
_NOT_PICTURE = ("figure", "a", "button", "table", "li", *_FALLBACK_HOLDERS)
#: Class or id words of the blocks whose image is art or furniture (a header's, an author's face, an icon), or
#: which say themselves that the picture has no caption (BBC's `media-landscape no-caption`).
_ART_WORDS = frozenset(("title", "header", "masthead", "banner", "hero", "logo", "avatar", "icon", "emoji"))
_NO_CAPTION_CLASSES = frozenset(("no-caption", "nocaption", "no_caption", "uncaptioned", "without-caption"))

#: Elements that stand beside a picture in its block without being its caption (a line break, a source).
_BESIDE_PICTURE = frozenset(("br", "source", "wbr"))
#: A caption longer than this is a paragraph of the story, not a caption.
_CAPTION_LIMIT = 300
#: A caption that holds only the picture's credit: a credit label, with a name or none (`图像来源，Getty
#: Images`, `图片版权`, `Image copyright`, `Photo credit: Reuters`, `© AFP`, `출처=연합뉴스`).
_CREDIT_TEXT = r"(?:[^\s。.!?！？][^\n。!?！？]{0,39})"
_CREDIT_ONLY = lazy_regex(
    r"[（(\[]?\s*(?:"
    r"(?:图像来源|圖像來源|图片来源|圖片來源|图片版权|圖片版權|图片提供|圖片提供|图片授权|圖片授權|图源|圖源|照片来源|照片來源"
    r"|写真提供|사진\s*제공|출처)\s*(?:[,，:：=/]?\s*" + _CREDIT_TEXT + r")?"
    r"|(?:image\s+(?:source|copyright|credit)|(?:photo|picture)\s+credit|credits?|bildquelle|quelle|copyright)"
    r"\s*(?:[,:=/]\s*" + _CREDIT_TEXT + r")?"
    r"|(?:©|\(c\))\s*" + _CREDIT_TEXT + r"?"
    r")\s*[）)\]]?",
    re.I,
)


def _says_no_caption(element: Element) -> bool:
    """Whether the element's class says that the picture in it has no caption (BBC's `no-caption`)."""
    value = element.get("class") or ""
    return not _NO_CAPTION_CLASSES.isdisjoint(value.lower().split())


def _holds_only(parent: Element, child: Element) -> bool:
    """Whether ``parent`` holds ``child`` and nothing else a reader sees (line breaks and sources aside)."""
    if (parent.text or "").strip():
        return False
    for item in parent:
        if item is child:
            continue
        if not isinstance(item.tag, str) or item.tag not in _BESIDE_PICTURE or (item.tail or "").strip():
            return False
    return not (child.tail or "").strip()


def _short_text(element: Element) -> str | None:
    """The element's text when it is caption-sized and holds no picture of its own (``None`` otherwise). The
    walk stops at the limit: an element after each of many pictures is read at most that far."""
    parts: list[str] = []
    size = 0
    for count, item in enumerate(element.iter()):
        if count > 64:
            return None
        if item is not element and item.tag in ("img", "picture", "video", "svg", "figure"):
            return None
        if item.tag == "br":  # a line break parts a credit from the caption under it
            parts.append("\n")
        own = item.text if isinstance(item.tag, str) else None  # a comment's text is not shown
        for text in (own, item.tail if item is not element else None):
            if text:
                parts.append(text)
                size += len(text)
        if size > 2 * _CAPTION_LIMIT:
            return None
    text = "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())
    return text if len(text) <= _CAPTION_LIMIT else None


def picture_caption(image: Element) -> tuple[str, Element] | None:
    """How a picture outside a figure stands on "has a caption under it", and the element to point at: ``held``
    (a caption-sized text follows it, its credit aside), ``empty`` (the block after it is an empty caption
    slot), ``credit`` (only the credit follows: the caption's text was dropped) or ``bare`` (nothing
    caption-like follows: the next block is another picture, a paragraph of the story, or none). ``None``
    for an image that is no picture of the post's own (in a figure, link, table, list or fallback; a
    tracking pixel; the art of a header; a picture its block says has no caption)."""
    if image.get("width", "").strip() in ("0", "1") or image.get("height", "").strip() in ("0", "1"):
        return None
    for up in image.iterancestors():
        if up.tag in _NOT_PICTURE or names_any(up, _ART_WORDS) or _says_no_caption(up):
            return None
    unit = image
    parent = unit.getparent()
    while parent is not None and parent.getparent() is not None and _holds_only(parent, unit):
        unit, parent = parent, parent.getparent()
    inline = unit is image  # text after the picture in its own block may be its caption; after a block, the story's
    credit: Element | None = None
    following = unit.getnext()
    tail = (unit.tail or "").strip()
    for _ in range(8):  # line breaks and credits before the caption; a bounded look
        if tail or following is None or not isinstance(following.tag, str):
            break
        if following.tag in _BESIDE_PICTURE:
            tail = (following.tail or "").strip()
            unit, following = following, following.getnext()
            continue
        if credit is not None and following.tag not in _PHRASING:
            break  # a block after the credit is the story going on: the caption's text was dropped
        text = _short_text(following)
        if text is None:
            break
        if not text:
            if credit is None and _caption_form(following) and not names_any(following, _NOT_SLOT_WORDS):
                return "empty", following
            break
        if _CREDIT_ONLY.fullmatch(text) is not None:
            credit = credit if credit is not None else following
            tail = (following.tail or "").strip()
            unit, following = following, following.getnext()
            continue
        if _caption_form(following) or _CAPTION_LEAD.match(text) or _CAPTION_CREDIT_END.search(text):
            return "held", following
        break  # a paragraph of the story: no caption stands under the picture
    if tail and inline and len(tail) <= _CAPTION_LIMIT and _CREDIT_ONLY.fullmatch(tail) is None:
        return "held", unit
    return ("credit", credit) if credit is not None else ("bare", image)


#: Phrasing elements that hold a caption under a picture (DW's `<small>`, Chosun's `<dd>`, CNA's `<span>`).
_PHRASING = frozenset(("span", "small", "em", "i", "b", "strong", "cite", "figcaption", "dd", "font"))
#: Class, id or test-id words of a block that is a caption.
_CAPTION_BLOCK_WORDS = frozenset(
    ("caption", "figcaption", "credit", "legend", "wp-caption-text", "desc", "description")
)


def _caption_form(element: Element) -> bool:
    """Whether the element has a caption's form, as outlets write one under a picture: a phrasing element,
    a block named as a caption, or a block that only wraps one of those (`<div><small>…</small></div>`,
    `<p><em>…</em></p>`). A plain paragraph is the story's, however short."""
    for _ in range(3):
        if element.tag in _PHRASING or names_any(element, _CAPTION_BLOCK_WORDS):
            return True
        if "caption" in (element.get("data-testid") or "").lower() or element.get("role") == "text":
            return True
        children = [item for item in element if not (isinstance(item.tag, str) and item.tag in _BESIDE_PICTURE)]
        if (element.text or "").strip() or len(children) != 1 or (children[0].tail or "").strip():
            return False
        element = children[0]
        if not isinstance(element.tag, str):
            return False
    return False


_NOT_SLOT_WORDS = frozenset(("ad", "ads", "advert", "mpu-ad", "bbccom_slot", "dfp", "player"))


#: A word a credit-only caption starts with (a quick test before the tree reads the caption).
_CREDIT_WORD = lazy_regex(
    r"图像来源|圖像來源|图片来源|圖片來源|图片版权|圖片版權|图片提供|圖片提供|图片授权|圖片授權|图源|圖源|照片来源|照片來源"
    r"|写真提供|사진|출처|image\s+(?:source|copyright|credit)|credit|quelle|copyright|©|\(c\)",
    re.I,
)


def credit_only(figure: Element) -> Element | None:
    """The figure's caption when every filled `figcaption` of its own holds only the picture's credit
    (`<figcaption>图片来源：Getty Images</figcaption>`): the caption's text was dropped and its credit kept."""
    captions = [caption for caption in own_captions(figure) if filled(caption)]
    if not captions:
        return None
    for caption in captions:
        text = _short_text(caption)
        if not text or _CREDIT_ONLY.fullmatch(text) is None:
            return None
    for element in figure.iter():  # a caption-classed block of its own, or one beside it, says more
        if element is figure or not isinstance(element.tag, str) or not _own(figure, element):
            continue
        if any(element is caption or caption in element.iterancestors() for caption in captions):
            continue
        if names_any(element, _CAPTION_WORDS) and element_text(element):
            return None
    return None if _text_beside(figure) else captions[0]
