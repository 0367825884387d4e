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
(:meth:`postlint.engine.Engine.from_config`, :func:`postlint._post.parse_post`,
:meth:`~postlint.engine.Engine.lint_post`, :mod:`postlint.fixer`, the site pass) for callers.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postlint.config import Config, ConfigError, find_config, load_config, read_config_file
from postlint.findings import FileResult, RuleInfo
from postlint.model import Finding

if TYPE_CHECKING:
    from postlint._post import Post
    from postlint.cache import FindingsCache
    from postlint.engine import Engine, Recipe

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
    and ``cache_dir``.
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
    ) -> None:
        from postlint._walk import Tree
        from postlint.engine import Engine

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
        self._setup(engine, cache, os.fspath(cache_dir) if cache_dir is not None else None)

    def _setup(self, engine: Engine, cache: bool, cache_dir: str | None) -> None:
        self._engine = engine
        self._use_cache = cache
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._site_cache: _MemoryCache | None = None

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
    def __getstate__(self) -> tuple[Recipe, bool, str | None]:
        return self._engine.recipe, self._use_cache, self._cache_dir

    def __setstate__(self, state: tuple[Recipe, bool, str | None]) -> None:
        from postlint.engine import Engine

        recipe, cache, cache_dir = state
        self._setup(Engine.from_recipe(recipe), cache, cache_dir)

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

    @property
    def generator(self) -> str:
        """The site generator the linter reads posts for (``jekyll``, ``hugo``, ... or ``unknown``)."""
        return str(self._engine.context.generator)

    # ---------------------------------------------------------------------------------------- linting
    def lint(self, text: str | bytes, path: PathLike) -> list[Finding]:
        """The findings of ``text`` linted as the file at ``path`` (relative paths as the command line
        takes them), sorted by line and column. ``bytes`` are read as a file's bytes (a BOM, invalid
        UTF-8 and NUL bytes are findings, as on disk)."""
        return self.lint_many([(text, path)])[0]

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

    def fix(self, text: str | bytes, path: PathLike, *, unsafe: bool = False) -> Fixed:
        """Apply the safe fixes (all fixes with ``unsafe``) of ``text`` linted as the file at ``path``, as
        ``postlint check --fix`` would write the file; returns the new text and what remains. The site rules
        are not run (as with ``--fix``)."""
        from postlint.fixer import fix_post

        display = os.fspath(path)
        post = self._post(text, display)
        findings = self._engine.lint_post(post)
        outcome = fix_post(self._engine, post, findings, display, unsafe)
        shown = post.text if post.text is not None else (text if isinstance(text, str) else "")
        after = outcome.after if outcome.after is not None else shown
        return Fixed(after, outcome.findings, dict(outcome.fixed), outcome.skipped)

    # ---------------------------------------------------------------------------------------- internals
    def _post(self, text: str | bytes, display: str) -> Post:
        from postlint._issues import LoadIssue
        from postlint._post import Post, parse_post

        engine = self._engine
        fs_path = Path(display)
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
        from postlint._walk import project_root

        with self._lock:
            if tree.root_for(fs_path) is None:
                tree.add(project_root(fs_path))

    def _result(self, text: str | bytes, display: str) -> FileResult:
        from postlint.archive.judge import SITE_FACTS
        from postlint.helpers import source_host

        post = self._post(text, display)
        findings = self._engine.lint_post(post)
        return FileResult(display, findings, source_host(post), (), post.memo.get(SITE_FACTS))

    def _site_pass(self, results: list[FileResult]) -> list[FileResult]:
        engine = self._engine
        if not engine.site_rules:
            return results
        from postlint.archive.run import site_pass

        return site_pass(engine, results, self._facts_cache())  # type: ignore[arg-type]

    def _facts_cache(self) -> _MemoryCache:
        """The cache the site pass reads the site's other files through: kept in memory by this linter
        (an edit re-reads only changed files' facts), over the findings cache on disk."""
        with self._lock:
            if self._site_cache is None:
                self._site_cache = _MemoryCache(self._disk_cache() if self._use_cache else None)
            return self._site_cache

    def _disk_cache(self) -> FindingsCache | None:
        from postlint.cache import CacheUnavailable, cache_base, open_cache, project_folder

        config = self._engine.config
        project = config.source.parent if config.source and config.source.is_file() else Path.cwd()
        try:
            base = cache_base()
            root = Path(self._cache_dir) if self._cache_dir else project_folder(base, project)
            return open_cache(root, self._engine.fingerprint, base)
        except CacheUnavailable:
            return None


class _MemoryCache:
    """The findings cache as :func:`postlint.archive.run.site_pass` uses it (``key``, ``get``, ``put``), with
    every entry also kept in memory, keyed like the disk cache on the file's bytes and path; holds at most
    ``limit`` entries (then starts again)."""

    def __init__(self, disk: FindingsCache | None, limit: int = 200_000) -> None:
        self.disk = disk
        self.limit = limit
        self.entries: dict[str, FileResult] = {}
        self.lock = threading.Lock()

    @staticmethod
    def key(content: bytes, path: str, fingerprint: str) -> str:
        from postlint.cache import FindingsCache

        return FindingsCache.key(content, path, fingerprint)

    def get(self, key: str, path: str, recheck: Callable[[str], bool | None]) -> FileResult | None:
        found = self.entries.get(key)
        if found is not None or self.disk is None:
            return found
        found = self.disk.get(key, path, recheck)
        if found is not None:
            self._keep(key, found)
        return found

    def put(self, key: str, result: FileResult, file_checks: list[tuple[str, bool | None]]) -> None:
        self._keep(key, result)
        if self.disk is not None:
            self.disk.put(key, result, file_checks)

    def _keep(self, key: str, result: FileResult) -> None:
        with self.lock:
            if len(self.entries) >= self.limit:
                self.entries.clear()
            self.entries[key] = result
