"""PL710 markdown-shown-as-text."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import (
    code_overlaps,
    in_code,
    lazy_regex,
    reads_markdown_inside,
    template_code_blocks,
    written_by_template,
)


class MarkdownShownAsText(Rule[RuleOptions]):
    """Markdown that the page shows as typed: `**bold**` inside an HTML block, a `~~` left without its pair.

    ## What it does
    In Markdown posts, reports Markdown markers that the renderer does not read and so shows to the reader as
    they were typed:
    - emphasis, links, images and headings (`**文｜**`, `*not*`, `[text](url)`, `![](x.png)`, `## Title`) on the lines
      of an HTML block: from a line that opens with a block-level tag (`<p align="right">`, `<div>`,
      `<center>`) to the next blank line, CommonMark (Hugo, Zola, Eleventy) and kramdown (Jekyll) pass the
      text through as HTML, so the markers stay;
    - a `~~` without a partner in its paragraph: strikethrough needs a pair, and the one left over is
      printed as two tildes (between two CJK words, `100 元~~降到 80 元`, too, unless it follows a particle
      of tone: `好啊~~那就这样`);
    - in a paragraph, the markers CommonMark cannot read: a `**` or `__` that finds no partner (left open, or
      closing after punctuation and before a letter, as in `**注意：**这里`, which CommonMark does not take as
      the end of bold), a `` ` `` left without its partner, a link written with a space or full-width
      parentheses between its parts (`[text] (url)`, `[text]（url）`) or left without its `)`, an image with a
      full-width `！`, and a heading without the space after its `##` (`##第二部分`). A `**` between two ASCII
      letters or digits (`2**10`) or between spaces (`2 ** 10`) is the author's literal text and is left alone;
      on a Jekyll site (kramdown, which pairs markers more freely) a `**` is reported only when its paragraph
      holds an odd number of them, and a `__` only when besides that it opens a word after a space and the
      paragraph holds no single `_` (`is __really important`; kramdown reads `__init__.py` as bold);
      a backtick closed by an apostrophe (`` `super' ``) is old typewriter quoting;
    - a `#` glued to a one-line paragraph's title (`#Release notes`: a heading needs the space; a hashtag, a
      number or a sentence is left alone), emphasis whose markers an importer escaped (`\\*\\*important\\*\\*`),
      bold markers with a space inside (`** 重点 **`), and a single `*` that opens emphasis mid-sentence with
      no partner in its paragraph (`is *not in 1.45`);
    - a second target right after a link, `[#16767](https://a.example/x)(https://b.example/y)`: the link
      goes to the first URL and the second is printed in parentheses (one of the two is the wrong one);
    - an asterisk at the start of a link's text (a phrase) with no partner in it, `[*How can I help?](#help)`:
      emphasis cannot close outside the link, so the asterisk is printed (not one in a code span there:
      ``[`*const T` and …]``);
    - a numeric reference to an ASCII character in inline code, `` `disableKinds=[&#34;sitemap&#34;]` ``: an
      HTML escaper's output pasted into Markdown, which does not decode references in code, so `&#34;` is
      printed (a code span that shows only references is a text about them, and is left alone).

    In HTML posts (which no Markdown renderer reads), a block whose whole text is wrapped in bold markers,
    `<p>** 鸽派叛乱？**</p>`: a wire service's subheading, printed with its asterisks; italic markers around
    a paragraph or a run of paragraphs, `<p>*从文本…</p> … <p>…回忆。*</p>` (an editor's note set in italics
    on the outlet's page, its `*` glued to the text at both ends, at most six paragraphs apart: an asterisk
    that opens a note, `<p>*版權所有，請勿轉載。</p>`, has no partner and is left alone); and text standing in
    the body itself (outside any element) as paragraphs separated by blank lines, the way Markdown writes
    them: the browser joins them into one run of text. (Inside an element, blank lines are the outlet's own
    layout of its HTML, which its page showed joined too.)

    Code (fenced, indented, inline) is not looked at otherwise.

    What only the site's renderer shows as typed is judged where the generator is known: a link whose
    brackets are escaped (`\\[text\\](https://…)`, every renderer); on Hugo, Zola and Eleventy (CommonMark), a
    pipe table without its delimiter row under the first line, a link whose address holds a space, a link or
    image whose title is in typographic quotes (`![x](/a.png “title”)`) and a kramdown attribute list
    (`{:target="_blank"}`, which only kramdown reads); on Jekyll (kramdown), an attribute list left open
    (`{: .note`).

    ## Why is this bad?
    The reader sees asterisks, brackets and tildes instead of bold text, a link or a struck-out title. It is
    what happens when HTML copied from a page is mixed with Markdown written around it, or when a template's
    markers are half deleted.

    ## Options
    None.
    """

    code = "PL710"
    name = "markdown-shown-as-text"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if not post.is_markdown:
            yield from _bold_in_html(post)
            yield from _italics_in_html(post)
            yield from _paragraphs_in_html(post)
            return
        body = post.body
        base = post.body_start
        yield from _link_leftovers(post)
        yield from _renderer_marks(post)
        if "&#" in body:
            yield from _references_in_code(post)
        # A raw <pre> element's lines after a blank line inside it are code too, though no Markdown block holds
        # them (`<pre><code>fn f(this: *mut Self)` … a blank line … more code `</code></pre>`).
        pres = _raw_pres(body) if "<pre" in body else []
        pre_starts = [low for low, _ in pres]
        for block in _BLOCK.finditer(body):
            start, end = block.start(), block.end()
            chunk = block.group(0)
            if _MARK_CHAR.search(chunk) is None:
                continue  # (every test below needs one of these characters; most paragraphs hold none)
            opened = _HTML_BLOCK_START.match(chunk)
            # Never a block that overlaps code; each paragraph test runs only where its characters occur.
            if code_overlaps(post, start, end) or _inside(pres, pre_starts, start, end):
                continue
            if opened:
                kramdown = post.site.generator not in ("hugo", "zola", "eleventy")
                if not (kramdown and reads_markdown_inside(chunk, opened.end(1))):  # `<div markdown="1">`
                    yield from self._in_html_block(chunk, opened, base + start)
                continue
            shown = _without_pre(chunk, start, pres, pre_starts) if pres else chunk
            yield from _broken_markers(shown, base + start, post.site.generator in ("hugo", "zola", "eleventy"))
            yield from _renderer_forms(shown, base + start, post.site.generator)
            if "~~" not in chunk:
                continue
            plain = _CODE_SPAN.sub(lambda span: " " * len(span.group(0)), chunk)
            tildes = [found for found in _TILDES.finditer(plain) if len(found.group(0)) == 2]
            if len(tildes) % 2 and _opens(plain, tildes[-1]):
                last = tildes[-1]
                yield Problem(
                    "'~~' has no partner in its paragraph, so it is shown as two tildes instead of starting or"
                    " ending a strikethrough",
                    base + start + last.start(),
                    base + start + last.end(),
                )

    def _in_html_block(self, chunk: str, opened: re.Match[str], offset: int) -> Iterator[Problem]:
        """Markers in an HTML block that both readings keep as text: CommonMark to the blank line, kramdown
        while the block's element is open (after its end tag Markdown is read again), never in <pre>."""
        if _QUOTED_POST.match(chunk, opened.start()):
            return  # a post quoted as it was posted (a tweet's `*rewrites entire app*`): its asterisks are its own
        limit = len(chunk)
        if not opened.group(0).lstrip().startswith("</"):
            name = opened.group(1).lower()
            close = chunk.lower().rfind(f"</{name}")
            if close >= 0:
                limit = close
        masked = _PRE.sub(lambda pre: " " * len(pre.group(0)), chunk[:limit])
        masked = _TAG.sub(lambda tag: " " * len(tag.group(0)), masked)
        for marker in _MARKERS.finditer(masked):
            what = marker.lastgroup or "markup"
            shown = " ".join(_TAG.sub("", chunk[marker.start() : marker.end()]).split())
            yield Problem(
                f"{_NAMES[what]} '{shown[:40]}' inside an HTML block is shown as typed: Markdown is not read"
                " between a block-level tag and the next blank line",
                offset + marker.start(),
                offset + marker.end(),
            )


