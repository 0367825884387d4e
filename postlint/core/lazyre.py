"""Regular expressions compiled the first time they are used.

Python compiles a pattern in pure Python (its parser and compiler are modules of the standard library), and
postlint's modules and rules hold a few hundred patterns at module level, most of which a post never needs
(a rule's pattern for Cyrillic text, a pack's pattern for one outlet's copyright line): compiling them all at
import was about a tenth of a one-file run. :func:`lazy_regex` returns a stand-in that compiles the pattern
when one of its attributes is first read, and then keeps the compiled pattern's methods as its own
attributes, so later calls cost what calls on the compiled pattern cost.

The stand-in is not a :class:`re.Pattern`: use it through its methods and attributes (``search``,
``finditer``, ``sub``, ``pattern``, ...), never as an argument to ``re.sub``, ``re.compile`` or ``isinstance``.
"""

from __future__ import annotations

import re
from typing import Any, cast

#: The attributes of a compiled pattern, all copied onto the stand-in at once when the first one is read.
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _Pattern:
    """A pattern made by :func:`lazy_regex`: :class:`_LazyPattern` until it is compiled, then :class:`_Ready`."""

    _source: tuple[str, int]

    def __repr__(self) -> str:
        return f"lazy_regex({self._source[0]!r}, {self._source[1]!r})"


class _LazyPattern(_Pattern):
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute the instance does not have yet: compile, then hold the real ones.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        # A class with __getattr__ makes every attribute read slower (about 30 ns a call, which the HTML
        # reader's patterns would pay per token): the compiled stand-in is of a class without it.
        self.__class__ = _Ready  # type: ignore[assignment]  # same layout: a plain class with a __dict__
        return getattr(compiled, name)


class _Ready(_Pattern):
    """A compiled :func:`lazy_regex`: the compiled pattern's methods and attributes are its own."""


def lazy_regex(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used (see the module's docstring)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
