"""PL001 file-unreadable."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FileUnreadable(Rule[RuleOptions]):
    """The file could not be read (permissions, a broken symlink, an I/O error).

    ## What it does
    Reports a path that exists on the command line or in the walk but cannot be opened or read.

    ## Why is this bad?
    Nothing can be checked in a file postlint cannot read, and the site generator will fail on it too.

    ## Options
    None.
    """

    code = "PL001"
    name = "file-unreadable"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "unreadable")
