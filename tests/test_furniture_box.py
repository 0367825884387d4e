"""PL502 outlet-boilerplate: furniture is reported as its own box (the label heading and the button with its
words), and not as a wrapper of the article that also holds it."""

from __future__ import annotations

from conftest import LintText, codes

HEAD = "---\ntitle: t\n---\n"
SELECT = {"select": ["PL502"]}


def test_the_box_with_its_heading_and_button_is_reported_at_its_start(lint_text: LintText) -> None:
    body = (
        "<p>The market fell in the morning and rose after lunch, as traders waited for the bank.</p>\n"
        '<div class="box"><h3>Newsletter</h3><p>訂閱電子報，每週一早上收到精選報導</p>'
        '<a href="https://news.example.com/nl">Sign up</a></div>\n'
    )
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL502", 5, 1)]


def test_a_wrapper_of_the_article_is_not_the_box(lint_text: LintText) -> None:
    body = (
        "<div><p>The market fell in the morning and rose after lunch, as traders waited for the bank.</p>\n"
        "<p>訂閱電子報，每週一早上收到精選報導</p>\n"
        "<p>Analysts expect the bank to hold rates until the spring, when new figures come in.</p></div>\n"
    )
    assert codes(lint_text(HEAD + body, "post.html", config=SELECT)) == [("PL502", 5, 1)]
