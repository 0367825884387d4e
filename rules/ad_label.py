"""PL505 ad-label."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Element, HtmlBody, Post, Problem, Rule, Severity
from postlint.helpers import PackChoice, compile_packs, element_text, find_remnants, fold_text, in_code

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
    "スポンサーリンク",
    "Werbung",
    # Russian, Vietnamese, Portuguese, Dutch, Polish, Turkish, Indonesian, Thai (round 7)
    "Реклама",
    "Quảng cáo",
    "Publicidade",
    "Advertentie",
    "Reklama",
    "Reklam",
    "Iklan",
    "โฆษณา",
    "Annonce",
    "Mainos",
    "Story continues below advertisement",
    "Continue reading the main story",
    "Advertisement - scroll to continue",
    "Advertisement - continue reading below",
    "AD",
    "广告 继续阅读",
    "廣告 繼續閱讀",
    "廣告 請繼續往下閱讀",
)
_BLOCKS = frozenset("p div span section aside strong em b i small h1 h2 h3 h4 h5 h6 li td center font".split())


class AdLabelOptions(PackChoice):
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
    - `packs`, `disable-packs` (lists of pack names), `extra-packs` (your own packs, as for `ad-remnant`):
      which packs mark the ad remnants whose labels are left to `ad-remnant` (default: every shipped ad pack).
    """

    code = "PL505"
    name = "ad-label"
    severity = Severity.WARNING
    Options = AdLabelOptions

    def __init__(self, options: AdLabelOptions | None = None) -> None:
        super().__init__(options)
        self.labels = frozenset(fold_text(label) for label in self.options.labels)
        self.ad_selectors = compile_packs(
            self.options.chosen_packs(__package__ or "postlint_rules", "ad"), "ad", None, ()
        )
        self._lowered = frozenset(label.lower() for label in self.options.labels)
        self._longest = max((len(label) for label in self.options.labels), default=0)

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        # Labels stand alone, so only short texts need a look: elements with a few characters of text and
        # no children, and Markdown lines that are a label once their emphasis and quote marks are gone.
        # (A search of the whole body for the label words cost more than both, and missed spaced-out or
        # entity-spelled labels.)
        if not self.labels:
            return
        yield from self._elements(post)
        if post.is_markdown:
            yield from self._lines(post)

    def _elements(self, post: Post) -> Iterator[Problem]:
        html = post.html
        limit = self._longest + 4
        remnants: set[Element] | None = None  # computed only when a label is found (most posts have none)
        for tag in _BLOCKS:
            for element in html.iter(tag):
                if len(element):  # counting children is cheaper than building the text of a paragraph
                    continue
                text = element.text
                if not text:
                    continue
                if len(text) > limit:
                    text = text.strip()
                    if len(text) > limit:
                        continue
                if fold_text(text) not in self.labels:
                    continue
                if remnants is None:
                    remnants = set(find_remnants(html, self.ad_selectors, frozenset(), post.memo, "ad-label"))
                if any(ancestor in remnants for ancestor in (element, *element.iterancestors())):
                    continue
                label = element_text(element, html)
                element = _outermost(html, element, fold_text(text))
                start, end = html.span(element)
                yield Problem(f"'{label}' label stands alone: the ad it announced is gone", start, end)

    def _lines(self, post: Post) -> Iterator[Problem]:
        # A line that is only a label, perhaps emphasised, quoted or a heading: "**Advertisement**".
        limit = self._longest + 40
        code = post.code_regions
        offset = 0
        for line in post.body.split("\n"):
            line_start = offset
            offset += len(line) + 1
            if not line or len(line) > limit:
                continue
            right = (line[:-1] if line.endswith("\r") else line).rstrip(" \t*_")
            label = right.lstrip(" \t>*_#")
            if label.lower() not in self._lowered:
                # Dashes and other marks around it ("— Advertisement —", "【广告】"): compared folded, and the
                # finding starts where the line's text does.
                if fold_text(label) not in self.labels:
                    continue
                right = right.strip()
                label = right.lstrip(" \t>#")
            start = line_start + len(right) - len(label)
            if code and in_code(post, start):
                continue
            begin = post.body_start + start
            yield Problem(f"'{label}' label stands alone: the ad it announced is gone", begin, begin + len(label))


def _outermost(html: HtmlBody, element: Element, folded: str) -> Element:
    """The outermost wrapper of ``element`` whose whole text is the same label (`<p><small>- 廣告 -</small></p>`
    is the paragraph a reader sees and a fix removes, not the small print inside it)."""
    current = element
    parent = current.getparent()
    while parent is not None and parent.tag in _BLOCKS and fold_text(element_text(parent, html)) == folded:
        current, parent = parent, parent.getparent()
    return current
