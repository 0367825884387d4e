"""The findings model: what reporters receive. It holds no post, only what is to be shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from postlint.core.model import Edit, Finding, Fix, Severity


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter may show about a rule (for SARIF rule tables, docs links)."""

    code: str
    name: str
    severity: Severity
    summary: str
    fixable: bool
    #: The rule's documentation (What it does / Why is this bad? / Options), as Markdown.
    doc: str = ""
    #: The page that documents the rule (postlint's docs site for its own rules, a plugin's own ``docs_url``),
    #: or empty when there is none.
    url: str = ""


@dataclass(frozen=True)
class UrlRef:
    """A remote URL an online rule named in one file, with its place (sent back from worker processes and
    kept in the findings cache; what the URL answers is never stored here)."""

    code: str
    url: str
    what: str
    probe: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    snippet: str

    def as_list(self) -> list[object]:
        return [getattr(self, name) for name in self.__dataclass_fields__]

    @classmethod
    def from_list(cls, values: list[object]) -> UrlRef:
        if not isinstance(values, list) or len(values) != len(cls.__dataclass_fields__):
            raise ValueError("malformed URL reference")
        code, url, what, probe = (str(v) for v in values[:4])
        start, end, line, column, end_line, end_column = (int(v) for v in values[4:10])  # type: ignore[call-overload]
        return cls(code, url, what, probe, start, end, line, column, end_line, end_column, str(values[10]))


@dataclass
class FixOutcome:
    """What fixing one file did."""

    path: str
    #: The findings left after fixing (all of them when nothing was fixed).
    findings: list[Finding]
    #: How many findings of each code were fixed.
    fixed: dict[str, int] = field(default_factory=dict)
    #: The text before and after, when fixing changed it (for --diff).
    before: str | None = None
    after: str | None = None
    #: Why the file was left alone although it had fixable findings.
    skipped: str | None = None
    source_host: str | None = None


@dataclass
class RunResult:
    """Everything a reporter needs about a run."""

    findings: list[Finding]
    files_checked: int
    rules: list[RuleInfo]
    fail_on: Severity = Severity.WARNING
    #: Per file checked: the host of its front-matter source URL, if any (for reports by source).
    source_hosts: dict[str, str] = field(default_factory=dict)
    #: Findings that a baseline hid (for reporting).
    baselined: int = 0

    def counts(self) -> dict[str, int]:
        counts = {severity.value: 0 for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def failed(self) -> bool:
        return any(finding.severity.rank >= self.fail_on.rank for finding in self.findings)

    def files_with_findings(self) -> int:
        return len({finding.path for finding in self.findings})


def finding_to_dict(finding: Finding) -> dict[str, object]:
    """Everything about a finding, fixes included (for the cache and for worker processes)."""
    data = finding.as_dict()
    data["snippet"] = finding.snippet
    if finding.excerpt:
        data["excerpt"] = [finding.excerpt_column, finding.excerpt]
    if finding.fix is not None:
        data["fix"] = {
            "description": finding.fix.description,
            "safe": finding.fix.safe,
            "edits": [[edit.start, edit.end, edit.replacement] for edit in finding.fix.edits],
        }
    return data


def finding_from_dict(data: dict[str, object], path: str) -> Finding:
    """The inverse of :func:`finding_to_dict`, stamped with ``path``; raises on malformed data."""
    fix_data = data.get("fix")
    fix = None
    if isinstance(fix_data, dict):
        edits = tuple(Edit(int(start), int(end), str(text)) for start, end, text in fix_data["edits"])
        fix = Fix(edits, str(fix_data["description"]), bool(fix_data["safe"]))
    excerpt_column, excerpt = 1, ""
    excerpt_data = data.get("excerpt")
    if isinstance(excerpt_data, list) and len(excerpt_data) == 2:
        excerpt_column, excerpt = int(excerpt_data[0]), str(excerpt_data[1])
    related_data = data.get("related")
    related = tuple(
        (int(item["line"]), int(item["column"]), int(item["end_line"]), int(item["end_column"]))
        for item in (related_data if isinstance(related_data, list) else ())
    )
    return Finding(
        path,
        int(data["line"]),  # type: ignore[call-overload]
        int(data["column"]),  # type: ignore[call-overload]
        int(data["end_line"]),  # type: ignore[call-overload]
        int(data["end_column"]),  # type: ignore[call-overload]
        str(data["code"]),
        str(data["name"]),
        Severity(str(data["severity"])),
        str(data["message"]),
        bool(data["fixable"]),
        str(data.get("snippet", "")),
        fix,
        excerpt,
        excerpt_column,
        related,
    )
