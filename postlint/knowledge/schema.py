"""The front-matter schema layer: built-in profiles are pydantic models, and config refines them.

A *profile* says what a post's front matter should hold. ``jekyll`` (the default) is a general Jekyll/Hugo
post and asks for little; ``news`` is what real news and feed archives agree on (a ``layout``, a ``title``
and a readable ``date``, with the shape of the other common keys checked when they are present). Config can
require fields, set their types, allowed values, patterns and lengths, or name a model of the user's own
(``package.module:Model``). Validation errors keep pydantic's location so each becomes a finding at the key.

Dates have one grammar in the whole tool: a date-typed key is checked by :func:`postlint.reading.dates.parse_date`,
the parser the PL2xx date rules use, on the text as written. An unreadable date is one finding: PL201's when
``date-invalid`` runs (it supersedes PL102 there, and reads the keys the schema types as dates), else
PL102's. The exported JSON Schema gives the same grammar as a ``pattern`` on strings: a date in JSON is the
text written in the post.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    create_model,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from postlint.reading.dates import DateError, PostDate, parse_date

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


#: Text with something besides white space in it (``_non_empty`` strips, as ``\\S`` searches).
NON_BLANK = r"\S"
NonEmptyText = Annotated[str, AfterValidator(_non_empty), WithJsonSchema({"type": "string", "pattern": NON_BLANK})]
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


#: A label (a tag, a category, a title): text, or a number that Jekyll turns into text.
Label = Annotated[str, BeforeValidator(_scalar_to_text), WithJsonSchema({"type": ["string", "number"]})]
NonEmptyLabel = Annotated[
    str,
    BeforeValidator(_scalar_to_text),
    AfterValidator(_non_empty),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": NON_BLANK}]}),
]
#: One or more labels: Jekyll accepts `tags: blog` (split on spaces) as well as `tags: [blog, news]`.
Labels = Annotated[
    list[Label] | Label,
    WithJsonSchema(
        {"anyOf": [{"type": ["string", "number"]}, {"type": "array", "items": {"type": ["string", "number"]}}]}
    ),
]


# ------------------------------------------------------------------------------------------------- dates
# The JSON Schema form of parse_date's grammar (postlint/reading/dates.py), calendar included: a month's last day,
# leap years (divisible by 4, centuries only by 400), no year 0, hours to 23, minutes and seconds to 59,
# offsets to ±23:59. Keep the two in step: tests/test_schema.py checks them against each other.
_DAY28 = r"(?:0?[1-9]|1\d|2[0-8])"
_LEAP_YEAR = r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_CALENDAR_DAY = (
    rf"(?!0000)(?:\d{{4}}-(?:(?:0?[13578]|1[02])-(?:{_DAY28}|29|30|31)|(?:0?[469]|11)-(?:{_DAY28}|29|30)"
    rf"|0?2-{_DAY28})|{_LEAP_YEAR}-0?2-29)"
)
_CLOCK = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
_OFFSET = r"(?:Z|z|UTC|GMT|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)"
_ISO_DATE_TIME = _CALENDAR_DAY + r"[T\s]+" + _CLOCK + r"\s*" + _OFFSET + "?"
# RFC 2822 as feeds write it ("Sat, 20 Mar 2021 01:21:35 +0000"). parse_date reads it with the standard
# library's lenient parser; this pattern is its common form (English names as written, a real day of the
# month, though 29 February is not checked against the year).
_MONTH_DAY = (
    r"(?:(?:0?[1-9]|[12]\d|3[01])\s+(?:Jan|Mar|May|Jul|Aug|Oct|Dec)|(?:0?[1-9]|[12]\d|30)\s+(?:Apr|Jun|Sep|Nov)"
    r"|(?:0?[1-9]|[12]\d)\s+Feb)"
)
_RFC_2822 = (
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?{_MONTH_DAY}\s+(?:\d{{4}}|\d{{2}})\s+{_CLOCK}"
    r"(?:\s+(?:[+-]\d{4}|UT|UTC|GMT|[ECMP][SD]T|Z))?"
)
DATE_PATTERN = r"^\s*(?:" + _CALENDAR_DAY + "|" + _ISO_DATE_TIME + "|" + _RFC_2822 + r")\s*$"
DATE_TIME_PATTERN = r"^\s*(?:" + _ISO_DATE_TIME + "|" + _RFC_2822 + r")\s*$"


class DateKind:
    """Marks a field as date-typed (in its metadata), so that PL201 judges it and raw text is checked."""

    def __init__(self, needs_time: bool) -> None:
        self.needs_time = needs_time


def _date_validator(needs_time: bool) -> Any:
    def check(value: Any) -> Any:
        if isinstance(value, PostDate):  # read already, by the caller's date parser (see validate)
            parsed = value
        elif value is None or (isinstance(value, str) and not value.strip()):
            raise PydanticCustomError("date_invalid", "is empty")
        else:
            try:
                parsed = parse_date(value)
            except DateError as error:
                raise PydanticCustomError("date_invalid", "{reason}", {"reason": str(error)}) from None
        if needs_time and not parsed.has_time:
            raise PydanticCustomError("datetime_type", "should be a date with a time, not a date alone")
        return value

    return check


#: A date as site generators read it: date-only or date-time, with or without a zone (PL202 asks for one).
PostDateValue = Annotated[
    Any,
    PlainValidator(_date_validator(False)),
    WithJsonSchema({"type": "string", "pattern": DATE_PATTERN}),
    DateKind(False),
]
PostDateTimeValue = Annotated[
    Any,
    PlainValidator(_date_validator(True)),
    WithJsonSchema({"type": "string", "pattern": DATE_TIME_PATTERN}),
    DateKind(True),
]


def _strict(kind: str, accepts: type | tuple[type, ...]) -> Any:
    """A check without pydantic's lax coercions (`published: "no"` is text, not false; `1.5` is no int)."""
    names = {"bool": "a valid boolean", "int": "a valid integer", "float": "a valid number"}

    def check(value: Any) -> Any:
        if isinstance(value, bool) != (kind == "bool") or not isinstance(value, accepts):
            raise PydanticCustomError(f"{kind}_type", f"Input should be {names[kind]}")
        return value

    return check


