"""Jekyll: ``_config.yml`` marks the site; it serves the whole folder under its ``baseurl``.

Front matter must open on the first line with ``---`` (YAML); Liquid's ``{% highlight %}`` and
``{% comment %}`` blocks (and Octopress' ``{% codeblock %}``) hold code; posts are named
``YYYY-MM-DD-slug.md``; ``timezone`` in the config names the zone zoneless dates are read in. The URL
each file builds (permalinks, collections) is :class:`JekyllUrls`.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postlint.core.lazyre import lazy_regex
from postlint.reading.sitefacts import SiteFacts
from postlint.sites.base import ContentRules, SiteGenerator, UrlRules, has_front_matter, page_day, read_config

if TYPE_CHECKING:
    from postlint.knowledge.pages import PageFacts


class Jekyll(SiteGenerator):
    name = "jekyll"
    config_files = ("_config.yml", "_config.yaml", "_config.toml")
    timezone_key = "timezone"
    base_url_key = "baseurl"
    #: kramdown gives ids its own way or GitHub's, depending on its input setting: both are accepted.
    # Jekyll reads front matter only after a `---` line (`has_yaml_header?`): a first line starting with `{` is
    # the body of a file Jekyll copies as it is (PL007), not JSON front matter (Hugo's).
    facts = SiteFacts(generator="jekyll", heading_ids=("gfm", "kramdown"), date_reader="ruby", json_objects=False)
    url_config_files = config_files

    def url_rules(self, root: Path | None, config: Path | None) -> JekyllUrls:
        return JekyllUrls.read(config)

    def content(self, root: Path, config: Path) -> JekyllContent:
        return JekyllContent.read(config)

    # Layouts and includes read the keys a post may write for them: `{% if page.hero %}`, `{{ page.nodate }}`.
    template_globs = ("_layouts/**/*.html", "_includes/**/*.html")
    template_key = lazy_regex(r"\bpage\.(\w{1,100})")

    def site_facts(self, config: Path) -> SiteFacts:
        """``markdown`` in the config names the converter: kramdown (the default) makes no link of a bare
        address written in text (Jekyll's own build of `- see: https://x.org` gives text); another converter
        (CommonMarkGhPages with its ``autolink`` extension, a plugin) may."""
        data = read_config(config)
        converter = data.get("markdown", "kramdown") if isinstance(data, dict) else "kramdown"
        if str(converter).strip().lower() == "kramdown":
            return replace(self.facts, bare_urls_linked=False)
        return self.facts

    def source_folder(self, config: Path) -> Path:
        """``source`` in the config (`source: src`, `source: docs`): Jekyll reads the site from that folder. One
        that a build step makes (`source: .tmp/src`, which a gulp task copies from `src/`) is absent from a
        checkout: the last parts of its path that name a folder here (`src`) are taken instead. A path that
        leads out of the config's folder is never followed."""
        home = config.parent
        written = _read_yaml(config).get("source")
        if not isinstance(written, str) or not written.strip():
            return home
        written = written.strip().replace("\\", "/")
        parts = [part for part in written.split("/") if part not in ("", ".")]
        if written.startswith("/") or ".." in parts or any(ord(c) < 32 for c in written):
            return home
        for first in range(len(parts)):
            candidate = home.joinpath(*parts[first:])
            if candidate.is_dir() and not any(
                (home.joinpath(*parts[first : first + i + 1])).is_symlink() for i in range(len(parts) - first)
            ):
                return candidate
        return home

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        """Jekyll copies every file of the site's folder that it does not render: ``/assets/x.png`` is
        ``assets/x.png`` there."""
        return (root,)


#: What Jekyll 4 leaves out of every site unless ``include`` names it (its ``exclude`` default), plus the
#: vendored gems and packages a site's folder often holds.
_DEFAULT_EXCLUDE = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor",
)


