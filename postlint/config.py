"""Configuration: ``[tool.postlint]`` in ``pyproject.toml``, or ``postlint.toml`` / ``.postlint.toml``.

The file is found by walking up from the first linted path; ``--config FILE`` overrides. Keys are kebab-case.
Every mistake (an unknown key, a wrong type, a bad rule option) raises :class:`ConfigError` naming the key, and
the CLI exits with status 2.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from postlint.knowledge.schema import FieldSpec
from postlint.reading.sitefacts import GENERATOR_NAMES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("postlint.toml", ".postlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.html", "*.htm"]
#: Build output, dependencies and tool caches: never posts, and some hold thousands of Markdown files.
DEFAULT_EXCLUDE = [
    ".git",
    "_site",
    "node_modules",
    "vendor",
    ".postlint_cache",
    ".jekyll-cache",
    ".bundle",
    ".venv",
    "venv",
    ".tox",
]


class ConfigError(Exception):
    """A configuration or usage mistake; the message names the key or flag."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    # Built when a config file sets a key: a run with no config (or an empty one) takes the defaults from
    # :func:`defaults` without building the models (a tenth of a one-file run's time with the rules' options).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab, defer_build=True)


class FrontMatterConfig(_Section):
    """``[tool.postlint.front-matter]``: refine the profile's schema."""

    #: A Python model (`module:Class`, a pydantic model) that replaces the profile's schema.
    model: str | None = None
    #: What a key the schema does not declare is: `allow` (nothing), or a `warning`/`error` (PL103).
    unknown_keys: Literal["allow", "warning", "error"] = "allow"
    #: Keys to accept besides the schema's own (they are never unknown, never typos).
    known_keys: list[str] = Field(default_factory=list)
    #: Per key: `type`, `required`, `allowed`, `pattern`, ... (what `postlint init --infer` writes).
    fields: dict[str, FieldSpec] = Field(default_factory=dict)


class OnlineConfig(_Section):
    """``[tool.postlint.online]``: checking that remote images and source URLs still load (``--online``).

    ``online = true`` is short for ``[online] enabled = true``. Where the result cache lives is not a key: a
    repository's config must not be able to point postlint at results it wrote itself.
    """

    #: Check remote images and source URLs (the same as `--online`).
    enabled: bool = False
    #: Connect to loopback, private, link-local and other non-global addresses (intranet sites, tests).
    allow_private_addresses: bool = False
    #: Requests at once to one host.
    max_concurrency_per_host: int = Field(default=4, ge=1, le=64)
    #: Requests at once in all.
    max_concurrency: int = Field(default=32, ge=1, le=1024)
    #: Seconds per request (connect and each read).
    timeout: float = Field(default=10.0, gt=0, le=300)
    #: Extra attempts after a timeout, a 5xx or a 429.
    retries: int = Field(default=2, ge=0, le=10)
    #: First back-off in seconds; doubled on each retry, with random jitter.
    retry_backoff: float = Field(default=0.5, ge=0, le=60)
    #: A `Retry-After` longer than this (seconds) is not waited for: the URL is reported as unverifiable.
    max_retry_after: float = Field(default=60.0, ge=0, le=3600)
    #: URL patterns: a glob on the whole URL (`https://*.example.com/*`) or a host (`example.com`, with its
    #: subdomains). `include` (when not empty) limits the check to matching URLs; `exclude` skips URLs.
    include: list[str] = Field(default_factory=list)
    #: URL patterns (as for `include`) that are never checked.
    exclude: list[str] = Field(default_factory=list)
    #: Default: `postlint/<version> (+<project URL>)`.
    user_agent: str | None = Field(default=None, min_length=1, max_length=300)
    #: How long results are kept in the user's cache: working URLs, and broken ones (unverifiable: never).
    cache_ok_hours: float = Field(default=168.0, ge=0)
    #: How long a broken URL's result is kept before it is checked again.
    cache_broken_hours: float = Field(default=24.0, ge=0)
    #: For a dead source URL, ask the Wayback Machine's availability API for an archived copy.
    archive_suggestions: bool = False
    #: The Wayback Machine availability API `archive-suggestions` asks.
    archive_api: str = Field(default="https://archive.org/wayback/available", pattern=r"^https?://")


