"""PL813 title-truncated: a title cut short of the body's own headline, and the shorter titles authors choose."""

from __future__ import annotations

import time

import pytest

from postlint.testing import lint_text


def _post(title: str, body: str, suffix: str = ".html") -> list[tuple[str, int, int]]:
    text = f"---\ntitle: {title}\ndate: 2025-11-07 10:00:00 +00:00\n---\n{body}\n"
    return [(f.code, f.line, f.column) for f in lint_text(text, "PL813", path=f"post{suffix}")]


@pytest.mark.parametrize(
    ("title", "body", "suffix"),
    [
        ("纽约市民60", "<p><b>纽约市民60&#37;来自移民家庭</b></p><p>正文。</p>", ".html"),
        ("Parliament votes to fund the Governm", "<h1>Parliament votes to fund the Government</h1>", ".html"),
        ("'Brexit talks stall as…'", "<h2>Brexit talks stall as both sides dig in</h2>", ".html"),
        ("'朝鲜回应韩美事实清单...'", "<p><strong>朝鲜回应韩美事实清单：韩核潜导致核多米诺</strong></p>", ".html"),
        ("东京奥运会延期至", "# 东京奥运会延期至2021年举行\n\n正文。", ".md"),
        ("Минздрав объяв", "<h1>Минздрав объявил о новых мерах</h1>", ".html"),
    ],
)
def test_a_title_cut_short_of_the_bodys_headline_is_reported_at_its_value(title: str, body: str, suffix: str) -> None:
    assert _post(title, body, suffix) == [("PL813", 2, 8)]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "这次美国大选的悬疑与争议：如何解",
            "<h1>这次美国大选的悬疑与争议：如何解？ 丨今夜很政经</h1>",
        ),  # punctuation, a series
        ("Release notes", "<h2>Release notes for 1.2</h2>"),  # a word's end: a shorter form
        ("别了，布兰斯塔德", "<h2>别了，布兰斯塔德！</h2>"),
        ("'你绝对想不到……'", "<p>你绝对想不到的结局。</p>"),  # an ellipsis the body does not continue as a headline
        ("纽约市民60", "<p>据统计<b>纽约市民60%来自移民家庭</b>，比例很高。</p>"),  # bold inside a sentence
        ("Rust", "<h1>Rustaceans</h1>"),  # too short to judge
        ("Vaccine", "<h1>Vaccines</h1>"),  # a plural: one letter more
    ],
)
def test_a_shorter_title_the_author_chose_is_left_alone(title: str, body: str) -> None:
    assert _post(title, body) == []


def test_a_headline_deep_in_the_post_is_not_compared() -> None:
    sections = "".join(f"<h2>Section {n}</h2><p>Text.</p>" for n in range(20))
    assert (
        _post("Parliament votes to fund the Governm", sections + "<h2>Parliament votes to fund the Government</h2>")
        == []
    )


@pytest.mark.parametrize("unit", ["<b>" + "x" * 50, "<h2>" + "y" * 400 + "</h2>"])
def test_many_nested_or_long_headlines_are_read_in_linear_time(unit: str) -> None:
    def cost(count: int) -> float:
        start = time.perf_counter()
        _post("Parliament votes", unit * count)
        return time.perf_counter() - start

    small, large = min(cost(1000) for _ in range(3)), min(cost(10000) for _ in range(3))
    assert large < small * 30, (small, large)
