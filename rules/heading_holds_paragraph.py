"""PL712 heading-holds-paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import element_text, in_code, lazy_regex

#: An ATX heading line of a Markdown post: its marks and its text.
_ATX = lazy_regex(r"^[ ]{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
#: A sentence that ends inside the text and another that follows it: `。`, `！`, `？` (also full-width `；`)
#: before more words, or a Latin full stop before a capitalised word.
_INNER_END = lazy_regex(r"[。！？；][^\s。！？；」』”’）)]|\.\s+[A-Z]")
#: How a paragraph, not a title, ends: `。` or a clause's comma or semicolon, or a Latin full stop.
_PARAGRAPH_END = lazy_regex(r"(?:[。，；]|(?<![A-Z.])\.)[」』”’）)]?$")
#: How many paragraph-like headings a post needs before they are reported: with half its text, the post was
#: imported with its paragraphs as headings.
_LEAST = 2
#: CJK characters from which a heading with a clause comma (`，`) reads as a paragraph whatever its ending.
_LONG = 40
#: Letters that make up words: CJK ideographs and kana count one each, Latin words one each.
_CJK = lazy_regex(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_WORD = lazy_regex(r"[A-Za-z\u00c0-\u024f]+")


class HeadingHoldsParagraph(Rule[RuleOptions]):
    """A heading holds a paragraph: body text was marked up as a heading.

    ## What it does
    Reports a heading (`<h1>`…`<h6>`, or a Markdown `#` line) whose text reads as a paragraph, not a title:
    at least 20 CJK characters or 15 words long, and either two sentences (a `。`, `！`, `？` or `；` with
    more text after it, or a full stop before a capitalised word), or ending as a clause ends (`。`, `，`,
    `；`, a full stop), or, from 40 CJK characters, clause after clause (a `，`). It does so when such
    headings are at least two and hold at least half of the post's text: an importer that wrapped every
    paragraph of a blog post in `<h2>` (Vocus). One finding per run of such headings, at the first, saying
    how many follow it.

    A sentence set as a heading here and there (a writer's emphasis, an interview's questions, an outlet's
    disclaimer) is left alone, as are question headings (`How can I learn about progress?`), titles with a
    colon, long titles without a full stop, and anything in code.

    ## Why is this bad?
    The reader gets the article set as a run of headlines, each in the theme's heading size and weight, and
    the page's outline, its table of contents and screen readers' heading navigation list whole
    paragraphs. Comment lines of pasted console output (`# This information contains sample programs.`)
    turn into headings the same way in a Markdown post.

    ## Options
    None.
    """

    code = "PL712"
    name = "heading-holds-paragraph"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        text = post.text or ""
        runs: list[list[tuple[int, int]]] = []
        held = 0  # characters of text the paragraph-like headings hold
        if post.is_markdown and "#" in post.body:
            last = -1
            for match in _ATX.finditer(post.body):
                if in_code(post, match.start()) or not _is_paragraph(match.group(2)):
                    last = -1
                    continue
                start, end = post.body_start + match.start(), post.body_start + match.end()
                held += len(match.group(2))
                if last >= 0 and not text[last:start].strip():
                    runs[-1].append((start, end))  # only blank lines since the last one: the same run
                else:
                    runs.append([(start, end)])
                last = end
        html = post.html
        previous: Element | None = None
        for element in html.iter("h1", "h2", "h3", "h4", "h5", "h6"):
            words = element_text(element, html)
            if element not in html.start_tags or not _is_paragraph(words):
                previous = None
                continue
            held += len(words)
            span = html.start_tag(element)
            if previous is not None and _follows(previous, element):
                runs[-1].append(span)
            else:
                runs.append([span])
            previous = element
        if sum(len(run) for run in runs) < _LEAST or held * 2 < _text_size(post):
            return  # a sentence set as a heading here and there is the writer's emphasis, not an import's
        for run in sorted(runs):
            start, end = run[0]
            count = len(run) - 1
            more = f" (and {count} more heading{'s' if count > 1 else ''} right after it)" if count else ""
            yield Problem(
                f"heading holds a paragraph, not a title{more}: body text was marked up as a heading", start, end
            )


def _text_size(post: Post) -> int:
    """How many characters of text the body shows (Markdown posts: the body as written, a close measure)."""
    if post.is_markdown:
        return len(post.body.strip())
    return sum(len(run.strip()) for run in post.html.run_texts)


def _follows(previous: Element, element: Element) -> bool:
    """Whether ``element`` comes right after ``previous`` as its next sibling, with only white space between."""
    return element.getprevious() is previous and not (previous.tail or "").strip()


def _is_paragraph(text: str) -> bool:
    """Whether a heading's text reads as a paragraph: long, and two sentences or a clause's ending."""
    if len(_CJK.findall(text)) < 20 and len(_WORD.findall(text)) < 15:
        return False
    if len(_CJK.findall(text)) >= _LONG and "，" in text:
        return True  # clause after clause: a paragraph, whatever ends it (`…付諸具體的作為或行動?`)
    return bool(_INNER_END.search(text) or _PARAGRAPH_END.search(text))
