"""The engine's side of the online rules: the URLs they name in a post (as :class:`UrlRef`, kept with the
file's result and its cached findings), and the findings they make of the results for those URLs.

The engine calls :func:`url_refs` while it lints a post (they travel in its outcome), and
:func:`online_findings` when the online pass (:mod:`postlint.online.run`) asks for a file's findings once
the URLs were checked. Nothing here touches the network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from postlint.core.model import Finding, Severity
from postlint.core.results import UrlRef
from postlint.engine.contract import OnlineRule, UrlUse
from postlint.engine.meta import RuleCrashed
from postlint.engine.outcome import FileResult
from postlint.engine.shaping import SNIPPET_LIMIT
from postlint.knowledge.urlresults import UrlResult

if TYPE_CHECKING:
    from postlint.engine.outcome import Active
    from postlint.engine.suppress import Suppressions
    from postlint.reading.post import Post


def url_refs(post: Post, uses: Sequence[tuple[Active, UrlUse]], suppressions: Suppressions) -> tuple[UrlRef, ...]:
    """The URLs online rules named in ``post``, with their places; suppressed ones are left out (and
    their suppressions count as used, whatever the URL answers later)."""
    refs = []
    for active, use in uses:
        line, column = post.position(use.start)
        if suppressions.directives and suppressions.suppressed(active.code, active.name, line):
            continue
        end_line, end_column = post.position(max(use.end, use.start))
        snippet = f"{use.what} {use.url}"[:SNIPPET_LIMIT]
        refs.append(
            UrlRef(
                active.code,
                use.url,
                use.what,
                use.probe,
                use.start,
                use.end,
                line,
                column,
                end_line,
                end_column,
                snippet,
            )
        )
    return tuple(refs)


def online_findings(
    rules: Mapping[str, Active], crash: Severity, result: FileResult, results: dict[str, UrlResult]
) -> list[Finding]:
    """The findings of the online ``rules`` (by code) for one file, from the results of the URLs it names
    (a URL without a result, e.g. one excluded by config, gives none); ``crash`` is the severity of a rule
    that crashed."""
    findings = []
    for ref in result.urls:
        active = rules.get(ref.code)
        answer = results.get(ref.url)
        if active is None or answer is None or not isinstance(active.rule, OnlineRule):
            continue
        try:
            judgement = active.rule.judge(UrlUse(ref.url, ref.start, ref.end, ref.what, ref.probe), answer)
        except Exception as error:  # a buggy rule must not stop the run
            message = f"rule {ref.code} ({active.name}) crashed judging a URL: {type(error).__name__}: {error}"
            findings.append(
                Finding(
                    result.path,
                    1,
                    1,
                    1,
                    1,
                    RuleCrashed.code,
                    RuleCrashed.name,
                    crash,
                    message,
                    snippet=ref.code,
                )
            )
            continue
        if judgement is None:
            continue
        severity = active.severity if judgement.certain else Severity.INFO
        findings.append(
            Finding(
                result.path,
                ref.line,
                ref.column,
                ref.end_line,
                ref.end_column,
                ref.code,
                active.name,
                severity,
                judgement.message,
                snippet=ref.snippet,
            )
        )
    return findings
