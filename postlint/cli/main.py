"""The ``postlint`` command line: ``check``, ``rules``, ``explain``, ``schema`` and ``init``.

Exit codes: 0 when nothing at or above ``fail-on`` was found, 1 when something was, 2 for a usage or
configuration mistake (the message names the flag or key). A bad post is a finding, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from postlint.cli.fixes import fix_summary, fixable_hint, print_diff
from postlint.cli.init import init
from postlint.cli.messages import fail as _fail
from postlint.cli.messages import warn as _warn
from postlint.cli.output import guard_streams, prepare_stdout, progress_bar, workspace_prefix, write_report
from postlint.cli.ruledocs import explanation, rules_listing
from postlint.config import Config, ConfigError
from postlint.core.project import __version__
from postlint.engine.outcome import FileResult
from postlint.engine.registry import RuleLoadError, find_rule, load_rules
from postlint.reporters import FORMATS, ReportOptions, get_reporter
from postlint.reporters._neutralise import json_document, terminal
from postlint.run.session import LintRequest, LintRun, check_online, lint, load, on_changed_lines

if TYPE_CHECKING:
    from postlint.engine.lint import Engine


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postlint")
def main() -> None:
    """Lint post files: front matter, dates, images, captions, ad remnants and source links."""
    # Every line any command prints, on either stream, goes through one writer that escapes what GitHub's
    # runner would read as a workflow command (see postlint/reporters/_stream.py).
    guard_streams()


_isolated_option = click.option(
    "--isolated",
    is_flag=True,
    help="Read no config file and run only built-in rules: no code from the repository (CI on forks).",
)


def _lint_options(function: Callable[..., None]) -> Callable[..., None]:
    """The options every command that lints shares (check, baseline write, report)."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--select", multiple=True, help="Only these rules (codes, prefixes like PL3, or names)."),
        click.option("--extend-select", multiple=True, help="Add these rules to the selection."),
        click.option("--ignore", multiple=True, help="Skip these rules."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file."),
        click.option("--profile", help="Front-matter profile (jekyll, news)."),
        click.option("--now", "now_text", help="Treat this ISO 8601 date-time as now (reproducible date checks)."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes (default: the number of cores)."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the findings cache."),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False),
            help="Cache folder (default: one per project in the user's cache folder, outside the checkout).",
        ),
        _isolated_option,
        click.option(
            "--ignore-suppressions",
            is_flag=True,
            help="Report findings even where a postlint-disable comment in a post silences them (CI on forks).",
        ),
        click.option("--changed-since", metavar="REF", help="Lint only files added, modified or renamed since REF."),
        click.option(
            "--files-from",
            type=click.File("r", encoding="utf-8"),
            metavar="FILE|-",
            help="Lint the paths listed in FILE, one a line ('-': standard input).",
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            help="Apply exclude and extend-exclude to files named on the command line too (for pre-commit).",
        ),
        click.option(
            "--online/--no-online",
            "online",
            default=None,
            help="Check that remote images and source URLs still load (uses the network); --no-online "
            "overrides `online = true` in config.",
        ),
        click.option("--online-refresh", is_flag=True, help="With --online: ignore cached URL results."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _lint(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: str | None,
    profile: str | None,
    now_text: str | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: str | None,
    changed_since: str | None,
    files_from: TextIO | None,
    force_exclude: bool = False,
    isolated: bool = False,
    ignore_suppressions: bool = False,
    fail_on: str | None = None,
    quiet: bool = False,
    fix: tuple[bool, bool] | None = None,
    online: bool | None = None,
    online_refresh: bool = False,
    excerpts: bool = False,
    writes: tuple[Path, ...] = (),
) -> LintRun:
    """Lint the files PATHS name (see :func:`postlint.run.session.lint`), drawing progress on a terminal; a
    mistake in the flags or the config exits 2 naming it."""
    from postlint.sites.content import OwnOutputs

    request = LintRequest(
        paths=paths,
        select=_split(select),
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        config_path=config_path,
        profile=profile,
        now=_parse_now(now_text),
        jobs=jobs,
        no_cache=no_cache,
        cache_dir=cache_dir,
        changed_since=changed_since,
        files_from=files_from,
        force_exclude=force_exclude,
        isolated=isolated,
        ignore_suppressions=ignore_suppressions,
        fail_on=fail_on,
        fix=fix,
        online=online,
        excerpts=excerpts,
        # What this run writes is never one of its inputs: its reports, and standard output when the shell
        # redirects it to a file (`--format markdown > comment.md` creates comment.md before postlint starts).
        own_outputs=OwnOutputs.of(writes, (sys.stdout.fileno(),) if _has_fileno(sys.stdout) else ()),
    )
    progress = progress_bar() if sys.stderr.isatty() and not quiet else None
    try:
        run = lint(request, progress, _warn)
    except (ConfigError, RuleLoadError) as error:
        _fail(str(error))
        raise AssertionError from None  # _fail exits
    if progress is not None:
        click.echo("\r\x1b[K", nl=False, err=True)
    if run.online:
        run.results = list(_online_pass(run.config, run.owners, run.results, online_refresh, quiet))  # type: ignore[arg-type]
    return run


def _has_fileno(stream: TextIO) -> bool:
    try:
        stream.fileno()
    except (OSError, ValueError, AttributeError):  # a captured stream (tests, embedding) has none
        return False
    return True


def _online_pass(
    config: Config, owners: list[Engine], results: list[FileResult], refresh: bool, quiet: bool
) -> list[FileResult]:
    """The online pass (:func:`postlint.run.session.check_online`), with its progress and summary on stderr."""
    from postlint.online.run import summary

    shown = [0.0]

    def progress(done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if now - shown[0] >= 0.1 or done == total:
            shown[0] = now
            click.echo(f"\rchecking URLs: {done}/{total}", nl=False, err=True)

    live = progress if sys.stderr.isatty() and not quiet else None
    checked, run = check_online(config, owners, results, refresh, live, _warn)
    if live is not None:
        click.echo("\r\x1b[K", nl=False, err=True)
    if not quiet:
        summary(run, sys.stderr)
    return checked


def _parse_outputs(values: tuple[str, ...]) -> list[tuple[str, Path]]:
    outputs = []
    for value in values:
        name, separator, path = value.partition("=")
        if not separator or name not in FORMATS or not path:
            raise click.BadParameter(
                f"'{value}' is not FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}", param_hint="--output"
            )
        outputs.append((name, Path(path)))
    return outputs


@main.command()
@_lint_options
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), help="Lowest severity that fails.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="What to print on standard output.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write a report in another format to a file (repeatable), e.g. sarif=postlint.sarif.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print a table of counts per rule (with the text format: instead of each finding).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="auto: colour on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).",
)
@click.option("--changed-lines-only", is_flag=True, help="With --changed-since: only findings on changed lines.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline (see 'postlint baseline write').",
)
@click.option("--fix", "apply_fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply unsafe fixes too.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="Lint standard input ('-') as the file at PATH (its config, per-file ignores and site); with --fix, "
    "print the fixed text on standard output and the report on standard error.",
)
@click.option(
    "--full-diff",
    is_flag=True,
    help="With --diff: print long lines whole (the diff patch and git apply take), not as word diffs.",
)
def check(
    fail_on: str | None,
    exit_zero: bool,
    output_format: str,
    outputs: tuple[str, ...],
    statistics: bool,
    quiet: bool,
    color: str,
    changed_lines_only: bool,
    baseline_path: str | None,
    apply_fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    stdin_filename: str | None,
    full_diff: bool,
    **lint: Any,
) -> None:
    """Lint PATHS (files or directories; default: the current directory), or standard input as the file
    named by --stdin-filename."""
    targets = _parse_outputs(outputs)
    if stdin_filename is None and "-" in lint["paths"] and not os.path.lexists("-"):
        _fail("PATHS: '-' (standard input) needs --stdin-filename PATH, the path the text would have")
    if (apply_fix or show_diff) and lint.get("online"):
        _fail("--online: not with --fix or --diff (fix first, then check online)")
    # `--fix --diff` is what ruff users type: like ruff, show the diff and write nothing.
    if full_diff and not show_diff:
        _fail("--full-diff: only with --diff")
    if show_diff:
        _diff(unsafe_fixes, lint, full_diff, stdin_filename)
        return
    if changed_lines_only and not lint["changed_since"]:
        _fail("--changed-lines-only needs --changed-since REF")
    baseline = None
    if baseline_path is not None:
        from postlint.run.baseline import Baseline

        try:
            baseline = Baseline.load(Path(baseline_path))
        except ConfigError as error:
            _fail(str(error))
    html = output_format == "html" or any(name == "html" for name, _ in targets)
    fix = (unsafe_fixes, True) if apply_fix else None
    if stdin_filename is not None:
        from postlint.cli.stdin import lint_stdin

        run = lint_stdin(stdin_filename, lint, fail_on=fail_on, fix=fix, parse_now=_parse_now)
    else:
        writes = tuple(path for _, path in targets)
        run = _lint(**lint, fail_on=fail_on, quiet=quiet, fix=fix, excerpts=html, writes=writes)
    findings = run.findings()
    if changed_lines_only:
        try:
            findings = on_changed_lines(findings, lint["changed_since"])
        except ConfigError as error:
            _fail(str(error))
    known = 0
    stale: list[dict[str, object]] = []
    if baseline is not None:
        findings, known, stale = baseline.apply(findings)
    result = run.result(findings)
    result.baselined = known
    use_color = wants_color(color, sys.stdout)
    options = ReportOptions(
        color=use_color,
        quiet=quiet,
        statistics=statistics,
        step_summary=os.environ.get("GITHUB_STEP_SUMMARY") or None,
        root_prefix=workspace_prefix(),
    )
    if output_format != "github":
        options.step_summary = None
    # With --stdin-filename --fix, standard output carries the fixed text: the report goes to stderr.
    to_stderr = apply_fix and stdin_filename is not None
    if not to_stderr:
        prepare_stdout(output_format)
    report_to = sys.stderr if to_stderr else sys.stdout
    get_reporter(output_format)(result, report_to, options)
    for name, path in targets:
        write_report(name, result, path, options)
    if apply_fix:
        fix_summary(run, len(findings), report_to if output_format == "text" and not quiet else sys.stderr)
    elif not quiet and output_format == "text":
        fixable_hint(findings)
    if baseline is not None and not quiet:
        click.echo(f"postlint: {known} known findings hidden by the baseline {baseline_path}.", err=True)
        if stale:
            click.echo(
                f"postlint: {len(stale)} baseline entries no longer match (fixed or moved); run "
                "'postlint baseline write' to drop them:",
                err=True,
            )
            for entry in stale:
                click.echo(terminal(f"  {entry['path']}: {entry['code']} x{entry['count']}"), err=True)
    sys.exit(1 if result.failed() and not exit_zero else 0)


