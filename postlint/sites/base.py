"""The seam between postlint and a site generator: what one generator module declares and answers.

A generator is one subclass of :class:`SiteGenerator` in its own module of this package, listed in
``postlint.sites.GENERATORS``. It says which files mark a site's root, how to read the site's time zone and
URL prefix from them, which folders site-absolute paths resolve in, (as :class:`SiteFacts`) how it reads
a post: front-matter fences, what counts as code, date keywords, the file-name date; and (as
:class:`UrlRules`, for the archive-wide checks) the URL each file of the site builds. Nothing here runs the
site's code: config files are read as data, a little at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlsplit

from postlint.reading.sitefacts import SiteFacts

if TYPE_CHECKING:
    from postlint.knowledge.pages import PageFacts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: How much of a site's config file is read: a config is small; a huge file is not parsed whole.
READ_LIMIT = 1_000_000


@dataclass(frozen=True)
class SiteLayout:
    """A detected site: its generator, config file, the folders site-absolute paths resolve in, and the
    path prefix of its URLs (``""`` or like ``/blog``)."""

    generator: str
    config: Path
    bases: tuple[Path, ...]
    prefix: str = ""
    #: Files the generator copies from elsewhere to a path of the site (Eleventy's passthrough copies), as
    #: ``(site path, source)``: the site path is a file (``js/throbber.js``) or a folder ending in ``/``; the
    #: source is the file or glob the config names (``src/js/*.js``), or ``""`` when computed in code.
    served: tuple[tuple[str, str], ...] = ()
    #: Site paths (no leading ``/``) that the generator, its plugins or the host answer without a file of that
    #: name: a feed a plugin writes (``feed.xml``), a page whose front matter gives its path, a redirect of the
    #: host's ``_redirects`` file. One ending in ``/`` stands for everything below it (a redirect's ``*``).
    generated: tuple[str, ...] = ()
    #: The folder the site's sources are read from (:meth:`SiteGenerator.source_folder`); ``None``: the
    #: config's folder.
    root: Path | None = None

    @property
    def folder(self) -> Path:
        """The folder the site's sources are read from: its pages' paths, layouts and files are below it."""
        return self.root if self.root is not None else self.config.parent


class SiteGenerator:
    """One site generator. Subclasses set the class attributes and override what differs."""

    #: The name used in config (`generator = "..."`) and shown to rules as ``context.generator``.
    name: ClassVar[str]
    #: Files whose presence in a folder makes it this generator's site root, most specific first.
    config_files: ClassVar[tuple[str, ...]]
    #: The key of the site's config that names its time zone, or ``None`` when the generator has none.
    timezone_key: ClassVar[str | None] = None
    #: The zone the generator reads zoneless dates in when the site names none (``None``: the build
    #: machine's), and what to say about where it comes from.
    default_timezone: ClassVar[tuple[str, str] | None] = None
    #: The key of the site's config whose URL path prefixes every site URL (compared case-insensitively).
    base_url_key: ClassVar[str] = "baseurl"
    #: How the generator reads a post.
    facts: ClassVar[SiteFacts]
    #: The config files :meth:`url_config` looks for, in order (none: the URLs need no config).
    url_config_files: ClassVar[tuple[str, ...]] = ()

    def claims(self, config: Path) -> bool:
        """Whether the config file ``config`` (one of :attr:`config_files`) is this generator's. Files that
        several generators use (``config.toml``, ``package.json``) are told apart by what they hold."""
        return True

    def timezone(self, config: Path) -> str | None:
        """The IANA time zone the site's config names, or ``None`` (unreadable configs name none)."""
        if self.timezone_key is None:
            return None
        data = read_config(config)
        zone = data.get(self.timezone_key) if isinstance(data, dict) else None
        return zone if isinstance(zone, str) and zone else None

    def layout(self, root: Path, config: Path) -> SiteLayout:
        """The folders a site-absolute path (``/img/x.png``) resolves in, the URL prefix, and the paths the
        generator answers without a file there (:func:`postlint.sites.detect_site` adds the host's redirects)."""
        bases = self.static_folders(root)
        generated = self.generated_paths(root, config)
        return SiteLayout(self.name, config, bases, url_prefix(self.base_url(config)), generated=generated, root=root)

    def source_folder(self, config: Path) -> Path:
        """The folder the site's sources are read from: the config's folder, unless the generator's config
        names another (Jekyll's ``source``)."""
        return config.parent

    def generated_paths(self, root: Path, config: Path) -> tuple[str, ...]:
        """Site paths the generator or its plugins write without a file of that name in the site's folders
        (see :attr:`SiteLayout.generated`); none by default."""
        return ()

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        """The folders the generator publishes at the site's root, ``root`` being the config's folder."""
        return (root,)

    def base_url(self, config: Path) -> str:
        """The site's base URL from its config, or ``""`` when absent or unreadable."""
        if config.suffix not in (".toml", ".json"):
            return yaml_top_level_string(config, self.base_url_key)
        data = read_config(config)
        for key, value in data.items() if isinstance(data, dict) else ():
            if isinstance(key, str) and key.lower() == self.base_url_key.lower() and isinstance(value, str):
                return value
        return ""

    def site_title(self, config: Path) -> str | None:
        """The site's name: the ``title`` of its config (Jekyll, Hugo and Zola all name the site so), when it is
        a short text."""
        settings = read_config(config)
        title = settings.get("title") if isinstance(settings, dict) else None
        return title.strip() if isinstance(title, str) and 0 < len(title.strip()) <= 60 else None

    def url_rules(self, root: Path | None, config: Path | None) -> UrlRules:
        """How the site at ``root`` (configured by ``config``, when known) builds its URLs: the default
        builds none (postlint does not know this generator's permalinks)."""
        return UrlRules()

    def url_config(self, root: Path) -> Path | None:
        """The config file :meth:`url_rules` reads, for a site whose folder is given (``site-root``)."""
        return next((root / name for name in self.url_config_files if (root / name).is_file()), None)

    def site_facts(self, config: Path) -> SiteFacts:
        """How the generator reads this site's posts, with what its config sets (the default: :attr:`facts`)."""
        return self.facts

    #: Where the site's templates are, below its folder (globs), and how a template reads a front-matter key.
    template_globs: ClassVar[tuple[str, ...]] = ()
    template_key: ClassVar[re.Pattern[str] | None] = None

    def template_keys(self, root: Path) -> frozenset[str]:
        """The front-matter keys the site's own templates read (a theme's ``.Params.nodate``, a layout's
        ``page.hero``): keys a post writes for its layout, not typos. Read as text, never run; at most
        2,000 templates of 256 KB each."""
        pattern = self.template_key
        if pattern is None:
            return frozenset()
        keys: set[str] = set()
        count = 0
        for glob in self.template_globs:
            for path in sorted(root.glob(glob)):
                if count >= 2000:
                    return frozenset(keys)
                if not path.is_file():
                    continue
                count += 1
                try:
                    with path.open("rb") as handle:
                        text = handle.read(256 * 1024).decode("utf-8", "replace")
                except OSError:
                    continue
                keys.update(found.group(1) for found in pattern.finditer(text))
        return frozenset(keys)

    def content(self, root: Path, config: Path) -> ContentRules:
        """Which files of the site at ``root`` the generator reads as content (the default: every file)."""
        return ContentRules()


