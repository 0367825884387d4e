"""Find Markdown images and links, with their positions, and the code regions in which nothing is markup.

markdown-it-py parses the Markdown (CommonMark, with indented code blocks switched off: imported bodies indent
raw HTML freely and kramdown does not treat it as code). It gives line maps for blocks only, so each image or
link is located by scanning its block's source for the next unescaped ``![`` / ``[`` that opens a link (an
inline destination follows, or its label is defined) or ``<`` for an autolink, in document order, and ends
where its brackets and parentheses balance.

Blocks whose only brackets are plain ``[text](url)`` links and ``![alt](src)`` images, perhaps ending in an
HTML block (more than half of the link-bearing blocks of a real archive), are read by one regular expression
instead: markdown-it then sees only their shape, so the blocks after them keep their context, and is not even
imported when every block is plain. Tests read the same texts both ways.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from postlint.core.lazyre import lazy_regex
from postlint.reading.sitefacts import LIQUID_CODE_TAGS
from postlint.reading.templates import hugo_highlight_pairs, hugo_shortcodes, liquid_blocks

# (Block quote markers and a list item marker may stand before a fence: a fence in a list item or a quote is
# code too.)
_FENCE_OPEN = lazy_regex(r"^([ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)?)(`{3,}|~{3,})[^\n]*$", re.M)
# A code span never crosses a blank line (it cannot leave its paragraph).
_CODE_SPAN = lazy_regex(r"(`+)(?!`)((?:(?!\n[ \t]*\r?\n).)+?)(?<!`)\1(?!`)", re.S)
_BACKTICKS = lazy_regex(r"``*")  # (not `+: a literal first character lets the engine skip to it)
# Hugo shortcodes hold angle brackets that are template syntax, not HTML: {{< figure src="x" >}}.
_SHORTCODE = lazy_regex(r"\{\{[<%].*?[>%]\}\}", re.S)


@dataclass(frozen=True)
class MarkdownImage:
    """``![alt](src "title")``; offsets are absolute. ``shortcode`` names the Hugo shortcode the image comes
    from (``figure``: its ``src``, and its ``alt`` or else its ``caption``, as Hugo's template writes them), or is
    empty for a Markdown image."""

    src: str
    alt: str
    title: str | None
    start: int
    end: int
    shortcode: str = ""


@dataclass(frozen=True)
class MarkdownLink:
    """``[text](href)`` or ``<href>``; offsets are absolute. ``heading`` is the heading level it sits in."""

    href: str
    text: str
    start: int
    end: int
    heading: int = 0


@dataclass
class MarkdownBody:
    images: list[MarkdownImage]
    links: list[MarkdownLink]
    #: Why only part of the images and links are listed, or ``None``.
    truncated: str | None = None
    #: Absolute offset of the block where reading stopped, when ``truncated`` says so.
    stopped_at: int | None = None


#: Images and links kept per body: each may cost a file lookup, and real posts hold a few hundred at most.
MAX_LINKS = 50_000


def _bounded(images: list[MarkdownImage], links: list[MarkdownLink]) -> MarkdownBody:
    """The body's images and links, cut to the first :data:`MAX_LINKS` of them in document order."""
    if len(images) + len(links) <= MAX_LINKS:
        return MarkdownBody(images, links)
    starts = sorted([image.start for image in images] + [link.start for link in links])
    last = starts[MAX_LINKS - 1]
    return MarkdownBody(
        [image for image in images if image.start <= last],
        [link for link in links if link.start <= last],
        f"more than {MAX_LINKS:,} Markdown images and links; the rest were not checked",
    )


def code_regions(
    text: str,
    code_tags: tuple[str, ...] = LIQUID_CODE_TAGS,
    shortcodes: bool = True,
    html_blocks: bool = False,
    kramdown: bool = False,
) -> list[tuple[int, int]]:
    """Relative ``(start, end)`` of the body's code, where ``<`` is not a tag: fenced code blocks (also in
    list items and block quotes), indented code blocks, code spans, the Liquid blocks named in
    ``code_tags`` (``{% highlight %}``, ``{% codeblock %}`` and ``{% comment %}`` unless the site's generator
    says otherwise), and when ``shortcodes``, Hugo ``highlight`` shortcodes and other shortcodes.

    With ``html_blocks`` (the reading of the page's HTML), backticks and fence lines inside an HTML block are
    no code: kramdown and CommonMark pass an HTML block through as it is, so ``<div>`` then
    `` `<img onerror=...>` `` runs the handler; with ``kramdown`` too, a block-level element's content up to
    its end tag, past blank lines (kramdown's reading)."""
    regions: list[tuple[int, int]] = []
    position = 0
    spans_from = 0
    spans: list[tuple[int, int]] = []
    closers: dict[str, tuple[list[int], list[int]]] = {}  # (kramdown) see _can_close
    raw = _HtmlBlocks(text, kramdown) if html_blocks and _HTML_LINE.search(text) else None
    # Template syntax is read with the generator's own grammar (postlint/reading/templates.py): masking more than the
    # generator hides would hide live script from the PL7 rules.
    if shortcodes and "{{" in text:
        regions.extend(hugo_shortcodes(text))
        if "highlight" in text:
            regions.extend(hugo_highlight_pairs(text))
    if "{%" in text and any(tag in text for tag in code_tags):
        regions.extend(liquid_blocks(text, code_tags))
    if "`" not in text and "~~~" not in text:
        return _with_indented_code(text, _merge(regions))
    fenced = "```" in text or "~~~" in text  # the fence pattern tries every line start: only when one may exist
    # A fence line inside a shortcode or Liquid block is no fence: the generator's template consumes it first
    # (`{{< highlight >}}` holding a ``` line, then a live link after `{{< / highlight >}}`).
    templates = _merge(regions) if fenced else []
    template_starts = [start for start, _ in templates]
    while fenced:
        opened = _FENCE_OPEN.search(text, position)
        if opened is None:
            break
        prefix, fence = opened.group(1), opened.group(2)
        if templates and _crosses(templates, template_starts, opened.start() + len(prefix) + 1):
            position = opened.end()
            continue
        if raw is not None and raw.holds(opened.start() + len(prefix)):
            position = opened.end()  # a fence line inside an HTML block is HTML (added for issue 25)
            continue
        if kramdown and not _can_close(text, closers, fence, opened.end()):
            # kramdown's fence needs its closing line: an unclosed ``` is text, and what follows is live
            # (CommonMark's code runs to the end of the document). (issue 25)
            position = opened.end()
            continue
        closer = re.compile(r"^[ \t>]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*\r?$", re.M)
        closed = closer.search(text, opened.end())
        end = closed.end() if closed else len(text)
        spans.extend(_spans(text, spans_from, opened.start() + len(prefix)))
        regions.append((opened.start() + len(prefix), end))
        position = spans_from = end
    spans.extend(_spans(text, spans_from, len(text)))
    if raw is not None:  # (issue 25) a code span inside an HTML block is HTML
        spans = [span for span in spans if not raw.holds(span[0])]
    regions.extend(spans)
    return _with_indented_code(text, _merge(regions))


#: Bodies up to this many characters have their HTML blocks found by markdown-it (real posts are far smaller).
_HTML_BLOCKS_PARSED = 512_000
# A line that may open an HTML block (after block quote and list markers): only then is markdown-it asked.
_HTML_LINE = lazy_regex(r"^[ \t>*+\-\d.)]*<[A-Za-z!?/]", re.M)


class _HtmlBlocks:
    """Where CommonMark's HTML blocks are (markdown-it's block parser: a comment block ends on the line of its
    `-->`, a `<div>` block at the next blank line), read once, when first asked. kramdown keeps a block-level
    element raw up to its end tag even past blank lines, so for Jekyll this finds less HTML than there is,
    never more than CommonMark's (which is more than kramdown's for a line like `<span>`, the safe side)."""

    def __init__(self, text: str, kramdown: bool = False) -> None:
        self.text = text
        self.kramdown = kramdown
        self._ranges: list[tuple[int, int]] | None = None
        self._kramdown_ranges: list[tuple[int, int]] | None = None
        self._markdown_ranges: list[tuple[int, int]] = []
        self._reach: list[tuple[int, int]] | None = None
        self._raw: RawHtml | None = None

    def holds(self, offset: int) -> bool:
        if len(self.text) > _HTML_BLOCKS_PARSED:
            # markdown-it's block parser costs up to 2 s a MB here; past the bound, RawHtml's reading (a block
            # whose line opens HTML is HTML to its end) finds more HTML than there is: the safe side.
            if self._raw is None:
                self._raw = RawHtml(self.text)
            return self._raw.in_html_block(offset)
        if self._kramdown_ranges is None:
            # kramdown's blocks come from a regex; markdown-it's from its block parser, asked only when the
            # offset lies where an HTML block could reach (most fences and code spans lie nowhere near one).
            fenced = self.kramdown and ("```" in self.text or "~~~" in self.text)
            fences = _kramdown_fences(self.text) if fenced else []  # read once for both
            self._kramdown_ranges = _merge(_kramdown_blocks(self.text, fences)) if self.kramdown else []
            markdown = self.kramdown and "markdown" in self.text
            self._markdown_ranges = _kramdown_markdown_blocks(self.text, fences) if markdown else []
        if _inside(self._kramdown_ranges, offset):
            return True
        if self._markdown_ranges and _inside(self._markdown_ranges, offset):
            return False  # kramdown reads Markdown here (`<div markdown="1">`), whatever CommonMark would
        if self._ranges is None:
            if self._reach is None:
                self._reach = _merge(_html_block_reach(self.text))
            if not _inside(self._reach, offset):
                return False
            starts = [0, *(line.end() for line in _LINE_BREAK.finditer(self.text)), len(self.text)]
            last = len(starts) - 1
            ranges = [
                (starts[min(token.map[0], last)], starts[min(token.map[1], last)])
                for token in _block_parser().parse(self.text)
                if token.type == "html_block" and token.map is not None
            ]
            self._ranges = ranges
        return _inside(self._ranges, offset)


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the sorted, disjoint ``ranges``."""
    index = bisect_right(ranges, (offset, 1 << 62)) - 1
    return index >= 0 and offset < ranges[index][1]


# What may stand before a line's content: indentation, block quote and list markers (a superset).
_MARKER_CHARS = frozenset(" \t>*+-0123456789.)")
_BLANK_LINE = lazy_regex(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?=\r|\n|\Z)")  # a line break, then a line of spaces and tabs
_LINE_END = lazy_regex(r"\r\n|\r|\n|\Z")
_QUOTE_MARKERS = lazy_regex(r"[ \t>]*")
#: The characters after `<` that may open an HTML block of kinds 1-5 (`<script`, `<pre`, `<style`,
#: `<textarea`, `<!--`, `<?`, `<!X`, `<![CDATA[`); markdown-it's own patterns decide.
_MAY_CLOSE_LATER = frozenset("!?sSpPtT")


def _html_block_reach(text: str) -> list[tuple[int, int]]:
    """Where CommonMark's HTML blocks (as markdown-it's html_block rule reads them) can lie: for each line whose
    content opens with ``<``, from its start to the end of the line holding the closing sequence of the kind
    its opening names (``-->`` for ``<!--``, ``</pre>`` for ``<pre``...), or to the next blank line for the
    other kinds. Every block markdown-it finds lies inside one of these (a container that ends sooner only
    ends it sooner); linear: each kind's closer and the blank lines are searched forward once."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES  # the rule's own opening and closing patterns

    openers = HTML_SEQUENCES[:5]  # the kinds that end at a closing sequence, not at a blank line
    found: dict[int, int] = {}  # per kind, where its closer was last found (searched again once passed)
    blank = -1
    reach: list[tuple[int, int]] = []
    length = len(text)
    content = text.find("<")
    while content >= 0:
        # Only a `<` after a line's block quote and list markers can open a block (found by `find`, which is
        # many times faster than a pattern tried at every line start in long lines of prose).
        start = content
        while start > 0 and text[start - 1] in _MARKER_CHARS:
            start -= 1
        at = content
        content = text.find("<", content + 1)
        if start > 0 and text[start - 1] not in "\r\n":
            continue
        kind = -1
        if at + 1 < length and text[at + 1] in _MAY_CLOSE_LATER:  # `<!`, `<?`, `<s`, `<p`, `<t`...
            head = text[at : _line_break(text, at).start()]
            kind = next((index for index, (opener, _, _) in enumerate(openers) if opener.search(head)), -1)
        if kind < 0:  # kinds 6 and 7 (or no block): to the next blank line
            if blank <= at:
                gap = _BLANK_LINE.search(text, at)
                blank = length if gap is None else gap.start() + (2 if text.startswith("\r\n", gap.start()) else 1)
            reach.append((start, blank))
            continue
        closer = found.get(kind, -1)
        if closer < at:
            closer = _closer(text, openers[kind][1], at)
            found[kind] = closer
        reach.append((start, length if closer >= length else _line_break(text, closer).end()))
    return reach


