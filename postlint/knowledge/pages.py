"""What one file tells the site index: the places site findings can point at, its links, anchors, source
URL, title, date and the front-matter values that decide its URL (plain data: reporters see it through
the findings model; :mod:`postlint.knowledge.pagefacts` computes it from the already-parsed post)."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast, overload

from postlint.knowledge.slugs import matches, patterns

#: What a site rule may need from each file; facts are collected only for the needs of the active rules,
#: so a run without the link rules keeps no links in memory (50,000 posts).
LINKS, ANCHORS, SOURCE, TITLE, URL = "links", "anchors", "source", "title", "url"
#: The groups a file belongs to and how its items stand on each trait a habit is learned for (:class:`HabitFacts`).
HABITS = "habits"
#: Traits of :class:`HabitFacts`: a content figure has a caption a reader sees.
FIGURE_CAPTION = "figure-caption"
#: A picture outside a figure has a caption under it (the outlet's own picture unit: an image and a caption block).
PICTURE_CAPTION = "picture-caption"
#: The habit of :attr:`HabitFacts.keys`: which top-level front-matter keys a group's files write.
FRONT_MATTER_KEYS = "front-matter-keys"


@dataclass(slots=True)  # not frozen: slotted frozen classes fail to unpickle on early 3.10
class Place:
    """A span of the file, with the positions and the text findings there show."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    snippet: str
    #: The site rules (codes) that a suppression comment silences here.
    suppressed: tuple[str, ...] = ()

    def as_list(self) -> list[Any]:
        fields = (self.start, self.end, self.line, self.column, self.end_line, self.end_column, self.snippet)
        return [*fields, list(self.suppressed)]

    @classmethod
    def from_list(cls, values: list[Any]) -> Place:
        if not isinstance(values, list) or len(values) != 8:
            raise ValueError("malformed place")
        start, end, line, column, end_line, end_column = (int(v) for v in values[:6])
        return cls(start, end, line, column, end_line, end_column, str(values[6]), tuple(str(v) for v in values[7]))


class LinkFact:
    """A link in the file: ``kind`` is ``markdown``, ``html``, ``post_url``, ``link``, ``ref`` or ``relref``;
    ``target`` is what it names, as written (Jekyll's ``{{ site.baseurl }}`` removed); ``place`` is where it
    is (its snippet: the kind and the target). The links of a file are kept packed (:class:`Links`), and
    each one's place is made when a rule asks for it (most links are never reported)."""

    __slots__ = ("_index", "_links", "_place", "kind", "target")

    def __init__(self, kind: str, target: str, place: Place | None = None) -> None:
        self.kind = kind
        self.target = target
        self._place = place
        self._links: Links | None = None
        self._index = 0

    @property
    def place(self) -> Place:
        if self._place is None:
            self._place = self._links.place(self._index) if self._links is not None else Place(0, 0, 1, 1, 1, 1, "")
        return self._place

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LinkFact):
            return NotImplemented
        return (self.kind, self.target, self.place) == (other.kind, other.target, other.place)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it replaces

    def __repr__(self) -> str:
        return f"LinkFact({self.kind!r}, {self.target!r}, {self.place!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (LinkFact, (self.kind, self.target, self.place))


def link_snippet(kind: str, target: str) -> str:
    """The snippet a finding at a link shows (and a baseline keys it on): its kind and its target, on one
    line, at most 200 characters."""
    return " ".join(f"{kind} {target}"[:200].split())


#: Numbers kept for each link in :class:`Links`: start, end, line, column, end line, end column.
_NUMBERS = 6


