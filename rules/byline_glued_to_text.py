"""PL716 byline-glued-to-text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import lazy_regex

#: The wire agencies whose name a dateline carries in brackets (`WASHINGTON (Reuters) -`).
_AGENCIES = r"Reuters|AP|AFP|Bloomberg|dpa|UPI|Xinhua|Kyodo|Yonhap|IANS|PTI|ANSA|EFE|CNA|Jiji|Bernama|Anadolu"
#: A wire dateline in English: a city in capitals, perhaps its state or date, the agency in brackets, a dash.
#: Every repetition is bounded, so a run of capitals is not read again from each of its letters.
_DATELINE_EN = lazy_regex(
    r"[A-Z][A-Z.'’-]{1,30}(?:[ ,]{1,3}[A-Z][A-Z.'’-]{1,30}){0,3}(?:,\s{0,3}[A-Z][a-z]{1,10}\.?(?:\s\d{1,2})?)?"
    r"\s{0,3}\((" + _AGENCIES + r")\)\s{0,3}[-–—]"
)
#: A wire dateline in Chinese: `路透北京8月31日 -`, `新华社北京11月1日电`, `共同社东京11月26日电`.
_DATELINE_ZH = lazy_regex(
    r"(?:路透社?|(?:新华社|中新社|中央社|法新社|美联社|共同社|德新社|韩联社|法廣|法广))[^\s，。,.\d]{0,6}"
    r"\d{1,2}月\d{1,2}日(?:\s{0,3}[-–—]|电|電)"
)
#: Words of a Chinese byline (`记者 张三`, `撰稿：李四`, `文／王五`).
_BYLINE_ZH = lazy_regex(r"记者|記者|撰稿|作者|编辑|編輯|特约|特約|通讯员|通訊員|采写|採寫|文[/／:：]")
#: The end of a sentence: text before a dateline that holds one is the story, not a byline.
_SENTENCE_END = lazy_regex(r"[.!?。！？](?:\s|$)|[。！？]")
#: Inline elements: a boundary between two of them does not part their text on the page.
_INLINE = frozenset("a abbr b bdi bdo cite em font i mark q s small span strong sub sup time u".split())
#: Elements that hold a block of text.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 header li main p pre "
    "section td th body".split()
)
_CODE = ("code", "pre", "kbd", "samp", "textarea", "script", "style")
#: How long a byline before a dateline may be.
_BYLINE_LIMIT = 80


class BylineGluedToText(Rule[RuleOptions]):
    """A byline runs into the wire dateline of the story's first sentence with nothing between them.

    ## What it does
    Finds wire datelines (`WASHINGTON (Reuters) -`, `路透北京8月31日 -`, `新华社北京11月1日电`) that do not
    open their block of text and are glued to a byline before them, with no space, punctuation or line break
    between (`By Jane Doe, ReutersWASHINGTON (Reuters) -`, `记者 张三路透北京8月31日 -`): the line break or
    block that parted them on the outlet's page was lost on import. The text before the dateline must read
    as a byline: in English it opens with `By` or ends with the agency's own name, in Chinese it names a
    reporter (`记者`, `撰稿`, `作者`, `文／`); it is short and holds no sentence. The dateline is reported
    where it begins. A dateline that opens its paragraph, follows a space, a bracket (`【共同社…电】`) or
    punctuation, or a line break (`By Jane Doe<br>WASHINGTON (Reuters) -`), and an agency named in a
    sentence, are left alone.

    ## Why is this bad?
    The reader sees the reporter's name and the city run together into one word (`ReutersWASHINGTON`), and
    the story seems to start mid-sentence; feeds and search snippets show the garbled line first.

    ## Options
    None.
    """

    code = "PL716"
    name = "byline-glued-to-text"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if post.text is None:
            return
        html = post.html
        shown = html.visible_text
        if "(" not in shown and "日" not in shown:
            return
        for pattern, english in ((_DATELINE_EN, True), (_DATELINE_ZH, False)):
            for found in pattern.finditer(shown):
                problem = _glued(post, found, english)
                if problem is not None:
                    yield problem


def _glued(post: Post, found: re.Match[str], english: bool) -> Problem | None:
    html = post.html
    shown = html.visible_text
    at = found.start()
    if at == 0 or not _joins(shown[at - 1], english):
        return None
    index = html.run_at(at)
    if index < 0 or not html.runs_in_source_order:
        return None
    if at == html.run_offsets[index] and not _inline_boundary(html.run_elements[index], html.run_tails[index]):
        return None  # a block or a line break starts here: the page parts them
    owner = html.text_owner(index)
    if owner is not None and (owner.tag in _CODE or next(owner.iterancestors(*_CODE), None) is not None):
        return None  # code the author shows
    block = _block_of(owner, html.root)
    if _block_of(html.text_owner(html.run_at(at - 1)), html.root) is not block:
        return None  # the byline ends a block of its own: the page shows a break there
    first = html.run_range(block)[0] if block is not None and block is not html.root else 0
    before = shown[html.run_offsets[first] if first < len(html.run_offsets) else 0 : at]
    if "\n" in before.rstrip():
        before = before[before.rstrip().rfind("\n") + 1 :]
    byline = " ".join(before.split())
    if not byline or len(byline) > _BYLINE_LIMIT or _SENTENCE_END.search(byline):
        return None
    if english:
        agency = found.group(1)
        if not (byline.startswith(("By ", "by ", "BY ")) or byline.endswith(agency)):
            return None
    elif _BYLINE_ZH.search(byline) is None:
        return None
    start = html.run_starts[index] + (at - html.run_offsets[index])
    text = post.text or ""
    if text[start : start + 1] != shown[at]:
        return None  # a character reference earlier in the run: the place in the source is not known
    dateline = found.group(0)
    tail = byline[-30:]
    return Problem(
        f"the byline runs into the dateline with nothing between them ('{tail}{dateline}'): the line break"
        " that parted them on the outlet's page was lost",
        start,
        start + len(dateline),
    )


def _joins(previous: str, english: bool) -> bool:
    """Whether text ending in ``previous`` runs straight into what follows (no space, no punctuation)."""
    if previous.isspace():
        return False
    if english:
        return previous.isalpha() and previous.islower()
    return previous.isalnum()


def _inline_boundary(element: Element, tail: bool) -> bool:
    """Whether a run that starts at the start (``tail`` false) or after the end (``tail`` true) of ``element``
    begins at a boundary the page does not show: an inline element's, not a block's or a line break's."""
    return isinstance(element.tag, str) and element.tag in _INLINE


def _block_of(element: Element | None, root: Element) -> Element | None:
    """The block of text ``element`` stands in (the nearest block ancestor, or the root)."""
    while element is not None and element is not root and element.tag not in _BLOCKS:
        element = element.getparent()
    return element
