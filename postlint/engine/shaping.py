"""Shaping a run's findings: the excerpt of the line a finding is on, and dropping the findings a
superseding rule's finding already covers.

Used by the engine after the rules ran; knows no specific rule (a rule declares ``supersedes``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from postlint.core.model import Finding
from postlint.engine.contract import Rule

#: The longest snippet a finding or a URL reference carries.
SNIPPET_LIMIT = 200
#: How much of a finding's line around it reports show: enough to recognise the place, small enough that a
#: report of 50,000 findings stays a few megabytes.
_EXCERPT_BEFORE, _EXCERPT_AFTER = 50, 90


def excerpt(text: str, offset: int, column: int) -> tuple[str, int]:
    """A window of the line around ``offset`` (at ``column``): the text and the column it starts at."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end < 0:
        line_end = len(text)
    left = max(line_start, offset - _EXCERPT_BEFORE)
    right = min(line_end, max(offset, left) + _EXCERPT_AFTER)
    return text[left:right].rstrip("\r"), column - (offset - left)


def superseded_codes(rules: Iterable[Rule[Any]], all_rules: Sequence[type[Rule[Any]]]) -> dict[str, frozenset[str]]:
    """For each active rule that declares ``supersedes``, the codes of the rules it makes redundant."""
    table: dict[str, frozenset[str]] = {}
    for rule in rules:
        wanted = rule.supersedes
        codes = frozenset(other.code for other in all_rules if other.code in wanted or other.name in wanted)
        if codes:
            table[rule.code] = codes
    return table


def drop_superseded(findings: list[Finding], superseded: dict[str, frozenset[str]]) -> list[Finding]:
    """Drop the findings that start inside the span of a finding whose rule supersedes theirs.

    Spans are sorted by start, with the furthest end reached so far, so each finding looks only at the
    spans that can still hold it (checking every span for every finding took 52 s for 20,000 pixels)."""
    spans = sorted(
        ((f.line, f.column), (f.end_line, f.end_column), codes) for f in findings if (codes := superseded.get(f.code))
    )
    if not spans:
        return findings
    starts = [start for start, _, _ in spans]
    reach: list[tuple[int, int]] = []
    for _, end, _ in spans:
        reach.append(max(end, reach[-1]) if reach else end)

    def covered(finding: Finding) -> bool:
        position = (finding.line, finding.column)
        index = bisect_right(starts, position) - 1
        while index >= 0 and (reach[index] > position or starts[index] == position):
            start, end, codes = spans[index]
            if finding.code in codes and (start == position or start <= position < end):
                return True
            index -= 1
        return False

    return [f for f in findings if not covered(f)]
