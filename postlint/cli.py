"""The ``postlint`` command line: ``check``, ``rules``, ``explain`` and ``schema``.

Exit codes: 0 when nothing at or above ``fail-on`` was found, 1 when something was, 2 for a usage or
configuration mistake (the message names the flag or key). A bad post is a finding, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from postlint import __version__
from postlint.config import Config, ConfigError, load_config
from postlint.findings import RunResult
from postlint.registry import RuleLoadError, discover, find_rule
from postlint.reporters import FORMATS, ReportOptions, get_reporter


def _split(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _parse_now(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"'{value}' is not an ISO 8601 date-time", param_hint="--now") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _progress_bar() -> Callable[[int, int], None]:
    """A one-line progress bar on stderr, drawn only for runs long enough to need one."""
    import time

    started = time.monotonic()
    shown = [0.0]

    def draw(done: int, total: int) -> None:
        now = time.monotonic()
        if now - started < 0.5 or (now - shown[0] < 0.1 and done < total):
            return
        shown[0] = now
        width = 30
        filled = int(width * done / max(total, 1))
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files", nl=False, err=True)

    return draw


def _fail(message: str) -> None:
    click.echo(f"postlint: error: {message}", err=True)
    sys.exit(2)


def _load(config_path: str | None, paths: list[str], profile: str | None, fail_on: str | None) -> Config:
    start = Path(paths[0]) if paths else Path(".")
    config = load_config(Path(config_path) if config_path else None, start)
    if profile:
        config.profile = profile
    if fail_on:
        config.fail_on = fail_on  # type: ignore[assignment]
    return config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postlint")
def main() -> None:
    """Lint post files: front matter, dates, images, captions, ad remnants and source links."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes like PL3, or names; comma-separated).")
@click.option("--extend-select", multiple=True, help="Add these rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--profile", help="Front-matter profile (jekyll, news).")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), help="Lowest severity that fails.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--statistics", is_flag=True, help="Also print counts per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--now", "now_text", help="Treat this ISO 8601 date-time as now (reproducible date checks).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes to lint with (default: the number of cores).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the findings cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where the cache lives (default: .postlint_cache).")
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    profile: str | None,
    fail_on: str | None,
    exit_zero: bool,
    output_format: str,
    statistics: bool,
    quiet: bool,
    color: str,
    now_text: str | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: str | None,
) -> None:
    """Lint PATHS (files or directories; default: the current directory)."""
    from postlint.cache import CACHE_DIR_NAME, FindingsCache
    from postlint.engine import Engine
    from postlint.runner import default_jobs, lint_files

    targets = list(paths) or ["."]
    now = _parse_now(now_text)
    try:
        config = _load(config_path, targets, profile, fail_on)
        engine = Engine.from_config(
            config,
            Path(targets[0]),
            select=_split(select),
            extend_select=_split(extend_select),
            ignore=_split(ignore),
            now=now,
        )
    except (ConfigError, RuleLoadError) as error:
        _fail(str(error))
        return
    for target in targets:
        if not Path(target).exists() and not Path(target).is_symlink():
            _fail(f"PATHS: '{target}' does not exist")
    cache = None
    if not no_cache:
        root = (
            Path(cache_dir) if cache_dir else (config.source.parent if config.source else Path.cwd()) / CACHE_DIR_NAME
        )
        cache = FindingsCache(root, engine.fingerprint)
    progress = _progress_bar() if sys.stderr.isatty() and not quiet else None
    findings, files = lint_files(engine, engine.iter_paths(targets), jobs or default_jobs(), cache, progress)
    if progress is not None:
        click.echo("\r\x1b[K", nl=False, err=True)
    from postlint.api import Severity

    result = RunResult(findings, files, engine.rule_infos(), Severity(config.fail_on))
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty())
    get_reporter(output_format)(result, sys.stdout, ReportOptions(color=use_color, quiet=quiet, statistics=statistics))
    sys.exit(1 if result.failed() and not exit_zero else 0)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
def list_rules(output_format: str, config_path: str | None) -> None:
    """List every rule: code, name, default severity, whether it can fix, and what it reports."""
    from postlint._meta import META_RULES

    try:
        config = _load(config_path, [], None, None)
        rules = [*discover(config.rule_dirs), *META_RULES]
    except (ConfigError, RuleLoadError) as error:
        _fail(str(error))
        return
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "fixable": r.fixable,
            "enabled_by_default": r.enabled_by_default,
            "summary": r.summary(),
        }
        for r in sorted(rules, key=lambda r: r.code)
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(row["name"]) for row in rows)  # type: ignore[arg-type]
    click.echo(f"{'code':<6} {'name':<{width}} {'severity':<8} {'fix':<3}  summary")
    for row in rows:
        fix = "yes" if row["fixable"] else ""
        off = "" if row["enabled_by_default"] else " (off by default)"
        click.echo(f"{row['code']:<6} {row['name']:<{width}} {row['severity']:<8} {fix:<3}  {row['summary']}{off}")


def _examples(rule_name: str) -> dict[str, str]:
    from importlib import resources

    found: dict[str, str] = {}
    try:
        folder = resources.files("postlint_examples").joinpath(rule_name)
    except ModuleNotFoundError:
        return found
    for name in ("bad.md", "good.md"):
        entry = folder.joinpath(name)
        if entry.is_file():
            found[name] = entry.read_text(encoding="utf-8")
    return found


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Show a rule's documentation with its bad and good examples (RULE is a code or a name)."""
    from postlint._meta import META_RULES

    try:
        rules = [*discover(), *META_RULES]
    except RuleLoadError as error:
        _fail(str(error))
        return
    found = find_rule(rules, rule)
    if found is None:
        _fail(f"RULE: no rule has the code or name '{rule}' (see 'postlint rules')")
        return
    import inspect

    doc = inspect.cleandoc(found.__doc__ or "")
    click.echo(f"# {found.code} {found.name}\n")
    click.echo(
        f"Default severity: {found.severity.value}. Fixable: {'yes' if found.fixable else 'no'}."
        f"{'' if found.enabled_by_default else ' Off by default: enable it with extend-select.'}\n"
    )
    click.echo(doc)
    options = found.Options.model_json_schema().get("properties", {})
    if options:
        click.echo("\n## Option defaults")
        defaults = found.Options().model_dump(by_alias=True, mode="json")
        for key in options:
            alias = key
            click.echo(f"- `{alias}` = {json.dumps(defaults.get(alias), ensure_ascii=False)}")
    for name, text in _examples(found.name).items():
        title = "Example of a problem" if name == "bad.md" else "Example without the problem"
        click.echo(f"\n## {title} ({name})\n\n```markdown\n{text.rstrip()}\n```")


@main.command()
@click.option("--profile", help="Profile to show (default: the config's, else jekyll).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
def schema(profile: str | None, config_path: str | None) -> None:
    """Print the effective front-matter JSON Schema (for editors that validate while you type)."""
    from postlint.schema import FrontMatterSchema, SchemaConfigError

    try:
        config = _load(config_path, [], profile, None)
        front = config.front_matter
        effective = FrontMatterSchema.build(
            config.profile, front.model, front.fields, front.unknown_keys, front.known_keys
        )
    except (ConfigError, SchemaConfigError) as error:
        _fail(str(error))
        return
    document: dict[str, Any] = effective.json_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
