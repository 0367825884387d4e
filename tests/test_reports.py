"""Every output format, from one run model: SARIF (schema-valid), GitHub annotations, JUnit, GitLab, Markdown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import SARIF_SCHEMA, run_cli

BAD = """---
layout: post
title: "Ferry: back, 100% on time"
date: 2024-03-18 09:30:00
auther: City Desk
---

<figure><img src="https://cdn.example.com/a.jpg" alt="文件.jpg"><small></small></figure>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-03-18-bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "_posts" / "2024-03-18-good.md").write_text("---\ntitle: t\n---\nFine.\n", encoding="utf-8")
    return tmp_path


def run(site: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    return run_cli("check", "_posts", "--no-cache", "--now", "2026-01-01T00:00:00Z", *args, cwd=site, env=env)


def test_sarif_is_valid_and_complete(site: Path) -> None:
    status, out, _ = run(site, "--format", "sarif")
    assert status == 1
    document = json.loads(out)
    if SARIF_SCHEMA.is_file():  # ../shared is only in the workspace and CI; the rest of the test runs anywhere
        import jsonschema

        jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(document)
    sarif_run = document["runs"][0]
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    results = sarif_run["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("PL202", 4),
        ("PL104", 5),
        ("PL307", 8),
        ("PL402", 8),
    ]
    rules = sarif_run["tool"]["driver"]["rules"]
    first = results[0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    assert "## What it does" in rules[first["ruleIndex"]]["help"]["markdown"]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "_posts/2024-03-18-bad.md"
    # Fingerprints do not depend on line numbers: moving the problem keeps them.
    before = {r["partialFingerprints"]["postlint/v1"] for r in results}
    moved = BAD.replace("---\n\n<figure>", "---\n\nA new first paragraph.\n\n<figure>")
    (site / "_posts" / "2024-03-18-bad.md").write_text(moved, encoding="utf-8")
    after = {
        r["partialFingerprints"]["postlint/v1"]
        for r in json.loads(run(site, "--format", "sarif")[1])["runs"][0]["results"]
    }
    assert before == after


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared/schemas (the SARIF schema) is absent")
def test_sarif_of_a_clean_run_is_valid(site: Path) -> None:
    import jsonschema

    status, out, _ = run(site, "--format", "sarif", "--select", "PL4", "--ignore", "PL402")
    assert status == 0
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(json.loads(out))


def test_github_annotations_escape_and_summary(site: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    status, out, _ = run(site, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert status == 1
    lines = out.splitlines()
    assert lines[1] == (
        "::warning file=_posts/2024-03-18-bad.md,line=5,col=1,endLine=5,endColumn=7,"
        "title=PL104 front-matter-key-typo::unknown key 'auther': did you mean 'author'?"
    )
    assert "| `PL104` | front-matter-key-typo | 1 |" in summary.read_text(encoding="utf-8")


def test_github_cuts_annotations_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    for n in range(12):
        (tmp_path / "_posts" / f"p{n}.md").write_text("---\ntitle: t\nauther: x\n---\n", encoding="utf-8")
    status, out, _ = run(tmp_path, "--format", "github")
    assert status == 1
    assert out.count("::warning ") == 10
    assert "_posts/p9.md:3:1: PL104" in out
    assert out.splitlines()[-1].startswith("::notice title=postlint::GitHub shows only 10 annotations")


def test_junit_gitlab_markdown(site: Path) -> None:
    status, out, _ = run(site, "--format", "junit")
    assert status == 1
    root = ElementTree.fromstring(out)
    assert root.get("failures") == "4"
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "_posts/2024-03-18-bad.md"
    assert [case.get("name") for case in suite] == [
        "PL202 date-missing-timezone",
        "PL104 front-matter-key-typo",
        "PL307 image-alt-is-filename",
        "PL402 figure-caption-empty",
    ]
    issues = json.loads(run(site, "--format", "gitlab")[1])
    assert {i["check_name"] for i in issues} == {"PL202", "PL104", "PL307", "PL402"}
    assert all(len(i["fingerprint"]) == 32 and i["location"]["path"] == "_posts/2024-03-18-bad.md" for i in issues)
    assert {i["severity"] for i in issues} == {"minor"}
    markdown = run(site, "--format", "markdown")[1]
    assert markdown.startswith("## postlint\n\n**4 problems** (4 warnings) in 1 of 2 files.")
    assert "| `_posts/2024-03-18-bad.md:5:1` | `PL104` | unknown key 'auther': did you mean 'author'? |" in markdown


def test_one_run_prints_one_format_and_writes_others(site: Path) -> None:
    status, out, _ = run(site, "--format", "github", "-o", "sarif=reports/postlint.sarif", "-o", "junit=junit.xml")
    assert status == 1 and out.startswith("::warning ")
    assert json.loads((site / "reports" / "postlint.sarif").read_text())["version"] == "2.1.0"
    assert ElementTree.parse(site / "junit.xml").getroot().get("failures") == "4"
    status, _, err = run(site, "-o", "pdf=x.pdf")
    assert status == 2 and "--output" in err


def test_files_from(site: Path) -> None:
    (site / "list.txt").write_text("_posts/2024-03-18-good.md\n", encoding="utf-8")
    status, out, _ = run_cli("check", "--files-from", "list.txt", "--no-cache", cwd=site)
    assert (status, out) == (0, "All checks passed (1 file checked).\n")
    completed = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--files-from", "-", "-q", "--no-cache"],
        input="_posts/2024-03-18-bad.md\n",
        capture_output=True,
        text=True,
        cwd=site,
    )
    assert completed.returncode == 1 and "PL104" in completed.stdout


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    )


def test_changed_since_and_changed_lines(site: Path) -> None:
    _git(site, "init", "-q", "-b", "main")
    (site / "notes.txt").write_text("not a post", encoding="utf-8")
    _git(site, "add", ".")
    _git(site, "commit", "-q", "-m", "start")
    assert run(site, "--changed-since", "HEAD", "-q")[1] == ""
    bad = site / "_posts" / "2024-03-18-bad.md"
    bad.write_text(BAD.replace("auther: City Desk", "auther: City Desk\ndescrition: x"), encoding="utf-8")
    (site / "_posts" / "2024-03-19-new.md").write_text("---\ntitle: t\nimag_feature: x\n---\n", encoding="utf-8")
    (site / "notes.txt").write_text("changed, but not a post", encoding="utf-8")
    status, out, _ = run(site, "--changed-since", "HEAD", "-q")
    files = {line.split(":")[0] for line in out.splitlines()}
    assert files == {"_posts/2024-03-18-bad.md", "_posts/2024-03-19-new.md"}
    status, out, _ = run(site, "--changed-since", "HEAD", "--changed-lines-only", "-q")
    assert [line.split(" ")[0:2] for line in out.splitlines()] == [
        ["_posts/2024-03-18-bad.md:6:1:", "PL104"],
        ["_posts/2024-03-19-new.md:3:1:", "PL104"],
    ]
    status, _, err = run(site, "--changed-since", "no-such-ref")
    assert status == 2 and "--changed-since" in err


def test_baseline_hides_known_findings_and_lists_stale_ones(site: Path) -> None:
    status, out, _ = run_cli(
        "baseline", "write", "baseline.json", "_posts", "--no-cache", "--now", "2026-01-01T00:00:00Z", cwd=site
    )
    assert status == 0 and "recorded 4 findings" in out
    status, out, err = run(site, "--baseline", "baseline.json")
    assert status == 0 and out == "All checks passed (2 files checked).\n"
    assert "4 known findings hidden" in err
    # An unrelated edit moves every line; a new typo is the only new finding; a fixed one is stale.
    bad = site / "_posts" / "2024-03-18-bad.md"
    text = bad.read_text(encoding="utf-8").replace("layout: post\n", "layout: post\nsubtitle: moved\n")
    bad.write_text(text.replace("auther: City Desk", "author: City Desk\ncategry: news"), encoding="utf-8")
    status, out, err = run(site, "--baseline", "baseline.json", "-q")
    assert status == 1
    assert out.splitlines() == [
        "_posts/2024-03-18-bad.md:7:1: PL104 unknown key 'categry': did you mean 'category'? [front-matter-key-typo]"
    ]
    status, out, err = run(site, "--baseline", "baseline.json")
    assert "1 baseline entries no longer match" in err and "_posts/2024-03-18-bad.md: PL104 x1" in err
    (site / "broken.json").write_text("{}", encoding="utf-8")
    status, _, err = run(site, "--baseline", "broken.json")
    assert status == 2 and "--baseline" in err


def test_github_paths_are_relative_to_the_checkout(site: Path) -> None:
    # postlint runs in the site's folder, one level below the repository GitHub checked out.
    status, out, _ = run(site, "--format", "github", "-o", "sarif=x.sarif", env={"GITHUB_WORKSPACE": str(site.parent)})
    assert status == 1
    assert f"file={site.name}/_posts/2024-03-18-bad.md," in out.splitlines()[0]
    sarif = json.loads((site / "x.sarif").read_text(encoding="utf-8"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == f"{site.name}/_posts/2024-03-18-bad.md"


def test_only_the_html_report_pays_for_source_excerpts_and_the_cache_keeps_them_apart(tmp_path: Path) -> None:
    """Excerpts are made only when an HTML report is written (a large run holds every finding until it
    reports); a cache warmed by a run without them must not serve findings without them to the report."""
    from conftest import run_cli

    (tmp_path / "postlint.toml").write_text("")
    (tmp_path / "post.md").write_text(
        '---\ntitle: "Harbour"\ndate: 2024-07-08 18:00:00 +08:00\n---\n\nLead. <img src="https://cdn.example/boats.jpg">\n',
        encoding="utf-8",
    )
    cache = str(tmp_path / "cache")
    code, out, _ = run_cli("check", "--cache-dir", cache, "--format", "json", "post.md", cwd=tmp_path)
    assert code == 1 and '"PL306"' in out
    code, out, _ = run_cli("check", "--cache-dir", cache, "--format", "html", "post.md", cwd=tmp_path)
    data = out.split('id="findings-data">', 1)[1].split("</script>", 1)[0]
    assert "Lead. \\u003cimg src=" in data or "Lead. <img" in data.replace("\\u003c", "<")
    report = tmp_path / "r.html"
    assert run_cli("report", "--cache-dir", cache, "-o", str(report), "post.md", cwd=tmp_path)[0] == 0
    assert "Lead. " in report.read_text(encoding="utf-8")
