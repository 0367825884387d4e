"""--fix over the whole real-world corpus keeps the contract on every file."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, make_engine, needs_shared
from fixcontract import check_contract


@needs_shared
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixing_the_corpus_keeps_the_contract(tmp_path: Path, unsafe: bool) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS, copy)
    engine = make_engine({"include": ["*"]}, start=copy, now=dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc))
    broken: dict[str, str] = {}
    fixed = Counter()
    for fs_path, display in engine.iter_paths([str(copy)]):
        before = {f.code for f in engine.lint_file(fs_path, display) if f.fix is not None}
        problem = check_contract(engine, fs_path, unsafe)
        if problem:
            broken[fs_path.name] = problem
        fixed.update(before)
    assert broken == {}
    assert fixed["PL501"] > 100  # the ad remnants of the BBC, CNA and Reuters posts were removed
