"""Config shapes the schema, the selection and the context the rules see."""

from __future__ import annotations

from pathlib import Path

from conftest import LintText, codes, make_engine

NEWS = """---
layout: post
title: "Night market moves"
date: 2024-05-02T11:05:00.000Z
author: Metro Desk
from: https://news.example.com/city/story20240502-0042
tags: [city]
categories: [city]
---
body
"""


def test_news_profile_requires_what_news_archives_agree_on(lint_text: LintText) -> None:
    assert codes(lint_text(NEWS, config={"profile": "news"})) == []
    for key in ("layout", "title", "date"):
        line = next(row for row in NEWS.splitlines() if row.startswith(key + ":"))
        findings = lint_text(NEWS.replace(line + "\n", ""), config={"profile": "news"})
        assert codes(findings) == [("PL101", 1, 1)], key
        assert findings[0].message == f"required key '{key}' is missing"
    # What only some archives carry is not required: no author, no source URL, no tags or categories.
    bare = "---\nlayout: post\ntitle: Night market moves\ndate: 2024-05-02 11:05:00 +0800\n---\nbody\n"
    assert codes(lint_text(bare, config={"profile": "news"})) == []


def test_news_profile_takes_jekyll_shapes(lint_text: LintText) -> None:
    # A string of categories or tags (Jekyll splits it), an empty author, the source as link/original_url,
    # and a date with an offset written without a colon: all accepted, as the date rules accept the date.
    text = (
        "---\nlayout: post\ntitle: t\ndate: 2022-06-16 12:00:00 +0800\ncategories: city\ntags: blog news\n"
        "author:\nlink: https://news.example.com/a\noriginal_url: https://news.example.com/b\n---\nbody\n"
    )
    assert codes(lint_text(text, config={"profile": "news"})) == []


def test_news_profile_checks_shapes_and_text(lint_text: LintText) -> None:
    cases = {
        "title: '  '": "'title': string should have at least 1 character; found '  '",
        "layout: [post]": "'layout': input should be a valid string; found list",
        "tags: {a: 1}": "'tags': ",
        "author: {name: x}": "'author': ",
    }
    for line, message in cases.items():
        key = line.split(":", 1)[0]
        original = next(row for row in NEWS.splitlines() if row.startswith(key + ":"))
        findings = lint_text(NEWS.replace(original, line), config={"profile": "news"})
        row = NEWS.splitlines().index(original) + 1
        assert codes(findings) == [("PL102", row, len(key) + 3)], line
        assert findings[0].message.startswith(message), findings[0].message


def test_a_bad_source_url_is_one_finding_of_source_url_invalid(lint_text: LintText) -> None:
    findings = lint_text(NEWS.replace("from: https://", "from: ftp://"), config={"profile": "news"})
    assert [(f.code, f.line, f.column) for f in findings] == [("PL601", 6, 7)]


def test_an_unreadable_date_is_one_finding_in_every_profile(lint_text: LintText) -> None:
    for profile in ("jekyll", "news"):
        for value in ("2021-02-30", "0000-00-00 00:00:00 +0800", "yesterday", "[2021]", "''", "20210320"):
            text = NEWS.replace("date: 2024-05-02T11:05:00.000Z", f"date: {value}")
            found = codes(lint_text(text, config={"profile": profile}))
            assert found == [("PL201", 4, 7)], (profile, value, found)
            # Without the date rule, the schema still says so: the date is not silently accepted.
            alone = lint_text(text, config={"profile": profile}, select=["PL1"])
            assert codes(alone) == [("PL102", 4, 7)], (profile, value)


def test_a_config_date_key_is_read_by_the_date_parser(lint_text: LintText) -> None:
    config = {"front-matter": {"fields": {"pubdate": {"type": "date"}, "stamp": {"type": "datetime"}}}}
    good = "---\ntitle: t\npubdate: 2022-06-16 12:00:00 +0800\nstamp: 'Sat, 20 Mar 2021 01:21:35 +0000'\n---\n"
    assert codes(lint_text(good, config=config)) == []
    bad = "---\ntitle: t\npubdate: 2021-02-30\nstamp: 2021-03-20\n---\n"
    findings = lint_text(bad, config=config)
    assert codes(findings) == [("PL201", 3, 10), ("PL102", 4, 8)]
    assert "'stamp': should be a date with a time, not a date alone" in findings[1].message


