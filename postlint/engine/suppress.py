"""Inline suppressions: HTML comments in the body and a ``postlint: {disable: [...]}`` front-matter key.

``<!-- postlint-disable PL301 -->`` ... ``<!-- postlint-enable PL301 -->`` silence a region (no codes: every
rule, as does ``ALL``); ``<!-- postlint-disable-next-line PL301 -->`` the line after the comment;
``<!-- postlint-disable-file PL301 -->`` and the front-matter key the whole file. Codes may be rule codes,
code prefixes, rule names or ``ALL`` (see :mod:`postlint.core.selectors`). A suppression that silences
nothing is reported, so they cannot go stale.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Set
from dataclasses import dataclass, field

from postlint.core.selectors import matches_any, unknown_selector
from postlint.engine.contract import Problem
from postlint.reading.post import Post

# The word after `postlint-` is read whole: `postlint-disable-line X` is no `disable` of `-line` and X (that
# silenced X for the rest of the file) but an unknown directive, which silences nothing and is reported.
_DIRECTIVE = re.compile(r"^\s*postlint-([A-Za-z][\w-]*)(.*?)\s*$", re.S)
KINDS = ("disable", "enable", "disable-next-line", "disable-file")


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-file
    selectors: list[str]
    line: int  # the line the comment ends on
    start: int
    end: int
    used: set[str] = field(default_factory=set)

    def names(self, code: str, name: str) -> bool:
        return not self.selectors or matches_any(self.selectors, code, name)


#: Suppression comments read per file: real posts carry a handful; 100,000 of them took 16 s and printed
#: 100,000 findings. Those past the cap are not read (they silence nothing) and one finding says so.
MAX_DIRECTIVES = 1_000
#: Unused-suppression findings listed per file; one more finding counts the rest.
MAX_UNUSED_REPORTED = 100


@dataclass
class Collected:
    """A file's directives, and where the ones past :data:`MAX_DIRECTIVES` begin (if any)."""

    directives: list[Directive]
    #: ``(start, end, count)`` of the first directive not read and how many were not read, or ``None``.
    skipped: tuple[int, int, int] | None = None

    def __bool__(self) -> bool:
        return bool(self.directives) or self.skipped is not None


def collect(post: Post) -> Collected:
    found = Collected([])
    directives = found.directives
    if not post.readable:
        return found
    front = post.front_matter
    if front is not None and front.parsed:
        settings = front.data.get("postlint")
        disabled = settings.get("disable") if isinstance(settings, dict) else None
        if isinstance(disabled, (list, str)):
            span = front.span("postlint", "disable")
            start = span.key_start if span else front.open_fence[0]
            end = span.value_end if span else front.open_fence[1]
            selectors = [disabled] if isinstance(disabled, str) else [str(item) for item in disabled]
            directives.append(Directive("disable-file", selectors, post.position(start)[0], start, end))
    if "postlint-" not in post.body:
        return found
    skipped = 0
    for comment in post.html.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        if len(directives) >= MAX_DIRECTIVES:
            if not skipped:
                first = (comment.start, comment.end)
            skipped += 1
            continue
        selectors = [part for part in re.split(r"[\s,]+", match.group(2)) if part]
        line = post.position(comment.end)[0]
        directives.append(Directive(match.group(1), selectors, line, comment.start, comment.end))
    if skipped:
        found.skipped = (*first, skipped)
    return found


#: html-proofer's attribute that skips an element and its descendants (https://github.com/gjtorikian/html-proofer).
PROOFER_IGNORE = "data-proofer-ignore"


def proofer_regions(post: Post) -> list[tuple[int, int]]:
    """The spans (offsets into ``post.text``) of the elements marked ``data-proofer-ignore``, outermost only,
    in document order. Attribute names are ASCII case-insensitive in HTML, as the tree holds them."""
    body = post.body
    if not post.readable or ("proofer" not in body and "PROOFER" not in body and "Proofer" not in body):
        return []
    html = post.html
    regions: list[tuple[int, int]] = []
    for element in html.iter():
        if PROOFER_IGNORE in element.attrib and element in html.start_tags:
            start, end = html.span(element)
            if regions and start < regions[-1][1]:
                continue  # inside the region before it: its descendants are skipped with it
            regions.append((start, end))
    return regions


class IgnoredRegions:
    """Whether an offset falls in one of the (sorted, disjoint) ``regions``, for the rules in ``codes``."""

    def __init__(self, regions: list[tuple[int, int]], codes: Set[str]) -> None:
        self.regions = regions
        self.starts = [start for start, _ in regions]
        self.codes = codes

    def __bool__(self) -> bool:
        return bool(self.regions) and bool(self.codes)

    def covers(self, code: str, offset: int) -> bool:
        if code not in self.codes:
            return False
        at = bisect_right(self.starts, offset) - 1
        return at >= 0 and offset < self.regions[at][1]


