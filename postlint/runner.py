"""Lint many files, in parallel when it pays, with output identical to a serial run.

Worker processes are forked from the process that built the engine, so they share its rules and settings
without rebuilding them (where fork is not available, each worker rebuilds the engine from the same recipe).
Files are handed out in chunks, in order, and results come back in the same order; the findings are then
sorted exactly as in a serial run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from postlint.cache import FindingsCache
from postlint.engine import Engine
from postlint.findings import FileResult

#: Below this many files a process pool costs more than it saves (pre-commit passes a handful).
PARALLEL_THRESHOLD = 64

_engine: Engine | None = None
_cache: FindingsCache | None = None


def _init_worker(recipe: tuple[Any, ...] | None, cache: FindingsCache | None) -> None:
    global _engine, _cache
    if recipe is not None:  # spawned, not forked: rebuild what the parent had
        _engine = Engine.from_recipe(recipe)
    _cache = cache


def _lint_chunk(chunk: list[tuple[str, str]]) -> list[FileResult]:
    assert _engine is not None
    return [_engine.lint_file_result(Path(fs_path), display, _cache) for fs_path, display in chunk]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def lint_files(
    engine: Engine,
    files: Iterable[tuple[Path, str]],
    jobs: int,
    cache: FindingsCache | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileResult]:
    """Lint ``files``; returns one result per file, in the order given."""
    items = [(str(fs_path), display) for fs_path, display in files]
    total = len(items)
    results: list[FileResult] = []
    done = 0
    if jobs <= 1 or total < PARALLEL_THRESHOLD:
        for fs_path, display in items:
            results.append(engine.lint_file_result(Path(fs_path), display, cache))
            done += 1
            if progress is not None:
                progress(done, total)
    else:
        # Imported here: a pre-commit run on a few files never needs a process pool.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _engine, _cache
        _engine, _cache = engine, cache
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        recipe = None if context.get_start_method() == "fork" else engine.recipe
        size = max(8, min(256, total // (jobs * 8) or 1))
        chunks = [items[i : i + size] for i in range(0, total, size)]
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(recipe, cache)) as pool:
            for chunk, chunk_results in zip(chunks, pool.map(_lint_chunk, chunks), strict=True):
                results.extend(chunk_results)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    return results