class ContentRules:
    """Which files of one site its generator reads as content (posts, pages, collection documents), as
    opposed to templates, data, build output and the repository's own files. A folder walk lints only
    content; a file named on the command line is always linted. This default counts every file."""

    def is_content(self, relative: str, fs_path: Path) -> bool:
        """Whether the file at ``relative`` (POSIX, below the site's folder) is content."""
        return True


def has_front_matter(fs_path: Path, fences: tuple[bytes, ...] = (b"---",)) -> bool:
    """Whether the file's first line is one of ``fences`` (trailing white space allowed, a BOM ignored),
    as generators that render only files with front matter test it (Jekyll's ``has_yaml_header?``)."""
    try:
        with fs_path.open("rb") as handle:
            head = handle.read(256)
    except OSError:
        return True  # unreadable: the reader reports it
    head = head.removeprefix(b"\xef\xbb\xbf")
    first = head.split(b"\n", 1)[0].rstrip()
    return first in fences


#: Folders of a site that hold templates and data, never pages (Jekyll's; Eleventy's ``_includes`` and
#: ``_data`` too).
TEMPLATE_FOLDERS = frozenset(("_layouts", "_includes", "_data", "_sass", "_site", "_plugins"))


class UrlRules:
    """The URLs one site builds, for the archive-wide checks (it is what their site index asks,
    :class:`postlint.knowledge.siteindex.SiteUrls`): which file builds which URL path, what the generator's own
    link tags (``post_url``, ``ref``, ...) name each file by, and which files are templates.

    This base class is the answer for a generator whose permalinks postlint does not know: it builds no URL,
    so a site-absolute link can be neither found nor judged missing. Paths are POSIX, relative to the site's
    folder; nothing here reads a file of the site."""

    #: Whether :meth:`url_for` knows the site's URLs: when not, a page path that names no file may still be
    #: a page, so links to one are not judged.
    builds_urls: bool = False
    #: Whether the generator lower-cases the URL paths it builds (links then match whatever the case).
    fold_case: bool = False
    #: The link kinds (see :class:`~postlint.knowledge.pages.LinkFact`) this generator resolves itself, by
    #: :meth:`post_ids` (``post_url``), the site's file paths (``link``) or :meth:`ref_keys` (``ref``).
    link_kinds: frozenset[str] = frozenset()
    #: Whether the site rewrites link targets in a template of its own (a render hook): a relative target
    #: that names nothing may still resolve there.
    link_hook: bool = False
    #: Whether a relative link to a page's source file (``[next](other.md)``) reaches the page: Jekyll's
    #: jekyll-relative-links (on by default on GitHub Pages), Hugo's render hooks and Eleventy's
    #: InputPath-to-URL plugin rewrite them; Zola does not (only its ``@/`` links name content files).
    source_links: bool = True
    #: The site's own name, its config's ``title`` (Jekyll, Hugo, Zola), when it has one: templates add it
    #: to every page's ``<title>``.
    site_title: str | None = None
    #: Site paths the generator or its plugins build whatever the pages hold (``/sitemap.xml`` of
    #: jekyll-sitemap), and the folders where a plugin builds list pages not enumerated here (``/tag/`` of
    #: jekyll-archives): links to them are not judged missing.
    built_paths: frozenset[str] = frozenset()
    built_folders: tuple[str, ...] = ()

    def url_for(self, relative: str, page: PageFacts) -> str | None:
        """The URL path (without the site's prefix) the file at ``relative`` builds, or ``None``."""
        return None

    def unsure_prefix(self, relative: str, page: PageFacts) -> str | None:
        """For a file that builds a URL postlint cannot compute (a permalink template it cannot fill, a slug it
        cannot transliterate): the start of that URL that is certain (``/tags/``, ``/`` when nothing is), so
        that a link below it is not judged missing. ``None`` when the file builds the URL :meth:`url_for`
        gives, or none."""
        return None

    def generated(self, key: str) -> bool:
        """Whether the generator builds something at the URL path ``key`` (without the site's prefix, as
        :func:`~postlint.knowledge.siteindex.url_key` gives it) that no file of the site builds: feeds,
        sitemaps, taxonomy and pagination pages."""
        return False

    def listing_urls(self, page: PageFacts) -> list[str]:
        """The list pages the page's front matter makes the generator build (Hugo's ``/tags/<term>/``)."""
        return []

    def post_ids(self, relative: str) -> list[str]:
        """The names a ``post_url`` tag knows the file by."""
        return []

    def ref_keys(self, relative: str) -> list[str]:
        """The (lower-case) keys a ``ref``/``relref`` target is looked up by; ``name:`` keys are tried for a
        bare file name that matched nothing else."""
        return []

    def content_path(self, relative: str) -> str | None:
        """``relative`` below the content folder (what relative ``ref`` targets join to), or ``None``."""
        return None

    def is_template(self, relative: str) -> bool:
        """Whether the file is a template or data (its links are resolved on each page that uses it, so
        the site rules do not judge them)."""
        return "/" in relative and relative.split("/", 1)[0] in TEMPLATE_FOLDERS

    def is_site_file(self, relative: str) -> bool:
        """Whether the site pass reads the file (not a checked one) as part of the site."""
        return True


