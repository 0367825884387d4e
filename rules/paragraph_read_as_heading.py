"""PL713 paragraph-read-as-heading."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import in_code, lazy_regex

#: A setext underline: up to three spaces, then `-` or `=` repeated, nothing else.
_UNDERLINE = lazy_regex(r"^ {0,3}(-{2,}|={2,})[ \t]*$", re.M)
#: A sentence's end: what a heading does not end with.
_SENTENCE_END = lazy_regex(r"[.!?。！？…][\"”’)）」』]?$")
#: A line that is not a paragraph's: a list item, a quote, a table row, a tag, a heading, a template tag.
_NOT_PARAGRAPH = lazy_regex(r"^\s*(?:[-*+]\s|\d+[.)]\s|>|<|\||#|\{[%{]|!\[|\[[^\]]*\]:)")


class ParagraphReadAsHeading(Rule[RuleOptions]):
    """A sentence directly over a `---` line, which Markdown reads as a heading (a setext heading).

    ## What it does
    In a Markdown post, reports a paragraph whose last line is a sentence (it ends with `.`, `!`, `?`, `。`)
    directly followed by a line of `---` (or `===`) much shorter than it: the writer meant a horizontal
    rule under the paragraph, but without a blank line between them kramdown and CommonMark make the
    paragraph a level-2 (level-1) heading. A deliberate setext heading is a short title with an underline of
    its own length, and is left alone, as are lists, quotes, tables, HTML and code.

    ## Why is this bad?
    The reader sees a paragraph of the article set in heading type, and the rule the writer meant is gone;
    the page's outline (and its table of contents) gains a "heading" that is a sentence.

    ## Options
    None.
    """

    code = "PL713"
    name = "paragraph-read-as-heading"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if not post.is_markdown or post.text is None or post.front_matter is None:
            return  # a file without front matter: its first lines over a `---` are front matter not read (PL007)
        body = post.body
        if "--" not in body and "==" not in body:
            return
        for found in _UNDERLINE.finditer(body):
            start = found.start()
            if start == 0 or in_code(post, start):
                continue
            line_end = start - 1
            line_start = body.rfind("\n", 0, line_end) + 1
            line = body[line_start:line_end]
            text = line.strip()
            if not text or line.startswith(("    ", "\t")) or _NOT_PARAGRAPH.match(line):
                continue
            if not _SENTENCE_END.search(text) or len(text) < 30 or len(found.group(1)) * 2 > len(text):
                continue
            paragraph = _paragraph_start(body, line_start)
            if _NOT_PARAGRAPH.match(body[paragraph : body.find("\n", paragraph)]):
                continue
            level = 2 if found.group(1)[0] == "-" else 1
            begin = post.body_start + paragraph
            yield Problem(
                f"a sentence directly over '{found.group(1)}': Markdown reads the paragraph as a level-{level}"
                " heading (a setext heading); leave a blank line before the rule",
                begin,
                post.body_start + found.end(),
            )


#: How many lines above an underline are read for its paragraph's start: a setext heading's paragraph is
#: short, and a bound keeps a body of many underlined lines linear.
_MAX_LINES = 50


def _paragraph_start(body: str, line_start: int) -> int:
    """Where the paragraph holding the line at ``line_start`` begins (after the blank line or the underline
    above it), reading at most :data:`_MAX_LINES` lines up."""
    at = line_start
    for _ in range(_MAX_LINES):
        if at <= 0:
            return 0
        begin = body.rfind("\n", 0, at - 1) + 1
        above = body[begin : at - 1]
        if not above.strip() or _UNDERLINE.fullmatch(above):
            return at
        at = begin
    return at
