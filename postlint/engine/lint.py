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
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import cached_property
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel

from postlint.config import Config
from postlint.core.model import Finding, Severity
from postlint.core.project import __version__, rule_url
from postlint.core.results import FixOutcome, RuleInfo
from postlint.core.selectors import matches_any
from postlint.core.tree import Tree, WalkRecord
from postlint.engine import suppress as _suppress
from postlint.engine.context import build_context
from postlint.engine.contract import Context, OnlineRule, Problem, Requirement, Rule, SiteRule, UrlUse
from postlint.engine.meta import RuleCrashed, UnusedSuppression
from postlint.engine.outcome import Active, FileResult, Outcome, Reading, SiteSetting
from postlint.engine.registry import RuleClass, build_rules, choose_rules, load_rules, rule_settings
from postlint.engine.shaping import (
    FINDINGS_PER_RULE,
    SNIPPET_LIMIT,
    capped_message,
    drop_superseded,
    excerpt,
    more_findings,
    superseded_codes,
)
from postlint.engine.sitejudge import page_facts, site_findings
from postlint.engine.urljudge import online_findings, url_refs
from postlint.knowledge.attribution import source_host
from postlint.knowledge.urlresults import UrlResult
from postlint.reading.issues import LoadIssue
from postlint.reading.post import Post, parse_post, read_bytes
from postlint.run.cache import FindingsCache
from postlint.run.walk import git_ignored_below, iter_files
from postlint.sites.files import FILE_CHECKS, LocalFiles, local_files

if TYPE_CHECKING:
    from postlint.knowledge.pages import PageFacts
    from postlint.knowledge.siteindex import SiteIndex
    from postlint.sites.content import OwnOutputs