#: A block's whole text in bold markers: `** 鸽派叛乱？**`, `**风险难料**`.
_WHOLE_BOLD = lazy_regex(r"\*\*\s?[^*\s][^*]{0,80}?\s?\*\*")
_TEXT_BLOCKS = ("p", "div", "li", "td", "h1", "h2", "h3", "h4", "h5", "h6", "span", "strong", "b")


def _bold_in_html(post: Post) -> Iterator[Problem]:
    html = post.html
    if "**" not in html.visible_text:
        return  # (an element's own text is a stretch of the tree's text)
    text = post.text or ""
    for element in html.iter(*_TEXT_BLOCKS):
        if (
            element not in html.start_tags
            or len(element)
            or next(element.iterancestors("pre", "code"), None) is not None
        ):
            continue
        shown = (element.text or "").strip()
        if not _WHOLE_BOLD.fullmatch(shown):
            continue
        at = text.find("**", html.start_tag(element)[1])
        if at < 0:
            continue
        end = text.rfind("**", at + 2, html.ends.get(element, len(text))) + 2
        yield Problem(
            f"bold markers '{shown[:40]}' in an HTML post are shown as typed: no Markdown renderer reads an HTML"
            " post (write <strong> or a heading)",
            at,
            max(end, at + 2),
        )


#: How far (in paragraphs) an italic marker opening a paragraph may look for the one that closes it.
_ITALIC_REACH = 6


def _italics_in_html(post: Post) -> Iterator[Problem]:
    """`<p>*从文本…</p> … <p>…回忆。*</p>`: Markdown italics around paragraphs of an HTML post, shown as typed."""
    html = post.html
    if "*" not in html.visible_text:
        return
    text = post.text or ""
    candidates = [element for element in html.iter(*_ITALIC_BLOCKS) if element in html.start_tags]
    # Innermost blocks only: a block that holds the next one in document order is its ancestor, and its text is
    # theirs (so each block's text is read once, however deep the nesting).
    blocks = [
        element
        for index, element in enumerate(candidates)
        if not (index + 1 < len(candidates) and html.span(element)[1] > html.start(candidates[index + 1]))
        and next(element.iterancestors("pre", "code"), None) is None
    ]
    shown: dict[int, str] = {}

    def block_text(index: int) -> str:
        if index not in shown:
            shown[index] = html.text_of(blocks[index]).strip()
        return shown[index]

    index = 0
    while index < len(blocks):
        first, past = html.run_range(blocks[index])
        opening = next((piece.lstrip() for piece in html.run_texts[first:past] if piece.strip()), "")
        if len(opening) < 2 or opening[0] != "*" or opening[1] in "* \t\u3000":
            index += 1
            continue
        closing = None
        for later in range(index, min(index + _ITALIC_REACH, len(blocks))):
            piece = block_text(later)
            inner = piece[1:] if later == index else piece
            if "*" in inner[:-1]:
                break  # another marker in between: not one pair
            if len(inner) > 1 and inner[-1] == "*" and inner[-2] not in "* \t\u3000":
                closing = later
                break
        if closing is None:
            index += 1
            continue
        start = text.find("*", html.start_tag(blocks[index])[1])
        last = blocks[closing]
        end = text.rfind("*", html.start_tag(last)[1], html.span(last)[1]) + 1
        if 0 <= start < end:
            yield Problem(
                "italic markers '*…*' around this text in an HTML post are shown as typed: no Markdown renderer"
                " reads an HTML post (write <em>)",
                start,
                end,
            )
        index = closing + 1