class Links(Sequence[LinkFact]):
    """The links of one file, packed: a file's facts are kept for every checked file until the site pass,
    and a site of 10,000 posts with 100 links each held a million link objects, each with its place and a
    snippet string (46 KB a post; 459 MB). Here a link costs its target's characters, six integers in an
    array and a byte for its kind: the targets are one string with the end of each in an array, the kinds
    an index into the file's few kinds, and the codes a suppression comment silences at a link are kept
    only for the links that have some. Indexing or iterating makes :class:`LinkFact` views, whose place (and
    snippet) is made only when asked for."""

    __slots__ = ("_ends", "_kind_of", "_kinds", "_numbers", "_suppressed", "_targets")

    def __init__(self, links: Iterable[tuple[str, str, Place]] = ()) -> None:
        """Pack ``links``: ``(kind, target, place)`` each (the place's snippet is not kept: it is made from
        the kind and the target)."""
        kinds: dict[str, int] = {}
        kind_of = bytearray()
        targets: list[str] = []
        ends: list[int] = []
        numbers: list[int] = []
        suppressed: dict[int, tuple[str, ...]] = {}
        total = 0
        for index, (kind, target, place) in enumerate(links):
            code = kinds.setdefault(kind, len(kinds))
            if code > 255:
                raise ValueError("too many kinds of link")
            kind_of.append(code)
            targets.append(target)
            total += len(target)
            ends.append(total)
            numbers += (place.start, place.end, place.line, place.column, place.end_line, place.end_column)
            if place.suppressed:
                suppressed[index] = tuple(sys.intern(code) for code in place.suppressed)
        self._kinds = tuple(sys.intern(kind) for kind in kinds)
        self._kind_of = bytes(kind_of)
        self._targets = "".join(targets)
        self._ends = _int_array(ends)
        self._numbers = _int_array(numbers)
        self._suppressed = suppressed or None

    def __len__(self) -> int:
        return len(self._kind_of)

    @overload
    def __getitem__(self, index: int) -> LinkFact: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[LinkFact]: ...

    def __getitem__(self, index: int | slice) -> LinkFact | Sequence[LinkFact]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("link index out of range")
        return self._fact(index)

    def __iter__(self) -> Iterator[LinkFact]:
        for index in range(len(self._kind_of)):
            yield self._fact(index)

    def _fact(self, index: int) -> LinkFact:
        start = self._ends[index - 1] if index else 0
        fact = LinkFact(self._kinds[self._kind_of[index]], self._targets[start : self._ends[index]])
        fact._links = self
        fact._index = index
        return fact

    def place(self, index: int) -> Place:
        """The place of the link at ``index``, with its snippet (:func:`link_snippet`)."""
        at = index * _NUMBERS
        start, end, line, column, end_line, end_column = self._numbers[at : at + _NUMBERS]
        begin = self._ends[index - 1] if index else 0
        snippet = link_snippet(self._kinds[self._kind_of[index]], self._targets[begin : self._ends[index]])
        suppressed = self._suppressed.get(index, ()) if self._suppressed else ()
        return Place(start, end, line, column, end_line, end_column, snippet, suppressed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Links):
            return list(self._rows()) == list(other._rows())
        if isinstance(other, (tuple, list)):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._kind_of, self._targets, tuple(self._numbers)))

    def __repr__(self) -> str:
        return f"Links({list(self)!r})"

    def _rows(self) -> Iterator[tuple[str, str, tuple[int, ...], tuple[str, ...]]]:
        for index, fact in enumerate(self):
            at = index * _NUMBERS
            suppressed = self._suppressed.get(index, ()) if self._suppressed else ()
            yield fact.kind, fact.target, tuple(self._numbers[at : at + _NUMBERS]), suppressed

    def to_json(self) -> dict[str, Any]:
        """Plain data for the findings cache: the kinds, the targets, the numbers in one flat list."""
        kinds = [self._kinds[code] for code in self._kind_of]
        targets = [fact.target for fact in self]
        suppressed = {str(i): list(codes) for i, codes in self._suppressed.items()} if self._suppressed else {}
        return {"kinds": kinds, "targets": targets, "numbers": list(self._numbers), "suppressed": suppressed}

    @classmethod
    def from_json(cls, value: Any) -> Links:
        """What :meth:`to_json` gave (or the older list of ``[kind, target, place]``); ``ValueError``,
        ``TypeError`` or ``KeyError`` when malformed."""
        if isinstance(value, list):
            return cls((str(k), str(t), Place.from_list(p)) for k, t, p in value)
        if not isinstance(value, dict):
            raise ValueError("malformed links")
        kinds, targets, numbers = value["kinds"], value["targets"], value["numbers"]
        suppressed = value.get("suppressed") or {}
        if not (isinstance(kinds, list) and isinstance(targets, list) and isinstance(numbers, list)):
            raise ValueError("malformed links")
        if not isinstance(suppressed, dict) or len(kinds) != len(targets) or len(numbers) != len(kinds) * _NUMBERS:
            raise ValueError("malformed links")

        def rows() -> Iterator[tuple[str, str, Place]]:
            for index, (kind, target) in enumerate(zip(kinds, targets, strict=True)):
                at = index * _NUMBERS
                start, end, line, column, end_line, end_column = (int(v) for v in numbers[at : at + _NUMBERS])
                codes = tuple(str(code) for code in suppressed.get(str(index), ()))
                yield str(kind), str(target), Place(start, end, line, column, end_line, end_column, "", codes)

        return cls(rows())


