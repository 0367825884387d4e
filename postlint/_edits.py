"""Fixes as data: edits to a post's text (re-exported by :mod:`postlint.api`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace the characters ``[start, end)`` of the post's text with ``replacement``."""

    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True)
class Fix:
    """A change that repairs a problem. ``safe`` fixes apply with ``--fix``; others need ``--unsafe-fixes``."""

    edits: tuple[Edit, ...]
    description: str
    safe: bool = True