#: Blocks whose text an italic marker may open or close.
_ITALIC_BLOCKS = ("p", "li", "div", "blockquote", "dd", "dt", "td", "h1", "h2", "h3", "h4", "h5", "h6")


#: A blank line (two line breaks with only spaces around them): Markdown's paragraph break.
_BLANK_LINE = lazy_regex(r"[ \t\r]*\n[ \t\r]*\n\s*")


def _paragraphs_in_html(post: Post) -> Iterator[Problem]:
    """Text written as Markdown paragraphs (separated by blank lines) in an HTML post: the browser joins them."""
    html = post.html
    text = post.text or ""
    templated: list[tuple[int, int]] | None = None
    templated_starts: list[int] = []
    for index, run in enumerate(html.run_texts):
        if "\n" not in run or not _BLANK_LINE.search(run):
            continue
        if html.text_owner(index) is not html.root:
            continue  # inside an element: the outlet's own HTML, laid out on several lines, which it showed joined
        if templated is None:
            templated = template_code_blocks(post)
            templated_starts = [low for low, _ in templated]
        if templated:
            # The site's `{% highlight "js" %}…{% endhighlight %}`: code the template writes in a <pre>, blanked
            # (the run's text is the file's from its start: the run holds the tags as written).
            run = _blank_regions(run, html.run_starts[index], templated, templated_starts)
            if not _BLANK_LINE.search(run):
                continue
        paragraphs = [part for part in _BLANK_LINE.split(run) if any(char.isalnum() for char in part)]
        if len(paragraphs) < 2:
            continue  # (blank lines before or after the only piece of text are layout)
        start = html.run_starts[index]
        if html.in_raw_text(start):
            continue
        at = start + len(run) - len(run.lstrip(" \t\r\n"))
        line_end = text.find("\n", at)
        end = len(text) if line_end < 0 else line_end
        yield Problem(
            f"{len(paragraphs)} paragraphs separated only by blank lines run together into one: no Markdown"
            " renderer reads an HTML post, so the browser joins them (wrap each in <p>, or name the file .md)",
            at,
            max(end - (1 if text[end - 1 : end] == "\r" else 0), at + 1),
        )


def _blank_regions(run: str, start: int, regions: list[tuple[int, int]], starts: list[int]) -> str:
    """``run`` (which stands at ``start`` in the file) with what lies in ``regions`` made spaces, newlines kept."""
    end = start + len(run)
    index = max(0, bisect_right(starts, start) - 1)
    pieces: list[str] = []
    at = 0
    while index < len(regions) and regions[index][0] < end:
        low, high = max(regions[index][0], start) - start, min(regions[index][1], end) - start
        if high > at and high > low:
            low = max(low, at)
            pieces.append(run[at:low])
            pieces.append("".join("\n" if char == "\n" else " " for char in run[low:high]))
            at = high
        index += 1
    if not pieces:
        return run
    pieces.append(run[at:])
    return "".join(pieces)


