"""Parse a front-matter block (YAML or TOML) into data plus an index from key paths to source spans.

Both parsers work on the block's own text; every offset they report is shifted by the block's start so that
spans are absolute character offsets into the whole post.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from postlint.core.lazyre import lazy_regex
from postlint.core.model import Span
from postlint.reading.issues import LoadIssue

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

KeyPath = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """A parsed front-matter block."""

    format: Literal["yaml", "toml", "json"]
    #: Offsets of the opening fence line, the content, and the closing fence line.
    open_fence: tuple[int, int]
    content: tuple[int, int]
    close_fence: tuple[int, int]
    data: dict[str, Any] = field(default_factory=dict)
    spans: dict[KeyPath, Span] = field(default_factory=dict)
    #: False when the block did not parse (a PL0xx finding says why); ``data`` is then empty.
    parsed: bool = True

    def span(self, *path: str | int) -> Span | None:
        """The span of a key path such as ``("tags", 2)``, or of its closest existing parent."""
        key: KeyPath = tuple(path)
        while key:
            found = self.spans.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return None

    def raw(self, key: str) -> str | None:
        """A top-level scalar exactly as written (without quotes)."""
        span = self.spans.get((key,))
        return span.raw if span else None


# --------------------------------------------------------------------------------------------------- YAML

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that keeps impossible timestamps (``0000-00-00``) as the string that was written."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError, AttributeError):  # AttributeError: `!!timestamp x`, no date at all
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

#: Nodes counted with aliases expanded; beyond this a block is an alias bomb and is not constructed.
MAX_EXPANDED_NODES = 20_000
#: Characters beyond which a block is counted even without aliases (100,000 keys took 7 s to check).
LONG_FRONT_MATTER = 20_000


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Size of the node graph with every alias expanded, memoised so a bomb is measured in linear time."""
    memo: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = memo.get(id(node))
        if known is not None:
            return known
        memo[id(node)] = limit + 1  # a cycle counts as too big
        total = 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                total += size(key) + size(value)
                if total > limit:
                    break
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item)
                if total > limit:
                    break
        memo[id(node)] = total
        return total

    return size(root)


