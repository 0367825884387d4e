"""Turn the paths on the command line into the files to lint, without leaving the project tree.

A file named explicitly is linted whatever its name. Directories are walked in sorted order, keeping files
whose names match the include globs and skipping excluded names; FIFOs, sockets and devices met during a
walk are skipped, so nothing can block the run.

Which project tree each path belongs to, and what counts as inside it, is :mod:`postlint.core.tree`.

Symlinks are followed only while they stay inside the tree (a loop is cut by remembering each folder's
device and inode). A symlink that leads outside, to a file or a folder, is never followed, read or
written: the walk yields the link itself and the engine reports it as PL016 ``file-outside-tree``.
"""

from __future__ import annotations

import operator
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from postlint.core.tree import Root, Tree, WalkRecord, matcher, within
from postlint.sites.content import maybe_post

#: The ``(include, exclude)`` patterns of a folder's own config, or ``None`` when it has none.
Nested = Callable[[Path], "tuple[list[str], list[str]] | None"]


def _posix_join(folder: str, name: str) -> str:
    """``os.path.join(folder, name)`` on POSIX for a plain name, at a tenth of its cost (a walk of an
    archive joins once per file)."""
    return folder + name if folder.endswith("/") else folder + "/" + name


_join = _posix_join if os.name == "posix" else os.path.join
_name = operator.attrgetter("name")  # a folder's entries sort by name (7,000 in an archive's _posts)


def iter_files(
    paths: list[str],
    include: list[str],
    exclude: list[str],
    respect_gitignore: bool = True,
    tree: Tree | None = None,
    nested: Nested | None = None,
    record: WalkRecord | None = None,
) -> Iterator[tuple[Path, str]]:
    """Yield ``(filesystem path, display path)`` pairs, each file once.

    Files found by walking a folder are dropped when git ignores them (build output, caches, virtual
    environments); files and folders named explicitly are always linted. A symlink out of the tree is
    yielded as it is (never walked into), for the engine to report; ``tree`` defaults to the trees of ``paths``.
    ``nested`` gives the ``(include, exclude)`` of a folder below that holds a config of its own (``None``
    when it holds none): from there down, the walk follows them, relative to that folder, as ruff does.
    ``record`` (for a walk of one folder) is told what the walk met.
    """
    if tree is None:
        tree = Tree.for_paths(paths)
    seen: set[str] = set()
    for argument in paths:
        path = Path(argument)
        root = tree.root_for(argument)
        try:
            is_directory = path.is_dir()
        except OSError:
            is_directory = False
        if is_directory and (root is None or tree.escape(argument) is not None):
            is_directory = False  # a folder out of the tree: reported, not walked
        if not is_directory:
            key = os.path.abspath(argument)
            if key not in seen:
                seen.add(key)
                yield path, argument
            continue
        assert root is not None
        visited: set[tuple[int, int]] = set()
        absolute = os.path.abspath(argument)
        found = list(_walk(path, argument, "", include, exclude, visited, root, absolute, nested, record))
        ignored = git_ignored_below(path, [key for _, _, key in found]) if respect_gitignore else set()
        if record is not None:
            record.found = [key for _, _, key in found]
            record.ignored = ignored
        for fs_path, display, key in found:
            if key not in seen and key not in ignored:
                seen.add(key)
                yield fs_path, display


def git_ignored_below(folder: Path, found: list[str]) -> set[str]:
    """The files of ``found`` (absolute paths, walked from ``folder``) that git ignores.

    A folder named on the command line is linted even when git ignores it (as ruff does): what git ignores
    inside it is skipped, unless the folder itself is ignored, for then git's verdict on every file below is
    only "its folder is ignored", which naming the folder overrides."""
    if not found:
        return set()
    # One question to git for the folder and its files (a process each cost more than git's answer).
    top = _absolute(folder, os.getcwd())
    ignored = _git_ignored(folder, [top, *found])
    return set() if top in ignored else ignored


