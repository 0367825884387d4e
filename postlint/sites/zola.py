"""Zola: ``zola.toml`` (Zola 0.20's name) or ``config.toml`` with a top-level ``base_url`` (which Zola requires)
marks the site.

Zola serves ``static/``, themes' ``static/`` and the assets colocated with a page below ``content/``; the
path of ``base_url`` is the prefix. Front matter is TOML (``+++``) or YAML (``---``) and may follow white
space; a file name may start with the post's date, ``YYYY-MM-DD`` then ``_`` or ``-``. Zola has no site
time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from postlint.core.lazyre import lazy_regex
from postlint.reading.sitefacts import SiteFacts
from postlint.sites.base import ContentRules, SiteGenerator, UrlRules, read_config

if TYPE_CHECKING:
    from postlint.knowledge.pages import PageFacts


def is_zola_config(config: Path) -> bool:
    """Whether the TOML file ``config`` has Zola's top-level ``base_url`` (Hugo's is ``baseURL``)."""
    data = read_config(config)
    return isinstance(data, dict) and isinstance(data.get("base_url"), str)


class Zola(SiteGenerator):
    name = "zola"
    config_files = ("zola.toml", "config.toml")
    url_config_files = config_files
    base_url_key = "base_url"
    facts = SiteFacts(
        generator="zola",
        front_matter_after_blank_lines=True,
        filename_date=re.compile(r"^(\d{4})-(\d{2})-(\d{2})[_-]"),
        heading_ids=("zola-slugify", "zola-safe"),  # slugify.anchors = "on" / "safe" or "off"
        # pulldown-cmark has no autolink extension and Zola's `[markdown]` settings have none either.
        bare_urls_linked=False,
    )

    def claims(self, config: Path) -> bool:
        return is_zola_config(config)

    def content(self, root: Path, config: Path) -> ContentRules:
        return ZolaContent()

    def url_rules(self, root: Path | None, config: Path | None) -> ZolaUrls:
        rules = ZolaUrls.read(config)
        if root is not None:
            rules.sass = (root / "sass").is_dir()
        return rules

    def site_facts(self, config: Path) -> SiteFacts:
        """``[slugify] anchors`` in ``config.toml`` picks the heading ids: ``on`` (the default) slugifies,
        ``safe`` and ``off`` keep the text (https://www.getzola.org/documentation/getting-started/configuration/)."""
        data = read_config(config)
        slugify = data.get("slugify") if isinstance(data, dict) else None
        anchors = slugify.get("anchors", "on") if isinstance(slugify, dict) else "on"
        style = {"on": ("zola-slugify",), "safe": ("zola-safe",), "off": ("zola-safe",)}.get(str(anchors))
        return replace(self.facts, heading_ids=style) if style is not None else self.facts

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        bases = [root / "static", root / "content"]
        themes = root / "themes"
        try:
            for theme in sorted(themes.iterdir()) if themes.is_dir() else []:
                bases.append(theme / "static")
        except OSError:
            pass
        return tuple(bases)


class ZolaContent(ContentRules):
    """What Zola reads as content (https://www.getzola.org/documentation/content/overview/): the Markdown
    files below ``content/``; other files there are assets copied beside their page. Templates, ``sass/``,
    ``static/`` and the repository's own files are not content."""

    def is_content(self, relative: str, fs_path: Path) -> bool:
        return relative.startswith("content/") and relative.lower().endswith(".md")


#: A file name's leading date (``2018-10-10`` or an RFC 3339 date and time) and the slug after it, as Zola's
#: ``RFC3339_DATE`` reads them (components/content/src/page.rs).
_DATED = lazy_regex(
    r"^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"(T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):([0-5][0-9])))?"
    r"(\s?[_-](?P<slug>.+$))?"
)
_NOT_SLUG = lazy_regex(r"[^a-z0-9]+")
#: The characters ``slugify.paths = "safe"`` removes (Zola's ``strip_invalid_paths_chars``).
_UNSAFE = lazy_regex(r'[<>:"/\\|?*]')


def slugify_path(text: str, strategy: str) -> str | None:
    """Zola's ``slugify_paths`` (components/utils/src/slugs.rs): ``on`` is the ``slug`` crate's slugify
    (ASCII letters and digits lower-cased, every other run a ``-``, none at either end), ``safe`` removes
    what file systems refuse and trailing spaces and dots, ``off`` keeps the text. ``None`` for a text that
    ``on`` would transliterate (``日本`` is ``ri-ben``): postlint does not carry deunicode's tables."""
    if strategy == "off":
        return text
    if strategy == "safe":
        return _UNSAFE.sub("", text.rstrip(" ."))
    if not text.isascii():
        return None
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


#: What Zola builds besides the pages and sections of ``content/`` (with or without a language's folder).
_BUILT_FILES = frozenset(("/sitemap.xml", "/robots.txt", "/404", "/elasticlunr.min.js"))
_SEARCH_INDEX = lazy_regex(r"^/search_index\.[\w-]+\.(?:js|json)$")
_SITEMAP_PART = lazy_regex(r"^/sitemap\d+\.xml$")


