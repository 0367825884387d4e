"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Messages are shown to people, so they are escaped as for a terminal; artifact URIs percent-encode every
byte of the path (a byte that is not UTF-8 too); every string is valid UTF-8.
"""

from __future__ import annotations

from typing import Any, TextIO

from postlint.core.model import Severity
from postlint.core.project import __version__, project_url
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions
from postlint.reporters._neutralise import json_document, terminal, uri_path

SCHEMA = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def document(result: RunResult, options: ReportOptions | None = None) -> dict[str, Any]:
    options = options or ReportOptions()
    rules = sorted({info.code: info for info in result.rules}.values(), key=lambda info: info.code)
    # Findings of rules not in the table (PL9xx, ...) still need a descriptor.
    known = {info.code for info in rules}
    index = {info.code: position for position, info in enumerate(rules)}
    extra: list[dict[str, Any]] = []
    for finding in result.findings:
        if finding.code not in known:
            known.add(finding.code)
            index[finding.code] = len(rules) + len(extra)
            extra.append({"id": finding.code, "name": finding.name, "shortDescription": {"text": finding.name}})
    descriptors = [
        {
            "id": info.code,
            "name": info.name,
            "shortDescription": {"text": info.summary or info.name},
            "fullDescription": {"text": info.summary or info.name},
            "help": {"text": info.doc or info.summary, "markdown": info.doc or info.summary},
            "defaultConfiguration": {"level": LEVELS[info.severity]},
            "properties": {"tags": [info.name], "fixable": info.fixable},
        }
        for info in rules
    ] + extra
    results = []
    for finding in result.findings:
        region: dict[str, Any] = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": max(finding.end_column, finding.column)
            if finding.end_line == finding.line
            else finding.end_column,
        }
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": LEVELS[finding.severity],
                "message": {"text": terminal(f"{finding.message} [{finding.name}]")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": uri_path(options.repository_path(finding.path)),
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"postlint/v1": finding.fingerprint()},
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "postlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": project_url(),
                        "rules": descriptors,
                    }
                },
                # Columns count Unicode code points, as postlint reports them everywhere.
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "results": results,
            }
        ],
    }


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(json_document(document(result, options)))
    out.write("\n")
