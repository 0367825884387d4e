"""PL602 source-link-mismatch: a feed's referral mark (`?ref=rss`) leaves the article the same; a real query
(GitHub's `?ref=` naming a tag) does not."""

from __future__ import annotations

from conftest import LintText, codes

SELECT = {"select": ["PL602"]}


def _post(source: str, link: str) -> str:
    return (
        f"---\ntitle: t\nfrom: {source}\n---\n"
        "<p>The festival opened on Friday.</p>\n"
        f'<p>Source: <a href="{link}">Example News</a></p>\n'
    )


def test_a_feed_referral_mark_is_the_same_article(lint_text: LintText) -> None:
    text = _post("https://news.example.com/2025/11/a.html", "https://news.example.com/2025/11/a.html?ref=rss")
    assert codes(lint_text(text, "post.html", config=SELECT)) == []


def test_another_article_is_still_reported(lint_text: LintText) -> None:
    text = _post("https://news.example.com/2025/11/a.html", "https://news.example.com/2025/11/b.html?ref=rss")
    assert codes(lint_text(text, "post.html", config=SELECT)) == [("PL602", 6, 12)]


def test_a_ref_that_names_a_tag_is_part_of_the_address(lint_text: LintText) -> None:
    text = _post("https://github.com/example/repo/blob/x.md?ref=v1", "https://github.com/example/repo/blob/x.md?ref=v2")
    assert codes(lint_text(text, "post.html", config=SELECT)) == [("PL602", 6, 12)]
