"""The seam per site generator (postlint/sites): detection from config files, and what each generator
changes in what a user sees: findings, their places, exit codes. Eleventy has its own file
(tests/test_eleventy.py), as a new generator would."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LintText, codes

from postlint.cli.main import main
from postlint.sites import GENERATORS, detect_generator, site_timezone


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def check(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, list[tuple[str, str, int, int]], str]:
    """``postlint check`` in ``folder`` through click's runner: exit code, (file, code, line, column), stderr."""
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--now", "2026-11-26T00:00:00Z", "--format", "json", *args]
    )
    document = json.loads(result.stdout) if result.stdout.strip() else {"findings": []}
    found = [(item["path"], item["code"], item["line"], item["column"]) for item in document["findings"]]
    return result.exit_code, found, result.stderr


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, "unknown"),
        ({"_config.yml": "title: x\n"}, "jekyll"),
        ({"_config.toml": "title = 'x'\n"}, "jekyll"),
        ({"hugo.toml": "title = 'x'\n"}, "hugo"),
        ({"hugo.json": "{}"}, "hugo"),
        ({"config.toml": "baseURL = 'https://example.org/'\n"}, "hugo"),
        ({"config.toml": "this is [not toml\n"}, "hugo"),  # unreadable: Hugo's, as before Zola was known
        ({"config.toml": "base_url = 'https://example.org/'\n"}, "zola"),
        ({"config.toml": "base_url = 'https://example.org/'\n", "hugo.toml": ""}, "hugo"),
        ({"package.json": '{"devDependencies": {"eleventy-plugin-x": "1"}}'}, "unknown"),
    ],
)
def test_generator_is_detected_from_the_site_config(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    write(tmp_path, {**files, "posts/p.md": "---\ntitle: t\n---\n"})
    assert detect_generator(tmp_path / "posts" / "p.md", None) == expected


def test_every_generator_is_one_module_named_after_it() -> None:
    for generator in GENERATORS:
        module = inspect.getmodule(type(generator))
        assert module is not None and module.__name__ == f"postlint.sites.{generator.name}"
        assert generator.facts.generator == generator.name


def test_time_zone_comes_from_any_of_the_generators_config_files(tmp_path: Path) -> None:
    write(tmp_path, {"hugo.yaml": "title: x\ntimeZone: Europe/Berlin\n"})
    assert site_timezone(tmp_path, None) == ("Europe/Berlin", str(tmp_path / "hugo.yaml"))
    write(tmp_path, {"_config.yaml": "timezone: Asia/Tokyo\n"})  # Jekyll's file is looked for first
    assert site_timezone(tmp_path, None) == ("Asia/Tokyo", str(tmp_path / "_config.yaml"))


def test_an_unknown_generator_in_config_exits_2_naming_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"postlint.toml": 'generator = "gatsby"\n', "p.md": "---\ntitle: t\n---\n"})
    status, found, err = check(tmp_path, monkeypatch, "p.md")
    assert status == 2 and found == []
    assert "generator" in err and "'gatsby' is not a known site generator" in err and "zola" in err


ZOLA = "base_url = 'https://example.org/blog'\ntitle = 'x'\n"


def test_zola_site_reads_blank_lines_before_front_matter_and_underscored_file_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = "\n+++\ntitle = 't'\ndate = 2021-03-21\n+++\nText.\n"
    write(tmp_path, {"content/2021-03-20_ferry.md": post, "content/2021-03-21_ok.md": post})
    status, found, _ = check(tmp_path, monkeypatch, "content")
    assert status == 1  # no site config: leading blank lines matter, `_` is not a date separator
    assert found == [("content/2021-03-20_ferry.md", "PL013", 2, 1), ("content/2021-03-21_ok.md", "PL013", 2, 1)]
    write(tmp_path, {"config.toml": ZOLA})
    status, found, _ = check(tmp_path, monkeypatch, "content")
    assert status == 1
    assert found == [("content/2021-03-20_ferry.md", "PL204", 4, 8)]