def parse_yaml(
    text: str, start: int, fences: tuple[tuple[int, int], tuple[int, int], tuple[int, int]], nested: bool = True
) -> tuple[FrontMatter | None, list[LoadIssue]]:
    """Parse YAML front matter whose content starts at absolute offset ``start``. Without ``nested``, only
    the top-level keys get their places (what the site index reads of a file no finding points into)."""
    issues: list[LoadIssue] = []
    open_fence, content, close_fence = fences
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return FrontMatter("yaml", open_fence, content, close_fence), issues
        # Only aliases (`*name`) make the graph bigger than the text, and only a long text holds that many
        # values without them (real front matter is a few hundred characters): most blocks skip the count.
        aliases = "*" in text
        if (aliases or len(text) > LONG_FRONT_MATTER) and _expanded_size(node, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:
            how = " through aliases (an alias bomb?)" if aliases else ""
            issues.append(
                LoadIssue(
                    "front-matter-too-complex",
                    f"front matter expands to more than {MAX_EXPANDED_NODES:,} values{how}; it was not read",
                    start + node.start_mark.index,
                )
            )
            return None, issues
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = start + mark.index if mark is not None else open_fence[0]
        problem = error.problem or "invalid YAML"
        context = f" ({error.context})" if error.context else ""
        issues.append(LoadIssue("front-matter-syntax", f"YAML syntax error: {problem}{context}", where))
        return None, issues
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        issues.append(LoadIssue("front-matter-syntax", f"YAML error: {error}", open_fence[0]))
        return None, issues
    finally:
        loader.dispose()

    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        issues.append(
            LoadIssue(
                "front-matter-not-mapping",
                f"front matter must be a mapping of keys to values, found a {_yaml_kind(kind)}",
                start + node.start_mark.index,
            )
        )
        return None, issues

    front = FrontMatter("yaml", open_fence, content, close_fence, data={str(k): v for k, v in data.items()})
    _index_yaml(node, (), start, front.spans, issues, set(), nested)
    return front, issues


def _yaml_kind(python_type: str) -> str:
    return {"list": "list", "str": "string", "int": "number", "float": "number", "bool": "boolean"}.get(
        python_type, python_type
    )


def _index_yaml(
    node: yaml.Node,
    path: KeyPath,
    start: int,
    spans: dict[KeyPath, Span],
    issues: list[LoadIssue],
    seen: set[int],
    nested: bool = True,
) -> None:
    # Aliases share nodes: index each node once, under the first path that reaches it.
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = key_node.value
            if key in keys:
                issues.append(
                    LoadIssue(
                        "duplicate-key",
                        f"duplicate key '{'.'.join(map(str, (*path, key)))}': YAML keeps only the last value "
                        "and silently drops the earlier one",
                        start + key_node.start_mark.index,
                        start + key_node.end_mark.index,
                    )
                )
            keys.add(key)
            child = (*path, key)
            if child not in spans:
                spans[child] = Span(
                    start + key_node.start_mark.index,
                    start + key_node.end_mark.index,
                    start + value_node.start_mark.index,
                    start + value_node.end_mark.index,
                    value_node.value if isinstance(value_node, yaml.ScalarNode) else None,
                )
            if nested:
                _index_yaml(value_node, child, start, spans, issues, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            spans.setdefault(
                child,
                Span(
                    start + item.start_mark.index,
                    start + item.end_mark.index,
                    start + item.start_mark.index,
                    start + item.end_mark.index,
                    item.value if isinstance(item, yaml.ScalarNode) else None,
                ),
            )
            _index_yaml(item, child, start, spans, issues, seen)


# --------------------------------------------------------------------------------------------------- TOML

_TOO_DEEP = "front matter nests arrays or tables too deeply for the parser to read; it was not read"

_TOML_ERROR_POSITION = lazy_regex(r"\(at line (\d+), column (\d+)\)")
_TOML_TABLE = lazy_regex(r"^[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]\]?")
_TOML_KEY_PART = lazy_regex(r"[A-Za-z0-9_\-]+|\"[^\"\n]*\"|'[^'\n]*'")
# `key = ...`, `"quoted key" = ...` and dotted `a.b = ...` at the start of a line.
_TOML_KEY = lazy_regex(
    rf"^[ \t]*((?:{_TOML_KEY_PART.pattern})(?:[ \t]*\.[ \t]*(?:{_TOML_KEY_PART.pattern}))*)[ \t]*=[ \t]*"
)


def _toml_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _TOML_KEY_PART.findall(dotted))


def _toml_raw_value(rest: str) -> str:
    value = rest.strip()
    if value[:1] in "\"'":
        quote = value[0]
        end = value.find(quote, 1)
        return value[1:end] if end > 0 else value[1:]
    return value.split("#", 1)[0].strip()


def parse_toml(
    text: str, start: int, fences: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]
) -> tuple[FrontMatter | None, list[LoadIssue]]:
    """Parse TOML front matter whose content starts at absolute offset ``start``."""
    open_fence, content, close_fence = fences
    issues: list[LoadIssue] = []
    spans: dict[KeyPath, Span] = {}
    table: tuple[str | int, ...] = ()
    #: The arrays of tables met so far (``[[a.b]]``) and the index of their current element.
    arrays: dict[tuple[str | int, ...], int] = {}
    offset = start
    line_starts: list[int] = []
    for line in text.split("\n"):
        line_starts.append(offset)
        table_match = _TOML_TABLE.match(line)
        key_match = None if table_match else _TOML_KEY.match(line)
        if table_match:
            parts = _toml_parts(table_match.group(2))
            # Each `[[a.b]]` opens the next element of the array of tables `a.b`: its keys (and a `[a.b.c]`
            # below it) belong to that element, so the same key in two elements is no duplicate.
            table = ()
            for part in parts:
                table = (*table, part)
                if table in arrays and (len(table) < len(parts) or table_match.group(1) == "["):
                    table = (*table, arrays[table])
            if table_match.group(1) == "[[":
                index = arrays.get(table, -1) + 1
                arrays[table] = index
                table = (*table, index)
            else:
                begin = offset + table_match.start(2)
                spans.setdefault(table, Span(begin, begin + len(table_match.group(2)), begin, begin, None))
        elif key_match:
            path = (*table, *_toml_parts(key_match.group(1)))
            key_begin = offset + key_match.start(1)
            value_begin = offset + key_match.end()
            rest = line[key_match.end() :].rstrip("\r")
            span = Span(
                key_begin,
                offset + key_match.end(1),
                value_begin,
                value_begin + len(rest.rstrip()),
                _toml_raw_value(rest),
            )
            if path in spans:
                issues.append(
                    LoadIssue(
                        "duplicate-key",
                        f"duplicate key '{'.'.join(map(str, path))}': TOML forbids defining a key twice",
                        span.key_start,
                        span.key_end,
                    )
                )
            else:
                spans[path] = span
        offset += len(line) + 1
    try:
        data = tomllib.loads(text.replace("\r\n", "\n"))
    except RecursionError:  # tomllib recurses once per nested array or inline table: 1,000 `[` crashed the run
        issues.append(LoadIssue("front-matter-too-complex", _TOO_DEEP, start))
        return None, issues
    except tomllib.TOMLDecodeError as error:
        if issues:  # the duplicate key already explains why TOML refused the block
            return None, issues
        message = str(error)
        where = open_fence[0]
        found = _TOML_ERROR_POSITION.search(message)
        if found:
            row, column = int(found.group(1)), int(found.group(2))
            if 1 <= row <= len(line_starts):
                where = line_starts[row - 1] + column - 1
            message = message[: found.start()].strip()
        issues.append(LoadIssue("front-matter-syntax", f"TOML syntax error: {message}", where))
        return None, issues
    return FrontMatter("toml", open_fence, content, close_fence, data=data, spans=spans), issues