#: A numeric character reference (`&#34;`, `&#x27;`).
_NUMERIC_REFERENCE = lazy_regex(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def _references_in_code(post: Post) -> Iterator[Problem]:
    """A numeric reference to an ASCII character in inline code (`disableKinds=[&#34;sitemap&#34;]`): an HTML
    escaper's output pasted into Markdown, which never decodes references in code."""
    body = post.body
    for start, end in post.code_regions:
        span = body[start:end]
        if not span.startswith("`") or "&#" not in span or "\n\n" in span:
            continue
        ticks = len(span) - len(span.lstrip("`"))
        first_line = span[ticks:].split("\n", 1)[0]
        if not span.endswith("`" * ticks) or (
            ticks >= 3 and body[start - 1 : start] in ("", "\n") and "`" not in first_line
        ):
            continue  # a fenced block (its opening line holds no closing backticks), not a code span
        inner = span[ticks : len(span) - ticks]
        found = [
            reference
            for reference in _NUMERIC_REFERENCE.finditer(inner)
            if 0x20 <= int(reference.group(1) or reference.group(2), 10 if reference.group(1) else 16) <= 0x7E
        ]
        if not found or not _NUMERIC_REFERENCE.sub("", inner).strip():
            continue  # none, or the span shows only the reference itself (a text about references)
        first = found[0]
        number = first.group(1) or first.group(2)
        char = chr(int(number, 10 if first.group(1) else 16))
        at = post.body_start + start + ticks + first.start()
        yield Problem(
            f"'{first.group(0)}' in inline code is shown as typed, not as '{char}': Markdown does not decode"
            " character references in code (write the character itself)",
            at,
            at + len(first.group(0)),
        )


def _link_leftovers(post: Post) -> Iterator[Problem]:
    """A second `(url)` glued after a link, and a lone emphasis marker that opens a link's text."""
    text = post.text or ""
    base = post.body_start  # links carry offsets in the file, code regions in the body
    for link in post.markdown.links:
        if not link.href or text[link.start : link.start + 1] != "[":
            continue  # an autolink `<url>` has neither
        second = _SECOND_TARGET.match(text, link.end)
        if second and not code_overlaps(post, link.start - base, second.end() - base):
            yield Problem(
                f"'{second.group(0)[:60]}' right after the link is shown as text: the link goes to"
                f" '{link.href[:60]}', and one of the two targets is the wrong one",
                second.start(),
                second.end(),
            )
        lone = _LONE_EMPHASIS.match(link.text)
        # The marker must open the link text as written: `[`*const T` and …]` shows a code span's `*`.
        if (
            lone
            and text.startswith(lone.group(1), link.start + 1)
            and not code_overlaps(post, link.start - base, link.end - base)
        ):
            marker = lone.group(1)
            yield Problem(
                f"'{marker}' opens the link text '{link.text[:40]}' and has no partner in it, so it is shown as"
                " typed (emphasis cannot close outside the link)",
                link.start + 1,
                link.start + 1 + len(marker),
            )


#: A second target glued to a link's closing parenthesis.
_SECOND_TARGET = lazy_regex(r"\((?:https?://|www\.)[^()\s]+\)")
#: A link text that opens with `*` or `**` before a word, with no other such marker in it, and is a phrase (has a
#: space): `*args` or `_posts` is a name typed on purpose, and a lone `_` is printed as typed anyway.
_LONE_EMPHASIS = lazy_regex(r"^(\*\*|\*)(?=[^\s*])(?=[^*]*\s)(?!.*(?<=\S)\1)", re.S)


def _opens(text: str, tildes: re.Match[str]) -> bool:
    """Whether a `~~` stands where a strikethrough would open: text follows it, and it does not end a word
    (`谢谢~~` is a tilde of tone, not a marker). Between two CJK words (`100 元~~降到 80 元`) it opens, unless
    it follows a particle of tone (`好啊~~那就这样`)."""
    after = text[tildes.end() : tildes.end() + 1]
    before = text[tildes.start() - 1 : tildes.start()] if tildes.start() else ""
    if not after or after.isspace():
        return False
    if before in _TONE_BEFORE:
        return False  # after an exclamation or another tilde (`嘿！~~大冷天的`, `唔~\~~汪汪`): drawn out, a tone
    if not before or before.isspace() or not before.isalnum():
        return True
    return _cjk(before) and _cjk(after) and before not in _TONE_PARTICLES


#: What a tilde of tone follows in casual writing: an exclamation or question mark, another tilde, a pause.
_TONE_BEFORE = frozenset("！？!?～~\\…，、")


def _cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


#: Particles a tilde of tone follows (`好啊~~`, `谢谢啦~~`, `そうだね~~`).
_TONE_PARTICLES = frozenset("啊呀吧呢哦啦嘛哈嘿喔噢哟耶呗咯嗯哇呐滴的了么哒嘻吗喲囉嗎麼噠唷嚕喵谢謝ねよなさわぞぜっー")


#: A block: lines up to a blank line.
# A block starts at a line start (a match can start nowhere else); anchored there, a line of white space is
# looked at once, not again from each of its characters (one line of 40,000 spaces took 6 s).
_BLOCK = lazy_regex(r"(?m:^)(?:[^\n]*\S[^\n]*(?:\n|$))+")
#: CommonMark's HTML block kind 6: a block-level tag opens the line (kind 7, a line that is one whole tag,
#: is left out: kramdown reads `<br/>` or `<span>` alone on a line as part of a paragraph).
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|center|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer"
    "|form|h[1-6]|header|hr|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul"
)
#: The characters one of which every marker the paragraph tests look for holds (`[`, `]`, `#`, a backtick,
#: `*`, `_`, `~`): a paragraph with none is not looked at.
_MARK_CHAR = lazy_regex(r"[\[\]#`*_~|{]")
_HTML_BLOCK_START = lazy_regex(rf"[ ]{{0,3}}</?({_BLOCK_TAGS})(?:[\s/>]|$)", re.I)
_PRE = lazy_regex(r"<(pre|code)\b.*?(?:</\1\s*>|$)", re.S | re.I)
#: A raw <pre> element, closed.
_PRE_OPEN = lazy_regex(r"<pre\b", re.I)
_PRE_CLOSE = lazy_regex(r"</pre\s*>", re.I)


def _raw_pres(body: str) -> list[tuple[int, int]]:
    """Each ``<pre ...>`` to its first ``</pre>`` (what ``<pre\\b.*?</pre\\s*>`` finds, without trying the lazy
    pattern from every ``<pre``: with no ``</pre>`` after them, 10,000 of them cost 5 s, 20,000 cost 20 s).
    Linear: once an opener finds no close, no later one can."""
    regions: list[tuple[int, int]] = []
    position = 0
    while (opened := _PRE_OPEN.search(body, position)) is not None:
        closed = _PRE_CLOSE.search(body, opened.end())
        if closed is None:
            break
        regions.append((opened.start(), closed.end()))
        position = closed.end()
    return regions


def _without_pre(chunk: str, start: int, regions: list[tuple[int, int]], starts: list[int]) -> str:
    """``chunk`` (at ``start`` in the body) with what lies in a raw <pre> element blanked, its length kept."""
    end = start + len(chunk)
    index = max(bisect_left(starts, start) - 1, 0)
    pieces = list(chunk)
    while index < len(regions) and regions[index][0] < end:
        low, high = max(regions[index][0], start), min(regions[index][1], end)
        for at in range(low, high):
            if pieces[at - start] != "\n":
                pieces[at - start] = " "
        index += 1
    return "".join(pieces)


