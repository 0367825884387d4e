"""PL008 front-matter-unterminated."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterUnterminated(Rule[RuleOptions]):
    """The front matter is opened with `---` or `+++` but never closed.

    ## What it does
    Reports an opening fence with no closing fence after it.

    ## Why is this bad?
    The generator reads the whole file as front matter: the build fails or the post has no body.

    ## Options
    None.
    """

    code = "PL008"
    name = "front-matter-unterminated"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "front-matter-unterminated")
