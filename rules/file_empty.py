"""PL005 file-empty."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FileEmpty(Rule[RuleOptions]):
    """The file is empty or holds only white space.

    ## What it does
    Reports a post file with no content at all.

    ## Why is this bad?
    An empty post is usually a failed import or a truncated write, and publishes as a blank page.

    ## Options
    None.
    """

    code = "PL005"
    name = "file-empty"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "empty")
