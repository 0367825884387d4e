"""PL402 figure-caption-empty."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import element_text, lazy_regex, names_any

#: Class or id words of a block that is a picture's caption.
_CAPTION_WORDS = frozenset(("caption", "figcaption", "legend", "wp-caption-text"))


class FigureCaptionEmpty(Rule[RuleOptions]):
    """The caption line an outlet writes under its images is empty.

    ## What it does
    Reports the caption line right after an image that an outlet fills for every picture when it is
    empty: a `<small>` or a caption-classed block (`<div><small style="color: #999;"></small></div>`,
    `<p class="caption"></p>`) that follows the image with nothing but white space between them.

    A `<figcaption>` whose text, its credit aside, is what a script writes for a missing value (`undefined`,
    `null`) lost its caption too. An empty `<figcaption>` is a figure without a caption, judged by habit:
    by the post's other figures (`figure-missing-caption`, PL401) and by the other posts of its outlet or category
    (`figure-caption-habit-broken`, PL810). An editor that writes an empty `<figcaption>` under every
    picture a writer did not caption (Matters: 263 of them in the dev corpus, where its writers caption
    42% of their pictures) has lost nothing.

    ## Why is this bad?
    An empty caption is a caption that was lost: the extractor kept the element and dropped its text. It
    also leaves an empty box under the image in most themes.

    ## Options
    None.
    """

    code = "PL402"
    name = "figure-caption-empty"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            slot = _caption_slot(image)
            if slot is not None and slot in html.start_tags and not element_text(slot, html):
                if next(slot.iter("img", "picture", "svg", "video", "iframe"), None) is not None:
                    continue
                start, end = html.start_tag(slot)
                yield Problem("the caption line under the image is empty: its caption was lost", start, end)
        for caption in html.iter("figcaption"):
            if caption not in html.start_tags:
                continue
            own = _without_credit(caption)
            if _SCRIPT_VALUE.fullmatch(own):
                start, end = html.start_tag(caption)
                yield Problem(
                    f"the caption reads '{own}', what a script writes for a missing value: its caption was lost",
                    start,
                    end,
                )


#: What a script writes for a value it did not have.
_SCRIPT_VALUE = lazy_regex(r"undefined|null|NaN|None|\[object Object\]")
#: Elements of a caption that credit the picture rather than say what it shows.
_CREDIT_TAGS = frozenset(("cite", "small"))


def _without_credit(caption: Element) -> str:
    """The caption's own text, without its credit (`<cite>`, `<small>`, a `credit`-classed element)."""
    parts = [caption.text or ""]
    for child in caption:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag not in _CREDIT_TAGS and not names_any(child, frozenset(("credit", "copyright"))):
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _caption_slot(image: Element) -> Element | None:
    """The caption line right after ``image`` (or after the wrapper that holds only it), if it is one."""
    current = image
    while True:
        following = current.getnext()
        if following is not None:
            if (current.tail or "").strip() or not isinstance(following.tag, str):
                return None
            break
        parent = current.getparent()
        if parent is None or (parent.text or "").strip() or len(parent) != 1 or parent.tag in ("figure", "a"):
            return None
        current = parent
    if following.tag == "figcaption":
        return None  # a figcaption is looked at for itself
    if following.tag == "small" or names_any(following, _CAPTION_WORDS):
        return following
    children = [child for child in following if isinstance(child.tag, str)]
    if following.tag in ("div", "p") and len(children) == 1 and not (following.text or "").strip():
        child = children[0]
        if child.tag == "small" or names_any(child, _CAPTION_WORDS):
            return following
    return None
