"""PL003 file-binary."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FileBinary(Rule[RuleOptions]):
    """The file holds NUL bytes: it is binary, not a post.

    ## What it does
    Reports a file that contains a NUL byte (in UTF-16 or a binary format such as an image that was
    saved with a post's name).

    ## Why is this bad?
    Jekyll and Hugo read posts as UTF-8 text; a binary file either breaks the build or is published as
    garbage.

    ## Options
    None.
    """

    code = "PL003"
    name = "file-binary"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "binary")
