"""The project tree: which paths are inside it, and where a symlink would lead out of it.

Each path named on the command line belongs to a project: the nearest folder at or above it
that holds a postlint config file (``postlint.toml``, ``.postlint.toml``, a ``pyproject.toml`` with
``[tool.postlint]``) or a ``.git`` entry; without either, the current folder when the path lies inside it,
else the path itself (its folder, for a file). A named path that is itself a symlink is not looked
through to find its project. Paths read from ``--files-from`` all belong to the current folder's project,
and ``--changed-since`` names belong to the git work tree. Everything is decided on the paths as written
(lexically), then checked on the real paths.

A symlink that leads outside, to a file or a folder, is never followed, read or written: the engine reports
it as PL016 ``file-outside-tree``. Every layer that reads or writes a file asks the tree first, so it sits
in the core.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

#: Files whose presence makes a folder the top of a project (``pyproject.toml`` only with [tool.postlint]).
_PROJECT_MARKERS = ("postlint.toml", ".postlint.toml", ".git")


def matches(name: str, relative: str, patterns: list[str]) -> bool:
    """Whether a pattern matches the file: one with a ``/`` its path (or a folder above it), else its name."""
    by_name, by_path = _compiled(tuple(patterns))
    return bool((by_name is not None and by_name(name)) or (by_path is not None and by_path(relative)))


def matcher(patterns: list[str]) -> Callable[[str, str], bool]:
    """:func:`matches` with ``patterns`` fixed: ``matcher(patterns)(name, relative)`` (compiled once, for a
    walk that asks every file of a folder)."""
    by_name, by_path = _compiled(tuple(patterns))
    if by_name is None and by_path is None:
        return lambda name, relative: False
    if by_path is None:
        assert by_name is not None
        return lambda name, relative: bool(by_name(name))
    if by_name is None:
        return lambda name, relative: bool(by_path(relative))
    return lambda name, relative: bool(by_name(name) or by_path(relative))


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[Callable[[str], object] | None, Callable[[str], object] | None]:
    """The patterns as two regexes, names and paths (what ``fnmatchcase`` tries one at a time: a walk of an
    archive asks a dozen patterns of every file)."""
    names = [fnmatch.translate(p) for p in patterns if "/" not in p]
    paths = [fnmatch.translate(q) for p in patterns if "/" in p for q in (p.strip("/"), p.strip("/") + "/*")]
    by_name = re.compile("|".join(names)).match if names else None
    by_path = re.compile("|".join(paths)).match if paths else None
    return by_name, by_path


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


def project_root(path: str | os.PathLike[str], cwd: str | None = None, isolated: bool = False) -> str:
    """The top of the project that ``path`` belongs to (see the module docs), as an absolute path.

    With ``isolated`` (``--isolated``: nothing in the checkout is trusted) config files do not count: a pull
    request could add an empty ``_posts/.postlint.toml`` to make ``_posts/`` the tree and hide every finding
    about what lies above it. Only a ``.git`` entry (which git never checks out from a commit) marks the top."""
    markers = (".git",) if isolated else _PROJECT_MARKERS
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
        if any(os.path.lexists(os.path.join(probe, name)) for name in markers):
            return probe
        pyproject = os.path.join(probe, "pyproject.toml")
        if not isolated and os.path.isfile(pyproject) and _has_postlint_table(pyproject):
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
    def for_paths(cls, paths: Iterable[str], cwd: str | None = None, isolated: bool = False) -> Tree:
        """The trees of paths named on the command line (each path its own project; ``isolated``: see
        :func:`project_root`)."""
        known: dict[str, str] = {}
        folders = []
        for path in paths:
            absolute = os.path.abspath(path)
            key = absolute if os.path.isdir(absolute) and not os.path.islink(absolute) else os.path.dirname(absolute)
            if key not in known:
                known[key] = project_root(path, cwd, isolated)
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
        return self._root_of(os.path.abspath(path))

    def _root_of(self, absolute: str) -> Root | None:
        for root in self.roots:
            if within(absolute, root.lexical):
                return root
        return None

    def escape(self, path: str | os.PathLike[str]) -> str | None:
        """Why ``path`` is outside its tree (a sentence for the finding), or ``None`` when it is inside.

        Nothing outside the tree is opened: the answer comes from the path and its symlinks alone."""
        absolute = os.path.abspath(path)  # asked once: the archive pass asks this of every file of a site
        root = self._root_of(absolute)
        if root is None:
            return "it lies outside the project tree; it was not read"
        if within(self._real(absolute), root.real):
            return None
        link = _escaping_link(absolute, root)
        if link is None:
            return "it leads outside the project tree; it was not read"
        where, target = link
        shown = target if len(target) <= 200 else target[:200] + "..."
        if where == absolute:
            return f"it is a symlink to '{shown}', outside the project tree; it was not followed"
        name = os.path.relpath(where, root.lexical)
        return f"it lies behind the symlink '{name}' -> '{shown}', outside the project tree; it was not followed"

    def _real(self, absolute: str) -> str:
        """The real path of ``absolute`` (an absolute, normalised path), its folder's looked up once."""
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


@dataclass
class WalkRecord:
    """What a walk of one folder met that decides what it found (:func:`postlint.run.walk.iter_files` fills
    it; the archive pass keeps the walk with its stored index: :mod:`postlint.archive.walked`): each
    folder's absolute path and identity, the identity of each file named in ``watch`` it met (a site
    generator's config), whether it met a symlink, the files it found (absolute paths, before git's ignore
    rules) and those git ignores."""

    watch: frozenset[str] = frozenset()
    folders: list[tuple[str, os.stat_result]] = field(default_factory=list)
    watched: list[tuple[str, os.stat_result]] = field(default_factory=list)
    linked: bool = False
    found: list[str] = field(default_factory=list)
    ignored: set[str] = field(default_factory=set)
