"""The engine's side of the site rules (PL8xx): what a post tells the site index (its
:class:`~postlint.knowledge.pages.PageFacts`, with the places a suppression comment silences), and the site
rules' findings for a checked file once the index is built.

The engine calls :func:`page_facts` while it lints a post (the facts travel with the file's result and its
cache entry); the archive-wide pass (:mod:`postlint.archive.run`) calls :func:`site_facts` for the site's
other files and :func:`site_findings` for the checked ones.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from postlint.core.model import Finding
from postlint.engine.contract import SiteRule
from postlint.knowledge.pages import PageFacts, Place
from postlint.reading.memo import MemoKey
from postlint.reading.post import Post, parse_post, read_bytes

if TYPE_CHECKING:
    from postlint.engine.lint import Engine
    from postlint.engine.suppress import Suppressions
    from postlint.knowledge.siteindex import SiteIndex
    from postlint.run.cache import FindingsCache

#: Per post, when site rules (PL8xx) run: what it tells the site index.
SITE_FACTS: MemoKey[PageFacts] = MemoKey("site-facts")


def page_facts(engine: Engine, post: Post, suppressions: Suppressions, ignored: set[str]) -> PageFacts:
    """What ``post`` tells the site index, with the site rules a comment silences at each place (those
    suppressions count as used: whether a site finding falls there is known only after the run)."""
    from postlint.archive.extract import extract

    rules = [a for a in engine.site_rules if a.code not in ignored]

    def place(start: int, end: int, snippet: str) -> Place:
        line, column = post.position(start)
        end_line, end_column = post.position(max(end, start))
        silenced: tuple[str, ...] = ()
        if suppressions.directives:
            silenced = tuple(a.code for a in rules if suppressions.suppressed(a.code, a.name, line))
        return Place(start, end, line, column, end_line, end_column, " ".join(snippet.split()), silenced)

    return extract(post, engine.context.site, engine.site_needs, place)


def site_facts(engine: Engine, fs_path: Path, display: str, cache: FindingsCache | None = None) -> PageFacts | None:
    """The facts of a site file that is not being checked (its findings are not reported): from the
    cache when the file is unchanged, else read for the index alone (the rules do not run)."""
    if cache is not None:
        return engine.lint_file_result(fs_path, display, cache).site
    if engine.outside(fs_path, display) is not None:
        return None
    data, failed = read_bytes(fs_path, display, engine.config.max_file_size)
    if failed is not None or data is None:
        return None
    post = parse_post(data, display, fs_path, engine.config.max_file_size)
    if not post.readable:
        return None
    from postlint.archive.extract import extract

    def place(start: int, end: int, snippet: str) -> Place:
        line, column = post.position(start)
        end_line, end_column = post.position(max(end, start))
        return Place(start, end, line, column, end_line, end_column, snippet)

    return extract(post, engine.context.site, engine.site_needs, place)


def site_findings(engine: Engine, page: PageFacts, index: SiteIndex) -> list[Finding]:
    """The site rules' findings for one checked file, from its facts and the index."""
    ignored = engine.ignored_for(page.path)
    findings: list[Finding] = []
    for active in engine.site_rules:
        if active.code in ignored:
            continue
        rule = active.rule
        assert isinstance(rule, SiteRule)
        try:
            problems = list(rule.check_site(page, index))
        except Exception as error:  # a buggy rule must not stop the run
            findings.append(engine.crashed(Post(page.path, Path(page.fs_path)), active, error))
            continue
        for problem in problems:
            place = problem.place
            if active.code in place.suppressed:
                continue
            findings.append(
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
                    sys.intern(problem.message),
                    snippet=sys.intern(problem.snippet if problem.snippet is not None else place.snippet),
                )
            )
    return findings
