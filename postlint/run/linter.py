"""The public Python API: lint and fix post text without the command line.

Build a :class:`Linter` once (from a config file, the config nearest to a folder, or isolated), then lint
text as if it were the file at a given path, and apply fixes to text::

    import postlint

    linter = postlint.Linter.nearest("site/_posts")
    for finding in linter.lint(text, "site/_posts/2024-03-18-hello.md"):
        print(finding.line, finding.column, finding.code, finding.message)
    fixed = linter.fix(text, "site/_posts/2024-03-18-hello.md")   # safe fixes; unsafe=True for all
    new_text = fixed.text

Findings are :class:`postlint.Finding` objects, exactly what ``postlint check`` reports for the same bytes
at the same path (per-file ignores, suppressions, the site's generator and time zone, the site rules): the
command line's standard-input mode and the language server lint through this class. A linter reads the
disk only for what a rule looks up (local images, the other files of the site) and never goes online.

A linter may be shared by threads and pickled to worker processes (it travels as the recipe of its engine
and is rebuilt there). This module is the one place that joins the engine's entry points
(:meth:`postlint.engine.lint.Engine.from_config`, :func:`postlint.reading.post.parse_post`,
:meth:`~postlint.engine.lint.Engine.lint_post`, :mod:`postlint.engine.fixer`, the site pass) for callers.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postlint.config import Config, ConfigError, find_config, load_config, read_config_file
from postlint.core.model import Finding
from postlint.core.results import RuleInfo
from postlint.engine.outcome import FileResult
from postlint.knowledge.pages import PageFacts

if TYPE_CHECKING:
    from postlint.engine.lint import Engine, Recipe
    from postlint.knowledge.siteindex import SiteIndex
    from postlint.reading.post import Post
    from postlint.run.cache import FindingsCache

__all__ = ["ConfigError", "Fixed", "Linter", "RuleInfo"]

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Fixed:
    """What :meth:`Linter.fix` did to a text."""

    #: The text after fixing (the text given, unchanged, when nothing was fixed).
    text: str
    #: The findings left in ``text`` (all of the original findings when nothing was fixed).
    findings: list[Finding]
    #: How many findings of each code were fixed.
    fixed: dict[str, int] = field(default_factory=dict)
    #: Why the text was left alone although it had fixable findings (the front matter does not parse, the
    #: fixes do not settle or would add a finding), else ``None``.
    skipped: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


class Linter:
    """Lints post text with one configuration; build it once and reuse it (building loads the rules).

    ``config`` is the configuration (default: postlint's defaults); ``root`` is where the site, its
    generator and time zone are looked for and the project tree begins (default: the config file's folder,
    else the current folder), as the first path does on the command line. The keyword options are the
    command line's: ``profile``, ``select``/``extend_select``/``ignore`` (codes, prefixes or names),
    ``now`` (the time date rules compare with), ``site_root`` (the ``site-root`` key: where site-absolute
    paths resolve and which site the site rules index), ``inline_suppressions=False`` (as
    ``--ignore-suppressions``), ``cache=False`` (do not read the findings cache for the site's other files)
    and ``cache_dir``. The site rules index the site's other files on every lint (a file unchanged since the
    last one is not read again); ``refresh_site=False`` keeps that index until :meth:`site_changed` says
    files changed (the language server does so on file events), which makes a lint in a large site cheap.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        root: PathLike | None = None,
        profile: str | None = None,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        now: dt.datetime | None = None,
        site_root: PathLike | None = None,
        inline_suppressions: bool = True,
        cache: bool = True,
        cache_dir: PathLike | None = None,
        refresh_site: bool = True,
    ) -> None:
        from postlint.core.tree import Tree
        from postlint.engine.lint import Engine

        config = config.model_copy(deep=True) if config is not None else Config()
        if profile:
            config.profile = profile
        if site_root is not None:
            config.site_root = os.fspath(site_root)
        # The API never goes online: online rules need a run over every URL (``postlint check --online``).
        config.online = config.online.model_copy(update={"enabled": False})
        if root is None:
            root = config.source.parent if config.source is not None else Path(".")
        start = Path(root)
        engine = Engine.from_config(
            config,
            start,
            select=list(select) if select is not None else None,
            extend_select=list(extend_select) if extend_select is not None else None,
            ignore=list(ignore) if ignore is not None else None,
            now=now,
            tree=Tree.for_paths([os.fspath(start)]),
            excerpts=False,
            inline_suppressions=inline_suppressions,
        )
        self._setup(engine, cache, os.fspath(cache_dir) if cache_dir is not None else None, refresh_site)

    def _setup(self, engine: Engine, cache: bool, cache_dir: str | None, refresh_site: bool = True) -> None:
        self._engine = engine
        self._use_cache = cache
        self._cache_dir = cache_dir
        self._refresh_site = refresh_site
        self._lock = threading.RLock()
        self._site: _Site | None = None
        self._cache: FindingsCache | None = None
        self._cache_opened = False

    # ---------------------------------------------------------------------------------------- building
    @classmethod
    def from_config(cls, path: PathLike, **options: Any) -> Linter:
        """A linter with the config file at ``path`` (``postlint.toml``, ``.postlint.toml``, or a
        ``pyproject.toml`` with ``[tool.postlint]``); a mistake in it raises :class:`ConfigError`."""
        config = read_config_file(Path(path))
        return cls(config, **options)

    @classmethod
    def nearest(cls, folder: PathLike = ".", **options: Any) -> Linter:
        """A linter with the config nearest to ``folder`` (at or above it; postlint's defaults when there is
        none), as ``postlint check FOLDER`` chooses it. ``folder`` may be a file; it is also the ``root``."""
        options.setdefault("root", folder)
        return cls(load_config(None, Path(folder)), **options)

    @classmethod
    def isolated(cls, config: PathLike | None = None, **options: Any) -> Linter:
        """A linter that reads no config file but ``config`` (if given) and runs only postlint's built-in
        rules, as ``--isolated`` does (no ``rule-dirs``, no model, no third-party rule package)."""
        loaded = load_config(Path(config) if config is not None else None, Path("."), isolated=True)
        options.setdefault("root", ".")
        return cls(loaded, **options)

    @staticmethod
    def config_for(path: PathLike) -> Path | None:
        """The config file that applies to ``path`` (the nearest at or above its folder), or ``None``."""
        return find_config(Path(path).parent if not Path(path).is_dir() else Path(path))

    # ---------------------------------------------------------------------------------------- pickling
    def __getstate__(self) -> tuple[Recipe, bool, str | None, bool]:
        return self._engine.recipe, self._use_cache, self._cache_dir, self._refresh_site

    def __setstate__(self, state: tuple[Recipe, bool, str | None, bool]) -> None:
        from postlint.engine.lint import Engine

        recipe, cache, cache_dir, refresh_site = state
        self._setup(Engine.from_recipe(recipe), cache, cache_dir, refresh_site)

    # ---------------------------------------------------------------------------------------- facts
    @property
    def config(self) -> Config:
        """The effective configuration (do not change it: build another linter)."""
        return self._engine.config

    @property
    def engine(self) -> Engine:
        """The engine behind this linter (for postlint's own command line and server; not a stable API)."""
        return self._engine

    @property
    def rules(self) -> list[RuleInfo]:
        """The rules that run, with their configured severity, summary, fixability and documentation."""
        return self._engine.rule_infos()

    def front_matter_schema(self) -> dict[str, Any]:
        """The effective front-matter JSON Schema (profile plus config), as ``postlint schema`` prints it."""
        from postlint.knowledge.schema import FrontMatterSchema

        front = self._engine.config.front_matter
        built = FrontMatterSchema.build(
            self._engine.config.profile, front.model, front.fields, front.unknown_keys, front.known_keys
        )
        schema: dict[str, Any] = built.json_schema()
        return schema

    @property
    def generator(self) -> str:
        """The site generator the linter reads posts for (``jekyll``, ``hugo``, ... or ``unknown``)."""
        return str(self._engine.context.generator)

    # ---------------------------------------------------------------------------------------- linting
    def lint(self, text: str | bytes, path: PathLike, *, display: str | None = None) -> list[Finding]:
        """The findings of ``text`` linted as the file at ``path`` (relative paths as the command line
        takes them), sorted by line and column. ``bytes`` are read as a file's bytes (a BOM, invalid
        UTF-8 and NUL bytes are findings, as on disk). ``display`` is the path findings carry and
        ``per-file-ignores`` match (default: ``path`` as given; an editor passes the path relative to the
        project while ``path`` is absolute)."""
        result = self._result(text, os.fspath(path), display)
        return self._site_pass([result])[0].findings

    def lint_many(self, documents: Iterable[tuple[str | bytes, PathLike]]) -> list[list[Finding]]:
        """The findings of each ``(text, path)``, in order, linted together as ``postlint check`` lints the
        files it is given: the site rules (duplicates, URL collisions, links) see all of them, plus the
        other files of the site when there is one."""
        return [result.findings for result in self.results(documents)]

    def results(self, documents: Iterable[tuple[str | bytes, PathLike]]) -> list[FileResult]:
        """As :meth:`lint_many`, each document's findings with what reports show beside them (the host of its
        source URL): what ``postlint check --stdin-filename`` reports."""
        return self._site_pass([self._result(text, os.fspath(path)) for text, path in documents])

    def lint_file(self, path: PathLike) -> list[Finding]:
        """The findings of the file at ``path`` read from disk, as ``postlint check PATH`` reports them (a file
        that cannot be read, is not a regular file or leads out of the project tree is a finding)."""
        display = os.fspath(path)
        self._confine(Path(display))
        return self._site_pass([self._engine.lint_file_result(Path(display), display)])[0].findings

    def fix(self, text: str | bytes, path: PathLike, *, unsafe: bool = False, display: str | None = None) -> Fixed:
        """Apply the safe fixes (all fixes with ``unsafe``) of ``text`` linted as the file at ``path``, as
        ``postlint check --fix`` would write the file; returns the new text and what remains. The site rules
        are not run (as with ``--fix``)."""
        from postlint.engine.fixer import fix_post

        shown = display if display is not None else os.fspath(path)
        post = self._post(text, os.fspath(path), shown)
        findings = self._engine.lint_post(post).findings
        outcome = fix_post(self._engine, post, findings, shown, unsafe)
        before = post.text if post.text is not None else (text if isinstance(text, str) else "")
        after = outcome.after if outcome.after is not None else before
        return Fixed(after, outcome.findings, dict(outcome.fixed), outcome.skipped)

    # ---------------------------------------------------------------------------------------- internals
    def _post(self, text: str | bytes, path: str, display: str | None = None) -> Post:
        from postlint.reading.issues import LoadIssue
        from postlint.reading.post import Post, parse_post

        engine = self._engine
        fs_path = Path(path)
        display = path if display is None else display
        self._confine(fs_path)
        outside = engine.outside(fs_path, display)
        if outside is not None:
            return outside
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
        limit = engine.config.max_file_size
        if len(data) > limit:  # worded as for a file on disk, so standard input reads the same
            why = f"file is {len(data):,} bytes, over the {limit:,}-byte limit (max-file-size); it was not linted"
            return Post(display, fs_path, load_issues=[LoadIssue("too-large", why)])
        return parse_post(data, display, fs_path, limit, engine.context.site)

    def _confine(self, fs_path: Path) -> None:
        """Add the project tree of ``fs_path`` to the engine's trees when it lies in none of them yet (a
        linter built for one folder lints a text said to be elsewhere inside that text's own project)."""
        tree = self._engine.tree
        if tree is None or tree.root_for(fs_path) is not None:
            return
        from postlint.core.tree import project_root

        with self._lock:
            if tree.root_for(fs_path) is None:
                tree.add(project_root(fs_path))

    def _result(self, text: str | bytes, path: str, display: str | None = None) -> FileResult:
        post = self._post(text, path, display)
        outcome = self._engine.lint_post(post)
        return FileResult(post.path, outcome.findings, outcome.source_host, (), outcome.site)

    def site_changed(self) -> None:
        """Forget what this linter knows of the site's other files: the next lint reads their facts again
        (only for files whose size or modification time changed). Needed only with ``refresh_site=False``."""
        with self._lock:
            if self._site is not None:
                self._site.stale = True

    def _site_pass(self, results: list[FileResult]) -> list[FileResult]:
        """``results`` with the site rules' findings added (as :func:`postlint.archive.run.site_pass` does),
        indexing the site's other files from what this linter keeps of them: a file whose size and
        modification time are unchanged is not read again."""
        engine = self._engine
        if not engine.site_rules:
            return results
        from postlint.archive.run import with_site_findings

        with self._lock:
            if self._site is None:
                self._site = _Site(engine)
            site = self._site
            if site.stale or self._refresh_site:
                site.refresh(engine, self._disk_cache() if self._use_cache else None)
            checked = [r.site for r in results if r.site is not None]
            index = site.index(engine, checked)
        return with_site_findings(engine, results, index)

    def _disk_cache(self) -> FindingsCache | None:
        """The findings cache on disk (``postlint check`` fills it): the facts of an unchanged file come from
        it. Opened once; ``None`` when it cannot be trusted (see :mod:`postlint.run.cache`)."""
        if self._cache_opened:
            return self._cache
        from postlint.run.cache import CacheUnavailable, cache_base, open_cache, project_folder

        self._cache_opened = True
        config = self._engine.config
        project = config.source.parent if config.source and config.source.is_file() else Path.cwd()
        try:
            base = cache_base()
            root = Path(self._cache_dir) if self._cache_dir else project_folder(base, project)
            self._cache = open_cache(root, self._engine.fingerprint, base)
        except CacheUnavailable:
            self._cache = None
        return self._cache