@dataclass
class ZolaUrls(UrlRules):
    """The URL a file builds on a Zola site (https://www.getzola.org/documentation/content/page/ and
    ``section/``; components/content/src/page.rs), from its path below ``content/``, its front matter
    (``slug``, ``path``, ``draft``, ``render``) and ``config.toml`` (``slugify.paths``,
    ``slugify.paths_keep_dates``, the languages). A page builds ``/<its folders>/<slug>/``, its slug being the
    front matter's, else its file name's (the folder's for ``index.md``, a page bundle) without a leading
    date; ``path`` replaces the whole; ``_index.md`` builds its section's ``/<folders>/``. Folder names are
    kept as they are, slugs are slugified. A file ``name.fr.md`` of a site with the language ``fr`` builds
    below ``/fr/``. Zola also builds feeds, taxonomy pages, pagination and a sitemap (:meth:`generated`)."""

    builds_urls = True
    source_links = False

    paths: str = "on"
    keep_dates: bool = False
    default_language: str = "en"
    languages: frozenset[str] = frozenset()
    #: The taxonomies' names (``tags``), as their list pages' first folder, with ``taxonomy_root`` before it.
    taxonomies: frozenset[str] = frozenset()
    feeds: frozenset[str] = frozenset(("atom.xml", "rss.xml"))
    #: Whether the site has a ``sass/`` folder, whose stylesheets Zola compiles to ``.css`` at the same path.
    sass: bool = False

    @classmethod
    def read(cls, config: Path | None) -> ZolaUrls:
        """The settings from the site's config (a bad or missing one gives Zola's defaults)."""
        site = cls()
        data = read_config(config) if config is not None else None
        if not isinstance(data, dict):
            return site
        slugify = data.get("slugify")
        if isinstance(slugify, dict):
            if slugify.get("paths") in ("on", "safe", "off"):
                site.paths = slugify["paths"]
            site.keep_dates = slugify.get("paths_keep_dates") is True
        if isinstance(data.get("default_language"), str):
            site.default_language = data["default_language"]
        tables = [data]
        languages = data.get("languages")
        if isinstance(languages, dict):
            site.languages = frozenset(str(code) for code in languages)
            tables.extend(value for value in languages.values() if isinstance(value, dict))
        names: set[str] = set()
        feeds = set(site.feeds)
        root = data.get("taxonomy_root")
        lead = root.strip().strip("/") + "/" if isinstance(root, str) and root.strip("/ ") else ""
        for table in tables:
            for taxonomy in table.get("taxonomies") or [] if isinstance(table.get("taxonomies"), list) else []:
                if isinstance(taxonomy, dict) and isinstance(taxonomy.get("name"), str):
                    name = slugify_path(taxonomy["name"], site.paths)
                    names.add(lead + (name if name is not None else taxonomy["name"]))
            for key in ("feed_filename", "feed_filenames"):
                value = table.get(key)
                feeds.update(v for v in ([value] if isinstance(value, str) else value or []) if isinstance(v, str))
        site.taxonomies = frozenset(names)
        site.feeds = frozenset(feeds)
        return site

    def content_path(self, relative: str) -> str | None:
        """``relative`` below ``content/``, or ``None`` when the file is not content."""
        return relative[len("content/") :] if relative.startswith("content/") else None

    def is_template(self, relative: str) -> bool:
        return self.content_path(relative) is None

    def _url(self, relative: str, page: PageFacts) -> tuple[str | None, str | None]:
        """The URL the file builds, or (when its slug cannot be computed) the certain start of it."""
        inner = self.content_path(relative)
        if inner is None or not inner.endswith(".md"):
            return None, None
        front = page.front
        if front.get("draft") is True or front.get("render") is False:
            return None, None
        *folders, filename = inner.split("/")
        name = filename[:-3]
        language = ""
        if self.languages and "." in name:
            name, _, code = name.rpartition(".")
            if code not in self.languages and code != self.default_language:
                return None, None  # Zola refuses a file in a language the site does not have
            language = "" if code == self.default_language else code + "/"
        if name == "_index":
            return "/" + language + "".join(folder + "/" for folder in folders), None
        bundle = name.split(".")[0] == "index" and bool(folders)
        source = folders.pop() if bundle else name
        inside = language + "".join(folder + "/" for folder in folders)
        path = front.get("path")
        if isinstance(path, str) and path.strip():
            value = path.strip()
            return "/" + value.lstrip("/").rstrip("/") + "/" if value.strip("/") else "/", None
        if not folders and name == "index" and not bundle:
            return "/" + language, None
        slug = front.get("slug")
        if isinstance(slug, str):
            written = slug
        else:
            dated = _DATED.match(source)
            written = dated.group("slug") if dated and dated.group("slug") and not self.keep_dates else source
        made = slugify_path(written, self.paths)
        if made is None:
            return None, "/" + inside
        return "/" + inside + made + "/", None

    def url_for(self, relative: str, page: PageFacts) -> str | None:
        return self._url(relative, page)[0]

    def unsure_prefix(self, relative: str, page: PageFacts) -> str | None:
        return self._url(relative, page)[1]

    def generated(self, key: str) -> bool:
        """Zola's feeds (``atom.xml`` at the root, in sections and taxonomies),
        sitemap, ``robots.txt``, 404 page and search index, the taxonomies' list and term pages, pagination
        (``/blog/page/2/``), the stylesheets it compiles from ``sass/``, and processed images."""
        parts = key.split("/")
        if len(parts) > 2 and parts[1] in self.languages:
            key = "/" + "/".join(parts[2:])
            parts = key.split("/")
        last = parts[-1]
        if key in _BUILT_FILES or last in self.feeds or _SEARCH_INDEX.match(key) or _SITEMAP_PART.match(key):
            return True
        if last.isdigit() and len(parts) > 2:
            return True  # a page of a paginated section or taxonomy (`paginate_path`, "page" by default)
        if self.sass and last.endswith(".css"):
            return True
        if len(parts) > 1 and parts[1] == "processed_images":
            return True
        inner = key.strip("/")
        return any(inner == name or inner.startswith(name + "/") for name in self.taxonomies)
