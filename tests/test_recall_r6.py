"""Recall on the forms of the sixth planted round (issue 22, session 9, /work/scratch/r6): generator behaviour
that needs a small site of its own (each test builds one in tmp_path), and the look-alikes that stay quiet."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

NOW = "2026-11-26T00:00:00Z"


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def findings(folder: Path, *codes: str) -> list[tuple[str, str, int, int]]:
    status, out, _ = run_cli(
        "check", "--no-cache", "--now", NOW, "--format", "json", "--select", ",".join(codes), ".", cwd=folder
    )
    assert status in (0, 1), out
    return [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(out)["findings"]]


JEKYLL = {"_config.yml": "title: Tinker Log\nmarkdown: kramdown\n", "assets/images/wiring.png": "png"}
POST = "---\ntitle: A thermostat\ndate: 2023-04-18 20:15:00 +0200\n---\n\nThe old one died.\n\n"


def test_a_jekyll_image_address_given_to_relative_url_is_checked(tmp_path: Path) -> None:
    """`![alt]({{ "/assets/x.png" | relative_url }})`: Liquid prints the address before kramdown reads it."""
    image = '![Wiring of the board]({{ "/assets/images/wiring.png" | relative_url }})\n'
    write(tmp_path, {**JEKYLL, "_posts/2023-04-18-thermostat.md": POST + image})
    assert findings(tmp_path, "PL305") == []
    write(tmp_path, {"_posts/2023-04-18-thermostat.md": POST + image.replace("wiring.png", "wiring-v2.png")})
    assert findings(tmp_path, "PL305") == [("_posts/2023-04-18-thermostat.md", "PL305", 8, 1)]
    baseurl = "![Wiring of the board]({{ site.baseurl }}/assets/images/wiring-v3.png)\n"
    write(tmp_path, {"_posts/2023-04-18-thermostat.md": POST + baseurl})
    assert findings(tmp_path, "PL305") == [("_posts/2023-04-18-thermostat.md", "PL305", 8, 1)]


ZOLA = {
    "config.toml": 'base_url = "https://loom.example.dev"\ntitle = "Loom devlog"\n',
    "templates/shortcodes/youtube.html": '<iframe src="https://www.youtube-nocookie.com/embed/{{ id }}"></iframe>\n',
}


def test_a_zola_embed_shortcode_that_names_nothing_is_lost_content(tmp_path: Path) -> None:
    post = '+++\ntitle = "Why we rewrote it"\ndate = 2024-05-02\n+++\n\nA walkthrough:\n\n{{ youtube(id="") }}\n'
    write(tmp_path, {**ZOLA, "content/rewrite.md": post})
    assert findings(tmp_path, "PL709") == [("content/rewrite.md", "PL709", 8, 1)]
    write(tmp_path, {"content/rewrite.md": post.replace('id=""', 'id="dQw4w9WgXcQ", autoplay=false')})
    assert findings(tmp_path, "PL709") == []
    write(tmp_path, {"content/rewrite.md": post.replace('{{ youtube(id="") }}', '`{{ youtube(id="") }}`')})
    assert findings(tmp_path, "PL709") == []
