"""The front-matter schema layer: built-in profiles are pydantic models, and config refines them.

A *profile* says what a post's front matter should hold. ``jekyll`` (the default) is a general Jekyll/Hugo
post and asks for little; ``news`` is the shape that feed importers produce (``layout``, ``title``, a
date-time ``date``, ``author``, a ``from`` source URL, ``tags`` and ``categories``). Config can require
fields, set their types, allowed values, patterns and lengths, or name a model of the user's own
(``package.module:Model``). Validation errors keep pydantic's location so each becomes a finding at the key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    create_model,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

# Text and URL checks are written here rather than with pydantic's StringConstraints and HttpUrl: those pull
# in modules (pydantic.types, pydantic.networks) that add a sixth to the start-up of a pre-commit run. The
# error types and messages are pydantic's own.


def _non_empty(value: str) -> str:
    value = value.strip()
    if not value:
        raise PydanticCustomError("string_too_short", "String should have at least 1 character")
    return value


#: Seconds one value may take to match a configured pattern.
PATTERN_TIMEOUT = 0.25
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*\Z")
MAX_URL_LENGTH = 2083


def _http_url(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_URL_LENGTH:
        raise PydanticCustomError("url_too_long", f"URL should have at most {MAX_URL_LENGTH} characters")
    scheme, separator, rest = value.partition(":")
    if not separator or not _SCHEME.match(scheme):
        raise PydanticCustomError("url_parsing", "Input should be a valid URL, relative URL without a base")
    if scheme.lower() not in ("http", "https"):
        raise PydanticCustomError("url_scheme", "URL scheme should be 'http' or 'https'")
    host = rest.lstrip("/").split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]
    if not rest.startswith("//") or not host or host.startswith(":"):
        raise PydanticCustomError("url_parsing", "Input should be a valid URL, empty host")
    return value


NonEmptyText = Annotated[str, AfterValidator(_non_empty), WithJsonSchema({"type": "string", "minLength": 1})]
HttpUrl = Annotated[
    str,
    AfterValidator(_http_url),
    WithJsonSchema({"type": "string", "format": "uri", "minLength": 1, "maxLength": MAX_URL_LENGTH}),
]


def _scalar_to_text(value: Any) -> Any:
    # YAML reads `tags: [2020]` as a number; Jekyll turns it into the string "2020" without complaint.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


Label = Annotated[str, BeforeValidator(_scalar_to_text)]
DateValue = dt.datetime | dt.date | str  # the PL2xx rules judge the content of dates


class JekyllPost(BaseModel):
    """A general Jekyll or Hugo post: every key is optional, but the common ones have the right shape."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    title: Label | None = None
    date: DateValue | None = None
    layout: str | None = None
    permalink: str | None = None
    published: bool | None = None
    draft: bool | None = None
    tags: list[Label] | Label | None = None
    categories: list[Label] | Label | None = None
    description: str | None = None


class NewsPost(BaseModel):
    """A post imported from a news site or feed, in the shape importers write it."""

    # Built on first use: most runs use another profile, and building a model costs a pre-commit run time.
    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    layout: NonEmptyText
    title: NonEmptyText
    date: dt.datetime
    author: NonEmptyText
    source: HttpUrl = Field(alias="from")
    tags: list[NonEmptyText]
    categories: list[NonEmptyText]


PROFILES: dict[str, type[BaseModel]] = {"jekyll": JekyllPost, "news": NewsPost}

#: Keys that Jekyll, Hugo, Zola and the common themes read; a near miss of one of these is a typo.
COMMON_KEYS = frozenset(
    """title date layout author authors categories category tags tag description excerpt summary image images
    image_feature feature_image featured_image cover thumbnail permalink published draft lastmod
    last_modified_at updated modified slug keywords series weight aliases toc comments link source from
    original_url source_url canonical_url lang language translationKey type url subtitle expiryDate publishDate
    menu sitemap redirect_from redirect_to hidden pin sticky math mermaid excerpt_separator header teaser
    timezone postlint""".split()
)

