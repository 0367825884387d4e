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
            **({"helpUri": info.url} if info.url else {}),
            "defaultConfiguration": {"level": LEVELS[info.severity]},
            "properties": {"tags": [info.name], "fixable": info.fixable},
        }
        for info in rules
    ] + extra
    results = []
    for finding in result.findings:
        region = _region(finding.line, finding.column, finding.end_line, finding.end_column)
        artifact = {"uri": uri_path(options.repository_path(finding.path)), "uriBaseId": "%SRCROOT%"}
        entry: dict[str, Any] = {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": LEVELS[finding.severity],
                "message": {"text": terminal(f"{finding.message} [{finding.name}]")},
                "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
                "partialFingerprints": {"postlint/v1": finding.fingerprint()},
        }  # fmt: skip
        if finding.related:  # the other places the finding names (and its fix may edit)
            entry["relatedLocations"] = [
                {
                    "id": number,
                    "physicalLocation": {"artifactLocation": artifact, "region": _region(*span)},
                    "message": {"text": "also part of this finding" + (" (its fix edits here)" if finding.fix else "")},
                }
                for number, span in enumerate(finding.related)
            ]
        results.append(entry)
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


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": max(end_column, column) if end_line == line else end_column,
    }


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    out.write(json_document(document(result, options)))
    out.write("\n")
