"""PL710 markdown-shown-as-text on a Jekyll site (kramdown), checked against `jekyll build` 4.3.1: a `__`
that opens a word and has no partner, `*em*` in an HTML block, an unpaired `~~` between CJK words, and a
code span's `*` at the start of a link text."""

from __future__ import annotations

from conftest import LintText, codes

HEAD = "---\ntitle: t\n---\n"
JEKYLL = {"select": ["PL710"], "generator": "jekyll"}


def test_an_unpaired_double_underscore_opening_a_word_is_shown_as_typed(lint_text: LintText) -> None:
    body = "The option is __really important for builds.\n\nAs in `__init__` and __init__.py.\n\n_注：__内容_\n"
    assert codes(lint_text(HEAD + body, "post.md", config=JEKYLL)) == [("PL710", 4, 15)]


def test_single_asterisks_in_an_html_block_are_shown_as_typed(lint_text: LintText) -> None:
    body = "<p>The release is *not* backwards compatible: 2 * 3 = 6, a*b*c.</p>\n"
    assert codes(lint_text(HEAD + body, "post.md", config=JEKYLL)) == [("PL710", 4, 19)]


def test_an_unpaired_strikethrough_between_cjk_words_opens_and_a_tone_tilde_does_not(lint_text: LintText) -> None:
    body = "价格从 100 元~~降到 80 元。\n\n好啊~~那就这样吧。\n\n价格从 100 元~~降到~~ 80 元。\n"
    assert codes(lint_text(HEAD + body, "post.md", config=JEKYLL)) == [("PL710", 4, 10)]


def test_a_code_span_at_the_start_of_a_link_text_is_no_marker(lint_text: LintText) -> None:
    body = "- [`*const T` and `*mut T` now implement `Unpin`.][62583]\n\n[62583]: https://example.com/62583\n"
    assert codes(lint_text(HEAD + body, "post.md", config={"select": ["PL710"], "generator": "zola"})) == []