def _inside(regions: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of ``regions`` after its first character (sorted, not
    overlapping; ``starts`` their starts): the one that starts last before it is the only one that can hold it."""
    index = bisect_left(starts, start) - 1
    return index >= 0 and regions[index][0] < start and end <= regions[index][1]


_TAG = lazy_regex(r"<!--.*?-->|<[^<>]*>", re.S)
_MARKERS = lazy_regex(
    r"(?P<strong>\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*)"
    r"|(?P<em>(?<![*\w])\*[^*\s](?:[^*\n]{0,80}[^*\s])?\*(?![*\w]))"
    r"|(?P<image>!\[[^\]\n]*\]\([^)\s]+\))"
    r"|(?P<link>\[[^\]\n]+\]\((?:https?://|/|\.)[^)\s]*\))"
    r"|(?P<heading>(?m:^)#{1,6}[ \t]+\S[^\n]*)"
)
_NAMES = {
    "strong": "bold markers",
    "em": "emphasis markers",
    "image": "a Markdown image",
    "link": "a Markdown link",
    "heading": "a heading",
}
_CODE_SPAN = lazy_regex(r"(`+)[^`].*?\1", re.S)
_TILDES = lazy_regex(r"(?<!~)~+(?!~)")


#: What is not read for markers in a paragraph: code spans, link targets, autolinks, tags, bare URLs, and the
#: address of a reference definition (`[8]: /Projects/valdi/__test_yui.html`).
_OPAQUE = lazy_regex(
    r"(`+)[^`].*?\1|<(code|kbd|samp|tt|var)\b[^>]*>.*?</\2\s*>|\]\([^)\n]*\)|<[^<>\n]*>|https?://[^\s<>)\]]+"
    r"|(?m:^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+)",
    re.S | re.I,
)
#: A link whose parts a space or full-width parentheses keep apart, or whose `(` is never closed.
_LOOSE_LINK = lazy_regex(
    r"(?<![\\])!?\[[^\[\]\n]+\](?:[ \t]+\((?:https?://|/)[^()\s]*\)|（(?:https?://|/)[^（）\s]*）"
    # A target and then white space and more words with no ')' to the end of the line: its ')' is missing. A
    # space before the ')' (`[PatchELF](https://nixos.org/patchelf.html ) is`) is allowed by every renderer.
    r"|\((?:https?://|/)[^()\s]*(?=[ \t]+[^\s\"'()][^)\n]*$|[ \t]*$))",
    re.M,
)
_WIDE_BANG = lazy_regex(r"！\[[^\[\]\n]*\]\(")
_TIGHT_HEADING = lazy_regex(r"^[ ]{0,3}#{2,6}(?=[^\s#])", re.M)
#: A run of two or three `*` or `_` (a `***`/`___` run opens or closes bold too); the marker is its first two.
_RUNS = lazy_regex(r"(?<![*\\])(\*\*)\*?(?!\*)|(?<![_\\])(__)_?(?!_)")
#: A thematic break (`***`, `_ _ _`) is a line of its own, not markers.
_BREAK = lazy_regex(r"^[ ]{0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$", re.M)
#: `char **argv)`: a pointer in C written in prose, not a marker. A run glued to the word before it closes bold
#: (`**a**pproach;`, `for **s**tyle)`): it is a marker.
_POINTER = lazy_regex(r"(?<!\w)\*\*[A-Za-z_]\w*[);\[]")
_TICKS = lazy_regex(r"(?<!`)`+(?!`)")
#: Where a backtick is not a marker: link targets, tags, bare URLs.
_NOT_CODE = lazy_regex(r"\]\([^)\n]*\)|<[^<>\n]*>|https?://[^\s<>)\]]+")
#: The old typewriter quotes `like this' (a backtick closed by an apostrophe): typed on purpose.
_TYPEWRITER = lazy_regex(r"`[^`'\n]{1,40}'")


def _kind(char: str) -> str:
    """`space`, `punct` or `word`, as CommonMark's flanking rules see a character (the text's ends are space)."""
    if not char or char.isspace():
        return "space"
    if unicodedata.category(char)[0] in "PS":
        return "punct"
    return "word"


#: `\[text\](https://…)`: a link whose brackets were escaped (by an editor or an HTML-to-Markdown converter).
_ESCAPED_LINK = lazy_regex(r"(?<!\\)\\\[[^\[\]\n]{1,200}\\\]\((?:https?://|/)[^()\s]*\)")
#: A line of a pipe table, and the delimiter row GFM tables need under their first line.
_PIPE_ROW = lazy_regex(r"[ \t]*\|.*\|[ \t]*")
_DELIMITER_ROW = lazy_regex(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
#: kramdown's attribute list `{: .note}` left open on its line.
_OPEN_IAL = lazy_regex(r"^[ \t]{0,3}\{:(?:[ \t]*[.#][\w-]|[ \t]*\w+=)[^}\n]*$", re.M)
#: `[text](https://host/a file.pdf)`: a space in the address, which is not a title in quotes or parentheses.
_SPACED_TARGET = lazy_regex(r"(?<![!\\])\[[^\[\]\n]{1,200}\]\(https?://[^\s()<>]{1,2000} +[^\s()\"'][^()\n]{0,300}\)")


def _renderer_forms(chunk: str, offset: int, generator: str) -> Iterator[Problem]:
    """A pipe table without its delimiter row: text to CommonMark (Hugo, Zola, Eleventy), a table to kramdown."""
    if generator in ("hugo", "zola", "eleventy") and "|" in chunk:
        lines = chunk.rstrip("\n").split("\n")
        if (
            len(lines) >= 2
            and all(_PIPE_ROW.fullmatch(line) for line in lines)
            and not _DELIMITER_ROW.fullmatch(lines[1])
        ):
            yield Problem(
                "lines of a pipe table with no delimiter row ('| --- | --- |') under the first: the site's"
                " CommonMark renderer shows them as text, pipes included, not as a table",
                offset,
                offset + len(lines[0]),
            )


_WHY_ESCAPED = "the link's brackets are escaped, so the page shows the brackets and the address as typed, no link"
_WHY_SPACED = (
    "the link's address holds a space, so the site's CommonMark renderer does not read it as a link and shows it"
    " as typed (write %20 for the space)"
)
#: `![拓扑](/x.png “家里的网络”)`: a title in typographic quotes, which CommonMark does not read as a title: the
#: space ends the address, and the whole link or image is shown as typed.
_QUOTED_TITLE = lazy_regex(r"(?<!\\)!?\[[^\[\]\n]{0,200}\]\([^\s()<>]{1,2000} +[“”‘’「『«][^()\n]{0,300}\)")
#: `[docs](https://x/){:target="_blank"}`: kramdown's attribute list, which only kramdown reads.
_KRAMDOWN_IAL = lazy_regex(r"\{:[ \t]*(?:[.#][\w-]|[\w-]+=)[^{}\n]{0,200}\}")
_WHY_QUOTED_TITLE = (
    "the title is in typographic quotes, which the site's CommonMark renderer does not read as a title: the space"
    " ends the address, so the link or image is shown as typed (write the title in straight quotes)"
)
_WHY_KRAMDOWN_IAL = (
    "a kramdown attribute list ('{:…}'), which only kramdown (Jekyll) reads: the site's CommonMark renderer shows"
    " it as typed and sets no attribute"
)
_WHY_OPEN_IAL = (
    "kramdown's attribute list is not closed with '}', so the page shows it as text and the block gets no class"
)


def _renderer_marks(post: Post) -> Iterator[Problem]:
    """Over the whole body, outside code: escaped link brackets (every renderer), a link address holding a space,
    a title in typographic quotes, a kramdown attribute list (CommonMark: Hugo, Zola, Eleventy), an attribute
    list left open (kramdown: Jekyll)."""
    body, base = post.body, post.body_start
    generator = post.site.generator
    forms: list[tuple[re.Pattern[str], str]] = []
    if "\\[" in body:
        forms.append((_ESCAPED_LINK, _WHY_ESCAPED))
    if generator in ("hugo", "zola", "eleventy") and "](http" in body:
        forms.append((_SPACED_TARGET, _WHY_SPACED))
    if generator == "jekyll" and "{:" in body:
        forms.append((_OPEN_IAL, _WHY_OPEN_IAL))
    if generator in ("hugo", "zola", "eleventy"):
        if "](" in body and any(quote in body for quote in "“”‘’「『«"):
            forms.append((_QUOTED_TITLE, _WHY_QUOTED_TITLE))
        if "{:" in body:
            forms.append((_KRAMDOWN_IAL, _WHY_KRAMDOWN_IAL))
    blanks: list[int] | None = None  # where each paragraph starts, found when first needed
    for pattern, why in forms:
        for found in pattern.finditer(body):
            start = found.start() + len(found.group(0)) - len(found.group(0).lstrip())
            if in_code(post, start) or written_by_template(post, found.group(0)):
                continue  # code, or a link the site's Liquid/Nunjucks fills before Markdown reads it
            if pattern in (_QUOTED_TITLE, _KRAMDOWN_IAL):
                if blanks is None:
                    blanks = [match.end() for match in _BLANK_LINES.finditer(body)]
                if _in_html_block(body, blanks, start):
                    continue  # raw HTML: what Markdown inside it shows is judged as such above
            yield Problem(f"'{found.group(0).strip()[:40]}': {why}", base + start, base + found.end())


_BLANK_LINES = lazy_regex(r"\n[ \t]*\n")


def _in_html_block(body: str, blanks: list[int], offset: int) -> bool:
    """Whether the paragraph holding ``offset`` opens with an HTML tag (an HTML block, which CommonMark passes
    through as it is up to the next blank line); ``blanks`` are the ends of the body's blank lines."""
    index = bisect_right(blanks, offset) - 1
    start = blanks[index] if index >= 0 else 0
    head = body[start : start + 200].lstrip(" \t\n")
    return len(head) > 1 and head[0] == "<" and ((head[1].isascii() and head[1].isalpha()) or head[1] in "/!")


