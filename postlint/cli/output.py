"""The command line's output besides the reports themselves: the progress bar on a terminal, standard
output set up for a report, a report written to a file (``--output``, ``postlint report``), and the
folder prefix that makes paths in GitHub annotations match the checkout."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO, cast

import click

from postlint.cli.messages import fail
from postlint.core.results import RunResult
from postlint.reporters import ReportOptions, get_reporter
from postlint.reporters._stream import FORMAT_STYLES, CommandSafeWriter, guard


def progress_bar() -> Callable[[int, int], None]:
    """A one-line progress bar on stderr, drawn only for runs long enough to need one."""
    import time

    started = time.monotonic()
    shown = [0.0]
    # Runs shorter than this never show a bar (pre-commit); the variable exists for tests and slow terminals.
    delay = float(os.environ.get("POSTLINT_PROGRESS_DELAY", "0.5"))

    def draw(done: int, total: int) -> None:
        now = time.monotonic()
        if now - started < delay or (now - shown[0] < 0.1 and done < total):
            return
        shown[0] = now
        width = 30
        filled = int(width * done / max(total, 1))
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files", nl=False, err=True)

    return draw


def workspace_prefix() -> str:
    """In GitHub Actions, the folder postlint runs in relative to the checkout ("site/"), else ""."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return ""
    try:
        relative = os.path.relpath(Path.cwd().resolve(), Path(workspace).resolve())
    except ValueError:
        return ""
    if relative == "." or relative.startswith(".."):
        return ""
    return relative.replace(os.sep, "/") + "/"


def guard_streams() -> None:
    """Route standard output and standard error through a :class:`CommandSafeWriter` (once per process), and
    show an uncaught exception's traceback with its controls and invisible characters escaped (its message
    may quote a file name or a post: a bug must not become a channel)."""
    if sys.stdout is not None:
        sys.stdout = guard(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = guard(sys.stderr)
    sys.excepthook = _inert_traceback


def _inert_traceback(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    import traceback

    from postlint.reporters._neutralise import terminal_lines

    text = "".join(traceback.format_exception(kind, error, trace))
    if sys.stderr is not None:
        sys.stderr.write(terminal_lines(text))
        sys.stderr.flush()


def prepare_stdout(output_format: str) -> None:
    """Reports are UTF-8 whatever the locale (a Windows pipe defaults to a code page); text goes to a terminal
    in its own encoding, with a character it cannot show written as an escape instead of failing the run.
    Workflow-command starts in the report are escaped in the format's own syntax."""
    import io

    stream = guard(sys.stdout)
    sys.stdout = stream
    stream.set_style(FORMAT_STYLES.get(output_format, "text"))
    if not isinstance(stream.inner, io.TextIOWrapper):
        return
    if output_format == "text":
        stream.inner.reconfigure(errors="backslashreplace")
    else:
        stream.inner.reconfigure(encoding="utf-8", errors="strict")


def write_report(name: str, result: RunResult, path: Path, options: ReportOptions) -> None:
    """Write the ``name`` report of ``result`` to ``path`` at once (never half a report); exit 2 if it cannot."""
    import io

    from postlint.core.atomic import write_atomic

    buffer = io.StringIO()
    out = cast(TextIO, CommandSafeWriter(buffer, FORMAT_STYLES.get(name, "text")))  # a file may be shown in a log
    get_reporter(name)(result, out, ReportOptions(statistics=options.statistics, root_prefix=options.root_prefix))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, buffer.getvalue())
    except OSError as error:
        fail(f"--output: cannot write {path}: {error.strerror or error}")
