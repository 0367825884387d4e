"""One online pass for a run: gather the distinct URLs every post names, check each once, make findings.

Called by the command line after the per-file pass (whatever ``--jobs``), so the output is the same as with
``--jobs 1``. Results come from the user's cache when fresh (:mod:`postlint.online.store`), else from the
network (:mod:`postlint.online.checker`); findings are never written to the findings cache.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, TextIO

from postlint.config import OnlineConfig
from postlint.knowledge.urlresults import BROKEN, OK, UNVERIFIABLE, UrlResult
from postlint.online.policy import wanted

if TYPE_CHECKING:
    from postlint.core.model import Finding
    from postlint.engine.outcome import FileResult
    from postlint.online.checker import Lookup
    from postlint.online.store import ResultStore


def user_agent(settings: OnlineConfig) -> str:
    """The configured user agent, else ``postlint/<version> (+<project URL from the package metadata>)``."""
    if settings.user_agent:
        return settings.user_agent
    from postlint.core.project import __version__, project_url

    url = project_url()
    return f"postlint/{__version__} (link checker; +{url})"


@dataclass
class OnlineRun:
    """What an online pass did, for the summary."""

    results: dict[str, UrlResult] = field(default_factory=dict)
    excluded: int = 0
    requests: int = 0
    from_cache: int = 0
    seconds: float = 0.0


def check_urls(
    probes: dict[str, str],
    settings: OnlineConfig,
    *,
    refresh: bool = False,
    store: ResultStore | None = None,
    lookup: Lookup | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> OnlineRun:
    """Results for ``url -> probe`` (``image`` or ``page``): URLs the config excludes get none; fresh cached
    results are used unless ``refresh``; the rest are fetched, each once, and the cacheable ones stored."""
    started = time.monotonic()
    run = OnlineRun()
    chosen = {url: probe for url, probe in probes.items() if wanted(url, settings.include, settings.exclude)}
    run.excluded = len(probes) - len(chosen)
    cached = store.get_many(chosen) if store is not None and not refresh else {}
    run.from_cache = len(cached)
    run.results.update(cached)
    todo = {url: probe for url, probe in chosen.items() if url not in cached}
    if todo:
        import asyncio

        from postlint.online.checker import Checker

        async def fetch() -> dict[str, UrlResult]:
            checker = Checker(settings, user_agent(settings), lookup, progress)
            return await checker.check_all(todo)

        fetched = asyncio.run(fetch())
        run.requests = sum(result.requests for result in fetched.values())
        run.results.update(fetched)
        if store is not None:
            store.put_many(fetched, todo)
    run.seconds = time.monotonic() - started
    return run


def gather(results: list[FileResult]) -> dict[str, str]:
    """Every distinct URL the files name, with its probe (``image`` wins: its answer must be an image)."""
    probes: dict[str, str] = {}
    for result in results:
        for ref in result.urls:
            if probes.get(ref.url) != "image":
                probes[ref.url] = ref.probe
    return dict(sorted(probes.items()))


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)[:100]


def _label(result: UrlResult) -> str:
    if result.status is not None:
        return str(result.status)
    reason = result.reason
    for word in ("timed out", "host does not exist", "refused", "not requested", "TLS", "redirect", "DNS"):
        if word in reason:
            return {"not requested": "not requested (address policy)"}.get(word, word)
    return result.verdict


def summary(run: OnlineRun, out: TextIO, hosts: int = 15) -> None:
    """A per-host, per-status summary: counts and where the time went."""
    verdicts = Counter(result.verdict for result in run.results.values())
    total = len(run.results)
    parts = [f"{verdicts[v]} {v}" for v in (OK, BROKEN, UNVERIFIABLE, "refused") if verdicts[v]]
    out.write(
        f"postlint: online: {total} URL{'' if total == 1 else 's'} checked in {run.seconds:.1f} s "
        f"({run.from_cache} from the cache, {run.requests} request{'' if run.requests == 1 else 's'}"
        f"{f', {run.excluded} excluded by config' if run.excluded else ''})"
        f"{': ' + ', '.join(parts) if parts else ''}\n"
    )
    per_host: dict[str, Counter[str]] = {}
    for result in run.results.values():
        per_host.setdefault(result.host, Counter())[_label(result)] += 1
    ranked = sorted(per_host.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    for host, counts in ranked[:hosts]:
        shown = ", ".join(f"{label} x{count}" for label, count in sorted(counts.items()))
        out.write(f"  {_printable(host)}: {shown}\n")
    if len(ranked) > hosts:
        out.write(f"  ... and {len(ranked) - hosts} more hosts\n")


class UrlJudge(Protocol):
    """What the online pass needs of the engine that linted a file: the findings its online rules make of
    the results for the URLs the file names (:meth:`postlint.engine.lint.Engine.judge_urls`)."""

    def judge_urls(self, result: FileResult, results: dict[str, UrlResult]) -> list[Finding]: ...


def with_online_findings(pairs: list[tuple[UrlJudge, FileResult]], results: dict[str, UrlResult]) -> list[FileResult]:
    """Each file's result with the findings of its online rules added (sorted like the others)."""
    from postlint.core.model import Finding

    merged = []
    for judge, result in pairs:
        if result.urls:
            extra = judge.judge_urls(result, results)
            if extra:
                findings = sorted([*result.findings, *extra], key=Finding.sort_key)
                result = replace(result, findings=findings)
        merged.append(result)
    return merged
