"""Where a site's files live, found the way the site's time zone is: from the generator's own config.

Jekyll serves every file of the folder holding ``_config.yml`` (``/assets/x.png`` is ``assets/x.png``
there), under ``baseurl`` when one is set (``/blog/assets/x.png`` on a site with ``baseurl: /blog``). Hugo
serves ``static/`` (and what pipes publish from ``assets/``) beside ``hugo.toml`` / ``config.toml``, themes'
``static/`` and ``assets/`` folders, and a page bundle's files at the page's path, which is their path below
``content/``; the path of ``baseURL`` is the prefix. The site's config is read as little as possible:
``baseurl`` is taken from a top-level line, never by expanding the YAML.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_JEKYLL = ("_config.yml", "_config.yaml", "_config.toml")
_HUGO = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml")
_READ_LIMIT = 1_000_000
_YAML_KEY = re.compile(r"^(baseurl)[ \t]*:[ \t]*(.*?)[ \t]*$", re.I | re.M)


@dataclass(frozen=True)
class SiteLayout:
    """A detected site: its generator, config file, the folders site-absolute paths resolve in, and the
    path prefix of its URLs (``""`` or like ``/blog``)."""

    generator: str
    config: Path
    bases: tuple[Path, ...]
    prefix: str = ""


def detect_site(start: Path, top: str) -> SiteLayout | None:
    """The site whose config is nearest at or above ``start``, looking no higher than the folder ``top``."""
    absolute = os.path.abspath(start)
    folder = absolute if os.path.isdir(absolute) and not os.path.islink(absolute) else os.path.dirname(absolute)
    top = os.path.abspath(top)
    while folder == top or folder.startswith(top.rstrip(os.sep) + os.sep):
        for name in (*_JEKYLL, *_HUGO):
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return _layout(Path(folder), Path(candidate), "jekyll" if name in _JEKYLL else "hugo")
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return None


def _layout(root: Path, config: Path, generator: str) -> SiteLayout:
    prefix = _prefix(_base_url(config))
    if generator == "jekyll":
        return SiteLayout(generator, config, (root,), prefix)
    bases = [root / "static", root / "assets", root / "content"]
    themes = root / "themes"
    try:
        for theme in sorted(themes.iterdir()) if themes.is_dir() else []:
            bases.extend((theme / "static", theme / "assets"))
    except OSError:
        pass
    return SiteLayout(generator, config, tuple(bases), prefix)


def _base_url(config: Path) -> str:
    """The ``baseurl`` (Jekyll) or ``baseURL`` (Hugo) value, or ``""`` when absent or unreadable."""
    try:
        with config.open("rb") as handle:
            text = handle.read(_READ_LIMIT).decode("utf-8", errors="replace")
    except OSError:
        return ""
    data: object = None
    try:
        if config.suffix == ".toml":
            data = tomllib.loads(text)
        elif config.suffix == ".json":
            data = json.loads(text)
    except (ValueError, RecursionError):
        return ""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and key.lower() == "baseurl" and isinstance(value, str):
                return value
        return ""
    match = _YAML_KEY.search(text)
    if match is None:
        return ""
    value = re.sub(r"\s+#.*$", "", match.group(2)).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def _prefix(base_url: str) -> str:
    """The path part of a base URL, as ``/blog`` (no trailing slash), or ``""`` for the domain's root."""
    value = base_url.strip()
    if "://" in value or value.startswith("//"):
        value = urlsplit(value).path
    value = value.strip().strip("/")
    return "/" + value if value and "{" not in value else ""
