"""The ids a Markdown heading gets, per site generator (PL802 compares link fragments with them).

Each generator has its own rule, and a setting of the site can choose between several (kramdown's own ids or
the GFM parser's in Jekyll, ``autoHeadingIDType`` in Hugo, ``slugify.anchors`` in Zola, the slugify function
given to markdown-it-anchor in Eleventy). postlint does not read those settings, so a heading gets every id its
generator's settings can give it; a site whose generator is unknown gets every generator's. Where an id cannot
be computed exactly (Zola and Eleventy's slugify transliterate characters with tables postlint does not have:
``🦀`` becomes ``crab``), the anchor is kept as a pattern, the ASCII pieces the id must hold in order
(:data:`UNCERTAIN`), and any fragment holding them counts as found: uncertainty is silence, not a finding.

Keyed by style name (:data:`STYLES`): each generator module of :mod:`postlint.sites` lists the styles its
settings allow in ``SiteFacts.heading_ids``, and a site whose generator is unknown lists them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from postlint.core.lazyre import lazy_regex

#: The first character of an anchor that is a pattern, not an id: the pieces after it, split on it, are what
#: the id holds in order (anything may come before, between and after them). An id read from a post never
#: starts with it (:func:`real_id` drops such ids).
UNCERTAIN = "\x00"

_KRAMDOWN_LEAD = lazy_regex(r"^[^a-zA-Z]+")
_KRAMDOWN_DROP = lazy_regex(r"[^a-zA-Z0-9 -]")
_ASCII_WORDS = lazy_regex(r"[a-z0-9]+")
_SPACES = lazy_regex(r"\s+")
#: Zola's `slugify.anchors = "safe"` (and "off"): characters not valid in a fragment are removed.
_ZOLA_UNSAFE = frozenset('"#%<>[\\]()^`{|}')


def _category(char: str) -> str:
    return unicodedata.category(char)


def kramdown_id(raw: str) -> str:
    """kramdown's ``auto_ids`` (its own parser): from the heading as written, leading non-letters removed,
    only ASCII letters, digits, spaces and hyphens kept, spaces made hyphens, lower case; ``section`` if
    nothing is left."""
    kept = _KRAMDOWN_DROP.sub("", _KRAMDOWN_LEAD.sub("", raw))
    return kept.replace(" ", "-").lower() or "section"


def gfm_id(plain: str) -> str:
    """kramdown's GFM parser (Jekyll's default input): from the heading's text, lower case, only word
    characters (Unicode letters, marks, digits, connectors), hyphens, spaces and tabs kept, spaces and tabs
    made hyphens."""
    out = []
    for char in plain.lower():
        if char in " \t":
            out.append("-")
        elif char == "-" or _category(char)[0] in "LM" or _category(char) in ("Nd", "Nl", "Pc"):
            out.append(char)
    return "".join(out)


def goldmark_id(plain: str, ascii_only: bool = False) -> str:
    """Hugo's Goldmark ids, ``autoHeadingIDType = "github"`` (the default) or ``"github-ascii"`` (accents
    removed first, then every non-ASCII character): trimmed, spaces and hyphens made hyphens, letters, digits
    and ``_`` kept in lower case, anything else dropped; ``heading`` if nothing is left."""
    if ascii_only:
        decomposed = unicodedata.normalize("NFD", plain)
        plain = unicodedata.normalize("NFC", "".join(c for c in decomposed if _category(c) != "Mn"))
    out = []
    for char in plain.strip():
        if ascii_only and not char.isascii():
            continue
        if char in "- ":
            out.append("-")
        elif char == "_" or _category(char)[0] == "L" or _category(char) == "Nd":
            out.append(char.lower())
    return "".join(out) or "heading"


def blackfriday_id(plain: str) -> str:
    """Hugo's ``autoHeadingIDType = "blackfriday"``: letters and numbers in lower case, each run of anything
    else one hyphen between them; ``heading`` if nothing is left."""
    out: list[str] = []
    dash = False
    for char in plain:
        if _category(char)[0] in "LN":
            if dash and out:
                out.append("-")
            dash = False
            out.append(char.lower())
        else:
            dash = True
    return "".join(out) or "heading"


def zola_id(plain: str) -> str | tuple[str, ...]:
    """Zola's ``slugify.anchors = "on"`` (the default, the ``slug`` crate): each character transliterated to
    ASCII, ASCII letters and digits kept in lower case, each run of anything else one hyphen, none at the
    ends. Exact for ASCII text; with other characters (transliterated by a table postlint does not have),
    the ASCII words the id holds in order."""
    if not plain.isascii():
        return tuple(_ASCII_WORDS.findall("".join(c if c.isascii() else " " for c in plain).lower()))
    return "-".join(_ASCII_WORDS.findall(plain.lower()))


def zola_safe_id(plain: str) -> str:
    """Zola's ``slugify.anchors = "safe"`` or ``"off"``: spaces made ``_``, characters not valid in a
    fragment removed, nothing else changed."""
    return "".join(c for c in plain.replace(" ", "_") if c not in _ZOLA_UNSAFE)


def markdown_it_anchor_id(plain: str) -> str:
    """Eleventy with markdown-it-anchor's default slugify: trimmed, lower case, each run of whitespace one
    hyphen, then percent-encoded (kept decoded here: the rule compares decoded fragments)."""
    return _SPACES.sub("-", plain.strip().lower())


def eleventy_slugify_id(plain: str) -> tuple[str, ...]:
    """Eleventy's ``slugify`` filter (what its starter gives markdown-it-anchor): transliterated, camel case
    split, ``&`` spelled ``and``: not computed here, so the ASCII words the id holds in order."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", "".join(c if c.isascii() else " " for c in plain))
    return tuple(_ASCII_WORDS.findall(spaced.lower()))


