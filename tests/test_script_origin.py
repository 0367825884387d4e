"""PL705 names where a script path that is not the site's own leads: the site it was imported from (the
post's front-matter source), or nowhere on this site (a post of the author's own)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

POST = '---\ntitle: {title}\ndate: 2024-01-0{day}\n{extra}---\n\n<p>Text.</p>\n<script src="{src}"></script>\n'


def test_script_path_message_names_its_origin(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    posts = tmp_path / "_posts"
    posts.mkdir()
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "chart.js").write_text("draw();\n", encoding="utf-8")
    own = POST.format(title="Own", day=1, extra="", src="/scripts/gone.js")
    imported = POST.format(
        title="Imported", day=2, extra="link: https://news.example.com/2024/a.html\n", src="/static/js/player.js"
    )
    served = POST.format(title="Served", day=3, extra="", src="/scripts/chart.js")
    (posts / "2024-01-01-own.md").write_text(own, encoding="utf-8")
    (posts / "2024-01-02-imported.md").write_text(imported, encoding="utf-8")
    (posts / "2024-01-03-served.md").write_text(served, encoding="utf-8")
    status, out, err = run_cli(
        "check",
        "--no-cache",
        "--format",
        "json",
        "--select",
        "PL705",
        "--now",
        "2026-11-26T00:00:00Z",
        ".",
        cwd=tmp_path,
    )
    assert status == 1, err
    found = {(f["path"], f["line"], f["column"], f["message"]) for f in json.loads(out)["findings"]}
    assert found == {
        (
            "_posts/2024-01-01-own.md",
            7,
            1,
            "<script> in the post body loads /scripts/gone.js, a path on this site where there is no such file",
        ),
        (
            "_posts/2024-01-02-imported.md",
            8,
            1,
            "<script> in the post body loads /static/js/player.js, a path of the site it was imported from"
            " (news.example.com), not a script of this site",
        ),
    }


def test_inline_scripts_of_a_hand_written_page_are_the_authors(tmp_path: Path) -> None:
    # A Markdown page of a known site naming no outlet: its inline demo is the author's (just-the-docs calls its
    # theme's `jtd`). An imported post's inline script, or an .html post, or a script from elsewhere, is not.
    inline = '<button class="js-toggle">Dark</button>\n<script>\njtd.addEvent(x, "click", f);\n</script>\n'
    remote = '<script src="https://widgets.example.com/w.js"></script>\n'
    (tmp_path / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    pages = {
        "docs/own.md": "---\ntitle: Own\n---\n\n" + inline,
        "docs/remote.md": "---\ntitle: Remote\n---\n\n" + remote,
        "docs/imported.md": "---\ntitle: Imported\nsource: https://news.example.com/a.html\n---\n\n" + inline,
        "docs/page.html": "---\ntitle: Page\n---\n\n" + inline,
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    status, out, err = run_cli("check", "--no-cache", "--format", "json", "--select", "PL705", ".", cwd=tmp_path)
    assert status == 1, err
    found = sorted((f["path"], f["line"], f["column"]) for f in json.loads(out)["findings"])
    assert found == [("docs/imported.md", 7, 1), ("docs/page.html", 6, 1), ("docs/remote.md", 5, 1)]
