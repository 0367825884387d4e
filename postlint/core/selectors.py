"""The selector grammar: how the command line, the config and suppression comments name rules.

A selector is one of

- a rule code, ``PL301``, or a code prefix, ``PL3`` / ``PL`` (upper case, as codes are written);
- a rule name, ``image-alt-is-filename`` (kebab-case, lower case);
- ``ALL``, every rule.

Selectors are read exactly as written, as ruff reads its own: ``pl3`` is not ``PL3``. The case tells a code
from a name (a plugin may name a rule ``pl301``), and a code is spelt one way wherever it is searched for.
A selector that matches no rule is refused with the same words everywhere: ``--select``/``select``,
``extend-select``, ``ignore`` and ``per-file-ignores`` stop the run with exit 2 naming the key, and a
suppression comment gets a PL901 finding. When only the case is wrong, the message names the right spelling.
"""

from __future__ import annotations

from collections.abc import Iterable

#: The selector for every rule.
ALL = "ALL"
#: How much an exact code or name outranks a prefix (a prefix ranks by its length, ``ALL`` lowest).
EXACT = 100


def specificity(selector: str, code: str, name: str) -> int:
    """How precisely ``selector`` names the rule ``code``/``name``: 0 not at all, ``ALL`` 1, a prefix 1 plus
    its length, the exact code or name :data:`EXACT`. The most specific selector decides (``select =
    ["PL3"]`` with ``ignore = ["PL301"]`` drops PL301 alone)."""
    if selector == ALL:
        return 1
    if selector in (code, name):
        return EXACT
    if selector and code.startswith(selector):
        return 1 + len(selector)
    return 0


def matches(selector: str, code: str, name: str) -> bool:
    """Whether ``selector`` names the rule ``code``/``name``."""
    return specificity(selector, code, name) > 0


def matches_any(selectors: Iterable[str], code: str, name: str) -> bool:
    return any(specificity(selector, code, name) for selector in selectors)


def unknown_selector(selector: str, rules: Iterable[tuple[str, str]]) -> str | None:
    """Why ``selector`` names none of ``rules`` (``(code, name)`` pairs), or ``None`` when it names one.

    The same words serve the config (after the key) and suppression comments (after ``suppression:``)."""
    known = list(rules)
    if any(specificity(selector, code, name) for code, name in known):
        return None
    message = f"'{selector}' matches no rule code, prefix or name"
    if selector.upper() == ALL:
        return f"{message} (every rule is '{ALL}')"
    upper, lower = selector.upper(), selector.lower()
    if upper != selector and any(code.startswith(upper) for code, _ in known):
        return f"{message} (codes are upper case: '{upper}')"
    if lower != selector and any(lower == name for _, name in known):
        return f"{message} (names are lower case: '{lower}')"
    return message
