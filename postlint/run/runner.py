"""Lint (or fix) many files, in parallel when it pays, with output identical to a serial run.

Worker processes are forked from the process that built the engine, so they share its rules and settings
without rebuilding them (where fork is not available, each worker rebuilds the engine from the same recipe).
Files are handed out in chunks, in order, and results come back in the same order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from postlint.core.results import FixOutcome
from postlint.engine.lint import Engine, Recipe
from postlint.engine.outcome import FileResult
from postlint.run.cache import FindingsCache

#: Below this many files a process pool costs more than it saves (pre-commit passes a handful).
PARALLEL_THRESHOLD = 64

_engine: Engine | None = None
_cache: FindingsCache | None = None
_fix: tuple[bool, bool] | None = None  # (unsafe, write) when fixing


def _init_worker(recipe: Recipe | None, cache: FindingsCache | None, fix: tuple[bool, bool] | None) -> None:
    global _engine, _cache, _fix
    if recipe is not None:  # spawned, not forked: rebuild what the parent had
        _engine = Engine.from_recipe(recipe)
    _cache, _fix = cache, fix


def _one(fs_path: str, display: str) -> FileResult | FixOutcome:
    assert _engine is not None
    if _fix is not None:
        unsafe, write = _fix
        return _engine.fix_file(Path(fs_path), display, unsafe=unsafe, write=write)
    return _engine.lint_file_result(Path(fs_path), display, _cache)


def _chunk(items: list[tuple[str, str]]) -> list[FileResult | FixOutcome]:
    return [_one(fs_path, display) for fs_path, display in items]


def _chunk_size(total: int, jobs: int) -> int:
    """Files per task: small enough that no worker waits long for the last one to finish (chunks of 248
    left one of two workers idle for ~0.1 s at the end of the corpus run), large enough to keep the
    messages between processes few."""
    return max(8, min(64, total // (jobs * 32)))


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _run(
    engine: Engine,
    files: Iterable[tuple[Path | str, str]],
    jobs: int,
    cache: FindingsCache | None,
    fix: tuple[bool, bool] | None,
    progress: Callable[[int, int], None] | None,
) -> list[Any]:
    global _engine, _cache, _fix
    _engine, _cache, _fix = engine, cache, fix
    items = [(str(fs_path), display) for fs_path, display in files]
    total = len(items)
    results: list[Any] = []
    if jobs <= 1 or total < PARALLEL_THRESHOLD:
        for fs_path, display in items:
            results.append(_one(fs_path, display))
            if progress is not None:
                progress(len(results), total)
        return results
    # Imported here: a pre-commit run on a few files never needs a process pool.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    recipe = None if context.get_start_method() == "fork" else engine.recipe
    size = _chunk_size(total, jobs)
    chunks = [items[i : i + size] for i in range(0, total, size)]
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(recipe, cache, fix)) as pool:
        for chunk_results in pool.map(_chunk, chunks):
            results.extend(chunk_results)
            if progress is not None:
                progress(len(results), total)
    return results


def lint_files(
    engine: Engine,
    files: Iterable[tuple[Path | str, str]],
    jobs: int,
    cache: FindingsCache | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Lint ``files``; one result per file, in the order given."""
    return _run(engine, files, jobs, cache, None, progress)


def fix_files(
    engine: Engine,
    files: Iterable[tuple[Path | str, str]],
    jobs: int,
    unsafe: bool,
    write: bool,
    progress: Callable[[int, int], None] | None = None,
) -> list[FixOutcome]:
    """Fix ``files`` (``write=False`` computes the fixes without writing, for --diff)."""
    return _run(engine, files, jobs, None, (unsafe, write), progress)
