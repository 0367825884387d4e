"""PL002 file-not-regular."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FileNotRegular(Rule[RuleOptions]):
    """The path is not a regular file (a FIFO, socket, device or directory named as a post).

    ## What it does
    Reports a path given on the command line that is not a regular file. postlint never opens FIFOs or
    devices for reading, so such a path cannot block the run.

    ## Why is this bad?
    A post must be a regular file; anything else is a mistake in the list of files to check.

    ## Options
    None.
    """

    code = "PL002"
    name = "file-not-regular"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "not-regular-file")
