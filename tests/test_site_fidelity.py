"""Generator fidelity on real sites' shapes: what Eleventy, Jekyll, Hugo and Zola make of constructs that
real sites (11ty/11ty-website and others) write, so that a site's own ordinary pages are not reported. Each
fixture is written here in the shape the real site uses; each test asserts the codes, lines and columns a
user sees, and that the true finding next to the false one is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint.cli.main import main

NOW = "2026-11-26T00:00:00Z"
ELEVENTY = {"package.json": json.dumps({"name": "site", "devDependencies": {"@11ty/eleventy": "^3.0.0"}})}
JEKYLL = {"_config.yml": "title: Site\n"}
HUGO = {"hugo.toml": 'baseURL = "https://example.org/"\n'}


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def findings(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[str, str, int, int]]:
    """``postlint check`` in ``folder``: (file, code, line, column) of each finding."""
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--now", NOW, "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_permalink_false_is_eleventys_do_not_write_but_a_number_is_still_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "---\ntitle: Sidebar\npermalink: false\n---\nText.\n"
    write(tmp_path / "e", {**ELEVENTY, "sidebar.md": page, "n.md": "---\ntitle: N\npermalink: 12\n---\nText.\n"})
    write(tmp_path / "j", {**JEKYLL, "sidebar.md": page})
    assert findings(tmp_path / "e", monkeypatch) == [("n.md", "PL102", 3, 12)]
    assert findings(tmp_path / "j", monkeypatch) == [("sidebar.md", "PL102", 3, 12)]