def _broken_markers(chunk: str, offset: int, commonmark: bool) -> Iterator[Problem]:
    """Markers in a Markdown paragraph that CommonMark shows as typed (see the rule's docstring). Each test
    runs only on paragraphs holding its characters (most hold none)."""
    if not commonmark and "$$" in chunk:
        # kramdown reads `$$…$$` as math, inline too (lil-log's `$$c^**$$`): no marker in it is Markdown's.
        chunk = _KRAMDOWN_MATH.sub(lambda math: " " * len(math.group(0)), chunk)
    if "]" in chunk:
        for found in _LOOSE_LINK.finditer(chunk):
            yield Problem(
                f"a Markdown link '{found.group(0)[:40]}' is not read as a link (its text and its target are kept"
                " apart or its ')' is missing), so brackets and the address are shown as typed",
                offset + found.start(),
                offset + found.end(),
            )
    if "！[" in chunk:
        for found in _WIDE_BANG.finditer(chunk):
            yield Problem(
                "an image written with a full-width '！' is read as a link after an exclamation mark: the image"
                " is not shown",
                offset + found.start(),
                offset + found.start() + 1,
            )
    if "#" in chunk:
        for found in _TIGHT_HEADING.finditer(chunk):
            if found.start() and chunk[found.start() - 1] != "\n":
                continue
            heading = chunk[found.start() : found.start() + 20].split("\n")[0].strip()
            yield Problem(
                f"'{heading}' has no space after its '#' marks, so it is shown as a line of text, not a heading",
                offset + found.start(),
                offset + found.end(),
            )
    if chunk.startswith("#") and "\n" not in chunk.strip():
        lone_hash = _HASH_HEADING.fullmatch(chunk.strip())
        if lone_hash:
            yield Problem(
                f"'{chunk.strip()[:20]}' has no space after its '#', so it is shown as a line of text, not a heading",
                offset,
                offset + 1,
            )
    if "\\" in chunk:
        for found in _ESCAPED_EMPHASIS.finditer(chunk):
            yield Problem(
                f"'{found.group(0)[:40]}': the emphasis markers are escaped, so the reader sees the asterisks or"
                " underscores instead of bold or italic text (an importer escaped them)",
                offset + found.start(),
                offset + found.end(),
            )
    if "**" in chunk:
        opaque = _OPAQUE.sub(_blanked, chunk)
        for found in _SPACED_PAIR.finditer(opaque):
            if opaque.count("**", 0, found.start()) % 2:
                continue  # it closes an earlier '**': `**A** and **B**` holds no spaced pair
            yield Problem(
                f"'{found.group(0)[:40]}': bold markers with a space inside them are shown as typed (a '**' followed"
                " by a space cannot open bold, one after a space cannot close it)",
                offset + found.start(),
                offset + found.start() + 2,
            )
    if "*" in chunk:
        star = _lone_star(_OPAQUE.sub(_blanked, _BREAK.sub(lambda line: " " * len(line.group(0)), chunk)))
        if star is not None:
            yield Problem(
                "a '*' opens emphasis in the middle of a sentence and finds no partner in its paragraph, so it is"
                " shown as typed",
                offset + star,
                offset + star + 1,
            )
    if "_" in chunk:
        opaque = _OPAQUE.sub(_blanked, chunk)
        for found in _CJK_UNDERSCORES.finditer(opaque):
            yield Problem(
                f"'{found.group(0)[:40]}': single underscores inside a run of Chinese, Japanese or Korean text are"
                " shown as typed by every Markdown renderer (an underscore between two letters opens no emphasis):"
                " write '*' for italics",
                offset + found.start(),
                offset + found.start() + 1,
            )
    if "`" in chunk:
        lone = _lone_tick(_NOT_CODE.sub(lambda span: " " * len(span.group(0)), chunk))
        if lone is not None:
            yield Problem(
                "a '`' has no partner in its paragraph, so it is shown as typed and the code it meant to mark is not",
                offset + lone,
                offset + lone + 1,
            )
    # `__` on kramdown only where it opens a word and has no partner by count (see
    # `_kramdown_literal_underscores`): its rules for underscores inside words and next to punctuation differ
    # from CommonMark's, and Jekyll archives use `_注：__…_` in ways it reads its own way.
    if "**" not in chunk and "__" not in chunk:
        return
    plain = _OPAQUE.sub(_blanked, _BREAK.sub(lambda line: " " * len(line.group(0)), chunk))
    unpaired = _unpaired_run(plain)
    if unpaired is None:
        return
    marker = plain[unpaired : unpaired + 2]
    if marker == "__" and not commonmark and not _kramdown_literal_underscores(plain, unpaired):
        return
    if not commonmark:
        # kramdown (Jekyll, or a site postlint does not know) pairs markers that CommonMark's flanking rules
        # refuse (`**李洪元：**我`): only a marker left over by an odd count is shown as typed by both, or a
        # '**' that would open bold but has a space after it, which kramdown never reads as an opener.
        runs = [run for run in _RUNS.finditer(plain) if (run.group(1) or run.group(2)) == marker]
        if len([run for run in runs if not _POINTER.match(plain, run.start())]) % 2 == 0:
            spaced = _spaced_opener(plain)
            if spaced is not None:
                yield Problem(
                    "'**' is followed by a space, so kramdown does not read it as the start of bold: the page"
                    " shows it as typed, and the '**' meant to close it too",
                    offset + spaced,
                    offset + spaced + 2,
                )
            return
    yield Problem(
        f"'{marker}' finds no partner in its paragraph that the Markdown renderer accepts, so it is shown as"
        " typed instead of making bold text",
        offset + unpaired,
        offset + unpaired + 2,
    )


