"""The engine's side of the site rules (PL8xx): what a post tells the site index (its
:class:`~postlint.knowledge.pages.PageFacts`, with the places a suppression comment silences), and the site
rules' findings for a checked file once the index is built.

The engine calls :func:`page_facts` while it lints a post (the facts travel with the file's outcome and its
cache entry), and :func:`site_findings` when the archive-wide pass (:mod:`postlint.archive.run`) asks for
the findings of a checked file; the pass reads the site's other files only as far as the index needs
(:mod:`postlint.archive.store`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from postlint.core.model import Finding
from postlint.engine.contract import SiteProblem, SiteRule
from postlint.engine.shaping import FINDINGS_PER_RULE, capped_message, more_findings
from postlint.knowledge.pages import PageFacts, Place
from postlint.reading.post import Post

if TYPE_CHECKING:
    from postlint.engine.outcome import Active
    from postlint.engine.suppress import IgnoredRegions, Suppressions
    from postlint.knowledge.siteindex import SiteIndex
    from postlint.reading.sitefacts import SiteFacts

#: Makes the finding of a rule that crashed on a post (:meth:`postlint.engine.lint.Engine.crashed`).
Crashed = Callable[[Post, "Active", Exception], Finding]


def page_facts(
    post: Post,
    site: SiteFacts,
    rules: Sequence[Active],
    needs: frozenset[str],
    suppressions: Suppressions,
    ignored: set[str],
    skipped: IgnoredRegions | None = None,
) -> PageFacts:
    """What ``post`` (a file being checked) tells the site index, with the site ``rules`` a comment silences
    at each place (those suppressions count as used: whether a site finding falls there is known only
    after the run)."""
    from postlint.knowledge.pagefacts import extract

    active = [a for a in rules if a.code not in ignored]

    def place(start: int, end: int, snippet: str) -> Place:
        line, column = post.position(start)
        end_line, end_column = post.position(max(end, start))
        silenced: tuple[str, ...] = ()
        if suppressions.directives:
            silenced = tuple(a.code for a in active if suppressions.suppressed(a.code, a.name, line))
        if skipped:
            silenced += tuple(a.code for a in active if a.code not in silenced and skipped.covers(a.code, start))
        return Place(start, end, line, column, end_line, end_column, " ".join(snippet.split()), silenced)

    return extract(post, site, needs, place)


class SiteFindings(list[Finding]):
    """The site rules' findings for one file, and apart from them their quiet verdicts (:attr:`SiteProblem.quiet`):
    findings at places whose superseded per-post findings are to be dropped, never reported themselves."""

    verdicts: list[Finding]

    def __init__(self) -> None:
        super().__init__()
        self.verdicts = []


def site_findings(
    rules: Sequence[Active], ignored: set[str], crashed: Crashed, page: PageFacts, index: SiteIndex
) -> list[Finding]:
    """The site ``rules``' findings for one checked file, from its facts and the index (``crashed`` makes
    the finding of a rule that raised)."""
    findings = SiteFindings()
    for active in rules:
        if active.code in ignored:
            continue
        rule = active.rule
        assert isinstance(rule, SiteRule)
        try:
            problems = list(islice(rule.check_site(page, index), FINDINGS_PER_RULE + 1))
        except Exception as error:  # a buggy rule must not stop the run
            findings.append(crashed(Post(page.path, Path(page.fs_path)), active, error))
            continue
        if len(problems) > FINDINGS_PER_RULE:  # as for a post's rules: the rule is not asked for more
            next_one = problems.pop()
            problems.append(SiteProblem(more_findings(active.code), next_one.place, quiet=next_one.quiet))
        for problem in problems:
            place = problem.place
            if active.code in place.suppressed:
                continue
            (findings.verdicts if problem.quiet else findings).append(
                Finding(
                    page.path,
                    place.line,
                    place.column,
                    place.end_line,
                    place.end_column,
                    active.code,
                    active.name,
                    active.severity,
                    # Every copy of a duplicated post gets the same message and snippet: one string
                    # each, not one per finding (90,000 findings on the 50,000-post benchmark).
                    sys.intern(capped_message(problem.message)),
                    snippet=sys.intern(problem.snippet if problem.snippet is not None else place.snippet),
                )
            )
    return findings
