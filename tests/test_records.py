"""postlint.core.records.dataclass against dataclasses.dataclass: the same classes, made with fewer compiles."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
import pkgutil
from typing import Any, ClassVar

import pytest

import postlint
from postlint.core import records


def _pair(body: dict[str, Any], annotations: dict[str, str], **options: Any) -> tuple[type, type]:
    """The same class body made by the standard library's decorator and by postlint's."""
    made = []
    for decorator in (dataclasses.dataclass, records.dataclass):
        namespace = {"__annotations__": dict(annotations), "__module__": __name__, **body}
        cls = type("Record", (), namespace)
        made.append(decorator(**options)(cls) if options else decorator(cls))
    return made[0], made[1]


def _same_behaviour(stdlib: type, ours: type, *arguments: tuple[Any, ...]) -> None:
    for values in arguments:
        a, b = stdlib(*values), ours(*values)
        if "__repr__" in stdlib.__dict__:
            assert repr(a) == repr(b)
        else:  # repr=False: object's own, which names the address
            assert "__repr__" not in ours.__dict__
        for other in arguments:
            assert (a == stdlib(*other)) == (b == ours(*other))
            assert (a != stdlib(*other)) == (b != ours(*other))
        assert (a == values) == (b == values)  # another class: NotImplemented, then identity
        assert (stdlib.__hash__ is None) == (ours.__hash__ is None)
        if stdlib.__dict__.get("__hash__") is not None:  # a generated hash (not object's, by identity)
            assert hash(a) == hash(b)
        assert ("__hash__" in stdlib.__dict__) == ("__hash__" in ours.__dict__)
        assert dataclasses.astuple(a) == dataclasses.astuple(b)
        assert (dataclasses.replace(a) == a) == (dataclasses.replace(b) == b)
    assert [f.name for f in dataclasses.fields(stdlib)] == [f.name for f in dataclasses.fields(ours)]
    assert getattr(stdlib, "__match_args__", None) == getattr(ours, "__match_args__", None)
    assert stdlib.__init__.__code__.co_varnames == ours.__init__.__code__.co_varnames


NAN = float("nan")
ROWS = [(1, "a", [1]), (1, "a", [1]), (2, "a", [1]), (1, "b", [2]), (NAN, "a", []), (1, None, None)]


@pytest.mark.parametrize(
    "options", [{}, {"frozen": True}, {"slots": True}, {"frozen": True, "slots": True}, {"eq": False}, {"repr": False}]
)
def test_fields_compare_hash_and_show_as_the_standard_librarys(options: dict[str, Any]) -> None:
    annotations = {"number": "float", "name": "str | None", "items": "list[int] | None"}
    if options.get("frozen"):
        annotations["items"] = "tuple[int, ...] | None"
        rows = [(n, s, tuple(i) if i is not None else None) for n, s, i in ROWS]
    else:
        rows = ROWS
    stdlib, ours = _pair({}, annotations, **options)
    _same_behaviour(stdlib, ours, *rows)
    nan_row = rows[4]
    shared = stdlib(*nan_row), ours(*nan_row)
    # The same NaN object: equal as tuples are (identity first), as the generated __eq__ compares them.
    assert (shared[0] == copy.copy(shared[0])) == (shared[1] == copy.copy(shared[1]))


@pytest.mark.parametrize("frozen", [False, True])
def test_field_options_and_one_or_no_field(frozen: bool) -> None:
    body = {
        "hidden": dataclasses.field(default=0, repr=False),
        "ignored": dataclasses.field(default=0, compare=False),
        "unhashed": dataclasses.field(default=0, hash=False),
        "hashed_only": dataclasses.field(default=0, compare=False, hash=True),
        "kind": "post",
    }
    annotations = {"key": "str", "hidden": "int", "ignored": "int", "unhashed": "int", "hashed_only": "int"}
    annotations |= {"kind": "ClassVar[str]"}
    stdlib, ours = _pair({**body, "ClassVar": ClassVar}, annotations, frozen=frozen)
    _same_behaviour(stdlib, ours, ("a",), ("a", 1), ("a", 0, 1), ("a", 0, 0, 1), ("a", 0, 0, 0, 1), ("b",))
    for fields in ({}, {"only": "int"}):
        stdlib, ours = _pair({}, fields, frozen=frozen)
        rows = [(1,), (1,), (2,)] if fields else [(), ()]
        _same_behaviour(stdlib, ours, *rows)


def test_frozen_instances_refuse_changes_and_pickle() -> None:
    for cls in (Frozen, FrozenSlots):
        item = cls(1, ("x",))
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'size'"):
            item.size = 2  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            del item.size  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(item)) == item and hash(pickle.loads(pickle.dumps(item))) == hash(item)
        assert {item: 1}[cls(1, ("x",))] == 1
    plain = Plain(1)
    plain.size = 3
    assert plain == Plain(3) and pickle.loads(pickle.dumps(plain)) == plain
    with pytest.raises(TypeError, match="unhashable"):
        hash(plain)


def test_own_methods_are_kept_and_recursive_reprs_stop() -> None:
    assert OwnMethods(1) == OwnMethods(2) and hash(OwnMethods(5)) == 7 and repr(OwnMethods(1)) == "mine"
    assert EqOnly(1).__hash__ is None  # its own __eq__ and no __hash__: unhashable, as Python makes it
    loop = Plain([])
    loop.size.append(loop)
    assert repr(loop) == "Plain(size=[...])"
    stdlib_loop = dataclasses.dataclass(type("Plain", (), {"__annotations__": {"size": "list"}}))([])
    stdlib_loop.size.append(stdlib_loop)
    assert repr(loop) == repr(stdlib_loop)


def test_subclasses_compare_by_their_own_fields_and_never_equal_their_base() -> None:
    assert Child(1, 2) == Child(1, 2) and Child(1, 2) != Child(1, 3)
    assert Child(1, 2) != Frozen(1, 2)  # type: ignore[arg-type]
    assert repr(Child(1, 2)) == "Child(size=1, names=2, extra=0)"


def test_other_options_go_to_the_standard_library() -> None:
    @records.dataclass(order=True)
    class Ordered:
        rank: int

    assert Ordered(1) < Ordered(2) and Ordered.__eq__.__code__.co_filename == "<string>"


def test_every_postlint_dataclass_is_made_by_records() -> None:
    """A dataclass of postlint's made with the standard library's decorator compiles its methods again."""
    found = 0
    for info in pkgutil.walk_packages(postlint.__path__, "postlint."):
        if info.name.startswith(("postlint.cli.server", "postlint.online")):
            continue  # optional dependencies
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == info.name:
                found += 1
                eq = value.__dict__.get("__eq__")
                assert eq is None or eq.__code__.co_filename != "<string>", value
    assert found >= 50


@records.dataclass
class Plain:
    size: Any


@records.dataclass(frozen=True)
class Frozen:
    size: int
    names: tuple[str, ...]


@records.dataclass(frozen=True, slots=True)
class FrozenSlots:
    size: int
    names: tuple[str, ...]


@records.dataclass(frozen=True)
class Child(Frozen):
    extra: int = 0


@records.dataclass
class OwnMethods:
    size: int

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnMethods)

    def __hash__(self) -> int:
        return 7

    def __repr__(self) -> str:
        return "mine"


@records.dataclass
class EqOnly:
    size: int

    def __eq__(self, other: object) -> bool:
        return True
