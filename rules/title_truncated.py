"""PL813 title-truncated."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import in_code, lazy_regex, value_span

#: An ellipsis that ends a title (`…`, `...`, `⋯⋯`, `……`).
_ELLIPSIS = lazy_regex(r"(?:\.{3,}|…+|⋯+)\s*$")
#: A Markdown ATX heading line near the top of a body.
_ATX = lazy_regex(r"^ {0,3}#{1,3}[ \t]+(.+?)[ \t#]*$", re.M)
#: Elements that hold a post's own headline, or a section's (the body's first few are looked at).
_HEADLINE_TAGS = ("h1", "h2", "h3", "b", "strong")
#: How many headline-like elements from the body's start are compared (a title is the top's, not a section's
#: deep in the post).
_LOOKED_AT = 4
#: Text an element must not be longer than to be a headline.
_HEADLINE_LIMIT = 300


class TitleTruncated(Rule[RuleOptions]):
    """The title stops short of the headline the body itself shows.

    ## What it does
    Compares the front matter's `title` with the headlines at the top of the body (the first few `<h1>`–`<h3>`,
    bold blocks and Markdown headings). A title that is a strict beginning of one of them and stops where no
    word ends is reported at the title's value: the headline goes on with a letter of the same word (Latin
    `Governm` of `Government`), a CJK character or a digit (`纽约市民60` of `纽约市民60%来自移民家庭`, cut at
    the `%` an importer could not carry), or the title ends with an ellipsis (`…`, `...`) that stands for
    the rest of the headline. A title that stops at a word's end in a spaced language (`Release notes` of
    `Release notes for 1.2`), before punctuation (`…如何解` of `…如何解？`) or before a separator and a
    series name (`… 丨今夜很政经`) is a shorter form the author chose, and is left alone; so is an ellipsis the
    body does not continue (`你绝对想不到……`).

    ## Why is this bad?
    The title shows in lists of posts, feeds, search results and the browser's tab: cut mid-word, it reads
    as a mistake, and the headline's point is lost where most readers see it.

    ## Options
    None.
    """

    code = "PL813"
    name = "title-truncated"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        title = post.data.get("title") if isinstance(post.data, dict) else None
        if not isinstance(title, str) or post.text is None or len(title) > 1000:
            return
        folded = " ".join(title.split())
        ended = _ELLIPSIS.search(folded)
        stem = folded[: ended.start()].rstrip() if ended else folded
        if len(stem) < 6 or (" " not in stem and _spaced(stem[0]) and _spaced(stem[-1])):
            return  # too short to tell a cut from another word (`Rust` of `Rustaceans`)
        for headline in _headlines(post):
            if len(headline) < len(stem) + 2 or not headline.startswith(stem):
                continue
            rest = headline[len(stem) :]
            if ended is not None or _mid_word(stem[-1], rest[0]):
                start, end = value_span(post, "title")
                shown = headline if len(headline) <= 80 else headline[:79] + "…"
                yield Problem(
                    f"title stops short of the body's headline '{shown}': it was probably cut on import",
                    start,
                    end,
                )
                return


def _mid_word(last: str, following: str) -> bool:
    """Whether a text that ends in ``last`` and goes on with ``following`` was cut inside a word: both are
    Latin letters or digits, or the text goes on with a CJK character, a digit or a sign that belongs to a
    number (`%`, `％`)."""
    if following in "%％" and last.isdigit():
        return True
    if not (following.isalnum() and last.isalnum()):
        return False
    return not _spaced(last) or _spaced(following)


def _spaced(char: str) -> bool:
    """Whether ``char`` belongs to a script that spaces its words (Latin, Cyrillic, Greek, digits)."""
    if char.isdigit():
        return True
    name = unicodedata.name(char, "")
    return name.startswith(("LATIN", "CYRILLIC", "GREEK"))


def _headlines(post: Post) -> Iterator[str]:
    """The texts of the first headline-like elements of the body (HTML headings and bold blocks, Markdown
    headings), folded."""
    html = post.html
    for count, element in enumerate(html.root.iter(*_HEADLINE_TAGS)):
        if count >= 3 * _LOOKED_AT:
            break  # the top of the body only (each element's text is read once: nested bold stays linear)
        if element.tag in ("b", "strong") and _inline(element):
            continue  # bold words inside a sentence, not a block of their own
        text = " ".join(html.text_of(element).split())
        if text and len(text) <= _HEADLINE_LIMIT:
            yield text
    if post.is_markdown:
        body = post.body
        for found, _ in zip(_ATX.finditer(body, 0, min(len(body), 4000)), range(_LOOKED_AT), strict=False):
            if not in_code(post, found.start()):
                yield " ".join(found.group(1).split())


def _inline(element: Element) -> bool:
    """Whether a bold element stands inside a sentence (text before or after it in its parent)."""
    parent = element.getparent()
    if parent is None:
        return False
    if (element.tail or "").strip():
        return True
    before = element.getprevious()
    text = (before.tail if before is not None else parent.text) or ""
    return bool(text.strip())
