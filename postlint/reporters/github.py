"""GitHub Actions workflow commands: findings become annotations on the pull request's files.

GitHub shows at most 10 error and 10 warning annotations per step (and 10 notices). The rest are printed
as plain log lines, the log says how many were cut, and when ``GITHUB_STEP_SUMMARY`` is set a Markdown
summary with every finding is written to the job summary.

Every path and message, annotated or not, is escaped for the runner's command syntax (see
``_neutralise``): nothing from a post can end a line, start a command or hide text in the log.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from postlint.core.model import Severity
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions
from postlint.reporters._neutralise import github_data, github_log_line, github_property
from postlint.reporters._stream import write_command

ANNOTATION_LIMIT = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    shown: Counter[Severity] = Counter()
    cut: Counter[Severity] = Counter()
    for finding in result.findings:
        if shown[finding.severity] < ANNOTATION_LIMIT:
            shown[finding.severity] += 1
            properties = ",".join(
                f"{key}={github_property(str(value))}"
                for key, value in (
                    ("file", options.repository_path(finding.path)),
                    ("line", finding.line),
                    ("col", finding.column),
                    ("endLine", finding.end_line),
                    ("endColumn", finding.end_column),
                    ("title", f"{finding.code} {finding.name}"),
                )
            )
            write_command(out, f"::{COMMANDS[finding.severity]} {properties}::{github_data(finding.message)}\n")
        else:
            cut[finding.severity] += 1
            plain = f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message} [{finding.name}]"
            out.write(github_log_line(plain) + "\n")
    if cut:
        parts = ", ".join(
            f"{count} {COMMANDS[severity]}" for severity, count in sorted(cut.items(), key=lambda i: -i[0].rank)
        )
        where = "the job summary and " if options.step_summary else ""
        write_command(
            out,
            f"::notice title=postlint::GitHub shows only {ANNOTATION_LIMIT} annotations of each kind per step; "
            f"{parts} findings are not annotated. See {where}the log above for all {len(result.findings)}.\n",
        )
    if options.step_summary:
        from postlint.reporters.markdown import render

        with open(options.step_summary, "a", encoding="utf-8") as summary:
            summary.write(render(result, limit=None))
            summary.write("\n")