def test_field_overrides(lint_text: LintText) -> None:
    config = {
        "front-matter": {
            "fields": {
                "title": {"max-length": 5},
                "layout": {"allowed": ["article"]},
                "rating": {"type": "int", "required": True},
                "slug": {"pattern": "^[a-z-]+$"},
            }
        }
    }
    text = "---\nlayout: post\ntitle: Night market\nslug: Night_Market\n---\n"
    findings = lint_text(text, config=config)
    assert codes(findings) == [("PL101", 1, 1), ("PL102", 2, 9), ("PL102", 3, 8), ("PL102", 4, 7)]
    messages = [f.message for f in findings]
    assert messages[0] == "required key 'rating' is missing"
    assert "'layout': 'post' is not one of the allowed values ['article']" in messages[1]
    assert "'title': should have at most 5 characters" in messages[2]
    assert "should match the pattern '^[a-z-]+$'" in messages[3]


def test_unknown_keys_policy(lint_text: LintText) -> None:
    text = "---\ntitle: t\nscraper_id: 5\nauther: x\n---\n"
    assert codes(lint_text(text)) == [("PL104", 4, 1)]
    findings = lint_text(text, config={"front-matter": {"unknown-keys": "error"}})
    assert [(f.code, f.line, f.severity.value) for f in findings] == [("PL103", 3, "error"), ("PL104", 4, "warning")]
    findings = lint_text(text, config={"front-matter": {"unknown-keys": "error", "known-keys": ["scraper_id"]}})
    assert codes(findings) == [("PL104", 4, 1)]


def test_custom_pydantic_model(lint_text: LintText, tmp_path: Path, monkeypatch: object) -> None:
    module = tmp_path / "site_schema.py"
    module.write_text(
        "from pydantic import BaseModel\nclass Post(BaseModel):\n    title: str\n    weight: int\n",
        encoding="utf-8",
    )
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        findings = lint_text(
            "---\ntitle: t\nweight: heavy\n---\n", config={"front-matter": {"model": "site_schema:Post"}}
        )
    finally:
        sys.path.remove(str(tmp_path))
    assert codes(findings) == [("PL102", 3, 9)]
    assert findings[0].message.startswith("'weight': input should be a valid integer")


def test_per_file_ignores(lint_text: LintText) -> None:
    text = "---\ntitle: t\nauther: x\n---\n"
    assert codes(lint_text(text, name="drafts/a.md", config={"per-file-ignores": {"*/drafts/*": ["PL1"]}})) == []
    assert codes(lint_text(text, name="a.md", config={"per-file-ignores": {"drafts/*": ["PL104"]}})) == [
        ("PL104", 3, 1)
    ]


def test_severity_override_and_fail_on(lint_text: LintText) -> None:
    text = "---\ntitle: t\nauther: x\n---\n"
    [finding] = lint_text(text, config={"rules": {"PL104": {"severity": "error"}}})
    assert finding.severity.value == "error"


def test_site_timezone_from_jekyll_config(tmp_path: Path, lint_text: LintText) -> None:
    text = "---\ntitle: t\ndate: 2024-03-18 09:30:00\n---\n"
    assert codes(lint_text(text)) == [("PL202", 3, 7)]
    (tmp_path / "_config.yml").write_text("timezone: Asia/Singapore\n", encoding="utf-8")
    assert codes(lint_text(text)) == []
    assert codes(lint_text(text, config={"rules": {"PL202": {"when-site-timezone": "report"}}})) == [("PL202", 3, 7)]


def test_site_timezone_shifts_future_check(lint_text: LintText) -> None:
    # 2026-01-01 07:00 in Singapore is 2025-12-31 23:00 UTC: not in the future at NOW (2026-01-01 00:00 UTC).
    text = "---\ntitle: t\ndate: 2026-01-02 07:00:00\n---\n"
    assert codes(lint_text(text, config={"timezone": "Asia/Singapore"})) == []
    assert codes(
        lint_text(text, config={"timezone": "Asia/Singapore", "rules": {"PL203": {"tolerance-hours": 0}}})
    ) == [("PL203", 3, 7)]