class _Site:
    """What a linter keeps of its site between lints: where it is, its URL rules, and the facts of each of its
    files with the size and modification time they were read at."""

    def __init__(self, engine: Engine) -> None:
        from postlint.archive.run import find_layout, url_rules

        layout = find_layout(engine.site_setting())
        self.root, config_file, self.prefix = layout.root, layout.config_file, layout.prefix
        self.rules = url_rules(engine.context.generator, self.root, config_file)
        self.facts: dict[str, PageFacts] = {}
        self.stamps: dict[str, tuple[int, int, int]] = {}
        self.stale = True
        #: The index of the site's files but the ones last checked, kept while the site does not change.
        self._base: tuple[frozenset[str], SiteIndex] | None = None

    def index(self, engine: Engine, checked: list[PageFacts]) -> SiteIndex:
        """The index of the site with ``checked`` in place of the files at their paths: built once for the
        other files, then each lint adds only the checked files to a copy (see :func:`_merged`)."""
        from postlint.knowledge.siteindex import SiteIndex

        def build(pages: list[PageFacts]) -> SiteIndex:
            return SiteIndex(
                pages,
                self.rules,
                root=self.root,
                prefix=self.prefix,
                file_exists=lambda fs_path, target: engine.files.lookup(Path(fs_path), target),
            )

        paths = frozenset(os.path.abspath(page.fs_path) for page in checked)
        if self._base is None or self._base[0] != paths:
            self._base = (paths, build([facts for key, facts in self.facts.items() if key not in paths]))
        return _merged(self._base[1], build(checked))

    def refresh(self, engine: Engine, cache: FindingsCache | None) -> None:
        """Walk the site again; read the facts of files that are new or changed (from the findings cache
        when it holds them), drop those of files that are gone."""
        from postlint.archive.run import _site_files

        self.stale = False
        if self.root is None:
            return
        facts: dict[str, PageFacts] = {}
        stamps: dict[str, tuple[int, int, int]] = {}
        for fs_path, display, key in _site_files(engine, self.root, self.rules):
            try:
                info = os.stat(fs_path)
            except OSError:
                continue
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
            known = self.facts.get(key)
            if known is not None and self.stamps.get(key) == stamp:
                facts[key], stamps[key] = known, stamp
                continue
            read = _facts(engine, Path(fs_path), display, cache)
            if read is not None:
                facts[key], stamps[key] = read, stamp
        if stamps != self.stamps:
            self._base = None
        self.facts, self.stamps = facts, stamps


