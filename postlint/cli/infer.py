"""``postlint init --infer``: learn the front-matter schema an archive actually follows, as a config file.

Each key's presence is counted over the posts whose front matter parses. A key that at least
``required_threshold`` of them carry (with a value) becomes required; the type is the narrowest that every
value fits; a key with few distinct text values lists them as ``allowed``. The rare post that lacks what
all the others have is then reported as PL101 (or PL102 for a value of another type) by a normal check.

Every key and value comes from the posts and is hostile: keys and strings are written as TOML basic strings
with every control character escaped, and comments show values only in that escaped form, so nothing from a
post can end a comment, close a string or open a table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from postlint.reading.dates import DateError, parse_date

#: Keys whose URL is judged by PL601 (source-url-invalid): typed as text here, so a bad URL is one finding.
_SOURCE_KEYS = frozenset({"from", "source", "source_url", "original_url", "link", "canonical_url"})
#: Keys Jekyll and Hugo read as one label or a list of them: typed so, even where an archive writes strings.
_LABEL_KEYS = frozenset({"tags", "tag", "categories", "category", "keywords", "series", "aliases"})
#: Keys that hold free text (names, titles, sentences): a new post brings a new value, so their values are
#: never listed as `allowed` by default (the ten authors seen so far are not the only ones there will be).
_FREE_TEXT_KEYS = frozenset(
    {
        "title",
        "subtitle",
        "description",
        "summary",
        "excerpt",
        "teaser",
        "headline",
        "author",
        "authors",
        "name",
        "byline",
        "caption",
        "alt",
        "credit",
        "publisher",
        "source_name",
    }
)
#: Unicode categories written escaped: format characters (bidi controls, zero-width), line and paragraph separators.
_INVISIBLE = frozenset({"Cf", "Zl", "Zp"})
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_URL = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+\S*\Z", re.IGNORECASE)


@dataclass
class KeyStats:
    """What the archive says about one front-matter key."""

    present: int = 0  # posts with the key and a value (not null, not blank)
    empty: int = 0  # posts with the key left empty
    blank: int = 0  # of those, posts with an empty or blank string ('' is a value a type may refuse)
    spaced: bool = False  # a text value holds white space: words, not a label
    kinds: Counter[str] = field(default_factory=Counter)
    values: Counter[str] = field(default_factory=Counter)  # text values (and list items), for `allowed`
    only_text: bool = True  # every value is text or a list of text: `allowed` can list them
    all_dates_have_time: bool = True
    date_objects: int = 0  # values YAML or TOML read as dates (not text that happens to read as one)


def _kind(value: Any, reader: str = "") -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, (dt.datetime, dt.date)):
        return "date"
    if isinstance(value, str):
        try:
            parse_date(value, None, reader)
        except DateError:
            return "url" if _URL.match(value.strip()) else "str"
        return "date"
    if isinstance(value, list):
        if all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value):
            return "list"
        return "list-other"
    return type(value).__name__


class Inference:
    """Counts over an archive; :meth:`render` writes the config."""

    def __init__(self, reader: str = "") -> None:
        self.posts = 0
        self.keys: dict[str, KeyStats] = {}
        #: How the site's generator reads dates (``SiteFacts.date_reader``): Jekyll's are the dates it reads.
        self.reader = reader

    def add(self, data: dict[Any, Any], raw: Any = None) -> None:
        """Count one post's front matter (``raw(key)``: a value as written, for dates)."""
        self.posts += 1
        for key, value in data.items():
            if not isinstance(key, str) or key == "postlint":
                continue
            stats = self.keys.setdefault(key, KeyStats())
            if value is None or (isinstance(value, str) and not value.strip()) or value == []:
                stats.empty += 1
                stats.blank += isinstance(value, str)
                continue
            stats.present += 1
            kind = _kind(value, self.reader)
            stats.kinds[kind] += 1
            if kind == "date":
                stats.date_objects += not isinstance(value, str)
                written = raw(key) if raw is not None and not isinstance(value, str) else None
                try:
                    stats.all_dates_have_time &= parse_date(value, written, self.reader).has_time
                except DateError:
                    stats.all_dates_have_time &= isinstance(value, dt.datetime)
            items = value if isinstance(value, list) else [value]
            if kind in ("str", "list") and all(isinstance(item, str) for item in items):
                stats.values.update(items)
                stats.spaced = stats.spaced or any(len(item.split()) > 1 for item in items)
            else:
                stats.only_text = False

    def type_of(self, key: str) -> str | None:
        """The narrowest config type every value of ``key`` fits, or ``None`` when they disagree."""
        stats = self.keys[key]
        kinds = set(stats.kinds)
        if not kinds:
            return None
        if kinds == {"bool"}:
            return "bool"
        if kinds == {"int"}:
            return "int"
        if kinds <= {"int", "float"}:
            return "float"
        dates = stats.kinds["date"]
        if kinds == {"date"} or (stats.date_objects and kinds <= {"date", "str", "url"} and dates * 2 > stats.present):
            # Mostly dates: the odd text value is an unreadable date, which PL201 reports.
            return "datetime" if stats.all_dates_have_time else "date"
        if stats.date_objects:
            return None  # dates and other values mixed: no type fits them all
        if key in _LABEL_KEYS and kinds <= {"list", "str", "url", "date"}:
            return "str|list[str]"
        if kinds == {"url"} and key not in _SOURCE_KEYS:
            return "url"
        if kinds <= {"str", "url", "date"}:
            return "text"
        if kinds == {"list"}:
            return "list[str]"
        if kinds <= {"list", "str", "url", "date"}:
            return "str|list[str]"
        return None

    def free_text(self, key: str) -> bool:
        """Whether ``key`` holds free text: a name, title or sentence key, or (but for labels such as tags)
        values made of several words."""
        return key.lower() in _FREE_TEXT_KEYS or (key.lower() not in _LABEL_KEYS and self.keys[key].spaced)

    def render(
        self,
        sources: Iterable[str],
        required_threshold: float,
        max_allowed_values: int,
        version: str,
        allow_free_text: bool = False,
        pages: Iterable[str] = (),
        page_count: int = 0,
    ) -> str:
        sources_shown = " ".join(_quote(source) for source in sources)
        lines = [
            f"# postlint config inferred by `postlint init --infer` (postlint {version}) from {self.posts} posts",
            f"# in {sources_shown}.",
            f"# A key is required when at least {required_threshold:.0%} of the posts have it with a value"
            f" (--required-threshold {required_threshold:g});",
            f"# a text key with at most {max_allowed_values} distinct values lists them as allowed"
            f" (--max-allowed-values {max_allowed_values}).",
            "# Review, then edit freely: a post that lacks a required key is reported as PL101, a value of another",
            "# type or not allowed as PL102.",
            'profile = "jekyll"',
        ]
        left_out = list(pages)
        if left_out:
            # Pages (redirects, listings, about pages) are not posts: held to the posts' schema, they would be
            # PL101/PL102. They were not counted, and the schema's rules are switched off for them.
            shown = left_out[:50]
            lines.append(
                f"# {page_count or len(left_out)} pages are not posts (outside _posts, or redirects): not counted, and"
                " the schema rules (PL101, PL102) are off for them here."
            )
            if len(left_out) > len(shown):
                lines.append(f"# The first {len(shown)} patterns are listed; add the others the same way.")
            entries = ", ".join(f'{_quote(page)} = ["PL101", "PL102"]' for page in shown)
            lines.append(f"per-file-ignores = {{ {entries} }}")
        # A key with a lone surrogate (JSON front matter keeps them) has no TOML name: no config can name its
        # field, and two such keys would be written as one table declared twice, which breaks the file.
        unnamable = [key for key in self.keys if not _encodable(key)]
        if unnamable:
            lines.append(f"# {len(unnamable)} keys left out: TOML cannot hold their names (lone surrogates).")
        for key in sorted(self.keys, key=lambda k: (-self.keys[k].present, k)):
            if key in unnamable:
                continue
            stats = self.keys[key]
            share = stats.present / self.posts if self.posts else 0.0
            kind = self.type_of(key)
            lines.append("")
            lines.append(f"[front-matter.fields.{_key(key)}]")
            note = f"# {stats.present} of {self.posts} posts"
            if stats.empty:
                note += f" ({stats.empty} more leave it empty)"
            if kind is None and stats.kinds:
                note += "; values of several types: " + ", ".join(
                    f"{name} ({count})" for name, count in stats.kinds.most_common()
                )
            lines.append(note)
            required = share >= required_threshold
            if kind == "text" and stats.empty and not required:
                kind = "str"  # the archive leaves it empty at will: empty text is its "none"
            if stats.blank and not required and kind not in (None, "str", "text", "str|list[str]", "list[str]"):
                # Left empty ('') at will: a type that refuses '' would report each such post.
                lines.append(f"# type = \"{kind}\" would report the {stats.blank} posts that leave it empty ('')")
                kind = None
            if kind is not None:
                lines.append(f'type = "{kind}"')
            lines.append(f"required = {'true' if required else 'false'}")
            distinct = len(stats.values)
            allowed = (
                stats.only_text
                and 0 < distinct <= max_allowed_values
                and stats.present >= 2 * distinct
                and all(_encodable(value) for value in stats.values)
            )
            if allowed and not allow_free_text and self.free_text(key):
                lines.append(
                    f"# free text: its {distinct} values are not listed as allowed (--allow-free-text lists them)"
                )
                allowed = False
            if allowed:
                ordered = sorted(stats.values, key=lambda v: (-stats.values[v], v))
                counts = ", ".join(f"{_quote(value)}: {stats.values[value]}" for value in ordered)
                lines.append(f"# values: {counts}")
                lines.append(f"allowed = [{', '.join(_quote(value) for value in ordered)}]")
        return "\n".join(lines) + "\n"


def _encodable(text: str) -> bool:
    """TOML holds Unicode scalar values only: a lone surrogate (from a YAML escape) cannot be written."""
    return not any(0xD800 <= ord(char) <= 0xDFFF for char in text)


def _quote(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and every control character escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0 or unicodedata.category(char) in _INVISIBLE:
            out.append(f"\\u{code:04X}")  # bidi overrides and zero-width characters shown, not applied
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\\uFFFD")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _quote(key)
