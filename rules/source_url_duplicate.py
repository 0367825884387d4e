"""PL805 source-url-duplicate."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import SOURCE


class SourceUrlDuplicate(SiteRule[RuleOptions]):
    """Two posts were imported from the same source URL.

    ## What it does
    Compares the front-matter source URL (`from`, `source`, `source_url`, `original_url`, `link`,
    `canonical_url`) of every post of the site after normalisation (scheme, `www.`, default port,
    trailing slash, tracking parameters and fragment ignored). Every post but the earliest (by date, then
    path) is reported, naming the earliest; the earliest is left alone.

    ## Why is this bad?
    The same article is in the archive twice under two names, usually because an importer ran twice:
    readers and search engines see a duplicate, and fixes made to one copy miss the other.

    ## Options
    None.
    """

    code = "PL805"
    name = "source-url-duplicate"
    severity = Severity.WARNING
    needs = frozenset({SOURCE})

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        if page.source_url is None or page.source_place is None:
            return
        key = site.source_key(page)
        group = site.by_source_url.get(key, []) if key else []
        if len(group) < 2 or group[0].path == page.path:
            return
        first = group[0]
        more = f" (and {len(group) - 2} more)" if len(group) > 2 else ""
        yield SiteProblem(
            f"source URL '{page.source_url[:150]}' is also the source of '{first.path}'{more}, the earliest copy",
            page.source_place,
            f"source {key}"[:200],
        )
