"""``@dataclass`` for postlint's own classes: the standard library's, with fewer methods compiled at import.

Python (before 3.13) compiles each method a dataclass generates with an ``exec`` of its own: six for a
frozen class (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), three
for another. postlint defines some 60 dataclasses that every run imports, and generating their methods was
about 28 ms of CPU in a one-file run (a tenth of it). Here :func:`dataclasses.dataclass` makes the class and
the methods that are compiled for speed (``__init__``, which every instance runs) or that it must make itself
(a frozen class's ``__setattr__`` and ``__delattr__``, which its ``__init__`` goes around), while
``__repr__``, ``__eq__`` and ``__hash__`` are made from the class's fields without compiling anything.

They behave as the generated ones do: the same repr (``...`` for a recursive one); equality only with an
instance of the very same class, comparing the tuples of the fields that compare; the hash of the tuple of
the fields that hash (``hash=`` respected); and the same choice of hash: a frozen class hashes, another is
unhashable, and a method the class defines itself is kept. Only ``__dataclass_params__`` says ``repr=False,
eq=False``. Any option besides ``frozen``, ``slots``, ``repr`` and ``eq`` goes to
:func:`dataclasses.dataclass` unchanged. ``tests/test_records.py`` compares the two. Type checkers see
:func:`dataclasses.dataclass` itself.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:
    import _thread
    from operator import attrgetter

    _stdlib = dataclasses.dataclass
    _OPTIONS = frozenset(("frozen", "slots", "repr", "eq"))

    def _tuple_of(names: list[str]) -> Any:
        """``self -> (self.a, self.b, ...)`` for ``names``, made without compiling a function."""
        if len(names) > 1:
            return attrgetter(*names)
        if names:
            getter = attrgetter(names[0])
            return lambda instance: (getter(instance),)
        return lambda instance: ()

    def _named(function: Any, cls: type, name: str) -> Any:
        function.__name__ = name
        function.__qualname__ = f"{cls.__qualname__}.{name}"
        function.__module__ = cls.__module__
        return function

    def _repr(cls: type, shown: list[str]) -> Any:
        values = _tuple_of(shown)
        running: set[tuple[int, int]] = set()

        def method(self: Any) -> str:
            key = id(self), _thread.get_ident()
            if key in running:
                return "..."
            running.add(key)
            try:
                parts = ", ".join([f"{name}={value!r}" for name, value in zip(shown, values(self), strict=True)])
                return f"{self.__class__.__qualname__}({parts})"
            finally:
                running.discard(key)

        return _named(method, cls, "__repr__")

    def _eq(cls: type, compared: list[str]) -> Any:
        values = _tuple_of(compared)

        def method(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return values(self) == values(other)
            return NotImplemented

        return _named(method, cls, "__eq__")

    def _hash(cls: type, hashed: list[str]) -> Any:
        values = _tuple_of(hashed)

        def method(self: Any) -> int:
            return hash(values(self))

        return _named(method, cls, "__hash__")

    def _complete(cls: type, own: dict[str, Any], wants_repr: bool, wants_eq: bool, frozen: bool) -> None:
        """Add what ``dataclasses.dataclass(repr=wants_repr, eq=wants_eq, frozen=frozen)`` adds beyond what
        it added with ``repr=False, eq=False``; ``own`` is the class body's namespace."""
        fields = dataclasses.fields(cls)
        if wants_repr and "__repr__" not in own:
            cls.__repr__ = _repr(cls, [f.name for f in fields if f.repr])
        if not wants_eq:
            return  # and __hash__ is left alone, as dataclasses leaves it
        if "__eq__" not in own:
            cls.__eq__ = _eq(cls, [f.name for f in fields if f.compare])
        own_hash = own.get("__hash__", dataclasses.MISSING)
        if not (own_hash is dataclasses.MISSING or (own_hash is None and "__eq__" in own)):
            return  # the class's own __hash__
        if frozen:
            cls.__hash__ = _hash(cls, [f.name for f in fields if (f.compare if f.hash is None else f.hash)])
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value: unhashable

    def dataclass(cls: type | None = None, /, **options: Any) -> Any:
        """:func:`dataclasses.dataclass`, with ``__repr__``, ``__eq__`` and ``__hash__`` made without compiling."""
        if not options.keys() <= _OPTIONS:
            return _stdlib(cls, **options) if cls is not None else _stdlib(**options)

        def wrap(target: type) -> type:
            own = dict(target.__dict__)
            made = _stdlib(target, **{**options, "repr": False, "eq": False})
            _complete(made, own, options.get("repr", True), options.get("eq", True), options.get("frozen", False))
            return made

        return wrap(cls) if cls is not None else wrap
