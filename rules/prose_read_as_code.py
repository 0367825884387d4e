"""PL714 prose-read-as-code."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import in_code, lazy_regex

#: A fence line: up to three spaces, three or more backticks or tildes, an info string.
_FENCE = lazy_regex(r"^( {0,3})(`{3,}|~{3,})([^\n]*)$", re.M)
#: A line indented four spaces or a tab, then text.
_INDENTED = lazy_regex(r"^(?: {4}|\t)[ \t]*(\S[^\n]*)$", re.M)
#: What code holds and prose does not: operators, braces, a prompt, a comment, a call.
_CODE_MARKS = lazy_regex(r"[=;{}<>$\\|`]|::|->|=>|//|#\s|\w\(|\)\.|^\s*[-*+]\s|^\s*\d+[.)]\s")
#: A sentence: it opens with a capital letter or a CJK character and ends as a sentence ends.
_SENTENCE = lazy_regex(r"^[\"“‘(]?[A-Z\u00c0-\u00de\u3400-\u9fff\uac00-\ud7af][^\n]*[.!?。！？…][\"”’)）」』]?$")
#: A list item's marker, a quote, a table row or a tag opening the line above: an indented line after them is
#: the item's (or the block's) continuation, not code.
_CONTAINER = lazy_regex(r"^\s*(?:[-*+]\s|\d+[.)]\s|>|<|\||\{[%{]|:)")


class ProseReadAsCode(Rule[RuleOptions]):
    """A paragraph of prose that the Markdown renderer shows as code (indented, or after an unclosed fence).

    ## What it does
    In a Markdown post, reports:
    - a paragraph of sentences indented four spaces or a tab after a blank line (text pasted from a word
      processor or an e-mail, or indented by an editor), outside lists, quotes and HTML blocks: Markdown
      reads it as an indented code block. Only prose is taken: lines that open with a capital letter (or a
      CJK character) and end as a sentence ends, with no operator, brace, prompt or call in them;
    - a code fence (```` ``` ```` or `~~~`) that is never closed, when prose follows it or a shorter fence
      meant to close it: on CommonMark (Hugo, Zola, Eleventy) the rest of the post is one code block (with
      the shorter fence in it); kramdown (Jekyll) shows the fence's backticks as text. A fence whose code
      runs to the end of the post shows what was meant and is left alone.

    ## Why is this bad?
    The reader gets the text in a monospace box that does not wrap (a line of prose runs off the screen),
    with its links and emphasis shown as typed, or the rest of the article as one block of code.

    ## Options
    None.
    """

    code = "PL714"
    name = "prose-read-as-code"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if not post.is_markdown or post.text is None:
            return
        body = post.body
        yield from _unclosed_fence(post, body)
        if "    " in body or "\t" in body:
            yield from _indented_prose(post, body)


def _unclosed_fence(post: Post, body: str) -> Iterator[Problem]:
    """The first fence whose block runs to the end of the body: no line closes it."""
    if "```" not in body and "~~~" not in body:
        return
    position = 0
    while True:
        opened = _FENCE.search(body, position)
        if opened is None:
            return
        marks, info = opened.group(2), opened.group(3)
        if marks[0] == "`" and "`" in info:
            position = opened.end()  # not a fence: an inline code span of its own
            continue
        closing = re.compile(rf"^ {{0,3}}{re.escape(marks[0])}{{{len(marks)},}}[ \t]*$", re.M)
        closed = closing.search(body, opened.end())
        if closed is not None:
            position = closed.end()
            continue
        rest = body[opened.end() :]
        if in_code(post, opened.start()) and not _opens_region(post, opened.start()):
            return  # inside an earlier code block (a Liquid highlight, a shortcode)
        shorter = (
            re.search(rf"^ {{0,3}}({re.escape(marks[0])}{{3,{len(marks) - 1}}})[ \t]*$", rest, re.M)
            if len(marks) > 3
            else None
        )
        prose = next((line for line in rest.splitlines() if _is_prose(line)), None)
        if shorter is None and prose is None:
            return  # code to the end of the post: the block shows what was meant
        generator = post.site.generator
        if generator == "jekyll":
            what = "kramdown shows the fence's characters as text and reads what follows as prose"
        elif shorter is not None:
            what = f"the shorter '{shorter.group(1)}' below does not close it, so the page shows it inside the code"
        else:
            what = "the rest of the post, its prose too, is one code block"
        start = post.body_start + opened.start() + len(opened.group(1))
        yield Problem(f"code fence '{marks}' is never closed: {what}", start, start + len(marks) + len(info.rstrip()))
        return


def _is_prose(line: str) -> bool:
    """Whether a line (not indented) is a sentence of prose, with none of code's marks."""
    text = line.strip()
    return (
        not line.startswith((" ", "\t"))
        and (len(text.split()) >= 6 or len(text) >= 30)
        and _CODE_MARKS.search(text) is None
        and _SENTENCE.match(text) is not None
    )


def _opens_region(post: Post, offset: int) -> bool:
    """Whether a code region of the post starts at the body ``offset`` (the unclosed fence's own region)."""
    return any(start == offset for start, _ in post.code_regions)


def _indented_prose(post: Post, body: str) -> Iterator[Problem]:
    """Paragraphs of sentences indented as code, after a blank line and not inside a container."""
    for found in _INDENTED.finditer(body):
        start = found.start()
        if start > 0 and body[start - 1] != "\n":
            continue
        above = _line_above(body, start)
        if above is None or above != "":
            continue  # not after a blank line: a paragraph's continuation or the block's own line
        block_above = _block_above(body, start)
        if block_above is None or _CONTAINER.match(block_above) or block_above.startswith((" ", "\t")):
            continue  # the first block, or after a list item, a quote, a table, HTML, an indented block
        text = found.group(1).strip()
        if len(text.split()) < 6 and len(text) < 30:
            continue
        if _CODE_MARKS.search(text) or not _SENTENCE.match(text):
            continue
        if in_code(post, start):
            continue  # inside a fenced block or a template's code already
        begin = post.body_start + start
        yield Problem(
            "a paragraph of prose indented four spaces: Markdown reads it as a code block, shown in a monospace"
            " box that does not wrap (remove the indentation)",
            begin,
            begin + len(found.group(0)),
        )


def _line_above(body: str, start: int) -> str | None:
    """The line above the one starting at ``start``, stripped (None for the first line)."""
    if start == 0:
        return None
    begin = body.rfind("\n", 0, start - 1) + 1
    return body[begin : start - 1].strip()


def _block_above(body: str, start: int) -> str | None:
    """The last non-blank line above ``start`` (as written, with its indentation), None when there is none."""
    at = start - 1
    while at > 0:
        begin = body.rfind("\n", 0, at) + 1
        line = body[begin:at]
        if line.strip():
            return line
        if begin == 0:
            return None
        at = begin - 1
    return None