def _line_break(text: str, at: int) -> re.Match[str]:
    """The line break (or the end of the text) that ends the line holding ``at``."""
    found = _LINE_END.search(text, at)
    assert found is not None  # (`\Z` matches at the end)
    return found


def _closer(text: str, pattern: re.Pattern[str], start: int) -> int:
    """Where ``pattern`` first matches from ``start`` outside a line's block quote markers (a ``>`` that marks a
    quote is no closing ``>``), or ``len(text)``."""
    position = start
    while True:
        match = pattern.search(text, position)
        if match is None:
            return len(text)
        line = max(text.rfind("\n", start, match.start()), text.rfind("\r", start, match.start())) + 1
        if line <= start:  # on the opening line, whose content starts at ``start``
            return match.start()
        run = _QUOTE_MARKERS.match(text, line)
        markers = line if run is None else run.end()
        if match.start() >= markers:
            return match.start()
        position = markers  # past the markers: the rest of the line may still close it


_CLOSING_FENCE = lazy_regex(r"^[ \t>]*(`{3,}|~{3,})[ \t]*\r?$", re.M)


def _can_close(text: str, closers: dict[str, tuple[list[int], list[int]]], fence: str, after: int) -> bool:
    """Whether a line after ``after`` closes ``fence`` (same character, at least as long). ``closers`` caches,
    per character, the closing lines' starts and the longest closer from each on, read in one pass: a body
    of unclosed fences of falling lengths costs a bisection each, not a scan of the rest each."""
    if fence[0] not in closers:
        starts: list[int] = []
        lengths: list[int] = []
        for line in _CLOSING_FENCE.finditer(text):
            if line.group(1)[0] == fence[0]:
                starts.append(line.start())
                lengths.append(len(line.group(1)))
        for index in range(len(lengths) - 2, -1, -1):
            lengths[index] = max(lengths[index], lengths[index + 1])
        closers[fence[0]] = (starts, lengths)
    starts, longest = closers[fence[0]]
    index = bisect_left(starts, after)
    return index < len(starts) and longest[index] >= len(fence)


