"""What the site's host answers besides the generator's pages: the redirects that Netlify and Cloudflare
Pages read from a ``_redirects`` file (https://docs.netlify.com/routing/redirects/) and Netlify from
``[[redirects]]`` in ``netlify.toml``. A link to an old path that the host redirects is not broken. Read as
data, never run; a line or table that is not understood is skipped."""

from __future__ import annotations

import os
from pathlib import Path

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
    sources: list[str] = []
    for folder in _REDIRECTS_FOLDERS:
        text = read_text(root / folder / "_redirects") if os.path.isdir(root / folder) else None
        if text:
            sources.extend(
                line.split("#", 1)[0].split(None, 1)[0]
                for line in text.splitlines()[:_RULES_LIMIT]
                if line.split("#", 1)[0].strip()
            )
    for home in dict.fromkeys((config_folder or root, root)):
        sources.extend(_netlify_toml(home / "netlify.toml"))
    for source in sources[:_RULES_LIMIT]:
        if not source.startswith("/") or source.startswith("//"):
            continue  # another host's address (`https://x.netlify.app/*`): not a path of this site
        cut = min((i for i in (source.find("*"), source.find("/:")) if i >= 0), default=-1)
        if cut < 0:
            paths.add(source)
        elif source[:cut].strip("/"):
            folders.add(source[:cut].rstrip("/"))
    return frozenset(paths), tuple(sorted(folders))


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
