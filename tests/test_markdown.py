"""Markdown images and links: where they are, and the fast path that reads plain blocks without markdown-it.

The fast path must never change a result, only its cost: every test here reads the same text both ways.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS, LintText, needs_shared
from hypothesis import example, given, settings
from hypothesis import strategies as st

from postlint.reading import markdown as _markdown
from postlint.reading.markdown import MarkdownBody
from postlint.reading.post import parse_post

HEAD = "---\ntitle: t\n---\n"


def read(body: str, *, fast: bool = True) -> tuple[str, MarkdownBody]:
    post = parse_post((HEAD + body).encode(), "p.md")
    saved = _markdown.FAST_PATH
    _markdown.FAST_PATH = fast
    try:
        markdown = post.markdown
    finally:
        _markdown.FAST_PATH = saved
    assert post.text is not None
    return post.text, markdown


def both_ways(body: str) -> tuple[str, MarkdownBody]:
    text, fast = read(body)
    _, slow = read(body, fast=False)
    assert fast == slow, body
    return text, fast


@pytest.mark.parametrize(
    "body",
    [
        'See [the report](https://example.com/r?a=1&b=2 "Report") and ![a cup](cup.jpg).\n',
        "- [one](https://one.example)\n- ![two](two.png)\n\n> [quoted](q.html)\n",
        "1. [a](a) [b](b)\n2. text ![c](c.jpg)\n",
        '[](empty-text) ![](no-alt.png) [x](y "title (with parens)")\n',
        "Wrapped text that is\n[long](https://example.com/long) and plain.\n",
        # Not plain: these go to markdown-it, and the results must still match.
        "# A heading with [a link](h.html)\n",
        "Setext [heading](s.html)\n===\n",
        "[ref link][r] and [shortcut]\n\n[r]: https://r.example\n[shortcut]: https://s.example\n",
        "[![badge](b.svg)](https://ci.example)\n",
        "Escaped \\[not a link\\] then [a link](l.html)\n",
        "Code `[x](y)` then [z](w)\n",
        '<span title="[a](b)">[c](d)</span>\n',
        "[A &amp; B](https://x.example/?q=&amp;)\n",
        "[text](<dest with spaces>) <https://auto.example>\n",
        # A block tag line starts raw HTML that runs to the blank line; other tags do not.
        "Boats at dawn. ![Boats](boats.jpg)\n<figure><img src=c.jpg><figcaption>[x](y)</figcaption></figure>\n",
        "<div>\n[inside](raw-html)\n</div>\n\n[after](md)\n",
        "[a](b)\n<divx>[c](d)</divx>\n",
        "[a](b)\n    <div>[c](d)\n",
        "[a](b)\n<div/x [c](d)\n",
        "[a](b)\n</P>\n[c](d)\n",
        "- [a](b)\n<div>\n\n  [c](d)\n",
        # Reference links: resolved against every definition, wherever it is.
        '[Foo  Bar][] and [foo bar] and ![alt][img]\n\n[FOO BAR]: https://f.example "T"\n[img]: pic.png "Pic"\n',
        "[undefined] and [x][undefined] and [x]\n\n[x]: https://x.example\n",
        "> [q]: https://q.example\n\n[q] is defined in a quote\n",
        "text\n[d]: https://d.example\n\n[d] follows a paragraph, so it is no definition\n",
        "[twice]\n\n[twice]: https://first.example\n\n[twice]: https://second.example\n",
        "[x](not a link) [x]\n\n[x]: https://x.example\n",
    ],
)
def test_fast_path_reads_like_markdown_it(body: str) -> None:
    both_ways(body)


def test_link_spans_cover_the_whole_link() -> None:
    text, markdown = both_ways(
        "* \\[rustdoc\\] Switch to Symbol [#80044](https://github.com/rust-lang/rust/pull/80044)\n"
        "* [@dependabot[bot]](https://github.com/apps/dependabot) and [@bep](https://github.com/bep)\n"
        "* ![an (odd) alt](odd.png) [ref][1]\n\n[1]: https://ref.example\n"
    )
    spans = [text[link.start : link.end] for link in markdown.links]
    assert spans == [
        "[#80044](https://github.com/rust-lang/rust/pull/80044)",
        "[@dependabot[bot]](https://github.com/apps/dependabot)",
        "[@bep](https://github.com/bep)",
        "[ref][1]",
    ]
    assert [text[image.start : image.end] for image in markdown.images] == ["![an (odd) alt](odd.png)"]


def test_brackets_that_are_plain_text_do_not_shift_later_links() -> None:
    body = "* Templates [a51945ea] (https://github.com/x) [@bep](https://github.com/bep) [undefined]\n"
    text, markdown = both_ways(body + "* `code` [@bep][bep]\n\n[bep]: https://github.com/bep\n")
    assert [text[link.start : link.end] for link in markdown.links] == ["[@bep](https://github.com/bep)", "[@bep][bep]"]


def test_a_link_text_that_wraps_keeps_its_words_apart() -> None:
    _, markdown = both_ways("[Rails\ncore team][3]\n\n[3]: https://rails.example\n")
    assert [link.text for link in markdown.links] == ["Rails core team"]


_PIECES = st.sampled_from(
    [
        "[a](b)",
        "![alt](img.png)",
        '[t](u "v")',
        "[x]",
        "[y][]",
        "[z]: https://z.example\n",
        "\\[",
        "]",
        "(",
        ")",
        "`",
        "<b>",
        "&amp;",
        "# ",
        "\n",
        "\n\n",
        "- ",
        "> ",
        "===\n",
        " ",
        "word",
        "文",
        "<div>",
        "</p>",
        "<figure/>",
        "<divx>",
        "<div/x",
        "<span>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_fast_path_agrees_on_any_mix(body: str) -> None:
    both_ways(body)


@needs_shared
@pytest.mark.slow
def test_fast_path_agrees_on_the_corpus() -> None:
    differing = []
    compared = 0
    for path in sorted(CORPUS.iterdir()):
        data = path.read_bytes()
        fast = parse_post(data, str(path), path)
        slow = parse_post(data, str(path), path)
        if not fast.readable:
            continue
        compared += 1
        _markdown.FAST_PATH = False
        try:
            expected = slow.markdown
        finally:
            _markdown.FAST_PATH = True
        if fast.markdown != expected:
            differing.append(path.name)
    assert differing == []
    assert compared > 3800  # an empty or unreadable corpus must not pass


def test_images_and_links_past_the_limit_are_reported_not_checked(
    monkeypatch: pytest.MonkeyPatch, lint_text: LintText
) -> None:
    monkeypatch.setattr(_markdown, "MAX_LINKS", 10)
    body = "".join(f"![]({n}.png) [x](https://e.example/{n})\n" for n in range(20))
    text, markdown = read(body)
    assert len(markdown.images) + len(markdown.links) == 10
    assert markdown.truncated == "more than 10 Markdown images and links; the rest were not checked"
    findings = lint_text(HEAD + body)
    [report] = [f for f in findings if f.code == "PL015"]
    assert (report.line, report.column) == (8, text.splitlines()[7].index("[x]") + 1)  # the tenth item
    assert {f.line for f in findings if f.code == "PL306"} == {4, 5, 6, 7, 8}  # images on lines 4-8 only


def test_block_tags_are_markdown_its() -> None:
    from markdown_it.common.html_blocks import block_names

    assert set(_markdown.HTML_BLOCK_TAGS) <= set(block_names)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("`` a\n \t[]<>")), max_size=80))
def test_code_spans_are_the_ones_commonmark_pairs(text: str) -> None:
    import re

    # The specification's rule as one pattern: a run of backticks up to the next run of the same length,
    # without a blank line in between (the reader finds the runs first; the answers must not differ).
    reference = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\r?\n).)+?)(?<!`)\1(?!`)", re.S)
    assert _markdown._spans(text, 0, len(text)) == [match.span() for match in reference.finditer(text)]


def test_a_paragraph_whose_only_links_are_shortcut_references_is_read() -> None:
    text, markdown = both_ways("Read [its RFC] first.\n\nNothing here.\n\n[its RFC]: https://rfc.example/1444\n")
    assert [(link.href, text[link.start : link.end]) for link in markdown.links] == [
        ("https://rfc.example/1444", "[its RFC]")
    ]


@pytest.mark.parametrize("body", ["[" * 40_000 + " [a](b)\n", "\\[" * 40_000 + " [a](b)\n", "x [a]" * 20_000 + "\n"])
def test_bracket_heavy_paragraphs_read_in_linear_time(body: str) -> None:
    import time

    started = time.process_time()
    text, markdown = read(body + "\n[zz]: https://z.example\n")
    assert time.process_time() - started < 5.0  # matching each bracket on its own took 30 s and more
    assert [text[link.start : link.end] for link in markdown.links][-1:] == (["[a](b)"] if "(b)" in body else [])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Liquid in a destination makes it no link (the space ends the destination and what follows is no
        # title): its brackets must not be taken for the links after it, which keep their own places.
        ("See [old]({% post_url 2024-02-01-x %}) and [day](#d) and [e]().", ["[day](#d)", "[e]()"]),
        ("![g]({{ site.baseurl }}/x.png) ![h](/y.png)", ["![h](/y.png)"]),
        (
            "[a](<b c>) [d](e \"t\") [f](g\n'x') [h](i(j)k) [l](m n) [o](p)",
            ["[a](<b c>)", '[d](e "t")', "[f](g\n'x')", "[h](i(j)k)", "[o](p)"],
        ),
        ("[a](\n) [b]( c ) [x](y 'open) [z](w)", ["[a](\n)", "[b]( c )", "[z](w)"]),
    ],
)
def test_brackets_that_commonmark_does_not_read_as_a_link_do_not_shift_the_next_ones(
    body: str, expected: list[str]
) -> None:
    text, markdown = both_ways(body)
    found = sorted([*markdown.links, *markdown.images], key=lambda item: item.start)
    assert [text[item.start : item.end] for item in found] == expected


_HTML_BLOCK_PIECES = st.sampled_from(
    "<!-- a|-->|<!---->|<!-->|<div>|</div>|<p>|<figure>|<span a='b'>|<x>|<pre>|</pre>|<script>|</script>|<textarea>|"
    "</TEXTAREA>|<STYLE |<?php|?>|<!DOCTYPE|<![CDATA[|]]>|\n|\n\n|\r\n|\r|\n   |> | > > |>|- |* |1. |2) |  |    |\t|"
    "```|`x`|text|a>b|--".split("|")
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_HTML_BLOCK_PIECES, max_size=30).map("".join), st.booleans())
@example("</div>\r\n-->`x`\r\n\n`y`", False)  # a CRLF line break is one break, not a line ended by \r
@example("x\r<div>\n`x`\n\n`y`", False)  # a lone \r ends a line too
@example("> <!DOCTYPE x\n> `x`\n> `y` >\n\n`z`", False)  # a quote's `>` closes no declaration
@example("> <!-- a\n> `x`\n> -->\n`y`", True)  # a comment closed after a quote's marker
def test_html_blocks_are_found_where_markdown_it_finds_them(text: str, kramdown: bool) -> None:
    # markdown-it's block parser is asked only for offsets that an HTML block could reach (from a line opening
    # with `<` to its kind's closing sequence or the next blank line): the answers must be markdown-it's.
    offsets = range(len(text) + 1)
    everywhere = _markdown._HtmlBlocks(text, kramdown)
    everywhere._reach = [(0, len(text) + 1)]  # always ask markdown-it
    expected = [everywhere.holds(offset) for offset in offsets]
    assert [_markdown._HtmlBlocks(text, kramdown).holds(offset) for offset in offsets] == expected
