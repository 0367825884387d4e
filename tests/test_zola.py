"""Zola's URL model (postlint/sites/zola.py, ``ZolaUrls``), end to end through the command line: a small site
in tmp_path whose links to pages that Zola builds are found, and whose links to nothing are reported (PL801)
with their fragments judged (PL802); what Zola builds besides the pages (feeds, taxonomies, pagination) and
pages whose URL postlint cannot compute are never reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import site_findings, write_site

CONFIG = 'base_url = "https://example.org"\ntitle = "Notes"\ntaxonomies = [{name = "tags"}]\n'


def post(title: str, body: str, front: str = "") -> str:
    return f'+++\ntitle = "{title}"\ndate = 2024-01-02\n{front}+++\n\n{body}\n'


def site(tmp_path: Path, links: str, config: str = CONFIG, extra: dict[str, str] | None = None) -> None:
    files = {
        "config.toml": config,
        "content/_index.md": "+++\n+++\n",
        "content/blog/_index.md": '+++\ntitle = "Blog"\npaginate_by = 5\n+++\n',
        "content/blog/2018-10-10-hello-world.md": post("Hello", "## First steps\n\nText."),
        "content/blog/bundle/index.md": post("Bundle", "Text."),
        "content/blog/named.md": post("Named", "Text.", 'slug = "A Custom Slug"\n'),
        "content/blog/moved.md": post("Moved", "Text.", 'path = "elsewhere/moved"\n'),
        "content/about.md": post("About", "Text."),
        "content/notes/linking.md": post("Linking", links),
    }
    files.update(extra or {})
    write_site(tmp_path, files)


def test_links_to_the_pages_zola_builds_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page builds `/<folders>/<slug>/`: the date before a file name's slug is left out, a bundle takes its
    folder's name, `slug` is slugified, `path` replaces the whole, `_index.md` builds its section."""
    links = (
        "[a](/blog/hello-world/) [b](/blog/bundle/) [c](/blog/a-custom-slug/) [d](/elsewhere/moved/)\n"
        "[e](/blog/) [f](/) [g](/about/) [h](../../blog/bundle/) [i](/blog/hello-world/#first-steps)\n"
        "[j](@/blog/named.md) [k](/blog/hello-world)"
    )
    site(tmp_path, links)
    assert site_findings(tmp_path, monkeypatch, "--select", "PL801,PL802", ".") == []


def test_links_to_no_page_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The date stays out of the URL, a slug replaces the file name, `path` replaces the folders, a relative
    `.md` link is not rewritten by Zola (only `@/` links are), and a fragment must name a heading."""
    links = (
        "[a](/blog/2018-10-10-hello-world/)\n"
        "[b](/blog/named/)\n"
        "[c](/blog/moved/)\n"
        "[d](../other-post.md)\n"
        "[e](/blog/hello-world/#no-such-heading)\n"
    )
    site(tmp_path, links)
    found = site_findings(tmp_path, monkeypatch, "--select", "PL801,PL802", ".")
    page = "content/notes/linking.md"
    assert found == [
        (page, "PL801", 6, 5),
        (page, "PL801", 7, 5),
        (page, "PL801", 8, 5),
        (page, "PL801", 9, 5),
        (page, "PL802", 10, 5),
    ]


def test_what_zola_builds_besides_pages_is_never_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Feeds, the sitemap, a taxonomy's list and term pages, a section's pagination and the stylesheets
    compiled from `sass/` exist on the built site; a page whose slug Zola transliterates (`日本` is `ri-ben`,
    deunicode's tables are not postlint's) makes only its own section's links unsure. The look-alikes that
    are reported: a taxonomy the config does not have, a page in another section."""
    links = (
        "[a](/atom.xml) [b](/sitemap.xml) [c](/tags/) [d](/tags/rust/) [e](/blog/page/2/) [f](/style.css)\n"
        "[g](/blog/ri-ben/) [h](/blog/atom.xml)\n"
        "[i](/categories/rust/)\n"
        "[j](/notes/ri-ben/)\n"
    )
    extra = {"content/blog/日本.md": post("Japan", "Text."), "sass/style.scss": "a { b: c }\n"}
    site(tmp_path, links, extra=extra)
    found = site_findings(tmp_path, monkeypatch, "--select", "PL801", ".")
    assert found == [("content/notes/linking.md", "PL801", 8, 5), ("content/notes/linking.md", "PL801", 9, 5)]


def test_languages_and_slugify_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`name.fr.md` builds below `/fr/` on a site with French; `slugify.paths = "safe"` keeps a file name's
    case and characters, and `paths_keep_dates` its date."""
    config = (
        'base_url = "https://example.org"\n[slugify]\npaths = "safe"\npaths_keep_dates = true\n'
        '[languages.fr]\ntitle = "Notes"\n'
    )
    links = "[a](/fr/blog/bundle/) [b](/blog/2018-10-10-hello-world/) [c](/blog/Café/)\n\n[d](/blog/cafe/)\n"
    extra = {"content/blog/bundle/index.fr.md": post("Paquet", "Texte."), "content/blog/Café.md": post("C", "T.")}
    site(tmp_path, links, config=config, extra=extra)
    found = site_findings(tmp_path, monkeypatch, "--select", "PL801", ".")
    assert found == [("content/notes/linking.md", "PL801", 8, 5)]


def test_unrendered_and_draft_pages_build_no_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`render = false` and `draft = true` pages are not on the built site: a link to one is broken there."""
    extra = {
        "content/blog/hidden.md": post("Hidden", "Text.", "render = false\n"),
        "content/blog/draft.md": post("Draft", "Text.", "draft = true\n"),
    }
    site(tmp_path, "[a](/blog/hidden/) [b](/blog/draft/)", extra=extra)
    found = site_findings(tmp_path, monkeypatch, "--select", "PL801", ".")
    assert found == [("content/notes/linking.md", "PL801", 6, 5), ("content/notes/linking.md", "PL801", 6, 24)]


def test_zola_toml_is_the_config_of_zola_0_20(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site(tmp_path, "[a](/blog/hello-world/) [b](/blog/nothing/)")
    (tmp_path / "config.toml").rename(tmp_path / "zola.toml")
    assert site_findings(tmp_path, monkeypatch, "--select", "PL801", ".") == [
        ("content/notes/linking.md", "PL801", 6, 29)
    ]


def test_a_relative_link_to_a_content_file_is_broken_on_zola(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zola does not rewrite `[x](other.md)` (only `@/other.md`): on the built site the link is
    `/notes/linking/other.md`, which is nothing, though the content file exists. The look-alikes that work:
    the page's URL, written relative, and the `@/` link."""
    extra = {"content/notes/other.md": post("Other", "Text.")}
    site(tmp_path, "[a](other.md) [b](../other/) [c](@/notes/other.md) [d](other.md#x)", extra=extra)
    found = site_findings(tmp_path, monkeypatch, "--select", "PL801", ".")
    assert found == [("content/notes/linking.md", "PL801", 6, 5), ("content/notes/linking.md", "PL801", 6, 56)]
