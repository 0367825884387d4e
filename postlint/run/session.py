"""A lint session: from what the command line asked for to one result per file.

The session decides which config applies (``--config``, ``--isolated``, else the config nearest to each
file), which files are linted (walked from PATHS, changed since a git ref, or listed in a file), which
engine lints each one, whether the findings cache is used, and runs the online pass. It prints nothing and
never exits: a mistake in what was asked is a :class:`~postlint.config.ConfigError` (or a
:class:`~postlint.engine.registry.RuleLoadError`) whose message names the flag or key, and the command line
(:mod:`postlint.cli.main`) turns it into exit 2. Reporters get the :class:`LintRun` it returns.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from postlint.config import Config, ConfigError, load_config
from postlint.core.model import Finding
from postlint.core.results import FixOutcome, RunResult
from postlint.engine.outcome import FileResult

if TYPE_CHECKING:
    from postlint.core.tree import Tree
    from postlint.engine.lint import Engine
    from postlint.online.run import OnlineRun
    from postlint.run.cache import FindingsCache
    from postlint.sites.content import OwnOutputs

Progress = Callable[[int, int], None]


@dataclass
class LintRequest:
    """What to lint and how: the command line's lint options, parsed."""

    paths: tuple[str, ...] = ()
    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    config_path: str | None = None
    profile: str | None = None
    now: dt.datetime | None = None
    jobs: int | None = None
    no_cache: bool = False
    cache_dir: str | None = None
    changed_since: str | None = None
    files_from: TextIO | None = None
    force_exclude: bool = False
    isolated: bool = False
    #: ``--ignore-suppressions``: inline ``postlint-disable`` comments silence nothing.
    ignore_suppressions: bool = False
    fail_on: str | None = None
    #: ``(unsafe, write)`` to fix instead of lint (``write=False``: compute the fixes for --diff).
    fix: tuple[bool, bool] | None = None
    #: ``--online``/``--no-online``; ``None`` leaves it to the config.
    online: bool | None = None
    #: Whether findings carry source excerpts (the HTML report shows them; other formats do not).
    excerpts: bool = True
    #: The files this run writes (reports, redirected standard output): a walk never lints them.
    own_outputs: OwnOutputs | None = None


@dataclass
class LintRun:
    """The outcome of linting: the run's configuration, the engines used and one result per file."""

    config: Config
    engines: list[Engine]
    results: list[FileResult | FixOutcome]
    #: The engine that linted each result (for the online pass); empty when fixing.
    owners: list[Engine] = field(default_factory=list)

    @property
    def online(self) -> bool:
        """Whether the online pass is still to run: a lint (not a fix) with an engine that is online."""
        return bool(self.owners) and any(engine.online for engine in self.engines)

    def findings(self) -> list[Finding]:
        return sorted((f for r in self.results for f in r.findings), key=Finding.sort_key)

    def result(self, findings: list[Finding]) -> RunResult:
        from postlint.core.model import Severity

        hosts = {r.path: r.source_host for r in self.results if r.source_host}
        rules = {info.code: info for engine in self.engines for info in engine.rule_infos()}
        return RunResult(findings, len(self.results), list(rules.values()), Severity(self.config.fail_on), hosts)


def load(
    config_path: str | None, paths: list[str], profile: str | None, fail_on: str | None, isolated: bool = False
) -> Config:
    """The run's config: ``config_path``, else the one nearest to the first path (none with ``isolated``),
    with ``--profile`` and ``--fail-on`` applied."""
    start = Path(paths[0]) if paths else Path(".")
    config = load_config(Path(config_path) if config_path else None, start, isolated=isolated)
    if profile:
        config.profile = profile
    if fail_on:
        config.fail_on = fail_on  # type: ignore[assignment]
    return config