def test_hugo_sites_accept_leading_blank_lines(tmp_path: Path, lint_text: LintText) -> None:
    text = "\n---\ntitle: t\n---\n"
    dated = "2024-03-01-t.md"  # a Jekyll post's name: with no site config, read as Jekyll reads it
    assert codes(lint_text(text, name=dated)) == [("PL013", 2, 1)]
    assert codes(lint_text(text, name=dated, config={"generator": "jekyll"})) == [("PL013", 2, 1)]
    assert codes(lint_text(text, name="t.md", config={"generator": "jekyll"})) == [("PL013", 2, 1)]
    # No site config and an undated name (`content/post/t/index.md`): as likely Hugo's, which reads it.
    assert codes(lint_text(text, name="index.md")) == []
    assert codes(lint_text(text, name=dated, config={"generator": "hugo"})) == []
    (tmp_path / "hugo.toml").write_text("title = 'site'\n", encoding="utf-8")
    assert codes(lint_text(text, name=dated)) == []


def test_rule_dirs_load_third_party_rules(tmp_path: Path, lint_text: LintText) -> None:
    rules = tmp_path / "my_rules"
    rules.mkdir()
    (rules / "no_lorem.py").write_text(
        "from postlint.api import Problem, Rule, RuleOptions, Severity\n"
        "class NoLorem(Rule[RuleOptions]):\n"
        "    '''Placeholder text was left in the post.'''\n"
        "    code = 'XY101'\n"
        "    name = 'lorem-ipsum-left'\n"
        "    severity = Severity.ERROR\n"
        "    def check(self, post, context):\n"
        "        at = post.text.find('Lorem ipsum')\n"
        "        if at >= 0:\n"
        "            yield Problem('placeholder text left in the post', at, at + 11)\n",
        encoding="utf-8",
    )
    findings = lint_text("---\ntitle: t\n---\nIntro. Lorem ipsum dolor.\n", config={"rule-dirs": [str(rules)]})
    assert [(f.code, f.name, f.line, f.column, f.severity.value) for f in findings] == [
        ("PL717", "placeholder-text-shown", 4, 8, "warning"),  # the built-in rule finds it too
        ("XY101", "lorem-ipsum-left", 4, 8, "error"),
    ]


def test_crashing_rule_becomes_pl902_and_run_goes_on(tmp_path: Path, lint_text: LintText) -> None:
    rules = tmp_path / "crashy"
    rules.mkdir()
    (rules / "boom.py").write_text(
        "from postlint.api import Rule, RuleOptions\n"
        "class Boom(Rule[RuleOptions]):\n"
        "    '''Always fails.'''\n"
        "    code = 'XY900'\n"
        "    name = 'always-fails'\n"
        "    def check(self, post, context):\n"
        "        raise KeyError('nope')\n",
        encoding="utf-8",
    )
    findings = lint_text("---\ntitle: t\nauther: x\n---\n", config={"rule-dirs": [str(rules)]})
    assert codes(findings) == [("PL902", 1, 1), ("PL104", 3, 1)]
    assert findings[0].message.startswith("rule XY900 (always-fails) crashed on this file: KeyError: 'nope'")


def test_site_timezone_from_hugo_config(tmp_path: Path, lint_text: LintText) -> None:
    text = "+++\ntitle = 't'\ndate = 2024-03-18T09:30:00\n+++\n"
    (tmp_path / "hugo.toml").write_text("title = 'site'\ntimeZone = 'Europe/Berlin'\n", encoding="utf-8")
    assert codes(lint_text(text)) == []
    findings = lint_text(text, config={"rules": {"PL202": {"when-site-timezone": "report"}}})
    assert codes(findings) == [("PL202", 3, 8)]
    assert findings[0].fix is not None and findings[0].fix.edits[0].replacement == "+01:00"
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    engine = make_engine({"rules": {"PL202": {"when-site-timezone": "report"}}}, start=tmp_path)
    outcome = engine.fix_file(post, "post.md", unsafe=True)
    assert outcome.fixed == {"PL202": 1}
    assert post.read_text(encoding="utf-8") == "+++\ntitle = 't'\ndate = 2024-03-18T09:30:00+01:00\n+++\n"
