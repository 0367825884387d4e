"""The site's walk kept with its stored index: a pre-commit run in an archive of thousands of posts does
not walk the site again, nor decide again which files are content, when nothing that decides it changed.

What a walk finds, and which of its files the site generator reads, depends on the names in each folder,
the site generators' config files, the walk's settings (``include``, ``exclude``, git's ignore rules, the
project trees), and for HTML files whether postlint wrote them as a report. The kept walk is used only when

- every folder it walked has the identity it had (device, inode, modification and status-change times: a
  folder's modification time changes when a name in it is added, removed or renamed, and a folder
  replaced by a symlink or by another folder has another identity, ``lstat``),
- every generator config file it met (``_config.yml``, ``hugo.toml``, ``package.json``, ...) has the
  identity it had (its contents decide which files are content, and editing a file changes no folder),
- the walk's settings are the same,
- git ignores the same files among those found (asked again every run: ``.gitignore`` contents,
  ``.git/info/exclude`` and the global excludes change no folder's time),
- the same HTML files are postlint's reports (asked of every HTML file whose stored entry does not say it
  is a page, as a walk does),
- and every file changed since its entry was stored (or with none: not a page) is a file of the site
  exactly when it was (a generator may read a file to tell: a Jekyll page without front matter is not
  rendered).

A walk that met a symlink, a folder it could not read, or a folder changed within
:data:`~postlint.archive.store.RACY_NS` of the run is not kept (its next change could keep the same times);
the next run walks again.
"""

from __future__ import annotations

import os
from typing import Any

from postlint.archive import store
from postlint.core.tree import WalkRecord


def watched_names() -> frozenset[str]:
    """The names of every site generator's config files and of the files they read to tell content (a walk
    keeps the identity of those it meets)."""
    from postlint.sites import GENERATORS

    names = {name for generator in GENERATORS for name in (*generator.config_files, *generator.url_config_files)}
    return frozenset((*names, ".eleventyignore"))  # Eleventy's list of files that are not content


def _identity(status: os.stat_result) -> list[int]:
    return [status.st_dev, status.st_ino, status.st_mtime_ns, status.st_ctime_ns, status.st_size]


def _lstat_identity(absolute: str) -> list[int] | None:
    try:
        return _identity(os.lstat(absolute))
    except OSError:
        return None


def setting_name(setting: Any) -> str | None:
    """What the walk's settings are kept under (a hash, as a stored index's name)."""
    return store.store_name(["walk", setting])


def kept_walk(
    stored: Any,
    setting: str,
    top: str,
    known: Any,
    is_report: Any,
    chosen: Any,
    git_ignored: Any,
) -> list[tuple[str, str]] | None:
    """The site's files (paths relative to ``top``, the site's folder, and absolute) as the stored walk
    ``stored`` found them, or ``None`` when it cannot be trusted (see the module docs): then the site is walked again.
    ``known(absolute)`` says a file is unchanged since the stored index filed it as a page;
    ``is_report(absolute)`` whether an HTML file is one of postlint's reports; ``chosen(absolute)`` whether
    a file of a site is one of the site's files now (``None``: a file of no site, chosen by its place);
    ``git_ignored(top, paths)`` which of ``paths`` git ignores, as the walk asked it."""
    if not isinstance(stored, dict) or stored.get("setting") != setting:
        return None
    try:
        lead = top.rstrip(os.sep) + os.sep
        for relative, *identity in stored["folders"]:
            if _lstat_identity(lead + relative if relative else top) != identity:
                return None
        for relative, *identity in stored["watched"]:
            if _lstat_identity(lead + relative) != identity:
                return None
        found: list[str] = stored["found"]
        absolute = [lead + relative for relative in found]
        if stored["gitignore"]:
            ignored = git_ignored(top, absolute)
            ignored_now = [index for index, path in enumerate(absolute) if path in ignored] if ignored else []
            if ignored_now != stored["ignored"]:
                return None
        skipped = set(stored["ignored"])
        kept = set(stored["kept"])
        reports = []
        for index, path in enumerate(absolute):
            if index in skipped or known(path):
                continue  # ignored, or a page unchanged since it was stored (its reading decided the same)
            if path[-5:].lower().endswith((".html", ".htm")) and is_report(path):
                reports.append(index)
                continue
            # A file changed since (or never stored: not a page): whether it is content may have changed
            # with it (a Jekyll page that lost its front matter is no longer rendered).
            now = chosen(path)
            if now is not None and now != (index in kept):
                return None
        if reports != stored["reports"]:
            return None
        return [(found[index], absolute[index]) for index in stored["kept"]]
    except (KeyError, TypeError, ValueError, IndexError):
        return None  # a malformed walk (ours, HMAC-verified: a bug of an earlier run) is no walk


def _racy(status: os.stat_result, now: int) -> bool:
    return status.st_mtime_ns > now - store.RACY_NS or status.st_ctime_ns > now - store.RACY_NS


def keep_walk(
    record: WalkRecord, setting: str, top: str, kept: list[str], reports: set[str], gitignore: bool, now: int
) -> dict[str, Any] | None:
    """The walk ``record`` (of the site's folder ``top``, whose site files are ``kept``, absolute paths) as
    it is stored, or ``None`` when it is not to be kept (see the module docs)."""
    if record.linked:
        return None
    lead = top.rstrip(os.sep) + os.sep
    folders = []
    for absolute, status in record.folders:
        if _racy(status, now):
            return None
        if absolute == top:
            relative = ""
        elif absolute.startswith(lead):
            relative = absolute[len(lead) :]
        else:
            return None
        folders.append([relative, *_identity(status)])
    watched = []
    for absolute, status in record.watched:
        if _racy(status, now) or not absolute.startswith(lead):
            return None
        watched.append([absolute[len(lead) :], *_identity(status)])
    if not all(path.startswith(lead) for path in record.found):
        return None
    found = [path[len(lead) :] for path in record.found]
    position = {path: index for index, path in enumerate(record.found)}
    try:
        return {
            "setting": setting,
            "folders": folders,
            "watched": watched,
            "gitignore": gitignore,
            "found": found,
            "ignored": sorted(position[path] for path in record.ignored),
            "reports": sorted(position[path] for path in reports),
            "kept": [position[path] for path in kept],
        }
    except KeyError:
        return None  # a file the walk kept that it did not find (it cannot): not kept
