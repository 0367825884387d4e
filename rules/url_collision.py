"""PL807 url-collision."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import URL


class UrlCollision(SiteRule[RuleOptions]):
    """Two files of the site build the same URL.

    ## What it does
    Works out the URL each file builds, as its generator does: Jekyll from `_posts` names and dates, the
    `permalink` style or pattern of `_config.yml` and front matter, categories, pages and collections with
    `output: true`; Hugo from the path below `content/`, sections, page bundles, `slug`, `url` and
    `[permalinks]`. Reports each file whose URL another file builds too (`/a/b/` and `/a/b.html` count as
    one), naming the others. Drafts and unpublished posts build nothing. Files outside a site (no
    `_config.yml` or Hugo config above them, no `site-root`) build no URL and are not compared.

    ## Why is this bad?
    Only one of the files is published: the generator silently overwrites the other (Jekyll warns
    "Conflict", Hugo says nothing), so a post disappears from the site.

    ## Options
    None.
    """

    code = "PL807"
    name = "url-collision"
    severity = Severity.ERROR
    needs = frozenset({URL})

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        others = site.same_url(page)
        if not others or page.url_place is None:
            return
        names = ", ".join(f"'{other.path}'" for other in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        url = site.url[page.path]
        verb = "does" if len(others) == 1 else "do"
        message = f"builds the URL '{url[:150]}', as {names}{more} {verb}: the site keeps only one of them"
        yield SiteProblem(message, page.url_place, f"url {url}"[:200])
