"""Turn the paths on the command line into the files to lint, without leaving the project tree.

A file named explicitly is linted whatever its name. Directories are walked in sorted order, keeping files
whose names match the include globs and skipping excluded names; FIFOs, sockets and devices met during a
walk are skipped, so nothing can block the run.

The tree. Each path named on the command line belongs to a project: the nearest folder at or above it
that holds a postlint config file (``postlint.toml``, ``.postlint.toml``, a ``pyproject.toml`` with
``[tool.postlint]``) or a ``.git`` entry; without either, the current folder when the path lies inside it,
else the path itself (its folder, for a file). A named path that is itself a symlink is not looked
through to find its project. Paths read from ``--files-from`` all belong to the current folder's project,
and ``--changed-since`` names belong to the git work tree. Everything is decided on the paths as written
(lexically), then checked on the real paths.

Symlinks are followed only while they stay inside the tree (a loop is cut by remembering each folder's
device and inode). A symlink that leads outside, to a file or a folder, is never followed, read or
written: the walk yields the link itself and the engine reports it as PL016 ``file-outside-tree``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

#: Files whose presence makes a folder the top of a project (``pyproject.toml`` only with [tool.postlint]).
_PROJECT_MARKERS = ("postlint.toml", ".postlint.toml", ".git")


def matches(name: str, relative: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if "/" in pattern:
            if fnmatchcase(relative, pattern.strip("/")) or fnmatchcase(relative, pattern.strip("/") + "/*"):
                return True
        elif fnmatchcase(name, pattern):
            return True
    return False


#: The ``(include, exclude)`` patterns of a folder's own config, or ``None`` when it has none.
Nested = Callable[[Path], "tuple[list[str], list[str]] | None"]


def maybe_post(folder: str, name: str) -> bool:
    """Whether a file is walked although ``include`` does not match it, because its generator would take it
    for a post if it were named right: a name with no extension in a ``_posts`` folder (Jekyll builds none)."""
    return folder in ("_posts", "_drafts") and "." not in name and not name.startswith("#")


def within(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or lies below it (both absolute and normalised)."""
    return path == root or path.startswith(root if root.endswith(os.sep) else root + os.sep)


def _has_postlint_table(pyproject: str) -> bool:
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(pyproject, "rb") as handle:
            data = handle.read(1_000_000)
        return "postlint" in tomllib.loads(data.decode("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return False


def project_root(path: str | os.PathLike[str], cwd: str | None = None) -> str:
    """The top of the project that ``path`` belongs to (see the module docs), as an absolute path."""
    absolute = os.path.abspath(path)
    folder = absolute if os.path.isdir(absolute) and not os.path.islink(absolute) else os.path.dirname(absolute)
    probe = folder
    # Never look for the project behind a symlink: a linked folder's own .git or config would make the
    # place it leads to the tree. The search starts above the deepest link on the way.
    above = folder
    while True:
        if os.path.islink(above):
            probe = os.path.dirname(above)
            break
        parent = os.path.dirname(above)
        if parent == above:
            break
        above = parent
    while True:
        if any(os.path.lexists(os.path.join(probe, name)) for name in _PROJECT_MARKERS):
            return probe
        pyproject = os.path.join(probe, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_postlint_table(pyproject):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    here = os.path.abspath(cwd or os.getcwd())
    return here if within(absolute, here) else folder


@dataclass(frozen=True)
class Root:
    """One project tree: where it is as written, and where it really is."""

    lexical: str
    real: str


@dataclass
class Tree:
    """The project trees of a run; a path is inside when it lies, as written and for real, in its tree."""

    roots: list[Root] = field(default_factory=list)
    #: Real paths of folders already resolved (one lstat per file instead of one per path component).
    _folders: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, folders: Iterable[str]) -> Tree:
        tree = cls()
        for folder in folders:
            tree.add(folder)
        return tree

    @classmethod
    def for_paths(cls, paths: Iterable[str], cwd: str | None = None) -> Tree:
        """The trees of paths named on the command line (each path its own project)."""
        known: dict[str, str] = {}
        folders = []
        for path in paths:
            absolute = os.path.abspath(path)
            key = absolute if os.path.isdir(absolute) and not os.path.islink(absolute) else os.path.dirname(absolute)
            if key not in known:
                known[key] = project_root(path, cwd)
            folders.append(known[key])
        return cls.of(folders)

    def add(self, folder: str) -> None:
        lexical = os.path.abspath(folder)
        if any(root.lexical == lexical for root in self.roots):
            return
        self.roots.append(Root(lexical, os.path.realpath(lexical)))
        self.roots.sort(key=lambda root: len(root.lexical), reverse=True)  # the nearest tree first

    def root_for(self, path: str | os.PathLike[str]) -> Root | None:
        """The tree ``path`` lies in as written (the deepest one), or ``None``."""
        absolute = os.path.abspath(path)
        for root in self.roots:
            if within(absolute, root.lexical):
                return root
        return None

    def escape(self, path: str | os.PathLike[str]) -> str | None:
        """Why ``path`` is outside its tree (a sentence for the finding), or ``None`` when it is inside.

        Nothing outside the tree is opened: the answer comes from the path and its symlinks alone."""
        root = self.root_for(path)
        if root is None:
            return "it lies outside the project tree; it was not read"
        if within(self._real(path), root.real):
            return None
        link = _escaping_link(os.path.abspath(path), root)
        if link is None:
            return "it leads outside the project tree; it was not read"
        where, target = link
        shown = target if len(target) <= 200 else target[:200] + "..."
        if where == os.path.abspath(path):
            return f"it is a symlink to '{shown}', outside the project tree; it was not followed"
        name = os.path.relpath(where, root.lexical)
        return f"it lies behind the symlink '{name}' -> '{shown}', outside the project tree; it was not followed"

    def _real(self, path: str | os.PathLike[str]) -> str:
        absolute = os.path.abspath(path)
        if os.path.islink(absolute):
            return os.path.realpath(absolute)
        folder, name = os.path.split(absolute)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)

    def through_link(self, path: str | os.PathLike[str]) -> str | None:
        """The first symlink on the way from the tree's top to ``path`` (relative to the top), or ``None``."""
        absolute = os.path.abspath(path)
        root = self.root_for(absolute)
        top = root.lexical if root is not None else os.path.dirname(absolute)
        link = _first_link(absolute, top)
        return None if link is None else os.path.relpath(link, top)


def _first_link(absolute: str, top: str) -> str | None:
    relative = os.path.relpath(absolute, top)
    if relative == ".":
        return None
    current = top
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current):
            return current
    return None