#: A paragraph that is one short line, `#` and a title with no space between: `#Release notes`, `#第二部分`. A
#: hashtag (one word, `#rustlang`), several of them, a number (`#1`) or a sentence are not headings.
_HASH_HEADING = lazy_regex(r"#(?=[^\W\d_])[^#\n]{1,60}")
#: Emphasis whose markers an importer escaped: `\*\*important\*\*`, `\_word\_`, text right inside the markers.
_ESCAPED_EMPHASIS = lazy_regex(r"(\\[*_])(\\[*_])?(?=[^\s\\*_])[^\n]{1,80}?(?<=[^\s\\])\1\2(?![\w*])")
#: The embed code of a social post (`<blockquote class="twitter-tweet">`, Mastodon's, Bluesky's, Instagram's,
#: TikTok's, Threads'): the post's text as its author typed it, markers included.
_QUOTED_POST = lazy_regex(
    r"[ \t]*<blockquote\b[^>]*\bclass=[\"']?[^\"'>]*\b(?:twitter-tweet|mastodon-embed|bluesky-embed|instagram-media"
    r"|tiktok-embed|text-post-media)",
    re.I,
)
#: kramdown's math, `$$…$$` (inline or a block of its own).
_KRAMDOWN_MATH = lazy_regex(r"\$\$(?!\$).+?\$\$", re.S)
#: `这是_重点_内容`: underscores meant as emphasis, glued on both sides to CJK letters (kramdown and CommonMark read
#: an underscore between two letters as an underscore). Identifiers (`snake_case`) are ASCII and do not match.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_CJK_UNDERSCORES = lazy_regex(f"(?<=[{_CJK}])_(?=[{_CJK}])[^_\\s]{{1,40}}(?<=[{_CJK}])_(?=[{_CJK}])")
#: Bold markers with a space inside them, written against the text outside: `这是** 重点 **内容`.
_SPACED_PAIR = lazy_regex(r"(?<=\S)(?<!\*)\*\*[ \t]+[^*\n]{1,60}?[ \t]+\*\*(?![*\s])")


def _lone_star(text: str) -> int | None:
    """The offset of a single `*` that opens emphasis after a space in a sentence (`is *not in 1.45`) and that
    no `*` in the paragraph closes. A `*` at the paragraph's start (a footnote's mark), between ASCII letters
    or digits (`2*3`), or before a space is written on purpose."""
    stars = [found.start() for found in re.finditer(r"(?<![*\\])\*(?!\*)", text)]
    if not stars or len(stars) > 1:
        return None  # (two or more: a pair, or a list the renderer sorts out)
    at = stars[0]
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if not before or not before.isspace() or not after or after.isspace() or not after.isalnum():
        return None
    if not text[:at].strip() or "\n" in text[:at].rstrip(" \t")[-1:]:
        return None
    if _WILDCARD_WORD.match(text, at):
        return None  # `*nix`, `*BSD`: the wildcard spelling of "any Unix", meant to show as typed
    line_start = text.rfind("\n", 0, at) + 1
    if not text[line_start:at].strip():
        return None  # at the start of its line: a footnote's mark or a list's bullet
    return at