def _git_ignored(folder: Path, files: list[Path] | list[str]) -> set[str]:
    """The absolute paths among ``files`` that git ignores (none when ``folder`` is not in a work tree)."""
    import subprocess

    if not files:
        return set()
    cwd = os.getcwd()  # git is told absolute paths, as os.path.abspath makes them (without a getcwd each)
    names = "".join(
        (path if path.__class__ is str and path.startswith(os.sep) and os.sep == "/" else _absolute(path, cwd)) + "\0"
        for path in files
    )
    try:
        completed = subprocess.run(
            ["git", "-C", str(folder), "check-ignore", "--stdin", "-z"],
            input=os.fsencode(names),  # one encoding of every name, as os.fsencode of each gives
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if completed.returncode not in (0, 1):  # 128: not a git repository, or git failed
        return set()
    return {os.fsdecode(name) for name in completed.stdout.split(b"\0") if name}


def _absolute(path: Path | str, cwd: str) -> str:
    """``os.path.abspath(path)`` with the working folder ``cwd`` asked once, not per call."""
    text = os.fspath(path)
    return text if isinstance(path, str) and os.path.isabs(text) else os.path.normpath(os.path.join(cwd, text))


def _note(record: WalkRecord, entry: os.DirEntry[str], absolute: str) -> None:
    """Tell ``record`` of a symlink, or of a file it watches (excluded or not: a site's config is read
    wherever the walk's patterns lead)."""
    try:
        if entry.is_symlink():
            record.linked = True
        elif entry.name in record.watch:
            record.watched.append((absolute, entry.stat(follow_symlinks=False)))
    except OSError:
        record.linked = True  # gone while it was walked: the walk is not kept


def _walk(
    directory: Path,
    display: str,
    relative: str,
    include: list[str],
    exclude: list[str],
    visited: set[tuple[int, int]],
    root: Root,
    absolute: str,
    nested: Nested | None = None,
    record: WalkRecord | None = None,
) -> Iterator[tuple[Path, str, str]]:
    """The files below ``directory`` (whose absolute path, as ``os.path.abspath`` makes it, is ``absolute``)
    as (path, display path, absolute path); a folder with a config of its own (``nested``) brings its own
    include and exclude."""
    try:
        info = directory.stat()
    except OSError:
        if record is not None:
            record.linked = True  # gone while it was walked: the walk is not kept
        return
    identity = (info.st_dev, info.st_ino)
    if identity in visited:
        return
    visited.add(identity)
    if record is not None:
        record.folders.append((absolute, info))
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=_name)
    except OSError:
        if record is not None:
            record.linked = True
        return
    excluded, included = matcher(exclude), matcher(include)
    folder_name = directory.name
    for entry in entries:
        name = entry.name
        child_relative = f"{relative}/{name}" if relative else name
        if record is not None:
            _note(record, entry, _join(absolute, name))
        if excluded(name, child_relative):
            continue
        # `postlint check .` shows `_posts/x.md`, not `./_posts/x.md`.
        child_display = name if display in (".", "./") else _join(display, name)
        child_absolute = _join(absolute, name)
        wanted = included(name, child_relative) or maybe_post(folder_name, name)
        try:
            is_link = entry.is_symlink()
        except OSError:
            is_link = False
        if is_link and not within(os.path.realpath(entry.path), root.real):
            # Out of the tree: never followed. Reported when it looks like a post or leads to a folder
            # (a dangling link elsewhere with another name is nothing postlint would have read).
            if wanted or os.path.isdir(entry.path):
                yield Path(entry.path), child_display, child_absolute
            continue
        if is_link:
            try:
                mode = entry.stat().st_mode
            except OSError:
                # A broken symlink that looks like a post: let the reader report it.
                if wanted:
                    yield Path(entry.path), child_display, child_absolute
                continue
            is_folder, is_regular = stat.S_ISDIR(mode), stat.S_ISREG(mode)
        else:
            # Not a link: the kind the folder's listing gave (no system call per file, 7,000 in an archive).
            is_folder = entry.is_dir(follow_symlinks=False)
            is_regular = not is_folder and entry.is_file(follow_symlinks=False)
        if is_folder:
            folder = Path(entry.path)
            own = nested(folder) if nested is not None else None
            if own is not None:  # a folder with its own config: its include and exclude from here down
                yield from _walk(
                    folder, child_display, "", own[0], own[1], visited, root, child_absolute, nested, record
                )
            else:
                yield from _walk(
                    folder,
                    child_display,
                    child_relative,
                    include,
                    exclude,
                    visited,
                    root,
                    child_absolute,
                    nested,
                    record,
                )
        elif is_regular and wanted:
            yield Path(entry.path), child_display, child_absolute
