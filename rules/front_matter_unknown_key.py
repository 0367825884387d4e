"""PL103 front-matter-unknown-key."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity


class FrontMatterUnknownKey(Rule[RuleOptions]):
    """A front-matter key is not declared by the schema (reported only when config asks for it).

    ## What it does
    With `[tool.postlint.front-matter] unknown-keys = "warning"` or `"error"`, reports every top-level key
    that the schema does not declare and that `known-keys` does not list, at that severity. With the
    default, `"allow"`, the rule is off. Near misses of known keys are left to `front-matter-key-typo`,
    which suggests the right spelling.

    ## Why is this bad?
    In an archive with a fixed schema, an unexpected key is data that no layout reads: a leftover from an
    importer, or a key that belongs in another place.

    ## Options
    None here: the severity comes from `front-matter.unknown-keys`.
    """

    code = "PL103"
    name = "front-matter-unknown-key"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    severity_from_config = "front-matter.unknown-keys"

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        front = post.front_matter
        assert front is not None and context.schema is not None
        for key in front.data:
            if key in context.schema.known or key == "postlint" or context.schema.suggest(key) is not None:
                continue
            span = front.span(key)
            start, end = (span.key_start, span.key_end) if span else front.open_fence
            yield Problem(f"key '{key}' is not in the {context.schema.profile} schema", start, end, snippet=key)
