"""PL102 front-matter-invalid-value."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import schema_errors


class FrontMatterInvalidValue(Rule[RuleOptions]):
    """A front-matter value has the wrong type or breaks a constraint of the schema.

    ## What it does
    Checks each front-matter value against the effective schema: its type (text, number, boolean, date,
    URL, list of text, ...), allowed values, pattern and length. Each problem is reported at the value,
    saying which key, what was expected and what was found.

    ## Why is this bad?
    A `tags: news` string where a list is expected, a `published: "no"` string that is truthy, or a
    `from:` that is not a URL all build without an error and then break layouts, feeds and archives.

    A date-typed value is read with the date rules' parser; when `date-invalid` (PL201) runs too, it
    reports an unreadable date alone (one problem, one finding).

    ## Options
    None: types and constraints are set by the profile and `[tool.postlint.front-matter.fields.<key>]`.
    """

    code = "PL102"
    name = "front-matter-invalid-value"
    severity = Severity.ERROR
    requires = Requirement.FRONT_MATTER

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        front = post.front_matter
        assert front is not None
        for error in schema_errors(post, context):
            if error.kind == "missing":
                continue
            span = front.span(*error.path)
            start, end = (span.value_start, span.value_end) if span else front.open_fence
            yield Problem(error.message, start, end, snippet=".".join(map(str, error.path)))