def _plain(value: Any) -> Any:
    """A config or options model's values as plain data for :attr:`Engine.fingerprint`, read field by field:
    ``model_dump`` would build the serializer of every rule's options class, which a run with the defaults
    never builds otherwise (see :func:`postlint.engine.contract.default_options`). Fields marked
    ``exclude`` (the config's ``source``) are left out, as ``model_dump`` leaves them; sets are sorted."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return {name: _plain(getattr(value, name)) for name, info in fields.items() if not info.exclude}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=repr)
    return value


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
    #: Whether ``postlint-disable`` comments in posts silence findings (``--ignore-suppressions``: not).
    inline_suppressions: bool = True


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


def rule_docs_url(rule: Rule[Any] | type[Rule[Any]]) -> str:
    """The page that documents ``rule``: its own ``docs_url`` when it names one (a plugin's), else the docs
    site's page for postlint's own rules, else nothing (a plugin's rule is not on postlint's site)."""
    own = getattr(rule, "docs_url", None)
    if isinstance(own, str) and own.startswith("https://"):
        return own
    module = rule.__module__
    return rule_url(rule.name) if module.startswith(("postlint_rules.", "postlint.engine.meta")) else ""


def rule_info(rule: Rule[Any] | type[Rule[Any]], severity: Severity | None = None) -> RuleInfo:
    import inspect

    return RuleInfo(
        rule.code,
        rule.name,
        severity or rule.severity,
        rule.summary(),
        rule.fixable,
        inspect.cleandoc(rule.__doc__ or ""),
        rule_docs_url(rule),
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
        #: The active rules by code (the online and site passes find a rule of a finding here).
        self.by_code = {active.code: active for active in rules}
        # Which rules run on a post depends only on how far it could be read: chosen once, not per post.
        self._rules_by_state = {
            (readable, parsed): [active for active in rules if _applies_to(active.rule, readable, parsed)]
            for readable in (False, True)
            for parsed in (False, True)
        }
        #: How to build this engine again (in a spawned worker process).
        self.recipe = recipe or Recipe(config, Path("."))
        #: Stands for a rule that crashed (PL000), with its configured severity.
        self.crash = ActiveRule(RuleCrashed(), self._severity_of(RuleCrashed))
        self._unused = self.by_code.get(UnusedSuppression.code)
        self.files = files or local_files(config)
        #: For each active rule that supersedes others, their codes (the site pass drops them too).
        self.superseded = superseded_codes([active.rule for active in rules], all_rules)
        self._rule_names = [(rule.code, rule.name) for rule in all_rules]
        self._online_names = {n for r in all_rules if issubclass(r, OnlineRule) for n in (r.code, r.name)}
        #: The active rules that skip what html-proofer's ``data-proofer-ignore`` marks.
        self._proofer_codes = frozenset(a.code for a in rules if a.rule.honours_proofer_ignore)
        #: Whether online rules run (``--online``): they name URLs per file; the run checks them afterwards.
        self.online = config.online.enabled
        #: Whether findings carry their source excerpt (see :meth:`from_config`).
        self.excerpts = True
        #: Whether inline suppression comments count: a pull request from a stranger can add them to the
        #: very posts it brings, so CI on forks may run without them (``--ignore-suppressions``).
        self.inline_suppressions = True
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
        active = self.by_code.get(rule.code)
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
        inline_suppressions: bool = True,
    ) -> Engine:
        """``excerpts=False`` leaves findings without the source excerpt only the HTML report shows: a run over
        a large archive holds every finding until it reports, and the excerpts were a tenth of its memory."""
        all_rules = load_rules(config)
        from postlint.core.tree import project_root
        from postlint.sites import find_site

        known = tree.root_for(start) if tree is not None else None
        top = known.lexical if known is not None else project_root(start)
        # Rules that need the whole site are on by default where the site is found (inside the project).
        site = config.site_root is not None or find_site(start, top=top) is not None
        chosen = choose_rules(config, all_rules, select, extend_select, ignore, site)
        settings = rule_settings(config, all_rules)
        recipe = Recipe(
            config,
            start,
            select,
            extend_select,
            ignore,
            now,
            excerpts=excerpts,
            inline_suppressions=inline_suppressions,
        )
        files = local_files(config, start, tree)  # shared by the rules (through the context) and cache re-checks
        context = build_context(config, start, now, files)
        active = [ActiveRule(rule, severity) for rule, severity in build_rules(config, chosen, settings)]
        engine = cls(config, context, active, all_rules, recipe, files)
        engine.excerpts = excerpts
        engine.inline_suppressions = inline_suppressions
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
            inline_suppressions=recipe.inline_suppressions,
        )

    def rule_infos(self) -> list[RuleInfo]:
        return [rule_info(a.rule, a.severity) for a in self.rules]

    # ------------------------------------------------------------------------------------------ linting
    def iter_paths(
        self, paths: list[str], nested: bool = False, record: WalkRecord | None = None
    ) -> Iterator[tuple[Path, str]]:
        """The files below ``paths`` that ``include`` and ``exclude`` keep; with ``nested``, a folder below that
        holds a config of its own is walked with that config's ``include`` and ``exclude`` (as ruff does).
        ``record`` is told what a walk of one folder met (:class:`~postlint.core.tree.WalkRecord`)."""
        return iter_files(
            paths,
            self.config.include,
            [*self.config.exclude, *self.config.extend_exclude],
            self.config.respect_gitignore,
            self.tree,
            _nested_patterns if nested else None,
            record,
        )

    def walk_setting(self) -> list[object]:
        """What decides a walk's result besides the files and folders it meets: the patterns, whether git's
        ignore rules apply and the project trees (a symlink is followed only inside them)."""
        roots = [[root.lexical, root.real] for root in self.tree.roots] if self.tree is not None else None
        exclude = [*self.config.exclude, *self.config.extend_exclude]
        return [self.config.include, exclude, self.config.respect_gitignore, roots]

    def content_paths(
        self,
        paths: list[str],
        own: OwnOutputs | None = None,
        nested: bool = False,
        known: Callable[[str], bool] | None = None,
        record: WalkRecord | None = None,
        reports: set[str] | None = None,
    ) -> list[tuple[Path, str]]:
        """The files to lint below ``paths``: every named file, and of the walked ones what each one's site
        generator reads as content (see :mod:`postlint.sites.content`); never the run's own outputs. ``known``
        says which files (by absolute path) are known not to be reports without reading them; ``record``
        hears what the walk met and ``reports`` the reports it skipped."""
        from postlint.core.tree import project_root
        from postlint.sites.content import select_content

        named = {os.path.abspath(p) for p in paths if not os.path.isdir(p) or os.path.islink(p)}
        tops: dict[str, str] = {}

        def top_of(folder: str) -> str:
            if folder not in tops:
                root = self.tree.root_for(folder) if self.tree is not None else None
                tops[folder] = root.lexical if root is not None else project_root(folder)
            return tops[folder]

        found = list(self.iter_paths(paths, nested, record))
        return select_content(found, named, top_of, own, include=self.config.include, known=known, reports=reports)

    def git_ignored(self, folder: str, found: list[str]) -> set[str]:
        """The files of ``found`` (absolute paths, walked from ``folder``) that git ignores, as a walk of
        ``folder`` leaves them out (:func:`postlint.run.walk.git_ignored_below`)."""
        return git_ignored_below(Path(folder), found)

    def is_report(self, absolute: str) -> bool:
        """Whether the file is an HTML report postlint wrote (a walk leaves it out)."""
        from postlint.sites.content import is_report

        return is_report(Path(absolute))

    def content_judge(self) -> Callable[[str], bool | None]:
        """Asks again whether a walked file (by its absolute path) is content, as :meth:`content_paths`
        decided it: ``None`` for a file of no site (decided by its place alone), else its site generator's
        answer (which may read the file: a Jekyll page without front matter is not rendered)."""
        from postlint.core.tree import project_root
        from postlint.sites.content import Sites

        sites = Sites()
        tops: dict[str, str] = {}

        def judge(absolute: str) -> bool | None:
            folder = os.path.dirname(absolute)
            if folder not in tops:
                root = self.tree.root_for(folder) if self.tree is not None else None
                tops[folder] = root.lexical if root is not None else project_root(folder)
            site = sites.site_of(folder, tops[folder])
            if site is None:
                return None
            root_folder, rules = site
            lead = os.path.abspath(root_folder).rstrip(os.sep) + os.sep
            relative = absolute[len(lead) :] if absolute.startswith(lead) else os.path.relpath(absolute, root_folder)
            return rules.is_content(relative.replace(os.sep, "/"), Path(absolute))

        return judge

    def outside(self, fs_path: Path, display: str) -> Post | None:
        """A post that says why ``fs_path`` is not read (it leads out of the tree), or ``None``."""
        if self.tree is None:
            return None
        why = self.tree.escape(fs_path)
        if why is None:
            return None
        return Post(display, fs_path, load_issues=[LoadIssue("outside-tree", why)])

    def read(self, fs_path: Path, display: str, facts_only: bool = False) -> Reading:
        """The one way a file becomes a post (the engine, the fixer and the archive pass all read through
        here): confined to the project tree, at most ``max-file-size`` bytes, read the way the site's
        generator reads it (its front-matter fences, what counts as code). A file that cannot be read is a
        post that says why (its ``data`` is ``None``). ``facts_only``: read for the site index's facts of a
        file not checked (no finding points into it, so nested front-matter values get no places)."""
        outside = self.outside(fs_path, display)
        if outside is not None:
            return Reading(outside, None)
        data, failed = read_bytes(fs_path, display, self.config.max_file_size)
        if failed is not None or data is None:
            assert failed is not None  # read_bytes returns the bytes or a post saying why there are none
            return Reading(failed, None)
        return Reading(self.parse(data, display, fs_path, facts_only), data)

    def parse(self, data: bytes, display: str, fs_path: Path, facts_only: bool = False) -> Post:
        """``data`` (a file's bytes, or the fixer's edited text) read as a post of this site."""
        return parse_post(data, display, fs_path, self.config.max_file_size, self.context.site, not facts_only)

    def lint_file(self, fs_path: Path, display: str, cache: FindingsCache | None = None) -> list[Finding]:
        return self.lint_file_result(fs_path, display, cache).findings

    def fix_file(self, fs_path: Path, display: str, unsafe: bool = False, write: bool = True) -> FixOutcome:
        """Apply the fixes of this file's findings (safe ones, or all with ``unsafe``) until none is left."""
        from postlint.engine.fixer import fix_file  # only --fix and --diff need it

        return fix_file(self, fs_path, display, unsafe, write)

    def lint_file_result(self, fs_path: Path, display: str, cache: FindingsCache | None = None) -> FileResult:
        if cache is None or self.outside(fs_path, display) is not None:
            return self._result(display, self.read(fs_path, display).post)
        data, failed = read_bytes(fs_path, display, self.config.max_file_size)
        if failed is not None or data is None:
            assert failed is not None
            return self._result(display, failed)
        key = cache.key(data, display, self.fingerprint)
        cached = cache.get(key, display, lambda target: self.files.lookup(fs_path, target, fresh=True))
        if cached is not None:
            if cached.site is not None and cached.site.fs_path != str(fs_path):
                cached = replace(cached, site=replace(cached.site, fs_path=str(fs_path)))
            return cached
        outcome = self.lint_post(self.parse(data, display, fs_path))
        result = FileResult(display, outcome.findings, outcome.source_host, outcome.urls, outcome.site)
        cache.put(key, result, outcome.file_checks)
        return result

    def _result(self, display: str, post: Post) -> FileResult:
        outcome = self.lint_post(post)
        return FileResult(display, outcome.findings, outcome.source_host, outcome.urls, outcome.site)

    @cached_property
    def fingerprint(self) -> str:
        """Everything besides a file's bytes and path that decides its findings, as a hash."""
        context = self.context
        settings: dict[str, Any] = {
            "version": __version__,
            "config": {key: value for key, value in _plain(self.config).items() if key not in ("now", "online")},
            "online": self.online,
            "excerpts": self.excerpts,
            "inline_suppressions": self.inline_suppressions,
            "rules": [[a.code, a.severity.value, _plain(a.rule.options), type(a.rule).__module__] for a in self.rules],
            "zone": str(context.site_timezone),
            "generator": context.generator,
            # How the site's generator reads posts, from its config (heading ids, dates): cached anchors and
            # dates must not outlive a change of slugify settings.
            "site": [list(context.site.heading_ids), context.site.date_reader, sorted(context.site.styled_classes)],
            # A built-in profile's schema follows from the config (profile, fields, keys) and postlint's version,
            # both above; only a model of the user's own (`front-matter.model`) can change on its own. (Making the
            # JSON schema of a profile built its model, and loaded pydantic's schema machinery, in every run.)
            "schema": (
                context.schema.model.model_json_schema()
                if context.schema is not None and self.config.front_matter.model is not None
                else None
            ),
            # The keys the site's templates read (a theme's `.Params.nodate`) are known keys: a template edit
            # that reads another one changes what a typo is.
            "known": sorted(context.schema.known) if context.schema is not None else None,
        }
        if any(getattr(a.rule, "depends_on_now", False) for a in self.rules):
            settings["now"] = context.now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H")
        encoded = json.dumps(settings, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()

    # ------------------------------------------------------------------------------------------ later passes
    # What the archive-wide pass (postlint.archive.run.SiteLinter) and the online pass
    # (postlint.online.run.UrlJudge) ask of the engine: they see nothing else of it.
    def site_setting(self) -> SiteSetting:
        """What the archive-wide pass needs to find the run's site and read its files."""
        start = Path(self.recipe.start) if self.recipe.start is not None else Path(".")
        context = self.context
        return SiteSetting(
            self.config.site_root or None,
            start,
            context.generator,
            context.site,
            self.tree,
            self.files.prefix,
            f"max-file-size={self.config.max_file_size}",
        )

    def file_exists(self, fs_path: str, target: str) -> bool | None:
        """Whether the local file ``target`` (as written in the file at ``fs_path``) exists, inside the tree."""
        return self.files.lookup(Path(fs_path), target)

    def judge_site(self, page: PageFacts, index: SiteIndex) -> list[Finding]:
        """The site rules' findings for one checked file, from its facts and the site index."""
        return site_findings(self.site_rules, self.ignored_for(page.path), self.crashed, page, index)

    def judge_urls(self, result: FileResult, results: dict[str, UrlResult]) -> list[Finding]:
        """The online rules' findings for one file, from the results of the URLs it names."""
        return online_findings(self.by_code, self.crash.severity, result, results)

    def rules_for(self, post: Post) -> list[ActiveRule]:
        """The rules that run on ``post``: all of them, or fewer when it did not decode or its front
        matter did not parse."""
        front_matter = post.front_matter
        return self._rules_by_state[(post.readable, front_matter is not None and front_matter.parsed)]

    def lint_post(self, post: Post) -> Outcome:
        """Lint ``post``: its findings, and what the passes after the lint need of it (URL uses, site facts,
        the local files its rules looked up)."""
        ignored = self.ignored_for(post.path)
        findings: list[Finding] = []
        context = self.context
        uses: list[tuple[ActiveRule, UrlUse]] = []
        skipped = (
            _suppress.IgnoredRegions(_suppress.proofer_regions(post), self._proofer_codes)
            if self._proofer_codes and self.inline_suppressions  # a marked element is a suppression in the post
            else _suppress.NO_REGIONS
        )
        for active in self.rules_for(post):
            if ignored and active.rule.code in ignored:
                continue
            try:
                if isinstance(active.rule, OnlineRule):
                    uses.extend(
                        (active, use)
                        for use in active.rule.urls(post, context)
                        if not (skipped and skipped.covers(active.code, use.start))
                    )
                    continue
                problems = list(islice(active.rule.check(post, context), FINDINGS_PER_RULE + 1))
                if skipped and active.code in skipped.codes:
                    problems = [problem for problem in problems if not skipped.covers(active.code, problem.start)]
            except Exception as error:  # a buggy rule must not stop the run
                findings.append(self.crashed(post, active, error))
                continue
            length = len(post.source.text)
            wrong = next((why for problem in problems if (why := _bad_span(problem, length)) is not None), None)
            if wrong is not None:  # a rule bug: said once for the rule, as a crash is said
                findings.append(self.crashed(post, active, RuleSpanError(wrong)))
                continue
            if len(problems) > FINDINGS_PER_RULE:  # the rule is not asked for more: it stops here
                next_one = problems.pop()
                problems.append(Problem(more_findings(active.code), next_one.start, next_one.start))
            for problem in problems:
                findings.append(self._finding(post, active, problem))
        collected = _suppress.collect(post) if self.inline_suppressions else _suppress.Collected([])
        suppressions = _suppress.Suppressions(collected.directives)
        urls = url_refs(post, uses, suppressions) if self.online else ()
        site = None
        if self.site_rules and post.readable:
            site = page_facts(post, self.context.site, self.site_rules, self.site_needs, suppressions, ignored, skipped)
        if collected:
            findings = [
                f for f in findings if f.code == RuleCrashed.code or not suppressions.suppressed(f.code, f.name, f.line)
            ]
            if self._unused is not None and UnusedSuppression.code not in ignored:
                offline = frozenset() if self.online else self._online_names  # online rules did not run: cannot tell
                unused = _suppress.unused(collected, self._rule_names, offline)
                findings.extend(self._finding(post, self._unused, problem) for problem in unused)
        if self.superseded:
            findings = drop_superseded(findings, self.superseded)
        findings.sort(key=Finding.sort_key)
        # The local files the rules looked up (recorded by the context's file lookup as the rules ran).
        checks = post.memo.get(FILE_CHECKS) or []
        return Outcome(findings, urls, site, checks, source_host(post))

    def ignored_for(self, path: str) -> set[str]:
        if not self.config.per_file_ignores:
            return set()
        posix = PurePosixPath(path.replace(os.sep, "/")).as_posix().removeprefix("./")
        name = posix.rsplit("/", 1)[-1]
        # Patterns are relative to the config's folder, as ruff reads them: `docs/postlint.toml`'s
        # `"_drafts/*"` matches `docs/_drafts/x.md` when postlint runs from the repository's root.
        paths = [posix]
        source = self.config.source
        if source is not None and source.is_file():
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(source.parent)).replace(os.sep, "/")
            if not relative.startswith("../") and relative != posix:
                paths.append(relative)
        ignored: set[str] = set()
        for pattern, selectors in self.config.per_file_ignores.items():
            if any(fnmatchcase(p, pattern) for p in paths) or ("/" not in pattern and fnmatchcase(name, pattern)):
                ignored.update(a.code for a in self.rules if matches_any(selectors, a.code, a.name))
        return ignored

    def _finding(self, post: Post, active: ActiveRule, problem: Problem) -> Finding:
        line, column = post.position(problem.start)
        end = problem.end if problem.end is not None and problem.end >= problem.start else problem.start
        fix = problem.fix
        message = capped_message(problem.message)
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
            snippet = (post.text or "")[problem.start : min(end, problem.start + SNIPPET_LIMIT)]
        shown, shown_column = excerpt(post.text or "", problem.start, column) if self.excerpts else ("", 1)
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
            shown,
            shown_column,
            tuple((*post.position(start), *post.position(max(start, stop))) for start, stop in problem.related),
        )

    def crashed(self, post: Post, active: Active, error: Exception) -> Finding:
        frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
        message = (
            f"rule {active.code} ({active.name}) crashed on this file: {type(error).__name__}: {error}{where}; "
            "its checks were skipped (please report this with the file)"
        )
        if isinstance(error, RuleSpanError):
            message = (
                f"rule {active.code} ({active.name}) broke the rule contract on this file: {error}; its findings "
                "on this file were dropped (please report this rule bug with the file)"
            )
        return Finding(
            post.path,
            1,
            1,
            1,
            1,
            RuleCrashed.code,
            RuleCrashed.name,
            self.crash.severity,
            message,
            snippet=active.code,
        )