def page_day(value: str | None) -> dt.date | None:
    """The day of a page's date as the site index keeps it (ISO text), for date placeholders in URLs."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


#: Site configs that were symlinks leading out of their folder, not read (for the run's warnings).
_refused: dict[str, None] = {}


def take_refused() -> list[str]:
    """The site configs not read since the last call because they are symlinks out of their folder."""
    refused = list(_refused)
    _refused.clear()
    return refused


def read_text(path: Path) -> str | None:
    """At most :data:`READ_LIMIT` bytes of ``path`` as text, or ``None`` when it cannot be read.

    A config that is a symlink is read only when it leads to a file inside its own folder (the site's):
    a pull request's ``_config.yml -> /home/runner/.ssh/config`` would otherwise have its contents quoted
    in an error message (``timezone``) or a finding (``permalink``). Such a link is never opened, even with
    ``--isolated``; it is remembered for :func:`take_refused` and the site's settings are the defaults."""
    try:
        if os.path.islink(path):
            real = os.path.realpath(path)
            home = os.path.realpath(os.path.dirname(os.path.abspath(path)))
            if not real.startswith(home.rstrip(os.sep) + os.sep):
                _refused[str(path)] = None
                return None
            path = Path(real)
        with open(path, "rb", opener=_no_follow) as handle:
            return handle.read(READ_LIMIT).decode("utf-8", errors="replace")
    except OSError:
        return None


def _no_follow(name: str, flags: int) -> int:
    """Open ``name`` without following a symlink it has become since it was checked."""
    return os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))


