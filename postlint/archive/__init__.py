"""Archive-wide checks: what each file contributes to the site (its :class:`~postlint.archive.facts.PageFacts`,
computed while the file is linted, so a checked file is parsed once and its facts are cached with its
findings), the :class:`~postlint.archive.index.SiteIndex` built from every file of the site, and the pass
that runs the site rules (PL8xx) over the files being checked.

The URL each file builds is worked out per generator, in one module each (:mod:`.jekyll`, :mod:`.hugo`).
Nothing here reads a URL or follows a link: targets are looked up in the index, and local files through the
engine's confined lookup (never outside the project tree).
"""
