"""PL803 reference-link-undefined and PL804 link-empty: what is reported, where (line and column), and what
is left alone because the generator does not read it as a link."""

from __future__ import annotations

import pytest
from conftest import LintText, codes

HEAD = "---\ntitle: t\n---\n"  # the body starts on line 4


def pl803(lint_text: LintText, body: str, name: str = "post.md") -> list[tuple[str, int, int]]:
    return codes(lint_text(HEAD + body, name=name, select=["PL803"]))


def pl804(lint_text: LintText, body: str, **kwargs: object) -> list[tuple[str, int, int]]:
    return codes(lint_text(HEAD + body, select=["PL804"], **kwargs))


# ------------------------------------------------------------------------------------------------- PL803
def test_full_collapsed_and_image_references_are_reported_at_their_opening_bracket(lint_text: LintText) -> None:
    body = "See [the report][r1] and [Notes][].\n\nA photo: ![pier][img]\n"
    assert pl803(lint_text, body) == [("PL803", 4, 5), ("PL803", 4, 26), ("PL803", 6, 10)]


def test_message_names_the_label_and_says_image(lint_text: LintText) -> None:
    findings = lint_text(HEAD + "![pier][img-1]\n", select=["PL803"])
    assert len(findings) == 1
    assert "reference image label 'img-1' has no definition" in findings[0].message
    assert (findings[0].end_line, findings[0].end_column) == (4, 15)  # the span ends after `[img-1]`


def test_labels_match_case_insensitively_with_white_space_collapsed(lint_text: LintText) -> None:
    body = "See [a][The  Annual\nReport] and [Straße][].\n\n[the annual report]: /r\n[STRASSE]: /s\n"
    assert pl803(lint_text, body) == []  # (Unicode case folding: ß matches SS, as CommonMark folds labels)


def test_definitions_count_in_quotes_lists_and_with_indentation(lint_text: LintText) -> None:
    body = "[a][q] [b][l] [c][i]\n\n> [q]: /quote\n\n- [l]: /list\n\n   [i]: /indented\n"
    assert pl803(lint_text, body) == []


def test_a_definition_label_may_hold_a_code_span(lint_text: LintText) -> None:
    body = "The [`slice::len`][] method and [`[T]::len`][`slice::len`].\n\n[`slice::len`]: https://x.test/len\n"
    assert pl803(lint_text, body) == []


def test_nothing_in_code_html_blocks_comments_or_liquid_is_read(lint_text: LintText) -> None:
    body = (
        "Inline `a[i][j]` code.\n\n"
        "```\nm[i][j] = 0\n```\n\n"
        "    indented[x][y]\n\n"
        "{% highlight ruby %}\nh[a][b]\n{% endhighlight %}\n\n"
        "<div>\n[in][html block]\n</div>\n\n"
        "<!-- [in][a comment] -->\n\n"
        "Liquid {{ site.data[page.lang][key] }} output.\n\n"
        "$$ A[i][j] = B[j][i] $$\n"
    )
    assert pl803(lint_text, body) == []


def test_footnotes_and_shortcut_references_are_not_checked(lint_text: LintText) -> None:
    body = "A claim.[^1][^2] And [just brackets] and [x] [spaced] (kramdown only).\n\n[^1]: one\n[^2]: two\n"
    assert pl803(lint_text, body) == []


def test_escaped_brackets_are_text(lint_text: LintText) -> None:
    assert pl803(lint_text, "Not a link: \\[a\\]\\[b\\] nor [a\\][b].\n") == []


def test_a_link_text_holding_an_image_is_one_reference(lint_text: LintText) -> None:
    # The image inside the link text is an inline image; the outer link's label is undefined.
    assert pl803(lint_text, "[![logo](/l.png)][home]\n") == [("PL803", 4, 1)]
    # And both are reported when the inner image is a reference too.
    assert pl803(lint_text, "[![logo][l]][home]\n") == [("PL803", 4, 1), ("PL803", 4, 2)]


def test_chained_brackets_report_the_first_reference_once(lint_text: LintText) -> None:
    # `[a][b][c]`: `[a][b]` is the reference; `[c]` after it is a shortcut (not checked).
    assert pl803(lint_text, "Emoji [ok][ok][ok] here.\n") == [("PL803", 4, 7)]


def test_labels_made_by_a_template_make_the_post_unknowable(lint_text: LintText) -> None:
    body = (
        "Fixes [#1190][] and [#1121][].\n\n"
        "{% for issue in page.issues %}\n[#{{ issue }}]: https://x.test/issues/{{ issue }}\n{% endfor %}\n"
    )
    assert pl803(lint_text, body) == []


def test_a_definition_whose_target_is_liquid_still_defines(lint_text: LintText) -> None:
    # Jekyll renders Liquid before Markdown, so `{{ site.url }}/x` becomes a URL (markdownlint's MD052 reports
    # these, and every definition after one in the same paragraph).
    body = "See [one][1] and [two][2].\n\n[1]: {{ site.url }}/one/\n[2]: https://x.test/two\n"
    assert pl803(lint_text, body) == []