def _kramdown_blocks(text: str, fences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """kramdown's raw HTML blocks: from a block-level start tag at a line's start (up to three spaces in) to
    the end tag that closes it, nested block elements counted, blank lines included; ``fences`` are the
    top-level fenced code blocks (:func:`_kramdown_fences`). Linear: one pass over the block tags."""
    ranges: list[tuple[int, int]] = []
    depth = 0
    start = line = scanned = 0
    fence = 0
    for tag in _KRAMDOWN_BLOCKS.finditer(text):
        newline = text.rfind("\n", scanned, tag.start())  # the line start, found by scanning each stretch once
        if newline >= 0:
            line = newline + 1
        scanned = tag.start()
        if depth == 0:
            while fence < len(fences) and fences[fence][1] <= tag.start():
                fence += 1
            if fence < len(fences) and fences[fence][0] <= tag.start():
                continue  # a tag in a fenced code block (```html over `<div>`) is code, not a block
            if tag.group(1) or tag.start() - line > 3 or text[line : tag.start()].strip(" "):
                continue  # an end tag, or a tag within a line: no block opens here
            if reads_markdown_inside(text, tag.end()):
                continue  # `<div markdown="1">`: its content is Markdown (see _kramdown_markdown_blocks)
            start = line
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            close = text.find(">", tag.end())
            ranges.append((start, len(text) if close < 0 else close + 1))
    if depth > 0:
        ranges.append((start, len(text)))
    return ranges


#: kramdown's `markdown` attribute on an HTML element, with a value that makes it read the content as Markdown.
_MARKDOWN_ATTRIBUTE = lazy_regex(
    r"""\smarkdown\s*=\s*(?:"(?:1|block|span)"|'(?:1|block|span)'|(?:1|block|span)(?=[\s/>]))"""
)


def reads_markdown_inside(text: str, after_name: int) -> bool:
    """Whether the start tag whose name ends at ``after_name`` carries kramdown's `markdown="1"` (or `block`,
    `span`): kramdown then reads the element's content as Markdown, not as raw HTML. The tag is read up to its
    `>`, at most 2,000 characters on."""
    close = text.find(">", after_name, after_name + 2000)
    return close >= 0 and _MARKDOWN_ATTRIBUTE.search(text, after_name - 1, close + 1) is not None


def _kramdown_markdown_blocks(text: str, fences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where kramdown reads Markdown inside a block element that asks for it (`<div markdown="1">` at a line's
    start): from the start tag's line to the blank line after its end tag (the lines right after `</div>` are
    Markdown again, though CommonMark would read them as part of an HTML block). Elements nested in it are
    matched by name; a tag in a fenced code block is code. Linear: one pass over the block tags, each end tag
    looking back over at most 64 open elements."""
    regions: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # open elements: (name, line start when it reads Markdown, else -1)
    fence = line = scanned = 0
    blank_at = -1
    for tag in _KRAMDOWN_BLOCKS.finditer(text):
        while fence < len(fences) and fences[fence][1] <= tag.start():
            fence += 1
        if fence < len(fences) and fences[fence][0] <= tag.start():
            continue
        newline = text.rfind("\n", scanned, tag.start())
        if newline >= 0:
            line = newline + 1
        scanned = tag.start()
        name = tag.group(2).lower()
        if not tag.group(1):
            at_line_start = tag.start() - line <= 3 and not text[line : tag.start()].strip(" ")
            markdown = at_line_start and reads_markdown_inside(text, tag.end())
            stack.append((name, line if markdown else -1))
            continue
        for index in range(len(stack) - 1, max(-1, len(stack) - 65), -1):
            if stack[index][0] != name:
                continue
            start = stack[index][1]
            del stack[index:]
            if start >= 0:
                if blank_at < tag.end():  # end tags only move forward: one blank line found serves until passed
                    blank = _BLANK_LINE.search(text, tag.end())
                    blank_at = blank.start() if blank else len(text)
                regions.append((start, blank_at))
            break
    regions.extend((start, len(text)) for _, start in stack if start >= 0)  # never closed: to the end
    return _merge(regions)


#: A fence line at a line's start (up to three spaces in), as kramdown's GFM parser opens and closes one.
_KRAMDOWN_FENCE = lazy_regex(r"^ {0,3}(`{3,}|~{3,})", re.M)


def _kramdown_fences(text: str) -> list[tuple[int, int]]:
    """The fenced code blocks at the top level, each from its opening line to the end of its closing line (a
    fence never closed is text to kramdown: none). In order; linear: one forward search per fence line."""
    fences: list[tuple[int, int]] = []
    position = 0
    while True:
        opened = _KRAMDOWN_FENCE.search(text, position)
        if opened is None:
            return fences
        marker = opened.group(1)
        closer = re.compile("^ {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*\r?$", re.M)
        line_end = text.find("\n", opened.end())
        if line_end < 0:
            return fences
        closed = closer.search(text, line_end + 1)
        if closed is None:
            return fences
        fences.append((opened.start(), closed.end()))
        position = closed.end()


def code_around_shortcodes(text: str, code_tags: tuple[str, ...] = LIQUID_CODE_TAGS) -> list[tuple[int, int]]:
    """The code a shortcode can sit in: :func:`code_regions` without the shortcodes themselves (each
    ``{{< ref >}}`` is a region there, since ``<`` inside it is no tag), but with Hugo ``highlight`` pairs."""
    regions = code_regions(text, code_tags, shortcodes=False)
    if "highlight" in text and "{{" in text:
        regions = _merge([*regions, *hugo_highlight_pairs(text)])
    return regions


def _with_indented_code(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``regions`` plus the indented code blocks that hold a ``<``. markdown-it finds them (lists and
    quotes decide what is indented enough), but only when a candidate line lies outside the code found so
    far and outside any block-level element left open before it: most indented HTML in real posts sits in
    such an element, where kramdown keeps it as HTML."""
    if "\n    " not in text and "\t" not in text:
        return regions
    candidates = [found.start("line") for found in _INDENTED_TAG.finditer(text)]
    if not candidates:
        return regions
    starts = [start for start, _ in regions]
    candidates = [c for c in candidates if not _crosses(regions, starts, c)]
    if not candidates:
        return regions
    depth = 0
    index = 0
    for tag in _KRAMDOWN_BLOCKS.finditer(text, 0, candidates[-1]):
        while index < len(candidates) and candidates[index] < tag.start():
            if depth == 0:
                return _merge([*regions, *_indented_code(text)])
            index += 1
        if not _crosses(regions, starts, tag.start()):
            depth = max(0, depth + (-1 if tag.group(1) else 1))
    if index < len(candidates) and depth == 0:
        return _merge([*regions, *_indented_code(text)])
    return regions


_LINE_BREAK = lazy_regex(r"\r\n|\r|\n")  # markdown-it's line breaks
# Indented lines after a blank line, one of them holding a `<`: perhaps an indented code block with HTML in it
# (on any of its lines: `a: ptr<int> = alloc one;` as the third line of a Bril listing). `line` is where the
# indented lines start. Each line is read once: the lines before the one with a `<` hold none.
_INDENTED_TAG = lazy_regex(
    r"\n[ \t>]*\r?\n(?P<line>(?:[ \t]*>)*(?: {4}|[ ]{0,3}\t))"
    r"(?:[^\n<]*\n(?:[ \t]*>)*(?: {4}|[ ]{0,3}\t))*[^\n]*<"
)


#: Block-level elements whose content kramdown (Jekyll's Markdown) keeps as raw HTML up to their end tag,
#: blank lines and indentation included.
_KRAMDOWN_BLOCKS = lazy_regex(
    r"<(/?)(address|article|aside|blockquote|center|details|dialog|dir|div|dl|fieldset|figure|footer|form|header"
    r"|main|nav|ol|section|table|ul)(?=[\s/>])",
    re.I,
)


def _indented_code(text: str) -> list[tuple[int, int]]:
    """Indented code blocks and fences as CommonMark reads them (in list items and block quotes too), except
    inside a block-level element left open by an HTML block, whose content kramdown keeps as HTML."""
    tokens = _block_parser().parse(text)
    starts = [0, *(line.end() for line in _LINE_BREAK.finditer(text)), len(text)]
    regions: list[tuple[int, int]] = []
    depth = 0
    for token in tokens:
        if token.type == "html_block":
            for tag in _KRAMDOWN_BLOCKS.finditer(token.content):
                depth = max(0, depth + (-1 if tag.group(1) else 1))
        elif token.type in ("code_block", "fence") and token.map is not None and depth == 0:
            first, last = token.map
            regions.append((starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]))
    return regions


