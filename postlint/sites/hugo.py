"""Hugo: ``hugo.toml`` (or ``.yaml``/``.json``, or the older ``config.toml``, ``config.yaml`` with a ``baseURL``)
marks the site.

Hugo serves ``static/`` (and what pipes publish from ``assets/``), themes' ``static/`` and ``assets/``,
and a page bundle's files at the page's path, which is their path below ``content/``; the path of
``baseURL`` is the prefix. Front matter is YAML (``---``), TOML (``+++``) or a JSON object, and may follow
blank lines; ``{{< shortcodes >}}`` and ``{{% %}}`` pairs such as ``highlight`` hold template syntax, not
HTML; ``timeZone`` in the config names the zone zoneless dates are read in. The URL each file builds
(``[permalinks]``, bundles, ``slug``/``url``) is :class:`HugoUrls`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from postlint.core.lazyre import lazy_regex
from postlint.reading.sitefacts import SiteFacts
from postlint.sites.base import ContentRules, SiteGenerator, UrlRules, page_day, read_config, read_text

if TYPE_CHECKING:
    from postlint.knowledge.pages import PageFacts


class Hugo(SiteGenerator):
    name = "hugo"
    # Hugo reads its older names `config.yaml`, `config.yml` and `config.json` as well (yihui/yihui.org's
    # site is `config.yaml`); other tools use those names too, so they are Hugo's only with its `baseURL`.
    config_files = (
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
        "config.json",
    )
    timezone_key = "timeZone"
    # Hugo reads a front-matter date without a zone in its `timeZone`, which defaults to UTC, never in the build
    # machine's zone (hugo 0.111.3 with TZ=Asia/Tokyo builds `date: 2014-03-08 13:14:42` as 13:14:42 UTC).
    default_timezone = ("UTC", "Hugo (it reads dates without a zone in its timeZone setting, UTC by default)")
    base_url_key = "baseURL"
    facts = SiteFacts(
        generator="hugo",
        front_matter_after_blank_lines=True,
        heading_ids=("goldmark", "goldmark-ascii", "blackfriday"),
        # Hugo runs no Liquid: `{% comment %}<img onerror=...>{% endcomment %}` reaches the page as HTML.
        code_tags=(),
        bare_urls_linked=True,  # Goldmark's linkify extension, on by default
    )
    # A theme's templates read the keys its posts may write: `{{ if not .Params.nodate }}`, `.Param "toc"`.
    template_globs = ("layouts/**/*.html", "themes/*/layouts/**/*.html")
    template_key = lazy_regex(r'\.Param(?:s\.|\s+")(\w{1,100})')
    url_config_files = config_files

    def url_rules(self, root: Path | None, config: Path | None) -> HugoUrls:
        rules = HugoUrls.read(config)
        if root is not None:
            # A link render hook rewrites link targets in the site's own template.
            rules.link_hook = any(
                os.path.isfile(os.path.join(root, *folder, "render-link.html"))
                for folder in (("layouts", "_markup"), ("layouts", "_default", "_markup"))
            )
        return rules

    def content(self, root: Path, config: Path) -> HugoContent:
        return HugoContent.read(config)

    def site_facts(self, config: Path) -> SiteFacts:
        """``markup.goldmark.parser.autoHeadingIDType`` picks the heading ids: ``github`` (the default),
        ``github-ascii`` or ``blackfriday`` (https://gohugo.io/configuration/markup/#parser); Goldmark drops
        the raw HTML of Markdown content unless ``markup.goldmark.renderer.unsafe`` is true (the default
        since Hugo 0.60, https://gohugo.io/configuration/markup/#rendererunsafe)."""
        settings: object = read_config(config)
        facts = self.facts
        style_node = _setting(settings, ("markup", "goldmark", "parser", "autoheadingidtype"))
        if style_node is not _MISSING_PART:
            style = {"github": ("goldmark",), "github-ascii": ("goldmark-ascii",), "blackfriday": ("blackfriday",)}
            chosen = style.get(str(style_node).lower()) if style_node is not None else style["github"]
            if chosen is not None:
                facts = replace(facts, heading_ids=chosen)
        unsafe = _setting(settings, ("markup", "goldmark", "renderer", "unsafe"))
        if isinstance(settings, dict) and unsafe is not True and str(unsafe).lower() != "true":
            facts = replace(facts, drops_raw_html=True)
        linkify = _setting(settings, ("markup", "goldmark", "extensions", "linkify"))
        if linkify is False or str(linkify).lower() == "false":
            facts = replace(facts, bare_urls_linked=False)
        return facts

    def claims(self, config: Path) -> bool:
        """``config.toml`` is Zola's too: it is Hugo's unless it has Zola's ``base_url``. ``config.yaml``,
        ``config.yml`` and ``config.json`` are many tools' names: Hugo's only when they set its ``baseURL``
        (its keys are read in any case: ``baseurl`` too)."""
        from postlint.sites.zola import is_zola_config

        if config.name == "config.toml":
            return not is_zola_config(config)
        if config.name.startswith("config."):
            return _has_base_url(config)
        return True

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        bases = [root / "static", root / "assets", root / "content"]
        themes = root / "themes"
        try:
            for theme in sorted(themes.iterdir()) if themes.is_dir() else []:
                bases.extend((theme / "static", theme / "assets"))
        except OSError:
            pass
        return tuple(bases)


#: What :func:`_setting` answers when a table on the way to the key is not a table.
_MISSING_PART = object()


def _setting(settings: object, keys: tuple[str, ...]) -> object:
    """The config value at ``keys`` (Hugo's keys are case-insensitive): ``None`` when the last key is absent,
    :data:`_MISSING_PART` when a table on the way is not a table."""
    node = settings
    for key in keys:
        if not isinstance(node, dict):
            return _MISSING_PART
        node = {str(k).lower(): v for k, v in node.items()}.get(key)
    return node


@dataclass
class HugoContent(ContentRules):
    """What Hugo reads as content (https://gohugo.io/configuration/module/#mounts): the files below
    ``contentDir`` (``content``), each language's ``contentDir``, or, when the config mounts folders on
    ``content``, those folders instead. Layouts, themes, archetypes, ``public/`` and the repository's own files
    (README, LICENSE) are not content, nor is an ``.html`` file without front matter (a whole document that
    opens with ``<!DOCTYPE``, or a fragment): Hugo copies it to the site as it is (hugo 0.111.3 writes
    ``content/guide.html`` to ``public/guide.html`` untouched), a file of its own, not a post; a Markdown file
    without front matter is still a page."""

    folders: list[str] = field(default_factory=lambda: ["content"])

    @classmethod
    def read(cls, config: Path | None) -> HugoContent:
        rules = cls()
        data = read_config(config) if config is not None else None
        if not isinstance(data, dict):
            return rules
        lowered = {str(k).lower(): v for k, v in data.items()}
        if isinstance(lowered.get("contentdir"), str) and lowered["contentdir"].strip("/"):
            rules.folders = [lowered["contentdir"].strip().strip("/")]
        languages = lowered.get("languages")
        for settings in languages.values() if isinstance(languages, dict) else ():
            if isinstance(settings, dict):
                own = {str(k).lower(): v for k, v in settings.items()}.get("contentdir")
                if isinstance(own, str) and own.strip("/"):
                    rules.folders.append(own.strip().strip("/"))
        module = lowered.get("module")
        mounts = module.get("mounts") if isinstance(module, dict) else None
        mounted = [
            mount["source"].strip().strip("/")
            for mount in (mounts if isinstance(mounts, list) else [])
            if isinstance(mount, dict)
            and isinstance(mount.get("target"), str)
            and mount["target"].strip("/").split("/")[0] == "content"
            and isinstance(mount.get("source"), str)
            and mount["source"].strip("/")
        ]
        if mounted:  # mounts on `content` replace the default content folder
            rules.folders = mounted
        return rules

    def is_content(self, relative: str, fs_path: Path) -> bool:
        if not any(relative.startswith(folder + "/") for folder in self.folders):
            return False
        return not (fs_path.suffix.lower() in (".html", ".htm") and _copied_as_is(fs_path))


def _copied_as_is(fs_path: Path) -> bool:
    """Whether an HTML file of the content folder has no front matter (``---``, ``+++`` or a JSON object,
    after a BOM and blank lines), so that Hugo copies it as it is."""
    try:
        with fs_path.open("rb") as handle:
            head = handle.read(256)
    except OSError:
        return False  # unreadable: the reader reports it
    return not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith((b"---", b"+++", b"{"))


_MARKUP = (".md", ".markdown", ".mdown", ".html", ".htm", ".adoc", ".org", ".rst", ".pandoc")
_URLIZE_DROP = re.compile(r"[^\w\-./~]+", re.U)


def urlize(text: str) -> str:
    """Hugo's ``urlize``: spaces to hyphens, lower case (``disablePathToLower`` aside), odd characters dropped."""
    return _URLIZE_DROP.sub("", text.strip().replace(" ", "-")).lower()


@dataclass
class HugoUrls(UrlRules):
    """The URL a file builds on a Hugo site (https://gohugo.io/content-management/urls/), from its path below
    ``content/``, its front matter (``url``, ``slug``, ``draft``) and the site config (``[permalinks]``,
    ``uglyURLs``, ``contentDir``). Leaf bundles (``index.md``) build their folder's URL, branch bundles
    (``_index.md``) their section's. Hugo lower-cases the paths it builds, and every file outside the
    content folder is a template (or an asset)."""

    builds_urls = True
    fold_case = True
    link_kinds = frozenset(("ref", "relref"))

    content_dir: str = "content"
    permalinks: dict[str, str] = field(default_factory=dict)
    ugly: bool = False
    #: The taxonomies' plural names, whose list and term pages Hugo builds (default: tags, categories).
    taxonomies: tuple[str, ...] = ("tags", "categories")

    @classmethod
    def read(cls, config: Path | None) -> HugoUrls:
        """The settings from the site's config (a bad or missing one gives Hugo's defaults)."""
        site = cls()
        if config is None:
            return site
        data = read_config(config)  # a broken config is Hugo's to report: defaults, never a crash
        if not isinstance(data, dict):
            return site
        lowered = {str(k).lower(): v for k, v in data.items()}
        if isinstance(lowered.get("contentdir"), str):
            site.content_dir = lowered["contentdir"].strip("/") or "content"
        module = lowered.get("module")
        mounts = module.get("mounts") if isinstance(module, dict) else None
        for mount in mounts if isinstance(mounts, list) else []:
            # A module mount can put another folder where content is read from (`content/en` on hugoDocs).
            if isinstance(mount, dict) and mount.get("target") == "content" and isinstance(mount.get("source"), str):
                site.content_dir = mount["source"].strip("/") or site.content_dir
                break
        if isinstance(lowered.get("uglyurls"), bool):
            site.ugly = lowered["uglyurls"]
        taxonomies = lowered.get("taxonomies")
        if isinstance(taxonomies, dict):
            site.taxonomies = tuple(str(plural).lower() for plural in taxonomies.values() if isinstance(plural, str))
        links = lowered.get("permalinks")
        if isinstance(links, dict):
            page = links["page"] if isinstance(links.get("page"), dict) else links
            site.permalinks = {str(k): v for k, v in page.items() if isinstance(v, str)}
        return site

    def content_path(self, relative: str) -> str | None:
        """``relative`` below the content folder, or ``None`` when the file is not content."""
        prefix = self.content_dir + "/"
        return relative[len(prefix) :] if relative.startswith(prefix) else None

    def listing_urls(self, page: PageFacts) -> list[str]:
        """The taxonomy pages Hugo builds for the page's terms (https://gohugo.io/content-management/taxonomies/):
        ``/tags/`` and ``/tags/<urlized term>/`` for ``tags: [Distributed Systems]``. Only the taxonomies whose
        values postlint keeps (tags, categories) are known."""
        urls: list[str] = []
        for plural in self.taxonomies:
            value = page.front.get(plural)
            terms = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            words = [urlize(term) for term in terms if isinstance(term, str) and urlize(term)]
            if words:
                end = ".html" if self.ugly else "/"
                urls.append(f"/{urlize(plural)}/")
                urls.extend(f"/{urlize(plural)}/{word}{end}" for word in words)
        return urls

    def url_for(self, relative: str, page: PageFacts) -> str | None:
        inner = self.content_path(relative)
        if inner is None:
            return None
        parts = inner.split("/")
        stem, _, suffix = parts[-1].rpartition(".")
        if not stem or "." + suffix.lower() not in _MARKUP:
            return None
        front = page.front
        if front.get("draft") is True:
            return None
        url = front.get("url")
        if isinstance(url, str) and url.strip():
            value = url.strip()
            return value if value.startswith("/") else "/" + value
        folders = parts[:-1]
        if stem == "_index":
            return "/" + "".join(urlize(f) + "/" for f in folders)
        bundle = stem == "index"
        if bundle:
            if not folders:
                return "/"
            name = folders[-1]
            folders = folders[:-1]
        else:
            name = stem
        slug = front.get("slug")
        last = urlize(str(slug)) if isinstance(slug, str) and slug.strip() else urlize(name)
        section = folders[0] if folders else ""
        pattern = self.permalinks.get(section)
        if pattern and folders:
            day = page_day(page.date)
            values = {
                "year": f"{day.year:04d}" if day else "",
                "month": f"{day.month:02d}" if day else "",
                "monthname": day.strftime("%B").lower() if day else "",
                "day": f"{day.day:02d}" if day else "",
                "weekday": str(day.isoweekday() % 7) if day else "",
                "yearday": str(day.timetuple().tm_yday) if day else "",
                "section": urlize(section),
                "sections": "/".join(urlize(f) for f in folders),
                "title": urlize(page.title or name) if page.title else urlize(name),
                "slug": last,
                "slugorfilename": last,
                "slugorcontentbasename": last,
                "filename": urlize(name),
                "contentbasename": urlize(name),
            }
            filled = re.sub(r":([a-z]+)", lambda m: values.get(m.group(1), m.group(0)), pattern)
            filled = re.sub(r"/{2,}", "/", "/" + filled.lstrip("/"))
            return filled if filled.endswith("/") or self.ugly else filled + "/"
        path = "/" + "".join(urlize(f) + "/" for f in folders) + last
        return path + (".html" if self.ugly and not bundle else "/")

    def ref_keys(self, relative: str) -> list[str]:
        """What ``ref``/``relref`` accept for the file: its path below content (with and without the leading
        ``/`` and the extension), for a bundle its folder, and (as ``name:`` keys) its file name with and
        without the extension."""
        inner = self.content_path(relative)
        if inner is None:
            return []
        stem = inner.rpartition(".")[0] or inner
        keys = [inner, stem]
        if stem.endswith("/index") or stem.endswith("/_index"):
            keys.append(stem.rpartition("/")[0])
        base = inner.rsplit("/", 1)[-1].lower()
        return [k.lower() for k in keys] + ["name:" + base, "name:" + (base.rpartition(".")[0] or base)]

    def is_template(self, relative: str) -> bool:
        return self.content_path(relative) is None


_BASE_URL_LINE = lazy_regex(r"^baseurl[ \t]*:", re.I | re.M)
_BASE_URL_KEY = lazy_regex(r'^[ \t]*"baseurl"[ \t]*:', re.I | re.M)


def _has_base_url(config: Path) -> bool:
    """Whether a YAML or JSON config sets ``baseURL`` at its top level (JSON: anywhere on a line of its own)."""
    text = read_text(config)
    if text is None:
        return False
    if config.suffix == ".json":
        return _BASE_URL_KEY.search(text) is not None
    return _BASE_URL_LINE.search(text) is not None
