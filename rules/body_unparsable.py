"""PL014 body-unparsable."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class BodyUnparsable(Rule[RuleOptions]):
    """postlint's HTML reader failed on the body, so the body rules saw nothing.

    ## What it does
    Reports a body that postlint's tolerant HTML reader could not turn into a tree. The reader accepts
    any text, so this is a bug in postlint; the finding keeps it visible instead of silently skipping the
    image, caption, ad and link checks for the file.

    ## Why is this bad?
    Every body rule was skipped for this post.

    ## Options
    None.
    """

    code = "PL014"
    name = "body-unparsable"
    severity = Severity.ERROR
    requires = Requirement.TEXT

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        _ = post.html  # parse now, so a failure is recorded whatever the rule order
        return list(load_issues(post, "body-unparsed"))