class Config(_Section):
    """The whole configuration, with defaults."""

    #: The built-in front-matter schema: `jekyll`, `hugo` or `news` (see Profiles).
    profile: str = "jekyll"
    #: `auto` (detected from the site's config files) or a generator: `jekyll`, `hugo`, `zola`, `eleventy`.
    generator: str = "auto"
    #: The rules to run instead of the defaults: codes, code prefixes (`PL3`), names or `ALL`.
    select: list[str] | None = None
    #: Rules to run besides the defaults (those off by default, say).
    extend_select: list[str] = Field(default_factory=list)
    #: Rules not to run; the most specific selector wins (`PL3` selected, `PL301` ignored).
    ignore: list[str] = Field(default_factory=list)
    #: A glob on the path (or the file name) -> the rules not to run on those files.
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    #: The lowest severity that makes the run exit 1.
    fail_on: Literal["info", "warning", "error"] = "warning"
    #: File-name globs a folder walk lints (files named on the command line are always linted).
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    #: Names or paths a walk skips (replaces the defaults; prefer `extend-exclude`).
    exclude: list[str] = Field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    #: Names or paths a walk skips, besides `exclude`.
    extend_exclude: list[str] = Field(default_factory=list)
    #: Skip files git ignores when walking folders (files named on the command line are always linted).
    respect_gitignore: bool = True
    #: Bytes; a larger file is not linted (PL006).
    max_file_size: int = Field(default=5_000_000, gt=0)
    #: "Now" for the date rules (the same as `--now`), for reproducible runs.
    now: dt.datetime | None = None
    #: The IANA zone zoneless dates are read in (else the site config's, else none).
    timezone: str | None = None
    #: The site's folder, where its generator config is not found by looking up from the posts.
    site_root: str | None = None
    #: Folders a local image or link may be served from besides the site's own (PL305).
    static_dirs: list[str] = Field(default_factory=list)
    #: Let `site-root` and `static-dirs` lie outside the project tree (PL305 then tells what exists there).
    allow_site_root_outside_tree: bool = False
    #: Folders of rule modules to load (trusted code; not with `--isolated`).
    rule_dirs: list[str] = Field(default_factory=list)
    #: The `[front-matter]` table: refine the profile's schema.
    front_matter: FrontMatterConfig = Field(default_factory=FrontMatterConfig)
    #: Per-rule tables by code or name (`[rules.PL203]`): `severity` plus the rule's own options (see its page).
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: `online = true`, or an `[online]` table (below).
    online: OnlineConfig = Field(default_factory=OnlineConfig)

    #: The file the config came from (not a config key).
    source: Path | None = Field(default=None, exclude=True)
    _isolated: bool = PrivateAttr(default=False)

    @property
    def isolated(self) -> bool:
        """True under ``--isolated`` (never from a file): only built-in rules run, no code from the repository."""
        return self._isolated

    @field_validator("generator")
    @classmethod
    def _known_generator(cls, value: str) -> str:
        if value != "auto" and value not in GENERATOR_NAMES:
            known = ", ".join(GENERATOR_NAMES)
            raise ValueError(f"'{value}' is not a known site generator (known: auto, {known})")
        return value

    @field_validator("online", mode="before")
    @classmethod
    def _online_shorthand(cls, value: Any) -> Any:
        return {"enabled": value} if isinstance(value, bool) else value


def _format_error(error: ValidationError, prefix: str) -> str:
    lines = []
    for item in error.errors(include_url=False):
        key = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"])
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        lines.append(f"{prefix}{key}: {message}")
    return "; ".join(lines)


def defaults() -> Config:
    """``Config()``: the defaults, made without building the models (defaults are not validated, and
    :class:`Config` has no model validator)."""
    from postlint.core.construct import construct_defaults

    return construct_defaults(
        Config, front_matter=construct_defaults(FrontMatterConfig), online=construct_defaults(OnlineConfig)
    )


def parse_config(raw: dict[str, Any], source: Path | None, prefix: str = "") -> Config:
    try:
        config = Config.model_validate(raw) if raw else defaults()
    except ValidationError as error:
        where = f"{source}: " if source else ""
        raise ConfigError(f"{where}{_format_error(error, prefix)}") from None
    config.source = source
    if source is not None:
        config.rule_dirs = [str((source.parent / path).resolve()) for path in config.rule_dirs]
        if config.site_root is not None:
            config.site_root = str((source.parent / config.site_root).resolve())
    return config


def read_config_file(path: Path) -> Config:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"--config: cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        section = document.get("tool", {}).get("postlint", {})
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: tool.postlint must be a table")
        return parse_config(section, path, "tool.postlint.")
    return parse_config(document, path)


def _start_folder(start: Path) -> Path:
    """Where to start looking up for config files: walked up as written, never through a symlink the path
    itself is (a link to `/` in a checkout must not pick up some other project's or site's config)."""
    absolute = Path(os.path.abspath(start))
    return absolute if absolute.is_dir() and not absolute.is_symlink() else absolute.parent


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``; a ``pyproject.toml`` counts only with ``[tool.postlint]``."""
    directory = _start_folder(start)
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate
            try:
                with candidate.open("rb") as handle:
                    if "postlint" in tomllib.load(handle).get("tool", {}):
                        return candidate
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def load_config(explicit: Path | None, start: Path, isolated: bool = False) -> Config:
    """The config for a run: ``explicit``, else the nearest file at or above ``start``.

    With ``isolated`` (``--isolated``, for CI on strangers' pull requests) no file is searched for: the
    defaults apply, or ``explicit`` alone, and nothing that runs Python (``rule-dirs``, ``front-matter.model``)
    is accepted from it.
    """
    if isolated:
        config = read_config_file(explicit) if explicit is not None else defaults()
        where = f"{explicit}: " if explicit is not None else ""
        prefix = "tool.postlint." if explicit is not None and explicit.name == "pyproject.toml" else ""
        if config.rule_dirs:
            raise ConfigError(
                f"{where}{prefix}rule-dirs: not allowed with --isolated, which runs no Python from the repository "
                "(remove the key from this config, or drop --isolated for trusted branches)"
            )
        if config.front_matter.model is not None:
            raise ConfigError(
                f"{where}{prefix}front-matter.model: not allowed with --isolated, which imports no Python model "
                "(remove the key from this config, or drop --isolated for trusted branches)"
            )
        config._isolated = True
        return config
    if explicit is not None:
        return read_config_file(explicit)
    found = find_config(start)
    return read_config_file(found) if found else defaults()
