"""Import contracts between the layers, read from the source with :mod:`ast` (nothing is imported).

- a rule (``rules/*.py``, shipped as ``postlint_rules``) imports only ``postlint.api`` and ``postlint.helpers``
  (and only the names in their ``__all__``), the standard library, lxml and pydantic: never another rule, the
  engine, the CLI, the reporters or the config;
- a reporter (``postlint/reporters/*``) never imports the engine, the rules, the rule API (``postlint.api``,
  which re-exports the post reader; core types come from ``postlint.core.model``), the post reader (``_post``,
  ``_html``, ``_markdown``, ``_frontmatter``) or the CLI;
- the engine never imports the CLI or a reporter, not even through another module;
- the session (file and config selection) never imports the CLI or a reporter, and the engine, the fixer,
  the atomic writes and the selector grammar never import the session.

Where today's code breaks a contract, the break is listed in ``ALLOWED`` with the reason; the renovation of
issue 14 removes those entries (and a test fails when an allowance is no longer needed, so none lingers).
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

#: Import edges that break a contract today, each with the reason; the renovation of issue 14 removes them
#: (a test below fails once an edge is gone, so the allowance is deleted with it). The contracts are checked
#: on the import graph without these edges, so any *new* path to a forbidden module still fails.
ALLOWED: dict[tuple[str, str], str] = {}


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


def contract_graph() -> dict[str, set[str]]:
    """The import graph without the allowed edges."""
    return {name: {t for t in targets if (name, t) not in ALLOWED} for name, targets in graph().items()}


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


def test_every_allowance_is_still_needed() -> None:
    """An allowed edge that the code no longer has must leave ``ALLOWED`` too."""
    edges = graph()
    assert [edge for edge in ALLOWED if edge[1] not in edges.get(edge[0], set())] == []


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


def is_cli(name: str) -> bool:
    """``postlint.cli.main`` and the command modules below it (``postlint/cli/``): they print and exit."""
    return name == "postlint.cli" or name.startswith("postlint.cli.")


def test_the_command_modules_are_read_as_cli() -> None:
    assert {"postlint.cli.messages", "postlint.cli.init"} <= set(SOURCES)
    assert "postlint.cli.init" in graph()["postlint.cli.main"]
    assert is_cli("postlint.cli.fixes") and not is_cli("postlint.clix")


def test_the_engine_knows_no_cli_or_reporter() -> None:
    """Not directly and not through another module."""
    reached = reachable("postlint.engine.lint", contract_graph())
    chains = [" -> ".join(c) for n, c in reached.items() if is_cli(n) or n.startswith("postlint.reporters")]
    assert chains == []
    assert "postlint.api" in reached  # the reading is real: the engine does reach the API


def test_the_session_prints_nothing_and_the_engine_and_fixer_know_no_session() -> None:
    """The session (file and config selection) is below the CLI and above the engine; the fixer and the
    atomic writes are below the engine and never reach back up."""
    edges = contract_graph()
    up = {"postlint.cli.main", "postlint.run.session"}
    for lower in ("postlint.engine.lint", "postlint.engine.fixer", "postlint.core.atomic", "postlint.core.selectors"):
        reached = reachable(lower, edges)
        assert [
            " -> ".join(c) for n, c in reached.items() if n in up or is_cli(n) or n.startswith("postlint.reporters")
        ] == []
    session = reachable("postlint.run.session", edges)
    assert [n for n in session if is_cli(n) or n.startswith("postlint.reporters")] == []
    assert "postlint.engine.lint" in session and "postlint.run.session" in reachable("postlint.cli.main", edges)
    assert "postlint.engine.lint" not in reachable("postlint.engine.fixer", edges)
    assert reachable("postlint.core.selectors", edges) == {}  # the grammar stands alone


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
    assert {"postlint.archive.index", "postlint.archive.run"} <= set(ARCHIVE)
    edges = graph()
    direct = sorted(f"{name} -> {target}" for name in ARCHIVE for target in edges[name] if target in GENERATOR_MODULES)
    assert direct == []
    assert [name for name in reachable("postlint.archive.index", contract_graph()) if name in SITES] == []
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
    from postlint.sites import names

    known = set(names())
    assert {"jekyll", "hugo", "zola", "eleventy"} <= known
    modules = sorted((PACKAGE / "archive").glob("*.py"))
    assert {"index.py", "run.py", "extract.py"} <= {path.name for path in modules}
    assert [found for path in modules for found in generator_literals(path, known)] == []
    # The check reads what it means to: a branch on a name is caught, a docstring naming one is not.
    sample = tmp_path / "x.py"
    sample.write_text('"""On Hugo sites."""\nif generator == "hugo":\n    pass\n', encoding="utf-8")
    assert generator_literals(sample, known) == ["x.py:2: 'hugo'"]
