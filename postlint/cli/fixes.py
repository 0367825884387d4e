"""What ``postlint check --fix`` and ``--diff`` print besides the report: the unified diff of what would
change, the summary of what was fixed, and the hint that findings are fixable."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

import click

from postlint.core.model import Finding
from postlint.core.results import FixOutcome
from postlint.reporters._neutralise import terminal
from postlint.run.session import LintRun

#: A changed line longer than this is shown as a word diff around each change (an imported post's whole body
#: is often one line of tens of thousands of characters, which nobody can review in a terminal).
LONG_LINE = 300
#: Characters of unchanged text shown on each side of a change in a long line.
WINDOW = 60
#: What a long line is cut into before matching: tags, runs of white space, words, single other characters.
_TOKEN = re.compile(r"<[^<>]{0,400}>|\s+|\w+|[^\w\s]", re.S)


#: Tokens on each side that are matched word by word; a longer changed stretch is shown as one change.
#: (SequenceMatcher is quadratic on long repetitive runs: a 1 MB one-line body took minutes.)
MATCH_LIMIT = 2000


def _clip(text: str) -> str:
    """A removed or added stretch, cut to its ends when long (one fix can remove a 1 MB element)."""
    if len(text) <= 4 * WINDOW:
        return text
    return f"{text[: 2 * WINDOW]}… ({len(text):,} characters) …{text[-WINDOW:]}"


def _opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Matching blocks of two token lists in linear time for what a fix does: the unchanged start and end are
    found in one pass, and only the stretch between them, when short, is matched word by word."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_end, new_end = len(old) - tail, len(new) - tail
    if old_end - head <= MATCH_LIMIT and new_end - head <= MATCH_LIMIT:
        from difflib import SequenceMatcher  # only --fix --diff shows a diff

        middle = SequenceMatcher(None, old[head:old_end], new[head:new_end], autojunk=False).get_opcodes()
    else:
        middle = [("replace", 0, old_end - head, 0, new_end - head)]
    opcodes = [("equal", 0, head, 0, head)] if head else []
    for tag, i1, i2, j1, j2 in middle:
        if i1 == i2 and j1 == j2:
            continue
        step = (tag, i1 + head, i2 + head, j1 + head, j2 + head)
        if tag == "equal" and opcodes and opcodes[-1][0] == "equal":  # one unchanged stretch, not two
            step = ("equal", opcodes[-1][1], step[2], opcodes[-1][3], step[4])
            opcodes.pop()
        opcodes.append(step)
    if tail:
        if opcodes and opcodes[-1][0] == "equal":
            previous = opcodes.pop()
            opcodes.append(("equal", previous[1], len(old), previous[3], len(new)))
        else:
            opcodes.append(("equal", old_end, len(old), new_end, len(new)))
    return opcodes


def word_diff(before: str, after: str) -> str:
    """One long changed line as ``git diff --word-diff`` shows it (``[-removed-]{+added+}``), with only
    :data:`WINDOW` characters of unchanged text around each change and ``…`` for what is left out."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    parts: list[str] = []
    opcodes = _opcodes(old, new)
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = "".join(old[i1:i2])
            first, last = index == 0, index == len(opcodes) - 1
            if len(same) > (1 if first or last else 2) * WINDOW + 1:
                head = "" if first else same[:WINDOW]
                tail = "" if last else same[-WINDOW:]
                same = f"{head}…{tail}"
            parts.append(same)
            continue
        if i2 > i1:
            parts.append("[-" + _clip("".join(old[i1:i2])) + "-]")
        if j2 > j1:
            parts.append("{+" + _clip("".join(new[j1:j2])) + "+}")
    return "".join(parts)


def readable(diff: Iterable[str]) -> Iterator[str]:
    """A unified diff whose long changed lines are word diffs around each change (marked ``~``); short lines
    are kept as they are. The hunk headers still give the lines' numbers."""
    block: list[str] = []

    def flush() -> Iterator[str]:
        removed = [line for line in block if line.startswith("-")]
        added = [line for line in block if line.startswith("+")]
        if not any(len(line) > LONG_LINE for line in block):
            yield from block
        else:
            for old, new in zip(removed, added, strict=False):
                yield "~" + word_diff(old[1:].rstrip("\n"), new[1:].rstrip("\n")) + "\n"
            for line in removed[len(added) :] + added[len(removed) :]:
                text = line.rstrip("\n")
                if len(text) > LONG_LINE:
                    text = f"{text[: WINDOW + 1]}… ({len(text) - 1:,} characters) …{text[-WINDOW:]}"
                yield text + "\n"
        block.clear()

    for line in diff:
        if line.startswith(("-", "+")) and not line.startswith(("--- ", "+++ ")):
            block.append(line)
            continue
        yield from flush()
        yield line
    yield from flush()


def _lines(text: str) -> list[str]:
    """``text`` cut into lines as git and patch cut it: after each line feed only. (``str.splitlines`` also
    ends a line at a form feed, a lone CR, U+2028 and others: the diff of a post holding one then had a
    "No newline at end of file" in mid-file, and patch rejected it.)"""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _inert(line: str) -> str:
    """A diff line as shown to a reader: every control, bidi or invisible character of the post's text as an
    escape (a terminal would obey ``\\x1b[2J`` or an OSC sequence in a post, a CI log would reorder text around
    U+202E), tabs and the line's own ending (LF or CRLF) kept."""
    body = line.rstrip("\n")
    ending = line[len(body) :]
    if body.endswith("\r") and ending:
        body, ending = body[:-1], "\r" + ending
    return "\t".join(terminal(part) for part in body.split("\t")) + ending


def print_diff(run: LintRun, full: bool = False) -> int:
    """Print what the fixes of ``run`` (made without writing) would change, as a unified diff on stdout
    and a count on stderr; return how many files would change. Long changed lines are shown as word diffs
    around each change unless ``full`` (``--full-diff``: the exact diff that ``patch`` and ``git apply`` take).
    The post's own text in the diff has its controls and invisible characters shown as escapes (:func:`_inert`),
    but in the ``--full-diff`` written to a file or pipe, which must stay byte for byte what the fix does."""
    import difflib

    changed = 0
    shortened = False
    for outcome in run.results:
        assert isinstance(outcome, FixOutcome)
        if outcome.skipped:
            click.echo(terminal(f"postlint: {outcome.path}: {outcome.skipped}"), err=True)
        if outcome.before is None or outcome.after is None:
            continue
        changed += 1
        lines = difflib.unified_diff(
            _lines(outcome.before),
            _lines(outcome.after),
            # The body is the file's own text, as git diff prints it; the header line must stay one line.
            fromfile=f"a/{terminal(outcome.path)}",
            tofile=f"b/{terminal(outcome.path)}",
        )
        shown = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]
        if not full:
            kept = list(readable(shown))
            shortened = shortened or kept != shown
            shown = kept
        if not full or sys.stdout.isatty():
            shown = [_inert(line) for line in shown]
        sys.stdout.writelines(shown)
    fixes = sum(sum(o.fixed.values()) for o in run.results if isinstance(o, FixOutcome))
    click.echo(
        f"{fixes} fix{'' if fixes == 1 else 'es'} in {changed} file{'' if changed == 1 else 's'} "
        "would be applied (nothing was written).",
        err=True,
    )
    if shortened:
        click.echo(
            f"Lines over {LONG_LINE} characters are shown as word diffs around each change (~ lines); "
            "--full-diff prints the diff patch and git apply take.",
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
