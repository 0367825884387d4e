"""postlint's HTML reader against html5lib, the reference WHATWG tokenizer in Python.

Every start tag postlint records must be one html5lib's tokenizer emits: same offset of its ``<``, same name,
same attributes (first of duplicates wins, values decoded) and nothing more or less, in the same order. The
tokenizer is driven directly; like a browser's tree builder (in body), the driver switches it to script data,
RAWTEXT, RCDATA or PLAINTEXT after the start tags that do so. Offsets come from html5lib's own stream position
when it enters the tag-open state.

Inside ``<svg>`` and ``<math>`` the tree builder decides what is raw text (``<style>`` there is an ordinary
element, ``<![CDATA[`` is text, an ``<img>`` breaks out), so the generated bodies above hold none, and
generated SVG and MathML bodies are compared with html5lib's whole parser instead: same elements, same
attributes, in document order. Deliberate differences: ``<noscript>`` is read as markup (a browser without
scripting), the ``<select>`` and ``<frameset>`` modes, which drop some start tags, are not modelled, and an
end tag whose element is open above a "special" one (``<span><div></span>``) closes it in postlint where
browsers ignore it (the tree builder's rule, not the tokenizer's: it changes raw text only in SVG built that
way, ``<span><div><svg></span><script>``).
The dev corpus' 24 bodies with ``<svg>``, ``<math>`` or ``<select>`` read the same.

The normal run reads a byte-bounded sample of the dev corpus' bodies and 3,000 generated bodies (a few
seconds). ``POSTLINT_DIFFERENTIAL=full`` reads every corpus body and 50,000 generated ones, and
``POSTLINT_DIFFERENTIAL_CASES=N`` sets the number of generated ones.
"""

from __future__ import annotations

import os
import random
import re
from bisect import bisect_right
from typing import Any

import pytest
from conftest import CORPUS, needs_shared

from postlint.reading.html import _safe_tag, parse_html
from postlint.reading.post import parse_post

html5lib_tokenizer = pytest.importorskip("html5lib._tokenizer")
constants = pytest.importorskip("html5lib.constants")

FULL = os.environ.get("POSTLINT_DIFFERENTIAL") == "full"
CASES = int(os.environ.get("POSTLINT_DIFFERENTIAL_CASES", "50000" if FULL else "3000"))
#: Corpus bytes read in the normal run (the whole corpus takes html5lib minutes).
SAMPLE_BYTES = 10**12 if FULL else 400_000

_START = constants.tokenTypes["StartTag"]
_SWITCH = {
    "script": "scriptDataState",
    "style": "rawtextState",
    "xmp": "rawtextState",
    "iframe": "rawtextState",
    "noembed": "rawtextState",
    "noframes": "rawtextState",
    "title": "rcdataState",
    "textarea": "rcdataState",
    "plaintext": "plaintextState",
}
_FOREIGN = re.compile(r"<(?:svg|math|select|frameset)", re.I)
_LINE = re.compile(r"\n")

StartTag = tuple[int, str, dict[str, str]]


_HTMLTokenizer: Any = html5lib_tokenizer.HTMLTokenizer


class _Tokenizer(_HTMLTokenizer):  # type: ignore[misc]
    """html5lib's tokenizer, noting where each `<` that opens a tag stands as (line, column)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.opened: tuple[int, int] = (0, 0)

    def tagOpenState(self) -> bool:  # html5lib's name for the state after a `<`
        self.opened = self.stream.position()
        return bool(super().tagOpenState())


def html5lib_start_tags(text: str) -> list[StartTag]:
    """(offset, name, attributes) of every start tag, offsets in ``text`` as given (CR LF counts two)."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    line_starts = [0, *(m.end() for m in _LINE.finditer(normal))]
    # An offset in the normalised text, back to the original: add the CR LF pairs before it.
    pairs = [m.start() for m in re.finditer("\r\n", text)]
    shifted = [start - index for index, start in enumerate(pairs)]  # each pair's offset once normalised
    tokenizer = _Tokenizer(normal)
    found: list[StartTag] = []
    for token in tokenizer:
        if token["type"] != _START:
            continue
        line, column = tokenizer.opened
        offset = line_starts[line - 1] + column - 1
        offset += bisect_right(shifted, offset)
        name = token["name"]
        found.append((offset, _safe_tag(name), {key: value for key, value in token["data"].items()}))
        state = _SWITCH.get(name)
        if state is not None:
            tokenizer.state = getattr(tokenizer, state)
    return found


