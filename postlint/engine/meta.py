"""postlint's own diagnostics (PL9xx): they are about the run, not about a post, so the engine emits them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from postlint.core.model import Severity
from postlint.engine.contract import Context, Problem, Requirement, Rule, RuleOptions
from postlint.reading.post import Post


class UnusedSuppression(Rule[RuleOptions]):
    """A suppression comment or front-matter `postlint.disable` entry silences nothing.

    ## What it does
    Reports a `postlint-disable`, `postlint-disable-next-line` or `postlint-disable-file` comment, or an
    entry of the front-matter key `postlint: {disable: [...]}`, that did not silence any finding, and codes
    that name no rule.

    ## Why is this bad?
    A stale suppression hides the next real problem of that kind at that place, and a misspelt code
    suppresses nothing while looking as if it did.

    ## Options
    None.
    """

    code = "PL901"
    name = "unused-suppression"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return ()  # emitted by the engine after all other rules ran


class RuleCrashed(Rule[RuleOptions]):
    """A rule raised an error on this post; the other rules still ran.

    ## What it does
    Reports that a rule failed with an exception on this post, naming the rule and the error, so the run
    goes on and the failure is visible instead of silently losing that rule's findings.

    ## Why is this bad?
    The crashed rule's checks did not happen for this file. It is a bug in the rule (please report it with
    the file), not in your post.

    ## Options
    None.
    """

    code = "PL902"
    name = "rule-crashed"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return ()  # emitted by the engine


META_RULES: list[type[Rule[Any]]] = [UnusedSuppression, RuleCrashed]
