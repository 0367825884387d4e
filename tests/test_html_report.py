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
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the report must not load anything"
    assert '<svg id="chart"' in page and page.count('class="bar"') == 4
    assert "<code>news.example.com</code></td><td class=n>4</td>" in page
    assert "<code>news</code></td><td class=n>4</td>" in page
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
