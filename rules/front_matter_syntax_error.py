"""PL009 front-matter-syntax-error."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterSyntaxError(Rule[RuleOptions]):
    """The front matter is not valid YAML or TOML; the finding points where the parser stopped.

    ## What it does
    Reports a YAML or TOML syntax error in the front matter, at the parser's line and column.

    ## Why is this bad?
    Jekyll logs an error and publishes the post without its front matter (no layout, title or date);
    Hugo stops the build.

    ## Options
    None.
    """

    code = "PL009"
    name = "front-matter-syntax-error"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "front-matter-syntax")
