"""Inline suppressions: HTML comments in the body and a ``postlint: {disable: [...]}`` front-matter key.

``<!-- postlint-disable PL301 -->`` ... ``<!-- postlint-enable PL301 -->`` silence a region (no codes: every
rule); ``<!-- postlint-disable-next-line PL301 -->`` the line after the comment;
``<!-- postlint-disable-file PL301 -->`` and the front-matter key the whole file. Codes may be rule codes,
code prefixes or rule names. A suppression that silences nothing is reported, so they cannot go stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from postlint.api import Post

_DIRECTIVE = re.compile(r"^\s*postlint-(disable-next-line|disable-file|disable|enable)\b(.*?)\s*$", re.S)


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-file
    selectors: list[str]
    line: int  # the line the comment ends on
    start: int
    end: int
    used: set[str] = field(default_factory=set)

    def names(self, code: str, name: str) -> bool:
        if not self.selectors:
            return True
        return any(s == name or code.startswith(s.upper()) for s in self.selectors)


def collect(post: Post) -> list[Directive]:
    directives: list[Directive] = []
    if not post.readable:
        return directives
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
        return directives
    for comment in post.html.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        selectors = [part for part in re.split(r"[\s,]+", match.group(2)) if part]
        line = post.position(comment.end)[0]
        directives.append(Directive(match.group(1), selectors, line, comment.start, comment.end))
    return directives


def suppressed(directives: list[Directive], code: str, name: str, line: int) -> Directive | None:
    """The directive that silences a finding of ``code`` on ``line``, if any (it is marked used)."""
    active: Directive | None = None
    for directive in directives:
        if not directive.names(code, name):
            continue
        if directive.kind == "disable-file":
            active = active or directive
        elif directive.kind == "disable-next-line" and directive.line + 1 == line:
            active = directive
        elif directive.kind == "disable" and directive.line <= line:
            enabled_after = any(
                other.kind == "enable" and other.names(code, name) and directive.line < other.line <= line
                for other in directives
            )
            if not enabled_after:
                active = directive
    if active is not None:
        active.used.add(code)
    return active
