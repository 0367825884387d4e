"""What the engine hands on, so the passes after it never reach into a post or into the engine.

Data flows one way: a file is read once into a post (:class:`Reading`, by
:meth:`postlint.engine.lint.Engine.read`, the only way a file becomes a post: the engine, the fixer and the
archive pass all use it), the engine lints the post into an :class:`Outcome`, and the passes that judge
the whole run (the archive-wide checks, the online checks) take the outcomes' plain data through the
small interfaces they declare (:class:`postlint.archive.run.SiteLinter`,
:class:`postlint.online.run.UrlJudge`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from pathlib import Path

    from postlint.core.model import Finding, Severity
    from postlint.core.results import UrlRef
    from postlint.core.tree import Tree
    from postlint.engine.contract import Rule
    from postlint.knowledge.pages import PageFacts
    from postlint.reading.post import Post
    from postlint.reading.sitefacts import SiteFacts


class Reading(NamedTuple):
    """A file read into a post: ``data`` is its bytes, or ``None`` when it was not read (the post then says
    why: outside the project tree, unreadable, not a regular file, too large)."""

    post: Post
    data: bytes | None


@dataclass
class Outcome:
    """What linting one post produced."""

    findings: list[Finding]
    #: The remote URLs the online rules named (online runs only), suppressed ones left out.
    urls: tuple[UrlRef, ...] = ()
    #: What the post tells the site index (runs with site rules only).
    site: PageFacts | None = None
    #: The local files the rules looked up, with what they found: a cached result is re-validated with a
    #: stat call each instead of a lint.
    file_checks: list[tuple[str, bool | None]] = field(default_factory=list)
    #: The host of the post's source URL, for reports.
    source_host: str | None = None


class SiteSetting(NamedTuple):
    """What the archive-wide pass needs to find the run's site (:func:`postlint.archive.run.find_layout`):
    the configured ``site-root``, where the run started, the generator and its reading of posts, the project
    trees, the URL prefix the config gives, and how the engine reads a file (its size limit)."""

    site_root: str | None
    start: Path
    generator: str
    site: SiteFacts
    tree: Tree | None
    prefix: str
    reading: str


class Active(Protocol):
    """A configured rule as the judges of the later passes see it (:class:`postlint.engine.lint.ActiveRule`):
    the rule and its configured severity."""

    @property
    def rule(self) -> Rule[Any]: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class FileResult:
    """What linting one file produced (slotted: a run over 50,000 posts holds one per file until it reports,
    and a ``__dict__`` each was 5 MB of them)."""

    path: str
    findings: list[Finding]
    source_host: str | None = None
    #: Remote URLs for the online rules (only when the run is online).
    urls: tuple[UrlRef, ...] = ()
    #: What the file tells the site index (only when site rules run): see postlint/archive. Kept here, in the
    #: engine's layer, not in the reporters' model (postlint.core.results), which holds no site type.
    site: PageFacts | None = None

    # Explicit, because the state methods dataclasses adds to frozen slotted classes fail on Python 3.10.0
    # (cpython gh-90055), and results travel back from --jobs workers by pickle.
    def __getstate__(self) -> tuple[object, ...]:
        return (self.path, self.findings, self.source_host, self.urls, self.site)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(("path", "findings", "source_host", "urls", "site"), state, strict=True):
            object.__setattr__(self, name, value)
