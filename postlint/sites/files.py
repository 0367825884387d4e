"""Answers whether a post's local link target exists (PL305), confined to the site's folders and the post's
project tree: from ``site-root`` and ``static-dirs`` in postlint's config, else from the site detected by
its generator (:mod:`postlint.sites`)."""

from __future__ import annotations

import errno
import os
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from postlint.config import Config, ConfigError
from postlint.core.tree import Tree, project_root, within
from postlint.reading.memo import MemoKey
from postlint.reading.post import Post
from postlint.sites.base import read_text

#: Per post: each local file a rule asked about and the answer (a cached result is re-validated with them).
FILE_CHECKS: MemoKey[list[tuple[str, bool | None]]] = MemoKey("file-checks")


def local_files(config: Config, start: Path | None = None, tree: Tree | None = None) -> LocalFiles:
    """The lookup PL305 uses: ``site-root`` and ``static-dirs`` from the config, else the site detected from
    its generator's config (Jekyll's ``_config.yml`` with ``baseurl``, Hugo's ``static/``, ``assets/`` and
    page bundles), all inside the project tree unless ``allow-site-root-outside-tree`` is set."""
    where = Path(".") if start is None else start
    known = tree.root_for(where) if tree is not None else None
    project = known.lexical if known is not None else project_root(where)
    real_project = os.path.realpath(project)
    allow = config.allow_site_root_outside_tree
    prefix = ""
    page_url: PageUrl | None = None
    if config.site_root:
        roots = [Path(config.site_root).resolve()]
        base = Path(config.site_root)
    else:
        from postlint.sites import detect_site

        layout = detect_site(where, project)
        roots = list(layout.bases) if layout is not None else []
        prefix = layout.prefix if layout is not None else ""
        base = layout.folder if layout is not None else Path(".")
        if layout is not None:
            page_url = _page_urls(layout.generator, layout.config)
    static = [(base / folder).resolve() for folder in config.static_dirs]
    if not allow:
        for key, paths in (("site-root", roots if config.site_root else []), ("static-dirs", static)):
            for path in paths:
                if not within(str(path), real_project):
                    raise ConfigError(
                        f"{key}: '{path}' is outside the project tree ('{project}'), so PL305 would tell which "
                        "files exist there; set allow-site-root-outside-tree = true to look there anyway"
                    )
    files = LocalFiles(roots, static, prefix=prefix, tree=tree, page_url=page_url)
    files.unfetched = unfetched_submodules(real_project, os.path.realpath(base))
    if not config.site_root and layout is not None and layout.served:
        files.served = Served(layout.config.parent, layout.served)
    if not config.site_root and layout is not None:
        files.generated = layout.generated
    return files