@lru_cache(maxsize=1)
def _block_parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_BLANK_LINE_START = lazy_regex(r"\n(?=[ \t]*\r?\n)")


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans in ``text[start:end]``, as ``_CODE_SPAN`` tried at each run of backticks in order would find
    them: a run opens a span that closes at the next run of exactly its length, unless a blank line comes
    first. Runs are indexed by length once, so each opener finds its closer by bisection (trying the pattern
    at each run scanned to the end of the paragraph for every unclosed run: runs of growing length, 320 KB,
    took 7 s)."""
    if text.find("`", start, end) < 0:
        return []
    runs = [(run.start(), run.end()) for run in _BACKTICKS.finditer(text, start, end)]
    by_length: dict[int, list[int]] = {}
    for run_start, run_end in runs:
        by_length.setdefault(run_end - run_start, []).append(run_start)
    # The first blank line at or after the current run, found as the runs go (they come in order): listing
    # every blank line of the body first read all of it for a few runs at its top.
    blank_at = -1
    spans: list[tuple[int, int]] = []
    done = start
    for run_start, run_end in runs:
        if run_start < done:
            continue  # inside the span just found
        opener = run_start
        if _escaped(text, opener, start):  # `\`` is a literal backtick: the run opens one character later
            opener += 1
            if opener == run_end:
                continue
        same = by_length.get(run_end - opener, [])
        index = bisect_right(same, run_start)
        if index == len(same):
            continue
        closer = same[index]
        if blank_at < run_end:
            blank = _BLANK_LINE_START.search(text, run_end, end)
            blank_at = blank.start() if blank is not None else end
        if blank_at < closer:
            continue  # the paragraph ends before the closer
        spans.append((opener, closer + run_end - opener))
        done = closer + run_end - opener
    return spans


def _escaped(text: str, offset: int, floor: int = 0) -> bool:
    """Whether the character at ``offset`` follows an odd number of backslashes (counted back to ``floor``)."""
    before = offset
    while before > floor and text[before - 1] == "\\":
        before -= 1
    return (offset - before) % 2 == 1


# Inline links and images `](`, reference links `][` / `[x]:`, and autolinks `<https:`.
# (A filter: it may pass blocks without any, never miss one. Every branch opens with a bracket, so the regex
# engine can skip to the candidates instead of trying each character; a `[label]:` counts anywhere.)
_MAY_LINK = lazy_regex(r"\]\s*[(\[]|\[[^\[\]\n]+\]:|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]")
# In a document that defines references, any `[label]` may be a link too. (Labels hold no `[`: besides
# being CommonMark's rule, that keeps each try short, where a line of 40,000 `[` took seconds.)
_MAY_LINK_OR_LABEL = lazy_regex(r"\]\s*[(\[]|\[[^\[\]\n]*\]|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]")
_MAY_DEFINE = lazy_regex(r"\[[^\[\]\n]+\]:")


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt  # imported on first use: many runs never need Markdown

    # Only what finds links and images is kept: emphasis and the like never change where a link is.
    parser = MarkdownIt("commonmark").disable(["code", "emphasis", "hr"])
    # Keep every link target as written: markdown-it drops javascript: links and percent-encodes the rest,
    # which would hide exactly what the link and image rules look for.
    setattr(parser, "validateLink", lambda url: True)  # noqa: B010 - replacing a method on purpose
    setattr(parser, "normalizeLink", lambda url: url)  # noqa: B010
    setattr(parser, "normalizeLinkText", lambda url: url)  # noqa: B010
    return parser


# Comments and raw-text elements may hold blank lines; a block cut out of one must not be parsed alone.
_RAW_REGION = lazy_regex(r"<!--.*?(?:-->|\Z)|<(pre|script|style|textarea)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_RAW_OPENER = lazy_regex(r"<(?:!--|(?:pre|script|style|textarea)\b)", re.I)


def raw_regions(text: str, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The comments and raw-text elements (``<pre>``, ``<script>``, ``<style>``, ``<textarea>``) of ``text``,
    each to its end (or the text's end), that do not open inside one of the merged, sorted ``code`` regions:
    `` `<pre>` `` in a code span is text, and taking it for an unclosed ``<pre>`` hid every link and
    reference definition after it. Each opener in code is passed over with its code region: linear."""
    regions: list[tuple[int, int]] = []
    starts = [begin for begin, _ in code]
    position = 0
    while (opener := _RAW_OPENER.search(text, position)) is not None:
        at = opener.start()
        index = bisect_right(starts, at) - 1
        if index >= 0 and at < code[index][1]:
            position = code[index][1]
            continue
        found = _RAW_REGION.match(text, at)
        if found is None:  # cannot happen (the region pattern opens as the opener does); read on
            position = at + 1
            continue
        regions.append((at, found.end()))
        position = max(found.end(), at + 1)
    return regions


