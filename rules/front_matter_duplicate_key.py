"""PL011 front-matter-duplicate-key."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterDuplicateKey(Rule[RuleOptions]):
    """A front-matter key appears twice; the second one is reported.

    ## What it does
    Reports the second and later occurrences of a key in the same front-matter mapping.

    ## Why is this bad?
    YAML keeps only the last value and silently drops the earlier one, so data is lost without a word
    (TOML refuses the whole block).

    ## Options
    None.
    """

    code = "PL011"
    name = "front-matter-duplicate-key"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "duplicate-key")
