"""Eleventy (11ty): ``eleventy.config.js`` (``.mjs``/``.cjs``), ``.eleventy.js``, or a ``package.json``
that depends on ``@11ty/eleventy`` marks the site. Its config is JavaScript: postlint never runs it, and
reads ``package.json`` only as JSON data.

- Front matter (gray-matter) opens on the first line: ``---`` or ``---yaml`` (YAML), ``---json`` (JSON);
  ``---js`` / ``---javascript`` front matter is a program Eleventy runs, which postlint reports as
  unreadable (at 1:1) and does not check.
- ``date`` may be ``Last Modified``, ``Created``, ``git Last Modified`` or ``git Created``: Eleventy
  resolves these from the file or its git history, so they are valid dates there.
- A date without a zone is read as UTC (Eleventy's documented default), so the site's zone is known.
- A file name may start with the date, ``YYYY-MM-DD-``, as on Jekyll.
- Markdown is markdown-it, like postlint's, pre-processed by Liquid (or Nunjucks): ``{% highlight %}``
  (the syntax-highlighting plugin) and ``{% comment %}`` hold code; ``{% raw %}`` only stops template
  processing (its content is still Markdown and HTML), and Hugo-style ``{{< >}}`` shortcodes do not exist.
- Site-absolute paths (``/img/x.png``) are looked up in the site's folder and its usual input folder
  ``src/``: passthrough copies are configured in JavaScript (set ``static-dirs`` for others).
"""

from __future__ import annotations

from pathlib import Path

from postlint.reading.sitefacts import SiteFacts
from postlint.sites.base import SiteGenerator, read_config

#: The package whose presence in ``package.json`` makes a folder an Eleventy site.
PACKAGE = "@11ty/eleventy"
_DEPENDENCY_KEYS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


class Eleventy(SiteGenerator):
    name = "eleventy"
    config_files = ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js", "package.json")
    default_timezone = ("UTC", "Eleventy (it reads dates without a zone as UTC)")
    facts = SiteFacts(
        generator="eleventy",
        fences=(
            ("---", "yaml"),
            ("---yaml", "yaml"),
            ("---json", "json"),
            ("---js", "code"),
            ("---javascript", "code"),
        ),
        code_tags=("highlight", "comment"),
        shortcodes=False,
        date_keywords=frozenset(("last modified", "created", "git last modified", "git created")),
        heading_ids=("markdown-it-anchor", "eleventy-slugify"),
    )

    def claims(self, config: Path) -> bool:
        """A ``package.json`` counts only when it lists ``@11ty/eleventy`` among its dependencies."""
        if config.name != "package.json":
            return True
        data = read_config(config)
        if not isinstance(data, dict):
            return False
        return any(isinstance(data.get(key), dict) and PACKAGE in data[key] for key in _DEPENDENCY_KEYS)

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        return (root, root / "src")

    def base_url(self, config: Path) -> str:
        return ""  # Eleventy's pathPrefix is set in JavaScript, which postlint does not run
