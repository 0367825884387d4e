"""A Markdown summary for pull-request comments and GitHub job summaries.

Paths and codes are code spans, messages escaped Markdown (``_neutralise``): a post cannot add HTML, a
link, an image, a mention or a table row to the comment.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from postlint.core.results import RunResult
from postlint.reporters import ReportOptions, severity_counts_text
from postlint.reporters._neutralise import markdown_code, markdown_text

#: Findings listed in a pull-request comment before "... and N more" (GitHub limits comment size).
COMMENT_LIMIT = 200


def render(result: RunResult, limit: int | None = COMMENT_LIMIT) -> str:
    lines = ["## postlint", ""]
    if not result.findings:
        lines.append(f"No problems found in {result.files_checked} files.")
        return "\n".join(lines) + "\n"
    lines.append(
        f"**{len(result.findings)} problems** ({severity_counts_text(result)}) in "
        f"{result.files_with_findings()} of {result.files_checked} files."
    )
    if result.baselined:
        lines.append(f"{result.baselined} known problems are hidden by the baseline.")
    lines += ["", "| rule | name | findings |", "| --- | --- | ---: |"]
    counts = Counter((f.code, f.name) for f in result.findings)
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"| {markdown_code(code)} | {markdown_text(name)} | {count} |")
    lines += ["", "| location | rule | message |", "| --- | --- | --- |"]
    shown = result.findings if limit is None else result.findings[:limit]
    for finding in shown:
        lines.append(
            f"| {markdown_code(f'{finding.path}:{finding.line}:{finding.column}')} | {markdown_code(finding.code)} "
            f"| {markdown_text(finding.message)} |"
        )
    if limit is not None and len(result.findings) > limit:
        lines.append(f"\n... and {len(result.findings) - limit} more.")
    return "\n".join(lines) + "\n"


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(render(result))
