"""Recall on the forms a fourth hand-read sample of real posts held (issue 22, session 9, seed 2617): each test is
one class of defect in the shapes archives write it, and the look-alikes that must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LintText, codes

ZOLA = '+++\ntitle = "Goals update"\ndate = 2025-03-03\n\n[extra]\nteam = "Goals"\n+++\n'
YAML = "---\ntitle: Goals update\ndate: 2025-03-03\n---\n"
BODY = (
    "\n- Notes: https://hackmd.io/2Ar_7CNoRkeXk1AARyOL7A?view\n- [the PR](https://github.com/rust-lang/rust/pull/1)\n"
)


# PL812 url-not-linked in Markdown: the renderer decides whether a bare address becomes a link.
def test_bare_addresses_in_a_zola_post_are_reported(lint_text: LintText) -> None:
    """No site config: TOML front matter with Zola's [extra] table is Zola's, whose CommonMark links nothing."""
    found = lint_text(ZOLA + BODY, select=["PL812"])
    assert codes(found) == [("PL812", 9, 10)]
    assert found[0].message.endswith("https://hackmd.io/2Ar_7CNoRkeXk1AARyOL7A?view")


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ({"config.toml": 'base_url = "https://blog.example.org"\n'}, YAML + BODY, [("PL812", 6, 10)]),
        ({"_config.yml": "title: blog\n"}, YAML + BODY, [("PL812", 6, 10)]),  # kramdown, Jekyll's default
        ({"_config.yml": "markdown: kramdown\n"}, YAML + BODY, [("PL812", 6, 10)]),
        ({"_config.yml": "markdown: CommonMarkGhPages\n"}, YAML + BODY, []),  # may autolink: not known
        ({"hugo.toml": 'baseURL = "https://example.org/"\n'}, YAML + BODY, []),  # Goldmark's linkify
        (
            {"hugo.toml": "[markup.goldmark.extensions]\nlinkify = false\n"},
            YAML + BODY,
            [("PL812", 6, 10)],
        ),
        ({}, '+++\ntitle = "Hugo post"\n[params]\nx = 1\n+++\n' + BODY, []),  # TOML without Zola's tables
        ({}, YAML + BODY, []),  # no site: the renderer is not known
    ],
)
def test_the_site_renderer_decides(
    lint_text: LintText, tmp_path: Path, config: dict[str, str], text: str, expected: list[tuple[str, int, int]]
) -> None:
    for name, content in config.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    assert codes(lint_text(text, name="content/post.md", select=["PL812"])) == expected


@pytest.mark.parametrize(
    "line",
    [
        "[notes](https://hackmd.io/x) and <https://hackmd.io/y>",
        "[![badge](https://img.shields.io/x.svg)](https://ci.rust-lang.org/x)",
        "`git clone https://github.com/rust-lang/rust` in a code span",
        "[ref]: https://github.com/rust-lang/rfcs/pull/3716",
        "> [quoted]: https://rust-lang.zulipchat.com/#narrow/channel/288089",
        "[ref]:\nhttps://github.com/rust-lang/rfcs/pull/3716",
        "the server at http://localhost:1111 and http://127.0.0.1:1111/",
        'Run this:\n\n    base_url = "https://white-snow-9922.fly.dev"',
        "```\ncurl https://sh.rustup.rs\n```",
    ],
)
def test_links_definitions_code_and_local_addresses_are_not_text(lint_text: LintText, line: str) -> None:
    assert lint_text(ZOLA + "\n" + line + "\n", select=["PL812"]) == []


def test_literal_markdown_in_an_html_block_shows_its_address(lint_text: LintText) -> None:
    """CommonMark keeps an HTML block as it is: the Markdown link written in it shows as text, address and all."""
    found = lint_text(ZOLA + '\n<p>[<a href="https://github.com/1c3t3a">B. K.</a>](https://github.com/1c3t3a)</p>\n')
    assert codes(found) == [("PL710", 9, 4), ("PL812", 9, 52)]  # PL710: the Markdown shown as text


def test_kramdown_markdown_inside_html_is_read(lint_text: LintText, tmp_path: Path) -> None:
    """kramdown reads Markdown in `markdown="1"` elements: the link target there is no text."""
    (tmp_path / "_config.yml").write_text("title: docs\n", encoding="utf-8")
    text = YAML + '\n<div class="example" markdown="1">\n[Link button](https://just-the-docs.com){: .btn }\n</div>\n'
    assert lint_text(text, name="docs/buttons.md", select=["PL812"]) == []


# PL712 heading-holds-paragraph: an importer set a post's paragraphs as headings.
def test_a_body_set_as_headings_is_one_finding_per_run(lint_text: LintText) -> None:
    paragraph = "依筆者所知，有部分研究兩岸關係的美國智庫和國際政治研究者，長期以來十分關心台灣的未來前途。"
    body = (
        "\n<h2>-台灣人民必須先主動的站起來</h2>\n"
        + f"<h2>{paragraph}</h2>\n" * 3
        + "<p>短。</p>\n"
        + f"<h2>{paragraph}</h2>\n"
    )
    found = lint_text(YAML + body, name="post.html", select=["PL712"])
    assert codes(found) == [("PL712", 7, 1), ("PL712", 11, 1)]
    assert "(and 2 more headings right after it)" in found[0].message
    assert "more heading" not in found[1].message


def test_a_heading_here_and_there_is_the_writers_emphasis(lint_text: LintText) -> None:
    heading = "<h2>高失業率當中，很多人之所以找不到工作不是能力差，是被埋沒。小公司只需要找出被埋沒的能人。</h2>\n"
    paragraphs = "<p>" + "說到人力資源的部分真是不吐不快，人工可以說是企業最重要也是最難做好的部分。" * 6 + "</p>\n"
    assert lint_text(YAML + "\n" + (heading + paragraphs) * 2, name="post.html", select=["PL712"]) == []
