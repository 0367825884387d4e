"""What ``postlint rules`` and ``postlint explain`` print about rules: a table, or one rule's documentation
with its examples. Rules from ``rule-dirs`` come from the repository: their names, summaries and docs are
shown with anything that could drive a terminal escaped, never obeyed.
"""

from __future__ import annotations

import inspect
import json

from postlint.engine.registry import RuleClass
from postlint.reporters._neutralise import terminal, terminal_lines


def rules_listing(rules: list[RuleClass], output_format: str) -> list[str]:
    """The lines of ``postlint rules``: every rule, by code, as JSON or as a table."""
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "severity": r.severity.value,
            "fixable": r.fixable,
            "enabled_by_default": r.enabled_by_default,
            "enabled_on_sites": r.enabled_by_default or r.enabled_on_sites,
            "summary": r.summary(),
        }
        for r in sorted(rules, key=lambda r: r.code)
    ]
    if output_format == "json":
        return [json.dumps(rows, ensure_ascii=False, indent=2)]
    width = max(len(str(row["name"])) for row in rows)
    lines = [f"{'code':<6} {'name':<{width}} {'severity':<8} {'fix':<3}  summary"]
    for row in rows:
        fix = "yes" if row["fixable"] else ""
        off = (
            ""
            if row["enabled_by_default"]
            else " (on where a site is found)"
            if row["enabled_on_sites"]
            else " (off by default)"
        )
        line = f"{row['code']:<6} {row['name']:<{width}} {row['severity']:<8} {fix:<3}  {row['summary']}{off}"
        lines.append(terminal(line))
    return lines


def _default_note(rule: RuleClass) -> str:
    if rule.enabled_by_default:
        return ""
    if rule.enabled_on_sites:
        return " On by default where postlint finds the site's config; elsewhere enable it with extend-select."
    return " Off by default: enable it with extend-select."


def examples(rule_name: str) -> dict[str, str]:
    """The rule's shipped examples (``examples/<rule-name>/*.md``), bad before fixed before good."""
    from importlib import resources

    found: dict[str, str] = {}
    try:
        folder = resources.files("postlint_examples").joinpath(rule_name)
    except ModuleNotFoundError:
        return found
    try:
        names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".md"))
    except (FileNotFoundError, NotADirectoryError):
        return found
    order = {"bad.md": 0, "bad.fixed.md": 1, "good.md": 2}
    for name in sorted(names, key=lambda n: (order.get(n.split("-")[-1], 3), n)):
        found[name] = folder.joinpath(name).read_bytes().decode("utf-8", errors="replace")
    posts = folder.joinpath("_posts")  # examples about posts' file names sit in a `_posts` folder
    try:
        for entry in sorted(posts.iterdir(), key=lambda e: (0 if "bad" in e.name else 1, e.name)):
            if any(word in [*entry.name.rpartition(".")[0].split("-"), entry.name] for word in ("bad", "good")):
                found["_posts/" + entry.name] = entry.read_bytes().decode("utf-8", errors="replace")
    except (FileNotFoundError, NotADirectoryError):
        pass
    return found


def explanation(found: RuleClass) -> list[str]:
    """The chunks ``postlint explain`` prints (one line break after each): title, defaults, the docstring,
    option defaults and the examples."""
    chunks = [terminal(f"# {found.code} {found.name}") + "\n"]
    chunks.append(
        f"Default severity: {found.severity.value}. Fixable: {'yes' if found.fixable else 'no'}."
        f"{_default_note(found)}\n"
    )
    chunks.append(terminal_lines(inspect.cleandoc(found.__doc__ or "")))
    options = found.Options.model_json_schema().get("properties", {})
    if options:
        chunks.append("\n## Option defaults")
        defaults = found.Options().model_dump(by_alias=True, mode="json")
        for key in options:
            chunks.append(terminal(f"- `{key}` = {json.dumps(defaults.get(key), ensure_ascii=False)}"))
    for name, text in examples(found.name).items():
        title = (
            "After postlint check --fix"
            if name.endswith(".fixed.md")
            else "Example of a problem"
            if "bad" in name
            else "Example without the problem"
        )
        chunks.append(terminal_lines(f"\n## {title} ({name})\n\n```markdown\n{text.rstrip()}\n```"))
    return chunks
