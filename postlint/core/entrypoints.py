"""The entry points installed distributions declare, read without importing :mod:`importlib.metadata`.

Importing :mod:`importlib.metadata` costs a one-file run about 30 ms of CPU (it imports ``email``, ``csv`` and
``zipfile``), a tenth of a pre-commit run, to learn in most environments only that postlint's own rules are the
``builtin`` entry point of ``postlint.rules`` and that nothing declares a pydantic plugin. :func:`declared`
reads the same ``entry_points.txt`` files the way :mod:`importlib.metadata` does (its distributions are the
``*.dist-info`` and ``*.egg-info`` folders of the folders on ``sys.path``), and answers ``None`` whenever it
cannot vouch for seeing what :mod:`importlib.metadata` would see: a ``sys.path`` entry that is a file (a zip
archive, an egg) or an egg folder, or a meta-path finder other than :class:`importlib.machinery.PathFinder`
that finds distributions. Callers then ask :mod:`importlib.metadata` as before, so the answer never differs.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache


def _entries(text: str) -> list[tuple[str, str, str]] | None:
    """``(group, name, value)`` of an ``entry_points.txt``, parsed as :mod:`importlib.metadata` parses it
    (``Sectioned``: stripped lines, ``#`` comments, ``[group]`` headers, ``name = value``); ``None`` for a
    line it would fail on."""
    found: list[tuple[str, str, str]] = []
    group: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line.strip("[]")
            continue
        if group is None:
            continue
        name, equals, value = line.partition("=")
        if not equals:
            return None
        found.append((group, name.strip(), value.strip()))
    return found


@lru_cache(maxsize=1)
def _scan() -> tuple[tuple[str, str, str, str], ...] | None:
    """``(distribution folder, group, name, value)`` of every entry point on ``sys.path``, or ``None``."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return None
    found: list[tuple[str, str, str, str]] = []
    for entry in sys.path:
        folder = entry or "."
        try:
            if not os.path.isdir(folder):
                if os.path.exists(folder):
                    return None  # a zip archive or an egg file: importlib.metadata reads inside it
                continue
            if os.path.basename(os.path.abspath(folder)).lower().endswith(".egg"):
                return None
            names = os.listdir(folder)
        except (OSError, ValueError):
            return None
        for child in names:
            if not child.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, child, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except (FileNotFoundError, NotADirectoryError):
                continue
            except (OSError, UnicodeDecodeError):
                return None
            entries = _entries(text)
            if entries is None:
                return None  # importlib.metadata would fail on this file: let it say so
            found.extend((child, group, name, value) for group, name, value in entries)
    return tuple(found)


def declared(group: str) -> list[tuple[str, str, str]] | None:
    """``(distribution folder, name, value)`` of every entry point of ``group`` an installed distribution
    declares (before :mod:`importlib.metadata`'s removal of a distribution installed twice), or ``None`` when
    only :mod:`importlib.metadata` can tell."""
    scanned = _scan()
    if scanned is None:
        return None
    return [(folder, name, value) for folder, kind, name, value in scanned if kind == group]


def _normalise(name: str) -> str:
    """A distribution name as :mod:`importlib.metadata` compares it (``Prepared.normalize``)."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def metadata_header(distribution: str, header: str) -> list[str] | None:
    """Every value of ``header`` (``Project-URL``) in the metadata of the first installed ``distribution``
    on ``sys.path``, read as ``importlib.metadata.metadata(distribution).get_all(header)`` reads it, or
    ``None`` when only :mod:`importlib.metadata` can tell (what :func:`declared` cannot vouch for, no such
    ``*.dist-info`` folder, two of them in one folder, or a value folded over several lines)."""
    if _scan() is None:
        return None
    wanted, label = _normalise(distribution), header.lower()
    for entry in sys.path:
        folder = entry or "."
        try:
            if not os.path.isdir(folder):
                continue
            names = os.listdir(folder)
        except (OSError, ValueError):
            return None
        found = [
            child
            for child in names
            if child.lower().endswith((".dist-info", ".egg-info"))
            and _normalise(child.lower().rpartition(".")[0].partition("-")[0]) == wanted
        ]
        if not found:
            continue
        if len(found) > 1 or not found[0].lower().endswith(".dist-info"):
            return None
        try:
            with open(os.path.join(folder, found[0], "METADATA"), encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            return None
        values: list[str] = []
        following = False
        for line in text.splitlines():
            if not line.strip():
                break  # the headers end at the first empty line
            if line[0] in " \t":
                if following:
                    return None  # a folded value: leave the unfolding to the email parser
                continue
            name, colon, value = line.partition(":")
            following = bool(colon) and name.strip().lower() == label
            if following:
                values.append(value.strip())
        return values
    return None
