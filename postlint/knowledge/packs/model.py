"""The pack model: a selector pack is data (a TOML file shipped with the rules, or a table in the user's config)
that groups CSS selectors, hosts and text patterns by ad network or outlet, each with a note on its origin."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# The pack models are built when a config writes a pack or a selector: the shipped packs are made with
# model_construct (see builtin_packs), so a run without extra packs builds none of them.


class Selector(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    css: str
    note: str = ""

    @field_validator("css")
    @classmethod
    def _valid_css(cls, value: str) -> str:
        translate(value)  # raises ValueError with cssselect's message
        return value


class TextPattern(BaseModel):
    """Boilerplate known by its words: a regular expression searched (ignoring case) in the text of the
    smallest block element (or Markdown paragraph) that holds it, once its white space is folded."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    pattern: str
    note: str = ""
    #: Longer elements are prose that mentions the words, not the boilerplate itself.
    max_length: int = Field(default=200, alias="max-length", ge=1)
    #: A related-stories box: the words label a list of links (in the element, or in the elements after it).
    links: bool = False
    #: Whether the pattern also applies inside a figure or its caption (credits live there).
    in_captions: bool = Field(default=False, alias="in-captions")
    #: Words (compared in lower case) one of which every match contains: a post holding none of them is not
    #: searched with the pattern at all, which keeps packs cheap on the many posts without boilerplate.
    triggers: tuple[str, ...] = ()
    #: Whether the block must open or close the body (within a few hundred characters of text): for words
    #: that authors also write in their text ("Follow us on Twitter" in a list of conferences).
    at_edge: bool = Field(default=False, alias="at-edge")

    @field_validator("pattern")
    @classmethod
    def _valid_pattern(cls, value: str) -> str:
        try:
            # Compiled as the matcher compiles it (case-insensitive): it then finds it in re's cache.
            re.compile(value, re.I)
        except re.error as error:
            raise ValueError(f"invalid regular expression '{value}': {error}") from None
        return value


class SelectorPack(BaseModel):
    """A named group of selectors (and, for trackers and ad scripts, host names; for boilerplate, texts)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str
    kind: Literal["ad", "boilerplate", "tracker"] = "ad"
    description: str = ""
    source: str = ""
    selectors: tuple[Selector, ...] = Field(default_factory=tuple)
    hosts: tuple[str, ...] = Field(default_factory=tuple)
    texts: tuple[TextPattern, ...] = Field(default_factory=tuple)


#: A selector that is a bare element name, such as the boilerplate pack's ``nav``: its XPath is known without
#: cssselect (HTMLTranslator lower-cases element names), whose import a post with any element paid for it.
_BARE_TAG = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")


def translate(css: str) -> str:
    if _BARE_TAG.match(css):
        return f"descendant-or-self::{css.lower()}"
    from cssselect import HTMLTranslator, SelectorError

    try:
        return str(HTMLTranslator().css_to_xpath(css))
    except SelectorError as error:
        raise ValueError(f"invalid CSS selector '{css}': {error}") from None


@lru_cache(maxsize=8)
def builtin_packs(package: str, folder: str = "adpacks") -> tuple[SelectorPack, ...]:
    """The packs shipped as ``<package>/<folder>/*.toml``, sorted by name, read once per process.

    Shipped selectors and text patterns are checked by the test suite, so they are not re-translated or
    re-compiled on every start (that would import cssselect for runs that never need it, and compiling the
    text patterns is a tenth of a pre-commit run's time; a pattern is compiled when a post holds one of its
    trigger words); packs from config are validated in full.
    """
    packs: list[SelectorPack] = []
    for text in _shipped_files(package, folder):
        data = tomllib.loads(text)
        selectors = tuple(Selector.model_construct(**item) for item in data.pop("selectors", []))
        hosts = tuple(data.pop("hosts", ()))
        texts = tuple(_shipped_text(item) for item in data.pop("texts", []))
        packs.append(SelectorPack.model_construct(**data, selectors=selectors, hosts=hosts, texts=texts))
    return tuple(packs)


def _shipped_files(package: str, folder: str) -> list[str]:
    """The text of every ``<package>/<folder>/*.toml``, by name: read from the package's folder when it is one
    on disk (importing :mod:`importlib.resources`, with :mod:`zipfile`, costs a one-file run 2 ms), else
    through :mod:`importlib.resources` (a zipped install)."""
    import importlib
    import os

    spec = importlib.import_module(package).__spec__
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if len(locations) == 1 and os.path.isdir(os.path.join(locations[0], folder)):
        where = os.path.join(locations[0], folder)
        names = sorted(name for name in os.listdir(where) if name.endswith(".toml"))
        texts = []
        for name in names:
            with open(os.path.join(where, name), encoding="utf-8") as handle:
                texts.append(handle.read())
        return texts
    from importlib import resources

    root = resources.files(package).joinpath(folder)
    entries = sorted(root.iterdir(), key=lambda item: item.name)
    return [entry.read_text(encoding="utf-8") for entry in entries if entry.name.endswith(".toml")]


def _shipped_text(item: dict[str, object]) -> TextPattern:
    """A shipped text pattern as :class:`TextPattern` reads it (keys by alias, ``triggers`` a tuple), without
    compiling its pattern; anything unexpected is validated in full, so a broken pack still fails loudly."""
    values: dict[str, object] = {}
    rest = dict(item)
    for name, info in TextPattern.model_fields.items():
        key = info.alias or name
        if key in rest:
            values[name] = rest.pop(key)
    kinds_ok = all(
        isinstance(values.get(name, default), kind)
        for name, default, kind in (
            ("pattern", None, str),
            ("note", "", str),
            ("links", False, bool),
            ("in_captions", False, bool),
            ("at_edge", False, bool),
            ("triggers", [], list),
        )
    )
    length = values.get("max_length", 200)
    if rest or not kinds_ok or not (isinstance(length, int) and not isinstance(length, bool) and length >= 1):
        return TextPattern.model_validate(item)
    if "triggers" in values:
        triggers = values["triggers"]
        assert isinstance(triggers, list)
        if not all(isinstance(word, str) for word in triggers):
            return TextPattern.model_validate(item)
        values["triggers"] = tuple(triggers)
    return TextPattern.model_construct(**values)  # type: ignore[arg-type]
