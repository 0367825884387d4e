"""What the site's host answers besides the generator's pages: the redirects that Netlify and Cloudflare
Pages read from a ``_redirects`` file (https://docs.netlify.com/routing/redirects/), Netlify from
``[[redirects]]`` in ``netlify.toml`` and Vercel from ``redirects`` and ``rewrites`` in ``vercel.json``
(https://vercel.com/docs/project-configuration#redirects; 11ty-website's ``/docs/memoize/``). A link to an
old path that the host redirects is not broken. Read as data, never run; a line or table that is not
understood is skipped."""

from __future__ import annotations

import os
from pathlib import Path

from postlint.core.lazyre import lazy_regex
from postlint.sites.base import read_text

#: At most this many redirect rules are read from one file (real ones hold hundreds).
_RULES_LIMIT = 20_000
#: Where a host's ``_redirects`` lies in the site's source: the site's folder, or the folder the generator
#: copies as it is (Hugo's and Zola's ``static/``, an Eleventy site's ``src/`` or ``public/``).
_REDIRECTS_FOLDERS = ("", "static", "src", "public")


def host_redirects(root: Path, config_folder: Path | None = None) -> tuple[frozenset[str], tuple[str, ...]]:
    """The paths the host redirects (``/articles/x/``) and the folders it redirects every path below
    (``/blog/*`` and ``/tag/:name`` give ``/blog`` and ``/tag``), from the site at ``root``."""
    paths: set[str] = set()
    folders: set[str] = set()
    sources = redirect_sources(tuple(root / folder for folder in _REDIRECTS_FOLDERS))
    for home in dict.fromkeys((config_folder or root, root)):
        sources.extend(_netlify_toml(home / "netlify.toml"))
        sources.extend(_vercel_json(home / "vercel.json"))
    for source in sources[:_RULES_LIMIT]:
        if not source.startswith("/") or source.startswith("//"):
            continue  # another host's address (`https://x.netlify.app/*`): not a path of this site
        # `*` and `/:name` (Netlify, Vercel), `(` of a Vercel regular expression: every path below.
        cut = min((i for i in (source.find("*"), source.find("/:"), source.find("(")) if i >= 0), default=-1)
        if cut < 0:
            paths.add(source)
        elif source[:cut].strip("/"):
            folders.add(source[:cut].rstrip("/"))
    return frozenset(paths), tuple(sorted(folders))


#: One rule of a `_redirects` file: the source path, the target, and the status when given.
_REDIRECT_RULE = lazy_regex(r"^[ \t]*(/[^\s#]*)[ \t]+\S+(?:[ \t]+(\d{3}))?")


def redirect_sources(folders: tuple[Path, ...]) -> list[str]:
    """The source path of each rule of the `_redirects` files in ``folders`` (Netlify's and Cloudflare Pages'
    format, also a copy beside it such as `_redirects_cf` that the build moves in place), in order. A rule
    with a 4xx or 5xx status is a custom error page (`/* /404.html 404`): the path is still missing, so it is
    not one; a rule whose source names another host is not this site's path."""
    sources: list[str] = []
    for folder in folders:
        try:
            names = sorted(name for name in os.listdir(folder) if name.startswith("_redirects"))
        except OSError:
            continue
        for name in names[:4]:
            for line in (read_text(folder / name) or "").splitlines()[:_RULES_LIMIT]:
                found = _REDIRECT_RULE.match(line)
                if found is not None and (found.group(2) is None or found.group(2)[0] not in "45"):
                    sources.append(found.group(1))
    return sources


def answered_paths(bases: tuple[Path, ...]) -> tuple[str, ...]:
    """The site paths that the host's redirect rules in the folders published at the site's root answer
    (:func:`redirect_sources` reads them), as :attr:`~postlint.sites.base.SiteLayout.generated` names them:
    ``/cv/ /en/vitae/ 301`` answers ``cv/``; ``/litedown/* https://…`` answers everything below ``litedown/``."""
    paths: list[str] = []
    for source in redirect_sources(bases):
        star = source.find("*")
        if star >= 0:
            source = source[:star]
            source = source if source.endswith("/") else source.rpartition("/")[0] + "/"
        source = source.lstrip("/")
        if source:  # (`/*` alone answers every path with one page: no path of the site is told apart)
            paths.append(source)
    return tuple(paths)


def _netlify_toml(path: Path) -> list[str]:
    text = read_text(path)
    if not text or "redirects" not in text:
        return []
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return []
    rules = data.get("redirects")
    return [
        rule["from"].strip()
        for rule in (rules if isinstance(rules, list) else [])[:_RULES_LIMIT]
        if isinstance(rule, dict) and isinstance(rule.get("from"), str)
    ]


def _vercel_json(path: Path) -> list[str]:
    text = read_text(path) if os.path.isfile(path) else None
    if not text or "source" not in text:
        return []
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    sources: list[str] = []
    for key in ("redirects", "rewrites"):
        rules = data.get(key) if isinstance(data, dict) else None
        sources.extend(
            rule["source"].strip()
            for rule in (rules if isinstance(rules, list) else [])[:_RULES_LIMIT]
            if isinstance(rule, dict) and isinstance(rule.get("source"), str)
        )
    return sources
