"""What ``postlint rules`` and ``postlint explain`` print about rules: a table, or one rule's documentation
with its examples. Rules from ``rule-dirs`` come from the repository: their names, summaries and docs are
shown with anything that could drive a terminal escaped, never obeyed.
"""

from __future__ import annotations

import inspect
import json
import re

from postlint.engine.lint import rule_docs_url
from postlint.engine.registry import RuleClass
from postlint.reporters._neutralise import json_document, terminal, terminal_lines


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
        return [json_document(rows)]
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


#: The test markers of the shipped examples (``<!-- expect: PL501:50 -->`` in a body, ``# expect: PL201:7`` in
#: YAML or TOML front matter, ``// expect: PL017`` in a JavaScript one, ``expect: PL302@12:3``): they tell
#: postlint's tests what to expect, not a reader.
_HTML_MARKER = re.compile(r"[ \t]*<!--\s*expect:[^>]*?-->")
_YAML_MARKER = re.compile(r"[ \t]*(?:#|//)\s*expect:.*$", re.M)  # YAML and TOML comments, and JS ones


def without_test_markers(text: str) -> str:
    """An example as a reader should see it: the ``expect:`` markers gone, and a line that held nothing but a
    marker gone with it."""
    lines = []
    for line in text.splitlines(keepends=True):
        cleaned = _YAML_MARKER.sub("", _HTML_MARKER.sub("", line))
        if cleaned.strip() or not line.strip():
            lines.append(cleaned if cleaned.endswith("\n") or not line.endswith("\n") else cleaned + "\n")
    return "".join(lines)


def example_title(name: str) -> str:
    """How an example file is introduced: the problem, the fix, or the clean form."""
    if name.endswith(".fixed.md"):
        return "After postlint check --fix"
    return "Example of a problem" if "bad" in name else "Example without the problem"


def option_defaults(found: RuleClass) -> list[tuple[str, str]]:
    """Each option of the rule, in kebab-case, with its default as JSON."""
    options = found.Options.model_json_schema().get("properties", {})
    defaults = found.Options().model_dump(by_alias=True, mode="json")
    return [(key, json.dumps(defaults.get(key), ensure_ascii=False)) for key in options]


def explanation(found: RuleClass) -> list[str]:
    """The chunks ``postlint explain`` prints (one line break after each): title, defaults, the docstring,
    option defaults and the examples."""
    chunks = [terminal(f"# {found.code} {found.name}") + "\n"]
    chunks.append(
        f"Default severity: {found.severity.value}. Fixable: {'yes' if found.fixable else 'no'}."
        f"{_default_note(found)}\n"
    )
    chunks.append(terminal_lines(inspect.cleandoc(found.__doc__ or "")))
    defaults = option_defaults(found)
    if defaults:
        chunks.append("\n## Option defaults")
        for key, value in defaults:
            chunks.append(terminal(f"- `{key}` = {value}"))
    for name, text in examples(found.name).items():
        shown = without_test_markers(text).rstrip()
        chunks.append(terminal_lines(f"\n## {example_title(name)} ({name})\n\n```markdown\n{shown}\n```"))
    url = rule_docs_url(found)
    if url:
        chunks.append("")
        chunks.append(terminal(f"Documentation: {url}"))
    return chunks
