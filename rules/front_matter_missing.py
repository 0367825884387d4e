"""PL007 front-matter-missing."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterMissing(Rule[RuleOptions]):
    """The file has no front matter, so Jekyll and Hugo do not treat it as a post.

    ## What it does
    Reports a file whose first non-blank line is not a `---` (YAML) or `+++` (TOML) fence.

    ## Why is this bad?
    Without front matter Jekyll copies the file verbatim instead of rendering it as a post, and Hugo
    gives it no title or date: the post silently disappears from the site's lists.

    ## Options
    None.
    """

    code = "PL007"
    name = "front-matter-missing"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "front-matter-missing")
