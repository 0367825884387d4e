"""PL809 figure-caption-habit."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import FIGURES


class FigureCaptionHabitOptions(RuleOptions):
    #: How many figures the rest of the group must have before its habit counts.
    min_figures: int = 10
    #: The share of the group's other figures that must have a caption (0 to 1).
    min_share: float = 0.95


class FigureCaptionHabit(SiteRule[FigureCaptionHabitOptions]):
    """A figure has no caption, where the figures of the same group in the archive (nearly) all have one.

    ## What it does
    Learns, from the whole archive, whether each group's figures carry a caption: a group is the post's
    first category (an outlet's feed: `aljazeera`, `nyt`), else the host of its source URL. A post none of
    whose figures has a caption is reported, figure by figure, when the other figures of its group have
    one at least `min-share` of the time (default 95%) over at least `min-figures` of them (default 10).
    The message says how strong the habit is ("42 of 42 other figures of category aljazeera have one").

    It complements `figure-missing-caption` (PL401), which judges one post by its own other figures and so
    cannot see the single-figure post whose caption was lost; a post with a captioned figure is left to it.
    Groups that seldom caption (a blog that does not, an outlet that never does) report nothing.

    ## Why is this bad?
    When every other photo of an outlet has its caption, a photo without one lost it on the way (the
    importer dropped the `<figcaption>` or moved it away), and the reader no longer learns what it shows or
    whose it is.

    ## Options
    - `min-figures` (int, default 10): the least number of other figures in the group.
    - `min-share` (float, default 0.95): the least share of them that must be captioned.
    """

    code = "PL809"
    name = "figure-caption-habit"
    severity = Severity.WARNING
    Options = FigureCaptionHabitOptions
    needs = frozenset({FIGURES})

    _habits: tuple[SiteIndex, dict[str, tuple[int, int]]] | None = None

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        figures = page.figures
        if figures is None or figures.captioned or not figures.uncaptioned:
            return
        captioned, total = self._counts(site).get(figures.group, (0, 0))
        others = total - len(figures.uncaptioned)  # this page adds no captioned figure
        if others < max(1, self.options.min_figures) or captioned < self.options.min_share * others:
            return
        for place in figures.uncaptioned:
            yield SiteProblem(
                f"figure has no caption, though {captioned} of {others} other figures of {figures.group} in the"
                " archive have one: its caption was probably lost on import",
                place,
                f"figure habit {figures.group}"[:200],
            )

    def _counts(self, site: SiteIndex) -> dict[str, tuple[int, int]]:
        """Captioned and all figures per group, counted once per site."""
        cached = self._habits
        if cached is not None and cached[0] is site:
            return cached[1]
        counts: dict[str, tuple[int, int]] = {}
        for page in site.pages:
            facts = page.figures
            if facts is None:
                continue
            captioned, total = counts.get(facts.group, (0, 0))
            counts[facts.group] = (captioned + facts.captioned, total + facts.captioned + len(facts.uncaptioned))
        self._habits = (site, counts)
        return counts
