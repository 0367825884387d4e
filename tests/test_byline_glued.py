"""PL716 byline-glued-to-text: a byline run into the story's wire dateline, and the look-alikes."""

from __future__ import annotations

import time

import pytest

from postlint.testing import lint_text


def _found(body: str) -> list[tuple[int, int]]:
    text = f"---\ntitle: Story\n---\n{body}\n"
    return [(f.line, f.column) for f in lint_text(text, "PL716", path="post.html")]


@pytest.mark.parametrize(
    ("body", "at"),
    [
        ("<p>By Jane Doe, ReutersWASHINGTON (Reuters) - Lawmakers agreed.</p>", "WASHINGTON"),
        ("<p>By Jane DoeLONDON (Reuters) - Prices rose.</p>", "LONDON"),
        ("<p><span>By Jane Doe and Li Wei</span>BEIJING, Nov 1 (Reuters) - China said.</p>", "BEIJING"),
        ("<p>Jane Doe, BloombergNEW YORK (Bloomberg) - Stocks fell.</p>", "NEW YORK"),
        ("<p>记者 张三路透北京8月31日 - 中国商务部周一表示。</p>", "路透北京"),
        ("<p><b>撰稿：李四</b>新华社北京11月1日电 国务院总理周五表示。</p>", "新华社"),
    ],
)
def test_a_byline_glued_to_the_dateline_is_reported_where_the_dateline_begins(body: str, at: str) -> None:
    assert _found(body) == [(4, body.index(at) + 1)]


@pytest.mark.parametrize(
    "body",
    [
        "<p>WASHINGTON (Reuters) - Lawmakers agreed.</p>",  # the dateline opens its paragraph
        "<p>By Jane Doe, Reuters<br>WASHINGTON (Reuters) - Lawmakers agreed.</p>",  # a line break parts them
        "<p>By Jane Doe, Reuters</p><p>WASHINGTON (Reuters) - Lawmakers agreed.</p>",
        "<div><div>By Jane Doe, Reuters</div><span>WASHINGTON (Reuters) - Lawmakers agreed.</span></div>",
        "<p>By Jane Doe, Reuters WASHINGTON (Reuters) - Lawmakers agreed.</p>",  # a space: untidy, not lost
        "<p>The senator said itLONDON (Reuters) - was odd.</p>",  # no byline before it
        "<p>Prices rose sharply on Monday. AnalystsLONDON (Reuters) - said.</p>",  # a sentence before it
        "<p>【共同社东京11月12日电】日本政府12日召开会议。</p>",
        "<p>雨涵/王凡（路透社）</p>",  # DW's editors' sign-off
        "<p>据路透北京8月31日 - 报道称。</p>",  # no reporter named before it
        "<pre>By Jane Doe, ReutersWASHINGTON (Reuters) - in a code sample</pre>",
    ],
)
def test_look_alikes_are_left_alone(body: str) -> None:
    assert _found(body) == []


@pytest.mark.parametrize("unit", ["A" * 40 + " ", "记者" * 20 + "路透", "By XLONDON (Reuters) - "])
def test_long_runs_are_read_in_linear_time(unit: str) -> None:
    def cost(count: int) -> float:
        start = time.perf_counter()
        _found("<p>" + unit * count + "</p>")
        return time.perf_counter() - start

    small, large = min(cost(1000) for _ in range(3)), min(cost(10000) for _ in range(3))
    assert large < small * 30, (small, large)
