"""The command line's helpers, one module per command or concern, below :mod:`postlint.cli.main`.

``postlint/cli/main.py`` declares the ``postlint`` group and its flags, calls the session and the reporters;
a command whose body is long (``init``) or output that is not a report (``--diff``, the fix summary)
lives here. Like the CLI, these modules print: the engine and the session never import them
(``tests/test_layering.py``).

This module holds what all of them share: the exit-2 error and the once-per-run warning.
"""

from __future__ import annotations

import sys

import click

from postlint.reporters._neutralise import terminal


def fail(message: str) -> None:
    """Print ``postlint: error: MESSAGE`` on stderr and exit 2 (a usage or configuration mistake)."""
    # Config errors quote keys, values and paths from the repository (a _config.yml time zone is read even
    # under --isolated): shown on one line, never obeyed, since a newline would start a forged '::error'
    # workflow command in a CI log.
    click.echo(f"postlint: error: {terminal(message)}", err=True)
    sys.exit(2)


_warned: set[str] = set()


def warn(message: str) -> None:
    """A warning on stderr, once per run, with anything unprintable (from a path) shown escaped."""
    shown = terminal(message)  # invisible characters too (a variation selector in a file name)
    if shown not in _warned:
        _warned.add(shown)
        click.echo(f"postlint: warning: {shown}", err=True)
