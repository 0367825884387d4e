"""postlint: a linter for Jekyll/Hugo-style post files (front matter + Markdown/HTML body).

The public Python API (see docs/api.md)::

    import postlint

    linter = postlint.Linter.nearest("_posts")
    findings = linter.lint(text, "_posts/2024-03-18-hello.md")
    fixed = linter.fix(text, "_posts/2024-03-18-hello.md").text

The names below are imported on first use, so ``import postlint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from postlint.core.project import __version__

__all__ = ["ConfigError", "Edit", "Finding", "Fix", "Fixed", "Linter", "RuleInfo", "Severity", "__version__"]

if TYPE_CHECKING:
    from postlint.core.model import Edit, Finding, Fix, Severity
    from postlint.run.linter import ConfigError, Fixed, Linter, RuleInfo

_HOMES = {
    "ConfigError": "postlint.run.linter",
    "Edit": "postlint.core.model",
    "Finding": "postlint.core.model",
    "Fix": "postlint.core.model",
    "Fixed": "postlint.run.linter",
    "Linter": "postlint.run.linter",
    "RuleInfo": "postlint.run.linter",
    "Severity": "postlint.core.model",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'postlint' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
