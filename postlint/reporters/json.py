"""One JSON object: version, files checked, the findings and a summary. The shape is documented and stable.

Strings are the exact text (JSON escapes control characters), except what UTF-8 cannot carry: a file name
byte that is not UTF-8 is ``\\xNN``, as in every format, so the output is always valid UTF-8.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from postlint.core.project import __version__
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions
from postlint.reporters._neutralise import json_document


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    by_rule = Counter(finding.code for finding in result.findings)
    document = {
        "postlint_version": __version__,
        "files_checked": result.files_checked,
        "findings": [finding.as_dict() for finding in result.findings],
        "summary": {
            "total": len(result.findings),
            "by_severity": result.counts(),
            "by_rule": dict(sorted(by_rule.items())),
            "files_with_findings": result.files_with_findings(),
            "failed": result.failed(),
        },
    }
    out.write(json_document(document))
    out.write("\n")