StrictBool = Annotated[Any, PlainValidator(_strict("bool", bool)), WithJsonSchema({"type": "boolean"})]
StrictInt = Annotated[Any, PlainValidator(_strict("int", int)), WithJsonSchema({"type": "integer"})]
StrictFloat = Annotated[Any, PlainValidator(_strict("float", (int, float))), WithJsonSchema({"type": "number"})]
#: Any text, or nothing (an empty key says "none": `author:`).
OptionalText = Annotated[str | None, WithJsonSchema({"type": ["string", "null"]})]


class JekyllPost(BaseModel):
    """A general Jekyll or Hugo post: every key is optional, but the common ones have the right shape."""

    # Built when the first post is validated: a run whose posts all come from the findings cache never builds
    # it (nor any other model, without a config file), and so never loads pydantic's schema machinery.
    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    # Absent is fine (a page titled by its layout or file name); written, it must say something: an importer
    # that found no title writes `title: ""`, and the post is listed untitled.
    title: NonEmptyLabel | None = None
    date: PostDateValue = None  # absent is fine; present, it must be a date (`date:` left empty is not)
    layout: str | None = None
    permalink: str | None = None
    published: StrictBool | None = None
    draft: StrictBool | None = None
    tags: Labels | None = None
    categories: Labels | None = None
    description: str | None = None


