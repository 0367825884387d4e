"""Reporters turn a :class:`~postlint.core.results.RunResult` into output. They never read a post.

Every format is written from the same run model, so one run can print annotations to the log and write
SARIF, JUnit or a Markdown summary to files at the same time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from postlint.core.results import RunResult

Reporter = Callable[[RunResult, TextIO, "ReportOptions"], None]

#: Format name -> module in this package (each defines ``report(result, out, options)``).
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "markdown": "markdown",
    "html": "html",
}


@dataclass
class ReportOptions:
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    #: Where GitHub's job summary goes (the github format writes a Markdown summary there when set).
    step_summary: str | None = None
    #: Prepended to relative paths where a tool wants them relative to the repository root (GitHub
    #: annotations, SARIF) while postlint ran in a subfolder, e.g. "site/".
    root_prefix: str = ""

    def repository_path(self, path: str) -> str:
        path = path.replace("\\", "/").removeprefix("./")
        return path if path.startswith("/") else self.root_prefix + path


def get_reporter(name: str) -> Reporter:
    module = importlib.import_module(f"postlint.reporters.{FORMATS[name]}")
    report: Reporter = module.report
    return report


def severity_counts_text(result: RunResult) -> str:
    counts = result.counts()
    parts = [
        f"{counts['info']} info" if level == "info" else f"{counts[level]} {level}{'' if counts[level] == 1 else 's'}"
        for level in ("error", "warning", "info")
        if counts[level]
    ]
    return ", ".join(parts)
