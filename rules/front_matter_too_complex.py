"""PL012 front-matter-too-complex."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FrontMatterTooComplex(Rule[RuleOptions]):
    """The front matter holds too many values (often through YAML aliases: an alias bomb) and was not read.

    ## What it does
    Reports YAML front matter that holds more than 20,000 values, counting each value an alias repeats.
    postlint measures the expansion without performing it, so such a block costs bounded time and memory.

    ## Why is this bad?
    "Billion laughs" blocks make site generators and other tools run out of memory, and no post needs
    tens of thousands of keys: a block that size is an import that went wrong.

    ## Options
    None.
    """

    code = "PL012"
    name = "front-matter-too-complex"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "front-matter-too-complex")
