"""A block with template code in it was written for the site, not copied from an outlet: an importer copies a
page as it was rendered, never its Liquid or shortcodes (Jekyll's own 404 page has a `<nav>` of
`{{ '/news/' | relative_url }}` links, which PL502 called a copied menu)."""

from __future__ import annotations

import pytest
from conftest import LintText, codes

HEAD = "---\nlayout: page\ntitle: Not found\n---\n"  # the body starts on line 5


@pytest.mark.parametrize(
    "href",
    ["{{ '/news/' | relative_url }}", "{% link news.md %}", '{{< ref "news" >}}', "{{ get_url(path='@/news.md') }}"],
)
def test_a_nav_written_with_template_code_is_the_sites_own(lint_text: LintText, href: str) -> None:
    body = f'<p>Here are some links:</p>\n<nav class="main-nav"><ul><li><a href="{href}">News</a></li></ul></nav>\n'
    assert codes(lint_text(HEAD + body, name="404.html", select=["PL502"])) == []


def test_a_copied_nav_is_still_reported(lint_text: LintText) -> None:
    body = '<p>Here are some links:</p>\n<nav class="main-nav"><ul><li><a href="/news/">News</a></li></ul></nav>\n'
    assert codes(lint_text(HEAD + body, name="404.html", select=["PL502"])) == [("PL502", 6, 1)]