def postlint_start_tags(text: str) -> list[StartTag]:
    body = parse_html(text)
    found: list[StartTag] = []
    for element in body.elements:
        if any(parent.tag == "iframe" for parent in element.iterancestors()):
            continue  # a srcdoc document's elements, placed at the attribute (tested on their own)
        attributes = {a.name: a.value or "" for a in body.attributes.get(element, ())}
        found.append((body.start(element), str(element.tag), attributes))
    return found


def differences(text: str) -> list[str]:
    ours = postlint_start_tags(text)
    theirs = html5lib_start_tags(text)
    if ours == theirs:
        return []
    out = []
    for index in range(max(len(ours), len(theirs))):
        mine = ours[index] if index < len(ours) else None
        reference = theirs[index] if index < len(theirs) else None
        if mine != reference:
            out.append(f"#{index}: postlint {mine!r} / html5lib {reference!r}")
            break
    return out


# Pieces that decide where tags, attributes, comments and raw text start and end.
PIECES = [
    "<p>",
    "</p>",
    '<div class="a">',
    "</div>",
    '<img src=x alt="a>b">',
    "<a href='x' title=\"<\">",
    "<!-->",
    "<!--->",
    "<!---->",
    "<!-- x -->",
    "<!-- a --!> b -->",
    "<!-- <!-- -->",
    "<!--",
    "-->",
    "--!>",
    "<?php x ?>",
    "<!doctype html>",
    "<![CDATA[ x ]]>",
    "</ x>",
    "</>",
    "</3>",
    "<3",
    "< p>",
    "</",
    "<script>",
    "</script>",
    "</SCRIPT >",
    "</script/>",
    "</script x='>'>",
    "<!--<script>",
    "<script >",
    "<style>",
    "</style>",
    "<textarea>",
    '</textarea x="</textarea>">',
    "<title>",
    "</title>",
    "<xmp>",
    "</xmp>",
    "<iframe>",
    "</iframe>",
    "<noembed>",
    "</noembed>",
    "<noframes>",
    "</noframes>",
    "<plaintext>",
    "<IMG SRC=a ONERROR=b>",
    "<img src=a src=b SRC=c>",
    "<a b c=d e=\"f\" g='h' i=j/>",
    "<br/>",
    "<x/y>",
    "<a/ b>",
    "<a =b>",
    '<a "b">',
    "<a 'b'>",
    '<a b"c>',
    '<a b=c"d>',
    "<a b=`c`>",
    "<a b = c >",
    "<a b= >",
    "&amp;",
    "&copy=",
    '<a href="?a&copy=1&not;x&notit;&#x41;&#0;&#128;">',
    "<a title=&lt;b&gt;>",
    "<a b='&ampx'>",
    "<a b=&amp>",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\f",
    " ",
    "text",
    "文字",
    "<文>",
    "<a 文=1>",
    "<a\x00b c\x00=d e='f\x00'>",
    "<a cla④s=1>",
    ">",
    "<",
    '"',
    "'",
    "=",
    "/",
    "!",
    "-",
    "--",
    '<a href="',
    "<img alt='",
    "<div\tid=a\nclass=b\fdata-x=\r\n'y'>",
    "<A HREF=X>",
    "<a b=c/>",
    "<a b='c'/>",
    "<a///>",
    "<h1 x='a'y=b>",
    "<p\x0bq>",
    "<a b=c\x0bd>",
    '<img src="a\nb">',
    "</a b='>'>",
    "</a <b>",
]
MUTATION = "<>/=\"'!-? \t\n\r\f&;#aAsSpbc文\x00"


def generated(count: int, seed: int = 20261126) -> list[str]:
    rng = random.Random(seed)
    bodies: list[str] = []
    while len(bodies) < count:
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 24)))
        for _ in range(rng.choice((0, 0, 1, 2, 4, 8))):
            if not text:
                break
            where = rng.randrange(len(text) + 1)
            roll = rng.random()
            if roll < 0.5:
                text = text[:where] + rng.choice(MUTATION) + text[where:]
            elif roll < 0.8:
                text = text[:where] + text[where + 1 :]
            else:
                text = text[:where] + text[max(0, where - 6) : where] + text[where:]
        if not _FOREIGN.search(text):
            bodies.append(text)
    return bodies