def wants_color(choice: str, stream: Any) -> bool:
    """``--color``: ``always`` and ``never`` decide; ``auto`` follows the conventions of https://no-color.org and
    https://force-color.org (a non-empty ``NO_COLOR`` turns colour off, a non-empty ``FORCE_COLOR`` on), else
    colours a terminal only."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _diff(unsafe: bool, lint: dict[str, Any], full: bool = False, stdin_filename: str | None = None) -> None:
    """Print what --fix would change as a unified diff; exit 1 when there is something to fix."""
    if stdin_filename is not None:
        from postlint.cli.stdin import lint_stdin

        run = lint_stdin(stdin_filename, lint, fix=(unsafe, False), parse_now=_parse_now)
    else:
        run = _lint(**lint, quiet=True, fix=(unsafe, False))
    sys.exit(1 if print_diff(run, full) else 0)


@main.group()
def baseline() -> None:
    """Record today's findings so that checks report only new ones."""


@baseline.command("write")
@click.argument("baseline_file", type=click.Path(dir_okay=False))
@_lint_options
def baseline_write(baseline_file: str, **lint: Any) -> None:
    """Lint PATHS and record every finding in BASELINE_FILE (then: postlint check --baseline BASELINE_FILE)."""
    from postlint.run.baseline import write

    run = _lint(**lint)
    try:
        count = write(run.findings(), Path(baseline_file))
    except OSError as error:
        _fail(f"BASELINE_FILE: cannot write {baseline_file}: {error.strerror or error}")
        return
    click.echo(f"postlint: recorded {count} findings from {len(run.results)} files in {baseline_file}.")


