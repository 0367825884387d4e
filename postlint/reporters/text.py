"""``path:line:col: CODE message [name]``, one finding a line, then a summary."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from postlint.core.model import Severity
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions
from postlint.reporters._neutralise import terminal

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    color = options.color
    # --statistics prints the table instead of each finding, as ruff does.
    for finding in () if options.statistics else result.findings:
        if not color:  # one escaping pass over the whole line (the common case: CI logs, pipes)
            out.write(terminal(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message} "
                               f"[{finding.name}]") + "\n")  # fmt: skip
            continue
        location = f"{terminal(finding.path)}:{finding.line}:{finding.column}:"
        code = terminal(finding.code)
        name = f"[{terminal(finding.name)}]"
        location = f"{_BOLD}{location}{_RESET}"
        code = f"{_COLORS[finding.severity]}{_BOLD}{code}{_RESET}"
        name = f"{_DIM}{name}{_RESET}"
        out.write(f"{location} {code} {terminal(finding.message)} {name}\n")
    if options.statistics and result.findings:
        per_rule = Counter((f.code, f.name) for f in result.findings)
        fixable = {(f.code, f.name) for f in result.findings if f.fixable}
        width = max(len(str(count)) for count in per_rule.values())
        code_width = max(len(code) for code, _ in per_rule)
        for (code, name), count in sorted(per_rule.items(), key=lambda item: (-item[1], item[0])):
            mark = "[*] " if (code, name) in fixable else "    "  # as ruff marks rules with fixes
            out.write(f"{count:>{width}}  {terminal(code):<{code_width}}  {mark}{terminal(name)}\n")

    if options.quiet:
        return
    counts = result.counts()
    files = _plural(result.files_checked, "file")
    if not result.findings:
        out.write(f"All checks passed ({files} checked).\n")
        return
    parts = [
        f"{counts['info']} info" if level == "info" else _plural(counts[level], level)
        for level in ("error", "warning", "info")
        if counts[level]
    ]
    total = _plural(len(result.findings), "problem")
    out.write(
        f"\nFound {total} ({', '.join(parts)}) in {_plural(result.files_with_findings(), 'file')}; {files} checked.\n"
    )