def lint(request: LintRequest, progress: Progress | None = None, warn: Callable[[str], None] | None = None) -> LintRun:
    """Lint (or fix) the files the request names; each file with the config nearest to it, unless
    ``config_path`` names one (or ``isolated`` says to read none). ``progress`` is told how many files are
    done; ``warn`` hears why the cache is not used. The online pass is left to :func:`check_online`."""
    from postlint.config import find_config, read_config_file
    from postlint.engine.lint import Engine
    from postlint.run.runner import default_jobs, fix_files, lint_files

    paths, fix, online = request.paths, request.fix, request.online
    changed_since, files_from = request.changed_since, request.files_from
    targets = list(paths) or ["."]
    selection = {"select": request.select, "extend_select": request.extend_select, "ignore": request.ignore}
    tree = _tree(targets, changed_since, files_from, request.isolated)
    from postlint.run.cache import distrust

    distrust([root.lexical for root in tree.roots])

    def engine_for(config: Config, start: Path) -> Engine:
        if request.profile:
            config.profile = request.profile
        if online is not None or fix is not None:  # fixing never goes online: positions change as it works
            config.online = config.online.model_copy(update={"enabled": bool(online) and fix is None})
        return Engine.from_config(
            config,
            start,
            now=request.now,
            tree=tree,
            excerpts=request.excerpts,
            inline_suppressions=not request.ignore_suppressions,
            **selection,
        )

    config = load(request.config_path, targets, request.profile, request.fail_on, request.isolated)
    engine = engine_for(config, Path(targets[0]))
    single = bool(request.config_path or request.isolated)
    files = _files(engine, targets, paths, changed_since, files_from, request.own_outputs, nested=not single)
    found_any = bool(files)
    if request.force_exclude:
        files = [(fs_path, display) for fs_path, display in files if not _excluded(engine, fs_path)]
    # Files below a folder with a config of its own are linted with that config (as ruff does);
    # --config applies one config to everything. Each file belongs to the site nearest above it, whatever
    # folder postlint starts from: the files of each site get an engine that starts at the site's folder
    # (its generator, time zone, URLs and files), the same as when postlint is run there.
    sites = _SiteOf(tree)
    main_site = sites.of(_folder_of(targets[0]))
    Key = tuple[Path | None, Path | None]
    # One string per file from here on (its path, the display path's own string when they are alike), not a
    # Path: 50,000 of them held 36 MB for the whole run. A Path is made when the file is read.
    groups: dict[Key, list[tuple[str, str]]] = {}
    nearest: dict[str, Key] = {}
    for fs_path, display in files:
        text = str(fs_path)
        if text == display:
            text = display
        folder = os.path.dirname(text) or "."
        if folder not in nearest:
            source = None if single else find_config(Path(folder))
            site = None if config.site_root else sites.of(os.path.abspath(folder))
            nearest[folder] = (source, site if site != main_site else None)
        groups.setdefault(nearest[folder], []).append((text, display))
    del files
    engines: dict[Key, Engine] = {}
    for key, group in groups.items():
        source, site = key
        if site is None and (single or source is None or source == config.source):
            engines[key] = engine
        elif single or source is None or source == config.source:
            engines[key] = engine_for(config, site or Path(group[0][0]))
        else:
            engines[key] = engine_for(read_config_file(source), site or Path(group[0][0]))
    # Files that --force-exclude dropped were found and deliberately left out (pre-commit naming only
    # excluded files): that is not a run pointed at the wrong place.
    if not found_any and changed_since is None and files_from is None:
        raise ConfigError(nothing_checked(targets))
    if any(e.online for e in engines.values()):
        _need_online_client()
    # The project the cache is kept for: the config file's folder, else the working folder.
    base = config.source.parent if config.source and config.source.is_file() else Path.cwd()
    jobs = request.jobs or default_jobs()
    results: list[FileResult | FixOutcome] = []
    owners: list[Engine] = []
    for group_key, group in groups.items():
        chosen = engines[group_key]
        if fix is not None:
            results.extend(fix_files(chosen, group, jobs, fix[0], fix[1], progress))
            continue
        cache = None if request.no_cache else _open_cache(request.cache_dir, base, chosen.fingerprint, warn)
        linted = lint_files(chosen, group, jobs, cache, progress)
        if chosen.site_rules:  # the archive-wide checks (PL8xx): the site index, then the site rules
            from postlint.archive.run import site_pass

            linted = site_pass(chosen, linted, cache)
        results.extend(linted)
        owners.extend([chosen] * (len(results) - len(owners)))
    unique = list({id(e): e for e in [engine, *engines.values()]}.values())
    from postlint.core.tree import within
    from postlint.sites.base import take_refused

    for refused in take_refused():
        if warn is not None:
            shown = os.path.relpath(refused) if within(os.path.abspath(refused), os.getcwd()) else refused
            warn(f"{shown}: a symlink to a file outside its folder; not read (the site's settings are defaults)")
    return LintRun(config, unique, results, owners if fix is None else [])


def on_changed_lines(findings: list[Finding], ref: str) -> list[Finding]:
    """``--changed-lines-only``: the findings on lines git says were added or changed since ``ref`` (all of
    a file's findings when the file is new since ``ref``)."""
    from postlint.run.gitdiff import added_lines

    cwd = Path.cwd()
    lines: dict[str, set[int] | None] = {}
    kept = []
    for finding in findings:
        if finding.path not in lines:
            lines[finding.path] = added_lines(ref, Path(finding.path), cwd)
        changed = lines[finding.path]
        if changed is None or finding.line in changed:
            kept.append(finding)
    return kept


def _need_online_client() -> None:
    import importlib.util

    if importlib.util.find_spec("aiohttp") is None or importlib.util.find_spec("platformdirs") is None:
        raise ConfigError(
            "--online/online: the online checks need aiohttp and platformdirs: pip install 'postlint[online]'"
        )


