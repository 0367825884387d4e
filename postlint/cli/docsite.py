"""The pages of the documentation site that are generated from the code: one page per rule (its docstring,
option defaults and examples, without the examples' test markers), the rules index, and the configuration
reference (every key of the config model with its type, default and comment).

``docs/hooks.py`` adds them to the MkDocs build, so the site can never document a rule or a key that is not
there, nor miss one; ``postlint explain`` shows the same text in a terminal.
"""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from postlint.cli.ruledocs import example_title, examples, option_defaults, without_test_markers
from postlint.engine.registry import RuleClass

#: The families of rule codes, by their hundreds, as the rules index groups them.
FAMILIES = {
    "0": "Reading the file",
    "1": "Front matter",
    "2": "Dates",
    "3": "Images",
    "4": "Figures and captions",
    "5": "Ads and outlet furniture",
    "6": "Sources and links",
    "7": "Markup and script",
    "8": "Across the site",
    "9": "postlint's own diagnostics",
}


def _cell(text: str) -> str:
    """Text for a Markdown table cell (a pipe would end the cell)."""
    return text.replace("|", "\\|").replace("\n", " ")


def rule_page(rule: RuleClass) -> str:
    """The Markdown page of one rule."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    summary, _, rest = doc.partition("\n")
    rest = rest.replace("\n## ", "\n### ")  # the docstring's sections sit below the page's title
    state = "on by default" if rule.enabled_by_default else "off by default: enable it with `extend-select`"
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**Default severity:** {rule.severity.value} · **Fixable:** {'yes' if rule.fixable else 'no'} · {state}",
        "",
        summary.strip(),
        rest.rstrip(),
        "",
    ]
    defaults = option_defaults(rule)
    if defaults:
        lines += ["## Configuration", "", "```toml", f"[tool.postlint.rules.{rule.name}]"]
        lines += [f"{key} = {value}" for key, value in defaults]
        lines += [
            "```",
            "",
            f"The same table without `tool.` in `postlint.toml`; the code `{rule.code}` names it too.",
            "",
        ]
    shown = examples(rule.name)
    if shown:
        lines += ["## Examples", ""]
        for name, text in shown.items():
            body = without_test_markers(text).rstrip()
            fence = "````" if "```" in body else "```"
            lines += [f"### {example_title(name)}", "", f"`{name}`:", "", f"{fence}markdown", body, fence, ""]
    return "\n".join(lines).rstrip() + "\n"


def rules_index(rules: list[RuleClass]) -> str:
    """The rules index: every rule by family, with its page, default severity, fix and summary."""
    lines = [
        "# Rules",
        "",
        "Every rule postlint ships, by family. Select or ignore them by code, code prefix (`PL3`) or name in",
        "`select`, `extend-select`, `ignore` and `per-file-ignores` (see [Configuration](../configuration.md));",
        "`postlint rules` prints this table and `postlint explain CODE` a rule's page in the terminal.",
    ]
    family = None
    for rule in sorted(rules, key=lambda r: r.code):
        if rule.code[2] != family:
            family = rule.code[2]
            lines += [
                "",
                f"## {FAMILIES.get(family, 'Other')}",
                "",
                "| code | name | severity | fix | what it reports |",
            ]
            lines += ["| --- | --- | --- | --- | --- |"]
        off = "" if rule.enabled_by_default else " (off by default)"
        fix = "yes" if rule.fixable else ""
        lines.append(
            f"| `{rule.code}` | [`{rule.name}`]({rule.name}.md) | {rule.severity.value} | {fix} | "
            f"{_cell(rule.summary())}{off} |"
        )
    return "\n".join(lines) + "\n"


def _field_comments(model: type[BaseModel]) -> dict[str, str]:
    """The ``#:`` comments written above each field of ``model`` in its source, by field name."""
    try:
        lines, _ = inspect.getsourcelines(model)
    except (OSError, TypeError):
        return {}
    indent = len(lines[0]) - len(lines[0].lstrip())
    source = "".join(line[indent:] for line in lines)
    found: dict[str, str] = {}
    tree = ast.parse(source)
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    plain = source.splitlines()
    for node in body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            comment: list[str] = []
            at = node.lineno - 2
            while at >= 0 and plain[at].strip().startswith("#:"):
                comment.insert(0, plain[at].strip()[2:].strip())
                at -= 1
            if comment:
                found[node.target.id] = " ".join(comment)
    return found


def _default(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, BaseModel):
        return "(table)"
    return f"`{json.dumps(value, ensure_ascii=False, default=str)}`"


_TYPE_WORDS = (
    ("list[str] | None", "list of strings, or absent"),
    ("list[str]", "list of strings"),
    ("dict[str, list[str]]", "table of lists of strings"),
    ("dict[str, dict[str, Any]]", "table of tables"),
    ("str | None", "string"),
    ("float | None", "number"),
    ("datetime | None", "date-time"),
    ("str", "string"),
    ("bool", "true or false"),
    ("int", "integer"),
    ("float", "number"),
)


def _type(annotation: Any) -> str:
    text = annotation.__name__ if isinstance(annotation, type) else str(annotation)
    text = text.replace("typing.", "").replace("datetime.datetime", "datetime")
    if text.startswith("Literal["):
        return "one of " + ", ".join(f"`{word.strip()}`" for word in text[8:-1].replace("'", "").split(","))
    if text.endswith("Config"):
        return "table"
    if "FieldSpec" in text:
        return "table of field tables"
    for written, words in _TYPE_WORDS:
        if text == written:
            return words
    return _cell(text)


def config_reference() -> str:
    """Every key of ``postlint.toml`` (and ``[tool.postlint]``), by table, with type, default and meaning."""
    from postlint.config import Config, FrontMatterConfig, OnlineConfig

    lines = [
        "# Configuration reference",
        "",
        "Every key postlint reads, generated from its config model: the top level of `postlint.toml` (or",
        "`[tool.postlint]` in `pyproject.toml`), then each table. Keys are kebab-case; an unknown key is an error",
        "that names it (exit 2). Rule options live under `[rules.<code or name>]`: each rule's page lists them.",
    ]
    for title, model, prefix in (
        ("Top level", Config, ""),
        ("[front-matter]", FrontMatterConfig, "front-matter."),
        ("[online]", OnlineConfig, "online."),
    ):
        comments = _field_comments(model)
        lines += ["", f"## {title}", "", "| key | type | default | meaning |", "| --- | --- | --- | --- |"]
        for name, field in model.model_fields.items():
            if field.exclude:  # not a key (where the config came from)
                continue
            key = name.replace("_", "-")
            default = field.get_default(call_default_factory=True)
            meaning = comments.get(name, "")
            lines.append(f"| `{prefix}{key}` | {_type(field.annotation)} | {_default(default)} | {_cell(meaning)} |")
    return "\n".join(lines) + "\n"


def generated_pages(rules: list[RuleClass]) -> dict[str, str]:
    """Every generated page, by its path below ``docs/``."""
    pages = {"rules/index.md": rules_index(rules), "reference/configuration.md": config_reference()}
    for rule in rules:
        pages[f"rules/{rule.name}.md"] = rule_page(rule)
    return pages


def write_pages(folder: Path, rules: list[RuleClass]) -> list[Path]:
    """Write the generated pages below ``folder`` (for a look without MkDocs); returns the files written."""
    written = []
    for relative, text in generated_pages(rules).items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
