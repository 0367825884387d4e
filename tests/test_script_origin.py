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