@functools.lru_cache(maxsize=64)
def _any_of(patterns: tuple[str, ...]) -> Callable[[str], object] | None:
    """One regex that matches what any of ``patterns`` matches with ``fnmatchcase`` (each is translated as
    ``fnmatchcase`` translates it): a walk of an archive asks every pattern of every file."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{fnmatch.translate(pattern)})" for pattern in patterns)).match


def _string_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@dataclass
class JekyllContent(ContentRules):
    """What Jekyll reads as content (https://jekyllrb.com/docs/configuration/options/): posts in any
    ``_posts`` folder, drafts in ``_drafts``, the documents of each collection in ``collections``, and pages:
    other files, outside folders whose names start with ``_`` or ``.``, that open with front matter (a
    file without it is copied as it is). ``exclude`` (with Jekyll's defaults: ``node_modules``, ``vendor``,
    ``Gemfile``, ...) and the build folder (``destination``, ``_site``) are never content; ``include``
    brings back a ``_`` or ``.`` name. Layouts, includes, data and sass are not content."""

    exclude: list[str] = field(default_factory=lambda: list(_DEFAULT_EXCLUDE))
    include: list[str] = field(default_factory=list)
    collections: set[str] = field(default_factory=set)
    collections_dir: str = ""
    destination: str = "_site"

    @classmethod
    def read(cls, config: Path | None) -> JekyllContent:
        rules = cls()
        data = _read_yaml(config)
        if not data:
            return rules
        rules.exclude.extend(p.strip().strip("/") for p in _string_list(data.get("exclude")) if p.strip())
        rules.include = [p.strip().strip("/") for p in _string_list(data.get("include")) if p.strip()]
        collections = data.get("collections")
        if isinstance(collections, (dict, list)):
            rules.collections = {name for name in collections if isinstance(name, str)}
        if isinstance(data.get("collections_dir"), str):
            rules.collections_dir = data["collections_dir"].strip().strip("/")
        if isinstance(data.get("destination"), str) and data["destination"].strip().strip("/"):
            rules.destination = data["destination"].strip().strip("/")
        return rules

    def _listed(self, parts: list[str], patterns: list[str]) -> bool:
        matcher = _any_of(tuple(patterns))
        return matcher is not None and any(matcher("/".join(parts[: i + 1])) for i in range(len(parts)))

    def is_content(self, relative: str, fs_path: Path) -> bool:
        parts = relative.split("/")
        if parts[0] == self.destination or (
            self._listed(parts, self.exclude) and not self._listed(parts, self.include)
        ):
            return False
        inner = parts
        if self.collections_dir and parts[0] == self.collections_dir and len(parts) > 1:
            inner = parts[1:]
        folders = inner[:-1]
        for special in ("_posts", "_drafts"):
            if special in folders:
                where = folders.index(special)
                return not any(p.startswith(("_", ".")) for p in inner[:where])
        if folders and folders[0].startswith("_") and folders[0][1:] in self.collections:
            return not any(p.startswith(".") for p in inner[1:])
        hidden = [i for i, p in enumerate(parts) if p.startswith(("_", ".", "#")) or p.endswith("~")]
        if any(not self._listed(parts[: i + 1], self.include) for i in hidden):
            return False
        return has_front_matter(fs_path)


def _read_yaml(config: Path | None) -> dict[str, Any]:
    """``_config.yml`` as data (``{}`` when absent, unreadable, linked out of the tree or not a mapping:
    Jekyll's defaults)."""
    data = read_config(config) if config is not None else None
    return data if isinstance(data, dict) else {}


_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_POST_NAME = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.+)$")
_MARKUP = (".md", ".markdown", ".mkd", ".mkdn", ".textile", ".html", ".htm")
_SLUG_DROP = re.compile(r"[^\w.~-]+|_", re.U)


def _slugify(text: str) -> str:
    return _SLUG_DROP.sub("-", text).strip("-").lower() if text else text


def _categories(front: dict[str, Any], folders: list[str]) -> list[str]:
    found = [f for f in folders if f]
    for key in ("categories", "category"):
        value = front.get(key)
        if isinstance(value, str):
            found.extend(value.split() if key == "categories" else [value])
        elif isinstance(value, list):
            found.extend(str(v) for v in value)
    unique: list[str] = []
    for name in found:
        slug = _slugify(name)
        if slug and slug not in unique:
            unique.append(slug)
    return unique


class _Values:
    """A permalink's placeholder values, each worked out when first asked for."""

    __slots__ = ("_make",)

    def __init__(self, make: dict[str, Callable[[], str]]) -> None:
        self._make = make

    def get(self, key: str, default: str) -> str:
        make = self._make.get(key)
        return make() if make is not None else default


def _fill(pattern: str, values: dict[str, str] | _Values) -> str:
    def one(match: re.Match[str]) -> str:
        return values.get(match.group(1), match.group(0))

    url = re.sub(r":([a-z_]+)", one, pattern)
    url = re.sub(r"/{2,}", "/", "/" + url.lstrip("/"))
    return url


def _safe_date(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


#: Where the list-page plugins build their pages by default: jekyll-archives' permalinks
#: (https://github.com/jekyll/jekyll-archives/blob/master/docs/configuration.md) and jekyll-paginate-v2's
#: autopages (tags, categories, collections).
_ARCHIVES_DEFAULTS = {"tags": ("tag", "/tag/:name/"), "categories": ("category", "/category/:name/")}
_AUTOPAGES_DEFAULTS = {"tags": "/tag/:tag", "categories": "/category/:cat", "collections": "/collection/:coll"}


def _folder_of_pattern(pattern: object) -> str | None:
    """The fixed folder a list-page permalink starts with (`/tag/` of `/tag/:name/`), or ``None`` when its
    first part is a placeholder (`/:year/`): such pages cannot be told from any other path."""
    if not isinstance(pattern, str):
        return None
    fixed = pattern.split(":", 1)[0]
    folder = fixed[: fixed.rfind("/") + 1] if "/" in fixed else ""
    return folder if folder.strip("/") else None


def _plugin_pages(data: dict[str, Any]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The pages the site's plugins (``plugins``, or the older ``gems``) build whatever the pages hold: the
    sitemap, the feed, and the folders of tag and category pages."""
    plugins = {name.strip().lower() for name in _string_list(data.get("plugins")) + _string_list(data.get("gems"))}
    paths: set[str] = set()
    folders: list[str] = []
    if "jekyll-sitemap" in plugins:
        paths.update(("/sitemap.xml", "/robots.txt"))
    if "jekyll-feed" in plugins:
        feed = data.get("feed")
        path = feed.get("path") if isinstance(feed, dict) else None
        paths.add("/" + (path if isinstance(path, str) and path.strip() else "feed.xml").strip().lstrip("/"))
    if "jekyll-archives" in plugins:
        settings = data.get("jekyll-archives")
        settings = settings if isinstance(settings, dict) else {}
        enabled = settings.get("enabled")
        permalinks = settings.get("permalinks")
        permalinks = permalinks if isinstance(permalinks, dict) else {}
        for kind, (key, default) in _ARCHIVES_DEFAULTS.items():  # `enabled: [tags]`, `permalinks: {tag: ...}`
            if enabled == "all" or (isinstance(enabled, list) and kind in enabled):
                folders.append(_folder_of_pattern(permalinks.get(key, default)) or "")
    if "jekyll-paginate-v2" in plugins:
        autopages = data.get("autopages")
        if isinstance(autopages, dict) and autopages.get("enabled") is True:
            for kind, default in _AUTOPAGES_DEFAULTS.items():
                settings = autopages.get(kind)
                settings = settings if isinstance(settings, dict) else {}
                if settings.get("enabled", True) is not False:
                    folders.append(_folder_of_pattern(settings.get("permalink", default)) or "")
    return frozenset(paths), tuple(folder.rstrip("/") for folder in folders if folder)


@dataclass
class JekyllUrls(UrlRules):
    """The URL a file builds on a Jekyll site (https://jekyllrb.com/docs/permalinks/), from its path below
    the site's folder, its front matter and ``_config.yml`` (``permalink``, ``collections``,
    ``collections_dir``; ``baseurl`` is the site's prefix). Files Jekyll does not render (in ``_``-folders
    other than posts and output collections, drafts, unpublished posts, posts without a date in their
    name) build no URL."""

    builds_urls = True
    link_kinds = frozenset(("post_url", "link"))

    permalink: str = "date"
    collections: dict[str, str | None] = field(default_factory=dict)  # name -> permalink when output: true
    #: The site's ``timezone``: Jekyll builds a post's URL from its date in this zone.
    zone: dt.tzinfo | None = None
    #: ``defaults:`` entries that set a permalink: (scope path, scope type, permalink), in config order.
    defaults: list[tuple[str, str, str]] = field(default_factory=list)
    collections_dir: str = ""
    #: ``include``: folders whose names start with ``_`` that Jekyll reads as pages all the same (`_pages`).
    include: tuple[str, ...] = ()
    built_paths: frozenset[str] = frozenset()
    built_folders: tuple[str, ...] = ()

    @classmethod
    def read(cls, config: Path | None) -> JekyllUrls:
        """The settings from ``_config.yml`` (a bad or missing one gives Jekyll's defaults)."""
        site = cls()
        if config is None:
            return site
        data = read_config(config)  # a bad, unreadable or linked-out config gives Jekyll's defaults
        if not isinstance(data, dict):
            return site
        if isinstance(data.get("permalink"), str):
            site.permalink = data["permalink"]
        if isinstance(data.get("collections_dir"), str):
            site.collections_dir = data["collections_dir"].strip("/")
        site.include = tuple(p.strip().strip("/") for p in _string_list(data.get("include")) if p.strip())
        site.built_paths, site.built_folders = _plugin_pages(data)
        if isinstance(data.get("timezone"), str):
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                site.zone = ZoneInfo(data["timezone"])
            except (ZoneInfoNotFoundError, ValueError):  # a bad zone is reported where zones are read
                site.zone = None
        collections = data.get("collections")
        if isinstance(collections, dict):
            for name, settings in collections.items():
                if isinstance(settings, dict) and settings.get("output") is True and isinstance(name, str):
                    link = settings.get("permalink")
                    site.collections[name] = link if isinstance(link, str) else None
        posts = collections.get("posts") if isinstance(collections, dict) else None
        if isinstance(posts, dict) and isinstance(posts.get("permalink"), str):
            site.permalink = posts["permalink"]  # the posts collection's own permalink wins over the global one
        defaults = data.get("defaults")
        for entry in defaults if isinstance(defaults, list) else []:
            scope = entry.get("scope") if isinstance(entry, dict) else None
            values = entry.get("values") if isinstance(entry, dict) else None
            if not isinstance(values, dict) or not isinstance(values.get("permalink"), str):
                continue
            scope = scope if isinstance(scope, dict) else {}
            path = scope.get("path")
            kind = scope.get("type")
            site.defaults.append(
                (
                    path.strip().strip("/") if isinstance(path, str) else "",
                    kind if isinstance(kind, str) else "",
                    values["permalink"],
                )
            )
        return site

    def _day(self, value: str | None) -> dt.date | None:
        """The day of a post's date as Jekyll puts it in the URL: a date with an offset, in the site's zone
        (``2016-08-25 09:50:00 +0300`` is built at ``/2016/08/24/`` on a Los Angeles site)."""
        if value and self.zone is not None and len(value) > 19:
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                return page_day(value)
            if moment.tzinfo is not None:
                return moment.astimezone(self.zone).date()
        return page_day(value)

    def _default_permalink(self, relative: str, kind: str) -> str | None:
        """The permalink ``defaults:`` give the file (https://jekyllrb.com/docs/configuration/front-matter-defaults/):
        of the scopes whose path holds the file and whose type (``posts``, ``pages``, a collection) is its own
        or unset, the most specific (the longest path, then one with a type; the later on a tie)."""
        from fnmatch import fnmatchcase

        best: tuple[int, int, int] | None = None
        chosen = None
        for order, (path, scope_kind, permalink) in enumerate(self.defaults):
            if scope_kind and scope_kind != kind:
                continue
            if path and not (
                relative == path or relative.startswith(path + "/") or ("*" in path and fnmatchcase(relative, path))
            ):
                continue
            rank = (len(path.split("/")) if path else 0, 1 if scope_kind else 0, order)
            if best is None or rank > best:
                best, chosen = rank, permalink
        return chosen

    def url_for(self, relative: str, page: PageFacts) -> str | None:
        """The URL path (without ``baseurl``) that the file at ``relative`` (POSIX, below the site's folder) builds."""
        parts = relative.split("/")
        name = parts[-1]
        stem, _, suffix = name.rpartition(".")
        if not stem or "." + suffix.lower() not in _MARKUP:
            return None
        front = page.front
        if front.get("published") is False:
            return None
        output_ext = ".html"
        if self.collections_dir and parts[0] == self.collections_dir:
            parts = parts[1:]
        if "_posts" in parts:
            where = parts.index("_posts")
            match = _POST_NAME.match(stem)
            if match is None or any(p.startswith(("_", ".")) for p in parts[:where]):
                return None
            day = self._day(page.date) or _safe_date(match)
            if day is None:
                return None
            title = str(front.get("slug") or match.group(4))
            # Each placeholder's value, worked out only when the permalink names it (an archive's posts all
            # use the same few: the site pass builds the URL of every post of the site).
            lazy = _Values(
                {
                    "year": lambda: f"{day.year:04d}",
                    "short_year": lambda: f"{day.year % 100:02d}",
                    "month": lambda: f"{day.month:02d}",
                    "i_month": lambda: str(day.month),
                    "day": lambda: f"{day.day:02d}",
                    "i_day": lambda: str(day.day),
                    "y_day": lambda: f"{day.timetuple().tm_yday:03d}",
                    "week": lambda: f"{day.isocalendar()[1]:02d}",
                    "short_day": lambda: day.strftime("%a"),
                    "title": lambda: title,
                    "slug": lambda: _slugify(title),
                    "name": lambda: match.group(4),
                    "categories": lambda: "/".join(_categories(front, parts[:where])),
                    "output_ext": lambda: output_ext,
                    "collection": lambda: "posts",
                    "path": lambda: "/".join([*parts[where + 1 : -1], stem]),
                }
            )
            pattern = front.get("permalink") if isinstance(front.get("permalink"), str) else None
            pattern = pattern or self._default_permalink(relative, "posts") or self.permalink
            pattern = _STYLES.get(str(pattern), str(pattern))
            return _fill(pattern, lazy)
        if any(p.startswith(".") for p in parts):
            return None
        first = parts[0]
        hidden_included = self._included(parts[:-1])
        if first.startswith("_") and not hidden_included:
            collection = first[1:]
            if collection not in self.collections or len(parts) < 2:
                return None
            inner = "/".join([*parts[1:-1], stem])
            values = {
                "collection": collection,
                "path": inner,
                "name": _slugify(stem),
                "title": str(front.get("slug") or stem),
                "slug": _slugify(str(front.get("slug") or stem)),
                "output_ext": output_ext,
            }
            pattern = (
                front.get("permalink")
                or self._default_permalink(relative, collection)
                or self.collections[collection]
                or "/:collection/:path:output_ext"
            )
            pattern = _STYLES.get(str(pattern), str(pattern))
            return _fill(str(pattern), values)
        if any(p.startswith("_") for p in parts[:-1]) and not hidden_included:
            return None
        permalink = front.get("permalink") or self._default_permalink(relative, "pages")
        folder = "/".join(parts[:-1])
        if isinstance(permalink, str) and permalink.strip():
            values = {"path": folder, "basename": stem, "output_ext": output_ext, "title": stem}
            return _fill(permalink.strip(), values)
        if stem == "index":
            return "/" + (folder + "/" if folder else "")
        pretty = self.permalink == "pretty" or str(self.permalink).endswith("/")
        return "/" + (folder + "/" if folder else "") + (stem + "/" if pretty else stem + output_ext)

    def _included(self, folders: list[str]) -> bool:
        """Whether ``include`` brings back every ``_`` folder among ``folders`` (`include: [_pages]`), so
        their files are pages."""
        matcher = _any_of(self.include)
        hidden = [i for i, part in enumerate(folders) if part.startswith("_")]
        return bool(hidden) and matcher is not None and all(matcher("/".join(folders[: i + 1])) for i in hidden)

    def post_ids(self, relative: str) -> list[str]:
        """The names ``{% post_url %}`` knows a post by: its path below ``_posts`` without the extension (and
        the bare name, which Jekyll still accepts with a deprecation warning)."""
        parts = relative.split("/")
        if "_posts" not in parts:
            return []
        inner = parts[parts.index("_posts") + 1 :]
        if not inner:
            return []
        inner[-1] = inner[-1].rpartition(".")[0] or inner[-1]
        return ["/".join(inner), inner[-1]]

    def is_site_file(self, relative: str) -> bool:
        """Jekyll's layouts, includes, data and sass build no page: the site pass does not read them."""
        return not self.is_template(relative)
