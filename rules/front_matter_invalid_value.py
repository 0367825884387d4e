"""PL102 front-matter-invalid-value."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity, schema_errors


class FrontMatterInvalidValue(Rule[RuleOptions]):
    """A front-matter value has the wrong type or breaks a constraint of the schema.

    ## What it does
    Checks each front-matter value against the effective schema: its type (text, number, boolean, date,
    URL, list of text, ...), allowed values, pattern and length. Each problem is reported at the value,
    saying which key, what was expected and what was found.

    ## Why is this bad?
    A `tags: news` string where a list is expected, a `published: "no"` string that is truthy, or a
    `from:` that is not a URL all build without an error and then break layouts, feeds and archives.

    Whether a date-typed value is a readable date is reported by `date-invalid` (PL201), which reads
    dates with the same parser; this rule reports, for instance, a date alone where a date-time is asked.

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
            if error.kind in ("missing", "date_invalid"):
                continue  # a missing key is PL101's; a date that cannot be read is PL201's (one finding)
            span = front.span(*error.path)
            start, end = (span.value_start, span.value_end) if span else front.open_fence
            yield Problem(error.message, start, end, snippet=".".join(map(str, error.path)))
