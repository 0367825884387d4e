"""The archive-wide pass: after every checked file is linted, build the site index from the whole site and
add the site rules' findings to the checked files.

The index always covers the whole site (every post and page below the site's folder, from the cache when
unchanged), while findings are reported only for the files being checked: a pre-commit run on one post still
sees that the post it links to was renamed. The pass runs in the main process, on facts the workers sent
back, so ``--jobs`` and the cache give the same output.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from postlint.archive.store import SiteStore, Stored, store_name
from postlint.core.model import Finding
from postlint.core.tree import WalkRecord
from postlint.engine.outcome import FileResult
from postlint.engine.shaping import drop_superseded
from postlint.knowledge.pages import ANCHORS, HABITS, LINKS, PageFacts
from postlint.knowledge.siteindex import PageKeys, SiteIndex

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from postlint.archive.store import IndexCache
    from postlint.engine.outcome import Reading, SiteSetting
    from postlint.reading.sitefacts import SiteFacts
    from postlint.sites.base import UrlRules


class Layout(NamedTuple):
    """Where a site is and how its generator reads it: its folder, its generator config file and its URL
    prefix (``baseurl``), or ``(None, None, "")`` when the files being checked belong to no site postlint can
    find; the generator's name and its reading of posts."""

    root: str | None
    config_file: str | None
    prefix: str
    generator: str
    site: SiteFacts
    #: How the engine reads a file (what decides whether a file is read at all: its size limit).
    reading: str = ""


class SiteLinter(Protocol):
    """What the archive-wide pass needs of the engine that linted the checked files."""

    #: What the active site rules need of each checked file (:mod:`postlint.knowledge.pages`); empty when no
    #: site rule runs.
    site_needs: frozenset[str]

    def site_setting(self) -> SiteSetting: ...

    def iter_paths(self, paths: list[str]) -> Iterator[tuple[Path, str]]: ...

    def content_paths(
        self,
        paths: list[str],
        *,
        known: Callable[[str], bool] | None = None,
        record: WalkRecord | None = None,
        reports: set[str] | None = None,
    ) -> Iterable[tuple[Path, str]]: ...

    def walk_setting(self) -> list[object]: ...

    def content_judge(self) -> Callable[[str], bool | None]: ...

    def git_ignored(self, folder: str, found: list[str]) -> set[str]: ...

    def is_report(self, absolute: str) -> bool: ...

    def read(self, fs_path: Path, display: str, facts_only: bool = False) -> Reading: ...

    def file_exists(self, fs_path: str, target: str) -> bool | None: ...

    def judge_site(self, page: PageFacts, index: SiteIndex) -> list[Finding]: ...

    #: Which rules' findings another rule's finding at the same place makes redundant (a site finding can take
    #: over a per-post one: PL810 over PL401), as :func:`~postlint.engine.shaping.superseded_codes` gives them.
    superseded: dict[str, frozenset[str]]


def find_layout(setting: SiteSetting) -> Layout:
    """The layout of the site the run's files belong to (``site-root`` when the config names it, else the
    site found from where the run started up to its project's top)."""
    from postlint.core.tree import project_root
    from postlint.sites import detect_site, generator_named

    generator, site, reading = setting.generator, setting.site, setting.reading
    if setting.site_root:
        chosen = generator_named(generator)
        found = chosen.url_config(Path(setting.site_root)) if chosen is not None else None
        config_file = str(found) if found is not None else None
        return Layout(setting.site_root, config_file, setting.prefix, generator, site, reading)
    known = setting.tree.root_for(setting.start) if setting.tree is not None else None
    project = known.lexical if known is not None else project_root(setting.start)
    layout = detect_site(setting.start, str(project))
    if layout is None:
        return Layout(None, None, "", generator, site, reading)
    return Layout(str(layout.folder), str(layout.config), layout.prefix, generator, site, reading)


def url_rules(generator: str, root: str | None, config_file: str | None) -> UrlRules:
    """The URL rules of the site generator named ``generator`` (the default, which builds no URL, for one
    postlint does not know)."""
    from postlint.sites import site_url_rules

    folder = Path(root) if root is not None else None
    return site_url_rules(generator, folder, Path(config_file) if config_file else None)


