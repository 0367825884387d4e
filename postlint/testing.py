"""Test a rule the way postlint tests its own: by its examples.

Each rule has a folder ``examples/<rule-name>/`` with a ``bad.md`` that marks the findings it must produce,
inline, and a ``good.md`` that must produce no finding at all (from any rule). A marker is ``expect:``
followed by codes, anywhere on a line (an HTML comment in the body, a YAML comment in the front matter)::

    ![](/img/a.png) <!-- expect: PL301 -->      the finding is on this line, any column
    title: 42  # expect: PL101:8                on this line, at column 8
    <!-- expect: PL302@12:3, PL303@14 -->       at line 12 column 3, and anywhere on line 14

A ``bad.md`` without markers may list them in ``expected.txt`` beside it, one ``CODE@LINE:COL`` a line.
Every ``*bad*.md`` must yield exactly the marked findings of the codes it mentions (plus the rule's own);
every other ``*.md`` (except ``*.fixed.md``) must yield nothing. A ``postlint.toml`` in the folder configures
the run. Online rules are judged on ``online-results.toml`` in the folder (fake answers, one
``[results."<url>"]`` table each, with ``verdict``, ``reason``, ``status``, ``content-type``, ``body-kind``
and ``archived``), never on the network.

With pytest, one test per example file::

    import pytest
    from postlint.testing import check_example, example_files

    @pytest.mark.parametrize("path", example_files("examples"), ids=str)
    def test_example(path):
        check_example(path, rule_dirs=["my_rules"])

A mismatch raises :class:`ExampleMismatch` (an ``AssertionError``) naming the file, code, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from postlint.api import OnlineRule, Rule, UrlResult
from postlint.config import Config, read_config_file
from postlint.core.model import Finding
from postlint.core.tree import Tree
from postlint.engine.lint import Engine
from postlint.run.linter import Linter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "ExampleMismatch",
    "Expectation",
    "check_example",
    "check_examples",
    "example_config",
    "example_files",
    "expected_findings",
    "fake_results",
    "lint_example",
    "lint_text",
]

_MARKER = re.compile(r"expect:\s*((?:[A-Z]{1,4}\d{3}(?:@\d+)?(?::\d+)?[\s,]*)+)")
_TOKEN = re.compile(r"([A-Z]{1,4}\d{3})(?:@(\d+))?(?::(\d+))?")

RuleClass = type[Rule[Any]]


class Expectation(NamedTuple):
    """A finding an example expects: its code, line and column (``None``: any column on that line)."""

    code: str
    line: int
    column: int | None

    def __str__(self) -> str:
        return f"{self.code} at {self.line}:{'*' if self.column is None else self.column}"


class ExampleMismatch(AssertionError):
    """An example did not yield the findings it marks; the message lists each difference."""


def expected_findings(path: str | Path) -> list[Expectation]:
    """The findings ``path`` marks inline (``CODE``, ``CODE:COL``, ``CODE@LINE``, ``CODE@LINE:COL`` after
    ``expect:``), or, if it marks none and is a ``bad.md``, those listed in ``expected.txt`` beside it."""
    path = Path(path)
    found: list[Expectation] = []
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        for marker in _MARKER.finditer(line):
            for code, at_line, column in _TOKEN.findall(marker.group(1)):
                found.append(Expectation(code, int(at_line) if at_line else number, int(column) if column else None))
    sidecar = path.with_name("expected.txt")
    if not found and path.name == "bad.md" and sidecar.is_file():
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            match = _TOKEN.fullmatch(line.strip())
            if match:
                code, at_line, column = match.groups()
                found.append(Expectation(code, int(at_line or 1), int(column) if column else None))
    return found


def example_files(folder: str | Path) -> list[Path]:
    """Every example under ``folder``: the ``*.md`` files (not ``*.fixed.md``) of each sub-folder whose name
    does not start with ``_`` or ``.``, and the files of its ``_posts`` folder whose names say ``bad`` or
    ``good`` (for rules about how Jekyll reads posts' file names; the others there are the site the site
    rules' examples link to), sorted. The sub-folder's name is the rule's name."""
    root = Path(folder)
    files: list[Path] = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        files.extend(path for path in sorted(sub.glob("*.md")) if not path.name.endswith(".fixed.md"))
        files.extend(path for path in sorted(sub.glob("_posts/*")) if path.is_file() and _marked(path.name))
    return files


def _marked(name: str) -> bool:
    stem = name.rpartition(".")[0] or name
    return any(word in stem.split("-") for word in ("bad", "good"))


def _example_folder(path: Path) -> Path:
    """The example folder a file belongs to (a file of its ``_posts`` folder belongs to the folder above)."""
    return path.parent.parent if path.parent.name == "_posts" else path.parent


def example_config(folder: str | Path, rule_dirs: Iterable[str | Path] = ()) -> Config:
    """The configuration an example folder is linted with: its ``postlint.toml`` if it has one, plus
    ``rule_dirs`` (where the rule under test is loaded from)."""
    local = Path(folder) / "postlint.toml"
    config = read_config_file(local) if local.is_file() else Config()
    extra = [str(Path(directory).resolve()) for directory in rule_dirs]
    if extra:
        config.rule_dirs = [*config.rule_dirs, *(d for d in extra if d not in config.rule_dirs)]
    return config


def fake_results(folder: str | Path) -> dict[str, UrlResult]:
    """What the example URLs answer, from ``online-results.toml`` in ``folder``: online rules are tested on
    fake results, never on the network."""
    source = Path(folder) / "online-results.toml"
    table = tomllib.loads(source.read_text(encoding="utf-8"))["results"]
    return {
        url: UrlResult(
            url,
            entry["verdict"],
            entry.get("reason", ""),
            entry.get("status"),
            entry.get("content-type"),
            entry.get("body-kind"),
            archived=entry.get("archived"),
        )
        for url, entry in table.items()
    }


def _find_rule(rule: str | RuleClass | None, path: Path, rules: Sequence[RuleClass]) -> RuleClass:
    key = _example_folder(path).name if rule is None else rule if isinstance(rule, str) else rule.code
    for candidate in rules:
        if key in (candidate.code, candidate.name):
            return candidate
    raise ExampleMismatch(f"{path}: no rule named or coded '{key}' is loaded (is it in rule_dirs?)")


def _resolve(path: Path, rule: str | RuleClass | None, rule_dirs: Iterable[str | Path]) -> tuple[Config, RuleClass]:
    from postlint.engine.registry import load_rules  # postlint's own findings (PL9xx) have examples too

    config = example_config(_example_folder(path), rule_dirs)
    return config, _find_rule(rule, path, load_rules(config))


def _lint(path: Path, rule: RuleClass, config: Config, now: dt.datetime | None, only: bool = False) -> list[Finding]:
    # only: the rule under test and the codes the example marks, not every built-in rule (a plugin's good.md
    # need not pass postlint's own rules).
    select = sorted({rule.code, *(e.code for e in expected_findings(path))}) if only else None
    if not issubclass(rule, OnlineRule):
        # Through the public API, confined as `postlint check PATH` is (PL016's example needs it); site rules
        # (PL8xx) see the example's folder as its site (a `_posts/` beside it).
        linter = Linter(config, root=path.parent, select=select, extend_select=[rule.code], now=now, cache=False)
        return linter.lint_file(path)
    tree = Tree.for_paths([str(path)])  # confined as `postlint check PATH` is
    config.online = config.online.model_copy(update={"enabled": True})
    engine = Engine.from_config(config, path.parent, select=select, extend_select=[rule.code], now=now, tree=tree)
    result = engine.lint_file_result(path, str(path))
    results = fake_results(path.parent)
    missing = sorted({ref.url for ref in result.urls} - set(results))
    if missing:
        raise ExampleMismatch(f"{path.parent / 'online-results.toml'} has no result for {missing}")
    return sorted([*result.findings, *engine.judge_urls(result, results)], key=Finding.sort_key)


def lint_example(
    path: str | Path,
    rule: str | RuleClass | None = None,
    *,
    rule_dirs: Iterable[str | Path] = (),
    now: dt.datetime | None = None,
    only: bool = False,
) -> list[Finding]:
    """Lint one example with its folder's configuration and ``rule`` (a class, a code or a name; by default
    the rule named like the folder) selected on top of the default rules (``only=True``: instead of them, with
    the codes the example marks). ``now`` fixes the time date rules compare with (default: the clock). An
    online rule is judged on the folder's ``online-results.toml``."""
    path = Path(path)
    config, found = _resolve(path, rule, rule_dirs)
    return _lint(path, found, config, now, only)


def _describe(finding: Finding) -> str:
    return f"{finding.code} at {finding.line}:{finding.column} ({finding.message})"


def check_example(
    path: str | Path,
    rule: str | RuleClass | None = None,
    *,
    rule_dirs: Iterable[str | Path] = (),
    now: dt.datetime | None = None,
    only: bool = False,
) -> list[Finding]:
    """Lint one example (see :func:`lint_example`) and compare: a ``*bad*.md`` must yield exactly the findings
    it marks (among the codes it marks and the rule's own), any other file none at all. ``only=True`` runs just
    the rule under test and the codes the example marks, so a plugin's ``good.md`` need not pass every built-in
    rule. Returns the findings; raises :class:`ExampleMismatch` naming each missing or unexpected finding's file,
    code, line and column."""
    __tracebackhide__ = True  # pytest shows the mismatch, not this function's source
    path = Path(path)
    config, found = _resolve(path, rule, rule_dirs)
    code = found.code
    findings = _lint(path, found, config, now, only)
    if "bad" not in path.stem:
        if findings:
            lines = "\n".join(f"  {path}:{f.line}:{f.column}: {_describe(f)}" for f in findings)
            raise ExampleMismatch(f"{path} must yield no finding, but yields:\n{lines}")
        return findings
    expected = expected_findings(path)
    if not expected:
        raise ExampleMismatch(f"{path} marks no expected finding (add `expect: {code}` on the line of the problem)")
    if not any(e.code == code for e in expected):
        raise ExampleMismatch(f"{path} expects nothing from {code}")
    wanted = {e.code for e in expected} | {code}
    unmatched = [f for f in findings if f.code in wanted]
    actual = ", ".join(f"{f.code} at {f.line}:{f.column}" for f in unmatched) or "none"
    problems: list[str] = []
    for expectation in expected:
        hit = next(
            (
                f
                for f in unmatched
                if f.code == expectation.code and f.line == expectation.line and expectation.column in (None, f.column)
            ),
            None,
        )
        if hit is None:
            where = f"{path}:{expectation.line}:{'*' if expectation.column is None else expectation.column}"
            problems.append(f"  {where}: expected {expectation}, not found")
        else:
            unmatched.remove(hit)
    problems.extend(f"  {path}:{f.line}:{f.column}: unexpected {_describe(f)}" for f in unmatched)
    if problems:
        raise ExampleMismatch(f"{path} does not yield what it marks:\n" + "\n".join(problems) + f"\n  got: {actual}")
    return findings


def check_examples(
    folder: str | Path, *, rule_dirs: Iterable[str | Path] = (), now: dt.datetime | None = None, only: bool = False
) -> int:
    """Check every example under ``folder`` (see :func:`example_files`; each sub-folder is named after its
    rule; ``only`` as for :func:`check_example`) and raise one :class:`ExampleMismatch` listing every file that
    fails. Returns how many were checked."""
    dirs = list(rule_dirs)
    files = example_files(folder)
    if not files:
        raise ExampleMismatch(f"{folder} holds no example (expected <rule-name>/bad.md and good.md)")
    failures: list[str] = []
    for path in files:
        try:
            check_example(path, rule_dirs=dirs, now=now, only=only)
        except ExampleMismatch as error:
            failures.append(str(error))
    if failures:
        raise ExampleMismatch("\n".join(failures))
    return len(files)


def lint_text(
    text: str,
    rule: str | RuleClass,
    *,
    path: str = "post.md",
    config: Config | None = None,
    rule_dirs: Iterable[str | Path] = (),
    now: dt.datetime | None = None,
    only: bool = True,
) -> list[Finding]:
    """Lint ``text`` as if it were the file ``path`` (its suffix decides Markdown or HTML) with ``rule`` (a class,
    a code or a name) and return the findings: the quickest way to test a rule on a string. ``only`` (the
    default) runs just that rule; ``False`` runs it on top of the default rules. ``config`` (default: postlint's
    defaults, with ``rule_dirs``) configures the run. No file is read or written, so site rules (PL8xx), which
    need the whole site, and online rules see nothing here; test those with example files."""
    from postlint.engine.registry import load_rules

    settings = config if config is not None else Config(rule_dirs=[str(folder) for folder in rule_dirs])
    found = _find_rule(rule if not isinstance(rule, type) else rule.code, Path(path), load_rules(settings))
    engine = Engine.from_config(
        settings, Path("."), select=[found.code] if only else None, extend_select=[found.code], now=now
    )
    return engine.lint_post(engine.parse(text.encode("utf-8"), path, Path(path))).findings