TYPE_NAMES: dict[str, Any] = {
    "str": str,
    "string": str,
    "text": NonEmptyText,
    "int": int,
    "integer": int,
    "float": float,
    "number": float,
    "bool": bool,
    "boolean": bool,
    "date": dt.date,
    "datetime": dt.datetime,
    "url": HttpUrl,
    "list": list[Label],
    "list[str]": list[Label],
    "list of str": list[Label],
    "list[int]": list[int],
    "list of int": list[int],
    "str|list[str]": Label | list[Label],
    "any": Any,
}


class FieldSpec(BaseModel):
    """What config says about one front-matter key."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, alias_generator=lambda name: name.replace("_", "-")
    )

    type: str | None = None
    required: bool | None = None
    allowed: list[Any] | None = None
    pattern: str | None = None
    min_length: int | None = Field(default=None, ge=0)
    max_length: int | None = Field(default=None, ge=0)


UnknownKeys = Literal["allow", "warning", "error"]


class SchemaConfigError(ValueError):
    """A schema setting in config is wrong; ``key`` names it."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key


@dataclass(frozen=True)
class SchemaError:
    """One way the front matter does not fit the schema."""

    path: tuple[str | int, ...]
    kind: str  # "missing" or pydantic's error type
    message: str


def load_model(reference: str) -> type[BaseModel]:
    """Import ``package.module:Model``."""
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise SchemaConfigError("front-matter.model", f"'{reference}' is not of the form 'package.module:Model'")
    try:
        module = importlib.import_module(module_name)
        model = getattr(module, attribute)
    except (ImportError, AttributeError) as error:
        raise SchemaConfigError("front-matter.model", f"cannot load '{reference}': {error}") from None
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise SchemaConfigError("front-matter.model", f"'{reference}' is not a pydantic model")
    return model


def _annotation(key: str, spec: FieldSpec, existing: FieldInfo | None) -> tuple[Any, FieldInfo]:
    if spec.type is not None:
        normalised = re.sub(r"\s+", " ", spec.type.strip().lower())
        if normalised not in TYPE_NAMES:
            raise SchemaConfigError(
                f"front-matter.fields.{key}.type",
                f"unknown type '{spec.type}' (known: {', '.join(sorted(TYPE_NAMES))})",
            )
        annotation: Any = TYPE_NAMES[normalised]
    elif existing is not None and existing.annotation is not None:
        annotation = existing.annotation
    else:
        annotation = Any
    metadata: list[Any] = []
    if spec.pattern is not None:
        # A config's pattern meets values from posts: Python's `re` backtracks without bound (`^(a+)+$` on
        # thirty `a` and a `b` never returns), so patterns run in the `regex` module, same syntax, with a
        # time limit per value.
        import regex

        try:
            compiled = regex.compile(spec.pattern)
        except (regex.error, ValueError, OverflowError, RecursionError) as error:
            raise SchemaConfigError(
                f"front-matter.fields.{key}.pattern", f"invalid regular expression: {error}"
            ) from None

        def matches(value: Any, _pattern: regex.Pattern[str] = compiled) -> Any:
            if not isinstance(value, str):
                return value
            try:
                found = _pattern.search(value, timeout=PATTERN_TIMEOUT)
            except TimeoutError:
                raise ValueError(
                    f"could not be checked against the pattern '{_pattern.pattern}': matching took more than "
                    f"{PATTERN_TIMEOUT} s (the pattern backtracks too much; simplify it)"
                ) from None
            if found is None:
                raise ValueError(f"should match the pattern '{_pattern.pattern}'")
            return value

        metadata.append(AfterValidator(matches))
    if spec.allowed is not None:
        allowed = list(spec.allowed)

        def is_allowed(value: Any, _allowed: list[Any] = allowed) -> Any:
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item not in _allowed:
                    raise ValueError(f"{item!r} is not one of the allowed values {_allowed!r}")
            return value

        metadata.append(AfterValidator(is_allowed))
    if spec.min_length is not None or spec.max_length is not None:
        low, high = spec.min_length, spec.max_length

        def length_ok(value: Any) -> Any:
            if isinstance(value, (str, list)):
                size = len(value)
                if low is not None and size < low:
                    raise ValueError(
                        f"should have at least {low} {'characters' if isinstance(value, str) else 'items'}"
                    )
                if high is not None and size > high:
                    raise ValueError(
                        f"should have at most {high} {'characters' if isinstance(value, str) else 'items'}"
                    )
            return value

        metadata.append(AfterValidator(length_ok))
    if metadata:
        arguments = (annotation, *metadata)
        annotation = Annotated[arguments]  # a tuple subscript: Python 3.10 has no `*` inside []
    required = spec.required if spec.required is not None else (existing.is_required() if existing else False)
    if required:
        info = Field(alias=key)
    else:
        annotation = annotation | None
        info = Field(default=None, alias=key)
    return annotation, info


