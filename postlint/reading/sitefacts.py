"""What a site generator makes of a post, as plain data: the reader and the rules use it without knowing
which generator it is (:mod:`postlint.sites` builds one per generator; rules see it as ``context.site``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: ``YYYY-MM-DD-`` at the start of a file name (Jekyll's posts); importers also write unpadded months and
#: days (``2023-9-24-``).
NAME_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")

#: The fence lines Jekyll and Hugo open front matter with, and the format each opens.
FENCES: tuple[tuple[str, str], ...] = (("---", "yaml"), ("+++", "toml"))

#: The site generators postlint knows, as config ``generator`` names them. A leaf here, so that validating the
#: config needs no generator module; ``postlint.sites.GENERATORS`` holds one module per name (a test checks).
GENERATOR_NAMES: tuple[str, ...] = ("jekyll", "hugo", "zola", "eleventy")

#: Liquid block tags whose content is code (Jekyll's ``highlight``, Octopress' ``codeblock``, ``comment``).
LIQUID_CODE_TAGS = ("highlight", "codeblock", "comment")


@dataclass(frozen=True)
class SiteFacts:
    """The generator's reading of posts (the defaults are those of a site whose generator is unknown)."""

    #: "jekyll", "hugo", "zola", "eleventy" or "unknown".
    generator: str = "unknown"
    #: Opening fence line -> front-matter format: "yaml", "toml", "json", or "code" (front matter the
    #: generator runs as a program, which postlint never does).
    fences: tuple[tuple[str, str], ...] = FENCES
    #: Liquid block tags (``{% name %}...{% endname %}``) whose content is code, not markup.
    code_tags: tuple[str, ...] = LIQUID_CODE_TAGS
    #: Whether ``{{< ... >}}`` / ``{{% ... %}}`` shortcodes (and Hugo's ``highlight`` pairs) are code.
    shortcodes: bool = True
    #: Whether front matter may open after blank lines (Hugo and Zola skip them; Jekyll does not).
    front_matter_after_blank_lines: bool = False
    #: How the generator reads date strings besides the common grammar (``postlint._dates.parse_date``):
    #: ``"ruby"`` for Jekyll's ``Time.parse``, ``""`` for none.
    date_reader: str = ""
    #: Values of ``date`` the generator resolves itself (lower case), like Eleventy's ``git Last Modified``.
    date_keywords: frozenset[str] = frozenset()
    #: Front-matter keys whose ``false`` the generator reads as "none" (Eleventy's ``permalink: false``: do not
    #: write this page), so ``false`` is a valid value of a text key.
    false_keys: frozenset[str] = frozenset()
    #: Whether a ``{`` on the first line opens JSON front matter (Hugo's); Eleventy's JSON opens with ``---json``.
    json_objects: bool = True
    #: Whether a file without front matter is no page (Jekyll copies it as it is); Eleventy renders it.
    front_matter_required: bool = True
    #: Class names the site's own stylesheets give rules to (``.sr-only { clip: ... }``), lower case: a
    #: class the site styles is the site's, not one copied from another site without its CSS.
    styled_classes: frozenset[str] = frozenset()
    #: The date prefix of a post's file name that the generator reads, as year, month and day groups.
    filename_date: re.Pattern[str] = field(default=NAME_DATE)
    #: How the generator's Markdown gives headings their ids (the archive checks' fragment links): the names
    #: of the styles in :data:`postlint.knowledge.slugs.STYLES` its settings allow; empty means every style,
    #: for a generator whose renderer is not pinned down.
    heading_ids: tuple[str, ...] = ()
    #: Whether the generator's Markdown renderer drops the raw HTML a Markdown post holds (Hugo's Goldmark
    #: unless ``markup.goldmark.renderer.unsafe`` is true): it writes ``<!-- raw HTML omitted -->`` instead.
    drops_raw_html: bool = False
    #: Whether the generator's Markdown makes a bare ``https://…`` written in text a link: Goldmark's linkify
    #: (on in Hugo unless ``markup.goldmark.extensions.linkify`` is false) does; kramdown (Jekyll's) and Zola's
    #: CommonMark do not, so the reader gets text. ``None`` when the renderer is not known.
    bare_urls_linked: bool | None = None

    def fence_kind(self, line: str) -> str | None:
        """The front-matter format the fence line ``line`` opens, or ``None`` when it opens none."""
        for fence, kind in self.fences:
            if line == fence:
                return kind
        return None

    def is_date_keyword(self, value: object) -> bool:
        """Whether ``value`` (a front-matter ``date``) is one of the generator's date keywords."""
        return isinstance(value, str) and value.strip().lower() in self.date_keywords


#: The facts used when nothing names the generator.
UNKNOWN = SiteFacts()
