"""Archive-wide checks: what each file contributes to the site (its :class:`~postlint.knowledge.pages.PageFacts`,
computed while the file is linted, so a checked file is parsed once and its facts are cached with its
findings), the :class:`~postlint.knowledge.siteindex.SiteIndex` built from every file of the site, and the pass
that runs the site rules (PL8xx) over the files being checked.

The URL each file builds is the site generator's to say: its module in :mod:`postlint.sites` gives the
:class:`~postlint.sites.base.UrlRules` the index is built with (the index itself names no generator).
Nothing here reads a URL or follows a link: targets are looked up in the index, and local files through the
engine's confined lookup (never outside the project tree).
"""