class FrontMatterSchema:
    """The effective schema: a pydantic model plus the policy for keys it does not know."""

    def __init__(
        self,
        model: type[BaseModel],
        unknown_keys: UnknownKeys = "allow",
        known_keys: frozenset[str] = frozenset(),
        profile: str = "jekyll",
    ) -> None:
        self.model = model
        self.unknown_keys = unknown_keys
        self.profile = profile
        self.declared = frozenset((info.alias or name) for name, info in model.model_fields.items())
        self.known = self.declared | known_keys
        self._vocabulary = sorted(self.known | COMMON_KEYS)
        self._suggestions: dict[str, str | None] = {}

    @classmethod
    def build(
        cls,
        profile: str = "jekyll",
        model: str | None = None,
        fields: dict[str, FieldSpec] | None = None,
        unknown_keys: UnknownKeys = "allow",
        known_keys: list[str] | None = None,
    ) -> FrontMatterSchema:
        if model is not None:
            base = load_model(model)
        else:
            if profile not in PROFILES:
                raise SchemaConfigError("profile", f"unknown profile '{profile}' (known: {', '.join(PROFILES)})")
            base = PROFILES[profile]
        if fields:
            by_alias = {(info.alias or name): (name, info) for name, info in base.model_fields.items()}
            definitions: dict[str, Any] = {}
            for key, spec in fields.items():
                python_name, existing = by_alias.get(key, (None, None))
                if python_name is None:
                    python_name = "field_" + re.sub(r"\W", "_", key)
                definitions[python_name] = _annotation(key, spec, existing)
            base = create_model(f"{base.__name__}WithConfig", __base__=base, **definitions)
        return cls(base, unknown_keys, frozenset(known_keys or ()), profile if model is None else model)

    def validate(self, data: dict[str, Any]) -> list[SchemaError]:
        try:
            self.model.model_validate(data)
        except ValidationError as error:
            return [self._error(item) for item in error.errors(include_url=False)]
        except (TypeError, ValueError) as error:  # a user model's own validator misbehaving
            return [SchemaError((), "model-error", str(error))]
        return []

    def _error(self, item: Any) -> SchemaError:
        path = tuple(part for part in item["loc"] if not (isinstance(part, str) and "[" in part))
        kind = str(item["type"])
        where = ".".join(str(part) for part in path) or "front matter"
        if kind == "missing":
            return SchemaError(path, kind, f"required key '{where}' is missing")
        found = item.get("input")
        shown = repr(found) if not isinstance(found, (dict, list)) else type(found).__name__
        if len(shown) > 60:
            shown = shown[:57] + "..."
        message = str(item["msg"])
        if message and not message[1:2].isupper():  # "Input should be" -> "input should be", but "URL ..." stays
            message = message[0].lower() + message[1:]
        message = message.removeprefix("value error, ")
        return SchemaError(path, kind, f"'{where}': {message}; found {shown}")

    def suggest(self, key: str) -> str | None:
        """The known key that ``key`` is a near miss of (``auther`` -> ``author``), if any."""
        if key in self.known or key in COMMON_KEYS:
            return None
        if key not in self._suggestions:  # difflib is slow and archives repeat the same keys
            self._suggestions[key] = self._suggest(key)
        return self._suggestions[key]

    def _suggest(self, key: str) -> str | None:
        lowered = key.lower()
        for candidate in self._vocabulary:
            if candidate.lower() == lowered:
                # Hugo reads its camelCase keys case-insensitively (`publishdate` is `publishDate`).
                return None if candidate != candidate.lower() else candidate
        matches = difflib.get_close_matches(key, self._vocabulary, n=1, cutoff=0.8)
        return matches[0] if matches else None

    def json_schema(self) -> dict[str, Any]:
        schema = self.model.model_json_schema(by_alias=True)
        schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
        schema.setdefault("title", f"postlint front matter ({self.profile})")
        return schema
