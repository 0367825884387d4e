"""PL101 front-matter-missing-key."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import schema_errors


class FrontMatterMissingKey(Rule[RuleOptions]):
    """A key that the schema requires is missing from the front matter.

    ## What it does
    Checks the front matter against the effective schema (the `profile`, refined by
    `[tool.postlint.front-matter]` in config or replaced by your own pydantic model) and reports each
    required key that is absent. The finding points at the opening `---` fence.

    ## Why is this bad?
    Layouts, feeds and archives read these keys: a post without a `title` or `date` renders with a blank
    heading, sorts wrongly or drops out of the feed, and nothing in the build says so.

    ## Options
    None: which keys are required is set by the profile and `front-matter.fields.<key>.required`.
    """

    code = "PL101"
    name = "front-matter-missing-key"
    severity = Severity.ERROR
    requires = Requirement.FRONT_MATTER

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        assert post.front_matter is not None
        fence_start, fence_end = post.front_matter.open_fence
        for error in schema_errors(post, context):
            if error.kind == "missing":
                yield Problem(error.message, fence_start, fence_end, snippet=".".join(map(str, error.path)))
