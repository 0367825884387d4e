"""Zola: ``config.toml`` with a top-level ``base_url`` (which Zola requires) marks the site.

Zola serves ``static/``, themes' ``static/`` and the assets colocated with a page below ``content/``; the
path of ``base_url`` is the prefix. Front matter is TOML (``+++``) or YAML (``---``) and may follow white
space; a file name may start with the post's date, ``YYYY-MM-DD`` then ``_`` or ``-``. Zola has no site
time zone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from postlint.reading.sitefacts import SiteFacts
from postlint.sites.base import ContentRules, SiteGenerator, read_config


def is_zola_config(config: Path) -> bool:
    """Whether the TOML file ``config`` has Zola's top-level ``base_url`` (Hugo's is ``baseURL``)."""
    data = read_config(config)
    return isinstance(data, dict) and isinstance(data.get("base_url"), str)


class Zola(SiteGenerator):
    name = "zola"
    config_files = ("config.toml",)
    base_url_key = "base_url"
    facts = SiteFacts(
        generator="zola",
        front_matter_after_blank_lines=True,
        filename_date=re.compile(r"^(\d{4})-(\d{2})-(\d{2})[_-]"),
        heading_ids=("zola-slugify", "zola-safe"),  # slugify.anchors = "on" / "safe" or "off"
        # pulldown-cmark has no autolink extension and Zola's `[markdown]` settings have none either.
        bare_urls_linked=False,
    )

    def claims(self, config: Path) -> bool:
        return is_zola_config(config)

    def content(self, root: Path, config: Path) -> ContentRules:
        return ZolaContent()

    def site_facts(self, config: Path) -> SiteFacts:
        """``[slugify] anchors`` in ``config.toml`` picks the heading ids: ``on`` (the default) slugifies,
        ``safe`` and ``off`` keep the text (https://www.getzola.org/documentation/getting-started/configuration/)."""
        data = read_config(config)
        slugify = data.get("slugify") if isinstance(data, dict) else None
        anchors = slugify.get("anchors", "on") if isinstance(slugify, dict) else "on"
        style = {"on": ("zola-slugify",), "safe": ("zola-safe",), "off": ("zola-safe",)}.get(str(anchors))
        return replace(self.facts, heading_ids=style) if style is not None else self.facts

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        bases = [root / "static", root / "content"]
        themes = root / "themes"
        try:
            for theme in sorted(themes.iterdir()) if themes.is_dir() else []:
                bases.append(theme / "static")
        except OSError:
            pass
        return tuple(bases)


class ZolaContent(ContentRules):
    """What Zola reads as content (https://www.getzola.org/documentation/content/overview/): the Markdown
    files below ``content/``; other files there are assets copied beside their page. Templates, ``sass/``,
    ``static/`` and the repository's own files are not content."""

    def is_content(self, relative: str, fs_path: Path) -> bool:
        return relative.startswith("content/") and relative.lower().endswith(".md")