def _int_array(values: list[int]) -> array[int]:
    """``values`` in an array of 4-byte integers, or of 8-byte ones when some does not fit."""
    try:
        return array("i", values)
    except OverflowError:
        return array("q", values)


#: The links of a file that has none (shared: never mutated).
NO_LINKS = Links()


@dataclass(slots=True)  # not frozen: slotted frozen classes fail to unpickle on early 3.10
class Trait:
    """How one file's items stand on one trait (its figures on "has a caption"): how many have it, and where
    each of the others stands (the places a habit rule can report)."""

    held: int
    missing: tuple[Place, ...] = ()

    @property
    def total(self) -> int:
        return self.held + len(self.missing)


@dataclass(slots=True)  # not frozen: slotted frozen classes fail to unpickle on early 3.10
class HabitFacts:
    """What the archive's habits are learned from: the groups the file belongs to, by kind (``source-host``,
    ``category``, ``folder``), and its traits by name (:data:`FIGURE_CAPTION`). Only traits with items."""

    groups: dict[str, str]
    traits: dict[str, Trait]
    #: The front matter's top-level keys, sorted (empty for a file whose keys are not compared: a list page).
    keys: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        traits = {name: [t.held, [p.as_list() for p in t.missing]] for name, t in self.traits.items()}
        return {"groups": self.groups, "traits": traits, "keys": list(self.keys)}

    @classmethod
    def from_json(cls, value: Any) -> HabitFacts | None:
        if not isinstance(value, dict):
            return None
        groups = value.get("groups")
        traits = value.get("traits")
        if not isinstance(groups, dict) or not isinstance(traits, dict):
            raise ValueError("malformed habit facts")
        keys = value.get("keys", [])
        if not isinstance(keys, list):
            raise ValueError("malformed habit facts")
        # Most stored files have no figures and the groups and keys of many others: one object for them all,
        # found by the stored strings (a warm run in a 7,443-post archive decodes each file's facts).
        if not traits and all(type(item) is str for item in (*groups, *groups.values(), *keys)):
            return plain_habit_facts(groups, tuple(keys))
        return cls(
            shared({sys.intern(str(k)): sys.intern(str(v)) for k, v in groups.items()}),
            {str(n): Trait(int(t[0]), tuple(Place.from_list(p) for p in t[1])) for n, t in traits.items()} or NO_TRAITS,
            shared(tuple(sys.intern(str(key)) for key in keys)),
        )


#: The habit facts of files without figures, by their groups and keys (never mutated): made while a file is
#: read and when its facts come back from the stored index.
_PLAIN_FACTS: dict[tuple[tuple[tuple[str, str], ...], tuple[str, ...]], HabitFacts] = {}


def plain_habit_facts(groups: dict[str, str], keys: tuple[str, ...]) -> HabitFacts:
    """The habit facts of a file without figures: one object for every file of a group with the same keys
    (most files: 50,000 posts hold a reference each, not a copy)."""
    key = (tuple(groups.items()), keys)
    found = _PLAIN_FACTS.get(key)
    if found is None:
        found = HabitFacts(
            shared({sys.intern(k): sys.intern(v) for k, v in groups.items()}),
            NO_TRAITS,
            shared(tuple(sys.intern(name) for name in keys)),
        )
        if len(_PLAIN_FACTS) < 100_000:  # a bound for a long-lived process (the language server)
            _PLAIN_FACTS[key] = found
    return found


