"""The fixer: applies the fixes of a file's findings, checks they settle and add nothing, and writes.

It lints through the engine (:meth:`postlint.engine.lint.Engine.fix_file` calls :func:`fix_file`) and knows no
rule: a fix is the edits a finding carries. A fix is applied only inside the spans its finding reports,
never where another fix edits, and a file is rewritten only when the fixes settle, introduce no new
finding, and the file is a regular file of the user's own inside the project tree (see :func:`_unwritable`).
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from pathlib import Path
from typing import Protocol

from postlint.config import Config
from postlint.core.atomic import write_atomic
from postlint.core.model import Finding
from postlint.core.results import FixOutcome
from postlint.core.tree import Tree
from postlint.engine.contract import Context
from postlint.knowledge.attribution import source_host
from postlint.reading.post import Post, parse_post, read_bytes


class Linter(Protocol):
    """What the fixer needs of the engine."""

    config: Config
    context: Context
    tree: Tree | None

    def outside(self, fs_path: Path, display: str) -> Post | None: ...

    def lint_post(self, post: Post) -> list[Finding]: ...


#: Load problems after which a file is never rewritten: what postlint read is not what the generator reads.
_BLOCKING = frozenset(
    (
        "front-matter-syntax",
        "front-matter-unterminated",
        "front-matter-not-mapping",
        "front-matter-too-complex",
        "body-unparsed",
    )
)
MAX_FIX_PASSES = 10


def _fix_range(finding: Finding) -> tuple[int, int]:
    assert finding.fix is not None
    return min(edit.start for edit in finding.fix.edits), max(edit.end for edit in finding.fix.edits)


def _overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two edit ranges touch the same characters, or insert at the same place."""
    (start, end), (other_start, other_end) = first, second
    return (start < other_end and other_start < end) or (start == end == other_start == other_end)


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """Apply the fixes of ``findings`` that do not overlap one another and edit only inside the spans their
    findings report; returns the new text and the findings whose fixes were applied (the others wait for
    the next pass, or are never applied when they stray)."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    # A fix edits only inside the spans its finding reports (stamped by the engine): any other is refused.
    findings = [f for f in findings if f.fix is not None and not f.fix.outside_bounds()]
    for finding in sorted(findings, key=_fix_range):
        start, end = _fix_range(finding)
        if any(_overlaps((start, end), other) for other in taken):
            continue
        taken.append((start, end))
        chosen.append(finding)
    edits = sorted(
        (edit for finding in chosen for edit in finding.fix.edits),  # type: ignore[union-attr]
        key=lambda edit: (edit.start, edit.end),
        reverse=True,
    )
    for edit in edits:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, chosen


def fix_file(engine: Linter, fs_path: Path, display: str, unsafe: bool, write: bool) -> FixOutcome:
    """Apply the fixes of this file's findings (safe ones, or all with ``unsafe``) until none is left, and
    write the result (``write``) unless the file must be left alone; says what was fixed, or why not."""
    outside = engine.outside(fs_path, display)
    if outside is not None:  # never read, so never shown in --diff nor written
        why = outside.load_issues[0].message
        return FixOutcome(display, engine.lint_post(outside), skipped=f"not read: {why}")
    data, failed = read_bytes(fs_path, display, engine.config.max_file_size)
    if failed is not None or data is None:
        assert failed is not None
        return FixOutcome(display, engine.lint_post(failed))
    post = parse_post(data, display, fs_path, engine.config.max_file_size, engine.context.site)
    findings = engine.lint_post(post)
    wanted = [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
    if wanted and post.text is not None:
        # Decided before fixing, so that --diff shows only what --fix would really write.
        unwritable = _unwritable(fs_path, engine.tree)
        if unwritable is not None:
            return FixOutcome(display, findings, skipped=f"not fixed: {unwritable}", source_host=source_host(post))
    outcome = fix_post(engine, post, findings, display, unsafe)
    if outcome.after is None or not write:
        return outcome
    payload = (b"\xef\xbb\xbf" if post.has_bom else b"") + outcome.after.encode("utf-8", "surrogatepass")
    try:
        refused = _unwritable(fs_path, None) or write_atomic(fs_path, payload, replacing=os.lstat(fs_path))
    except OSError as error:
        refused = f"cannot write the file ({error.strerror or error})"
    if refused is not None:
        return FixOutcome(display, findings, skipped=f"not fixed: {refused}", source_host=outcome.source_host)
    return outcome


def fix_post(engine: Linter, post: Post, findings: list[Finding], display: str, unsafe: bool) -> FixOutcome:
    """Apply the fixes of ``findings`` (the post's, safe ones or all with ``unsafe``) to the post's text until
    none is left, and say what was fixed (with the text before and after when it changed) or why not; writes
    nothing (the public API fixes text with it, :func:`fix_file` files)."""
    fs_path = post.fs_path
    host = source_host(post)
    wanted = [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
    if not wanted or post.text is None:
        return FixOutcome(display, findings, source_host=host)
    blocking = sorted({issue.kind for issue in post.load_issues if issue.kind in _BLOCKING})
    if blocking or post.html.truncated:
        why = ", ".join(blocking) or "the body was only partly read"
        return FixOutcome(display, findings, skipped=f"not fixed: {why}", source_host=host)
    original = post.text
    text = original
    fixed: Counter[str] = Counter()
    current = findings
    for _ in range(MAX_FIX_PASSES):
        candidates = [f for f in current if f.fix is not None and (f.fix.safe or unsafe)]
        if not candidates:
            break
        text, applied = apply_fixes(text, candidates)
        fixed.update(f.code for f in applied)
        encoded = (b"\xef\xbb\xbf" if post.has_bom else b"") + text.encode("utf-8", "surrogatepass")
        current = engine.lint_post(
            parse_post(encoded, display, fs_path, engine.config.max_file_size, engine.context.site)
        )
    else:
        if any(f.fix is not None and (f.fix.safe or unsafe) for f in current):
            return FixOutcome(
                display,
                findings,
                skipped=f"not fixed: the fixes did not settle after {MAX_FIX_PASSES} passes",
                source_host=host,
            )
    # A fix must never add a problem: what remains has to be a part of what was there before.
    introduced = _introduced(findings, current)
    if introduced:
        codes = ", ".join(sorted({f.code for f in introduced}))
        return FixOutcome(
            display, findings, skipped=f"not fixed: fixing would introduce new findings ({codes})", source_host=host
        )
    if text == original:
        return FixOutcome(display, findings, source_host=host)
    return FixOutcome(display, current, dict(fixed), original, text, source_host=host)


def _unwritable(fs_path: Path, tree: Tree | None) -> str | None:
    """Why fixing must leave ``fs_path`` alone (a symlink, a hard-linked file, another user's file), or
    ``None``. Rewriting replaces the file: that would write through a link, split hard links or hand the
    file to whoever runs postlint."""
    try:
        info = os.lstat(fs_path)
    except OSError as error:
        return f"cannot read the file's status ({error.strerror or error})"
    if stat.S_ISLNK(info.st_mode):
        return "it is a symlink, and postlint never writes through a link (fix the file it points to)"
    link = tree.through_link(fs_path) if tree is not None else None
    if link is not None:
        return f"its path goes through the symlink '{link}', and postlint never writes through a link"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file"
    if info.st_nlink > 1:
        return f"it has {info.st_nlink} hard links, and rewriting it would split them from the others (fix it by hand)"
    if hasattr(os, "geteuid") and os.geteuid() != 0 and info.st_uid != os.geteuid():
        return "it belongs to another user, and rewriting it would make it yours"
    return None


def _introduced(before: list[Finding], after: list[Finding]) -> list[Finding]:
    """The findings of ``after`` that were not there ``before`` the fixes.

    A finding that survives a fix is the same problem even when the fix rewrote the text it stands in (a
    lazy image's tag gains a ``src``, and its file-name alt text is still reported): it matches an earlier
    finding of its code by its snippet or, failing that, by its message.
    """
    by_snippet: dict[tuple[str, str], list[int]] = {}
    by_message: dict[tuple[str, str], list[int]] = {}
    for index, finding in enumerate(before):
        by_snippet.setdefault((finding.code, finding.snippet), []).append(index)
        by_message.setdefault((finding.code, finding.message), []).append(index)
    used: set[int] = set()

    def take(indices: list[int] | None) -> bool:
        while indices:  # each index is popped once, so matching stays linear however many findings repeat
            index = indices.pop()
            if index not in used:
                used.add(index)
                return True
        return False

    unmatched = []
    for finding in after:
        if not take(by_snippet.get((finding.code, finding.snippet))) and not take(
            by_message.get((finding.code, finding.message))
        ):
            unmatched.append(finding)
    return unmatched
