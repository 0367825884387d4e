"""The site index: every file of the site with the URL it builds, and what links resolve to.

Built once per run from the facts of every file of the site (the checked ones and the others), after the
per-file lint; the site rules read it. Lookups are lenient where servers are (``/a/b``, ``/a/b/``,
``/a/b.html`` and ``/a/b/index.html`` are one page), so a finding means no reading of the link works.
"""

from __future__ import annotations

import os
import posixpath
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol
from urllib.parse import unquote, urlsplit

from postlint.knowledge.pages import LinkFact, PageFacts

#: Answers whether a local file (a link target as written, relative to the page at ``fs_path``) exists:
#: ``None`` when it cannot be told (outside the allowed folders, or no site folder known).
FileLookup = Callable[[str, str], "bool | None"]

#: Link kinds that a generator's own tags make (Liquid's ``post_url`` and ``link``, Hugo's ``ref`` and
#: ``relref``): resolved only on a site whose ``SiteUrls`` name them in ``link_kinds``.
_GENERATOR_TAGS = frozenset(("post_url", "link", "ref", "relref"))
#: How many folders deep a plugin's or a host's list pages are looked for (`/blog/tag/x/` is two).
_BUILT_DEPTH = 8
_OTHER_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:", "irc:", "news:", "file:")


def url_key(path: str) -> str:
    """A URL path as a lookup key: decoded, without ``index.html``, ``.html`` or a trailing slash."""
    path = unquote(path.split("#", 1)[0].split("?", 1)[0])
    for ending in ("/index.html", "/index.htm", "/index.xml"):
        if path.endswith(ending):
            path = path[: -len(ending) + 1]
    for ending in (".html", ".htm"):
        if path.endswith(ending):
            path = path[: -len(ending)]
    path = posixpath.normpath("/" + path.lstrip("/")) if path else "/"
    return path.rstrip("/") or "/"


def _absolute(cwd: str, path: str) -> str:
    """``os.path.abspath(path)`` with the working folder ``cwd`` (absolute and normalised) given: a join
    for a relative path that names no ``.``, ``..`` or empty part (what a walk gives), for which a
    normalisation changes nothing."""
    # A part "." or ".." starts the path or follows a "/"; an empty one is "//" or a trailing "/" (a name
    # starting with "." only takes the longer way, to the same result).
    simple = path and path[0] != "/" and path[0] != "." and path[-1] != "/" and "/." not in path and "//" not in path
    if simple and os.sep == "/" and cwd != "/":
        return cwd + "/" + path
    return os.path.normpath(os.path.join(cwd, path))


class SiteUrls(Protocol):
    """What the index asks the site's generator: the URL each file builds and how its own link tags name
    files. Each generator answers in its module (:meth:`postlint.sites.base.SiteGenerator.url_rules`, whose
    default builds no URL); this module names none, and rules never see the generators' modules."""

    #: Whether :meth:`url_for` knows the site's URLs.
    builds_urls: bool
    #: Whether the generator lower-cases the URL paths it builds.
    fold_case: bool
    #: The link kinds among ``post_url``, ``link``, ``ref`` and ``relref`` that the generator resolves.
    link_kinds: frozenset[str]
    #: Whether the site rewrites link targets in a template of its own.
    link_hook: bool
    #: The site's own name (its config's ``title``), or ``None``.
    site_title: str | None
    #: Site paths the generator or its plugins build whatever the pages hold (a sitemap, a feed), and the
    #: folders where a plugin builds list pages that are not enumerated (`/tag/`).
    built_paths: frozenset[str]
    built_folders: tuple[str, ...]

    def url_for(self, relative: str, page: PageFacts) -> str | None: ...

    def listing_urls(self, page: PageFacts) -> list[str]: ...

    def post_ids(self, relative: str) -> list[str]: ...

    def ref_keys(self, relative: str) -> list[str]: ...

    def content_path(self, relative: str) -> str | None: ...

    def is_template(self, relative: str) -> bool: ...


@dataclass(frozen=True)
class Target:
    """What a link resolves to: ``state`` is ``page`` (``page`` set), ``file``, ``missing`` or ``unknown``
    (not a site link, or it cannot be told); ``fragment`` is the part after ``#``, if any."""

    state: str
    page: PageFacts | None = None
    fragment: str | None = None
    why: str = ""


def _pick(pages: list[PageFacts], fragment: str | None) -> PageFacts:
    """The page a link lands on when several build its URL (PL807 reports that): one that defines the
    fragment if any does, since which one the generator keeps cannot be told here."""
    if fragment and len(pages) > 1:
        for candidate in pages:
            if candidate.defines(fragment):
                return candidate
    return pages[0]