class NewsPost(BaseModel):
    """A post of a news or feed archive: what real news archives agree on, and the shape of the rest.

    Measured on seven importers' archives (2,912 posts): every one writes `layout`, `title` and `date`;
    categories come as `categories` (a string or a list), `category` or not at all; the source URL as `from`,
    `link`, `original_url` or not at all; `author` is on some archives only and sometimes left empty. So
    only the first three are required. What one archive always carries, `postlint init --infer` learns.
    """

    # Built on first use: most runs use another profile, and building a model costs a pre-commit run time.
    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)

    layout: NonEmptyLabel
    title: NonEmptyLabel
    date: PostDateValue
    author: Labels | None = None
    categories: Labels | None = None
    category: Labels | None = None
    tags: Labels | None = None
    description: OptionalText = None
    # The source URL's keys are declared so that they are known; whether the URL is one is PL601's to say.
    source: OptionalText = Field(default=None, alias="from")
    link: OptionalText = None
    original_url: OptionalText = None
    source_url: OptionalText = None
    canonical_url: OptionalText = None


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
    "int": StrictInt,
    "integer": StrictInt,
    "float": StrictFloat,
    "number": StrictFloat,
    "bool": StrictBool,
    "boolean": StrictBool,
    "date": PostDateValue,
    "datetime": PostDateTimeValue,
    "url": HttpUrl,
    "list": list[Label],
    "list[str]": list[Label],
    "list of str": list[Label],
    "list[int]": list[StrictInt],
    "list of int": list[StrictInt],
    "str|list[str]": Labels,
    "any": Any,
}


class FieldSpec(BaseModel):
    """What config says about one front-matter key."""

    # Built when a config sets `[front-matter.fields]` (see postlint.config._Section).
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, alias_generator=lambda name: name.replace("_", "-"), defer_build=True
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
        # pydantic moves a field's Annotated metadata (validators, JSON Schema) off its annotation: put it back.
        annotation = existing.annotation
        if existing.metadata:
            layers = (annotation, *existing.metadata)
            annotation = Annotated[layers]  # a tuple subscript: Python 3.10 has no `*` inside []
    else:
        annotation = Any
    metadata: list[Any] = []
    constraints: list[dict[str, Any]] = []  # the same checks, for the exported JSON Schema
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
        constraints.append({"pattern": spec.pattern})
    if spec.allowed is not None:
        allowed = list(spec.allowed)

        def is_allowed(value: Any, _allowed: list[Any] = allowed) -> Any:
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item not in _allowed:
                    raise ValueError(f"{item!r} is not one of the allowed values {_allowed!r}")
            return value

        metadata.append(AfterValidator(is_allowed))
        enum = {"enum": allowed}
        constraints.append({"anyOf": [{"type": "null"}, enum, {"type": "array", "items": enum}]})
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
        bounds = {"minLength": low, "maxLength": high, "minItems": low, "maxItems": high}
        constraints.append({name: bound for name, bound in bounds.items() if bound is not None})
    if metadata:
        arguments = (annotation, *metadata)
        annotation = Annotated[arguments]  # a tuple subscript: Python 3.10 has no `*` inside []
    required = spec.required if spec.required is not None else (existing.is_required() if existing else False)
    extra: dict[str, Any] | None = {"allOf": constraints} if constraints else None
    if required:
        info = Field(alias=key, json_schema_extra=extra)
    elif _date_kind(annotation) is not None:
        # Absent is fine; present, it must be a date (`date:` left empty is reported, as PL201 does).
        info = Field(default=None, alias=key, json_schema_extra=extra)
    else:
        annotation = annotation | None
        info = Field(default=None, alias=key, json_schema_extra=extra)
    return annotation, info


_BRANCH_NAMES = frozenset({"str", "int", "float", "bool", "none", "list", "dict", "any"})


def _is_branch(part: Any) -> bool:
    """Whether a part of pydantic's error location names a union branch rather than a key."""
    return isinstance(part, str) and ("[" in part or part in _BRANCH_NAMES)


