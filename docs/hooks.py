"""MkDocs hooks: add the pages generated from the code (postlint/cli/docsite.py) to the build, and list every
rule's page under "Rules" in the navigation. Nothing is written into docs/: the pages exist only in the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from postlint.cli.docsite import generated_pages
from postlint.engine.meta import META_RULES
from postlint.engine.registry import RuleClass, discover


def _rules() -> list[RuleClass]:
    """postlint's own rules only: a plugin installed beside it documents itself."""
    return sorted([*discover(builtin_only=True), *META_RULES], key=lambda rule: rule.code)


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    nav = config.nav or []
    for index, entry in enumerate(nav):
        if isinstance(entry, dict) and "Rules" in entry:
            pages: list[Any] = ["rules/index.md", {"Ad packs": "rules/packs.md"}]
            pages += [{f"{rule.code} {rule.name}": f"rules/{rule.name}.md"} for rule in _rules()]
            nav[index] = {"Rules": pages}
    return config


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    for path, text in generated_pages(_rules()).items():
        files.append(File.generated(config, path, content=text))
    # The changelog lives at the top of the repository, where people look for it.
    changelog = Path(config.config_file_path).parent / "CHANGELOG.md"
    files.append(File.generated(config, "changelog.md", content=changelog.read_text(encoding="utf-8")))
    return files
