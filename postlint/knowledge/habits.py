"""Habits of the archive: how often a trait holds (a figure has a caption) in each group of posts (an outlet's
posts, a category, a folder), learned once per site index from every file's :class:`HabitFacts`.

A habit rule asks :func:`learn` for the habits of one trait and then :meth:`Habits.of` for the habit of a
page's group *without the page itself*, so a post is judged by the others ("42 of 42 figures in 30 other
posts from aljazeera.net have a caption"), never by its own items.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal
from weakref import WeakKeyDictionary

from postlint.knowledge.pages import HabitFacts, PageFacts
from postlint.knowledge.siteindex import SiteIndex

#: How posts are grouped: the host of the front-matter source URL (``www.`` removed), the first category,
#: the folder of the file.
GroupKind = Literal["source-host", "category", "folder"]


@dataclass(frozen=True)
class Habit:
    """How a trait stands in the other files of a page's group: ``held`` of ``total`` items, in ``files``
    files (the page itself not counted)."""

    kind: str
    group: str
    held: int
    total: int
    files: int

    @property
    def share(self) -> float:
        return self.held / self.total if self.total else 0.0

    def strong(self, min_files: int, min_share: float) -> bool:
        """Whether the habit is strong enough to judge a file by: enough other files, held often enough."""
        return self.files >= min_files and self.total > 0 and self.held >= min_share * self.total

    def where(self) -> str:
        """The group in words, for a message (its name from a post is shortened and its white space folded)."""
        name = " ".join(self.group.split())
        name = name if len(name) <= 80 else name[:79] + "…"
        if self.kind == "source-host":
            return f"from {name}"
        return f"in {self.kind} '{name}'"


def group_of(page: PageFacts, group_by: tuple[str, ...]) -> tuple[str, str] | None:
    """The group ``page`` counts in: the first kind of ``group_by`` it has a value for."""
    facts = page.habits
    return group_of_facts(facts, group_by) if facts is not None else None


def group_of_facts(facts: HabitFacts, group_by: tuple[str, ...]) -> tuple[str, str] | None:
    """The group a file with the habit facts ``facts`` counts in (see :func:`group_of`)."""
    for kind in group_by:
        value = facts.groups.get(kind)
        if value:
            return kind, value
    return None


def _each_facts(pages: Iterable[PageFacts]) -> list[tuple[HabitFacts, int]]:
    """Each distinct habit facts object of ``pages`` and how many pages hold it: most files of a group share
    one (:func:`~postlint.knowledge.pages.plain_habit_facts`, and the stored index's), so a site's habits are
    counted once per object, not once per file (7,443 files, a few hundred objects)."""
    held: dict[int, list[Any]] = {}
    for page in pages:
        facts = page.habits
        if facts is not None:
            found = held.get(id(facts))
            if found is None:
                held[id(facts)] = [facts, 1]
            else:
                found[1] += 1
    return [(facts, files) for facts, files in held.values()]


class Habits:
    """One trait's counts per group of a site, each file in the first group of ``group_by`` it has."""

    def __init__(self, pages: Iterable[PageFacts], trait: str, group_by: tuple[str, ...]) -> None:
        self.trait = trait
        self.group_by = group_by
        #: (kind, group) -> [held, total, files]
        self.counts: dict[tuple[str, str], list[int]] = {}
        for facts, files in _each_facts(pages):
            item = facts.traits.get(trait)
            if item is None or not item.total:
                continue
            group = group_of_facts(facts, group_by)
            if group is None:
                continue
            counts = self.counts.setdefault(group, [0, 0, 0])
            counts[0] += item.held * files
            counts[1] += item.total * files
            counts[2] += files

    def group_of(self, page: PageFacts) -> tuple[str, str] | None:
        """The group ``page`` counts in: the first kind of ``group_by`` it has a value for."""
        return group_of(page, self.group_by)

    def of(self, page: PageFacts) -> Habit | None:
        """The habit of the other files of ``page``'s group (``None`` when it has no group)."""
        group = self.group_of(page)
        if group is None or page.habits is None:
            return None
        held, total, files = self.counts.get(group, (0, 0, 0))
        own = page.habits.traits.get(self.trait)
        if own is not None and own.total:
            held, total, files = held - own.held, total - own.total, files - 1
        return Habit(group[0], group[1], held, total, files)


@dataclass(frozen=True)
class KeyHabit:
    """A front-matter key of the other files of a page's group that the page lacks: ``held`` of ``files``
    other files write it."""

    key: str
    held: int
    files: int


class KeyHabits:
    """Which front-matter keys each group's files write, each file in the first group of ``group_by`` it
    has (files whose keys are not compared, such as list pages, do not count)."""

    def __init__(self, pages: Iterable[PageFacts], group_by: tuple[str, ...]) -> None:
        self.group_by = group_by
        #: (kind, group) -> (files, key -> files that write it)
        self.counts: dict[tuple[str, str], tuple[list[int], dict[str, int]]] = {}
        for facts, files in _each_facts(pages):
            group = group_of_facts(facts, group_by) if facts.keys else None
            if group is None:
                continue
            counted, keys = self.counts.setdefault(group, ([0], {}))
            counted[0] += files
            for key in facts.keys:
                keys[key] = keys.get(key, 0) + files

    def group_of(self, page: PageFacts) -> tuple[str, str] | None:
        """The group ``page`` counts in (``None`` for a file whose keys are not compared)."""
        return group_of(page, self.group_by) if page.habits is not None and page.habits.keys else None

    def missing(self, page: PageFacts, min_files: int, min_share: float) -> tuple[tuple[str, str], list[KeyHabit]]:
        """The page's group and the keys that at least ``min_share`` of the group's ``min_files`` or more
        other files write and the page does not, most held first."""
        group = self.group_of(page)
        if group is None or page.habits is None:
            return ("", ""), []
        files, keys = self.counts[group]
        others = files[0] - 1
        if others < min_files:
            return group, []
        own = set(page.habits.keys)
        lacking = [
            KeyHabit(key, held, others) for key, held in keys.items() if key not in own and held >= min_share * others
        ]
        return group, sorted(lacking, key=lambda habit: (-habit.held, habit.key))


_KEYS_LEARNED: WeakKeyDictionary[SiteIndex, dict[tuple[str, ...], KeyHabits]] = WeakKeyDictionary()


def learn_key_habits(site: SiteIndex, group_by: tuple[str, ...]) -> KeyHabits:
    """The front-matter key habits of ``site``, per group (see :class:`KeyHabits`), computed on the first call."""
    known = _KEYS_LEARNED.setdefault(site, {})
    habits = known.get(tuple(group_by))
    if habits is None:
        habits = known[tuple(group_by)] = KeyHabits(site.pages, tuple(group_by))
    return habits


#: Learned once per site index and trait (the site pass asks for every checked file).
_LEARNED: WeakKeyDictionary[SiteIndex, dict[tuple[str, tuple[str, ...]], Habits]] = WeakKeyDictionary()


def learn_habits(site: SiteIndex, trait: str, group_by: tuple[str, ...]) -> Habits:
    """The habits of ``trait`` in ``site``, per group (see :class:`Habits`), computed on the first call."""
    known = _LEARNED.setdefault(site, {})
    key = (trait, tuple(group_by))
    habits = known.get(key)
    if habits is None:
        habits = known[key] = Habits(site.pages, trait, key[1])
    return habits