def _site_files(
    linter: SiteLinter, root: str, rules: UrlRules, reader: _Reader | None = None
) -> list[tuple[str, str, str]]:
    """The files of the site the generator reads (on Jekyll, not the layouts, includes, data or sass), as
    ``(path, display path, absolute path)``: from the walk kept with the stored index when nothing that
    decides it changed (:mod:`postlint.archive.walked`), else walked (and the walk kept)."""
    from postlint.archive.walked import keep_walk, kept_walk, setting_name, watched_names

    shown = os.path.relpath(root) if not os.path.relpath(root).startswith("..") else root
    top = os.path.abspath(root)
    base = os.path.abspath(shown).rstrip(os.sep)
    inside = top if top.endswith(os.sep) else top + os.sep
    lead = "" if shown in (".", "") else shown.rstrip(os.sep) + os.sep
    store = reader.store if reader is not None else None
    known = reader.known if reader is not None else None
    walk_setting = linter.walk_setting()
    setting = setting_name([walk_setting, top]) if store is not None and store.cache is not None else None
    if setting is not None and store is not None and known is not None:
        judge = linter.content_judge()

        def chosen(absolute: str) -> bool | None:
            """Whether a file the walk found is a file of the site, as a walk would decide it now."""
            content = judge(absolute)
            if content is None:
                return None
            relative = absolute[len(inside) :] if absolute.startswith(inside) else os.path.relpath(absolute, top)
            return content and rules.is_site_file(relative.replace(os.sep, "/"))

        kept = kept_walk(store.walk, setting, top, known, linter.is_report, chosen, linter.git_ignored)
        if kept is not None:
            # The walk names every file below ``shown``: display path and path are one string.
            if not lead:
                return [(relative, relative, absolute) for relative, absolute in kept]
            return [(display, display, absolute) for relative, absolute in kept for display in (lead + relative,)]
    record = WalkRecord(watch=watched_names()) if setting is not None else None
    reports: set[str] = set()
    files = []
    for fs_path, display in linter.content_paths([shown], known=known, record=record, reports=reports):
        text = str(fs_path)
        # The walk names every file below ``shown``: its absolute path is a join, not a system call each.
        absolute = base + os.sep + text[len(lead) :] if text.startswith(lead) else os.path.abspath(text)
        relative = absolute[len(inside) :] if absolute.startswith(inside) else os.path.relpath(absolute, top)
        if rules.is_site_file(relative.replace(os.sep, "/")):
            files.append((text, display, absolute))
    if setting is not None and store is not None and record is not None:
        kept_files = [absolute for _, _, absolute in files]
        gitignore = bool(walk_setting[2])
        store.keep_walk(keep_walk(record, setting, top, kept_files, reports, gitignore, store.now))
    return files


