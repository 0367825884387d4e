"""PL806 title-date-duplicate."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import TITLE


class TitleDateDuplicate(SiteRule[RuleOptions]):
    """Two posts have the same title and the same day.

    ## What it does
    Compares the `title` (ignoring case and runs of white space) and the day of the `date` (as written,
    else from the file name) of every post of the site. Every post but the earliest (by date and time,
    then path) is reported, naming the earliest; the earliest is left alone.

    ## Why is this bad?
    Two posts with one title on one day are almost always one article imported twice (from two feeds, or
    with two source URLs), which a source-URL comparison (PL805) does not catch.

    Off by default: translations of a post and some series ("Weekly links") keep one title on one day.

    ## Options
    None.
    """

    code = "PL806"
    name = "title-date-duplicate"
    severity = Severity.WARNING
    enabled_by_default = False
    needs = frozenset({TITLE})

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        if page.title is None or page.date is None or page.title_place is None:
            return
        group = site.by_title_day.get((page.title, page.date[:10]), [])
        if len(group) < 2 or group[0].path == page.path:
            return
        first = group[0]
        yield SiteProblem(
            f"'{first.path}' has the same title on the same day ({page.date[:10]}): a duplicate import?",
            page.title_place,
            f"title {page.title}"[:200],
        )
