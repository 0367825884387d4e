"""Which walked files are content: what each file's site generator reads as a post or page.

A folder walk finds every file whose name matches ``include``; here each one is given to the nearest site
above it (see :func:`postlint.sites.find_site`), and its generator says whether it is content
(:meth:`postlint.sites.base.SiteGenerator.content`). A file of no site stays, as before sites were known,
unless it sits in a folder above a site's folder (a repository's README, LICENSE and History beside its
``docs/`` site) or, in a walk that found a site, in a hidden folder (``.github``) or a template folder
(``_layouts``, ``_includes``, ``_data``, ``_sass``: never posts, in a theme or test site beside it). A file named on the
command line is always linted.

postlint's own outputs are never inputs: the report files of the run (``-o FORMAT=PATH``), the file standard
output is redirected to (``--format markdown > comment.md``), and HTML reports postlint wrote earlier (they
say so in their first bytes).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from postlint.sites.base import TEMPLATE_FOLDERS, ContentRules

#: The mark postlint's HTML report carries in its ``<head>``: a walk skips files that start with it.
REPORT_MARK = b'<meta name="generator" content="postlint">'


@dataclass
class OwnOutputs:
    """The files this run writes: skipped by the walk (by path, and by identity for redirected output)."""

    paths: set[str] = field(default_factory=set)
    identities: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def of(cls, paths: Iterable[Path | str], streams: Iterable[int] = ()) -> OwnOutputs:
        own = cls({os.path.abspath(p) for p in paths})
        for descriptor in streams:
            try:
                info = os.fstat(descriptor)
            except (OSError, ValueError):
                continue
            import stat

            if stat.S_ISREG(info.st_mode):  # a redirection to a file (never a terminal or a pipe)
                own.identities.add((info.st_dev, info.st_ino))
        return own

    def written(self, fs_path: Path) -> bool:
        if os.path.abspath(fs_path) in self.paths:
            return True
        if self.identities:
            try:
                info = fs_path.stat()
            except OSError:
                return False
            return (info.st_dev, info.st_ino) in self.identities
        return False


def is_report(fs_path: Path) -> bool:
    """Whether the file is an HTML report postlint wrote (its head carries :data:`REPORT_MARK`)."""
    if fs_path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with fs_path.open("rb") as handle:
            return REPORT_MARK in handle.read(1024)
    except OSError:
        return False


class Sites:
    """The site of each folder (looked up once per folder, never above ``top`` for the folder's tree) and its
    content rules (built once per site)."""

    def __init__(self) -> None:
        self._folders: dict[tuple[str, str], tuple[Path, ContentRules] | None] = {}
        self._rules: dict[Path, ContentRules] = {}

    def site_of(self, folder: str, top: str) -> tuple[Path, ContentRules] | None:
        """The folder of the nearest site at or above ``folder`` (no higher than ``top``) and its rules."""
        key = (folder, top)
        if key in self._folders:
            return self._folders[key]
        from postlint.sites import GENERATORS

        found: tuple[Path, ContentRules] | None = None
        own = None
        for generator in GENERATORS:
            for name in generator.config_files:
                candidate = Path(folder) / name
                if candidate.is_file() and generator.claims(candidate):
                    own = (generator, candidate)
                    break
            if own is not None:
                break
        if own is not None and _linked_out(own[1]):
            # A config that leads out of its folder is never read (see sites.base.read_text): nothing tells
            # what the site holds, so its files are walked as before sites were known.
            self._folders[key] = None
            return None
        if own is not None:
            generator, config = own
            root = generator.source_folder(config)
            rules = self._rules.get(root)
            if rules is None:
                rules = self._rules[root] = generator.content(root, config)
            found = (root, rules)
        else:
            parent = os.path.dirname(folder)
            below_top = folder != top and (folder + os.sep).startswith(top.rstrip(os.sep) + os.sep)
            if parent != folder and below_top:
                found = self.site_of(parent, top)
        self._folders[key] = found
        return found


def _linked_out(config: Path) -> bool:
    if not config.is_symlink():
        return False
    real = os.path.realpath(config)
    home = os.path.realpath(os.path.dirname(os.path.abspath(config)))
    return not real.startswith(home.rstrip(os.sep) + os.sep)


def select_content(
    found: list[tuple[Path, str]],
    named: set[str],
    top_of: Callable[[str], str],
    own: OwnOutputs | None = None,
    sites: Sites | None = None,
    include: list[str] | None = None,
    known: Callable[[str], bool] | None = None,
    reports: set[str] | None = None,
) -> list[tuple[Path, str]]:
    """The files of ``found`` to lint: those named on the command line (absolute paths in ``named``), and of
    the walked ones those their site counts as content. A file of no site is linted as before, unless it
    sits in a folder above a site's folder (a repository's README beside its docs/ site) or, where sites
    were found, in a hidden folder (``.github``) or a template folder (``_layouts``, ``_includes``, ...).
    ``top_of`` gives the top of a folder's project tree (no site is looked for above it). Never postlint's
    own outputs, unless named. ``known`` (given the absolute path) says a file is known not to be a report
    without reading it (the archive pass's stored index: unchanged since it was filed as a page); the
    absolute paths of the reports found are added to ``reports``."""
    sites = sites or Sites()
    placed: list[tuple[Path, str, str, tuple[Path, ContentRules] | None, bool]] = []
    roots: set[str] = set()
    cwd = os.getcwd()  # os.path.abspath asks for it on every call: a walk of an archive makes thousands
    last_folder: str | None = None
    site: tuple[Path, ContentRules] | None = None
    for fs_path, display in found:
        text = os.fspath(fs_path)
        absolute = os.path.normpath(text if os.path.isabs(text) else os.path.join(cwd, text))
        if absolute in named:
            placed.append((fs_path, display, absolute, None, True))
            continue
        if own is not None and own.written(fs_path):
            continue
        if _report(fs_path, text, absolute, known):
            if reports is not None:
                reports.add(absolute)
            continue
        folder = os.path.dirname(absolute)
        if folder != last_folder:  # a walk gives a folder's files together: its site is looked up once
            last_folder, site = folder, sites.site_of(folder, top_of(folder))
            if site is not None:
                roots.add(str(site[0]))
        placed.append((fs_path, display, absolute, site, False))
    # The folders above a site's folder hold the repository's own files (README, LICENSE, History), not
    # posts: a repository with its site in docs/.
    above = {parent for root in roots for parent in _parents(root)}
    kept = []
    inside: dict[Path, str] = {}
    for fs_path, display, absolute, site, is_named in placed:
        if is_named:
            kept.append((fs_path, display))
        elif site is None:
            folder = os.path.dirname(absolute)
            parts = Path(display).parts[:-1]
            hidden = roots and any(part.startswith(".") and part not in (".", "..") for part in parts)
            # Layouts, includes, data, sass: never posts on any generator (a theme or test site beside the site).
            templates = roots and any(part in TEMPLATE_FOLDERS for part in parts)
            if folder not in above and not hidden and not templates and not _unbuildable_extra(fs_path, include):
                kept.append((fs_path, display))
        else:
            root, rules = site
            lead = inside.get(root)
            if lead is None:
                lead = inside[root] = os.path.abspath(root).rstrip(os.sep) + os.sep
            # What os.path.relpath gives, without its system calls.
            relative = absolute[len(lead) :] if absolute.startswith(lead) else os.path.relpath(absolute, root)
            if rules.is_content(relative.replace(os.sep, "/"), fs_path):
                kept.append((fs_path, display))
    return kept


def _report(fs_path: Path, text: str, absolute: str, known: Callable[[str], bool] | None) -> bool:
    """Whether the file is one of postlint's HTML reports (:func:`is_report`), unless ``known`` says it is
    not without reading it."""
    if not text.lower().endswith((".html", ".htm")):
        return False
    if known is not None and known(absolute):
        return False
    return is_report(fs_path)


def _parents(folder: str) -> list[str]:
    found = []
    current = os.path.dirname(folder)
    while current and current != folder:
        found.append(current)
        folder, current = current, os.path.dirname(current)
    return found


def maybe_post(folder: str, name: str) -> bool:
    """Whether a file is walked although ``include`` does not match it, because its generator would take it
    for a post if it were named right: a name with no extension in a ``_posts`` folder (Jekyll builds none)."""
    return folder in ("_posts", "_drafts") and "." not in name and not name.startswith("#")


def _unbuildable_extra(fs_path: Path, include: list[str] | None) -> bool:
    """A file the walk added only because it may be a post its generator will not build (no extension in a
    ``_posts`` folder, see :func:`postlint.run.walk.maybe_post`): without a site, it stays out as before."""
    from postlint.core.tree import matches

    if not maybe_post(fs_path.parent.name, fs_path.name) or matches(fs_path.name, fs_path.name, include or []):
        return False
    return not fs_path.is_symlink() and fs_path.is_file()  # a link out of the tree is still reported
