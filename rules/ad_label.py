"""PL505 ad-label."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import (
    Context,
    Element,
    Post,
    Problem,
    Rule,
    RuleOptions,
    Severity,
    builtin_packs,
    compile_packs,
    element_text,
    find_remnants,
    fold_text,
)

LABELS = (
    "Advertisement",
    "Advertisements",
    "Advertising",
    "Sponsored",
    "Sponsored content",
    "Anzeige",
    "Publicité",
    "Publicidad",
    "Pubblicità",
    "广告",
    "廣告",
    "推广",
    "推廣",
    "赞助",
    "贊助",
    "広告",
    "광고",
)
_BLOCKS = frozenset("p div span section aside strong em b i small h1 h2 h3 h4 h5 h6 li td center font".split())


class AdLabelOptions(RuleOptions):
    #: Texts that, standing alone, label an ad slot.
    labels: tuple[str, ...] = LABELS


class AdLabel(Rule[AdLabelOptions]):
    """An "Advertisement" / "广告" / "Sponsored" label stands alone where an ad used to be.

    ## What it does
    Reports an element (a paragraph, div, span, heading, ...) whose whole text is an ad label in one of
    several languages, and lines of a Markdown body that consist of such a label. Labels inside an ad
    remnant that `ad-remnant` reports are left to that rule.

    ## Why is this bad?
    The ad is gone, but its label stays in the middle of the article and reads as if the next paragraph
    were sponsored.

    ## Options
    - `labels` (list of strings): the label texts (compared ignoring case, spaces and punctuation).
    """

    code = "PL505"
    name = "ad-label"
    severity = Severity.WARNING
    Options = AdLabelOptions

    def __init__(self, options: AdLabelOptions | None = None) -> None:
        super().__init__(options)
        self.labels = frozenset(fold_text(label) for label in self.options.labels)
        self.ad_selectors = compile_packs(builtin_packs(__package__ or "postlint_rules"), "ad", None, ())
        pattern = "|".join(re.escape(label) for label in self.options.labels)
        # One search for any label (labels that contain another, like "Sponsored content", add nothing).
        lowered = {label.lower() for label in self.options.labels if label}
        minimal = sorted(label for label in lowered if not any(other != label and other in label for other in lowered))
        self._any_label = re.compile("|".join(re.escape(label) for label in minimal)) if minimal else None
        self._longest = max((len(label) for label in self.options.labels), default=0)
        # A Markdown line that is only a label, perhaps emphasised or quoted: "**Advertisement**".
        self._label_line = re.compile(rf"^[ \t>*_#]*({pattern})[ \t*_]*\r?$", re.M | re.I) if pattern else None

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        body = post.body
        # A search of the lower-cased body first: a case-insensitive regex over every body costs seconds on
        # an archive, and most posts hold no label at all.
        if self._any_label is None or self._any_label.search(post.lowered_body) is None:
            return
        html = post.html
        remnants: set[Element] | None = None  # computed only when a label is found (most posts have none)
        for element in html.elements:
            text = (element.text or "").strip()
            if not text or len(element) or len(text) > self._longest + 4 or element.tag not in _BLOCKS:
                continue
            if fold_text(text) not in self.labels:
                continue
            if remnants is None:
                remnants = set(find_remnants(html, self.ad_selectors, frozenset(), post.memo, "ad-remnant:default"))
            if any(ancestor in remnants for ancestor in (element, *element.iterancestors())):
                continue
            start, end = html.span(element)
            yield Problem(f"'{element_text(element)}' label stands alone: the ad it announced is gone", start, end)
        if post.is_markdown and self._label_line is not None:
            code = post.code_regions
            for match in self._label_line.finditer(body):
                label = match.group(1)
                if fold_text(label) not in self.labels:
                    continue
                if any(begin <= match.start(1) < end for begin, end in code):
                    continue
                begin = post.body_start + match.start(1)
                yield Problem(f"'{label}' label stands alone: the ad it announced is gone", begin, begin + len(label))