_SUBMODULE_PATH = re.compile(r"^[ \t]*path[ \t]*=[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def unfetched_submodules(*folders: str) -> tuple[str, ...]:
    """The folders that a ``.gitmodules`` in ``folders`` declares and that hold nothing here: a clone made
    without ``--recurse-submodules`` or an export by ``git archive`` leaves a Hugo theme, a vendored asset
    folder or a content repository out. What they would serve cannot be told, so it is not called missing.
    Paths that climb out of the folder that declares them are ignored (never looked at)."""
    found: list[str] = []
    for folder in dict.fromkeys(folders):
        # Read as site configs are: a `.gitmodules` that is a symlink out of its folder is not read.
        text = read_text(Path(folder) / ".gitmodules")
        if not text:
            continue
        for match in _SUBMODULE_PATH.finditer(text):
            written = match.group(1).strip('"').strip()
            if not written or "\x00" in written:
                continue
            path = os.path.normpath(os.path.join(folder, written))
            if path == folder or not within(path, folder) or path in found:
                continue
            try:
                with os.scandir(path) as entries:
                    empty = next(entries, None) is None
            except FileNotFoundError:
                empty = True
            except (OSError, ValueError):
                continue
            if empty:
                found.append(path)
    return tuple(found)


#: What the paths of pages and of their sources end in: a theme or vendored folder serves files, not pages.
_PAGE_SUFFIXES = ("", ".html", ".htm", ".xml", ".md", ".markdown", ".mdown", ".textile", ".adoc", ".rst", ".org")


class Served:
    """The files a generator copies to a site path from elsewhere (Eleventy's passthrough copies), as the
    config names them: ``js/throbber.js`` from ``src/_includes/components/throbber.js``, ``js/`` from
    ``src/js/*.js``. A source computed in code, or in a dependency (``node_modules``, absent from a checkout),
    is taken as there."""

    def __init__(self, root: Path, pairs: tuple[tuple[str, str], ...]) -> None:
        self.root = root
        self.pairs = pairs

    def has(self, name: str) -> bool:
        """Whether the site path ``name`` (no leading ``/``) is one the copies write."""
        for site_path, source in self.pairs:
            if not site_path:  # a folder copied to the site's root (`{"./public/": "/"}`)
                if not source or not name:
                    continue
                rest = name
            elif site_path.endswith("/"):
                if not name.startswith(site_path) or len(name) == len(site_path):
                    continue
                rest = name[len(site_path) :]
            elif name == site_path:
                rest = ""
            else:
                continue
            if not source or "node_modules" in source.split("/"):
                if not rest or _matches(rest, posixpath.basename(source)):
                    return True
                continue
            source = source.removeprefix("./")
            if rest and any(c in source for c in "*?{["):
                if _matches(rest, posixpath.basename(source)):
                    source = posixpath.join(posixpath.dirname(source), rest)
                else:
                    continue
            elif rest:
                source = posixpath.join(source, rest)
            candidate = os.path.normpath(os.path.join(self.root, source))
            if within(candidate, os.path.realpath(self.root)) and os.path.isfile(candidate):
                return True
        return False


def _generated(paths: tuple[str, ...], name: str) -> bool:
    """Whether the site path ``name`` (no leading ``/``) is one of ``paths``, or below one ending in ``/``; a
    folder's page is found with or without its slash (``cv`` and ``cv/``)."""
    bare = name.rstrip("/")
    return any(bare == path.rstrip("/") or (path.endswith("/") and name.startswith(path)) for path in paths if path)


def _matches(name: str, pattern: str) -> bool:
    """``name`` against a glob's last part, with ``{a,b}`` alternatives (one level), as Eleventy's globs read."""
    if not pattern or not any(c in pattern for c in "*?{["):
        return not pattern or name == pattern or "/" not in name
    import fnmatch

    brace = pattern.find("{")
    close = pattern.find("}", brace)
    if brace >= 0 and close > brace:
        options = pattern[brace + 1 : close].split(",")
        return any(fnmatch.fnmatchcase(name, pattern[:brace] + option + pattern[close + 1 :]) for option in options)
    return fnmatch.fnmatchcase(name, pattern)


def _join_url(folder: str, path: str) -> str | None:
    """``path`` resolved against the URL folder ``folder`` (``/a/b/``) as a browser does, or ``None`` when its
    ``..`` climb above the site's root (a browser would stop there; a link written so is not the site's)."""
    segments = [part for part in folder.split("/") if part]
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not segments:
                return None
            segments.pop()
        else:
            segments.append(part)
    return "/" + "/".join(segments)


#: The URL path (without the site's prefix) the post builds, or ``None`` when it builds none or it is unknown.
PageUrl = Callable[[Post], "str | None"]


def _page_urls(generator_name: str, config: Path) -> PageUrl | None:
    """How the site's generator gives a post its URL (permalinks, collections, pretty URLs), for relative
    targets, which the browser resolves against the page's URL, not against the source file's folder."""
    from postlint.knowledge.frontmatter import front_matter_date
    from postlint.knowledge.pages import PageFacts
    from postlint.sites import generator_named

    generator = generator_named(generator_name)
    if generator is None:
        return None
    root = generator.source_folder(config)
    rules = generator.url_rules(root, config)
    if not rules.builds_urls:
        return None
    real_root = os.path.realpath(root)

    def page_url(post: Post) -> str | None:
        relative = os.path.relpath(os.path.realpath(post.fs_path), real_root).replace(os.sep, "/")
        if relative.startswith("../"):
            return None
        written = front_matter_date(post)
        day = written.value.isoformat() if written is not None else None
        title = post.data.get("title")
        facts = PageFacts(post.path, str(post.fs_path), dict(post.data), day, title if isinstance(title, str) else None)
        try:
            return rules.url_for(relative, facts)
        except (ValueError, TypeError):  # odd front matter builds no URL postlint can tell
            return None

    return page_url


class LocalFiles:
    """Answers whether a post's local link target exists, never looking outside the allowed roots: the
    site's folders for site-absolute paths (``/assets/x.png``), the post's project tree for relative ones."""

    def __init__(
        self,
        site_roots: list[Path],
        static_dirs: list[Path],
        *,
        prefix: str = "",
        area: str | None = None,
        tree: Tree | None = None,
        page_url: PageUrl | None = None,
    ) -> None:
        self.site_roots = site_roots
        self.static_dirs = static_dirs
        #: The path every site URL starts with (Jekyll's baseurl, the path of Hugo's baseURL), or "".
        self.prefix = prefix
        #: Where relative targets may be looked up (``None``: the project tree of each post).
        self.area = area
        #: When set, each post's own tree is the area (the engine's tree, set by ``Engine.confine``).
        self.tree = tree
        #: The URL each post builds: a relative target that names no file beside the source is looked up
        #: from the page's URL, as the browser resolves it (``../../img/x.png`` from ``/tutorials/x/``).
        self.page_url = page_url
        self._cache: dict[Path, bool] = {}
        # Resolving a path costs a system call per folder in it: each post's folder and each
        # (folder, target) pair is resolved once per run, however often posts repeat an image.
        self._folders: dict[Path, tuple[Path, str]] = {}
        self._answers: dict[tuple[Path, str, str], bool | None] = {}
        self._areas: dict[str, str] = {}
        #: Files the generator copies to site paths from elsewhere (Eleventy's passthrough copies).
        self.served: Served | None = None
        #: Submodule folders that are not checked out (:func:`unfetched_submodules`).
        self.unfetched: tuple[str, ...] = ()
        #: Site paths the generator, its plugins or the host answer without a file (see SiteLayout.generated).
        self.generated: tuple[str, ...] = ()

    def exists(self, post: Post, target: str) -> bool | None:
        result = self.lookup(post.fs_path, target)
        # Recorded so a cached result can be re-validated with a stat call instead of a full lint.
        post.memo.setdefault(FILE_CHECKS, []).append((target, result))
        if result is not True and self.page_url is not None:
            # Not beside the source (or climbing out of the tree from there): the browser resolves it from
            # the page's URL, which may lie elsewhere (a collection's `/tutorials/x/`, a permalink).
            path = target.split("#", 1)[0].split("?", 1)[0]
            url = self.page_url(post) if path and not path.startswith("/") else None
            if url is not None and url.startswith("/"):
                folder = self.prefix + (url if url.endswith("/") else posixpath.dirname(url) + "/")
                absolute = _join_url(folder, path)
                # A path that climbs above the site's URLs leads off the site: not looked up.
                if absolute is not None and (not self.prefix or absolute.startswith(self.prefix + "/")):
                    from_url = self.lookup(post.fs_path, absolute)
                    post.memo[FILE_CHECKS].append((absolute, from_url))
                    if from_url is not None:
                        result = from_url
        return result

    def lookup(self, fs_path: Path, target: str, fresh: bool = False) -> bool | None:
        """Whether ``target`` (as written in the post at ``fs_path``) exists; ``None`` when it cannot be told.

        ``fresh`` skips this run's memo (a cached result is being re-validated)."""
        target = target.split("#", 1)[0].split("?", 1)[0]
        if not target:
            return None
        known = self._folders.get(fs_path)
        if known is None:
            try:
                post_dir = fs_path.resolve().parent
            except (OSError, RuntimeError):
                return None
            root = self.tree.root_for(fs_path) if self.tree is not None else None
            if root is not None:
                area = root.real
            elif self.area is not None:
                area = self.area
            else:
                folder = os.path.dirname(os.path.abspath(fs_path))
                cached = self._areas.get(folder)
                if cached is None:
                    cached = self._areas[folder] = os.path.realpath(project_root(folder))
                area = cached
            known = self._folders[fs_path] = (post_dir, area)
        post_dir, area = known
        key = (post_dir, area, target)
        if fresh or key not in self._answers:  # a fresh look also refreshes what later lookups are told
            try:
                self._answers[key] = self._look(post_dir, area, target, fresh)
            except ValueError:  # a NUL in the name: no file can have it
                self._answers[key] = False
            except OSError as error:  # a name too long for the file system cannot exist either
                self._answers[key] = False if error.errno == errno.ENAMETOOLONG else None
            except RuntimeError:  # a symlink loop: nothing a reader's browser can load (and no hiding place)
                self._answers[key] = False
        return self._answers[key]

    def _look(self, post_dir: Path, area: str, target: str, fresh: bool) -> bool | None:
        if target.startswith("/"):
            bases = self.site_roots + self.static_dirs
            names = [target.lstrip("/")]
            prefix = self.prefix
            if prefix and (target == prefix or target.startswith(prefix + "/")):
                names.insert(0, target[len(prefix) :].lstrip("/"))
            allowed = [str(base) for base in bases]
        else:
            bases = [post_dir]
            names = [target]
            allowed = [area]  # `..` may climb to a sibling folder, never out of the tree
        if not bases:
            return None  # a site-absolute path with no site root configured or found: cannot tell
        for base in bases:
            for name in names:
                written = os.path.normpath(os.path.join(base, name))
                if not any(within(written, root) for root in allowed):
                    return None  # outside the roots as written: not looked at
                candidate = (base / name).resolve()
                if not any(within(str(candidate), root) for root in allowed):
                    # Inside as written, outside once a committed symlink is followed: no build publishes
                    # that (Jekyll's --safe skips symlinks), and "cannot tell" let one link in a pull request
                    # silence every missing file below it. The same verdict whatever the link points at.
                    return False
                known = None if fresh else self._cache.get(candidate)
                if known is None:
                    known = self._cache[candidate] = candidate.exists()
                if known:
                    return True
        if target.startswith("/") and self.generated and any(_generated(self.generated, name) for name in names):
            return True
        if target.startswith("/") and self.served is not None and any(self.served.has(name) for name in names):
            return True
        if self.unfetched and self._maybe_unfetched(post_dir, target):
            return None
        return False

    def _maybe_unfetched(self, post_dir: Path, target: str) -> bool:
        """Whether a folder that is not checked out may hold ``target``: a relative target that leads into
        one, or a site file (not a page) that such a folder may serve."""
        if not target.startswith("/"):
            written = os.path.normpath(os.path.join(post_dir, target))
            return any(within(written, folder) for folder in self.unfetched)
        if posixpath.splitext(target.rstrip("/"))[1].lower() in _PAGE_SUFFIXES:
            return False
        bases = [str(base) for base in self.site_roots + self.static_dirs]
        return any(
            # A folder the site serves from, one that holds such a folder, or a theme (Hugo's and Zola's
            # `themes/<name>/static`, whose folder an export leaves out altogether); not the build's output
            # (`public/`, often a submodule for GitHub Pages).
            any(within(folder, base) or within(base, folder) for base in bases)
            or os.path.basename(os.path.dirname(folder)) == "themes"
            for folder in self.unfetched
        )
