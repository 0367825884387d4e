"""PL803 reference-link-undefined."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import in_code, lazy_regex, near_miss_references, normalize_label, reference_links, shown_label


class ReferenceLinkUndefined(Rule[RuleOptions]):
    """A Markdown reference link or image (`[text][label]`, `[text][]`) names a label the post never defines.

    ## What it does
    Reports full (`[text][label]`) and collapsed (`[text][]`) reference links and images whose label has no
    link reference definition (`[label]: https://...`) anywhere in the post. Labels match as CommonMark
    matches them: case-insensitively, with runs of white space counted as one space. A definition counts
    wherever kramdown (Jekyll) or CommonMark (Hugo) would read one, so only labels neither generator can
    resolve are reported. A shortcut reference (`[text]` alone) is reported only when the post defines a label
    that nothing uses and that differs from it only in punctuation, case or one letter
    (`` [`#t-compiler/arm`] `` beside `` [`t-compiler/arm`]: url ``, `[YouTube]` beside `` [`youtube`]: url ``):
    otherwise, as markdownlint's MD052 does by default, it is left alone, since a lone pair of brackets is usually
    just brackets. Nor is kramdown's spaced form `[text] [label]` checked, which CommonMark does not read as a
    link. Nothing in code (spans, fenced or indented blocks, `{% highlight %}`), HTML blocks and comments,
    Liquid tags or `$$` math is read. A footnote
    reference (`[^bench]`) whose label no footnote definition (`[^bench]: …`) names is reported too: every
    generator's renderer prints it as typed. A post whose definition labels are made by a template
    (`[#{{ n }}]:` in a Liquid loop) is not judged: which labels exist is known only when the site is
    built. A numbered superscript written as a note marker (`役”<sup>1</sup>`, `<sup>[2]</sup>`, after a
    word or a closing quotation mark, not after a digit or a Latin letter, as in `10<sup>18</sup>` or
    `m<sup>2</sup>`) whose number opens no later paragraph, list item or line (`1. …`, `[1] …`, `注1：…`) is
    reported once per post, at the first: the notes were lost on the way; a marker that is a link is
    left alone (its note is where the link points). Brackets inside a quotation (after an
    opening `“`, `「`, `『` or `"` that its paragraph has not closed yet) are an editor's insertions into
    the quoted words (`“[墨西哥国家][没有]履行承诺”`, `"he [the minister] [had] left"`), not links.

    ## Why is this bad?
    A reference link without a definition is not a link: Jekyll and Hugo print it as plain text, brackets
    and label included (`see [the report][3]`), and the reader has nothing to click. It usually means the
    definitions at the end of the post were lost when it was imported or edited.

    ## Options
    None.
    """

    code = "PL803"
    name = "reference-link-undefined"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        scan = reference_links(post)
        undefined = [use for use in scan.uses if normalize_label(use.label) not in scan.defined]
        quoted = _in_quotations(post.text or "", post.body_start, [use.start for use in undefined])
        for use in undefined:
            if use.start in quoted:
                continue  # editorial brackets in quoted words ("他说[墨西哥国家][没有]…"), not a link
            what = "image" if use.image else "link"
            yield Problem(
                f"reference {what} label '{shown_label(use.label)}' has no definition in this post "
                f"(`[{shown_label(use.label)}]: URL`): it is shown as plain text in brackets",
                use.start,
                use.end,
            )
        for miss in near_miss_references(post):
            what = "image" if miss.image else "link"
            yield Problem(
                f"reference {what} '[{shown_label(miss.label)}]' has no definition, but the post defines "
                f"'[{shown_label(miss.defined)}]', which nothing uses: the labels differ, so it is shown as "
                "plain text in brackets and the definition's link is lost",
                miss.start,
                miss.end,
            )
        if post.is_markdown and "[^" in post.body:
            yield from _undefined_footnotes(post)
        if "<sup" in post.body:
            yield from _orphan_superscripts(post)


#: A footnote reference `[^bench]` (not its definition `[^bench]:`) and a definition at the start of a line.
_FOOTNOTE_USE = lazy_regex(r"\[\^([^\]\s]{1,80})\](?!:)")
_FOOTNOTE_DEFINITION = lazy_regex(r"^[ \t]{0,3}(?:>[ \t]?)*\[\^([^\]\s]{1,80})\]:", re.M)


def _undefined_footnotes(post: Post) -> Iterator[Problem]:
    """Footnote references whose label no definition in the post names: kramdown, Goldmark, pulldown-cmark and
    markdown-it's footnote plugin all print them as typed."""
    body = post.body
    if "[^{" in body:
        return  # labels a template makes are known only when the site is built
    defined = {
        found.group(1).lower() for found in _FOOTNOTE_DEFINITION.finditer(body) if not in_code(post, found.start(1))
    }
    for use in _FOOTNOTE_USE.finditer(body):
        if use.group(1).lower() in defined or in_code(post, use.start()):
            continue
        yield Problem(
            f"footnote reference '[^{use.group(1)[:40]}]' has no definition in this post (`[^{use.group(1)[:40]}]:"
            " text`): it is shown as typed, brackets and caret included",
            post.body_start + use.start(),
            post.body_start + use.end(),
        )


