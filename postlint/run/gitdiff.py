"""What changed against a git ref: files (added, modified, renamed) and the lines added in them."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from postlint.config import ConfigError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(arguments: list[str], cwd: Path, flag: str, what: str | None = None) -> str:
    """git's standard output; a failure is a :class:`ConfigError` that names the flag, what was asked (``what``,
    else the git command) and git's own words."""
    try:
        completed = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ConfigError(f"{flag}: cannot run git: {error}") from None
    if completed.returncode != 0:
        said = " ".join(completed.stderr.decode("utf-8", "replace").split()) or f"exit status {completed.returncode}"
        asked = what or f"git {' '.join(arguments[:2])} failed"
        raise ConfigError(f"{flag}: {asked} (git says: {said[:400]})")
    return completed.stdout.decode("utf-8", "surrogateescape")


def repository_root(cwd: Path, flag: str = "--changed-since") -> Path:
    return Path(
        _git(["rev-parse", "--show-toplevel"], cwd, flag, "the current folder is not in a git work tree").strip()
    )


def changed_files(ref: str, cwd: Path) -> list[Path]:
    """Files added, modified or renamed since ``ref`` (committed or not), as paths relative to ``cwd``."""
    root = repository_root(cwd)
    shown = json.dumps(ref, ensure_ascii=True)
    _git(
        ["rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"],
        cwd,
        "--changed-since",
        f"{shown} is not a commit in this repository: check the name, or fetch it first (in CI, a shallow clone "
        "lacks the base branch: fetch-depth: 0, or git fetch origin <branch>)",
    )
    output = _git(["diff", "--name-only", "-z", "--diff-filter=AMR", ref, "--"], cwd, "--changed-since")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root, "--changed-since")
    names = [name for name in output.split("\0") if name] + [name for name in untracked.split("\0") if name]
    paths = []
    for name in dict.fromkeys(names):
        absolute = root / name
        paths.append(Path(os.path.relpath(absolute, cwd)))
    return paths


def added_lines(ref: str, path: Path, cwd: Path) -> set[int] | None:
    """Line numbers (in the current file) added or changed since ``ref``; ``None`` when the whole file is new."""
    tracked = subprocess.run(
        ["git", "cat-file", "-e", f"{ref}:./{path.as_posix()}"], cwd=cwd, capture_output=True, check=False
    )
    if tracked.returncode != 0:
        return None  # new since ref: every line counts
    diff = _git(
        ["diff", "--unified=0", "--no-color", "--find-renames", ref, "--", str(path)], cwd, "--changed-lines-only"
    )
    lines: set[int] = set()
    for hunk in _HUNK.finditer(diff):
        start = int(hunk.group(1))
        count = int(hunk.group(2)) if hunk.group(2) is not None else 1
        lines.update(range(start, start + count))
    return lines
