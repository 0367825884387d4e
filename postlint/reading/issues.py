"""What went wrong while reading a file, before any rule looked at it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What can go wrong while reading a file, one kind per PL0xx rule; a kind a rule asks for that is not here
#: (a typo) fails type checking.
LoadIssueKind = Literal[
    "unreadable",
    "not-regular-file",
    "outside-tree",
    "too-large",
    "binary",
    "not-utf8",
    "empty",
    "front-matter-missing",
    "front-matter-not-first-line",
    "front-matter-unterminated",
    "front-matter-syntax",
    "front-matter-not-mapping",
    "front-matter-too-complex",
    "front-matter-code",
    "duplicate-key",
    "body-unparsed",
]


@dataclass(frozen=True)
class LoadIssue:
    """A problem found while reading, decoding or splitting a file.

    ``kind`` is a stable identifier (one of :data:`LoadIssueKind`) that the PL0xx rules turn into findings;
    ``offset`` is a character offset into the decoded text (``None`` means the start of the file).
    """

    kind: LoadIssueKind
    message: str
    offset: int | None = None
    end: int | None = None