def test_html_posts_are_not_markdown(lint_text: LintText) -> None:
    assert pl803(lint_text, "<p>[a][b]</p>\n", name="post.html") == []


def test_hostile_labels_are_neutralised_and_shortened(lint_text: LintText) -> None:
    label = "x\x1b\u202e\x07" + "y" * 200
    findings = lint_text(HEAD + f"[t][{label}]\n", select=["PL803"])
    assert [(f.line, f.column) for f in findings] == [(4, 1)]
    message = findings[0].message
    assert "\x1b" not in message and "\u202e" not in message and "y" * 70 not in message


# ------------------------------------------------------------------------------------------------- PL804
def test_empty_markdown_and_html_links_are_reported_at_the_link_and_attribute(lint_text: LintText) -> None:
    body = 'A [a]() b [c](<>) d [e]( ) f [g](#).\n\n<p><a href="">x</a> <a href=" ">y</a> <a href="#">z</a></p>\n'
    assert pl804(lint_text, body) == [
        ("PL804", 4, 3),
        ("PL804", 4, 11),
        ("PL804", 4, 21),
        ("PL804", 4, 30),
        ("PL804", 6, 7),
        ("PL804", 6, 24),
        ("PL804", 6, 42),
    ]


def test_allow_hash_accepts_a_lone_hash(lint_text: LintText) -> None:
    body = '[top](#) and <a href="#">top</a> and [gone]()\n'
    config = {"rules": {"link-empty": {"allow-hash": True}}}
    assert pl804(lint_text, body, config=config) == [("PL804", 4, 38)]


def test_an_empty_reference_definition_is_an_empty_link(lint_text: LintText) -> None:
    assert pl804(lint_text, "See [the notes][n].\n\n[n]: <>\n") == [("PL804", 4, 5)]


@pytest.mark.parametrize(
    "body",
    [
        '<a name="top">anchor</a> and <a id="x">no href</a>\n',
        "![image with no target]()\n",  # PL301's
        "[fragment](#section) [page](/page/) [home](/)\n",
        'Code: `[a]()` and\n\n```\n<a href="">x</a>\n```\n',
    ],
)
def test_not_empty_links(lint_text: LintText, body: str) -> None:
    assert pl804(lint_text, body) == []


def test_an_image_with_no_target_is_pl301_only(lint_text: LintText) -> None:
    found = codes(lint_text(HEAD + "![a]()\n", select=["PL301", "PL804"]))
    assert found == [("PL301", 4, 1)]


def test_indented_code_is_code_but_a_list_continuation_is_not(lint_text: LintText) -> None:
    body = "Text.\n\n    m[i][j] = 0\n\n- item\n\n    [cont][nowhere]\n"
    assert pl803(lint_text, body) == [("PL803", 10, 5)]


@pytest.mark.parametrize(
    "body",
    [
        "- " * 50_000 + "x\n",  # list markers with no definition after them
        "[" * 40_000 + "\n",
        "[a]" * 50_000 + "\n",
        "][" * 100_000 + "\n",
        "\\" * 50_000 + "][" * 50_000 + "\n",
        ("    [x][y]\n\n" * 5_000),
        "{{ " * 50_000 + "[a][b]\n",
        "{% " * 50_000 + "<!-- " * 20_000 + "[a][b]\n",
        "[a][b] " * 20_000 + "\n\n" + "[b]: /x\n" * 20_000,
        "$$ " * 50_000 + "[a][b]\n",
    ],
)
def test_hostile_bodies_take_linear_time(lint_text: LintText, body: str) -> None:
    import time

    started = time.process_time()
    lint_text(HEAD + body, select=["PL803"])
    assert time.process_time() - started < 10


@pytest.mark.parametrize("tag", ["<pre>", "<script>", "<STYLE>", "<textarea>", "<!--"])
def test_a_raw_text_tag_in_a_code_span_hides_nothing_after_it(lint_text: LintText, tag: str) -> None:
    """`` `<pre>` `` in a code span is text: read as an unclosed `<pre>`, it hid every definition and link after
    it (hugoDocs' transform.HighlightCodeBlock page: "wrapped in `<div>`, `<pre>`, and `<code>` elements")."""
    body = f"Uses [chroma][] here.\n\nWraps code in `{tag}` elements.\n\n[empty]()\n\n[chroma]: https://example.org/\n"
    assert codes(lint_text(HEAD + body)) == [("PL804", 8, 1)]
    # A real one hides them, and the reference is then undefined.
    body = f"Uses [chroma][] here.\n\n{tag}\n\n[empty]()\n\n[chroma]: https://example.org/\n"
    assert [c for c in codes(lint_text(HEAD + body)) if c[0] in ("PL803", "PL804")] == [("PL803", 4, 6)]
