"""The site index kept between runs: what every file of a site told the index, so a run that checks a few
files (pre-commit in an archive of thousands of posts) reads only the files that changed since.

One stored index per site (and per postlint version, generator reading and URL rules): for each file, by
its path in the site, its identity on disk (modification and status-change times in nanoseconds, size,
inode), its cheap facts (what its front matter and file name say:
:func:`postlint.knowledge.pagefacts.front_facts`), what the index filed it under
(:class:`~postlint.knowledge.siteindex.PageKeys`) and, once a checked file linked into it with a fragment, its
anchors. A file whose identity changed is read again; files that left the site are dropped.

The stored index is kept in the findings cache's folder and trusted on the same terms as its entries
(:meth:`postlint.run.cache.FindingsCache.get_index`: a regular file of the user's own, HMAC-verified before it
is parsed); a malformed one is ignored whole. A file modified within :data:`RACY_NS` of the run is not
stored with its identity (its next change could keep the same time and size), so the next run reads it
again, as git does with its index.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from typing import Any, Protocol

from postlint.knowledge.pages import HabitFacts, PageFacts
from postlint.knowledge.siteindex import PageKeys


class IndexCache(Protocol):
    """Where stored indexes are kept and how they are trusted: the findings cache
    (:meth:`postlint.run.cache.FindingsCache.get_index` and ``put_index``)."""

    def get_index(self, name: str) -> Any: ...

    def put_index(self, name: str, data: Any) -> None: ...


#: A file changed this close to the run (2 s: the coarsest timestamps of common file systems) is read
#: again next run, whatever its stored identity says.
RACY_NS = 2_000_000_000
#: The anchors of a file whose anchors were not read yet.
_ANCHORS_UNKNOWN = 0
_NO_FRONT: dict[str, Any] = {}  # shared by the files without URL-deciding front matter (never mutated)


def identity(status: os.stat_result) -> list[int]:
    """What tells a file changed without reading it (as git's index does): its modification time, its
    status-change time (which no one can set back), its size and its inode."""
    return [status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino]


def store_name(setting: Any) -> str | None:
    """The name a site's stored index goes by: a hash of everything that decides what it holds (the site's
    folder, the generator's reading of posts and its URL rules; the folder it is kept in names postlint's
    version), or ``None`` when the setting cannot be told apart from another (then nothing is stored)."""
    try:
        encoded = json.dumps(setting, sort_keys=True, default=describe).encode("utf-8", "surrogateescape")
    except (TypeError, ValueError, RecursionError):
        return None
    return hashlib.sha256(encoded).hexdigest()


def describe(value: Any) -> Any:
    """``value`` as plain data that is the same in every process (sets sorted, patterns by their text,
    objects by their attributes), for :func:`store_name`."""
    if isinstance(value, (set, frozenset)):
        return sorted(repr(v) for v in value)
    pattern = getattr(value, "pattern", None)
    if isinstance(pattern, str):
        return ["pattern", pattern, getattr(value, "flags", 0)]
    attributes = getattr(value, "__dict__", None)
    if attributes is None and hasattr(value, "__slots__"):
        attributes = {name: getattr(value, name, None) for name in value.__slots__}
    if attributes is not None:
        return [type(value).__qualname__, attributes]
    return repr(value)


@dataclass(slots=True)
class Stored:
    """One file of the stored index."""

    identity: list[int] | None
    #: ``[front, date, title, source URL, habits]`` (habits: a :class:`HabitFacts`, ``None`` when no site
    #: rule learns them), or ``None`` for a file that is not readable as a post.
    facts: list[Any] | None
    keys: PageKeys | None
    #: The anchors, ``None`` when they cannot be seen, :data:`_ANCHORS_UNKNOWN` when not read yet.
    anchors: frozenset[str] | int | None = _ANCHORS_UNKNOWN

    def page(self, path: str, fs_path: str) -> PageFacts | None:
        if self.facts is None:
            return None
        front, date, title, source, habits = self.facts
        page = PageFacts(path, path if fs_path == path else fs_path, front or _NO_FRONT, date, title, source)
        page.habits = habits
        if not isinstance(self.anchors, int):
            page.anchors = self.anchors
        return page


def _facts_list(page: PageFacts) -> list[Any]:
    return [page.front, page.date, page.title, page.source_url, page.habits]


def _stored(relative: str, values: list[Any], habits: list[HabitFacts | None]) -> Stored:
    """One file's entry read back (an entry is ours, HMAC-verified: a malformed one is a bug of an earlier
    run, and raises ``ValueError``, ``TypeError``, ``KeyError`` or ``IndexError``, which drops the whole
    index). ``habits`` are the stored index's habit facts, which each file's facts name by their place."""
    found, facts, keys, anchors = values
    if isinstance(anchors, list):
        anchors = frozenset(anchors)
    if facts is not None:
        if len(facts) != 5 or not isinstance(facts[0], dict):
            raise ValueError("malformed facts")
        held = facts[4]
        if held is not None:
            if held.__class__ is not int:
                raise ValueError("malformed habit facts")
            facts[4] = habits[held]
    page_keys = None
    if keys is not None:
        url, url_key, template, post_ids, ref_keys, redirects, source, unsure = keys
        if url.__class__ is list or post_ids == 1:
            stem = _stem(relative)
            if url.__class__ is list:  # the URL with the file's name (or the name after its date) left out
                before, dated, after = url
                url = before + (stem[11:] if dated else stem) + after
            if post_ids == 1:
                post_ids = (stem,)
        if source == 1:
            source = "//" + facts[3].split("://", 1)[1]
        page_keys = PageKeys(
            relative,
            template == 1,
            url,
            url if url_key == 1 else url[:-5] if url_key == 2 else url_key,
            tuple(post_ids),
            tuple(ref_keys),
            tuple(redirects),
            source,
            unsure,
        )
    return Stored(found, facts, page_keys, anchors)


def _stem(relative: str) -> str:
    """The file's name without its extension (a post's name, which its URL and post id repeat)."""
    name = relative.rpartition(os.sep)[2]
    stem, dot, _ = name.rpartition(".")
    return stem if dot else name


def _dated(stem: str) -> bool:
    return len(stem) > 11 and stem[4] == "-" and stem[7] == "-" and stem[10] == "-"


def _url_key(keys: PageKeys) -> Any:
    """The URL's lookup key, stored as 1 when it is the URL and 2 when it is the URL without ``.html`` (most
    files: the text is kept once)."""
    url, key = keys.url, keys.url_key
    if url is not None and key == url:
        return 1
    if url is not None and url.endswith(".html") and key == url[:-5]:
        return 2
    return key


def _keys_list(keys: PageKeys, relative: str, source_url: str | None) -> list[Any]:
    """What the index filed a file under, as it is stored: what repeats the file's name (its post id, its
    URL) or its source URL (normalised, most are ``//`` and the URL without its scheme) is stored once."""
    stem = _stem(relative)
    url: Any = keys.url
    if url is not None:
        if _dated(stem) and stem[11:] in url:
            before, _, after = url.rpartition(stem[11:])
            url = [before, 1, after]
        elif stem and stem in url:
            before, _, after = url.rpartition(stem)
            url = [before, 0, after]
    source: Any = keys.source
    if source is not None and source_url and "://" in source_url and source == "//" + source_url.split("://", 1)[1]:
        source = 1
    return [
        url,
        _url_key(keys),
        1 if keys.template else 0,
        1 if keys.post_ids == (stem,) else list(keys.post_ids),
        list(keys.ref_keys),
        list(keys.redirects),
        source,
        keys.unsure,
    ]


class SiteStore:
    """The stored index of one site, loaded (or empty), updated as the run reads files, saved once."""

    def __init__(self, cache: IndexCache | None, name: str, root: str) -> None:
        self.cache = cache
        self.name = name
        #: The site's folder (absolute): the stored index names files relative to it.
        self.root = root
        self.entries: dict[str, Stored] = {}
        #: The site's walk as it was kept (:mod:`postlint.archive.walked`), or ``None``.
        self.walk: Any = None
        self.changed = False
        self.now = time.time_ns()
        data = cache.get_index(name) if cache is not None else None
        if isinstance(data, dict):
            try:
                lead = root.rstrip(os.sep) + os.sep  # os.path.join(root, path) for the relative paths stored
                names = data["names"]
                # Each distinct habit facts once (most files of a group have the same groups and keys and no
                # figure): made once here, shared by the files that name it.
                habits = [HabitFacts.from_json(value) for value in data["habits"]]
                self.entries = {
                    lead + names[index]: _stored(names[index], values, habits)
                    for index, values in enumerate(data["files"])
                    if values is not None
                }
                walk = data.get("walk")
                if isinstance(walk, dict):  # its files are stored by their place in ``names``
                    walk["found"] = [names[index] for index in walk["found"]]
                self.walk = walk
            except (ValueError, TypeError, KeyError, AttributeError, IndexError):
                self.entries = {}  # a malformed index is no index: the site is read again

    def get(self, absolute: str, status: os.stat_result) -> Stored | None:
        """The entry of the file at ``absolute`` if it is unchanged since it was stored."""
        entry = self.entries.get(absolute)
        if entry is None or entry.identity is None or entry.identity != identity(status):
            return None
        return entry

    def put(self, absolute: str, status: os.stat_result, page: PageFacts | None) -> Stored:
        """Record what the file at ``absolute`` (in the state ``status``) told the index."""
        racy = status.st_mtime_ns > self.now - RACY_NS or status.st_ctime_ns > self.now - RACY_NS
        entry = Stored(None if racy else identity(status), _facts_list(page) if page is not None else None, None)
        self.entries[absolute] = entry
        self.changed = True
        return entry

    def file_keys(self, absolute: str, keys: PageKeys) -> None:
        entry = self.entries.get(absolute)
        if entry is not None and entry.keys is not keys and entry.keys != keys:  # most: the stored keys
            entry.keys = keys
            self.changed = True

    def file_anchors(self, absolute: str, anchors: frozenset[str] | None) -> None:
        entry = self.entries.get(absolute)
        if entry is not None and entry.anchors != anchors:
            entry.anchors = anchors
            self.changed = True

    def keep_only(self, present: set[str]) -> None:
        """Drop the entries of files that are no longer part of the site."""
        gone = [path for path in self.entries if path not in present]
        for path in gone:
            del self.entries[path]
        self.changed = self.changed or bool(gone)

    def keep_walk(self, walk: Any) -> None:
        """Keep the site's walk (:func:`postlint.archive.walked.keep_walk`), or forget it (``None``)."""
        if walk != self.walk:
            self.walk = walk
            self.changed = True

    def save(self) -> None:
        """Store the index: each file's path once (``names``: the kept walk's files, then the others), and
        each one's entry at the same place in ``files`` (``null`` for a file the walk found that is not a
        page of the site)."""
        if self.cache is None or not self.changed:
            return
        skip = len(self.root.rstrip(os.sep)) + 1
        walk = dict(self.walk) if isinstance(self.walk, dict) else None
        names: list[str] = list(walk["found"]) if walk is not None else []
        place = {name: index for index, name in enumerate(names)}
        files: list[Any] = [None] * len(names)
        habits: list[Any] = []  # each distinct habit facts once, by their JSON text; files name their place
        habit_place: dict[str, int] = {}
        placed: dict[int, int] = {}  # by object: most files share one (plain_habit_facts)
        for path, entry in self.entries.items():
            if not path.startswith(self.root):
                continue
            relative = path[skip:]
            facts = entry.facts
            if facts is not None and facts[4] is not None:
                held: HabitFacts = facts[4]
                number = placed.get(id(held))
                if number is None:
                    value = held.to_json()
                    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
                    number = habit_place.get(text)
                    if number is None:
                        number = habit_place[text] = len(habits)
                        habits.append(value)
                    placed[id(held)] = number
                facts = [*facts[:4], number]
            values = [
                entry.identity,
                facts,
                _keys_list(entry.keys, relative, entry.facts[3] if entry.facts else None) if entry.keys else None,
                sorted(entry.anchors) if isinstance(entry.anchors, frozenset) else entry.anchors,
            ]
            index = place.get(relative)
            if index is None:
                place[relative] = len(names)
                names.append(relative)
                files.append(values)
            else:
                files[index] = values
        if walk is not None:
            walk["found"] = list(range(len(walk["found"])))
        self.cache.put_index(self.name, {"names": names, "files": files, "habits": habits, "walk": walk})