@main.command()
@_lint_options
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False),
    default="postlint-report.html",
    show_default=True,
    help="Where to write the HTML report.",
)
def report(output: str, **lint: Any) -> None:
    """Lint PATHS and write one self-contained HTML report (no network needed to view it)."""
    run = _lint(**lint, excerpts=True, writes=(Path(output),))
    result = run.result(run.findings())
    write_report("html", result, Path(output), ReportOptions())
    click.echo(f"postlint: {len(result.findings)} findings in {len(run.results)} files; report written to {output}.")


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@_isolated_option
def list_rules(output_format: str, config_path: str | None, isolated: bool) -> None:
    """List every rule: code, name, default severity, whether it can fix, and what it reports."""
    try:
        rules = load_rules(load(config_path, [], None, None, isolated))
    except (ConfigError, RuleLoadError) as error:
        _fail(str(error))
        return
    for line in rules_listing(rules, output_format):
        click.echo(line)


@main.command()
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@_isolated_option
def explain(rule: str, config_path: str | None, isolated: bool) -> None:
    """Show a rule's documentation with its bad and good examples (RULE is a code or a name), including
    rules from the config's rule-dirs."""
    try:
        rules = load_rules(load(config_path, [], None, None, isolated))
    except (ConfigError, RuleLoadError) as error:
        _fail(str(error))
        return
    found = find_rule(rules, rule)
    if found is None:
        _fail(f"RULE: no rule has the code or name '{rule}' (see 'postlint rules')")
        return
    for chunk in explanation(found):
        click.echo(chunk)


@main.command()
@click.option("--profile", help="Profile to show (default: the config's, else jekyll).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@_isolated_option
def schema(profile: str | None, config_path: str | None, isolated: bool) -> None:
    """Print the effective front-matter JSON Schema (for editors that validate while you type)."""
    from postlint.knowledge.schema import FrontMatterSchema, SchemaConfigError

    try:
        config = load(config_path, [], profile, None, isolated)
        front = config.front_matter
        effective = FrontMatterSchema.build(
            config.profile, front.model, front.fields, front.unknown_keys, front.known_keys
        )
    except (ConfigError, SchemaConfigError) as error:
        _fail(str(error))
        return
    document: dict[str, Any] = effective.json_schema()
    click.echo(json_document(document))


@main.command()
def server() -> None:
    """Run the language server on standard input and output (for editors; see docs/editors.md)."""
    import importlib.util

    if importlib.util.find_spec("pygls") is None or importlib.util.find_spec("lsprotocol") is None:
        _fail("postlint server needs pygls and lsprotocol: pip install 'postlint[server]'")
    from postlint.cli.server import serve

    serve()


main.add_command(init)
