"""Hugo: ``hugo.toml`` (or ``.yaml``/``.json``, or the older ``config.toml``) marks the site.

Hugo serves ``static/`` (and what pipes publish from ``assets/``), themes' ``static/`` and ``assets/``,
and a page bundle's files at the page's path, which is their path below ``content/``; the path of
``baseURL`` is the prefix. Front matter is YAML (``---``), TOML (``+++``) or a JSON object, and may follow
blank lines; ``{{< shortcodes >}}`` and ``{{% %}}`` pairs such as ``highlight`` hold template syntax, not
HTML; ``timeZone`` in the config names the zone zoneless dates are read in.
"""

from __future__ import annotations

from pathlib import Path

from postlint._sitefacts import SiteFacts
from postlint.sites.base import SiteGenerator


class Hugo(SiteGenerator):
    name = "hugo"
    config_files = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml")
    timezone_key = "timeZone"
    base_url_key = "baseURL"
    facts = SiteFacts(generator="hugo", front_matter_after_blank_lines=True)

    def claims(self, config: Path) -> bool:
        """``config.toml`` is Zola's too: it is Hugo's unless it has Zola's ``base_url``."""
        from postlint.sites.zola import is_zola_config

        return config.name != "config.toml" or not is_zola_config(config)

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        bases = [root / "static", root / "assets", root / "content"]
        themes = root / "themes"
        try:
            for theme in sorted(themes.iterdir()) if themes.is_dir() else []:
                bases.extend((theme / "static", theme / "assets"))
        except OSError:
            pass
        return tuple(bases)
