"""Run one ``postlint check`` in this process the way the ``postlint`` command does, then write what it loaded
to the JSON file named by the first argument (used by tests/test_startup.py, in a fresh interpreter)."""

from __future__ import annotations

import json
import re
import sys


def _module_patterns() -> tuple[int, int, int]:
    """Module-level patterns of postlint and its rules: compiled at import, made lazily, lazily compiled."""
    from postlint.core.lazyre import _Pattern

    eager = lazy = used = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith(("postlint.", "postlint_rules.")) or module is None:
            continue
        for value in vars(module).values():
            for item in value.values() if isinstance(value, dict) else (value,):
                if isinstance(item, re.Pattern):
                    eager += 1
                elif isinstance(item, _Pattern):
                    lazy += 1
                    used += "search" in vars(item)
    return eager, lazy, used


def _compiled_lazy_patterns() -> list[str]:
    """``module.NAME`` of every module-level lazy pattern compiled by the run."""
    from postlint.core.lazyre import _Pattern

    return sorted(
        f"{name}.{key}"
        for name, module in list(sys.modules.items())
        if name.startswith(("postlint.", "postlint_rules.")) and module is not None
        for key, value in vars(module).items()
        if isinstance(value, _Pattern) and "search" in vars(value)
    )


def _built_models() -> list[str]:
    from pydantic import BaseModel

    built, todo = set(), list(BaseModel.__subclasses__())
    while todo:
        model = todo.pop()
        todo.extend(model.__subclasses__())
        if model.__module__.startswith(("postlint", "postlint_rules")) and model.__pydantic_complete__:
            built.add(model.__qualname__)
    return sorted(built)


def main() -> None:
    target, arguments = sys.argv[1], sys.argv[2:]
    from postlint.__main__ import _no_pydantic_plugin_search

    _no_pydantic_plugin_search()
    from postlint.cli.main import main as cli

    try:
        cli(arguments)
        status = 0
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    sys.stdout.flush()
    eager, lazy, used = _module_patterns()
    facts = {
        "status": status,
        "built": _built_models(),
        "modules": sorted(sys.modules),
        "eager_patterns": eager,
        "lazy_patterns": lazy,
        "lazy_compiled": used,
        "lazy_compiled_names": _compiled_lazy_patterns(),
        # Python's tokenizer pattern, compiled when inspect reads a built-in's text signature (pydantic does
        # for a default factory such as ``list``).
        "tokenizer_compiled": "tokenize" in sys.modules and sys.modules["tokenize"]._compile.cache_info().currsize > 0,
    }
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(facts, handle)


if __name__ == "__main__":
    main()
