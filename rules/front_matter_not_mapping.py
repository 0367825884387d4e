"""PL010 front-matter-not-mapping."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterNotMapping(Rule[RuleOptions]):
    """The front matter parses, but to a list or a single value instead of a mapping of keys.

    ## What it does
    Reports front matter that is valid YAML or TOML but not a mapping (`key: value` pairs).

    ## Why is this bad?
    The generator ignores front matter that is not a mapping, so the post loses its title, date and layout.

    ## Options
    None.
    """

    code = "PL010"
    name = "front-matter-not-mapping"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "front-matter-not-mapping")
