"""Checks of the fix contract, shared by the example, property-based and corpus tests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from postlint.core.model import Finding
from postlint.engine.lint import Engine


def fix_ranges(findings: list[Finding], unsafe: bool) -> list[tuple[int, int]]:
    ranges = sorted(
        (min(e.start for e in f.fix.edits), max(e.end for e in f.fix.edits))
        for f in findings
        if f.fix is not None and (f.fix.safe or unsafe)
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def unchanged_outside(before: str, after: str, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``after`` keeps, verbatim and in order, every part of ``before`` outside ``ranges``."""
    keeps, position = [], 0
    for start, end in ranges:
        keeps.append(before[position:start])
        position = end
    keeps.append(before[position:])
    if not after.startswith(keeps[0]) or not after.endswith(keeps[-1]):
        return False
    cursor = len(keeps[0])
    for keep in keeps[1:-1]:
        found = after.find(keep, cursor)
        if found < 0:
            return False
        cursor = found + len(keep)
    return cursor <= len(after) - len(keeps[-1])


def check_contract(engine: Engine, path: Path, unsafe: bool, before: list[Finding] | None = None) -> str | None:
    """Fix ``path`` in place and check the contract; returns what broke, or ``None``. ``before`` are the
    file's findings when the caller has just linted it (so it is not linted twice)."""
    original = path.read_bytes()
    if before is None:
        before = engine.lint_file(path, path.name)
    outcome = engine.fix_file(path, path.name, unsafe=unsafe)
    fixed_bytes = path.read_bytes()
    if outcome.skipped or not outcome.fixed:
        return None if fixed_bytes == original else "a file that was not fixed changed"
    if original.startswith(b"\xef\xbb\xbf") != fixed_bytes.startswith(b"\xef\xbb\xbf"):
        return "the BOM changed"
    try:
        old, new = original.decode("utf-8-sig"), fixed_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "the fixed file is not UTF-8"
    if not unchanged_outside(old, new, fix_ranges(before, unsafe)):
        return "bytes outside the fixed findings' spans changed"
    after = engine.lint_file(path, path.name)
    introduced = Counter((f.code, f.snippet) for f in after) - Counter((f.code, f.snippet) for f in before)
    if introduced:
        return f"new findings appeared: {sorted(introduced)}"
    if any(f.fix is not None and (f.fix.safe or unsafe) for f in after):
        return "fixable findings remain after --fix"
    again = engine.fix_file(path, path.name, unsafe=unsafe)
    if again.fixed or path.read_bytes() != fixed_bytes:
        return "fixing a second time changed the file"
    return None