def _escaping_link(absolute: str, root: Root) -> tuple[str, str] | None:
    """The first symlink below the tree's top on the way to ``absolute`` whose target is outside."""
    relative = os.path.relpath(absolute, root.lexical)
    current = root.lexical
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        if os.path.islink(current) and not within(os.path.realpath(current), root.real):
            try:
                return current, os.readlink(current)
            except OSError:
                return current, "?"
    return None


def iter_files(
    paths: list[str],
    include: list[str],
    exclude: list[str],
    respect_gitignore: bool = True,
    tree: Tree | None = None,
    nested: Nested | None = None,
) -> Iterator[tuple[Path, str]]:
    """Yield ``(filesystem path, display path)`` pairs, each file once.

    Files found by walking a folder are dropped when git ignores them (build output, caches, virtual
    environments); files and folders named explicitly are always linted. A symlink out of the tree is
    yielded as it is (never walked into), for the engine to report; ``tree`` defaults to the trees of ``paths``.
    ``nested`` gives the ``(include, exclude)`` of a folder below that holds a config of its own (``None``
    when it holds none): from there down, the walk follows them, relative to that folder, as ruff does.
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
        found = list(_walk(path, argument, "", include, exclude, visited, root, nested))
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
    root: Root,
    nested: Nested | None = None,
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
        wanted = matches(entry.name, child_relative, include) or maybe_post(directory.name, entry.name)
        try:
            is_link = entry.is_symlink()
        except OSError:
            is_link = False
        if is_link and not within(os.path.realpath(entry.path), root.real):
            # Out of the tree: never followed. Reported when it looks like a post or leads to a folder
            # (a dangling link elsewhere with another name is nothing postlint would have read).
            if wanted or os.path.isdir(entry.path):
                yield Path(entry.path), child_display
            continue
        try:
            mode = entry.stat().st_mode
        except OSError:
            # A broken symlink that looks like a post: let the reader report it.
            if wanted:
                yield Path(entry.path), child_display
            continue
        if stat.S_ISDIR(mode):
            own = nested(Path(entry.path)) if nested is not None else None
            if own is not None:  # a folder with its own config: its include and exclude from here down
                yield from _walk(Path(entry.path), child_display, "", own[0], own[1], visited, root, nested)
            else:
                yield from _walk(
                    Path(entry.path), child_display, child_relative, include, exclude, visited, root, nested
                )
        elif stat.S_ISREG(mode) and wanted:
            yield Path(entry.path), child_display
