"""The rules' :class:`~postlint.engine.contract.Context` for a run: now, the site's generator and time zone (from
:mod:`postlint.sites`), the effective front-matter schema and the local file lookup. Built once per engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from postlint.config import Config, ConfigError
from postlint.engine.contract import Context
from postlint.knowledge.schema import FrontMatterSchema, SchemaConfigError
from postlint.sites import facts_for, find_site, generator_named, site_timezone
from postlint.sites.base import styled_classes
from postlint.sites.files import LocalFiles, local_files


def _zone(name: str, key: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{key}: '{name}' is not a known IANA time zone (like 'Asia/Singapore')") from None


def build_context(
    config: Config, start: Path, now: dt.datetime | None = None, files: LocalFiles | None = None
) -> Context:
    """The run-wide facts rules may use: now, the site's generator and time zone, the schema, the file lookup."""
    moment = now or config.now or dt.datetime.now(dt.timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    found = find_site(start, config.site_root)
    generator = config.generator if config.generator != "auto" else found[0].name if found else "unknown"
    zone: dt.tzinfo | None = None
    if config.timezone:
        zone = _zone(config.timezone, "timezone")
    else:
        named = site_timezone(start, config.site_root) if found is not None else None
        chosen = generator_named(generator)
        if named is None and chosen is not None:  # `generator` set in config: its own default, if any
            named = chosen.default_timezone
        if named is not None:
            name, where = named
            zone = _zone(name, f"{where}: timezone")
    front = config.front_matter
    known = list(front.known_keys)
    if found is not None and found[0].name == generator:  # the keys the site's own templates read
        known += sorted(found[0].template_keys(found[0].source_folder(found[1])) - set(known))
    try:
        schema = FrontMatterSchema.build(config.profile, front.model, front.fields, front.unknown_keys, known)
    except SchemaConfigError as error:
        raise ConfigError(str(error)) from None
    site = found[0].site_facts(found[1]) if found is not None and found[0].name == generator else facts_for(generator)
    if found is not None:  # the classes the site's own stylesheets style (`.sr-only`)
        site = replace(site, styled_classes=styled_classes(found[0].source_folder(found[1])))
    return Context(
        now=moment,
        site_timezone=zone,
        schema=schema,
        generator=generator,
        file_exists=(files or local_files(config, start)).exists,
        # The generator's reading of posts, with what its config says (Zola's slugify, Hugo's heading ids).
        site=site,
    )