@dataclass(frozen=True, slots=True)
class Variant:
    """One way a generator makes heading ids. ``repeats`` is how a repeated id is told apart: ``counter``
    (kramdown: the n-th repeat of an id gets ``-n``) or ``unused`` (the first of ``-1``, ``-2``, ... not yet
    taken on the page)."""

    name: str
    make: Callable[[str, str], str | tuple[str, ...]]  # (text as written, plain text) -> id or pattern
    repeats: str = "unused"


_KRAMDOWN = Variant("kramdown", lambda raw, plain: kramdown_id(raw), "counter")
_GFM = Variant("gfm", lambda raw, plain: gfm_id(plain), "counter")
_GOLDMARK = Variant("goldmark", lambda raw, plain: goldmark_id(plain))
_GOLDMARK_ASCII = Variant("goldmark-ascii", lambda raw, plain: goldmark_id(plain, ascii_only=True))
_BLACKFRIDAY = Variant("blackfriday", lambda raw, plain: blackfriday_id(plain))
_ZOLA = Variant("zola-slugify", lambda raw, plain: zola_id(plain))
_ZOLA_SAFE = Variant("zola-safe", lambda raw, plain: zola_safe_id(plain))
_MD_IT_ANCHOR = Variant("markdown-it-anchor", lambda raw, plain: markdown_it_anchor_id(plain))
_ELEVENTY_SLUGIFY = Variant("eleventy-slugify", lambda raw, plain: eleventy_slugify_id(plain))

#: Every way of making heading ids postlint knows, by name: a generator lists the ones its settings allow
#: (``SiteFacts.heading_ids``), so this module never names a generator.
STYLES: dict[str, Variant] = {
    variant.name: variant
    for variant in (
        _GFM,
        _KRAMDOWN,
        _GOLDMARK,
        _GOLDMARK_ASCII,
        _BLACKFRIDAY,
        _ZOLA,
        _ZOLA_SAFE,
        _MD_IT_ANCHOR,
        _ELEVENTY_SLUGIFY,
    )
}


def variants(styles: tuple[str, ...]) -> tuple[Variant, ...]:
    """The id rules named ``styles`` (unknown names are ignored); every rule when none is named."""
    chosen = tuple(STYLES[name] for name in styles if name in STYLES)
    return chosen or tuple(STYLES.values())


