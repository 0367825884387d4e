"""PL703 html-malformed-attribute."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class HtmlMalformedAttribute(Rule[RuleOptions]):
    """A start tag holds text that is not an attribute (`width="1024" "576"/>`).

    ## What it does
    Reports characters in a start tag that do not form a `name`, `name=value`, `name="value"` or
    `name='value'` attribute: stray quoted values, unbalanced quotes and similar debris.

    ## Why is this bad?
    Browsers drop or misread the debris, and often the attributes after it: the image loses its height,
    the link its target. It is a sign that an attribute value was cut or mangled during extraction.

    ## Options
    None.
    """

    code = "PL703"
    name = "html-malformed-attribute"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for issue in post.html.issues:
            if issue.kind == "malformed-attribute":
                yield Problem(
                    f"<{issue.tag}> has malformed attribute text '{issue.detail[:60]}'", issue.start, issue.end
                )
