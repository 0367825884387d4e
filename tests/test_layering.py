"""Import contracts between the layers, read from the source with :mod:`ast` (nothing is imported).

- the layers of postlint (:data:`LAYERS`, bottom to top: core, reading, knowledge, config, sites, engine, the
  passes, run, reporters, cli, the public surface, rules) import only downward, counting imports inside
  functions and under ``TYPE_CHECKING``; the few upward edges left are listed in :data:`UPWARD` with the reason
  and what removes them, and no import cycle remains without them;
- a rule (``rules/*.py``, shipped as ``postlint_rules``) imports only ``postlint.api`` and ``postlint.helpers``
  (and only the names in their ``__all__``), the standard library, lxml and pydantic;
- a reporter never reaches the engine, the rules, the rule API or the post reader;
- the site generators are reached by the archive checks only through their seam.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "postlint"
RULES = ROOT / "rules"
#: Third-party packages a rule may import besides the standard library.
RULE_THIRD_PARTY = {"lxml", "pydantic"}
#: postlint modules a rule may import (the rule contract).
RULE_API = {"postlint.api", "postlint.helpers"}
POST_READER = {
    "postlint.reading.post",
    "postlint.reading.html",
    "postlint.reading.markdown",
    "postlint.reading.frontmatter",
}


def module_name(path: Path) -> str:
    """``postlint/reporters/text.py`` -> ``postlint.reporters.text``; ``rules/x.py`` -> ``postlint_rules.x``."""
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[0] == "rules":
        parts[0] = "postlint_rules"
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports (anywhere in the file, ``TYPE_CHECKING`` blocks and functions included),
    absolute, with its line: ``from a import b`` yields ``a`` and ``a.b`` (``b`` may be a module)."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    return _read_imports(path.read_text(encoding="utf-8"), str(path), package)


def _read_imports(source: str, filename: str, package: str) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield node.lineno, base
            for alias in node.names:
                if alias.name != "*":
                    yield node.lineno, f"{base}.{alias.name}"


def _sources() -> dict[str, Path]:
    found = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    found.update({module_name(p): p for p in RULES.rglob("*.py")})
    return found


SOURCES = _sources()


def _ours(name: str) -> str | None:
    """The project module ``name`` refers to (``postlint.api.Rule`` -> ``postlint.api``), or None."""
    while name:
        if name in SOURCES:
            return name
        name = name.rpartition(".")[0]
    return None


@cache
def graph() -> dict[str, set[str]]:
    """Project module -> the project modules it imports (read once; callers must not change it)."""
    return {
        name: {target for _, imported in imports(path) if (target := _ours(imported)) and target != name}
        for name, path in SOURCES.items()
    }


def reachable(start: str, edges: dict[str, set[str]]) -> dict[str, list[str]]:
    """Every project module ``start`` imports, directly or not, with one import chain that reaches it."""
    chains = {start: [start]}
    todo = [start]
    while todo:
        current = todo.pop()
        for target in sorted(edges[current]):
            if target not in chains:
                chains[target] = [*chains[current], target]
                todo.append(target)
    del chains[start]
    return chains


#: The layers of postlint, bottom to top (README "Where things go"). A module imports only from its own layer or
#: the layers below it: at module level, inside functions and under ``TYPE_CHECKING`` alike, so no cycle can
#: hide behind a lazy or a type-only import. A module belongs to the layer of its longest matching prefix.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("postlint.core",)),  # the model, results, selectors, the project tree, atomic writes
    ("reading", ("postlint.reading",)),  # one file into a Post
    ("knowledge", ("postlint.knowledge",)),  # what rules share: packs, attribution, schema, site index, slugs
    ("config", ("postlint.config",)),
    ("sites", ("postlint.sites",)),  # the generators: knowledge of how each builds a site
    ("engine", ("postlint.engine",)),  # the rule contract, dispatch, suppressions, shaping, the fixer
    ("passes", ("postlint.archive", "postlint.online")),  # the whole-site and online passes
    ("run", ("postlint.run",)),  # session, runner, walk, cache, baseline, git
    ("reporters", ("postlint.reporters",)),
    ("cli", ("postlint.cli", "postlint.__main__")),
    ("public", ("postlint", "postlint.api", "postlint.helpers", "postlint.testing")),
    ("rules", ("postlint_rules",)),
)

#: Imports that still go up a layer, each with why and what removes it. A test fails when an edge is gone (so
#: its allowance goes too) and when a new upward import appears.
UPWARD: dict[tuple[str, str], str] = {
    ("postlint.engine.lint", "postlint.run.cache"): "lint_file_result reads and writes the findings cache; the one "
    "pipeline in postlint.run (issue 19) owns the cache",
    ("postlint.engine.lint", "postlint.run.walk"): "Engine.iter_paths walks PATHS for the session and the site "
    "pass with the engine's include/exclude; the walk moves to the one pipeline with the cache (issue 19)",
    ("postlint.online.store", "postlint.run.cache"): "the URL store shares the cache's trust checks (key, owner, "
    "symlinks); they move below the passes with the cache-trust work of issue 25",
}


def layer_of(name: str) -> int:
    """The index in :data:`LAYERS` of the layer ``name`` belongs to (its longest matching prefix)."""
    best, length = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > length:
                best, length = index, len(prefix)
    assert best >= 0, f"{name} belongs to no layer: add its folder to LAYERS"
    return best


def contract_graph() -> dict[str, set[str]]:
    """The import graph without the allowed upward edges."""
    return {name: {t for t in targets if (name, t) not in UPWARD} for name, targets in graph().items()}


def test_the_reader_sees_every_layer() -> None:
    """The test reads what it means to, so an empty or misread graph cannot pass the contracts below."""
    assert {"postlint.engine.lint", "postlint.cli.main", "postlint.api", "postlint.reporters.text"} <= set(SOURCES)
    assert sum(name.startswith("postlint_rules.") for name in SOURCES) >= 40
    edges = graph()
    assert "postlint.api" in edges["postlint_rules.ad_embed"]
    assert {"postlint.core.results", "postlint.reporters"} <= edges["postlint.reporters.text"]
    assert "postlint.engine.lint" in reachable("postlint.cli.main", edges)
    # A relative import resolves like an absolute one.
    assert module_name(PACKAGE / "reporters" / "__init__.py") == "postlint.reporters"
    # Every layer holds at least one module, and every module belongs to one.
    assert {layer_of(name) for name in SOURCES} == set(range(len(LAYERS)))


def test_imports_go_down_the_layers() -> None:
    """Including imports inside functions and under ``TYPE_CHECKING``: a lazy import is still a dependency."""
    edges = graph()
    upward = sorted(
        f"{name} ({LAYERS[layer_of(name)][0]}) -> {target} ({LAYERS[layer_of(target)][0]})"
        for name, targets in edges.items()
        for target in targets
        if layer_of(target) > layer_of(name) and (name, target) not in UPWARD
    )
    assert upward == []


def test_every_allowance_is_still_needed_and_goes_up() -> None:
    """An allowed edge that the code no longer has, or that does not go up, must leave ``UPWARD`` too."""
    edges = graph()
    assert [edge for edge in UPWARD if edge[1] not in edges.get(edge[0], set())] == []
    assert [edge for edge in UPWARD if layer_of(edge[1]) <= layer_of(edge[0])] == []


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_lazy_or_type_only_included() -> None:
    """No module reaches itself through imports of any kind, the allowed upward edges included."""
    assert cycles(graph()) == []
    # The search finds what it looks for: a cycle hidden behind a function-level import is one.
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_lazy_and_type_only_imports_are_read(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from postlint.run.cache import FindingsCache\n"
        "def f():\n    from postlint.cli.main import main\n",
        encoding="utf-8",
    )
    read = {imported for _, imported in _imports_as(sample, "postlint.engine")}
    assert {"postlint.run.cache", "postlint.cli.main"} <= read


@pytest.mark.parametrize("path", sorted(RULES.rglob("*.py")), ids=lambda p: p.name)
def test_a_rule_imports_only_the_api_stdlib_lxml_and_pydantic(path: Path) -> None:
    """Never another rule, the engine, the CLI, the reporters or the config: only the rule contract."""
    wrong = []
    for line, imported in imports(path):
        top = imported.split(".")[0]
        if _ours(imported) in RULE_API:
            continue
        if top in RULE_THIRD_PARTY or (top in sys.stdlib_module_names and top not in ("postlint", "postlint_rules")):
            continue
        wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {imported}")
    assert wrong == []


@pytest.mark.parametrize("contract", sorted(RULE_API))
def test_through_the_api_a_rule_reaches_no_engine_cli_config_or_reporter(contract: str) -> None:
    reached = reachable(contract, contract_graph())
    forbidden = {
        "postlint.engine.lint",
        "postlint.cli.main",
        "postlint.config",
        "postlint.engine.registry",
        "postlint.run.runner",
    }
    assert sorted(" -> ".join(chain) for name, chain in reached.items() if name in forbidden) == []
    assert (
        sorted(" -> ".join(c) for n, c in reached.items() if n.startswith(("postlint.reporters", "postlint_rules")))
        == []
    )


def test_the_rule_api_is_narrow_and_rules_import_only_what_it_exports() -> None:
    """``postlint.api`` is the contract (at most ~35 names); helpers are in ``postlint.helpers``. A rule
    imports from either only names in its ``__all__``, and the two do not overlap."""
    import postlint.api
    import postlint.helpers

    exported = {"postlint.api": set(postlint.api.__all__), "postlint.helpers": set(postlint.helpers.__all__)}
    assert len(postlint.api.__all__) <= 35
    assert exported["postlint.api"].isdisjoint(exported["postlint.helpers"])
    for module, names in exported.items():
        assert len(names) == len(getattr(postlint, module.split(".")[1]).__all__)  # no name listed twice
        assert all(hasattr(sys.modules[module], name) for name in names)
    wrong = []
    for path in sorted(RULES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in exported:
                wrong += [
                    f"{path.name}:{node.lineno}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name not in exported[node.module]
                ]
    assert wrong == []


REPORTERS = sorted(name for name in SOURCES if name == "postlint.reporters" or name.startswith("postlint.reporters."))


@pytest.mark.parametrize("reporter", REPORTERS)
def test_a_reporter_knows_no_engine_rule_api_post_reader_or_cli(reporter: str) -> None:
    """Not directly and not through another module (the allowed edges aside)."""
    forbidden = {
        "postlint.engine.lint",
        "postlint.cli.main",
        "postlint.engine.registry",
        "postlint.run.runner",
        "postlint.api",
    }
    forbidden |= POST_READER
    reached = reachable(reporter, contract_graph())
    chains = [" -> ".join(c) for n, c in reached.items() if n in forbidden or n.startswith("postlint_rules")]
    assert chains == []


def test_a_forbidden_import_is_caught(tmp_path: Path) -> None:
    """The reader resolves the forms an import takes, so a break cannot slip past as a relative import."""
    sample = PACKAGE / "reporters" / "text.py"
    lines = {imported for _, imported in imports(sample)}
    assert "postlint.core.results.RunResult" in lines and "postlint.reporters.ReportOptions" in lines
    fake = tmp_path / "x.py"
    fake.write_text("from ..engine.lint import Engine\nimport postlint.cli.main as c\n", encoding="utf-8")
    # Read as if it were postlint/reporters/x.py.
    tree_imports = list(_imports_as(fake, "postlint.reporters"))
    assert tree_imports == [(1, "postlint.engine.lint"), (1, "postlint.engine.lint.Engine"), (2, "postlint.cli.main")]


def _imports_as(path: Path, package: str) -> Iterator[tuple[int, str]]:
    return _read_imports(path.read_text(encoding="utf-8"), str(path), package)


def test_the_model_stands_alone() -> None:
    """``postlint.core.model`` (Severity, Fix, Finding, ...) imports no other postlint module, so whoever imports
    it (reporters, the CLI, the cache) reaches neither the rule API nor the post reader through it."""
    assert graph()["postlint.core.model"] == set()
    assert "postlint.core.model" in graph()["postlint.reporters.text"]


SITES = sorted(name for name in SOURCES if name == "postlint.sites" or name.startswith("postlint.sites."))


@pytest.mark.parametrize("module", SITES)
def test_a_site_generator_knows_no_engine_cli_reporter_or_rule(module: str) -> None:
    """postlint/sites sits below the engine: it builds the context, it never drives a run."""
    forbidden = {"postlint.engine.lint", "postlint.cli.main", "postlint.engine.registry", "postlint.run.runner"}
    reached = reachable(module, contract_graph())
    chains = [
        " -> ".join(c)
        for n, c in reached.items()
        if n in forbidden or n.startswith(("postlint.reporters", "postlint_rules"))
    ]
    assert chains == []


def test_rules_see_the_generator_only_through_the_context() -> None:
    """No rule reaches postlint.sites, not even through the API: the generator's facts come as data."""
    assert {"postlint.sites", "postlint.sites.eleventy"} <= set(SITES)
    edges = contract_graph()
    rules = [name for name in SOURCES if name.startswith("postlint_rules.")]
    chains = [" -> ".join(chain) for rule in rules for name, chain in reachable(rule, edges).items() if name in SITES]
    assert chains == []
    assert "postlint.reading.sitefacts" in reachable("postlint.api", edges)  # what they see instead


