"""A worker that is spawned, not forked, rebuilds the parent's engine from its Recipe (a named type)."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest
from conftest import make_engine

from postlint.core.tree import Tree
from postlint.engine.lint import Engine, Recipe
from postlint.run import runner

POST = '---\nlayout: post\ntitle: t{n}\ndate: 2024-03-18 09:30:00\nauther: x\n---\n<img src="a{n}.png">\n'


def _posts(folder: Path, count: int) -> list[tuple[Path, str]]:
    files = []
    for n in range(count):
        path = folder / f"post-{n}.md"
        path.write_text(POST.format(n=n), encoding="utf-8")
        files.append((path, f"post-{n}.md"))
    return files


def test_the_recipe_rebuilds_the_same_confined_engine(tmp_path: Path) -> None:
    engine = make_engine({"ignore": ["PL306"]}, start=tmp_path, select=["PL1", "PL3"])
    engine.confine(Tree.of([str(tmp_path)]))
    recipe = pickle.loads(pickle.dumps(engine.recipe))
    assert isinstance(recipe, Recipe)
    assert (recipe.select, recipe.start, recipe.tree is not None) == (["PL1", "PL3"], tmp_path, True)
    again = Engine.from_recipe(recipe)
    assert again.fingerprint == engine.fingerprint
    assert again.tree is not None and again.tree.escape(tmp_path.parent / "x.md") is not None
    (path, display) = _posts(tmp_path, 1)[0]
    assert again.lint_file(path, display) == engine.lint_file(path, display)


@pytest.mark.skipif("spawn" not in multiprocessing.get_all_start_methods(), reason="no spawn")
def test_spawned_workers_give_what_a_serial_run_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(start=tmp_path)
    engine.confine(Tree.of([str(tmp_path)]))
    files = _posts(tmp_path, 20)
    serial = runner.lint_files(engine, files, 1, None)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    spawned = runner.lint_files(engine, files, 2, None)
    assert [r.findings for r in spawned] == [r.findings for r in serial]
    assert {f.code for r in serial for f in r.findings} >= {"PL104", "PL305"}