def _nested_patterns(folder: Path) -> tuple[list[str], list[str]] | None:
    """The walk patterns of ``folder``'s own config file, or ``None`` when it holds none (a broken one stops
    the run with exit 2 when its files are linted, as any config does)."""
    from postlint.config import CONFIG_FILES, ConfigError, find_config, read_config_file

    if not any((folder / name).is_file() for name in CONFIG_FILES):
        return None
    found = find_config(folder)
    if found is None or found.parent != Path(os.path.abspath(folder)):
        return None  # a pyproject.toml without [tool.postlint]
    try:
        config = read_config_file(found)
    except ConfigError:
        return None
    return config.include, [*config.exclude, *config.extend_exclude]


class RuleSpanError(ValueError):
    """A rule yielded a problem whose span is no place in the post."""


def _bad_span(problem: Problem, length: int) -> str | None:
    """Why a problem's span cannot be a place in a post of ``length`` characters (reversed, or past either
    end), or ``None``. The engine reports such a problem as a rule error (as markdownlint does) instead of
    clamping it to some other place."""
    start, end = problem.start, problem.end
    if start < 0 or start > length:
        return f"it reported a problem at offset {start}, outside the post's {length} characters"
    if end is not None and (end < start or end > length):
        return (
            f"it reported a problem spanning {start}..{end}, which is reversed or past the post's {length} characters"
        )
    return None


def _applies_to(rule: Rule[Any], readable: bool, parsed: bool) -> bool:
    """Whether ``rule`` runs on a post that decoded (``readable``) and whose front matter ``parsed``."""
    if rule.requires is Requirement.NOTHING:
        return True
    if not readable:
        return False
    if rule.requires is Requirement.FRONT_MATTER:
        return parsed
    return True