#: Quotation marks that open and close quoted words; a blank line ends a paragraph and any quotation in it.
_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("«", "»"))
_OPENING = tuple(opening for opening, _ in _PAIRS)
_CLOSING = {closing: opening for opening, closing in _PAIRS}
_MARKS = lazy_regex(r'\n[ \t\r]*\n|["“”「」『』«»]')


def _in_quotations(text: str, body_start: int, offsets: list[int]) -> set[int]:
    """Which of ``offsets`` (in document order) stand inside quoted words: their paragraph (back to the last
    blank line) opens a quotation before them that it has not closed. One pass over the body for all."""
    if not offsets:
        return set()
    inside: set[int] = set()
    marks = _MARKS.finditer(text, body_start)
    depth = dict.fromkeys(_OPENING, 0)
    straight = 0
    mark = next(marks, None)
    for offset in offsets:
        while mark is not None and mark.start() < offset:
            found = mark.group(0)
            if found.startswith("\n"):
                depth = dict.fromkeys(_OPENING, 0)
                straight = 0
            elif found == '"':
                straight ^= 1
            elif found in _OPENING:
                depth[found] += 1
            else:
                opening = _CLOSING[found]
                depth[opening] = max(0, depth[opening] - 1)
            mark = next(marks, None)
        if straight or any(depth.values()):
            inside.add(offset)
    return inside


#: A note marker in superscript: a number of one or two digits, bare or in brackets (`<sup>1</sup>`, `<sup>[2]</sup>`).
_SUPERSCRIPT_MARK = lazy_regex(r"<sup\b[^>]*>\s*[\[（(]?\s*(\d{1,2})\s*[\]）)]?\s*</sup>", re.I)
#: A note's number where a note starts: a paragraph, list item or line that opens with it (`1. …`, `[1] …`,
#: `<sup>[1]</sup> …`, `注1：…`).
_NOTE_START = lazy_regex(
    r"(?:^|\n|<(?:p|li|div|dd|dt|td|br)\b[^>]*>)[ \t]*(?:<[^>]+>[ \t]*){0,4}"
    r"[\[（(]?[ \t]*(?:注|註|note[ \t]*)?(\d{1,2})(?!\d)",
    re.I,
)
#: The start of a paragraph, list item or line, with only tags after it.
_BLOCK_START = lazy_regex(r"(?:^|\n|<(?:p|li|div|dd|dt|td|br|h[1-6])\b[^>]*>)[ \t]*(?:<[^>]+>[ \t]*)*$", re.I)
#: What a note's number may follow: a CJK character or punctuation mark, a closing quote or bracket, or a
#: full stop, comma or semicolon (not a digit or a Latin letter: `10<sup>18</sup>`, `m<sup>2</sup>`).
_BEFORE_MARK = lazy_regex(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef”’」』》）)\].,;:!?]$")


def _orphan_superscripts(post: Post) -> Iterator[Problem]:
    """The first of the note markers in superscript whose notes are nowhere in the post."""
    text = post.text or ""
    body_start = post.body_start
    orphans: list[tuple[int, int, str]] = []
    notes: dict[str, int] | None = None
    for mark in _SUPERSCRIPT_MARK.finditer(text, body_start):
        preceding = text[max(body_start, mark.start() - 200) : mark.start()]
        if _BLOCK_START.search(preceding):
            continue  # it opens its paragraph or line: a note itself (`<p><sup>[1]</sup> 陳雲，…`)
        before = re.sub(r"(?:<[^>]*>|\s)+$", "", preceding[-80:])
        if not _BEFORE_MARK.search(before) or re.search(
            r"<a\b[^>]*>\s*$", text[max(0, mark.start() - 200) : mark.start()]
        ):
            continue  # an exponent or a unit's power; or a linked marker, whose note is where it points
        if post.is_markdown and in_code(post, mark.start() - body_start):
            continue
        number = mark.group(1)
        if notes is None:  # where each number last opens a paragraph, list item or line: one pass for all
            notes = {found.group(1).lstrip("0"): found.start() for found in _NOTE_START.finditer(text, body_start)}
        if notes.get(number.lstrip("0"), -1) > mark.start():
            continue
        orphans.append((mark.start(), mark.end(), number))
    if orphans:
        start, end, number = orphans[0]
        more = f" ({len(orphans) - 1} more markers have none either)" if len(orphans) > 1 else ""
        yield Problem(
            f"note marker '{number}' has no note in this post: nothing after it starts with {number}{more}; "
            "the notes were lost when the post was copied",
            start,
            end,
        )