ARCHIVE = sorted(name for name in SOURCES if name == "postlint.archive" or name.startswith("postlint.archive."))
#: The modules of postlint/sites that are one generator each (the registry and the shared base aside).
GENERATOR_MODULES = sorted(set(SITES) - {"postlint.sites", "postlint.sites.base", "postlint.sites.files"})


def test_the_archive_checks_reach_a_generator_only_through_the_seam() -> None:
    """URL building lives in each generator's module: the archive modules import none of them (only the
    registry, ``postlint.sites``, to ask for the site's rules), and the site index, which rules reach through
    the API, reaches no module of postlint/sites at all."""
    assert {"postlint.sites.jekyll", "postlint.sites.hugo", "postlint.sites.zola"} <= set(GENERATOR_MODULES)
    assert {"postlint.archive.store", "postlint.archive.run"} <= set(ARCHIVE)
    edges = graph()
    direct = sorted(f"{name} -> {target}" for name in ARCHIVE for target in edges[name] if target in GENERATOR_MODULES)
    assert direct == []
    assert [name for name in reachable("postlint.knowledge.siteindex", contract_graph()) if name in SITES] == []
    assert "postlint.sites" in edges["postlint.archive.run"]  # the reading is real: run does ask the registry


def generator_literals(path: Path, names: set[str]) -> list[str]:
    """The string constants (docstrings aside) in ``path`` that are a generator's name, with their line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and node.value.lower() in names
    ]


def test_the_archive_checks_do_not_branch_on_generator_names(tmp_path: Path) -> None:
    """``if generator == "jekyll"`` belongs in postlint/sites/jekyll.py, not in the archive checks: URLs
    come from the generator's ``UrlRules``, heading ids from its ``SiteFacts.heading_ids``."""
    from postlint.reading.sitefacts import GENERATOR_NAMES
    from postlint.sites import names

    known = set(names())
    assert known == set(GENERATOR_NAMES)  # config validates against the leaf list; the registry agrees
    assert {"jekyll", "hugo", "zola", "eleventy"} <= known
    # The pass, and the site index and page facts it builds (knowledge the site rules query).
    modules = sorted(
        [
            *(PACKAGE / "archive").glob("*.py"),
            *(PACKAGE / "knowledge" / name for name in ("siteindex.py", "pages.py", "pagefacts.py")),
        ]
    )
    assert {"siteindex.py", "run.py", "pagefacts.py"} <= {path.name for path in modules}
    assert [found for path in modules for found in generator_literals(path, known)] == []
    # The check reads what it means to: a branch on a name is caught, a docstring naming one is not.
    sample = tmp_path / "x.py"
    sample.write_text('"""On Hugo sites."""\nif generator == "hugo":\n    pass\n', encoding="utf-8")
    assert generator_literals(sample, known) == ["x.py:2: 'hugo'"]
