"""Precision and recall on the forms real archives use: captions, credits, attribution, boilerplate, dates."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LintText, codes, make_engine

HEAD = "---\nlayout: post\ntitle: 'Harbour fire'\ndate: 2024-03-18 09:30:00 +08:00\n---\n"
CAPTIONED = '<figure><img src="https://e.example/a.jpg" alt=""><figcaption>Boats at the pier.</figcaption></figure>\n'


# PL401 figure-missing-caption: only where captions are expected.
def test_bare_figure_among_captioned_ones_is_reported(lint_text: LintText) -> None:
    text = HEAD + CAPTIONED + '\n<figure><img src="https://e.example/b.jpg"></figure>\n'
    assert [c for c in codes(lint_text(text, select=["PL401"]))] == [("PL401", 8, 1)]


def test_a_blog_whose_figures_are_all_bare_is_left_alone(lint_text: LintText) -> None:
    bare = '<figure><img src="https://e.example/b.jpg"></figure>\n'
    assert lint_text(HEAD + bare * 3, select=["PL401"]) == []


def test_always_reports_every_bare_figure(lint_text: LintText) -> None:
    bare = '<figure><img src="https://e.example/b.jpg" alt="A boat"></figure>\n'
    config = {"rules": {"figure-missing-caption": {"expect-captions": "always"}}}
    found = lint_text(HEAD + bare * 2, select=["PL401"], config=config)
    assert codes(found) == [("PL401", 6, 1), ("PL401", 7, 1)]
    assert "required by the config" in found[0].message


@pytest.mark.parametrize(
    "figure",
    [
        # A video whose <img> is fallback content, captioned by a p.caption inside.
        '<figure><video src="https://e.example/v.mp4"><img src="https://e.example/p.jpg"></video>'
        '<p class="caption">Smoke over the pier.</p></figure>',
        # The caption follows </figure>: figcaption-outside-figure reports that, once.
        '<figure><img src="https://e.example/b.jpg"></figure><figcaption>Smoke over the pier.</figcaption>',
        # A teaser tile of another story.
        '<a href="https://e.example/other"><figure><img src="https://e.example/t.jpg"></figure></a>',
    ],
)
def test_caption_forms_and_tiles_are_not_missing_captions(lint_text: LintText, figure: str) -> None:
    assert lint_text(HEAD + CAPTIONED + figure + "\n", select=["PL401"]) == []


# PL308 image-empty-alt-on-content: a credit is not a description.
@pytest.mark.parametrize(
    "caption",
    [
        "图：受访者提供",
        "Photo: Reuters",
        "（路透社）",
        "Getty Images",
        "图片版权 Getty Images",
        "插画：Rosa Lee",
        "设计、制图：端传媒设计部",
        "香港舞蹈团提供",
        "AP Photo/Evan Vucci",
        "写真：共同社",
    ],
)
def test_credit_only_captions_are_not_offered_as_alt(tmp_path: Path, caption: str) -> None:
    text = HEAD + f'<figure><img src="https://e.example/a.jpg" alt=""><figcaption>{caption}</figcaption></figure>\n'
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    engine = make_engine(start=tmp_path, select=["PL308"])
    found = engine.lint_file(path, "post.md")
    assert codes(found) == [("PL308", 6, 9)]
    assert "only credits the picture" in found[0].message and not found[0].fixable
    assert engine.fix_file(path, "post.md", unsafe=True).fixed == {}
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("caption", "alt"),
    [
        ("马里总统阿西米·戈伊塔 (路透社)", "马里总统阿西米·戈伊塔"),
        ("Smoke over the pier (Getty Images)", "Smoke over the pier"),
        ("资料图片：一名工人路过码头。REUTERS/William Hong", "资料图片：一名工人路过码头。"),
        ("Images of the flood", "Images of the flood"),
        ("Photo: A man walks past a burned car in Kabul", "Photo: A man walks past a burned car in Kabul"),
    ],
)
def test_the_fix_keeps_the_description_and_drops_the_credit(tmp_path: Path, caption: str, alt: str) -> None:
    text = HEAD + f'<figure><img src="https://e.example/a.jpg" alt=""><figcaption>{caption}</figcaption></figure>\n'
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    engine = make_engine(start=tmp_path, select=["PL308"])
    assert engine.fix_file(path, "post.md", unsafe=True).fixed == {"PL308": 1}
    assert f'alt="{alt}"' in path.read_text(encoding="utf-8")
