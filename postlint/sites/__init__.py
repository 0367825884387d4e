"""The site a post belongs to: which generator builds it, and the run-wide facts that follow from that.

Each generator is one module of this package (``jekyll.py``, ``hugo.py``, ...): a
:class:`~postlint.sites.base.SiteGenerator` listed in :data:`GENERATORS`. Here they are detected (the
nearest folder at or above a post holding one of their config files), and asked what
the engine builds the rules' context from (:mod:`postlint.engine.lint.context`). Rules never import this package:
they see the generator through the context.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from postlint.reading.sitefacts import UNKNOWN, SiteFacts
from postlint.sites.base import SiteGenerator, SiteLayout, UrlRules
from postlint.sites.eleventy import Eleventy
from postlint.sites.hugo import Hugo
from postlint.sites.jekyll import Jekyll
from postlint.sites.zola import Zola

#: Every generator postlint knows, in the order their config files are looked for in a folder.
GENERATORS: tuple[SiteGenerator, ...] = (Jekyll(), Hugo(), Zola(), Eleventy())
_BY_NAME = {generator.name: generator for generator in GENERATORS}


def names() -> tuple[str, ...]:
    """The names config ``generator`` accepts besides ``auto``."""
    return tuple(_BY_NAME)


def generator_named(name: str) -> SiteGenerator | None:
    return _BY_NAME.get(name)


def facts_for(name: str) -> SiteFacts:
    """How the generator ``name`` reads posts (the neutral defaults for ``unknown``)."""
    generator = _BY_NAME.get(name)
    return generator.facts if generator is not None else UNKNOWN


def start_folder(start: Path) -> Path:
    """Where to start looking up for site configs: walked up as written, never through a symlink the path
    itself is (a link to `/` in a checkout must not pick up some other project's or site's config)."""
    absolute = Path(os.path.abspath(start))
    return absolute if absolute.is_dir() and not absolute.is_symlink() else absolute.parent


def find_site(start: Path, site_root: str | None = None, top: str | None = None) -> tuple[SiteGenerator, Path] | None:
    """The generator and config file of the nearest site at or above ``start`` (or ``site_root`` when
    given), looking no higher than the folder ``top`` when given."""
    directory = Path(site_root).resolve() if site_root else start_folder(start)
    limit = os.path.abspath(top).rstrip(os.sep) + os.sep if top is not None else None
    for folder in (directory, *directory.parents):
        if limit is not None and not (str(folder) + os.sep).startswith(limit):
            break
        for generator in GENERATORS:
            for name in generator.config_files:
                candidate = folder / name
                if candidate.is_file() and generator.claims(candidate):
                    return generator, candidate
    return None


def detect_generator(start: Path, site_root: str | None) -> str:
    """The generator of the nearest site config at or above ``start``, else ``unknown``."""
    found = find_site(start, site_root)
    return found[0].name if found is not None else "unknown"


def site_timezone(start: Path, site_root: str | None) -> tuple[str, str] | None:
    """The time zone of the nearest site and where it comes from (its config file, or the generator's
    documented default), or ``None`` when neither names one."""
    return _site_zone(find_site(start, site_root))


def _site_zone(found: tuple[SiteGenerator, Path] | None) -> tuple[str, str] | None:
    if found is None:
        return None
    generator, config = found
    zone = generator.timezone(config)
    return (zone, str(config)) if zone is not None else generator.default_timezone


def site_url_rules(generator: str, root: Path | None, config: Path | None) -> UrlRules:
    """The URLs the site at ``root`` builds (:meth:`SiteGenerator.url_rules` of the generator named
    ``generator``; the default, which builds none, for one postlint does not know), with the site's title and
    the old paths its host redirects (:mod:`postlint.sites.hosting`), which answer as the generator's own
    redirects (``redirect_from``) do."""
    chosen = generator_named(generator)
    if chosen is None:
        return UrlRules()
    rules = chosen.url_rules(root, config)
    if config is not None:
        rules.site_title = chosen.site_title(config)
    if root is not None and rules.builds_urls:
        from postlint.sites.hosting import host_redirects

        paths, folders = host_redirects(root, config.parent if config is not None else None)
        if paths or folders:
            rules.built_paths = rules.built_paths | paths
            rules.built_folders = rules.built_folders + folders
    return rules


def detect_site(start: Path, top: str) -> SiteLayout | None:
    """The layout of the site whose config is nearest at or above ``start``, no higher than ``top``."""
    found = find_site(start, top=top)
    if found is None:
        return None
    generator, config = found
    from postlint.sites.hosting import answered_paths

    layout = generator.layout(generator.source_folder(config), config)
    # The paths the host's `_redirects` rules answer, in the folders published at the site's root.
    return replace(layout, generated=(*layout.generated, *answered_paths(layout.bases)))


__all__ = [
    "GENERATORS",
    "SiteGenerator",
    "SiteLayout",
    "detect_generator",
    "detect_site",
    "facts_for",
    "find_site",
    "generator_named",
    "names",
    "site_timezone",
    "site_url_rules",
]
