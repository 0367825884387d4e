"""PL804 link-empty: a template's output tag that no one fills in, and a Markdown link broken by
`[object Object]`."""

from __future__ import annotations

from conftest import LintText, codes

HEAD = "---\ntitle: t\n---\n"


def _config(generator: str) -> dict[str, object]:
    return {"select": ["PL804"], "generator": generator}


def test_a_liquid_variable_neither_jekyll_nor_the_post_defines_is_reported(lint_text: LintText) -> None:
    body = (
        '<p>Read <a href="{{ article.url }}">the story</a>, <a href="{{ site.baseurl }}/about/">about us</a>'
        ' and <a href="{{ item.url }}">this</a>.</p>\n{% assign item = site.posts.first %}\n'
    )
    assert codes(lint_text(HEAD + body, "post.html", config=_config("jekyll"))) == [("PL804", 4, 12)]


def test_on_hugo_any_output_tag_in_a_target_is_text(lint_text: LintText) -> None:
    body = "Read [the story]({{.Permalink}}) today.\n"
    assert codes(lint_text(HEAD + body, "post.md", config=_config("hugo"))) == [("PL804", 4, 6)]


def test_an_output_tag_in_a_raw_block_is_left_alone(lint_text: LintText) -> None:
    body = '{% raw %}\n<p><a href="{{ article.url }}">the story</a></p>\n{% endraw %}\n'
    assert codes(lint_text(HEAD + body, "post.html", config=_config("jekyll"))) == []


def test_a_markdown_link_broken_by_object_object_is_reported_at_its_bracket(lint_text: LintText) -> None:
    body = "See the talk ([slides](https://example.com/talks/[object Object])).\n\n`[a](x/[object Object])`\n"
    assert codes(lint_text(HEAD + body, "post.md", config=_config("jekyll"))) == [("PL804", 4, 15)]