def pattern(pieces: tuple[str, ...]) -> str:
    """An anchor standing for any id that holds ``pieces`` in order."""
    return UNCERTAIN + UNCERTAIN.join(pieces)


def real_id(value: str) -> str | None:
    """An id as read from a post, or None when it could be taken for a pattern."""
    return None if value.startswith(UNCERTAIN) else value


#: Patterns a page may hold before its fragments stop being judged: a fragment that is none of its ids is
#: tried against each pattern, so a page of 10,000 non-ASCII headings and 10,000 fragment links cost 10^8
#: tries (193 s). Past this many headings whose ids postlint cannot compute, any fragment may be one of them:
#: uncertainty is silence.
MAX_PATTERNS = 200


def patterns(anchors: frozenset[str]) -> tuple[list[str], ...]:
    """The patterns among ``anchors``, split into their pieces (found once per page, not by looking through
    every anchor for every fragment)."""
    return tuple(anchor[1:].split(UNCERTAIN) for anchor in anchors if anchor.startswith(UNCERTAIN))


def matches(name: str, anchors: frozenset[str], split: tuple[list[str], ...] | None = None) -> bool:
    """Whether the fragment ``name`` is one of ``anchors`` or holds the pieces of one of its patterns (any
    fragment, when they hold more than :data:`MAX_PATTERNS` patterns); ``split``: ``patterns(anchors)``."""
    if name in anchors:
        return True
    split = patterns(anchors) if split is None else split
    if len(split) > MAX_PATTERNS:
        return True
    for pieces in split:
        at = 0
        for piece in pieces:
            found = name.find(piece, at)
            if found < 0:
                break
            at = found + len(piece)
        else:
            return True
    return False


@dataclass(slots=True)
class HeadingIds:
    """The ids of one page's headings in document order (repeated names take ``-1``, ``-2``, per rule)."""

    styles: tuple[str, ...]
    anchors: set[str] = field(default_factory=set)
    # Per style: the ids given so far (styles that number repeats by search), how often each base came
    # (styles that count), where the search for a base's next free number resumes. Keyed by style, then by
    # base, not by (style, base) tuples: a page of 100,000 headings kept 300,000 tuples alive.
    _taken: dict[str, set[str]] = field(default_factory=dict)
    _counts: dict[str, dict[str, int]] = field(default_factory=dict)
    _next: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, raw: str, plain: str) -> set[str]:
        """Give the heading written ``raw`` (its text ``plain``) its ids; returns them."""
        made: set[str] = set()
        for variant in variants(self.styles):
            made_id = self._give(variant, raw, plain)
            if made_id:
                made.add(made_id)
        self.anchors |= made
        return made

    def add_all(self, headings: list[tuple[str, str]]) -> None:
        """Give every heading of a page, ``(raw, plain)`` in document order, its ids: one style at a time,
        each style's record of ids given dropped before the next (a page of 175,000 headings held seven)."""
        for variant in variants(self.styles):
            for raw, plain in headings:
                made_id = self._give(variant, raw, plain)
                if made_id:
                    self.anchors.add(made_id)
            self._taken.pop(variant.name, None)
            self._counts.pop(variant.name, None)
            self._next.pop(variant.name, None)

    def _give(self, variant: Variant, raw: str, plain: str) -> str:
        """The id ``variant`` gives the next heading (a pattern where it cannot be computed), noted as taken."""
        base = variant.make(raw, plain)
        if isinstance(base, tuple):
            return pattern(base)
        if variant.repeats == "counter":
            counts = self._counts.setdefault(variant.name, {})
            seen = counts.get(base, 0)
            counts[base] = seen + 1
            return base if seen == 0 else f"{base}-{seen}"
        taken = self._taken.setdefault(variant.name, set())
        made_id = base
        if base in taken:
            # The first of base-1, base-2, ... not taken, looked for from where the last search for this base
            # stopped (those before it are still taken): 10,000 headings "a" cost 50 million tries.
            resume = self._next.setdefault(variant.name, {})
            n = resume.get(base, 1)
            while f"{base}-{n}" in taken:
                n += 1
            made_id = f"{base}-{n}"
            resume[base] = n + 1
        taken.add(made_id)
        return made_id
