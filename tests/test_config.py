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


def test_news_profile_requires_its_keys(lint_text: LintText) -> None:
    assert codes(lint_text(NEWS, config={"profile": "news"})) == []
    findings = lint_text(NEWS.replace("author: Metro Desk\n", ""), config={"profile": "news"})
    assert codes(findings) == [("PL101", 1, 1)]
    assert findings[0].message == "required key 'author' is missing"


def test_news_profile_checks_urls_and_text(lint_text: LintText) -> None:
    cases = {
        "from: ftp://news.example.com/a": "'from': URL scheme should be 'http' or 'https'; found 'ftp:",
        "from: news.example.com/a": "'from': input should be a valid URL, relative URL without a base; found",
        "from: 'https://'": "'from': input should be a valid URL, empty host; found 'https://'",
        "author: '  '": "'author': string should have at least 1 character; found '  '",
    }
    for line, message in cases.items():
        key = line.split(":", 1)[0]
        original = next(row for row in NEWS.splitlines() if row.startswith(key + ":"))
        findings = lint_text(NEWS.replace(original, line), config={"profile": "news"})
        row = NEWS.splitlines().index(original) + 1
        schema = [f for f in findings if f.code == "PL102"]  # source-url-invalid may report the URL too
        assert codes(schema) == [("PL102", row, len(key) + 3)], line
        assert schema[0].message.startswith(message), schema[0].message


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
    assert codes(lint_text(text)) == [("PL013", 2, 1)]
    assert codes(lint_text(text, config={"generator": "hugo"})) == []
    (tmp_path / "hugo.toml").write_text("title = 'site'\n", encoding="utf-8")
    assert codes(lint_text(text)) == []


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
        ("XY101", "lorem-ipsum-left", 4, 8, "error")
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