def _merged(base: SiteIndex, extra: SiteIndex) -> SiteIndex:
    """The index :class:`SiteIndex` builds from the pages of ``base`` and ``extra`` together (no path in
    both), made by merging their tables instead of indexing every page again: 5,000 pages take 170 ms to
    index, a merge 15 ms. The constructor adds pages in path order, so a table of single pages keeps the
    page of the smallest path (``setdefault``), a table of lists holds them in path order, and the
    duplicate groups are sorted earliest first."""
    import copy

    from postlint.knowledge.siteindex import earliest_key

    merged = copy.copy(base)
    for name, value in vars(base).items():
        added = getattr(extra, name, None)
        if isinstance(value, set) and isinstance(added, set):
            setattr(merged, name, value | added)
        elif name == "pages" and isinstance(value, list) and isinstance(added, list):
            merged.pages = sorted([*value, *added], key=lambda page: page.path)
        elif isinstance(value, dict) and isinstance(added, dict):
            table = dict(value)
            for key, item in added.items():
                old = table.get(key)
                if old is None:
                    table[key] = item
                elif isinstance(old, list):
                    table[key] = sorted([*old, *item], key=lambda page: page.path)
                elif isinstance(old, PageFacts) and isinstance(item, PageFacts) and item.path < old.path:
                    table[key] = item
            setattr(merged, name, table)
    for name in ("by_source_url", "by_title_day"):
        for key in getattr(extra, name, {}):
            getattr(merged, name)[key].sort(key=earliest_key)
    return merged


def _facts(engine: Engine, fs_path: Path, display: str, cache: FindingsCache | None) -> PageFacts | None:
    """A site file's facts: from the findings cache when it has the file's entry (written by ``postlint
    check``), else read for the index alone (the rules do not run, nothing is written)."""
    from postlint.knowledge.pagefacts import extract
    from postlint.knowledge.pages import Place
    from postlint.reading.post import read_bytes

    if cache is not None and engine.outside(fs_path, display) is None:
        data, failed = read_bytes(fs_path, display, engine.config.max_file_size)
        if data is not None and failed is None:
            key = cache.key(data, display, engine.fingerprint)
            hit = cache.get(key, display, lambda target: engine.files.lookup(fs_path, target, fresh=True))
            if hit is not None and hit.site is not None:
                return hit.site
    # Read the one way the engine reads a file (the site's front-matter fences included), for the index alone.
    post = engine.read(fs_path, display).post
    if not post.readable:
        return None

    def place(start: int, end: int, snippet: str) -> Place:
        line, column = post.position(start)
        end_line, end_column = post.position(max(end, start))
        return Place(start, end, line, column, end_line, end_column, snippet)

    return extract(post, engine.context.site, engine.site_needs, place)