NO_REGIONS = IgnoredRegions([], frozenset())


class Suppressions:
    """Answers :func:`suppressed` for many findings in logarithmic time each.

    For one rule, the directive that silences line ``L`` is the last one (in document order) among the
    ``disable-next-line`` comments just above ``L`` and the ``disable`` comments at or above ``L`` with no
    ``enable`` between them and ``L``; failing those, the first ``disable-file``. Directives come in document
    order, so their lines never decrease and each part is a bisection.
    """

    def __init__(self, directives: list[Directive]) -> None:
        self.directives = directives
        self._by_rule: dict[tuple[str, str], _RuleIndex] = {}

    def suppressed(self, code: str, name: str, line: int) -> Directive | None:
        index = self._by_rule.get((code, name))
        if index is None:
            index = self._by_rule[(code, name)] = _RuleIndex(
                [(order, d) for order, d in enumerate(self.directives) if d.names(code, name)]
            )
        active = index.active(line)
        if active is not None:
            active.used.add(code)
        return active


class _RuleIndex:
    def __init__(self, naming: list[tuple[int, Directive]]) -> None:
        self.file = next((d for _, d in naming if d.kind == "disable-file"), None)
        self.disables = [(d.line, order, d) for order, d in naming if d.kind == "disable"]
        self.disable_lines = [line for line, _, _ in self.disables]
        self.enable_lines = [d.line for _, d in naming if d.kind == "enable"]
        self.next_line: dict[int, tuple[int, Directive]] = {}
        for order, d in naming:
            if d.kind == "disable-next-line":
                self.next_line[d.line + 1] = (order, d)  # the last one for a line wins

    def active(self, line: int) -> Directive | None:
        best: tuple[int, Directive] | None = self.next_line.get(line)
        last = bisect_right(self.disable_lines, line) - 1
        if last >= 0:
            disable_line, order, directive = self.disables[last]
            enabled = bisect_right(self.enable_lines, line) - 1
            if (enabled < 0 or self.enable_lines[enabled] <= disable_line) and (best is None or order > best[0]):
                best = (order, directive)
        if best is not None:
            return best[1]
        return self.file


def suppressed(directives: list[Directive], code: str, name: str, line: int) -> Directive | None:
    """The directive that silences a finding of ``code`` on ``line``, if any (it is marked used)."""
    return Suppressions(directives).suppressed(code, name, line)


def _scope(kind: str) -> str:
    return {"disable-file": "in this file", "disable-next-line": "on the next line"}.get(kind, "in this region")


def unused(collected: Collected, rules: list[tuple[str, str]], offline: Set[str] = frozenset()) -> Iterator[Problem]:
    """The PL901 problems of a file once its findings were matched against its directives: suppressions
    that silenced nothing, selectors that name none of ``rules`` (``(code, name)`` pairs), and the caps.

    A directive naming only ``offline`` rules (online rules that did not run) is not known to be unused."""
    reported = 0
    not_listed = 0
    first_not_listed: Directive | None = None
    for directive in collected.directives:
        if directive.kind == "enable" or (offline and set(directive.selectors) <= offline and directive.selectors):
            continue
        unknown = [why for s in directive.selectors if (why := unknown_selector(s, rules)) is not None]
        if directive.kind not in KINDS:
            known = ", ".join(f"postlint-{kind}" for kind in KINDS)
            message = f"suppression: 'postlint-{directive.kind[:40]}' is not a directive ({known}); it silences nothing"
        elif unknown:
            message = f"suppression: {'; '.join(unknown)}"
        elif directive.used:
            continue
        else:
            names = ", ".join(directive.selectors) or "all rules"
            message = f"unused suppression: {names} reported nothing {_scope(directive.kind)}"
        if reported >= MAX_UNUSED_REPORTED:
            not_listed += 1
            first_not_listed = first_not_listed or directive
            continue
        reported += 1
        yield Problem(message, directive.start, directive.end, snippet=f"{directive.kind} {directive.selectors}")
    if first_not_listed is not None:
        yield Problem(
            f"{not_listed:,} more unused or unknown suppressions from here on are not listed "
            f"(only the first {MAX_UNUSED_REPORTED} are)",
            first_not_listed.start,
            first_not_listed.end,
            snippet="more unused suppressions",
        )
    if collected.skipped is not None:
        start, end, count = collected.skipped
        yield Problem(
            f"{count:,} suppression comments from here on were not read (only the first "
            f"{MAX_DIRECTIVES:,} of a file are): they silence nothing",
            start,
            end,
            snippet="too many suppressions",
        )