_Shareable = TypeVar("_Shareable", dict[str, str], tuple[str, ...])
#: The traits of a file that has none (shared: never mutated).
NO_TRAITS: dict[str, Trait] = {}
_SHARED: dict[Any, Any] = {}


def shared(value: _Shareable) -> _Shareable:
    """One object for equal group maps and key lists: most files of a group have the same ones (50,000
    posts hold a reference each, not a copy). Never mutated once made."""
    key = tuple(value.items()) if isinstance(value, dict) else value
    found = _SHARED.get(key)
    if found is not None:
        return cast("_Shareable", found)
    if len(_SHARED) < 100_000:  # a bound for a long-lived process (the language server)
        _SHARED[key] = value
    return value


@dataclass(slots=True)  # not frozen: slotted frozen classes fail to unpickle on early 3.10
class PageFacts:
    path: str
    fs_path: str
    #: Front-matter values that decide the URL (``permalink``, ``slug``, ``url``, ``categories``, ``draft``).
    front: dict[str, Any] = field(default_factory=dict)
    #: The date as written (ISO), for URLs and for "earliest"; None without a readable date.
    date: str | None = None
    title: str | None = None
    #: The front-matter source URL as written (the index compares it normalised).
    source_url: str | None = None
    source_place: Place | None = None
    title_place: Place | None = None
    #: Where a URL collision is reported: the permalink/url/slug value, else the file's first line.
    url_place: Place | None = None
    anchors: frozenset[str] | None = None
    links: Links = field(default_factory=lambda: NO_LINKS)
    habits: HabitFacts | None = None
    #: The anchors that are patterns, split: computed on the first fragment asked about (not stored in the
    #: cache), so each fragment is not compared with every anchor (10,000 headings x 10,000 links: 193 s).
    patterns: tuple[list[str], ...] | None = field(default=None, compare=False, repr=False)

    def defines(self, name: str) -> bool:
        """Whether the anchor ``name`` (a decoded fragment) may exist in the page: one of its ids, or an id
        postlint cannot compute exactly that could be ``name`` (see :mod:`postlint.knowledge.slugs`)."""
        if self.anchors is None:
            return False
        if self.patterns is None:
            self.patterns = patterns(self.anchors)
        return matches(name, self.anchors, self.patterns)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "fs_path": self.fs_path,
            "front": self.front,
            "date": self.date,
            "title": self.title,
            "source_url": self.source_url,
            "source_place": self.source_place.as_list() if self.source_place else None,
            "title_place": self.title_place.as_list() if self.title_place else None,
            "url_place": self.url_place.as_list() if self.url_place else None,
            "anchors": sorted(self.anchors) if self.anchors is not None else None,
            "links": self.links.to_json() if isinstance(self.links, Links) else Links(_rows(self.links)).to_json(),
            "habits": self.habits.to_json() if self.habits is not None else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: str) -> PageFacts:
        def place(value: Any) -> Place | None:
            return Place.from_list(value) if value is not None else None

        def text(value: Any) -> str | None:
            return value if isinstance(value, str) else None

        front = data.get("front")
        anchors = data.get("anchors")
        return cls(
            path,
            str(data["fs_path"]),
            front if isinstance(front, dict) else {},
            text(data.get("date")),
            text(data.get("title")),
            text(data.get("source_url")),
            place(data.get("source_place")),
            place(data.get("title_place")),
            place(data.get("url_place")),
            frozenset(str(a) for a in anchors) if isinstance(anchors, list) else None,
            Links.from_json(data["links"]) if data.get("links") else NO_LINKS,
            HabitFacts.from_json(data.get("habits")),
        )


def _rows(links: Iterable[LinkFact]) -> Iterator[tuple[str, str, Place]]:
    return ((link.kind, link.target, link.place) for link in links)
