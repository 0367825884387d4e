"""The archive-wide pass: after every checked file is linted, build the site index from the whole site and
add the site rules' findings to the checked files.

The index always covers the whole site (every post and page below the site's folder, from the cache when
unchanged), while findings are reported only for the files being checked: a pre-commit run on one post still
sees that the post it links to was renamed. The pass runs in the main process, on facts the workers sent
back, so ``--jobs`` and the cache give the same output.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from postlint.archive.judge import site_facts, site_findings
from postlint.core.model import Finding
from postlint.core.results import FileResult
from postlint.knowledge.pages import PageFacts
from postlint.knowledge.siteindex import SiteIndex

if TYPE_CHECKING:
    from postlint.engine.lint import Engine
    from postlint.run.cache import FindingsCache
    from postlint.sites.base import UrlRules


def site_layout(engine: Engine) -> tuple[str | None, str | None, str]:
    """The site's folder, its generator config file and its URL prefix (``baseurl``), or ``(None, None, "")``
    when the files being checked belong to no site postlint can find."""
    from postlint.core.tree import project_root
    from postlint.sites import detect_site, generator_named

    config = engine.config
    start = Path(engine.recipe.start) if engine.recipe.start is not None else Path(".")
    generator = engine.context.generator
    if config.site_root:
        root = config.site_root
        chosen = generator_named(generator)
        found = chosen.url_config(Path(root)) if chosen is not None else None
        return root, str(found) if found is not None else None, engine.files.prefix
    known = engine.tree.root_for(start) if engine.tree is not None else None
    project = known.lexical if known is not None else project_root(start)
    layout = detect_site(start, str(project))
    if layout is None:
        return None, None, ""
    return str(layout.config.parent), str(layout.config), layout.prefix


def url_rules(generator: str, root: str | None, config_file: str | None) -> UrlRules:
    """The URL rules of the site generator named ``generator`` (the default, which builds no URL, for one
    postlint does not know)."""
    from postlint.sites import generator_named
    from postlint.sites.base import UrlRules

    chosen = generator_named(generator)
    if chosen is None:
        return UrlRules()
    return chosen.url_rules(Path(root) if root is not None else None, Path(config_file) if config_file else None)


def _site_files(engine: Engine, root: str, rules: UrlRules) -> list[tuple[Path, str]]:
    """The files of the site the generator reads (on Jekyll, not the layouts, includes, data or sass)."""
    shown = os.path.relpath(root) if not os.path.relpath(root).startswith("..") else root
    files = []
    for fs_path, display in engine.content_paths([shown]):
        relative = os.path.relpath(os.path.abspath(fs_path), os.path.abspath(root)).replace(os.sep, "/")
        if rules.is_site_file(relative):
            files.append((fs_path, display))
    return files


def site_pass(engine: Engine, results: list[FileResult], cache: FindingsCache | None = None) -> list[FileResult]:
    """``results`` with the site rules' findings added to each checked file."""
    if not engine.site_rules:
        return results
    root, config_file, prefix = site_layout(engine)
    checked: dict[str, PageFacts] = {}
    for result in results:
        if result.site is not None:
            checked[os.path.abspath(result.site.fs_path)] = result.site
    pages = list(checked.values())
    rules = url_rules(engine.context.generator, root, config_file)
    if root is not None:
        for fs_path, display in _site_files(engine, root, rules):
            if os.path.abspath(fs_path) in checked:
                continue
            facts = site_facts(engine, fs_path, display, cache)
            if facts is not None:
                pages.append(facts)
    index = SiteIndex(
        pages,
        rules,
        root=root,
        prefix=prefix,
        file_exists=lambda fs_path, target: engine.files.lookup(Path(fs_path), target),
    )
    updated = []
    for result in results:
        if result.site is None:
            updated.append(result)
            continue
        extra = [] if result.site.path in index.templates else site_findings(engine, result.site, index)
        # The facts are done with: dropped here, so the reports of a large archive do not hold them too.
        findings = sorted([*result.findings, *extra], key=Finding.sort_key) if extra else result.findings
        updated.append(replace(result, findings=findings, site=None))
    return updated
