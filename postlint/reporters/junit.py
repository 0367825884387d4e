"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure): one test case a finding.

Paths and messages hold only characters XML 1.0 allows (``_neutralise.xml_text``): always well-formed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree

from postlint.core.model import Finding
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions
from postlint.reporters._neutralise import xml_text


def report(result: RunResult, out: TextIO, options: ReportOptions) -> None:
    root = ElementTree.Element(
        "testsuites", name="postlint", tests=str(max(len(result.findings), 1)), failures=str(len(result.findings))
    )
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_file[finding.path].append(finding)
    if not by_file:
        suite = ElementTree.SubElement(root, "testsuite", name="postlint", tests="1", failures="0")
        ElementTree.SubElement(suite, "testcase", name=f"{result.files_checked} files checked", classname="postlint")
    for raw_path, findings in by_file.items():
        path = xml_text(raw_path)
        suite = ElementTree.SubElement(
            root, "testsuite", name=path, tests=str(len(findings)), failures=str(len(findings))
        )
        for finding in findings:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=xml_text(f"{finding.code} {finding.name}"),
                classname=path,
                file=path,
                line=str(finding.line),
            )
            message = xml_text(finding.message)
            failure = ElementTree.SubElement(case, "failure", message=message, type=finding.severity.value)
            failure.text = f"{path}:{finding.line}:{finding.column}: {xml_text(finding.code)} {message}"
    ElementTree.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ElementTree.tostring(root, encoding="unicode"))
    out.write("\n")
