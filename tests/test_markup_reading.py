"""What the PL7 rules see is what a browser runs, and what Markdown shows as code or text is not markup.

Each test lints a post as a user would and asserts the findings (code, line, column) they get.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest
from conftest import LintText, codes
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.reading.html import MAX_ATTRIBUTES, parse_html

HEAD = "---\ntitle: t\ndate: 2024-07-08 18:00:00 +08:00\n---\n"  # the body starts on line 5
PL7 = {"select": ["PL7", "PL014", "PL015"]}


def lint7(lint_text: LintText, body: str, name: str = "post.md") -> list[tuple[str, int, int]]:
    return codes(lint_text(HEAD + body, name=name, config=PL7))


@pytest.mark.parametrize("name", ["post.md", "post.html"])
def test_a_lt_sign_inside_a_quoted_value_does_not_hide_the_tag(lint_text: LintText, name: str) -> None:
    body = '<img title="<" src="x.png" onerror="alert(1)">\n'
    assert lint7(lint_text, body, name) == [("PL706", 5, body.index("onerror") + 1)]


@pytest.mark.parametrize(
    "comment",
    ["<!-->", "<!--->", "<!-- a --!>"],  # browsers close all three where they stand
)
def test_comments_end_where_browsers_end_them(lint_text: LintText, comment: str) -> None:
    body = comment + " <img src=x alt=a onerror=alert(1)> -->\n"
    assert lint7(lint_text, body, "post.html") == [("PL706", 5, body.index("onerror") + 1)]


def test_bogus_comments_end_at_the_first_gt(lint_text: LintText) -> None:
    body = "</ x><?php x><!x><img src=x alt=a onerror=alert(1)></>\n"
    assert lint7(lint_text, body, "post.html") == [("PL706", 5, body.index("onerror") + 1)]


def test_srcdoc_documents_are_read_and_reported_at_the_attribute(lint_text: LintText) -> None:
    body = (
        '<p>Before.</p>\n<iframe title="x" srcdoc="&lt;script&gt;steal()&lt;/script&gt;'
        '&lt;img src=x onerror=alert(1)&gt;&lt;a href=javascript:go()&gt;go&lt;/a&gt;"></iframe>\n'
    )
    column = body.split("\n")[1].index("srcdoc") + 1
    assert lint7(lint_text, body, "post.html") == [("PL705", 6, column), ("PL706", 6, column), ("PL707", 6, column)]


def test_an_attribute_name_lxml_cannot_hold_costs_only_that_name(lint_text: LintText) -> None:
    body = '<p cla④s="x">Text.</p>\n<script>alert(1)</script>\n'
    # Before: the whole body became one PL014 and no body rule ran.
    assert lint7(lint_text, body, "post.html") == [("PL703", 5, 4), ("PL705", 6, 1)]
    [paragraph, _] = parse_html(body).elements
    assert paragraph.tag == "p" and paragraph.text == "Text."


def test_a_tag_the_body_cuts_off_is_reported_once(lint_text: LintText) -> None:
    body = '<p>Text.</p>\n<img alt="a cut value\n<script>alert(1)</script>\n'
    assert lint7(lint_text, body, "post.html") == [("PL703", 6, 1)]


def test_script_data_ends_where_browsers_end_it(lint_text: LintText) -> None:
    # Inside `<!--<script>` the first `</script>` ends only the inner one: the img is script text.
    body = "<script><!--<script></script><img src=x onerror=a>--></script><img src=y alt=b onload=c>\n"
    assert lint7(lint_text, body, "post.html") == [("PL705", 5, 1), ("PL706", 5, body.index("onload") + 1)]


@pytest.mark.parametrize("element", ["title", "textarea", "xmp", "noembed", "noframes", "style"])
def test_raw_text_and_rcdata_hold_no_markup(lint_text: LintText, element: str) -> None:
    body = f"<{element}><img src=x onerror=a></{element.upper()} ><img src=y alt=b onload=c>\n"
    assert lint7(lint_text, body, "post.html") == [("PL706", 5, body.index("onload") + 1)]


def test_inside_svg_a_style_is_markup_and_an_img_breaks_out(lint_text: LintText) -> None:
    # In SVG <style> is an ordinary element; the <img> ends the SVG and runs its handler.
    body = "<svg><style><img src=x alt=a onerror=alert(1)></style></svg>\n"
    # (The browser closes <svg> and <style> there, so the end tags after it close nothing.)
    assert lint7(lint_text, body, "post.html") == [
        ("PL701", 5, 1),
        ("PL701", 5, 6),
        ("PL706", 5, body.index("onerror") + 1),
        ("PL702", 5, body.index("</style>") + 1),
        ("PL702", 5, body.index("</svg>") + 1),
    ]
    body = "<svg><![CDATA[<img src=x onerror=a>]]></svg><math><mtext><style><img onerror=b></style></mtext></math>\n"
    assert lint7(lint_text, body, "post.html") == []


def test_plaintext_swallows_the_rest(lint_text: LintText) -> None:
    assert lint7(lint_text, "<plaintext><img src=x onerror=a></plaintext><div>\n", "post.html") == []


def test_duplicate_attributes_keep_the_first_whatever_the_case(lint_text: LintText) -> None:
    body = '<a HREF="/one" href="javascript:x()">x</a>\n'
    assert lint7(lint_text, body, "post.html") == [("PL704", 5, body.index("href") + 1)]


def test_a_giant_tag_costs_bounded_memory(lint_text: LintText) -> None:
    tag = "<div " + " ".join(f"a{n}=x" for n in range(450_000)) + ">"
    tracemalloc.start()
    started = time.process_time()
    body = parse_html(tag)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.process_time() - started < 5.0
    assert peak < 20_000_000  # 1 GB before: every attribute was kept, then cut
    assert len(body.attributes[body.elements[0]]) == MAX_ATTRIBUTES
    assert lint7(lint_text, "<p>x</p>\n" + tag + "\n") == [("PL015", 6, 1)]


# --- Markdown: what the generator shows as code or text is not markup -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Write to <someone@example.org> or see <https://example.org/a?b=c>.",
        "Connect to <host.name> or <internal:ast>, then <isabella’s> turn.",
        "A `<div>` span and a ``<span>` with a backtick`` span.",
        "\\<div> is escaped.",
    ],
)
def test_markdown_text_that_is_not_html_is_not_reported(lint_text: LintText, text: str) -> None:
    assert lint7(lint_text, text + "\n") == []


def test_raw_html_after_an_escaped_backtick_is_live(lint_text: LintText) -> None:
    body = "a \\`<script>alert(1)</script>\\` b\n"
    assert lint7(lint_text, body) == [("PL705", 5, 5)]


def test_a_tag_markdown_escapes_is_text_but_what_follows_may_be_a_tag(lint_text: LintText) -> None:
    body = 'Text <x.y title="<img src=x onerror=alert(1)>"> more.\n'
    # CommonMark shows `<x.y title="` as text; the <img> after it is inline HTML and runs.
    assert lint7(lint_text, body) == [("PL706", 5, body.index("onerror") + 1)]


def test_inside_an_html_block_every_tag_reaches_the_page(lint_text: LintText) -> None:
    body = '<div class="box">\n<x.y tabindex=1 onfocus=alert(1)>text\n</div>\n'
    assert lint7(lint_text, body) == [("PL706", 6, body.split("\n")[1].index("onfocus") + 1)]


HEREDOC = """\
{%- highlight ruby -%}
query = <<~SQL
  SELECT * FROM posts WHERE id = <%= id %> AND tag = "<b class='x' class='y'>"
