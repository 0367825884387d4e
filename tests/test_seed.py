"""The post the project started from: clean front matter and dates under the news profile."""

from __future__ import annotations

from conftest import SEED, make_engine, needs_shared


@needs_shared
def test_seed_has_no_front_matter_or_date_findings_with_news_profile() -> None:
    engine = make_engine({"profile": "news"}, start=SEED.parent)
    findings = engine.lint_file(SEED, str(SEED))
    front_matter_and_dates = [f for f in findings if f.code[:3] in ("PL0", "PL1", "PL2")]
    assert front_matter_and_dates == []


@needs_shared
def test_seed_fails_news_profile_when_a_key_goes_missing(tmp_path: object) -> None:
    from pathlib import Path

    text = SEED.read_text(encoding="utf-8").replace("layout: post\n", "")
    copy = Path(str(tmp_path)) / "seed.txt"
    copy.write_text(text, encoding="utf-8")
    engine = make_engine({"profile": "news"}, start=copy.parent)
    assert [(f.code, f.line, f.column) for f in engine.lint_file(copy, str(copy)) if f.code.startswith("PL1")] == [
        ("PL101", 1, 1)
    ]


@needs_shared
def test_seed_body_findings_are_exactly_the_known_defects() -> None:
    engine = make_engine({"profile": "news"}, start=SEED.parent)
    findings = engine.lint_file(SEED, str(SEED))
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("PL308", 15, 27),  # the captioned lead photo has an empty alt
        ("PL404", 15, 454),  # its figcaption stands outside any figure
        ("PL501", 15, 755),  # section#imu holding two DFP wrappers: one finding
        ("PL307", 15, 955),  # alt is a file name
        ("PL501", 15, 1501),  # div#innity-in-post
        ("PL501", 15, 1532),  # #dfp-ad-midarticlespecial-wrapper
        ("PL307", 15, 1730),  # alt is a file name
    ]
    # Nothing for the source link: the [title](url) header matches `from`.
    assert not [f for f in findings if f.code.startswith("PL6")]
