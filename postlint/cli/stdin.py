"""``postlint check --stdin-filename PATH -``: lint standard input as the file at PATH.

The text is linted through the public API (:class:`postlint.run.linter.Linter`) with what the command line
would choose for the file at PATH: the config nearest to it (or ``--config``/``--isolated``), its per-file
ignores, the site and generator found from it, the site rules against the rest of the site on disk. The
report is what ``postlint check PATH`` prints for the same bytes. With ``--fix`` the fixed text goes to
standard output (unchanged when nothing was fixed) and the report to standard error, as ruff does it; with
``--diff`` the fixes are shown as a diff of PATH.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from postlint.cli.messages import fail
from postlint.config import ConfigError
from postlint.core.results import FixOutcome
from postlint.engine.outcome import FileResult
from postlint.engine.registry import RuleLoadError
from postlint.run.session import LintRun, load

#: Options of ``check`` that choose files or go online: meaningless for one text on standard input.
_REFUSED = {
    "changed_since": "--changed-since",
    "files_from": "--files-from",
    "online": "--online",
    "jobs": "--jobs",
}


def lint_stdin(
    stdin_filename: str,
    lint: dict[str, Any],
    *,
    fail_on: str | None = None,
    fix: tuple[bool, bool] | None = None,
    parse_now: Any = None,
) -> LintRun:
    """Lint (``fix=None``) or fix (``(unsafe, write)``) standard input as the file ``stdin_filename``;
    ``lint`` holds the options of ``check``. A usage or config mistake exits 2 naming it."""
    from postlint.run.linter import Linter

    paths = tuple(lint.get("paths") or ())
    if paths not in ((), ("-",)):
        fail("--stdin-filename: standard input is the only input; name '-' as the only PATH (or none)")
    for key, flag in _REFUSED.items():
        if lint.get(key):
            fail(f"{flag}: not with --stdin-filename (standard input is one file)")
    if not stdin_filename:
        fail("--stdin-filename: name the path the text would have")
    data = sys.stdin.buffer.read()
    select, extend_select, ignore = (_split(lint.get(k) or ()) for k in ("select", "extend_select", "ignore"))
    try:
        config = load(
            lint.get("config_path"), [stdin_filename], lint.get("profile"), fail_on, bool(lint.get("isolated"))
        )
        linter = Linter(
            config,
            root=stdin_filename,
            select=select,
            extend_select=extend_select,
            ignore=ignore,
            now=parse_now(lint.get("now_text")) if parse_now is not None else None,
            inline_suppressions=not lint.get("ignore_suppressions"),
            cache=not lint.get("no_cache"),
            cache_dir=lint.get("cache_dir"),
        )
    except (ConfigError, RuleLoadError) as error:
        fail(str(error))
        raise AssertionError from None  # fail exits
    if lint.get("force_exclude") and _excluded(linter, stdin_filename):
        if fix is not None and fix[1]:
            _write_verbatim(data)  # an excluded file passes through unchanged
        return LintRun(linter.config, [linter.engine], [], [])
    results: list[FileResult | FixOutcome]
    if fix is None:
        results = list(linter.results([(data, stdin_filename)]))
        return LintRun(linter.config, [linter.engine], results, [linter.engine])
    unsafe, write = fix
    fixed = linter.fix(data, stdin_filename, unsafe=unsafe)
    if write:  # the fixed text, or the text as it came when nothing changed
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        _write_verbatim(bom + fixed.text.encode("utf-8", "surrogatepass") if fixed.changed else data)
    before = _decoded(data) if fixed.changed else None
    outcome = FixOutcome(stdin_filename, fixed.findings, fixed.fixed, before, fixed.text if fixed.changed else None)
    outcome.skipped = fixed.skipped
    return LintRun(linter.config, [linter.engine], [outcome], [])


def _write_verbatim(data: bytes) -> None:
    """Write the post's bytes to standard output as they are: the fixed file is data, like ``cat``'s output,
    so it does not go through the writer that escapes workflow commands in reports (which would change the
    file). Redirect it to a file; a CI step should not print it to its log."""
    stream: Any = sys.stdout
    stream.flush()
    while hasattr(stream, "inner"):  # postlint's command-safe writer around the real stream
        stream = stream.inner
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text-only stream (an embedding application's): the text, as decoded
        stream.write(data.decode("utf-8", "surrogateescape"))
    else:
        binary.write(data)
        binary.flush()


def _split(values: tuple[str, ...]) -> list[str] | None:
    """Rule selectors as the command line reads them: comma-separated or repeated; ``None`` when absent."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _decoded(data: bytes) -> str:
    return (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).decode("utf-8", "surrogatepass")


def _excluded(linter: Any, path: str) -> bool:
    from postlint.run.session import _excluded as excluded

    return excluded(linter.engine, Path(path))
