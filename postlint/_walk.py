"""Turn the paths on the command line into the files to lint.

A file named explicitly is linted whatever its name. Directories are walked in sorted order, keeping files
whose names match the include globs and skipping excluded names. Directory symlinks are followed once (a
loop is cut by remembering each directory's device and inode); FIFOs, sockets and devices met during a walk
are skipped, so nothing can block the run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path


def matches(name: str, relative: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if "/" in pattern:
            if fnmatchcase(relative, pattern.strip("/")) or fnmatchcase(relative, pattern.strip("/") + "/*"):
                return True
        elif fnmatchcase(name, pattern):
            return True
    return False


def iter_files(
    paths: list[str], include: list[str], exclude: list[str], respect_gitignore: bool = True
) -> Iterator[tuple[Path, str]]:
    """Yield ``(filesystem path, display path)`` pairs, each file once.

    Files found by walking a folder are dropped when git ignores them (build output, caches, virtual
    environments); files and folders named explicitly are always linted.
    """
    seen: set[str] = set()
    for argument in paths:
        path = Path(argument)
        try:
            is_directory = path.is_dir()
        except OSError:
            is_directory = False
        if not is_directory:
            key = os.path.abspath(argument)
            if key not in seen:
                seen.add(key)
                yield path, argument
            continue
        visited: set[tuple[int, int]] = set()
        found = list(_walk(path, argument, "", include, exclude, visited))
        ignored = set()
        # A folder named on the command line is linted even when git ignores it (as ruff does): what git
        # ignores inside it is skipped, unless the folder itself is ignored, for then git's verdict on every
        # file below is only "its folder is ignored", which naming the folder overrides.
        if respect_gitignore and found and not _git_ignored(path, [path]):
            ignored = _git_ignored(path, [fs_path for fs_path, _ in found])
        for fs_path, display in found:
            key = os.path.abspath(fs_path)
            if key not in seen and key not in ignored:
                seen.add(key)
                yield fs_path, display


def _git_ignored(folder: Path, files: list[Path]) -> set[str]:
    """The absolute paths among ``files`` that git ignores (none when ``folder`` is not in a work tree)."""
    import subprocess

    if not files:
        return set()
    try:
        completed = subprocess.run(
            ["git", "-C", str(folder), "check-ignore", "--stdin", "-z"],
            input=b"".join(os.fsencode(os.path.abspath(path)) + b"\0" for path in files),
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    if completed.returncode not in (0, 1):  # 128: not a git repository, or git failed
        return set()
    return {os.fsdecode(name) for name in completed.stdout.split(b"\0") if name}


def _walk(
    directory: Path,
    display: str,
    relative: str,
    include: list[str],
    exclude: list[str],
    visited: set[tuple[int, int]],
) -> Iterator[tuple[Path, str]]:
    try:
        info = directory.stat()
    except OSError:
        return
    identity = (info.st_dev, info.st_ino)
    if identity in visited:
        return
    visited.add(identity)
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        child_relative = f"{relative}/{entry.name}" if relative else entry.name
        if matches(entry.name, child_relative, exclude):
            continue
        # `postlint check .` shows `_posts/x.md`, not `./_posts/x.md`.
        child_display = entry.name if display in (".", "./") else os.path.join(display, entry.name)
        try:
            mode = entry.stat().st_mode
        except OSError:
            # A broken symlink that looks like a post: let the reader report it.
            if matches(entry.name, child_relative, include):
                yield Path(entry.path), child_display
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(Path(entry.path), child_display, child_relative, include, exclude, visited)
        elif stat.S_ISREG(mode) and matches(entry.name, child_relative, include):
            yield Path(entry.path), child_display
