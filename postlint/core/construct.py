"""``Model.model_construct()`` for defaults, without pydantic reading the signature of ``list`` or ``dict``.

pydantic asks whether a field's ``default_factory`` takes the validated data by reading its signature. For
a built-in such as ``list`` or ``dict`` that signature is text, which :mod:`inspect` reads with
:mod:`tokenize`, whose large pattern is then compiled: 2 ms of every run that makes the config's or a
rule's defaults. These factories take no argument, so they are called here instead and their values given
to ``model_construct`` with the same (empty) set of fields set: the same model, field for field.
"""

from __future__ import annotations

from typing import Any, TypeVar

ModelT = TypeVar("ModelT")

#: Factories known to take no argument (a new empty collection each call).
PLAIN_FACTORIES: tuple[Any, ...] = (list, dict, set, tuple, frozenset)


def construct_defaults(model: type[ModelT], **given: Any) -> ModelT:
    """``model.model_construct(_fields_set=set(), **given)``, the built-in collection factories called here."""
    for name, info in model.model_fields.items():  # type: ignore[attr-defined]
        if name not in given and info.default_factory in PLAIN_FACTORIES:
            given[name] = info.default_factory()
    made: ModelT = model.model_construct(_fields_set=set(), **given)  # type: ignore[attr-defined]
    return made
