"""The core types every layer shares: a severity, a fix and its edits, a front-matter span, a finding.

They hold plain data and import nothing else of postlint, so reporters and the CLI can use them without
reaching the rule API or the post reader. :mod:`postlint.api` re-exports them for rules.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields

__all__ = ["Edit", "Finding", "Fix", "Severity", "Span"]


class Severity(str, enum.Enum):
    """How much a finding matters. ``fail-on`` names the lowest severity that fails a run."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


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


@dataclass(frozen=True)
class Span:
    """Where one front-matter entry sits: its key and its value, as absolute character offsets."""

    key_start: int
    key_end: int
    value_start: int
    value_end: int
    #: The scalar value as written (quotes removed), or ``None`` for mappings and sequences.
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: ``path`` as given on the command line, 1-based lines and code-point columns.

    Slotted: a run over a large archive holds every finding until it reports, and a ``__dict__`` per finding
    was a tenth of the peak memory of the 50,000-post benchmark.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fixable: bool = False
    #: The offending text (key, tag, value) a baseline or fingerprint is keyed on instead of line numbers.
    snippet: str = ""
    fix: Fix | None = field(default=None, compare=False, repr=False)
    #: A piece of the finding's source line around it, for reports that show the source (the HTML report),
    #: and the column of the line at which that piece starts.
    excerpt: str = field(default="", compare=False, repr=False)
    excerpt_column: int = field(default=1, compare=False, repr=False)
    #: Other places the finding names (``(line, column, end_line, end_column)`` each), such as the image
    #: PL404's fix wraps: its fix may edit there too, so reports carry them (JSON ``related``, SARIF
    #: ``relatedLocations``).
    related: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False, repr=False)

    # Explicit, because the state methods dataclasses adds to frozen slotted classes fail on Python 3.10.0
    # (cpython gh-90055), and findings travel between --jobs workers by pickle.
    def __getstate__(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _FINDING_FIELDS)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(_FINDING_FIELDS, state, strict=True):
            object.__setattr__(self, name, value)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def fingerprint(self) -> str:
        """A stable identity that survives unrelated edits: path, code and the offending snippet (no lines)."""
        return _hash(self.path.replace("\\", "/").removeprefix("./"), self.code, self.snippet)

    def fingerprint_of_snippet(self) -> str:
        """The snippet alone, hashed (baselines key on path and code separately)."""
        return _hash(self.code, self.snippet)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fixable,
        }
        if self.related:  # only when there are some: the shape of every other finding stays as it was
            data["related"] = [
                {"line": line, "column": column, "end_line": end_line, "end_column": end_column}
                for line, column, end_line, end_column in self.related
            ]
        return data


def _hash(*parts: str) -> str:
    import hashlib

    text = "\0".join(parts)
    try:
        data = text.encode("utf-8", "surrogateescape")  # a file name byte that is not UTF-8 as itself
    except UnicodeEncodeError:  # a lone surrogate from a post or a Windows file name: any stable bytes do
        data = text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


_FINDING_FIELDS = tuple(field.name for field in fields(Finding))