#: The wildcard spellings of "any Unix-like system" (`*nix`, `*NIX`, `*BSD`), a `*` written to show.
_WILDCARD_WORD = lazy_regex(r"\*(?:nix|NIX|Nix|BSD)(?![A-Za-z])")


def _kramdown_literal_underscores(text: str, at: int) -> bool:
    """Whether kramdown, too, shows the `__` at ``at`` as typed: it opens a word after a space (`is __really
    important`), and the paragraph holds no single `_` (kramdown pairs `_注：__…_` its own way)."""
    before = text[at - 1] if at else " "
    after = text[at + 2] if at + 2 < len(text) else " "
    return before.isspace() and after.isalnum() and _SINGLE_UNDERSCORE.search(text) is None


_SINGLE_UNDERSCORE = lazy_regex(r"(?<!_)_(?!_)")


def _lone_tick(text: str) -> int | None:
    """The offset of a backtick run that no run of the same length closes, if any."""
    runs = list(_TICKS.finditer(text))
    index = 0
    while index < len(runs):
        run = runs[index]
        partner = next(
            (later for later in range(index + 1, len(runs)) if len(runs[later].group(0)) == len(run.group(0))), None
        )
        if partner is None:
            if len(run.group(0)) != 1 or _TYPEWRITER.match(text, run.start()):
                return None
            return run.start()
        index = partner + 1
    return None


def _blanked(span: re.Match[str]) -> str:
    """An opaque span with its inside blanked and its length kept: a code span as letters, anything else
    (a link target, a tag, a URL) keeping its first and last characters, which are what the flanking rules
    see beside a marker (`**[text](url)**` closes after the `)`, not after a space)."""
    text = span.group(0)
    if text.startswith("`"):
        return "x" * len(text)
    return text[0] + " " * (len(text) - 2) + text[-1] if len(text) > 1 else " "


def _unpaired_run(text: str) -> int | None:
    """The offset of the first `**`/`__` that CommonMark can neither pair nor would read as literal on purpose."""
    openers: list[tuple[str, int]] = []
    unpaired: list[int] = []
    orphans: list[tuple[str, int]] = []  # closers with nothing to close, in order
    seen: dict[str, list[int]] = {}
    for run in _RUNS.finditer(text):
        marker, at = run.group(1) or run.group(2), run.start()
        seen.setdefault(marker, []).append(at)
        before = _kind(text[at - 1]) if at else "space"
        after = _kind(text[run.end()]) if run.end() < len(text) else "space"
        left = after != "space" and (after != "punct" or before in ("space", "punct"))
        right = before != "space" and (before != "punct" or after in ("space", "punct"))
        if marker == "__":
            can_open = left and (not right or before == "punct")
            can_close = right and (not left or after == "punct")
        else:
            can_open, can_close = left, right
        if _POINTER.match(text, at):
            continue
        if can_close and any(kind == marker for kind, _ in openers):
            while openers and openers[-1][0] != marker:
                unpaired.append(openers.pop()[1])
            openers.pop()
            continue
        if can_open:
            openers.append((marker, at))
        elif can_close:
            orphans.append((marker, at))
        # A closer with nothing to close (`铳炮之**，`) stands for missing words more often than for a lost
        # opener: only markers that would open are reported.
    unpaired.extend(at for _, at in openers if not (_ascii_between(text, at)))
    if not unpaired:
        return None
    first = min(unpaired)
    marker = text[first : first + 2]
    # An orphan closer of the same marker before it is the pair's first half (`是**“最后一次迁移”**，`: the
    # flanking rules refuse the opener next to the quote): the reader sees the literal markers from there.
    earlier = [at for kind, at in orphans if kind == marker and at < first]
    if earlier and not any(earlier[-1] < at < first for at in seen.get(marker, ())):
        return earlier[-1]  # (only the run just before it: an orphan further back stands alone)
    return first


#: A `**` run of exactly two asterisks.
_DOUBLE_STAR = lazy_regex(r"(?<!\*)\*\*(?!\*)")


def _spaced_opener(text: str) -> int | None:
    """The offset of a `**` that stands where bold would open (an even number of `**` runs before it in the
    paragraph), against the text before it and with a space after it, when a `**` against the text before it
    follows, the bold's intended end (`世界，** 当所有…很微不足道。**”`). kramdown never opens bold before a
    space, so both are shown as typed; CommonMark's flanking rules refuse it too. A `**` between spaces
    (`2 ** 10`) or with nothing after it in the paragraph is not judged here. One pass over the runs."""
    runs = [found.start() for found in _DOUBLE_STAR.finditer(text)]
    glued = [at > 0 and not text[at - 1].isspace() for at in runs]  # against the text before it
    closer_after = [False] * len(runs)
    for index in range(len(runs) - 2, -1, -1):
        closer_after[index] = closer_after[index + 1] or glued[index + 1]
    for index, at in enumerate(runs):
        after = text[at + 2 : at + 3]
        if index % 2 or not glued[index] or after not in (" ", "\t") or not closer_after[index]:
            continue
        if not _ascii_between(text, at) and text[at + 2 :].lstrip(" \t")[:1] not in ("", "*"):
            return at
    return None


def _ascii_between(text: str, at: int) -> bool:
    """Whether a run stands between two ASCII letters or digits (`2**10`, `snake__case`), or between two of the
    same ASCII mark, an emoticon's face (`@___@`, `^__^`): literal on purpose."""
    before = text[at - 1] if at else ""
    end = at + 2
    while end < len(text) and text[end] == text[at]:
        end += 1
    after = text[end] if end < len(text) else ""
    if before and before == after and before.isascii() and not before.isalnum() and not before.isspace():
        return True
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
