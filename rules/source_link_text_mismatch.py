"""PL603 source-link-text-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import SOURCE_LABELS, attribution_links, fold_text


class SourceLinkTextMismatch(Rule[RuleOptions]):
    """The heading link the importer wrote over the article does not carry the post's title.

    ## What it does
    Compares the text of the attribution link that makes up a heading (the `[title](url)` + `------`
    header importers write) with the front-matter `title`, ignoring case, white space, punctuation and
    full-width forms, and reports it when they differ.

    ## Why is this bad?
    The header and the title describe different articles: the post was re-titled after import, or the
    importer paired the wrong link with the wrong item.

    ## Options
    None.
    """

    code = "PL603"
    name = "source-link-text-mismatch"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        title = post.data.get("title")
        if not isinstance(title, str) or not title.strip():
            return
        # The default labels, so the links found for source-link-mismatch are reused.
        for link in attribution_links(post, SOURCE_LABELS):
            if link.why != "heading link":
                continue
            if link.text.strip() and fold_text(link.text) != fold_text(title):
                yield Problem(
                    f"heading link text '{link.text.strip()[:80]}' differs from the title '{title.strip()[:80]}'",
                    link.start,
                    link.end,
                )
