"""The seam between postlint and a site generator: what one generator module declares and answers.

A generator is one subclass of :class:`SiteGenerator` in its own module of this package, listed in
``postlint.sites.GENERATORS``. It says which files mark a site's root, how to read the site's time zone and
URL prefix from them, which folders site-absolute paths resolve in, and (as :class:`SiteFacts`) how it reads
a post: front-matter fences, what counts as code, date keywords, the file-name date. Nothing here runs the
site's code: config files are read as data, a little at a time.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from postlint._sitefacts import SiteFacts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: How much of a site's config file is read: a config is small; a huge file is not parsed whole.
READ_LIMIT = 1_000_000


@dataclass(frozen=True)
class SiteLayout:
    """A detected site: its generator, config file, the folders site-absolute paths resolve in, and the
    path prefix of its URLs (``""`` or like ``/blog``)."""

    generator: str
    config: Path
    bases: tuple[Path, ...]
    prefix: str = ""


class SiteGenerator:
    """One site generator. Subclasses set the class attributes and override what differs."""

    #: The name used in config (`generator = "..."`) and shown to rules as ``context.generator``.
    name: ClassVar[str]
    #: Files whose presence in a folder makes it this generator's site root, most specific first.
    config_files: ClassVar[tuple[str, ...]]
    #: The key of the site's config that names its time zone, or ``None`` when the generator has none.
    timezone_key: ClassVar[str | None] = None
    #: The zone the generator reads zoneless dates in when the site names none (``None``: the build
    #: machine's), and what to say about where it comes from.
    default_timezone: ClassVar[tuple[str, str] | None] = None
    #: The key of the site's config whose URL path prefixes every site URL (compared case-insensitively).
    base_url_key: ClassVar[str] = "baseurl"
    #: How the generator reads a post.
    facts: ClassVar[SiteFacts]

    def claims(self, config: Path) -> bool:
        """Whether the config file ``config`` (one of :attr:`config_files`) is this generator's. Files that
        several generators use (``config.toml``, ``package.json``) are told apart by what they hold."""
        return True

    def timezone(self, config: Path) -> str | None:
        """The IANA time zone the site's config names, or ``None`` (unreadable configs name none)."""
        if self.timezone_key is None:
            return None
        data = read_config(config)
        zone = data.get(self.timezone_key) if isinstance(data, dict) else None
        return zone if isinstance(zone, str) and zone else None

    def layout(self, root: Path, config: Path) -> SiteLayout:
        """The folders a site-absolute path (``/img/x.png``) resolves in, and the URL prefix."""
        return SiteLayout(self.name, config, self.static_folders(root), url_prefix(self.base_url(config)))

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        """The folders the generator publishes at the site's root, ``root`` being the config's folder."""
        return (root,)

    def base_url(self, config: Path) -> str:
        """The site's base URL from its config, or ``""`` when absent or unreadable."""
        if config.suffix not in (".toml", ".json"):
            return yaml_top_level_string(config, self.base_url_key)
        data = read_config(config)
        for key, value in data.items() if isinstance(data, dict) else ():
            if isinstance(key, str) and key.lower() == self.base_url_key.lower() and isinstance(value, str):
                return value
        return ""

    def post_urls(self, post_path: Path, data: dict[str, object]) -> Iterator[str]:
        """The URLs the generator publishes a post at (permalink rules). A hook for the archive-wide checks:
        not implemented here; the permalink code lives with them."""
        raise NotImplementedError(f"{self.name}: post URLs are built by the archive checks")


def read_text(path: Path) -> str | None:
    """At most :data:`READ_LIMIT` bytes of ``path`` as text, or ``None`` when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return handle.read(READ_LIMIT).decode("utf-8", errors="replace")
    except OSError:
        return None


def read_config(config: Path, full: bool = True) -> object:
    """A TOML or JSON config as data; YAML too when ``full`` (with the safe loader: it builds only plain
    values). ``None`` when unreadable or invalid: the site's config is not postlint's to report on."""
    text = read_text(config)
    if text is None:
        return None
    try:
        if config.suffix == ".toml":
            return tomllib.loads(text)
        if config.suffix == ".json":
            return json.loads(text)
        if full and config.suffix in (".yml", ".yaml"):
            import yaml

            return yaml.safe_load(text)
    except Exception:  # invalid, too deep, or a YAML oddity: all the same to us
        return None
    return None


def yaml_top_level_string(config: Path, key: str) -> str:
    """A top-level ``key: value`` line of a YAML file, read without expanding the YAML (``""`` if none)."""
    text = read_text(config)
    if text is None:
        return ""
    match = re.search(r"^(" + re.escape(key) + r")[ \t]*:[ \t]*(.*?)[ \t]*$", text, re.I | re.M)
    if match is None:
        return ""
    value = re.sub(r"\s+#.*$", "", match.group(2)).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def url_prefix(base_url: str) -> str:
    """The path part of a base URL, as ``/blog`` (no trailing slash), or ``""`` for the domain's root."""
    value = base_url.strip()
    if "://" in value or value.startswith("//"):
        value = urlsplit(value).path
    value = value.strip().strip("/")
    return "/" + value if value and "{" not in value else ""
