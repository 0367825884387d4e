"""PL017 front-matter-is-code."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterIsCode(Rule[RuleOptions]):
    """The front matter is a program (Eleventy's `---js`), which postlint does not run, so it was not checked.

    ## What it does
    Reports, at the opening fence, front matter that the site's generator runs as code to get the post's
    data: `---js` or `---javascript` on an Eleventy site. postlint never runs code from a post, so none of
    the front-matter and date rules could look at this post's title, date or other keys.

    ## Why is this bad?
    Nothing is wrong for the generator, but the post is not linted: a wrong date, a missing title or a
    typo in a key goes unnoticed here, and a post that runs code when the site is built runs whatever
    anyone who can edit the post writes. Plain data (`---` YAML or `---json`) can be checked.

    ## Options
    None.
    """

    code = "PL017"
    name = "front-matter-is-code"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "front-matter-code")