_BLANK_LINES = lazy_regex(r"\n(?:[ \t]*\r?\n)+")


def _unclosed_inline_comment(text: str, start: int, end: int) -> bool:
    """Whether the raw region ``text[start:end]`` is a ``<!--`` that never closes and does not open its line:
    Markdown shows it as text, so the links after it are live (`<br>[<!--</style>[x][r]` then
    `[r]: javascript\\:...` on Hugo)."""
    if not text.startswith("<!--", start) or text.endswith("-->", start, end):
        return False
    at = start - 1
    while at >= 0 and text[at] in " \t":
        at -= 1
    return at >= 0 and text[at] != "\n"


def _blocks(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the blank-line separated blocks of ``text``."""
    blocks: list[tuple[int, int]] = []
    position = 0
    for gap in _BLANK_LINES.finditer(text):
        blocks.append((position, gap.start() + 1))
        position = gap.end()
    blocks.append((position, len(text)))
    return blocks


# The fast path: a block whose only brackets are plain inline links and images, with nothing that could
# change how CommonMark reads them (HTML, code, escapes, character references, headings, reference links).
_SIMPLE_LINK = lazy_regex(r'(!?)\[([^\[\]\n]*)\]\(([^\s()<>\x00-\x1f\x7f]+)(?:[ \t]+"([^"\n]*)")?\)')
_NOT_SIMPLE = lazy_regex(
    r"[<`\\]|~~~|&(?:#\d+|#x[\da-f]+|\w+);"  # HTML or autolinks, code, escapes, character references
    r"|^[ \t>*+\-\d.)]*#|^[ \t>]*[=\-]+[ \t]*$",  # ATX headings, setext underlines
    re.M | re.I,
)
# What follows a line's block structure (indentation, `>` quotes, list markers): replaced in plain blocks.
_LINE_SHAPE = lazy_regex(r"^([ \t>]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+[ \t>]*|$))*)(.*)$", re.M)


def _shape(match: re.Match[str]) -> str:
    return match.group(1) + "x" if match.group(2) else match.group(1)


# CommonMark's block-level tag names (spec 0.31.2, section 4.6, kind 6): a line that opens with one of them
# starts an HTML block that runs to the next blank line. A test checks they are all markdown-it's too.
HTML_BLOCK_TAGS = (
    "address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div "
    "dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe "
    "legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table "
    "tbody td tfoot th thead title tr track ul"
).split()
_HTML_BLOCK_START = lazy_regex(r"^ {0,3}</?(?a:" + "|".join(HTML_BLOCK_TAGS) + r")(?=\s|/?>|$)", re.I | re.M)
# CommonMark's raw HTML open and closing tags (spec 0.31.2, section 6.6): only what matches is passed to
# the page as HTML; any other `<` is shown as text (`<host.name>`, `<someone@example.org>`, `<https://x>`).
_ATTRIBUTE_VALUE = r"""(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*")"""
_INLINE_TAG = lazy_regex(
    r"<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*" + _ATTRIBUTE_VALUE + r")?)*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>"
)
#: How far an inline tag is read before it is taken as markup without reading its end (see RawHtml).
_INLINE_TAG_WINDOW = 16_384
#: What opens a tag that may run past the window: `<name` then white space, `/` or the window's end.
_INLINE_TAG_START = lazy_regex(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s|/|$)")
# A line that opens an HTML block of kinds 1-6 (raw text, comment, processing instruction, declaration,
# CDATA, block-level tag): the rest of its block reaches the page as it is, whatever a tag looks like.
_CONTAINER_PREFIX = r"^(?:[ \t]*>|[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]))*[ \t]*"
_HTML_BLOCK_LINE = lazy_regex(
    _CONTAINER_PREFIX
    + r"(?:<(?:script|pre|style|textarea)(?:[\s>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[|</?(?:"
    + "|".join(HTML_BLOCK_TAGS)
    + r")(?:[ \t]|/?>|$))",
    re.I | re.M,
)
# Kind 7: a block whose first line is one whole open or closing tag (not of a raw-text element).
_HTML_BLOCK_7 = lazy_regex(
    _CONTAINER_PREFIX + r"(?!<(?:script|pre|style|textarea)\b)(?:" + _INLINE_TAG.pattern + r")[ \t]*$", re.I
)


class RawHtml:
    """Which tags of a Markdown body reach the page as HTML (see :func:`postlint.reading.html.parse_html`): a tag
    CommonMark reads as inline raw HTML where no backslash escapes its ``<``, and anything inside an HTML
    block. Any other ``<`` is shown as text."""

    def __init__(self, text: str, kramdown: bool = False) -> None:
        self.text = text
        #: kramdown's reading (Jekyll): an HTML comment needs its `-->`, even one that opens a line.
        self.kramdown = kramdown
        self._starts: list[int] = []
        self._html_from: list[int] = []
        self._next_close = -1
        self._comment_end = -1
        self._blank_at = -1

    def accepts(self, offset: int) -> bool:
        text = self.text
        window = offset + _INLINE_TAG_WINDOW
        if window < len(text):
            # The tag pattern repeats a group per attribute, and Python's engine keeps state for each repeat
            # (a 5 MB tag cost 770 MB), so it is tried on a window. A tag whose first `>` lies past the window
            # is taken as markup, the safe reading for the rules that look for scripts and handlers (with no
            # `>` at all it is text, as CommonMark reads it).
            found = _INLINE_TAG.match(text, offset, window) is not None
            if not found and _INLINE_TAG_START.match(text, offset):
                if self._next_close < offset:  # offsets only grow: one forward search serves many tags
                    close = text.find(">", offset)
                    self._next_close = len(text) if close < 0 else close
                found = window <= self._next_close < len(text)
        else:
            found = _INLINE_TAG.match(text, offset) is not None
        if found and not _escaped(text, offset):
            return True
        return self._in_html_block(offset)

    def accepts_comment(self, offset: int) -> bool:
        """Whether the ``<!--`` at ``offset`` is a comment on the page: in an HTML block, or an inline comment
        that CommonMark and kramdown read as raw HTML, which ends (``-->``, or ``<!-->`` / ``<!--->``) before its
        paragraph does; else Markdown escapes the ``<`` and the rest is read again (issue 25)."""
        text = self.text
        if text.startswith(("<!-->", "<!--->"), offset):
            return True
        # Offsets only grow: the first `-->` and the first blank line found for an earlier comment serve later
        # ones until passed, so a body of unclosed `<!--` costs one scan.
        if self._comment_end < offset + 4:
            end = text.find("-->", offset + 4)
            self._comment_end = len(text) + 1 if end < 0 else end
        if self.kramdown and self._comment_end > len(text):
            return False  # kramdown shows an unclosed `<!--` as text, even at a line's start (CommonMark: to the end)
        if self._in_html_block(offset):
            return True
        if _escaped(text, offset) or self._comment_end > len(text):
            return False
        if self._blank_at < offset:
            blank = _BLANK_LINE_START.search(text, offset)
            self._blank_at = len(text) + 1 if blank is None else blank.start()
        return self._comment_end < self._blank_at

    def in_html_block(self, offset: int) -> bool:
        """Whether the body offset ``offset`` lies in a CommonMark HTML block (where nothing is Markdown)."""
        return self._in_html_block(offset)

    def _in_html_block(self, offset: int) -> bool:
        if not self._starts:
            for start, end in _blocks(self.text):
                self._starts.append(start)
                first_line_end = self.text.find("\n", start, end)
                if _HTML_BLOCK_7.match(self.text[start : end if first_line_end < 0 else first_line_end]):
                    self._html_from.append(start)
                    continue
                opened = _HTML_BLOCK_LINE.search(self.text, start, end)
                self._html_from.append(end if opened is None else opened.start())
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset >= self._html_from[index]


#: Whether plain blocks skip markdown-it (tests turn it off to compare both ways on the same input).
FAST_PATH = True


def _plain_block(
    block: str, start: int, base: int, images: list[MarkdownImage], links: list[MarkdownLink]
) -> str | None:
    """Read the links and images of a plain block without markdown-it, as markdown-it would read them.

    A plain block holds only plain ``[text](url "title")`` links and ``![alt](src)`` images (every bracket
    belongs to one), nothing listed in ``_NOT_SIMPLE``, and may end in an HTML block: a line that opens
    with one of CommonMark's block tags (``<div``, ``<figure``, ``</p``...) makes the rest of the block raw
    HTML. Returns what markdown-it should see instead of the block (its shape, so the blocks after it keep
    their context), or ``None``, adding nothing, when the block is not plain.
    """
    html = _HTML_BLOCK_START.search(block)
    text = block if html is None else block[: html.start()]
    if _NOT_SIMPLE.search(text):
        return None
    found = list(_SIMPLE_LINK.finditer(text))
    if text.count("[") + text.count("]") != 2 * len(found):  # the label of a match holds no bracket
        return None
    for match in found:
        bang, label, href, title = match.groups()
        begin = base + start + match.start()
        end = base + start + match.end()
        if bang:
            images.append(MarkdownImage(href, label, title, begin, end))
        else:
            links.append(MarkdownLink(href, label, begin, end))
    shape = _LINE_SHAPE.sub(_shape, text)
    return shape if html is None else shape + html.group(0) + ">\n"


def in_regions(regions: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` lies in one of the merged, sorted ``regions`` (``starts``: their starts), by
    bisection: testing every region for every offset made a body of many code spans quadratic."""
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < regions[index][1]


def _crosses(code: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether one of the (merged, sorted) regions begins before ``offset`` and ends after it."""
    index = bisect_right(starts, offset - 1) - 1
    return index >= 0 and code[index][0] < offset < code[index][1]


#: A footnote definition's label and colon at a line's start (`[^1]: had`), blanked where footnotes are read.
_FOOTNOTE_DEFINITION = lazy_regex(r"^ {0,3}\[\^[^\]\n]{1,200}\]:", re.M)


def parse_markdown(
    text: str,
    base: int,
    line_starts: list[int],
    code: list[tuple[int, int]] | None = None,
    kramdown: bool = False,
    footnotes: bool = False,
) -> MarkdownBody:
    """Parse the Markdown ``text`` that starts at absolute offset ``base``.

    With ``footnotes`` (the renderer reads them: kramdown, Goldmark, pulldown-cmark), a footnote definition
    ``[^1]: text`` defines no link: its label and colon are blanked before markdown-it reads the block, so a
    footnote reference ``[^1]`` is no reference link and the footnote's text is no link target.

    ``line_starts`` are the relative offsets of the body's lines, ``code`` its code regions. Only the blocks
    that can hold a link, an image or a reference definition are handed to markdown-it (a fifth of a typical
    archive's Markdown); the line maps it returns are translated back to the body's own lines.
    """
    images: list[MarkdownImage] = []
    links: list[MarkdownLink] = []
    if _MAY_LINK.search(text) is None:
        return MarkdownBody(images, links)  # no image, link or autolink syntax: nothing to parse
    may_link = _MAY_LINK_OR_LABEL if _MAY_DEFINE.search(text) else _MAY_LINK
    raw = [
        (start, end) for start, end in raw_regions(text, code or []) if not _unclosed_inline_comment(text, start, end)
    ]
    regions = _merge([*(code or []), *raw])
    region_starts = [begin for begin, _ in regions]
    plain_images: list[MarkdownImage] = []
    plain_links: list[MarkdownLink] = []
    pieces: list[str] = []
    needed = 0  # how many pieces markdown-it has to read: up to the last one that is not plain
    sub_lines: list[int] = []
    body_lines: list[int] = []
    next_line = 0
    spent = 0  # markdown-it's estimated work so far (see markdown_cost)
    stopped: int | None = None
    for start, end in _blocks(text):
        if regions and _crosses(regions, region_starts, start):
            # Part of a fenced code block, comment or <pre> with blank lines in it: what follows its end in the
            # block is Markdown (`{{< / highlight >}}[x](javascript:...)`).
            start = regions[bisect_right(region_starts, start - 1) - 1][1]
            if start >= end:
                continue
        if regions and _crosses(regions, region_starts, end):
            # The block runs into one: what stands before it is Markdown (`[x](javascript:...)` on the line
            # before a fence whose code holds a blank line is a live link).
            end = regions[bisect_right(region_starts, end - 1) - 1][0]
            if end <= start:
                continue
        block = text[start:end]
        if may_link.search(block) is None:
            continue
        if kramdown and "</" in block:
            # kramdown reads a line that starts with an end tag as text (a stray `</div>` closes nothing), where
            # CommonMark opens an HTML block: `</div>[x](javascript:...)` is a live link on a Jekyll page.
            block = _LINE_END_TAG.sub(r"\1 ", block)
        if footnotes and "[^" in block:
            block = _FOOTNOTE_DEFINITION.sub(lambda found: " " * len(found.group(0)), block)
        if kramdown and "]:" in block and ("{{" in block or "{%" in block):
            # Liquid runs before kramdown: `[1]: {{ site.baseurl }}{% post_url 2016-03-15-x %}` is one address
            # once built. Its tags' spaces (which CommonMark's definition refuses, and with it every definition
            # after it in the block) are no-break ones for markdown-it; same length.
            block = _TEMPLATED_DEFINITION.sub(_unspaced_tags, block)
        shape = _plain_block(block, start, base, plain_images, plain_links) if FAST_PATH else None
        if shape is not None:
            block = shape  # markdown-it sees the block's shape, so later blocks keep their context
        else:
            spent += markdown_cost(block)
            if spent > MARKDOWN_BUDGET:
                stopped = start
                break
            needed = len(pieces) + 1
        sub_lines.append(next_line)
        body_lines.append(bisect_right(line_starts, start) - 1)
        pieces.append(block)
        next_line += block.count("\n") + 2
    # Shapes after the last block that needs markdown-it change nothing: when every block was plain,
    # markdown-it is not even imported (a pre-commit run on a simple post saves that too).
    del pieces[needed:]
    if not pieces:
        return _stopped(_bounded(plain_images, plain_links), stopped, base, text)

    def body_line(line: int) -> int:
        slot = bisect_right(sub_lines, line) - 1
        return body_lines[slot] + line - sub_lines[slot]

    env: dict[str, Any] = {}
    tokens = _parser().parse("\n\n".join(pieces), env)
    references = env.get("references", {})
    heading = 0
    for token in tokens:
        if token.type == "heading_open":
            heading = int(token.tag[1:])
        elif token.type == "heading_close":
            heading = 0
        if token.type != "inline" or not token.children or token.map is None:
            continue
        first = body_line(token.map[0])
        last = body_line(token.map[1] - 1) + 1
        cursor = line_starts[first] if first < len(line_starts) else len(text)
        limit = line_starts[last] if last < len(line_starts) else len(text)
        _locate(token.children, text, cursor, limit, base, heading, images, links, references)
    if plain_images or plain_links:  # blocks read both ways, back in document order
        images = sorted([*plain_images, *images], key=lambda image: image.start)
        links = sorted([*plain_links, *links], key=lambda link: link.start)
    return _stopped(_bounded(images, links), stopped, base, text)


_LINE_END_TAG = lazy_regex(r"^([ \t>]*)<(?=/[A-Za-z])", re.M)
#: A reference definition whose address holds a Liquid tag (Jekyll): `[1]: {{ site.baseurl }}{% post_url x %}`.
_TEMPLATED_DEFINITION = lazy_regex(r"^([ ]{0,3}\[[^\]\n]{1,200}\]:[ \t]*)(\S*\{[{%][^\n]*)$", re.M)
_TEMPLATE_TAG = lazy_regex(r"\{\{[^{}\n]*\}\}|\{%[^{}\n]*%\}")


def _unspaced_tags(found: re.Match[str]) -> str:
    """A templated definition with the spaces inside its Liquid tags made no-break spaces."""
    address = _TEMPLATE_TAG.sub(lambda tag: tag.group(0).replace(" ", "\u00a0"), found.group(2))
    return found.group(1) + address


#: markdown-it's work on one body, in :func:`markdown_cost` units (about a microsecond each). The dev
#: corpus's costliest body needs under 200,000; a body past this budget is read up to the block where it
#: runs out, and PL015 says so.
MARKDOWN_BUDGET = 1_000_000
_DESTINATION_STOP = lazy_regex(r"[\s\x00-\x1f\x7f]")
_LINK_OPEN = lazy_regex(r"\]\(")
_PAREN_OPEN = lazy_regex(r"\(")
#: The characters markdown-it's inline parser stops at to try every rule (its text rule skips the others).
_DROP_TERMINATORS = str.maketrans(dict.fromkeys("\n!#$%&*+-:<=>@[\\]^_`{}~"))


def markdown_cost(block: str) -> int:
    """Estimated work for markdown-it to read ``block``: its length, plus 64 for each pair of brackets that
    may be a link text (100,000 nested ``[`` took 5 s), 128 for each ``][`` (a reference label is scanned
    again for every link text before it), 8 for each character on which markdown-it's inline rules stop
    (500,000 `<` or `=` took 5 s) and 32 for each ``](``, plus the characters
    the destination scan of each ``](`` can cover (to the next white space, or the 33rd ``(`` after it,
    where markdown-it gives up). markdown-it is linear in these, but with large factors: ``[a](`` repeated
    over 1.6 MB took 11 s, and ``[a](xxx...`` with long runs between links far more.
    """
    cost = len(block) + 128 * block.count("][") + 64 * min(block.count("["), block.count("]"))
    cost += 8 * (len(block) - len(block.translate(_DROP_TERMINATORS)))
    if "](" not in block:
        return cost
    stops = [match.start() for match in _DESTINATION_STOP.finditer(block)]
    opens = [match.start() for match in _PAREN_OPEN.finditer(block)]
    for link in _LINK_OPEN.finditer(block):
        after = link.end()
        stop = bisect_left(stops, after)
        paren = bisect_right(opens, after) + 32
        reach = min(
            stops[stop] if stop < len(stops) else len(block), opens[paren] if paren < len(opens) else len(block)
        )
        cost += 32 + reach - after
    return cost


def _stopped(body: MarkdownBody, stopped: int | None, base: int, text: str) -> MarkdownBody:
    """``body``, noting that reading stopped at the block at relative offset ``stopped`` (if any)."""
    if stopped is None:
        return body
    images = [image for image in body.images if image.start < base + stopped]
    links = [link for link in body.links if link.start < base + stopped]
    line = text.count("\n", 0, stopped) + 1
    return MarkdownBody(
        images,
        links,
        f"Markdown whose links cost too much to read (from the paragraph at body line {line:,}, "
        "the rest of its links and images were not checked)",
        base + stopped,
    )


def _locate(
    children: list[Any],
    text: str,
    cursor: int,
    limit: int,
    base: int,
    heading: int,
    images: list[MarkdownImage],
    links: list[MarkdownLink],
    references: dict[str, Any],
) -> None:
    # Links do not nest but images sit inside link texts: the next link is searched for after the end of
    # the last one, the next image after the start of the last link or image.
    link_cursor = image_cursor = cursor
    pairs = _bracket_pairs(text, cursor, limit)
    index = 0
    while index < len(children):
        child = children[index]
        if child.type == "image":
            found = _find_link(text, "![", image_cursor, limit, references, pairs)
            start = found if found >= 0 else image_cursor
            if start >= limit:
                # Not found where the block's lines say it is (a lone CR counted as a line break one way and
                # not the other): its place cannot be told, and a place past the text is no place at all.
                index += 1
                continue
            end = _link_end(text, start + 1, limit, pairs)
            alt = "".join(grand.content for grand in (child.children or []))
            title = child.attrs.get("title")
            images.append(
                MarkdownImage(
                    str(child.attrs.get("src", "")),
                    alt,
                    None if title is None else str(title),
                    base + start,
                    base + end,
                )
            )
            image_cursor = start + 2
            link_cursor = max(link_cursor, end)
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            autolink = child.markup in ("autolink", "linkify")
            if autolink:
                found = _find_unescaped(text, "<", link_cursor, limit)
            else:
                found = _find_link(text, "[", link_cursor, limit, references, pairs)
            start = found if found >= 0 else link_cursor
            # Collect the link text up to its link_close.
            depth, inner, words = 1, index + 1, []
            while inner < len(children) and depth:
                grand = children[inner]
                if grand.type == "link_open":
                    depth += 1
                elif grand.type == "link_close":
                    depth -= 1
                elif grand.type in ("text", "code_inline"):
                    words.append(grand.content)
                elif grand.type in ("softbreak", "hardbreak"):  # a link text that wraps onto the next line
                    words.append(" ")
                elif grand.type == "image":
                    words.append("".join(g.content for g in (grand.children or [])))
                inner += 1
            label = "".join(words)
            if autolink:
                close = text.find(">", start + 1, limit)
                end = close + 1 if close >= 0 else start + 1
            else:
                end = _link_end(text, start, limit, pairs)
            if start >= limit:  # its place cannot be told (see the image above)
                index += 1
                continue
            links.append(MarkdownLink(href, label, base + start, base + end, heading))
            link_cursor = end
            image_cursor = max(image_cursor, start + 1)
        index += 1


_BRACKET = lazy_regex(r"\\.|[\[\]]", re.S)  # an escaped character, or a bracket
_PAREN_STOPS = lazy_regex(r"[()\\\"']")


def _bracket_pairs(text: str, start: int, limit: int) -> dict[int, int]:
    """Each ``[`` in ``text[start:limit]`` mapped to the ``]`` that balances it (escaped ones do not count).

    One pass per paragraph: matching each candidate bracket on its own made a paragraph of 20,000 plain
    ``[`` take 30 s.
    """
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for token in _BRACKET.finditer(text, start, limit):
        char = token.group()
        if char == "[":
            opened.append(token.start())
        elif char == "]" and opened:
            pairs[opened.pop()] = token.start()
    return pairs


def _closing(text: str, start: int, limit: int) -> int:
    """Index of the ``)`` that balances the ``(`` at ``start`` (skipping backslash escapes and quoted
    titles, whose parentheses do not count), or -1."""
    depth = 0
    index = start
    while True:
        stop = _PAREN_STOPS.search(text, index, limit)
        if stop is None:
            return -1
        index = stop.start()
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        elif text[index - 1] in " \t\n":  # a quote that opens a title
            quote = text.find(char, index + 1, limit)
            if quote >= 0:
                index = quote
        index += 1


def _link_end(text: str, bracket: int, limit: int, pairs: dict[int, int]) -> int:
    """Where the link or image whose text opens with the ``[`` at ``bracket`` ends: after its ``(...)``
    destination, or after its ``]`` (reference links), or just after the bracket if it cannot be found."""
    close = pairs.get(bracket, -1)
    if close < 0:
        return bracket + 1
    if text.startswith("(", close + 1):
        paren = _closing(text, close + 1, limit)
        if paren >= 0:
            return paren + 1
    elif text.startswith("[", close + 1):  # [text][label] and [text][]
        label = pairs.get(close + 1, -1)
        if label >= 0:
            return label + 1
    return close + 1


def _find_link(
    text: str, opener: str, start: int, limit: int, references: dict[str, Any], pairs: dict[int, int]
) -> int:
    """Where the next link (``opener`` ``[``) or image (``![``) from ``start`` opens: brackets that are
    plain text (``[a51945ea] (url)``, an undefined ``[label]``) are passed over, so they cannot shift the
    links after them. ``references`` holds the document's definitions by normalized label."""
    from markdown_it.common.utils import normalizeReference  # already loaded: markdown-it parsed the text

    found = _find_unescaped(text, opener, start, limit)
    while found >= 0:
        bracket = found + len(opener) - 1
        close = pairs.get(bracket, -1)
        if close >= 0:
            after = text[close + 1 : close + 2]
            if after == "(" and _inline_tail(text, close + 1, limit):
                return found
            label = text[bracket + 1 : close]
            if after == "[":
                end = pairs.get(close + 1, -1)
                if end >= 0 and normalizeReference(text[close + 2 : end] or label) in references:
                    return found
            if normalizeReference(label) in references:
                return found
        found = _find_unescaped(text, opener, found + 1, limit)
    return -1


def _skip_blank(text: str, index: int, limit: int) -> int:
    """Past spaces and tabs and at most one line ending, as between the parts of an inline link."""
    newline = False
    while index < limit:
        char = text[index]
        if char in " \t":
            index += 1
        elif char in "\r\n" and not newline:
            newline = True
            index += 2 if text.startswith("\r\n", index) else 1
        else:
            break
    return index


def _inline_tail(text: str, paren: int, limit: int) -> bool:
    """Whether the ``(`` at ``paren`` opens what CommonMark accepts as an inline link's tail: a destination
    (``<...>``, or a run without spaces or controls whose parentheses balance), then an optional title,
    then ``)``. ``[text]({% post_url x %})`` has none (the destination stops at the space and ``post_url``
    is no title): markdown-it reads it as text, and its brackets must not be taken for the next link."""
    index = _skip_blank(text, paren + 1, limit)
    if index < limit and text[index] == "<":
        index += 1
        while index < limit and text[index] not in "<>\n":
            index += 2 if text[index] == "\\" else 1
        if index >= limit or text[index] != ">":
            return False
        index += 1
    else:
        depth = 0
        while index < limit:
            char = text[index]
            if char == "\\" and index + 1 < limit:
                index += 2
                continue
            if char <= " " or char == "\x7f":
                break
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            index += 1
        if depth:
            return False
    gap = index
    index = _skip_blank(text, index, limit)
    if index < limit and text[index] == ")":
        return True
    if index == gap or index >= limit or text[index] not in "\"'(":  # a title follows white space
        return False
    closer = ")" if text[index] == "(" else text[index]
    index += 1
    while index < limit and text[index] != closer:
        index += 2 if text[index] == "\\" else 1
    if index >= limit:
        return False
    index = _skip_blank(text, index + 1, limit)
    return index < limit and text[index] == ")"


def _find_unescaped(text: str, token: str, start: int, limit: int) -> int:
    """The first ``token`` in ``text[start:limit]`` not escaped by a backslash, or -1."""
    found = text.find(token, start, limit)
    while found > 0:
        before = found
        while before > 0 and text[before - 1] == "\\":  # count the backslashes just before it
            before -= 1
        if (found - before) % 2 == 0:
            return found
        found = text.find(token, found + 1, limit)
    return found
