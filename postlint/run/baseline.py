"""Baselines for old archives: record today's findings, then report only new ones.

An entry is keyed on the path, the rule and a fingerprint of the offending snippet (the key, tag or value),
never on line numbers, so it survives edits elsewhere in the file. Identical snippets are counted, so a
second copy of a known problem is still new. Entries that no longer match anything are listed, so the
baseline can only shrink.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from postlint.config import ConfigError
from postlint.core.model import Finding
from postlint.core.project import __version__

FORMAT_VERSION = 1


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.path.replace("\\", "/").removeprefix("./"), finding.code, finding.fingerprint_of_snippet())


@dataclass
class Baseline:
    entries: Counter[tuple[str, str, str]]

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document.get("postlint_baseline") != FORMAT_VERSION:
                raise ValueError("not a postlint baseline (postlint_baseline: 1 missing)")
            entries: Counter[tuple[str, str, str]] = Counter()
            for item in document["entries"]:
                entries[(str(item["path"]), str(item["code"]), str(item["fingerprint"]))] += int(item.get("count", 1))
        except OSError as error:
            raise ConfigError(f"--baseline: cannot read {path}: {error.strerror or error}") from None
        except (ValueError, KeyError, TypeError) as error:
            raise ConfigError(f"--baseline: {path} is not a valid baseline: {error}") from None
        return cls(entries)

    def apply(self, findings: list[Finding]) -> tuple[list[Finding], int, list[dict[str, object]]]:
        """The findings that are new, how many were known, and the entries nothing matched."""
        remaining = Counter(self.entries)
        new: list[Finding] = []
        known = 0
        for finding in findings:
            key = _key(finding)
            if remaining[key] > 0:
                remaining[key] -= 1
                known += 1
            else:
                new.append(finding)
        stale = [
            {"path": path, "code": code, "fingerprint": fingerprint, "count": count}
            for (path, code, fingerprint), count in sorted(remaining.items())
            if count > 0
        ]
        return new, known, stale


def write(findings: list[Finding], path: Path) -> int:
    counts = Counter(_key(finding) for finding in findings)
    document = {
        "postlint_baseline": FORMAT_VERSION,
        "postlint_version": __version__,
        "entries": [
            {"path": file, "code": code, "fingerprint": fingerprint, "count": count}
            for (file, code, fingerprint), count in sorted(counts.items())
        ],
    }
    from postlint.core.atomic import write_atomic

    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return len(findings)
