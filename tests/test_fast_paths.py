"""The shortcuts that keep PL502 and PL208 cheap must not change what they find.

Each case is one a shortcut could get wrong: text that only the tree holds (an entity), a trigger broken by
white space, a letter that matches another under ignore-case (`ſ`), one that grows when lower-cased (`İ`),
and a block whose place (top, middle, foot of the body) decides.
"""

from __future__ import annotations

import pytest
from conftest import LintText

HEAD = "---\nlayout: post\ntitle: 'Harbour fire'\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
LONG = "<p>" + "The harbour authority said the new berths would open in spring. " * 6 + "</p>\n"
FOLLOW = "<p>Follow us on Twitter</p>\n"
FOLLOW_ZH = "<p>欢迎关注我们的微信公众号</p>\n"


def spans(lint_text: LintText, body: str, code: str) -> list[tuple[int, int, int | None, int | None]]:
    return [(f.line, f.column, f.end_line, f.end_column) for f in lint_text(HEAD + body, select=[code])]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # `&copy;` is a © only in the tree's text, not in the file.
        ("<p>The port opens.</p>\n<p>&copy; 2020 Reuters</p>\n", [(7, 1, 7, 27)]),
        # A Markdown paragraph whose trigger and pattern run over a line break.
        ("The port opens.\n\nCopyright\n(c) 2020 Harbour\n", [(8, 1, 9, 17)]),
        # An English follow-us line counts at the foot of the body, not in its middle (a blog's own call) ...
        ("<p>Intro.</p>\n" + LONG + FOLLOW + LONG + LONG + FOLLOW, [(11, 1, 11, 28)]),
        # ... while a Chinese one to the outlet's account is furniture wherever it stands (furniture-cta).
        ("<p>Intro.</p>\n" + LONG + FOLLOW_ZH + LONG + LONG + FOLLOW_ZH, [(8, 1, 8, 20), (11, 1, 11, 20)]),
    ],
)
def test_outlet_boilerplate_text_patterns(lint_text: LintText, body: str, expected: list[tuple[int, ...]]) -> None:
    assert spans(lint_text, body, "PL502") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Under ignore-case, `s` also matches `ſ`.
        ('The port opens.\n\n<time datetime="2024-03-17">yeſterday</time>\n', [(8, 1, 8, 45)]),
        # Markdown lines in any case, after text that grows when lower-cased (`İ` is two characters then).
        ("İ" * 80 + "\n\nThe port opens.\n\n5 hours AgO\n", [(10, 1, 10, 12)]),
        ("The port opens.\n\n2 HOURS AGO\n\n  5 hours AgO  \n", [(8, 1, 8, 12), (10, 3, 10, 14)]),
        ("The port opens.\n\n<span>3 小时前</span>\n", [(8, 1, 8, 19)]),
    ],
)
def test_relative_timestamps(lint_text: LintText, body: str, expected: list[tuple[int, ...]]) -> None:
    assert spans(lint_text, body, "PL208") == expected


def test_a_pattern_without_triggers_is_tried_in_a_text_without_any_trigger(lint_text: LintText) -> None:
    # PL502 stops early when the text holds no trigger word at all, but only when every pattern has triggers:
    # a pack's own pattern may have none and then matches anywhere.
    pack = {"name": "ours", "kind": "boilerplate", "texts": [{"pattern": "^Thanks for visiting", "note": "footer"}]}
    config = {"rules": {"outlet-boilerplate": {"extra-packs": [pack]}}}
    body = "<p>The port opens.</p>\n<p>Thanks for visiting us</p>\n"
    found = lint_text(HEAD + body, config=config, select=["PL502"])
    assert [(f.code, f.line, f.column, f.end_line, f.end_column) for f in found] == [("PL502", 7, 1, 7, 30)]
    assert lint_text(HEAD + body, select=["PL502"]) == []


THANKS = {
    "name": "ours",
    "kind": "boilerplate",
    "texts": [{"pattern": "^thanks\\s+for\\s+reading", "triggers": ["thanks for reading"]}],
}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A trigger of several words over a line break, or over another white space, in a Markdown paragraph
        # (the words are found in one line elsewhere, which makes the pattern one to try): PL502 passes over
        # the paragraphs without a place where a trigger starts, white space folded.
        ("The port opens.\n\nThanks for\n  reading!\n", [(10, 1, 11, 11)]),
        ("The port opens.\n\nThanks\u2003for  reading!\n", [(10, 1, 10, 21)]),
        ("The port opens.\n\nThanks for \n reading!\n", [(10, 1, 11, 10)]),
        # Text that grows when lower-cased (`İ`) before it: offsets of the lower-cased text are not the file's.
        ("İ" * 40 + "\n\nThe port opens.\n\nTHANKS\tfor\nreading\n", [(12, 1, 13, 8)]),
        # Broken by markup, the words are the paragraph's all the same.
        ("The port opens.\n\nThanks for <em>reading</em>\n", [(10, 1, 10, 28)]),
        # Over a blank line, they are two paragraphs, neither of which is the footer.
        ("The port opens.\n\nThanks for\n\nreading!\n", []),
    ],
)
def test_paragraphs_with_a_trigger_over_white_space(
    lint_text: LintText, body: str, expected: list[tuple[int, ...]]
) -> None:
    config = {"rules": {"outlet-boilerplate": {"extra-packs": [THANKS]}}}
    found = lint_text(HEAD + "We say thanks for reading.\n\n" + body, config=config, select=["PL502"])
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == expected