def read_config(config: Path, full: bool = True) -> object:
    """A TOML or JSON config as data; YAML too when ``full`` (with the safe loader: it builds only plain
    values). ``None`` when unreadable or invalid: the site's config is not postlint's to report on."""
    text = read_text(config)
    if text is None:
        return None
    try:
        if config.suffix == ".toml":
            return tomllib.loads(text)
        if config.suffix == ".json":
            return json.loads(text)
        if full and config.suffix in (".yml", ".yaml"):
            import yaml

            return yaml.safe_load(text)
    except Exception:  # invalid, too deep, or a YAML oddity: all the same to us
        return None
    return None


def yaml_top_level_string(config: Path, key: str) -> str:
    """A top-level ``key: value`` line of a YAML file, read without expanding the YAML (``""`` if none)."""
    text = read_text(config)
    if text is None:
        return ""
    match = re.search(r"^(" + re.escape(key) + r")[ \t]*:[ \t]*(.*?)[ \t]*$", text, re.I | re.M)
    if match is None:
        return ""
    value = re.sub(r"\s+#.*$", "", match.group(2)).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def url_prefix(base_url: str) -> str:
    """The path part of a base URL, as ``/blog`` (no trailing slash), or ``""`` for the domain's root."""
    value = base_url.strip()
    if "://" in value or value.startswith("//"):
        value = urlsplit(value).path
    value = value.strip().strip("/")
    return "/" + value if value and "{" not in value else ""


#: Stylesheets a site's generator or its asset pipeline serves (Sass, Less and plain CSS).
_STYLESHEETS = (".css", ".scss", ".sass", ".less")
#: Folders of a site that hold no stylesheet of its own: dependencies, build output, version control.
_NOT_STYLES = frozenset(("node_modules", "_site", "public", ".git", "vendor", "bower_components", ".jekyll-cache"))
#: A class selector (`.sr-only`, `.visually-hidden:focus`); names start with a letter, `_` or `-`.
_CLASS_SELECTOR = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
#: How much stylesheet text is read per site, and how many folders are looked into: a site's own CSS is
#: far smaller; a checkout full of vendored assets is read only this far.
STYLE_BYTES = 4_000_000
STYLE_FOLDERS = 5_000


def styled_classes(root: Path) -> frozenset[str]:
    """The class names the stylesheets in the site's folder (``root``) select, lower case: its theme's CSS,
    Sass and Less, wherever it keeps them (``_sass/``, ``assets/``, ``src/_includes/index.css``), outside
    dependencies and build output. Read as text, never run; bounded by :data:`STYLE_BYTES`."""
    names: set[str] = set()
    budget = STYLE_BYTES
    folders = 0
    for folder, subfolders, files in os.walk(root):
        folders += 1
        subfolders[:] = sorted(d for d in subfolders if d not in _NOT_STYLES and not d.startswith("."))
        for name in sorted(files):
            if not name.lower().endswith(_STYLESHEETS) or name.lower().endswith(".min.css"):
                continue
            path = Path(folder) / name
            try:
                with path.open("rb") as handle:
                    data = handle.read(min(budget, READ_LIMIT))
            except OSError:
                continue
            budget -= len(data)
            names.update(match.lower() for match in _CLASS_SELECTOR.findall(data.decode("utf-8", "replace")))
            if budget <= 0:
                return frozenset(names)
        if folders >= STYLE_FOLDERS:
            break
    return frozenset(names)
