"""Jekyll: ``_config.yml`` marks the site; it serves the whole folder under its ``baseurl``.

Front matter must open on the first line with ``---`` (YAML); Liquid's ``{% highlight %}`` and
``{% comment %}`` blocks (and Octopress' ``{% codeblock %}``) hold code; posts are named
``YYYY-MM-DD-slug.md``; ``timezone`` in the config names the zone zoneless dates are read in.
"""

from __future__ import annotations

from pathlib import Path

from postlint._sitefacts import SiteFacts
from postlint.sites.base import SiteGenerator


class Jekyll(SiteGenerator):
    name = "jekyll"
    config_files = ("_config.yml", "_config.yaml", "_config.toml")
    timezone_key = "timezone"
    base_url_key = "baseurl"
    facts = SiteFacts(generator="jekyll")

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        """Jekyll copies every file of the site's folder that it does not render: ``/assets/x.png`` is
        ``assets/x.png`` there."""
        return (root,)
