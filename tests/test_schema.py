"""The exported JSON Schema accepts exactly the front matter postlint accepts, with one date grammar.

How front matter is seen as JSON (what an editor's YAML language server validates): the data as parsed,
except that a date is the text written in the post (`date: 2022-06-16 12:00:00 +0800` is that string;
a YAML timestamp is its text, not the instant YAML made of it). Nested dates, which no rule reads, are
written in ISO 8601.

The equivalence: a post is rejected by `postlint schema` iff it has a PL101 or PL102 finding, or a PL201
finding on a key the schema types as a date (whether a value is a readable date is PL201's to report, once).
Deliberate differences: the JSON Schema's RFC 2822 branch checks the common form and not whether 29 February
exists in that year; a `pattern` given in config is read as a Python expression by postlint.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CORPUS, LintText, codes, make_engine, needs_shared, run_cli

from postlint.config import read_config_file
from postlint.knowledge.schema import DATE_PATTERN, DATE_TIME_PATTERN, FrontMatterSchema
from postlint.reading.dates import DateError, parse_date
from postlint.reading.frontmatter import FrontMatter
from postlint.reading.post import read_post


def as_json(front: FrontMatter) -> dict[str, Any]:
    """The front matter as JSON sees it (see the module docstring)."""

    def convert(value: Any) -> Any:
        if isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(key): convert(item) for key, item in value.items()}
        if isinstance(value, (list, tuple, set)):
            return [convert(item) for item in value]
        return value

    document = {}
    for key, value in front.data.items():
        written = front.raw(key) if isinstance(value, dt.date) else None
        document[str(key)] = written if written else convert(value)
    return json.loads(json.dumps(document, default=str))


def _accepts(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def _parses(text: str, needs_time: bool = False) -> bool:
    try:
        parsed = parse_date(text)
    except DateError:
        return False
    return parsed.has_time or not needs_time


def test_the_json_date_pattern_is_the_date_parsers_grammar() -> None:
    years = ["0000", "0001", "1900", "2000", "2019", "2020", "2100", "9999", "20", "20201"]
    days = ["1-1", "01-01", "1-31", "2-28", "02-29", "2-30", "4-30", "04-31", "11-31", "12-31", "13-01", "00-10", "3-0"]
    times = ["", " 7:05", "T23:59:59", " 24:00", " 12:60", " 12:00:60", " 12:00:00.123456789", "T1:2", " 08:00,5"]
    zones = ["", "Z", " +0800", "+08:00", " -2400", " +23:59", " UTC", " +08:60", " +8", " GMT", " EST"]
    checked = 0
    for year, day, time, zone in itertools.product(years, days, times, zones):
        text = f"{year}-{day}{time}{zone}"
        for spaced in (text, f"  {text} "):
            assert _accepts(DATE_PATTERN, spaced) == _parses(spaced), spaced
            assert _accepts(DATE_TIME_PATTERN, spaced) == _parses(spaced, needs_time=True), spaced
            checked += 1
    assert checked > 20000
    for text in ("Sat, 20 Mar 2021 01:21:35 +0000", "20 Mar 2021 01:21 GMT", "Sun 21 Mar 21 01:21:35 EST"):
        assert _accepts(DATE_PATTERN, text) and _parses(text), text
    for text in ("31 Feb 2021 01:00:00", "20 Mar 2021", "yesterday", "2021/03/20", "20-Mar-2021 01:21:35"):
        assert not _accepts(DATE_PATTERN, text) and not _parses(text), text


def _findings_reject(engine: Any, path: Path, schema: FrontMatterSchema, front: FrontMatter) -> bool:
    date_lines = set()
    for key in schema.date_keys:
        span = front.spans.get((key,))
        if span is not None:
            date_lines.add(front_line(path, span.value_start))
    for finding in engine.lint_file(path, str(path)):
        if finding.code in ("PL101", "PL102") or (finding.code == "PL201" and finding.line in date_lines):
            return True
    return False


_TEXTS: dict[Path, str] = {}


def front_line(path: Path, offset: int) -> int:
    text = _TEXTS.get(path)
    if text is None:
        text = _TEXTS[path] = read_post(path, str(path), 10**8).text or ""
    return text.count("\n", 0, offset) + 1


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("profile", ["jekyll", "news"])
def test_the_exported_schema_rejects_exactly_what_postlint_reports_on_the_corpus(profile: str) -> None:
    status, out, err = run_cli("schema", "--profile", profile, "--config", "/dev/null")
    assert status == 0, err
    validator = jsonschema.Draft202012Validator(json.loads(out))
    engine = make_engine({"profile": profile}, start=CORPUS, select=["PL101", "PL102", "PL201"])
    schema = engine.context.schema
    assert schema is not None
    compared = rejected = 0
    disagreements = []
    for path in sorted(CORPUS.iterdir()):
        post = read_post(path, str(path), 10**8)
        front = post.front_matter
        if front is None or not front.parsed:
            continue
        by_json = not validator.is_valid(as_json(front))
        by_postlint = _findings_reject(engine, path, schema, front)
        compared += 1
        rejected += by_json
        if by_json != by_postlint:
            disagreements.append((path.name, by_json, by_postlint))
    assert disagreements == []
    assert compared > 3800
    assert 0 < rejected < compared  # both outcomes occur: the comparison is not vacuous


def test_the_exported_schema_agrees_on_written_cases(lint_text: LintText, tmp_path: Path) -> None:
    cases = [
        "title: t\ndate: 2022-06-16 12:00:00 +0800\ntags: blog\ncategories: [bbc, 2020]\n",
        "title: t\ndate: 2021-02-30\n",
        "title: t\ndate: 'Sat, 20 Mar 2021 01:21:35 +0000'\n",
        "title: t\ndate:\n",
        "title: t\ndate: [2021]\n",
        "title: t\npublished: 'no'\n",
        "title: t\npublished: false\n",
        "title: '  '\nlayout: post\ndate: 2021-03-20\n",
        "title: 42\nlayout: post\ndate: 2021-03-20\n",
        "title: t\ntags: {a: 1}\n",
        "title: t\ntags: [a, [b]]\n",
        "title: t\nlayout: post\ndate: 2021-03-20t01:21:35Z\n",
    ]
    for profile in ("jekyll", "news"):
        validator = jsonschema.Draft202012Validator(FrontMatterSchema.build(profile).json_schema())
        engine = make_engine({"profile": profile}, start=tmp_path, select=["PL101", "PL102", "PL201"])
        for case in cases:
            path = tmp_path / "post.md"
            path.write_text(f"---\n{case}---\nbody\n", encoding="utf-8")
            post = read_post(path, str(path), 10**8)
            assert post.front_matter is not None
            findings = engine.lint_file(path, str(path))
            assert validator.is_valid(as_json(post.front_matter)) == (findings == []), (profile, case, findings)


def test_config_constraints_are_in_the_exported_schema(tmp_path: Path) -> None:
    (tmp_path / "postlint.toml").write_text(
        '[front-matter.fields.layout]\nallowed = ["post", "news"]\nrequired = true\n'
        '[front-matter.fields.slug]\npattern = "^[a-z-]+$"\n'
        '[front-matter.fields.tags]\ntype = "list[str]"\nmax-length = 2\n'
        '[front-matter.fields.stamp]\ntype = "datetime"\n',
        encoding="utf-8",
    )
    status, out, err = run_cli("schema", cwd=tmp_path)
    assert status == 0, err
    validator = jsonschema.Draft202012Validator(json.loads(out))
    engine = make_engine(read_config_file(tmp_path / "postlint.toml"), start=tmp_path, select=["PL1", "PL201"])
    cases = [
        "layout: post\n",
        "layout: page\n",
        "title: t\n",
        "layout: news\nslug: night-market\n",
        "layout: news\nslug: Night_Market\n",
        "layout: post\ntags: [a, b]\n",
        "layout: post\ntags: [a, b, c]\n",
        "layout: post\ntags: a\n",
        "layout: post\nstamp: 2021-03-20 01:00 +0800\n",
        "layout: post\nstamp: 2021-03-20\n",
    ]
    for case in cases:
        path = tmp_path / "post.md"
        path.write_text(f"---\n{case}---\nbody\n", encoding="utf-8")
        post = read_post(path, str(path), 10**8)
        assert post.front_matter is not None
        findings = [f for f in engine.lint_file(path, str(path)) if f.code.startswith("PL1") or f.code == "PL201"]
        assert validator.is_valid(as_json(post.front_matter)) == (findings == []), (case, codes(findings))