@dataclass(slots=True)  # not frozen: slotted frozen classes fail to unpickle on early 3.10
class PageKeys:
    """What the index files one page under: everything it derives from the page's facts, the site's folder
    and the generator's URL rules. Plain data, so the persistent site index (:mod:`postlint.archive.store`)
    keeps it for unchanged files and the index is assembled without asking the generator again."""

    #: The file's path relative to the site's folder, or ``None`` when it lies outside it.
    relative: str | None = None
    template: bool = False
    #: The URL the file builds, and its lookup key.
    url: str | None = None
    url_key: str | None = None
    post_ids: tuple[str, ...] = ()
    ref_keys: tuple[str, ...] = ()
    #: The lookup keys of the old URLs that redirect to the page.
    redirects: tuple[str, ...] = ()
    #: The page's source URL normalised (:meth:`SiteIndex.source_key`), if it names one.
    source: str | None = None


#: What a page outside any site folder without a source URL is filed under (shared: never mutated).
_NO_KEYS = PageKeys()


class SiteIndex:
    """Every file of the site and what it builds. ``pages`` holds the facts of all of them; ``rules`` are the
    site generator's (:meth:`postlint.sites.base.SiteGenerator.url_rules`): this index knows no generator.
    ``keys`` holds what the index already derived for some pages (by absolute path), from an earlier run."""

    def __init__(
        self,
        pages: Iterable[PageFacts],
        rules: SiteUrls,
        *,
        root: str | None = None,
        prefix: str = "",
        file_exists: FileLookup | None = None,
        keys: Mapping[str, PageKeys] | None = None,
    ) -> None:
        self.rules = rules
        self.root = os.path.abspath(root) if root is not None else None
        self.prefix = prefix
        self.file_exists: FileLookup = file_exists or (lambda fs_path, target: None)
        self.pages = sorted(pages, key=attrgetter("path"))
        #: Whether postlint builds this site's URLs: on a site whose permalinks it does not know, a page path
        #: that names no file may still be a page, so it is not judged.
        self.builds_urls = rules.builds_urls
        #: A generator that lower-cases the paths it builds: its links match whatever case.
        self._fold = rules.fold_case
        #: A site that rewrites link targets in its own template: a relative target that names nothing may
        #: still be resolved there, so it is not judged.
        self.link_hook = rules.link_hook
        self._built = frozenset(self._key(path) for path in rules.built_paths)
        self._built_folders = frozenset(self._key(folder) for folder in rules.built_folders)
        self.url: dict[str, str] = {}
        self.rel: dict[str, str] = {}
        self.by_key: dict[str, list[PageFacts]] = {}
        self.by_fs: dict[str, PageFacts] = {}
        self.post_ids: dict[str, PageFacts] = {}
        self.sources: dict[str, PageFacts] = {}
        self.ref_keys: dict[str, list[PageFacts]] = {}
        self.by_source_url: dict[str, list[PageFacts]] = {}
        self.by_title_day: dict[tuple[str, str], list[PageFacts]] = {}
        #: Files of the site that are templates (layouts, includes, files outside a content folder):
        #: their links are resolved against each page that uses them, so site rules do not judge them.
        self.templates: set[str] = set()
        self.redirects: dict[str, PageFacts] = {}
        #: What each page was filed under, by absolute path (the persistent index keeps it).
        self.keys: dict[str, PageKeys] = {}
        known = keys or {}
        cwd = os.getcwd()  # once: os.path.abspath asks for it on every call
        add = self._add
        for page in self.pages:
            path = page.fs_path
            absolute = _absolute(cwd, path)
            if absolute == path:
                absolute = path  # one string, not two, for each of 50,000 posts named by absolute paths
            found = known.get(absolute)
            add(page, absolute, found if found is not None else self.keys_for(page, absolute))
        for table in (self.by_source_url, self.by_title_day):
            for group in table.values():
                if len(group) > 1:  # most source URLs and titles are one file's
                    group.sort(key=earliest_key)

    def keys_for(self, page: PageFacts, absolute: str) -> PageKeys:
        """What ``page`` (at the absolute path ``absolute``) is filed under."""
        source = self.source_key(page)
        if self.root is None:
            return PageKeys(source=source) if source is not None else _NO_KEYS
        inside = self.root if self.root.endswith(os.sep) else self.root + os.sep
        if absolute.startswith(inside):  # both absolute and normalised: a slice is what relpath gives
            relative = absolute[len(inside) :].replace(os.sep, "/")
        else:
            relative = os.path.relpath(absolute, self.root).replace(os.sep, "/")
        if relative.startswith("../") or relative == "..":
            return PageKeys(source=source)
        url = self.rules.url_for(relative, page)
        # Old URLs that still answer with a redirect (jekyll-redirect-from's `redirect_from`, Hugo's
        # `aliases`): a link to one is not broken, and two files sharing one is not a collision.
        redirects = []
        for key in ("redirect_from", "aliases"):
            value = page.front.get(key)
            for old in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
                if isinstance(old, str) and old.strip():
                    redirects.append(self._key("/" + old.strip().lstrip("/")))
        # The list pages the page's front matter makes the generator build (Hugo's /tags/<term>/).
        if url is not None:
            redirects.extend(self._key(path) for path in self.rules.listing_urls(page))
        return PageKeys(
            relative,
            self._template(relative),
            url,
            self._key(url) if url is not None else None,
            tuple(dict.fromkeys(self.rules.post_ids(relative))),  # a name given twice is filed once
            tuple(self.rules.ref_keys(relative)),
            tuple(redirects),
            source,
        )

    def _add(self, page: PageFacts, absolute: str, keys: PageKeys) -> None:
        # Once per file of the site (7,443 in a pre-commit run in a large archive): each table once.
        self.by_fs[absolute] = page
        self.keys[absolute] = keys
        if page.source_url:
            source = keys.source
            if source:  # a URL that normalises to nothing ("https://") is no one's source
                group = self.by_source_url.get(source)
                if group is None:
                    self.by_source_url[source] = [page]
                else:
                    group.append(page)
        if page.title and page.date:
            # A day is shared by many posts: one string each, not one per post.
            day = (page.title, sys.intern(page.date[:10]))
            group = self.by_title_day.get(day)
            if group is None:
                self.by_title_day[day] = [page]
            else:
                group.append(page)
        relative = keys.relative
        if relative is None:
            return
        path = page.path
        self.rel[path] = relative
        if keys.template:
            self.templates.add(path)
        self.sources[relative] = page
        post_ids = self.post_ids
        for name in keys.post_ids:
            if name not in post_ids:
                post_ids[name] = page
        for key in keys.ref_keys:
            self.ref_keys.setdefault(key, []).append(page)
        url = keys.url
        if url is not None and keys.url_key is not None:
            self.url[path] = url
            group = self.by_key.get(keys.url_key)
            if group is None:
                self.by_key[keys.url_key] = [page]
            else:
                group.append(page)
        for key in keys.redirects:
            self.redirects.setdefault(key, page)

    def _template(self, relative: str) -> bool:
        return self.rules.is_template(relative)

    @staticmethod
    def source_key(page: PageFacts) -> str | None:
        """The page's source URL normalised (scheme, ``www.``, trailing slash, tracking parameters and
        fragment ignored), or ``None``."""
        from postlint.knowledge.htmlutil import normalize_url

        return normalize_url(page.source_url) if page.source_url else None

    def _key(self, path: str) -> str:
        key = url_key(path)
        return key.lower() if self._fold else key

    def _plugin_built(self, key: str) -> bool:
        """Whether the generator or a plugin builds the page at ``key`` though no file does (its sitemap, a
        tag page), so it is there or cannot be told."""
        if key in self._built:
            return True
        folders = self._built_folders
        if not folders:
            return False
        # Each folder the path is below, from the top, as far as a site's list pages go (a set lookup each:
        # a host's `_redirects` may name thousands of folders).
        end = key.find("/", 1)
        for _ in range(_BUILT_DEPTH):
            if end < 0:
                return key in folders
            if key[:end] in folders:
                return True
            end = key.find("/", end + 1)
        return False

    def _redirect(self, key: str) -> list[PageFacts]:
        page = self.redirects.get(key)
        return [page] if page is not None else []

    # ------------------------------------------------------------------------------------------ queries
    def same_url(self, page: PageFacts) -> list[PageFacts]:
        """The other files that build the URL ``page`` builds."""
        url = self.url.get(page.path)
        if url is None:
            return []
        return [other for other in self.by_key.get(self._key(url), []) if other.path != page.path]

    def resolve(self, page: PageFacts, link: LinkFact) -> Target:
        target = link.target.strip()
        if link.kind in _GENERATOR_TAGS and (link.kind not in self.rules.link_kinds or self.root is None):
            return Target("unknown")  # another generator's tag, or no site: nothing to look it up in
        if link.kind == "post_url":
            return self._post_url(target)
        if link.kind == "link":
            return self._link_tag(target, self.root or "")
        if link.kind in ("ref", "relref"):
            return self._ref(page, target)
        return self._href(page, target)

    def _post_url(self, name: str) -> Target:
        found = self.post_ids.get(name.strip("/"))
        if found is not None:
            return Target("page", found)
        return Target("missing", why=f"no post in _posts is named '{name[:100]}'")

    def _link_tag(self, path: str, root: str) -> Target:
        path = path.strip("/")
        found = self.sources.get(path)
        if found is not None:
            return Target("page", found)
        # Looked up as if from a file in the site's folder (the lookup starts from the folder).
        exists = self.file_exists(posixpath.join(root, "_"), "/" + path)
        if exists is None or exists:
            return Target("file" if exists else "unknown")
        return Target("missing", why=f"no file '{path[:100]}' in the site")

    def _content_link(self, href: str) -> Target:
        """Zola's internal link `@/blog/post.md#anchor`: the content file below `content/` (Zola fails the
        build on one that names no file)."""
        path, _, fragment = href[2:].partition("#")
        if not path or any(ord(c) < 32 for c in path) or "{" in path:
            return Target("unknown")
        assert self.root is not None
        found = self.by_fs.get(os.path.normpath(os.path.join(self.root, "content", unquote(path))))
        if found is not None:
            return Target("page", found, fragment or None)
        # Zola serves content/ at the site's root: a site-absolute path finds a file there that is not a page.
        exists = self.file_exists(posixpath.join(self.root, "_"), "/" + unquote(path).lstrip("/"))
        if exists is None or exists:
            return Target("unknown")
        return Target("missing", why=f"no content file '{path[:100]}' below content/ (what Zola's @/ links name)")

    def _ref(self, page: PageFacts, target: str) -> Target:
        path, _, fragment = target.partition("#")
        if not path:
            return Target("page", page, fragment or None)
        key = path.strip().lower()
        candidates = self.ref_keys.get(key.lstrip("/"), [])
        if not candidates and not key.startswith("/"):
            here = self.rel.get(page.path)
            inner = self.rules.content_path(here) if here else None
            if inner is not None:
                joined = posixpath.normpath(posixpath.join(posixpath.dirname(inner), key))
                candidates = self.ref_keys.get(joined, [])
            if not candidates and "/" not in key:
                candidates = self.ref_keys.get("name:" + key, [])
        if candidates:
            return Target("page", candidates[0], fragment or None)
        return Target("missing", why=f"no content file is '{path[:100]}'")

    def _href(self, page: PageFacts, href: str) -> Target:
        if href.startswith("@/") and self.root is not None:
            return self._content_link(href)
        if not href or href.startswith(("{", "<", "@/")):  # templates; Zola's `@/` content links
            return Target("unknown")
        lowered = href.lower()
        if lowered.startswith(_OTHER_SCHEMES) or href.startswith("//"):
            return Target("unknown")
        try:
            parts = urlsplit(href)
        except ValueError:
            return Target("unknown")
        if parts.scheme or parts.netloc:
            return Target("unknown")  # another host (or this one by its full address): not a site link
        fragment = parts.fragment or None
        path = parts.path
        if not path:
            return Target("page", page, fragment) if fragment is not None else Target("unknown")
        if any(ord(c) < 32 for c in path):
            return Target("unknown")
        if path.startswith("/"):
            if self.root is None or not self.builds_urls:
                return Target("unknown")  # no site, or one whose URLs are not built here: cannot be told
            inside = path
            if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
                inside = path[len(self.prefix) :] or "/"
            found = self.by_key.get(self._key(inside)) or self._redirect(self._key(inside))
            if found:
                return Target("page", _pick(found, fragment), fragment)
            if self._plugin_built(self._key(inside)):
                return Target("unknown")
            exists = self.file_exists(page.fs_path, unquote(path))
            if exists is None:
                return Target("unknown")
            if exists:
                return Target("file", fragment=fragment)
            return Target("missing", why="no page or file of the site has this path")
        # Relative: against the page's URL, then as a file beside the source.
        own = self.url.get(page.path)
        if own is not None:
            joined = posixpath.normpath(posixpath.join(own if own.endswith("/") else posixpath.dirname(own), path))
            near = self.by_key.get(self._key(joined)) or self._redirect(self._key(joined))
            if near:
                return Target("page", _pick(near, fragment), fragment)
            if self._plugin_built(self._key(joined)):
                return Target("unknown")
        base = os.path.dirname(os.path.abspath(page.fs_path))
        beside = self.by_fs.get(os.path.normpath(os.path.join(base, unquote(path))))
        if beside is not None:
            return Target("page", beside, fragment)
        exists = self.file_exists(page.fs_path, unquote(path))
        if exists is None or (not exists and (self.link_hook or (self.root is not None and not self.builds_urls))):
            return Target("unknown")
        if exists:
            return Target("file", fragment=fragment)
        return Target("missing", why="no page or file is at this path")


def earliest_key(page: PageFacts) -> tuple[str, str]:
    """Order for "the earlier one": by date as written (files without one last), then by path."""
    return (page.date or "9999", page.path)