# --------------------------------------------------------------------------------------------------- JSON


def parse_json(text: str, start: int) -> tuple[FrontMatter | None, int, list[LoadIssue]]:
    """Parse Hugo's JSON front matter: an object at ``start`` (the ``{``) in ``text``, the whole post.

    Returns the front matter, the offset where the object ends, and issues.
    """
    import json

    issues: list[LoadIssue] = []
    decoder = json.JSONDecoder(object_pairs_hook=lambda pairs: pairs)
    try:
        pairs, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as error:
        issues.append(LoadIssue("front-matter-syntax", f"JSON syntax error: {error.msg}", error.pos))
        return None, len(text), issues
    except RecursionError:  # the decoder recurses once per nested array or object
        issues.append(LoadIssue("front-matter-too-complex", _TOO_DEEP, start))
        return None, len(text), issues
    if not isinstance(pairs, list):
        issues.append(LoadIssue("front-matter-not-mapping", "front matter must be a JSON object", start))
        return None, end, issues
    plain = json.JSONDecoder()
    spans: dict[KeyPath, Span] = {}
    data: dict[str, Any] = {}
    cursor = start + 1
    for key, _ in pairs:
        # The object's own keys appear in order at its top level: find each after the previous value.
        found = re.compile(r'"' + re.escape(json.dumps(key)[1:-1]) + r'"\s*:\s*').search(text, cursor, end)
        if found is None:
            continue
        value, value_end = plain.raw_decode(text, found.end())
        span = Span(
            found.start(),
            found.start() + len(json.dumps(key)),
            found.end(),
            value_end,
            value if isinstance(value, str) else None,
        )
        if key in data:
            issues.append(
                LoadIssue(
                    "duplicate-key",
                    f"duplicate key '{key}': JSON keeps only the last value and silently drops the earlier one",
                    span.key_start,
                    span.key_end,
                )
            )
        else:
            spans[(key,)] = span
        data[key] = value
        cursor = value_end
    fences = ((start, start + 1), (start, end), (end - 1, end))
    return FrontMatter("json", *fences, data=data, spans=spans), end, issues