def test_the_driver_reads_offsets_as_written() -> None:
    text = 'a\r\n<p\r\nclass="x">\r<img src=y>'
    assert html5lib_start_tags(text) == [(3, "p", {"class": "x"}), (18, "img", {"src": "y"})]
    assert postlint_start_tags(text) == html5lib_start_tags(text)


@pytest.mark.parametrize(
    "text",
    [
        '<img title="<" src="x.png" onerror="alert(1)">',
        "<!--> <img src=x onerror=alert(1)> -->",
        "<!---> <img src=x onerror=alert(1)> -->",
        "<!-- a --!> <img src=x onerror=alert(1)> -->",
        "</ x><img src=x onerror=alert(1)>",
        "<script><!--<script></script><img src=x onerror=a></script>--></script><img src=y>",
        "<title><b>x</title ><textarea><img src=x></textarea/><p>",
        "<a href=?a=1&copy=2 title='&notit;'>",
    ],
)
def test_the_reproducers_read_as_html5lib_reads_them(text: str) -> None:
    assert differences(text) == []


def test_generated_bodies_read_as_html5lib_reads_them() -> None:
    failures = [(text, diff) for text in generated(CASES) for diff in differences(text)]
    assert failures == [], f"{len(failures)} of {CASES} bodies differ; first: {failures[0]!r}"


@needs_shared
@pytest.mark.slow
def test_corpus_bodies_read_as_html5lib_reads_them() -> None:
    budget = SAMPLE_BYTES
    failures: list[tuple[str, str]] = []
    read = 0
    # A deterministic spread of the corpus: every 7th file until the budget is spent (all of it when full).
    for index, path in enumerate(sorted(CORPUS.iterdir())):
        if not FULL and index % 7:
            continue
        post = parse_post(path.read_bytes(), path.name)
        if not post.readable:
            continue
        budget -= len(post.body)
        if budget < 0:
            break
        read += 1
        failures.extend((path.name, diff) for diff in differences(post.body))
    assert read > 20
    assert failures == [], f"{len(failures)} of {read} bodies differ: {failures[:5]!r}"


# SVG and MathML change what is raw text (the tree builder decides it), so they are compared with html5lib's
# whole parser: the elements in document order, with their attributes (offsets are not in its tree).
FOREIGN_PIECES = [
    "<svg>", "</svg>", "<math>", "</math>", "<path d=1/>", "<g>", "</g>", "<title>", "</title>", "<desc>",
    "</desc>", "<foreignObject>", "</foreignObject>", "<mi>", "</mi>", "<mtext>", "</mtext>", "<style>",
    "</style>", "<script>", "</script>", "<textarea>", "</textarea>", "<xmp>", "</xmp>", "<div>", "</div>",
    "<img src=x onerror=a>", "<span>", "</span>", "<![CDATA[<img onerror=b>]]>", "x", "<circle r=1 />",
    "<font color=red>", "<font>", "<iframe>", "</iframe>", "<noembed>", "</noembed>",
]  # fmt: skip


Element = tuple[str, dict[str, str]]


def html5lib_elements(text: str) -> list[Element]:
    import html5lib

    tree = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        name = str(element.tag).rsplit("}", 1)[-1].lower()
        if name in ("html", "head", "body"):
            continue
        found.append((name, {str(key).rsplit("}", 1)[-1].lower(): value for key, value in element.attrib.items()}))
    return found


def _same_but_font_copies(ours: list[Element], theirs: list[Element]) -> bool:
    """Whether ``theirs`` is ``ours`` with at most some extra <font> elements in between."""
    index = 0
    for item in theirs:
        if index < len(ours) and item == ours[index]:
            index += 1
        elif item[0] != "font":
            return False
    return index == len(ours)


def test_svg_and_mathml_read_as_html5lib_reads_them() -> None:
    rng = random.Random(7)
    failures = []
    for _ in range(CASES // 6):
        text = "".join(rng.choice(FOREIGN_PIECES) for _ in range(rng.randint(1, 12)))
        body = parse_html(text)
        ours: list[Element] = [
            (str(element.tag), {a.name: a.value or "" for a in body.attributes.get(element, ())})
            for element in body.elements
        ]
        # A <font> left open is re-opened by html5lib's adoption agency: those copies are the tree builder's,
        # not tags in the source, and are the only elements html5lib may have more of.
        theirs = html5lib_elements(text)
        if not _same_but_font_copies(ours, theirs):
            failures.append((text, ours, theirs))
    assert failures == [], f"{len(failures)} differ; first: {failures[0]!r}"
