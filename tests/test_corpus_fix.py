"""--fix over the whole real-world corpus keeps the contract on every file."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, make_engine, needs_shared
from fixcontract import check_contract

#: The corpus is fixed in this many slices, each its own test, so pytest-xdist spreads them over the cores.
SLICES = 4


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("part", range(SLICES), ids=lambda part: f"slice{part + 1}of{SLICES}")
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixing_the_corpus_keeps_the_contract(tmp_path: Path, unsafe: bool, part: int) -> None:
    copy = tmp_path / "corpus"
    copy.mkdir()
    # Every SLICES-th file of the sorted corpus, from `part` on: each file lands in exactly one slice.
    for source in sorted(CORPUS.iterdir())[part::SLICES]:
        shutil.copy2(source, copy / source.name, follow_symlinks=False)
    engine = make_engine({"include": ["*"]}, start=copy, now=dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc))
    broken: dict[str, str] = {}
    fixed = Counter()
    for fs_path, display in engine.iter_paths([str(copy)]):
        before = engine.lint_file(fs_path, display)
        problem = check_contract(engine, fs_path, unsafe, before)
        if problem:
            broken[fs_path.name] = problem
        fixed.update({f.code for f in before if f.fix is not None})
    assert broken == {}
    # The ad remnants of the BBC, CNA and Reuters posts were removed (over 100 posts in all, in every slice).
    assert fixed["PL501"] > 100 // SLICES
