"""The HTML report: self-contained, and it works in a real browser (Debian's headless Chromium)."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

POSTS = {
    "news/2024-03-18-a.md": (
        "---\ntitle: a\nlink: https://news.example.com/a\nauther: x\n---\n<figcaption>c</figcaption>\n"
    ),
    "news/2024-03-19-b.md": '---\ntitle: b\nlink: https://news.example.com/b\n---\n<img src="x.jpg">\n',
    "blog/2024-03-20-c.md": "---\ntitle: c\ndescrition: y\n---\nFine.\n",
}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def report(tmp_path: Path) -> Path:
    for name, text in POSTS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    status, out, err = run_cli("report", "news", "blog", "--no-cache", "-o", "out/report.html", cwd=tmp_path)
    assert status == 0, err
    assert out == "postlint: 5 findings in 3 files; report written to out/report.html.\n"
    return tmp_path / "out" / "report.html"


def test_report_is_self_contained(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    # Nothing is loaded: no remote src, and no remote href but on a link a reader follows (a rule's docs page).
    assert not re.search(r"""src=["']?(https?:)?//""", page), "the report must not load anything"
    remote = re.findall(r"""<(\w+)[^>]*\shref=["']?(?:https?:)?//""", page)
    assert remote and set(remote) == {"a"}, remote
    assert 'href="https://postlint.github.io/postlint/rules/' in page
    assert '<svg id="chart"' in page and page.count('class="bar"') == 4
    assert "<code>news.example.com</code></td><td class=n>4</td>" in page
    assert '<a class="filter" href="#folder=news"><code>news</code></a></td><td class=n>4</td>' in page
    assert "None of these findings can be fixed automatically." in page
    assert 'id="rule-PL104"' in page and "## Why is this bad?" in page
    assert stat.S_IMODE(report.stat().st_mode) & 0o044, "a report is readable by the rest of the CI job"


def _dom(report: Path, fragment: str, tmp_path: Path) -> str:
    assert CHROMIUM is not None
    completed = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            report.as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_report_renders_and_filters_in_chromium(report: Path, tmp_path: Path) -> None:
    everything = _dom(report, "", tmp_path)
    assert 'data-ready="yes"' in everything, "the page's script ran"
    rows = re.findall(r'<tr data-rule="(PL\d+)" data-severity="(\w+)"( hidden="")?>', everything)
    assert len(rows) == 5 and not any(hidden for _, _, hidden in rows)
    filtered = _dom(report, "#rule=PL104", tmp_path)
    rows = re.findall(r'<tr data-rule="(PL\d+)" data-severity="(\w+)"( hidden="")?>', filtered)
    visible = [rule for rule, _, hidden in rows if not hidden]
    assert visible == ["PL104", "PL104"]
    assert '<span id="shown">2</span>' in filtered
    by_severity = _dom(report, "#severity=error", tmp_path)
    rows = re.findall(r'<tr data-rule="(PL\d+)" data-severity="(\w+)"( hidden="")?>', by_severity)
    assert {severity for _, severity, hidden in rows if not hidden} == {"error"}
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profile2'}",
            "--window-size=1200,1600",
            f"--screenshot={shot}",
            report.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000


def _rows(dom: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr data-rule="(PL\d+)" data-severity="(\w+)">', dom)


def _archive(tmp_path: Path, posts: int, extra: str = "") -> Path:
    """An archive of ``posts`` posts, each with one image without alt text, plus a hostile file name."""
    folder = tmp_path / "site" / "_posts"
    folder.mkdir(parents=True)
    for number in range(posts):
        (folder / f"2024-01-01-post-{number:03d}.md").write_text(
            f"---\ntitle: p{number}\n---\n<p>Text</p>\n"
            f'<p>before <img src="https://example.com/a{number}.jpg"> after</p>\n'
        )
    if extra:
        (folder / "2024-01-03-extra.md").write_text(f"---\ntitle: extra\n---\n{extra}\n")
    hostile = folder / '2024-01-02-<img src=x onerror="document.title=1">.md'
    hostile.write_text(
        "---\ntitle: '<script>document.title=2</script>'\n---\n<p>ok <img src=\"https://example.com/b.jpg\"></p>\n"
    )
    status, _, err = run_cli("report", "site", "--no-cache", "-o", "report.html", cwd=tmp_path)
    assert status == 0, err
    return tmp_path / "report.html"


def test_report_paths_are_shortened_to_the_archive_root(tmp_path: Path) -> None:
    page = _archive(tmp_path, 3, extra='<div class="dfp-tag-wrapper"></div>').read_text(encoding="utf-8")
    assert "paths below <code>site/_posts/</code>" in page
    # What can be fixed, and the command that fixes it, run from where the report was made.
    assert '<b>1</b> findings have a safe fix: <code class="command">postlint check --fix site/_posts</code>' in page
    data = re.search(r'<script type="application/json" id="findings-data">(.*?)</script>', page, re.S)
    assert data is not None and "<" not in data.group(1), "no markup can end the data element"
    import json

    payload = json.loads(data.group(1))
    assert "2024-01-01-post-000.md" in payload["paths"]
    # Each finding carries its source line with the column: PL306 at the <img>, line 5, column 11.
    first = next(row for row in payload["findings"] if payload["paths"][row[0]] == "2024-01-01-post-000.md")
    assert (
        first[1:3] == [5, 11]
        and first[9] == '<p>before <img src="https://example.com/a0.jpg"> after</p>'
        and first[10] == 1
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_report_pages_searches_sorts_and_marks_the_column_in_chromium(tmp_path: Path) -> None:
    report = _archive(tmp_path, 250)
    first = _dom(report, "", tmp_path)
    assert 'data-ready="yes"' in first
    assert len(_rows(first)) == 100, "one page of rows is rendered, not 251"
    assert '<span id="pages">3</span>' in first and '<span id="shown">251</span>' in first
    last = _dom(report, "#page=3", tmp_path)
    assert len(_rows(last)) == 51
    # The column is marked in the source line: the mark covers the reported <img ...> tag.
    assert '<mark>&lt;img src="https://example.com/a0.jpg"&gt;</mark>' in first
    found = _dom(report, "#q=post-123", tmp_path)
    assert len(_rows(found)) == 1 and "post-123.md:5:11" in found
    one_file = _dom(report, "#file=" + "2024-01-01-post-007.md", tmp_path)
    assert len(_rows(one_file)) == 1
    # A hostile file name and title are text, never markup: no <img> or <script> element was created.
    hostile = _dom(report, "#q=onerror", tmp_path)
    assert len(_rows(hostile)) == 1
    body = hostile.split("<body", 1)[1]
    assert "<img" not in body and "<script>document" not in body and "<title>postlint report</title>" in hostile
    newest_first = _dom(report, "#sort=location-desc", tmp_path)
    locations = re.findall(r"<code>([^<]+\.md):\d+:\d+</code>", newest_first)
    assert locations[0].startswith("2024-01-02-") and locations == sorted(locations, reverse=True)
