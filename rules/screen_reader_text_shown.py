"""PL506 screen-reader-text-shown."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import element_text, fold_text

#: Class names that sites give to text meant only for screen readers, hidden by the site's own CSS
#: (BBC's `off-screen`, Bootstrap's `sr-only` / `visually-hidden`, WordPress's `screen-reader-text`, Drupal's
#: `element-invisible`).
CLASSES = (
    "off-screen",
    "offscreen",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screen-reader-only",
    "element-invisible",
    "u-visually-hidden",
    "is-visually-hidden",
)
#: A hidden label that, shown, reads as the credit line it stands before ("图片版权 EPA", "Image copyright
#: Getty Images"): the reader sees an ordinary credit, so it is left alone.
_CREDIT_LABELS = tuple(
    folded
    for folded in (
        fold_text(label)
        for label in (
            "图片版权",
            "圖片版權",
            "图片来源",
            "圖片來源",
            "版权",
            "版權",
            "Image copyright",
            "Image source",
            "Photo credit",
            "Copyright",
        )
    )
    if folded
)
#: Where hidden text is not shown anyway, or is code.
_QUIET = ("script", "style", "template", "noscript", "pre", "code", "textarea")


class ScreenReaderOptions(RuleOptions):
    #: The class names whose text the source site hid and this site shows (compared ignoring case).
    classes: tuple[str, ...] = CLASSES


class ScreenReaderTextShown(Rule[ScreenReaderOptions]):
    """Text the source site hid for screen readers ("Image caption", "Skip Twitter post") shows on the page.

    ## What it does
    Reports an element whose class marks it as text for screen readers only (`off-screen`, `sr-only`,
    `visually-hidden`, `screen-reader-text`, `element-invisible`, ...) and that holds text: BBC's
    `<span class="off-screen">Image caption</span>` before every caption, the "跳过 Twitter 帖子" /
    "结尾 Twitter 帖子" (skip / end of Twitter post) labels around an embedded post. The outermost such element
    is reported once.

    Also reported: an element hidden with `aria-hidden="true"` whose id names a region (`aria-labelledby`),
    BBC's `<strong id="article-byline" aria-hidden="true">Article Information</strong>` over the byline: a label
    that exists only for screen readers (which read it through the reference) and that the site hides from
    sight; the importer dropped its class.

    Left alone: a class the site's own stylesheets style (a `.sr-only` rule in its CSS, Sass or Less: the site
    hides that text too), an empty one (nothing shows), one inside code, a script or a `<noscript>`, and a hidden credit
    label ("图片版权", "Image copyright", "©") that stands before the credit it introduces: shown, it reads as
    an ordinary credit line ("图片版权 EPA").

    ## Why is this bad?
    The source site hides these words with its own CSS; they came along with the article, the CSS did not.
    Every reader sees them: an English "Image caption" in front of each Chinese caption, navigation labels
    for a screen reader in the middle of the text.

    ## Options
    - `classes` (list of strings): the class names that hide text on the source site. If your theme's CSS
      defines one of them too (Bootstrap's `sr-only` or `visually-hidden`, WordPress's `screen-reader-text`),
      leave it out: the text is hidden on your site as well.
    """

    code = "PL506"
    name = "screen-reader-text-shown"
    severity = Severity.WARNING
    Options = ScreenReaderOptions

    def __init__(self, options: ScreenReaderOptions | None = None) -> None:
        super().__init__(options)
        self.classes = frozenset(name.lower() for name in self.options.classes)

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        attributes = html.attribute_text
        by_class = bool(self.classes) and "class=" in attributes and any(name in attributes for name in self.classes)
        by_label = "aria-labelledby=" in attributes and "aria-hidden=true" in attributes
        if not by_class and not by_label:
            return  # (a substring test on every attribute at once: most posts have none of these)
        styled = context.site.styled_classes  # classes the site's own CSS hides: its text stays hidden
        labels = _region_labels(html.elements) if by_label else set()
        reported: set[Element] = set()
        for element in html.elements:
            if element not in html.start_tags:
                continue
            hidden = self._hidden(element, styled) if by_class else None
            label = element in labels
            if hidden is None and not label:
                continue
            if any(ancestor in reported for ancestor in element.iterancestors()):
                continue
            if next(element.iterancestors(*_QUIET), None) is not None or element.tag in _QUIET:
                continue
            text = element_text(element, html)
            if not text:
                continue
            folded = fold_text(text)
            if not folded or folded.startswith(_CREDIT_LABELS) or text.lstrip().startswith("©"):
                continue
            reported.add(element)
            start, end = html.span(element)
            shown = text if len(text) <= 60 else text[:57] + "..."
            why = f"(class '{hidden}')" if hidden else "(the aria-hidden label that names a region for screen readers)"
            yield Problem(
                f"'{shown}' is text the source site hid for screen readers {why}: without that site's CSS every"
                " reader sees it",
                start,
                end,
            )

    def _hidden(self, element: Element, styled: frozenset[str]) -> str | None:
        """The screen-reader class ``element`` carries that the site's own stylesheets do not style, or ``None``."""
        value = element.get("class")
        if not value:
            return None
        return next(
            (name for name in value.split() if name.lower() in self.classes and name.lower() not in styled), None
        )


def _region_labels(elements: list[Element]) -> set[Element]:
    """Elements hidden with `aria-hidden="true"` whose id names a region (`aria-labelledby`): a label that exists
    only for screen readers, which read it through the reference (BBC's "Article Information"); the site hides it
    from sight with its CSS too."""
    ids: set[str] = set()
    for element in elements:
        ids.update((element.get("aria-labelledby") or "").split())
    return {
        element
        for element in elements
        if (element.get("aria-hidden") or "").strip().lower() == "true" and element.get("id") in ids
    }