SQL
html = "<div><a href='#' href='#'>"
{%- endhighlight -%}
"""


@pytest.mark.parametrize(
    "block",
    [
        HEREDOC,
        "{% codeblock lang:html %}\n<div><img src=x onerror=a>\n{% endcodeblock %}\n",
        "{% comment %}\n<div><script>old()</script>\n{% endcomment %}\n",
        '{{< highlight html "linenos=table" >}}\n<div class="a" class="b">\n{{< /highlight >}}\n',
        "{{% highlight html %}}\n<span><script>x()</script>\n{{% /highlight %}}\n",
        "Some text:\n\n    <div class='a' class='b'>\n    <script>x()</script>\n\nMore.\n",
        "1. Step one:\n\n       <div><script>x()</script>\n\n2. Step two.\n",
        "- Item:\n\n  ```html\n  <div><script>x()</script>\n  ```\n",
        "> Quote:\n>\n> ```\n> <div><img src=x onerror=a>\n> ```\n",
    ],
)
def test_code_is_not_markup(lint_text: LintText, block: str) -> None:
    assert lint7(lint_text, block + "\n<p>After.</p>\n") == []


def test_indented_html_inside_an_open_block_element_stays_html(lint_text: LintText) -> None:
    # kramdown (Jekyll) keeps a block element's content as HTML up to its end tag, indentation included.
    body = "<div>\n\n    <script>x()</script>\n\n</div>\n"
    assert lint7(lint_text, body) == [("PL705", 7, 5)]


def test_an_unclosed_liquid_block_masks_nothing(lint_text: LintText) -> None:
    assert lint7(lint_text, "{% highlight html %}\n<script>x()</script>\n") == [("PL705", 6, 1)]


def test_liquid_raw_only_stops_liquid_so_its_html_still_runs(lint_text: LintText) -> None:
    # `{% raw %}` keeps Liquid from reading `{{ }}`; Jekyll still renders what is inside as Markdown and HTML.
    body = "{% raw %}\n<p>{{ not liquid }}</p>\n<script>x()</script>\n{% endraw %}\n"
    assert lint7(lint_text, body) == [("PL705", 7, 1)]


@pytest.mark.parametrize(
    "piece", ["<x.y ", '<a title="', "<a b b b ", "<!--", "<script><!--<script>", "\\`<b>`", "<a@b>\n\n    <"]
)
def test_pathological_markdown_reads_in_linear_time(piece: str) -> None:
    from postlint.reading.markdown import RawHtml, code_regions

    text = piece * 20_000
    started = time.process_time()
    parse_html(text, 0, code_regions(text), RawHtml(text))
    assert time.process_time() - started < 3.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"'!?-&#;` \n\tabscript文{}%")), max_size=300))
def test_any_markdown_parses_and_every_element_starts_at_a_lt_sign(text: str) -> None:
    from postlint.reading.markdown import RawHtml, code_regions

    body = parse_html(text, 0, code_regions(text), RawHtml(text))
    for element in body.elements:
        start, end = body.start_tags[element]
        assert text[start] == "<" and start < end <= len(text)


def test_a_self_closing_slash_on_an_html_element_is_ignored_as_browsers_ignore_it(lint_text: LintText) -> None:
    """`<div/>` opens a div that holds what follows (the `/` counts only on void, SVG and MathML elements)."""
    body = '<div class="ad"/>\n<p>Lanterns were lit.</p>\n<svg><path d="M0 0"/><foreignObject/></svg><br/>\n'
    html = parse_html(body, 0)
    div = html.by_tag["div"][0]
    assert [child.tag for child in div] == ["p", "svg", "br"]
    assert "path" not in {issue.tag for issue in html.issues}
    found = lint_text("---\ntitle: t\n---\n" + body, "post.html")
    unclosed = [f for f in found if f.code == "PL701"]
    assert [(f.line, f.column) for f in unclosed] == [(4, 1)]
    assert "browsers ignore the '/'" in unclosed[0].message


def test_a_self_closed_marker_that_is_not_html_is_not_reported(lint_text: LintText) -> None:
    """Jekyll leaves `excerpt_separator: <excerpt/>` in the page: an element with no effect, not a defect."""
    post = "---\ntitle: t\nexcerpt_separator: <excerpt/>\n---\n\nLead.\n\n<excerpt/>\n\n<p>More.</p>\n"
    assert [f.code for f in lint_text(post, "post.md") if f.code == "PL701"] == []
