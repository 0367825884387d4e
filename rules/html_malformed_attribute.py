"""PL703 html-malformed-attribute."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class HtmlMalformedAttribute(Rule[RuleOptions]):
    """A start tag holds text that is not an attribute (`width="1024" "576"/>`).

    ## What it does
    Reports what a browser reads as an attribute but no one writes on purpose: stray quoted values,
    a name holding a quote or `<` or starting with `=` (debris of a cut value), control characters or
    symbols such as `cla④s`. Also reports a tag that the end of the body cuts off (`<img alt="a` with no
    closing quote or `>`): browsers drop it and everything after it.

    ## Why is this bad?
    Browsers drop or misread the debris, and often the attributes after it: the image loses its height,
    the link its target. It is a sign that an attribute value was cut or mangled during extraction. A tag
    that never ends hides the rest of the post.

    ## Options
    None.
    """

    code = "PL703"
    name = "html-malformed-attribute"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for issue in post.html.issues:
            if issue.kind == "malformed-attribute":
                # The tag name is cut too: one tag (a megabyte-long name) may hold thousands of these.
                yield Problem(
                    f"<{issue.tag[:60]}> has malformed attribute text '{issue.detail[:60]}'", issue.start, issue.end
                )
            elif issue.kind == "unterminated-tag":
                slash = issue.detail
                yield Problem(
                    f"<{slash}{issue.tag}> never ends (no closing quote or '>'): browsers drop it and the rest "
                    "of the body",
                    issue.start,
                    issue.end,
                )
