"""PL007 front-matter-missing."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterMissing(Rule[RuleOptions]):
    """The file has no front matter, so the generator reads no title, date or layout from it.

    ## What it does
    Reports a file whose first non-blank line is not a `---` (YAML) or `+++` (TOML) fence.

    ## Why is this bad?
    Without front matter Jekyll copies a page outside `_posts` verbatim instead of rendering it (a file in
    `_posts` is rendered, with only the title and date its file name gives), and Hugo renders the page with an
    empty title and the zero date, so it sorts last or vanishes from the site's dated lists.

    ## Options
    None.
    """

    code = "PL007"
    name = "front-matter-missing"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "front-matter-missing")
