"""PL006 file-too-large."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FileTooLarge(Rule[RuleOptions]):
    """The file is larger than `max-file-size` and was not linted.

    ## What it does
    Reports a file over the configured size limit (`max-file-size`, 5,000,000 bytes by default); such a
    file is skipped so that one runaway export cannot stall the run.

    ## Why is this bad?
    A post that large is almost always a mistake (an embedded data URI, a whole feed dumped into one
    file) and is slow for readers too.

    ## Options
    None.
    """

    code = "PL006"
    name = "file-too-large"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "too-large")
