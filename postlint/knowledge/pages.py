"""What one file tells the site index: the places site findings can point at, its links, anchors, source
URL, title, date and the front-matter values that decide its URL (plain data: reporters see it through
the findings model; :mod:`postlint.archive.extract` computes it from the already-parsed post)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from postlint.knowledge.slugs import matches

#: What a site rule may need from each file; facts are collected only for the needs of the active rules,
#: so a run without the link rules keeps no links in memory (50,000 posts).
LINKS, ANCHORS, SOURCE, TITLE, URL = "links", "anchors", "source", "title", "url"


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


@dataclass(slots=True)  # not frozen: slotted frozen classes fail to unpickle on early 3.10
class LinkFact:
    """A link in the file: ``kind`` is ``markdown``, ``html``, ``post_url``, ``link``, ``ref`` or ``relref``;
    ``target`` is what it names, as written (Jekyll's ``{{ site.baseurl }}`` removed)."""

    kind: str
    target: str
    place: Place


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
    links: tuple[LinkFact, ...] = ()

    def defines(self, name: str) -> bool:
        """Whether the anchor ``name`` (a decoded fragment) may exist in the page: one of its ids, or an id
        postlint cannot compute exactly that could be ``name`` (see :mod:`postlint.knowledge.slugs`)."""
        return self.anchors is not None and matches(name, self.anchors)

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
            "links": [[link.kind, link.target, link.place.as_list()] for link in self.links],
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
            tuple(LinkFact(str(k), str(t), Place.from_list(p)) for k, t, p in data.get("links", [])),
        )