def check_online(
    config: Config,
    owners: list[Engine],
    results: list[FileResult],
    refresh: bool,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> tuple[list[FileResult], OnlineRun]:
    """Check every distinct URL the files name (once), and add the online rules' findings to each file;
    returns the new results and what the pass did (for its summary). ``warn`` hears why the URL result
    cache is not used."""
    from postlint.online.run import check_urls, gather, with_online_findings
    from postlint.online.store import ResultStore, default_folder

    settings = config.online
    store = ResultStore(
        default_folder(), settings.cache_ok_hours, settings.cache_broken_hours, settings.allow_private_addresses
    )
    try:
        run = check_urls(gather(results), settings, refresh=refresh, store=store, progress=progress)
    finally:
        store.close()
    if store.unavailable is not None and warn is not None:
        warn(f"the URL result cache is not used: {store.unavailable}")
    return with_online_findings(list(zip(owners, results, strict=True)), run.results), run


def nothing_checked(targets: list[str]) -> str:
    """Why a run that found no post in PATHS stops: a CI job pointed at the wrong folder must not pass green.

    Exit 2, as for a usage mistake: ruff only warns ("No Python files found"), but a linter whose job in CI
    is to guard an archive should not report success for an archive it never saw. An empty --changed-since
    or --files-from selection is a normal outcome (a change without posts) and still passes."""
    shown = ", ".join(json.dumps(target, ensure_ascii=True) for target in targets)
    return (
        f"PATHS: found no file to check in {shown} (no file there matches 'include', or every one is excluded "
        "or ignored by git): name the folder that holds the posts"
    )


def _open_cache(
    cache_dir: str | None, project: Path, fingerprint: str, warn: Callable[[str], None] | None
) -> FindingsCache | None:
    """The findings cache (``--cache-dir``, else the project's folder in the user's cache), or None with a
    warning when it cannot be trusted (a symlink, another user's folder, no key)."""
    from postlint.run.cache import CacheUnavailable, cache_base, open_cache, project_folder

    try:
        base = cache_base()
        root = Path(cache_dir) if cache_dir else project_folder(base, project)
        return open_cache(root, fingerprint, base)
    except CacheUnavailable as error:
        if warn is not None:
            warn(f"cache not used: {error}; running without it (--no-cache silences this)")
        return None


def _tree(targets: list[str], changed_since: str | None, files_from: TextIO | None, isolated: bool = False) -> Tree:
    """The project trees of the run: what is linted, read and fixed stays inside them (see core/tree.py).
    Under ``isolated`` no config file from the checkout moves a tree's edge."""
    from postlint.core.tree import Tree, project_root

    if files_from is not None:  # listed names are data: they all belong to the current folder's project
        return Tree.of([project_root(".", isolated=isolated)])
    if changed_since is not None:  # git names files of its work tree
        from postlint.run.gitdiff import repository_root

        return Tree.of([str(repository_root(Path.cwd()))])
    return Tree.for_paths(targets, isolated=isolated)


class _SiteOf:
    """The folder of the site nearest above a folder (inside its project tree), looked up once per folder."""

    def __init__(self, tree: Tree) -> None:
        from postlint.sites.content import Sites

        self.tree = tree
        self.sites = Sites()

    def of(self, folder: str) -> Path | None:
        from postlint.core.tree import project_root

        root = self.tree.root_for(folder)
        top = root.lexical if root is not None else project_root(folder)
        found = self.sites.site_of(folder, top)
        return found[0] if found is not None else None


def _folder_of(target: str) -> str:
    absolute = os.path.abspath(target)
    return absolute if os.path.isdir(absolute) and not os.path.islink(absolute) else os.path.dirname(absolute)


def _files(
    engine: Engine,
    targets: list[str],
    paths: tuple[str, ...],
    changed_since: str | None,
    files_from: TextIO | None,
    own: OwnOutputs | None = None,
    nested: bool = False,
) -> list[tuple[Path, str]]:
    """The files to lint: walked from PATHS, or those git says changed, or those listed in a file."""
    from postlint.core.tree import matches

    if files_from is not None:
        listed = [line.rstrip("\r\n") for line in files_from if line.strip()]
        return list(engine.iter_paths(listed)) if listed else []
    if changed_since is not None:
        from postlint.run.gitdiff import changed_files

        cwd = Path.cwd()
        scope = [Path(p) for p in paths]
        chosen = []
        for path in changed_files(changed_since, cwd):
            if scope and not any(path == s or s in path.parents or str(s) in (".", "") for s in scope):
                continue
            relative = path.as_posix()
            if _excluded(engine, path):
                continue
            if matches(path.name, relative, engine.config.include) and os.path.lexists(cwd / path):
                chosen.append((path, relative))
        return chosen
    for target in targets:
        if not Path(target).exists() and not Path(target).is_symlink():
            raise ConfigError(f"PATHS: '{target}' does not exist")
    return engine.content_paths(targets, own, nested)


def _excluded(engine: Engine, path: Path) -> bool:
    """Whether exclude/extend-exclude match the path or a folder on it, as a walk would have skipped it.

    The path is taken relative to the current folder when it lies below it (pre-commit runs from the top of
    the repository and names files relative to it), else as given.
    """
    from postlint.core.tree import matches

    exclude = [*engine.config.exclude, *engine.config.extend_exclude]
    try:
        relative = Path(os.path.relpath(path)) if path.is_absolute() else path
    except ValueError:  # another drive on Windows
        relative = path
    parts = [part for part in relative.as_posix().split("/") if part not in ("", ".")]
    if parts and parts[0] == "..":
        parts = [part for part in path.as_posix().split("/") if part not in ("", ".")]
    return any(matches(part, "/".join(parts[: i + 1]), exclude) for i, part in enumerate(parts))
