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

__version__ = "0.1.0"

__all__ = ["ConfigError", "Edit", "Finding", "Fix", "Fixed", "Linter", "RuleInfo", "Severity", "__version__"]

if TYPE_CHECKING:
    from postlint.linter import ConfigError, Fixed, Linter, RuleInfo
    from postlint.model import Edit, Finding, Fix, Severity

_HOMES = {
    "ConfigError": "postlint.linter",
    "Edit": "postlint.model",
    "Finding": "postlint.model",
    "Fix": "postlint.model",
    "Fixed": "postlint.linter",
    "Linter": "postlint.linter",
    "RuleInfo": "postlint.linter",
    "Severity": "postlint.model",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'postlint' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
