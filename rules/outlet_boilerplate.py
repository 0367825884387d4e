"""PL502 outlet-boilerplate."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, Severity
from postlint.helpers import CompiledTexts, PackOptions, builtin_packs, compile_texts, find_remnants


class OutletBoilerplate(Rule[PackOptions]):
    """The source outlet's site furniture (copyright and reprint notices, promos, "read more" boxes) was copied in.

    ## What it does
    Finds outlet furniture by its markup and by its words, with the boilerplate packs in `rules/adpacks/`
    (kind `boilerplate`):
    - CSS selectors: RFI `o-self-promo` blocks, the Reuters trust badge, BBC "most read" and
      related-content lists, newsletter slots, consent banners;
    - text patterns, in Chinese (simplified and traditional), English and Japanese: copyright and
      "no reprint without permission" notices (`版权所有`, `未经授权不得转载`, `© 2020 Reuters`,
      `All rights reserved`, `無断転載`), feed aggregators' promo footers, related-stories boxes
      (`相关阅读`, `延伸閱讀`, `Read more:`, `関連記事`), the fallback text of media players that are gone
      (`Your browser does not support…`, `你的器材不支持播放多媒体材料`), follow-us and QR-code blocks
      (`扫码关注`, `关注我们的微信公众号`), and outlets' own (DW, CNA, Reuters...).

    A text pattern marks the smallest block (a paragraph, a list item, a `div`, a Markdown paragraph) whose
    whole text is the boilerplate, so prose that mentions the words is left alone, and so is code. The
    finding spans the whole block a fix would remove (a related-stories label with the list after it); the
    outermost block that holds nothing else is reported once.

    ## Why is this bad?
    It is not part of the article: it claims another site's rights over the post, advertises another site's
    app, newsletter or accounts, links to that site's other stories, or tells readers a player that is no
    longer there cannot play.

    ## Options
    - `packs`, `disable-packs`: which shipped boilerplate packs to use (default all).
    - `extra-packs`, `extra-selectors`: your own, as for `ad-remnant`; a pack may hold `texts`:
      `{pattern = "^Follow us on", note = "our old footer", max-length = 200, links = false}`.
    """

    code = "PL502"
    name = "outlet-boilerplate"
    severity = Severity.WARNING
    Options = PackOptions

    def __init__(self, options: PackOptions | None = None) -> None:
        super().__init__(options)
        package = __package__ or "postlint_rules"
        self.selectors = self.options.compile(package, "boilerplate")
        packs = [*builtin_packs(package), *self.options.extra_packs]
        self.texts: CompiledTexts = compile_texts(packs, "boilerplate", self.options.packs, self.options.disable_packs)

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        text = post.text or ""
        reported: list[tuple[int, int]] = []
        for element in find_remnants(html, self.selectors, frozenset(), post.memo, "boilerplate"):
            start, tag_end = html.start_tag(element)
            end = html.span(element)[1]
            reported.append((start, end))
            label = self.selectors.label(element)
            yield Problem(
                f"outlet boilerplate <{element.tag}> ({label}): not part of the article",
                start,
                end,
                snippet=text[start:tag_end],
            )
        for match in self.texts.matches(text, post.body_start, html, post.is_markdown, post.code_regions):
            if any(start <= match.start < end for start, end in reported):
                continue  # inside a block that a selector already reported
            reported.append((match.start, match.end))
            what = f"<{match.element.tag}>" if match.element is not None else "paragraph"
            shown = match.text if len(match.text) <= 60 else match.text[:57] + "..."
            yield Problem(
                f"outlet boilerplate {what} '{shown}' ({match.label}): not part of the article",
                match.start,
                match.end,
                snippet=match.text[:120],
            )
