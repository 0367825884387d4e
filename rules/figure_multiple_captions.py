"""PL403 figure-multiple-captions."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class FigureMultipleCaptions(Rule[RuleOptions]):
    """A `<figure>` has more than one `<figcaption>`.

    ## What it does
    Reports each `<figcaption>` after the first that belongs to the same `<figure>`.

    ## Why is this bad?
    HTML allows one caption per figure; assistive technology announces only one of them, and two captions
    usually mean two figures were merged by an extractor.

    ## Options
    None.
    """

    code = "PL403"
    name = "figure-multiple-captions"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for figure in html.iter("figure"):
            captions = [c for c in figure.iter("figcaption") if next(c.iterancestors("figure"), None) is figure]
            for extra in captions[1:]:
                start, end = html.start_tag(extra)
                yield Problem(f"figure has {len(captions)} figcaptions; only one is allowed", start, end)
