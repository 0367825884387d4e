"""GitLab Code Quality JSON: findings show in merge request widgets, each with a stable fingerprint.

The description is shown to reviewers, so it is escaped as for a terminal; every string is valid UTF-8.
"""

from __future__ import annotations

from typing import TextIO

from postlint.core.model import Severity
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions
from postlint.reporters._neutralise import json_document, terminal

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    issues = [
        {
            "type": "issue",
            "check_name": finding.code,
            "description": terminal(f"{finding.code} {finding.message} [{finding.name}]"),
            "categories": ["Style"],
            "severity": SEVERITIES[finding.severity],
            "fingerprint": finding.fingerprint(),
            "location": {
                "path": finding.path.removeprefix("./"),
                "positions": {
                    "begin": {"line": finding.line, "column": finding.column},
                    "end": {"line": finding.end_line, "column": finding.end_column},
                },
            },
        }
        for finding in result.findings
    ]
    out.write(json_document(issues))
    out.write("\n")
