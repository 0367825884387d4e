"""What went wrong while reading a file, before any rule looked at it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoadIssue:
    """A problem found while reading, decoding or splitting a file.

    ``kind`` is a stable identifier (``not-utf8``, ``duplicate-key``, ...) that the PL0xx rules turn into
    findings; ``offset`` is a character offset into the decoded text (``None`` means the start of the file).
    """

    kind: str
    message: str
    offset: int | None = None
    end: int | None = None
