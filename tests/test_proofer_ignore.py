"""html-proofer's ``data-proofer-ignore``: the link and image rules skip a marked element and all it holds.

Sites that run html-proofer mark their demonstrations with it (Jekyll's own docs show a navigation menu of
``<a href="#">`` links inside ``<div class="highlight result" data-proofer-ignore>``: 50 of the 66 findings
on jekyll/jekyll's docs were those links). Rules that check something else (scripts, boilerplate) still do.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import LintText, codes, run_cli

HEAD = "---\nlayout: post\ntitle: Harbour notes\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
DEMO = (
    "**Result**\n"
    '<div class="highlight result" data-proofer-ignore>\n'
    '  <ul><li><a href="#">Introduction</a></li>\n'
    '  <li><img src="" alt="logo"><script>track()</script></li></ul>\n'
    "</div>\n"
)
AFTER = '\n<p><a href="#">Top</a> <img src="https://cdn.example/b.jpg"></p>\n'


def test_a_marked_element_and_its_descendants_are_skipped_by_link_and_image_rules(lint_text: LintText) -> None:
    found = codes(lint_text(HEAD + DEMO + AFTER))
    # Inside: only PL705 (the script is not html-proofer's kind of check); after the block: both again.
    assert found == [("PL705", 9, 30), ("PL804", 12, 7), ("PL306", 12, 24)]


def test_the_mark_on_the_link_itself_in_any_case_and_with_a_value(lint_text: LintText) -> None:
    body = '<p><a href="#" DATA-Proofer-Ignore="true">a</a> <a href="#">b</a></p>\n'
    assert codes(lint_text(HEAD + body)) == [("PL804", 6, 52)]


def test_markdown_inside_a_marked_block_is_skipped_too(lint_text: LintText) -> None:
    body = '<div data-proofer-ignore markdown="1">\n\n[empty]() ![](pic.png)\n\n</div>\n\n[also empty]()\n'
    assert codes(lint_text(HEAD + body, config={"generator": "jekyll"})) == [("PL804", 12, 1)]


def test_ignore_suppressions_reads_the_mark_as_a_suppression_the_post_brings(tmp_path: Path) -> None:
    """A pull request could hide its broken links behind the attribute: CI on forks does not honour it."""
    (tmp_path / "postlint.toml").write_text("")
    (tmp_path / "post.md").write_text(HEAD + DEMO + AFTER, encoding="utf-8")
    code, out, _ = run_cli("check", "--no-cache", "--ignore-suppressions", "--format", "json", "post.md", cwd=tmp_path)
    assert code == 1
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(out)["findings"]]
    assert ("PL804", 8, 14) in found and ("PL301", 9, 7) in found and ("PL804", 12, 7) in found


def test_site_rules_skip_links_in_a_marked_element(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: Harbour\n", encoding="utf-8")
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2024-03-18-notes.md").write_text(
        HEAD + '<div data-proofer-ignore><a href="/no/such/page/">demo</a></div>\n\n[real](/no/such/other/)\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli("check", "--no-cache", "--format", "json", "--select", "PL801", ".", cwd=tmp_path)
    assert code == 1
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(out)["findings"]]
    assert found == [("PL801", 8, 8)]  # the second link; the first, at 6:35, is in the marked div