def _path(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    return tuple(part for index, part in enumerate(loc) if not (index and _is_branch(part)))


def _date_kind(annotation: Any) -> DateKind | None:
    """The :class:`DateKind` of a date-typed annotation (possibly wrapped in more Annotated layers)."""
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, DateKind):
            return item
    origin = getattr(annotation, "__origin__", None)
    return _date_kind(origin) if origin is not None and hasattr(annotation, "__metadata__") else None


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
        #: Keys the schema types as dates: checked on their text as written, and judged by PL201.
        self.date_keys: tuple[str, ...] = tuple(
            (info.alias or name)
            for name, info in model.model_fields.items()
            if any(isinstance(item, DateKind) for item in info.metadata) or _date_kind(info.annotation) is not None
        )
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

    def validate(
        self,
        data: dict[str, Any],
        raw: Callable[[str], str | None] | None = None,
        dates: Callable[[str], PostDate | None] | None = None,
    ) -> list[SchemaError]:
        """Check ``data``. A date key is read from its text as written, ``raw(key)``, as the date rules read
        it (a YAML timestamp's text, not the value YAML made of it); ``dates(key)`` may give it read already
        (the rules' memo: each date is parsed once per post)."""
        if raw is not None and self.date_keys:
            data = dict(data)
            for key in self.date_keys:
                if key not in data:
                    continue
                known = dates(key) if dates is not None else None
                if known is not None:
                    data[key] = known
                    continue
                text = raw(key) if not isinstance(data[key], str) else None
                if text is not None and text.strip():
                    data[key] = text
        try:
            self.model.model_validate(data)
        except ValidationError as error:
            return self._errors(error.errors(include_url=False))
        except (TypeError, ValueError) as error:  # a user model's own validator misbehaving
            return [SchemaError((), "model-error", str(error))]
        return []

    def _errors(self, items: list[Any]) -> list[SchemaError]:
        """One finding per problem: a value that fits no branch of a union (`tags: {a: 1}` is neither a list
        nor a string) is one error, and a list that fails item by item reports its items, not also the
        string branch it could never have been."""
        branches: dict[Any, dict[str, list[Any]]] = {}
        for item in items:
            loc = item["loc"]
            tag = loc[1] if len(loc) > 1 and _is_branch(loc[1]) else ""
            branches.setdefault(loc[:1], {}).setdefault(tag, []).append(item)
        errors: list[SchemaError] = []
        for by_branch in branches.values():
            if "" in by_branch or len(by_branch) == 1:
                errors.extend(self._error(item) for group in by_branch.values() for item in group)
                continue
            depth = {tag: max(len(_path(item["loc"])) for item in group) for tag, group in by_branch.items()}
            deepest = max(depth.values())
            chosen = [tag for tag in by_branch if depth[tag] == deepest]
            if deepest > 1 or len(chosen) == 1:
                errors.extend(self._error(item) for item in by_branch[chosen[0]])
                continue
            merged = [self._error(group[0]) for group in by_branch.values()]
            messages = list(dict.fromkeys(m.message.split(": ", 1)[1].rsplit("; found ", 1)[0] for m in merged))
            first = merged[0]
            shown = first.message.rsplit("; found ", 1)[1]
            key = first.message.split(": ", 1)[0]
            errors.append(SchemaError(first.path, first.kind, f"{key}: {', or '.join(messages)}; found {shown}"))
        return errors

    def _error(self, item: Any) -> SchemaError:
        path = _path(item["loc"])
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
        """The known key that ``key`` is a near miss of (``auther`` -> ``author``), if any. A key that starts
        with ``_`` is private by convention (Hugo's docs write ``_comment: Do not remove front matter.``), so
        it is never taken for a typo, nor offered as the key meant."""
        if key in self.known or key in COMMON_KEYS or key.startswith("_"):
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
        vocabulary = [candidate for candidate in self._vocabulary if not candidate.startswith("_")]
        import difflib  # here: only a key that is not known is matched against the known ones

        matches = difflib.get_close_matches(key, vocabulary, n=1, cutoff=0.8)
        return matches[0] if matches else None

    def json_schema(self) -> dict[str, Any]:
        schema = self.model.model_json_schema(by_alias=True)
        schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
        schema.setdefault("title", f"postlint front matter ({self.profile})")
        return schema
