"""Reporters turn a :class:`~postlint.findings.RunResult` into output. They never read a post."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from postlint.findings import RunResult

Reporter = Callable[[RunResult, TextIO, "ReportOptions"], None]


class ReportOptions:
    def __init__(self, *, color: bool = False, quiet: bool = False, statistics: bool = False) -> None:
        self.color = color
        self.quiet = quiet
        self.statistics = statistics


def get_reporter(name: str) -> Reporter:
    if name == "json":
        from postlint.reporters.json import report
    else:
        from postlint.reporters.text import report
    return report


FORMATS = ("text", "json")
