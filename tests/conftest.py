"""Shared test helpers: lint text or files in-process, and find ``../shared`` when it is there."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from postlint.config import Config, parse_config
from postlint.core.model import Finding
from postlint.engine.lint import Engine

# Tests make throw-away git repositories in tmp_path. Under `git rebase -x`, a hook or a worktree, git's own
# variables (GIT_DIR, GIT_INDEX_FILE, ...) would point those commands at the project's repository instead,
# where `git init`/`commit` can flip core.bare or add commits: every test runs without them.
_GIT_LOCATIONS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")
for _name in (*_GIT_LOCATIONS, "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES"):
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_8886801eae4ac87b.txt"
CORPUS = SHARED / "corpus" / "dev"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-2.1.0.json"
#: A fixed "now" so date checks are reproducible.
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason="../shared (the seed post and the corpus) is only present in the project's workspace and CI",
)


def make_engine(
    config: Config | dict[str, object] | None = None, start: Path | None = None, **kwargs: object
) -> Engine:
    if config is None:
        config = Config()
    elif isinstance(config, dict):
        config = parse_config(config, None)
    kwargs.setdefault("now", NOW)
    return Engine.from_config(config, start or ROOT / "tests", **kwargs)  # type: ignore[arg-type]


LintText = Callable[..., list[Finding]]


@pytest.fixture
def lint_text(tmp_path: Path) -> LintText:
    """Write ``text`` to ``tmp_path/name`` and lint it; returns the findings."""

    def run(
        text: str | bytes, name: str = "post.md", config: Config | dict[str, object] | None = None, **kwargs: object
    ) -> list[Finding]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        engine = make_engine(config, start=tmp_path, **kwargs)
        return engine.lint_file(path, str(path))

    return run


def codes(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the ``postlint`` command in this process, through click's test runner; returns (exit code,
    stdout, stderr). A new interpreter per call cost most of the CLI tests' time; what only a real process
    shows (start-up, ``os._exit``, ``sys.path``, signals) is tested with :func:`run_cli_process`.

    ``env`` is set for the call only (click's runner restores it). ``cwd`` is entered for the call and left
    after it (a test process runs one test at a time, also under
    pytest-xdist, whose workers are processes). An exception other than an exit is raised again, so a crash
    fails the test instead of passing as exit status 1.
    """
    import os

    from click.testing import CliRunner

    from postlint.cli.main import main

    before = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), prog_name="postlint", env=env)
    finally:
        os.chdir(before)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def run_cli_process(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run ``python -m postlint`` as a user would, in a new process; returns (exit code, stdout, stderr)."""
    import subprocess

    completed = subprocess.run(
        [sys.executable, "-m", "postlint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        encoding="utf-8",
    )
    return completed.returncode, completed.stdout, completed.stderr


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_home(tmp_path_factory: pytest.TempPathFactory) -> object:
    """Runs in the suite keep their findings cache (and its key) in a temporary folder, not the user's."""
    import os

    from postlint.run.cache import CACHE_ENV

    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("postlint-cache"))
    yield
    if previous is None:
        del os.environ[CACHE_ENV]
    else:
        os.environ[CACHE_ENV] = previous


def write_site(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` (relative name: text) below ``folder``, making their folders."""
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def site_findings(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[str, str, int, int]]:
    """``postlint check`` run in ``folder`` as a user runs it, with the corpus's fixed "now": (file, code, line,
    column) of each finding."""
    from click.testing import CliRunner

    from postlint.cli.main import main

    monkeypatch.chdir(folder)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--now", "2026-11-26T00:00:00Z", "--format", "json", *args]
    )
    assert result.exit_code in (0, 1), result.output
    return [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]
