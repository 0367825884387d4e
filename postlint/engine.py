"""The engine: configured rules applied to posts, with suppressions, producing sorted findings.

Data flows one way: paths -> posts -> problems -> findings. The engine knows no specific post rule; it
stamps each problem with its rule's code, name and configured severity, converts offsets to lines and
columns, applies per-file ignores and inline suppressions, and reports rule crashes and unused suppressions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import traceback
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from postlint import __version__, _suppress
from postlint._issues import LoadIssue
from postlint._memo import MemoKey
from postlint._meta import RuleCrashed, UnusedSuppression
from postlint._post import Post, parse_post, read_bytes
from postlint._walk import Tree, iter_files
from postlint.api import (
    Context,
    OnlineRule,
    Problem,
    Requirement,
    Rule,
    Severity,
    SiteRule,
    UrlResult,
    UrlUse,
)
from postlint.archive.facts import PageFacts, Place
from postlint.archive.index import SiteIndex
from postlint.cache import FindingsCache
from postlint.config import Config
from postlint.findings import FileResult, FixOutcome, RuleInfo, UrlRef
from postlint.helpers import source_host
from postlint.model import Finding
from postlint.registry import RuleClass, build_rules, choose_rules, load_rules, rule_settings
from postlint.selectors import matches_any
from postlint.sites import FILE_CHECKS, LocalFiles, build_context, local_files

_SNIPPET_LIMIT = 200
#: Per post, in online runs: the remote URLs its online rules named.
URL_REFS: MemoKey[tuple[UrlRef, ...]] = MemoKey("url-refs")
#: Per post, when site rules (PL8xx) run: what it tells the site index (postlint/archive).
SITE_FACTS: MemoKey[PageFacts] = MemoKey("site-facts")
#: How much of a finding's line around it reports show: enough to recognise the place, small enough that a
#: report of 50,000 findings stays a few megabytes.
_EXCERPT_BEFORE, _EXCERPT_AFTER = 50, 90


class Recipe(NamedTuple):
    """How to build an engine again: what :meth:`Engine.from_config` was given. A spawned worker process
    (where fork is not available) rebuilds its engine from this, so it must pickle."""

    config: Config
    start: Path
    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    now: dt.datetime | None = None
    #: The project trees the engine is confined to (:meth:`Engine.confine`), if any.
    tree: Tree | None = None
    #: Whether findings carry an excerpt of their source line (only the HTML report shows them).
    excerpts: bool = True


@dataclass
class ActiveRule:
    rule: Rule[Any]
    severity: Severity

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def name(self) -> str:
        return self.rule.name


def rule_info(rule: Rule[Any] | type[Rule[Any]], severity: Severity | None = None) -> RuleInfo:
    import inspect

    return RuleInfo(
        rule.code,
        rule.name,
        severity or rule.severity,
        rule.summary(),
        rule.fixable,
        inspect.cleandoc(rule.__doc__ or ""),
    )


class Engine:
    """Lints posts with a fixed set of configured rules."""

    def __init__(
        self,
        config: Config,
        context: Context,
        rules: list[ActiveRule],
        all_rules: list[RuleClass],
        recipe: Recipe | None = None,
        files: LocalFiles | None = None,
    ):
        self.config = config
        self.context = context
        self.rules = rules
        self.all_rules = all_rules
        self._by_code = {active.code: active for active in rules}
        # Which rules run on a post depends only on how far it could be read: chosen once, not per post.
        self._rules_by_state = {
            (readable, parsed): [active for active in rules if _applies_to(active.rule, readable, parsed)]
            for readable in (False, True)
            for parsed in (False, True)
        }
        #: How to build this engine again (in a spawned worker process).
        self.recipe = recipe or Recipe(config, Path("."))
        self._crash = ActiveRule(RuleCrashed(), self._severity_of(RuleCrashed))
        self._unused = self._by_code.get(UnusedSuppression.code)
        self.files = files or local_files(config)
        self._superseded = _superseded_codes(rules, all_rules)
        self._rule_names = [(rule.code, rule.name) for rule in all_rules]
        self._online_names = {n for r in all_rules if issubclass(r, OnlineRule) for n in (r.code, r.name)}
        #: Whether online rules run (``--online``): they name URLs per file; the run checks them afterwards.
        self.online = config.online.enabled
        #: Whether findings carry their source excerpt (see :meth:`from_config`).
        self.excerpts = True
        #: The site rules (PL8xx): they run after every file is linted, on the site index (postlint/archive).
        self.site_rules = [active for active in rules if isinstance(active.rule, SiteRule)]
        self.site_needs: frozenset[str] = frozenset().union(*(a.rule.needs for a in self.site_rules))  # type: ignore[attr-defined]
        #: The project trees of the run: files outside are reported (PL016), never read or written. ``None``
        #: (the API default) checks nothing; the command line always confines its engines.
        self.tree: Tree | None = None

    def confine(self, tree: Tree) -> None:
        """Lint and fix only inside ``tree`` (kept in the recipe, so spawned workers are confined too)."""
        self.tree = tree
        self.files.tree = tree
        self.recipe = self.recipe._replace(tree=tree)

    def _severity_of(self, rule: RuleClass) -> Severity:
        active = self._by_code.get(rule.code)
        return active.severity if active else rule.severity

    # ------------------------------------------------------------------------------------------ set-up
    @classmethod
    def from_config(
        cls,
        config: Config,
        start: Path,
        *,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        now: dt.datetime | None = None,
        tree: Tree | None = None,
        excerpts: bool = True,
    ) -> Engine:
        """``excerpts=False`` leaves findings without the source excerpt only the HTML report shows: a run over
        a large archive holds every finding until it reports, and the excerpts were a tenth of its memory."""
        all_rules = load_rules(config)
        chosen = choose_rules(config, all_rules, select, extend_select, ignore)
        settings = rule_settings(config, all_rules)
        recipe = Recipe(config, start, select, extend_select, ignore, now, excerpts=excerpts)
        files = local_files(config, start, tree)  # shared by the rules (through the context) and cache re-checks
        context = build_context(config, start, now, files)
        active = [ActiveRule(rule, severity) for rule, severity in build_rules(config, chosen, settings)]
        engine = cls(config, context, active, all_rules, recipe, files)
        engine.excerpts = excerpts
        if tree is not None:
            engine.confine(tree)
        return engine

    @classmethod
    def from_recipe(cls, recipe: Recipe) -> Engine:
        return cls.from_config(
            recipe.config,
            recipe.start,
            select=recipe.select,
            extend_select=recipe.extend_select,
            ignore=recipe.ignore,
            now=recipe.now,
            tree=recipe.tree,
            excerpts=recipe.excerpts,
        )

    def rule_infos(self) -> list[RuleInfo]:
        return [rule_info(a.rule, a.severity) for a in self.rules]

    # ------------------------------------------------------------------------------------------ linting
    def iter_paths(self, paths: list[str]) -> Iterator[tuple[Path, str]]:
        return iter_files(
            paths,
            self.config.include,
            [*self.config.exclude, *self.config.extend_exclude],
            self.config.respect_gitignore,
            self.tree,
        )

    def outside(self, fs_path: Path, display: str) -> Post | None:
        """A post that says why ``fs_path`` is not read (it leads out of the tree), or ``None``."""
        if self.tree is None:
            return None
        why = self.tree.escape(fs_path)
        if why is None:
            return None
        return Post(display, fs_path, load_issues=[LoadIssue("outside-tree", why)])

    def lint_file(self, fs_path: Path, display: str, cache: FindingsCache | None = None) -> list[Finding]:
        return self.lint_file_result(fs_path, display, cache).findings

    def fix_file(self, fs_path: Path, display: str, unsafe: bool = False, write: bool = True) -> FixOutcome:
        """Apply the fixes of this file's findings (safe ones, or all with ``unsafe``) until none is left."""
        from postlint.fixer import fix_file  # only --fix and --diff need it

        return fix_file(self, fs_path, display, unsafe, write)

    def lint_file_result(self, fs_path: Path, display: str, cache: FindingsCache | None = None) -> FileResult:
        outside = self.outside(fs_path, display)
        if outside is not None:
            return FileResult(display, self.lint_post(outside))
        data, failed = read_bytes(fs_path, display, self.config.max_file_size)
        if failed is not None or data is None:
            assert failed is not None  # read_bytes returns the bytes or a post saying why there are none
            return FileResult(display, self.lint_post(failed))
        key = ""
        if cache is not None:
            key = cache.key(data, display, self.fingerprint)
            cached = cache.get(key, display, lambda target: self.files.lookup(fs_path, target, fresh=True))
            if cached is not None:
                if cached.site is not None and cached.site.fs_path != str(fs_path):
                    cached = replace(cached, site=replace(cached.site, fs_path=str(fs_path)))
                return cached
        post = parse_post(data, display, fs_path, self.config.max_file_size, self.context.site)
        findings = self.lint_post(post)
        site = post.memo.get(SITE_FACTS)
        result = FileResult(display, findings, source_host(post), post.memo.get(URL_REFS) or (), site)
        if cache is not None:
            cache.put(key, result, post.memo.get(FILE_CHECKS) or [])
        return result

    @cached_property
    def fingerprint(self) -> str:
        """Everything besides a file's bytes and path that decides its findings, as a hash."""
        context = self.context
        settings: dict[str, Any] = {
            "version": __version__,
            "config": self.config.model_dump(mode="json", exclude={"source", "now", "online"}),
            "online": self.online,
            "excerpts": self.excerpts,
            "rules": [
                [a.code, a.severity.value, a.rule.options.model_dump(mode="json"), type(a.rule).__module__]
                for a in self.rules
            ],
            "zone": str(context.site_timezone),
            "generator": context.generator,
            "schema": context.schema.model.model_json_schema() if context.schema is not None else None,
        }
        if any(getattr(a.rule, "depends_on_now", False) for a in self.rules):
            settings["now"] = context.now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H")
        encoded = json.dumps(settings, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()

    def rules_for(self, post: Post) -> list[ActiveRule]:
        """The rules that run on ``post``: all of them, or fewer when it did not decode or its front
        matter did not parse."""
        front_matter = post.front_matter
        return self._rules_by_state[(post.readable, front_matter is not None and front_matter.parsed)]

    def lint_post(self, post: Post) -> list[Finding]:
        ignored = self._ignored_for(post.path)
        findings: list[Finding] = []
        context = self.context
        uses: list[tuple[ActiveRule, UrlUse]] = []
        for active in self.rules_for(post):
            if ignored and active.rule.code in ignored:
                continue
            try:
                if isinstance(active.rule, OnlineRule):
                    uses.extend((active, use) for use in active.rule.urls(post, context))
                    continue
                problems = list(active.rule.check(post, context))
            except Exception as error:  # a buggy rule must not stop the run
                findings.append(self._crashed(post, active, error))
                continue
            for problem in problems:
                findings.append(self._finding(post, active, problem))
        collected = _suppress.collect(post)
        suppressions = _suppress.Suppressions(collected.directives)
        if self.online:
            post.memo[URL_REFS] = self._url_refs(post, uses, suppressions)
        if self.site_rules and post.readable:
            post.memo[SITE_FACTS] = self._site_facts(post, suppressions, ignored)
        if collected:
            findings = [
                f for f in findings if f.code == RuleCrashed.code or not suppressions.suppressed(f.code, f.name, f.line)
            ]
            if self._unused is not None and UnusedSuppression.code not in ignored:
                offline = frozenset() if self.online else self._online_names  # online rules did not run: cannot tell
                unused = _suppress.unused(collected, self._rule_names, offline)
                findings.extend(self._finding(post, self._unused, problem) for problem in unused)
        if self._superseded:
            findings = _drop_superseded(findings, self._superseded)
        findings.sort(key=Finding.sort_key)
        return findings

    def _ignored_for(self, path: str) -> set[str]:
        if not self.config.per_file_ignores:
            return set()
        posix = PurePosixPath(path.replace(os.sep, "/")).as_posix().removeprefix("./")
        name = posix.rsplit("/", 1)[-1]
        ignored: set[str] = set()
        for pattern, selectors in self.config.per_file_ignores.items():
            if fnmatchcase(posix, pattern) or ("/" not in pattern and fnmatchcase(name, pattern)):
                ignored.update(a.code for a in self.rules if matches_any(selectors, a.code, a.name))
        return ignored

    def _finding(self, post: Post, active: ActiveRule, problem: Problem) -> Finding:
        line, column = post.position(problem.start)
        end = problem.end if problem.end is not None and problem.end >= problem.start else problem.start
        fix = problem.fix
        message = problem.message
        if fix is not None and fix.edits:
            # The reported span grows to cover what the fix changes after its start; an edit before it
            # must lie in a span the problem names (``related``), or the fix is withheld.
            end = max([end, *(edit.end for edit in fix.edits if edit.start >= problem.start)])
            fix = replace(fix, bounds=((problem.start, end), *problem.related))
            stray = fix.outside_bounds()
            if stray:
                line_at, column_at = post.position(stray[0].start)
                fix = None
                message += (
                    f" (its fix was withheld: it would edit at {line_at}:{column_at}, outside what this finding "
                    "reports; please report this rule bug)"
                )
        end_line, end_column = post.position(end)
        snippet = problem.snippet
        if snippet is None:
            snippet = (post.text or "")[problem.start : min(end, problem.start + _SNIPPET_LIMIT)]
        excerpt, excerpt_column = _excerpt(post.text or "", problem.start, column) if self.excerpts else ("", 1)
        return Finding(
            post.path,
            line,
            column,
            end_line,
            end_column,
            active.code,
            active.name,
            active.severity
            if problem.severity is None or problem.severity.rank >= active.severity.rank
            else problem.severity,
            message,
            fix is not None,
            " ".join(snippet.split()),
            fix,
            excerpt,
            excerpt_column,
        )

    def _crashed(self, post: Post, active: ActiveRule, error: Exception) -> Finding:
        frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
        message = (
            f"rule {active.code} ({active.name}) crashed on this file: {type(error).__name__}: {error}{where}; "
            "its checks were skipped (please report this with the file)"
        )
        return Finding(
            post.path,
            1,
            1,
            1,
            1,
            RuleCrashed.code,
            RuleCrashed.name,
            self._crash.severity,
            message,
            snippet=active.code,
        )

    # ------------------------------------------------------------------------------------------ site
    def _site_facts(self, post: Post, suppressions: _suppress.Suppressions, ignored: set[str]) -> PageFacts:
        """What ``post`` tells the site index, with the site rules a comment silences at each place (those
        suppressions count as used: whether a site finding falls there is known only after the run)."""
        from postlint.archive.extract import extract

        rules = [a for a in self.site_rules if a.code not in ignored]

        def place(start: int, end: int, snippet: str) -> Place:
            line, column = post.position(start)
            end_line, end_column = post.position(max(end, start))
            silenced: tuple[str, ...] = ()
            if suppressions.directives:
                silenced = tuple(a.code for a in rules if suppressions.suppressed(a.code, a.name, line))
            return Place(start, end, line, column, end_line, end_column, " ".join(snippet.split()), silenced)

        return extract(post, self.context.site, self.site_needs, place)

    def site_facts(self, fs_path: Path, display: str, cache: FindingsCache | None = None) -> PageFacts | None:
        """The facts of a site file that is not being checked (its findings are not reported): from the
        cache when the file is unchanged, else read for the index alone (the rules do not run)."""
        if cache is not None:
            return self.lint_file_result(fs_path, display, cache).site
        if self.outside(fs_path, display) is not None:
            return None
        data, failed = read_bytes(fs_path, display, self.config.max_file_size)
        if failed is not None or data is None:
            return None
        post = parse_post(data, display, fs_path, self.config.max_file_size)
        if not post.readable:
            return None
        from postlint.archive.extract import extract

        def place(start: int, end: int, snippet: str) -> Place:
            line, column = post.position(start)
            end_line, end_column = post.position(max(end, start))
            return Place(start, end, line, column, end_line, end_column, snippet)

        return extract(post, self.context.site, self.site_needs, place)

    def site_findings(self, page: PageFacts, index: SiteIndex) -> list[Finding]:
        """The site rules' findings for one checked file, from its facts and the index."""
        ignored = self._ignored_for(page.path)
        findings: list[Finding] = []
        for active in self.site_rules:
            if active.code in ignored:
                continue
            rule = active.rule
            assert isinstance(rule, SiteRule)
            try:
                problems = list(rule.check_site(page, index))
            except Exception as error:  # a buggy rule must not stop the run
                findings.append(self._crashed(Post(page.path, Path(page.fs_path)), active, error))
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

    # ------------------------------------------------------------------------------------------ online
    def _url_refs(
        self, post: Post, uses: list[tuple[ActiveRule, UrlUse]], suppressions: _suppress.Suppressions
    ) -> tuple[UrlRef, ...]:
        """The URLs online rules named in ``post``, with their places; suppressed ones are left out (and
        their suppressions count as used, whatever the URL answers later)."""
        refs = []
        for active, use in uses:
            line, column = post.position(use.start)
            if suppressions.directives and suppressions.suppressed(active.code, active.name, line):
                continue
            end_line, end_column = post.position(max(use.end, use.start))
            snippet = f"{use.what} {use.url}"[:_SNIPPET_LIMIT]
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

    def online_findings(self, result: FileResult, results: dict[str, UrlResult]) -> list[Finding]:
        """The findings of the online rules for one file, from the results of the URLs it names (a URL
        without a result, e.g. one excluded by config, gives none)."""
        findings = []
        for ref in result.urls:
            active = self._by_code.get(ref.code)
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
                        self._crash.severity,
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


def _excerpt(text: str, offset: int, column: int) -> tuple[str, int]:
    """A window of the line around ``offset`` (at ``column``): the text and the column it starts at."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end < 0:
        line_end = len(text)
    left = max(line_start, offset - _EXCERPT_BEFORE)
    right = min(line_end, max(offset, left) + _EXCERPT_AFTER)
    return text[left:right].rstrip("\r"), column - (offset - left)


def _superseded_codes(rules: list[ActiveRule], all_rules: list[RuleClass]) -> dict[str, frozenset[str]]:
    """For each active rule that declares ``supersedes``, the codes of the rules it makes redundant."""
    table: dict[str, frozenset[str]] = {}
    for active in rules:
        wanted = active.rule.supersedes
        codes = frozenset(rule.code for rule in all_rules if rule.code in wanted or rule.name in wanted)
        if codes:
            table[active.code] = codes
    return table


def _drop_superseded(findings: list[Finding], superseded: dict[str, frozenset[str]]) -> list[Finding]:
    """Drop the findings that start inside the span of a finding whose rule supersedes theirs.

    Spans are sorted by start, with the furthest end reached so far, so each finding looks only at the
    spans that can still hold it (checking every span for every finding took 52 s for 20,000 pixels)."""
    spans = sorted(
        ((f.line, f.column), (f.end_line, f.end_column), codes) for f in findings if (codes := superseded.get(f.code))
    )
    if not spans:
        return findings
    starts = [start for start, _, _ in spans]
    reach: list[tuple[int, int]] = []
    for _, end, _ in spans:
        reach.append(max(end, reach[-1]) if reach else end)

    def covered(finding: Finding) -> bool:
        position = (finding.line, finding.column)
        index = bisect_right(starts, position) - 1
        while index >= 0 and (reach[index] > position or starts[index] == position):
            start, end, codes = spans[index]
            if finding.code in codes and (start == position or start <= position < end):
                return True
            index -= 1
        return False

    return [f for f in findings if not covered(f)]


def _applies_to(rule: Rule[Any], readable: bool, parsed: bool) -> bool:
    """Whether ``rule`` runs on a post that decoded (``readable``) and whose front matter ``parsed``."""
    if rule.requires is Requirement.NOTHING:
        return True
    if not readable:
        return False
    if rule.requires is Requirement.FRONT_MATTER:
        return parsed
    return True