def _config_digest(config_file: str | None) -> str | None:
    """A hash of the generator config's bytes (its URL rules come from it), or ``None`` without one."""
    import hashlib

    if config_file is None:
        return None
    try:
        with open(config_file, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


class _Reader:
    """Reads the facts of the site's files the run does not check: from the stored index when unchanged,
    else through the engine's one way of reading a file, front matter and file name only."""

    def __init__(self, linter: SiteLinter, store: SiteStore) -> None:
        self.linter = linter
        self.store = store
        #: What the walk learned of a file's state: its stored entry when unchanged since it was stored, else
        #: its status (one ``stat`` per file).
        self.seen: dict[str, Stored | os.stat_result] = {}
        #: What the stored index filed each file whose facts came from it under, by absolute path.
        self.keys: dict[str, PageKeys] = {}

    def known(self, absolute: str) -> bool:
        """Whether the file at ``absolute`` is unchanged since the stored index filed it as a page of the site
        (then it is no report of postlint's, and its facts are the stored ones)."""
        try:
            status = os.stat(absolute)
        except OSError:
            return False
        entry = self.store.get(absolute, status)
        self.seen[absolute] = entry if entry is not None else status
        return entry is not None

    def facts(self, fs_path: str, display: str, absolute: str) -> PageFacts | None:
        from postlint.knowledge.pagefacts import front_facts

        seen = self.seen.pop(absolute, None)
        if isinstance(seen, Stored):
            if seen.keys is not None:
                self.keys[absolute] = seen.keys
            return seen.page(display, fs_path)
        status: os.stat_result | None = seen
        if status is None:
            try:
                status = os.stat(absolute)
            except OSError:
                status = None
        if status is not None:
            entry = self.store.get(absolute, status)
            if entry is not None:
                if entry.keys is not None:
                    self.keys[absolute] = entry.keys
                return entry.page(display, fs_path)
        # Read for the index's facts: no finding points into this file, so nested front-matter keys need no
        # places (habits read the body and top-level values only).
        post = self.linter.read(Path(fs_path), display, facts_only=True).post
        page = front_facts(post, self.linter.site_needs) if post.readable else None
        if status is not None:
            self.store.put(absolute, status, page)
        return page

    def anchors(self, page: PageFacts, site: SiteFacts) -> None:
        """Read the anchors of ``page`` (a file not checked that a checked one links into with a fragment)."""
        from postlint.knowledge.pagefacts import anchors

        post = self.linter.read(Path(page.fs_path), page.path).post
        page.anchors = anchors(post, site) if post.readable else None
        self.store.file_anchors(os.path.abspath(page.fs_path), page.anchors)


#: Changes when what the stored index keeps for a file changes shape (2: habits hold front-matter keys; 3:
#: habit facts are stored once each, and files name them by their place).
_FACTS_FORMAT = 4


def site_pass(linter: SiteLinter, results: list[FileResult], cache: IndexCache | None = None) -> list[FileResult]:
    """``results`` with the site rules' findings added to each checked file."""
    if not linter.site_needs:
        return results
    import gc

    # The pass makes an object or more for each file of the site (its facts, what the index files it under)
    # and drops none until it ends: the collector's passes over them find nothing (0.03 s of a warm run
    # in an archive of 7,443 posts).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _site_pass(linter, results, cache)
    finally:
        if collecting:
            gc.enable()


def _site_pass(linter: SiteLinter, results: list[FileResult], cache: IndexCache | None) -> list[FileResult]:
    layout = find_layout(linter.site_setting())
    root = layout.root
    checked: dict[str, PageFacts] = {}
    for result in results:
        if result.site is not None:
            checked[os.path.abspath(result.site.fs_path)] = result.site
    pages = list(checked.values())
    rules = url_rules(layout.generator, root, layout.config_file)
    # Whether habits are learned decides what each stored file holds (its figures or not): part of the name.
    habits = HABITS in linter.site_needs
    # _FACTS_FORMAT: what a stored file's facts hold changed within a version (habits gained front-matter keys).
    setting = [layout, rules, os.path.abspath(root) if root else None, _config_digest(layout.config_file), habits]
    setting.append(_FACTS_FORMAT)
    name = store_name(setting)
    top = os.path.abspath(root) if root is not None else ""
    store = SiteStore(cache if root is not None and name is not None else None, name or "", top)
    reader = _Reader(linter, store)
    unchecked: dict[str, PageFacts] = {}
    if root is not None:
        present = set()
        for fs_path, display, absolute in _site_files(linter, root, rules, reader):
            present.add(absolute)
            if absolute in checked:
                continue
            facts = reader.facts(fs_path, display, absolute)
            if facts is not None:
                pages.append(facts)
                unchecked[absolute] = facts
        store.keep_only(present)
    known = reader.keys  # what the stored index filed the unchanged files under
    index = SiteIndex(pages, rules, root=root, prefix=layout.prefix, file_exists=linter.file_exists, keys=known)
    filed = index.keys
    for absolute in unchecked:
        if absolute not in known:  # the stored keys were filed as they were (most files)
            store.file_keys(absolute, filed[absolute])
    if ANCHORS in linter.site_needs and LINKS in linter.site_needs:
        _read_anchors(index, checked, unchecked, reader, layout.site)
    store.save()
    return with_site_findings(linter, results, index)


def with_site_findings(linter: SiteLinter, results: list[FileResult], index: SiteIndex) -> list[FileResult]:
    """``results`` with the site rules' findings added to each checked file, judged on ``index`` (the
    command line's site pass and the API's both end here)."""
    updated = []
    for result in results:
        if result.site is None:
            updated.append(result)
            continue
        extra = [] if result.site.path in index.templates else linter.judge_site(result.site, index)
        # A quiet verdict drops what it supersedes and is then dropped itself (SiteProblem.quiet).
        verdicts: list[Finding] = getattr(extra, "verdicts", [])
        # The facts are done with: dropped here, so the reports of a large archive do not hold them too.
        findings = sorted([*result.findings, *extra], key=Finding.sort_key) if extra else result.findings
        if verdicts and linter.superseded:
            judged = drop_superseded(sorted([*findings, *verdicts], key=Finding.sort_key), linter.superseded)
            quiet = {id(verdict) for verdict in verdicts}
            findings = [finding for finding in judged if id(finding) not in quiet]
        elif extra and linter.superseded:  # a site finding replaces a per-post one at its place (PL810, PL401)
            findings = drop_superseded(findings, linter.superseded)
        updated.append(replace(result, findings=findings, site=None))
    return updated


def _read_anchors(
    index: SiteIndex, checked: dict[str, PageFacts], unchecked: dict[str, PageFacts], reader: _Reader, site: SiteFacts
) -> None:
    """Read the anchors of the files not checked that a checked file links into with a fragment (and of the
    files that build the same URL, among which the link's page is chosen), unless the stored index has them."""
    wanted: dict[str, PageFacts] = {}
    for page in checked.values():
        for link in page.links:
            if "#" not in link.target:
                continue
            target = index.resolve(page, link)
            if target.state != "page" or target.page is None or not target.fragment:
                continue
            for candidate in [target.page, *index.same_url(target.page)]:
                absolute = os.path.abspath(candidate.fs_path)
                if absolute in unchecked and candidate.anchors is None:
                    wanted.setdefault(absolute, candidate)
    for absolute, page in sorted(wanted.items()):
        entry = reader.store.entries.get(absolute)
        if entry is not None and not isinstance(entry.anchors, int):
            continue  # stored: known, or known to be unknowable
        reader.anchors(page, site)
