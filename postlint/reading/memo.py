"""A post's typed cache: values computed once per post and shared by the rules that need them.

Each value is stored under a :class:`MemoKey` whose type parameter is the value's type, so a reader (and
mypy) sees what is cached and what it holds; a key compares by its name and arguments
(``MemoKey[PostDate | None]("front-matter-date", ("date",))``).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class MemoKey(Generic[T]):
    """Names one per-post value of type ``T``: what was computed (``name``) and from what (``args``)."""

    name: str
    args: tuple[Hashable, ...] = ()


class PostMemo:
    """Values computed once per post, each under its :class:`MemoKey`."""

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[MemoKey[Any], Any] = {}

    def __contains__(self, key: MemoKey[Any]) -> bool:
        return key in self._values

    def get(self, key: MemoKey[T]) -> T | None:
        """The value under ``key``, or ``None`` when none was stored."""
        value: T | None = self._values.get(key)
        return value

    def __getitem__(self, key: MemoKey[T]) -> T:
        value: T = self._values[key]
        return value

    def __setitem__(self, key: MemoKey[T], value: T) -> None:
        self._values[key] = value

    def setdefault(self, key: MemoKey[T], default: T) -> T:
        value: T = self._values.setdefault(key, default)
        return value
