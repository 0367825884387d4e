"""PL502 outlet-boilerplate."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, PackOptions, Post, Problem, Rule, Severity, find_remnants


class OutletBoilerplate(Rule[PackOptions]):
    """The source outlet's site furniture (self-promotion, trust badges, "most read" lists) was copied in.

    ## What it does
    Finds elements matched by the boilerplate packs in `rules/adpacks/` (kind `boilerplate`): RFI
    `o-self-promo` blocks, the Reuters trust badge, BBC "most read" and related-content lists, newsletter
    slots, consent banners. The outermost such block is reported once.

    ## Why is this bad?
    It is not part of the article: it advertises another site's app or newsletter, links to that site's
    other stories, and makes imported posts look broken without the outlet's scripts and styles.

    ## Options
    - `packs`, `disable-packs`: which shipped boilerplate packs to use (default all).
    - `extra-packs`, `extra-selectors`: your own, as for `ad-remnant`.
    """

    code = "PL502"
    name = "outlet-boilerplate"
    severity = Severity.WARNING
    Options = PackOptions

    def __init__(self, options: PackOptions | None = None) -> None:
        super().__init__(options)
        self.selectors = self.options.compile(__package__ or "postlint_rules", "boilerplate")

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for element in find_remnants(html, self.selectors, frozenset(), post.memo, "boilerplate"):
            start, tag_end = html.start_tags[element]
            label = self.selectors.label(element)
            yield Problem(f"outlet boilerplate <{element.tag}> ({label}): not part of the article", start, tag_end)
