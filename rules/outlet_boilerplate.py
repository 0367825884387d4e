"""PL502 outlet-boilerplate."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import (
    Context,
    Post,
    Problem,
    Rule,
    RuleOptions,
    Selector,
    SelectorPack,
    Severity,
    builtin_packs,
    compile_packs,
    find_remnants,
)


class OutletBoilerplateOptions(RuleOptions):
    packs: tuple[str, ...] | None = None
    disable_packs: tuple[str, ...] = ()
    extra_packs: tuple[SelectorPack, ...] = ()
    extra_selectors: tuple[Selector, ...] = ()


class OutletBoilerplate(Rule[OutletBoilerplateOptions]):
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
    Options = OutletBoilerplateOptions

    def __init__(self, options: OutletBoilerplateOptions | None = None) -> None:
        super().__init__(options)
        packs = [*builtin_packs(__package__ or "postlint_rules"), *self.options.extra_packs]
        self.selectors = compile_packs(
            packs, "boilerplate", self.options.packs, self.options.disable_packs, self.options.extra_selectors
        )

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for element in find_remnants(html, self.selectors, frozenset(), post.memo, "boilerplate"):
            start, tag_end = html.start_tags[element]
            label = self.selectors.label(element)
            yield Problem(f"outlet boilerplate <{element.tag}> ({label}): not part of the article", start, tag_end)
