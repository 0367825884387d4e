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
    """A change that repairs a problem. ``safe`` fixes apply with ``--fix``; others need ``--unsafe-fixes``.

    A fix edits only inside the spans its finding reports. The engine checks that when it turns a problem
    into a finding and stamps those spans here as ``bounds``; an edit outside them (or a fix that was
    never checked) is refused when fixes are applied."""

    edits: tuple[Edit, ...]
    description: str
    safe: bool = True
    #: The ``[start, end]`` spans (offsets into the post's text) the fix may edit; set by the engine.
    bounds: tuple[tuple[int, int], ...] | None = None

    def outside_bounds(self) -> list[Edit]:
        """The edits that do not lie inside any of ``bounds`` (all of them when no bounds were set)."""
        if self.bounds is None:
            return list(self.edits)
        return [e for e in self.edits if not any(start <= e.start and e.end <= end for start, end in self.bounds)]