def test_zola_static_folder_and_base_url_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = "![a](/blog/img/a.png) ![b](/img/b.png) ![c](/img/a.png)\n"
    write(tmp_path, {"config.toml": ZOLA, "static/img/a.png": "png", "content/p.md": "+++\ntitle = 't'\n+++\n" + line})
    status, found, _ = check(tmp_path, monkeypatch, "--select", "PL305", "content")
    assert status == 1
    assert found == [("content/p.md", "PL305", 4, line.index("![b]") + 1)]


def test_jekyll_site_keeps_its_reading(lint_text: LintText, tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    text = "\n---\ntitle: t\ndate: 2021-03-21\n---\n"
    assert codes(lint_text(text, name="2021-03-20-a.md")) == [("PL013", 2, 1), ("PL204", 4, 7)]
    assert codes(lint_text(text, name="2021-03-20_a.md")) == [("PL013", 2, 1)]


def test_each_generator_builds_its_own_urls_from_the_site_config(tmp_path: Path) -> None:
    """Permalink rules are the generator's (issue 14): each reads its own from the site config (Zola's
    `config.toml`, Eleventy's JavaScript config read as text)."""
    from postlint.knowledge.pages import PageFacts

    write(tmp_path, {"_config.yml": "permalink: pretty\n", "hugo.toml": '[permalinks]\nposts = "/:year/:slug/"\n'})
    by_name = {generator.name: generator for generator in GENERATORS}
    cases = {
        "jekyll": ("_config.yml", "_posts/2024-03-05-hi.md", "/2024/03/05/hi/"),
        "hugo": ("hugo.toml", "content/posts/Hi There.md", "/2024/hi-there/"),
        "zola": ("config.toml", "content/posts/hi.md", "/posts/hi/"),
        "eleventy": ("package.json", "posts/hi.md", "/posts/hi/"),
    }
    assert set(cases) == set(by_name)
    for name, (config, relative, url) in cases.items():
        rules = by_name[name].url_rules(tmp_path, tmp_path / config)
        page = PageFacts(relative, str(tmp_path / relative), {}, "2024-03-05")
        assert (rules.url_for(relative, page), rules.builds_urls) == (url, url is not None), name
    post = PageFacts("_posts/2024-03-05-hi.md", str(tmp_path / "_posts" / "2024-03-05-hi.md"))
    assert by_name["jekyll"].url_rules(tmp_path, None).url_for(post.path, post) == "/2024/03/05/hi.html"  # no config
    assert by_name["hugo"].url_config(tmp_path) == tmp_path / "hugo.toml"
    assert by_name["zola"].url_config(tmp_path) is None  # neither `zola.toml` nor `config.toml` here
    write(tmp_path, {"zola.toml": 'base_url = "https://example.org"\n'})
    assert by_name["zola"].url_config(tmp_path) == tmp_path / "zola.toml"


def test_a_new_generators_url_rules_plug_into_the_site_index_unchanged(tmp_path: Path) -> None:
    """The index asks only the rules object: a generator postlint has never heard of works through it."""
    from postlint.knowledge.pages import LinkFact, PageFacts, Place
    from postlint.knowledge.siteindex import SiteIndex
    from postlint.sites.base import UrlRules

    class NotesUrls(UrlRules):
        builds_urls = True
        fold_case = True

        def url_for(self, relative: str, page: PageFacts) -> str | None:
            return (
                "/n/" + relative.rpartition("/")[2].partition(".")[0] + "/" if relative.startswith("notes/") else None
            )

    pages = [PageFacts(f"notes/{n}.md", str(tmp_path / "notes" / f"{n}.md")) for n in ("a", "b")]
    index = SiteIndex(pages, NotesUrls(), root=str(tmp_path), file_exists=lambda fs_path, target: False)
    spot = Place(0, 0, 1, 1, 1, 1, "")
    found = [
        index.resolve(pages[0], LinkFact(kind, target, spot))
        for kind, target in [
            ("markdown", "/N/B/"),
            ("markdown", "/n/c/"),
            ("markdown", "../b/"),
            ("ref", "notes/b"),
            ("post_url", "b"),
        ]
    ]
    assert [(t.state, t.page.path if t.page else None) for t in found] == [
        ("page", "notes/b.md"),
        ("missing", None),
        ("page", "notes/b.md"),
        ("unknown", None),
        ("unknown", None),
    ]
