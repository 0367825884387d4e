"""What ``postlint check --fix`` and ``--diff`` print besides the report: the unified diff of what would
change, the summary of what was fixed, and the hint that findings are fixable."""

from __future__ import annotations

import sys
from typing import TextIO

import click

from postlint.core.model import Finding
from postlint.core.results import FixOutcome
from postlint.reporters._neutralise import terminal
from postlint.run.session import LintRun


def print_diff(run: LintRun) -> int:
    """Print what the fixes of ``run`` (made without writing) would change, as a unified diff on stdout
    and a count on stderr; return how many files would change."""
    import difflib

    changed = 0
    for outcome in run.results:
        assert isinstance(outcome, FixOutcome)
        if outcome.skipped:
            click.echo(terminal(f"postlint: {outcome.path}: {outcome.skipped}"), err=True)
        if outcome.before is None or outcome.after is None:
            continue
        changed += 1
        lines = difflib.unified_diff(
            outcome.before.splitlines(keepends=True),
            outcome.after.splitlines(keepends=True),
            # The body is the file's own text, as git diff prints it; the header line must stay one line.
            fromfile=f"a/{terminal(outcome.path)}",
            tofile=f"b/{terminal(outcome.path)}",
        )
        for line in lines:
            sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    fixes = sum(sum(o.fixed.values()) for o in run.results if isinstance(o, FixOutcome))
    click.echo(
        f"{fixes} fix{'' if fixes == 1 else 'es'} in {changed} file{'' if changed == 1 else 's'} "
        "would be applied (nothing was written).",
        err=True,
    )
    return changed


def fix_summary(run: LintRun, remaining: int, out: TextIO) -> None:
    """After ``--fix``: the files whose fixes were skipped (stderr), then how many problems were fixed."""
    outcomes = [r for r in run.results if isinstance(r, FixOutcome)]
    fixed = sum(sum(o.fixed.values()) for o in outcomes)
    files = sum(1 for o in outcomes if o.fixed)
    for outcome in outcomes:
        if outcome.skipped:
            click.echo(terminal(f"postlint: {outcome.path}: {outcome.skipped}"), err=True)
    out.write(
        f"Fixed {fixed} problem{'' if fixed == 1 else 's'} in {files} file{'' if files == 1 else 's'}; "
        f"{remaining} remain.\n"
    )


def fixable_hint(findings: list[Finding]) -> None:
    """How many of ``findings`` ``--fix`` (and ``--unsafe-fixes``) would fix, when any."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    unsafe = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    if safe or unsafe:
        more = f" ({unsafe} more with --fix --unsafe-fixes)" if unsafe else ""
        click.echo(f"{safe} fixable with --fix{more}; see what would change with --diff.")
