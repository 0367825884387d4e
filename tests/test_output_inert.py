"""Output stays inert in every format: hostile paths, messages and names, parsed back with real parsers.

A stranger's pull request writes the posts, their file names and their front matter; postlint's output
lands in CI logs (GitHub workflow commands), pull-request comments and job summaries (Markdown), terminals,
JUnit/SARIF/GitLab/JSON consumers and browsers. Each check below reads the output the way its consumer does:
the runner's workflow-command grammar, an XML parser, ``json.loads`` on strictly decoded UTF-8, markdown-it
rendering to HTML, an HTML parser, and a scan for characters a terminal would obey.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote_to_bytes
from xml.etree import ElementTree

import pytest
from conftest import SARIF_SCHEMA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from postlint.api import Severity
from postlint.core.results import Finding, RuleInfo, RunResult
from postlint.reporters import FORMATS, ReportOptions, get_reporter
from postlint.reporters._neutralise import (
    _FILLER,
    _UNSAFE,
    github_log_line,
    json_inert,
    json_text,
    markdown_code,
    markdown_text,
    terminal,
)
from postlint.reporters._stream import FORMAT_STYLES, CommandSafeWriter, neutralise

# --- hostile strings --------------------------------------------------------------------------------------

FRAGMENTS = [
    "\n",
    "\r",
    "\r\n",
    "\x1b[32m",
    "\x1b]8;;https://evil.example\x07",
    "\x00",
    "\x7f",
    "\x85",
    "\t",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\U000e0041",
    "\ufe0f",
    "\u3164",
    "\udcff",
    "\udc80",
    "\ud800",
    "%",
    "%0A",
    "%25",
    "%3A",
    "%2C",
    "::",
    ":",
    ",",
    "=",
    "::error file=README.md,line=1::Fake",
    "::add-mask::abc",
    "::stop-commands::tok",
    "##[error]x",
    "##[",
    "##\ufe0f[error]x",
    " ::warning::x",
    "\u00a0::notice::x",
    "<img src=https://evil.example/t.png>",
    "<script>alert(1)</script>",
    "<!-- hidden",
    "-->",
    "<b>",
    "[click](https://evil.example)",
    "![i](https://evil.example/i.png)",
    "<https://evil.example>",
    "https://evil.example",
    "www.evil.example",
    "a@evil.example",
    "@someone",
    "@org/team",
    "(@x)",
    "#12",
    "GH-12",
    "owner/repo#3",
    "&#64;x",
    "&lt;img&gt;",
    "&#x202e;",
    "`",
    "``",
    "```",
    "|",
    "\\",
    "\\|",
    "*",
    "_",
    "~~",
    "$x$",
    "[^1]",
    "> ",
    "# ",
    "- ",
    "1. ",
    "    ",
    "---",
    "All checks passed",
    "ok",
]
hostile = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(alphabet=st.characters(exclude_categories=()), max_size=4),
        st.text(alphabet="abz09 .-_/", min_size=1, max_size=6),
    ),
    max_size=8,
).map("".join)
hostile_path = st.builds(lambda a, b: f"_posts/{a}{b}.md", hostile, hostile)

SEVERITIES = [Severity.ERROR, Severity.WARNING, Severity.INFO]


@st.composite
def runs(draw: st.DrawFn) -> RunResult:
    paths = draw(st.lists(hostile_path, min_size=1, max_size=3))
    # Up to 14 findings of one severity: past GitHub's 10 annotations a kind, as the issue's reproducer.
    count = draw(st.integers(min_value=1, max_value=14))
    findings = []
    for number in range(count):
        line = draw(st.integers(min_value=1, max_value=9))
        findings.append(
            Finding(
                path=draw(st.sampled_from(paths)),
                line=line,
                column=draw(st.integers(min_value=1, max_value=9)),
                end_line=line,
                end_column=10,
                code=draw(st.sampled_from(["PL104", "PL601", "PL999"])),
                name=draw(st.one_of(st.just("front-matter-key-typo"), hostile)),
                severity=draw(st.sampled_from(SEVERITIES)) if number % 2 else Severity.WARNING,
                message=draw(hostile),
            )
        )
    rules = [RuleInfo("PL104", "front-matter-key-typo", Severity.WARNING, "Unknown key.", False, "## What it does")]
    hosts = {path: draw(hostile) for path in paths}
    return RunResult(findings, len(paths), rules, Severity.WARNING, source_hosts=hosts)


def render(name: str, result: RunResult, options: ReportOptions | None = None) -> str:
    """The report as the CLI writes it: through the stream guard every output goes through."""
    buffer = io.StringIO()
    get_reporter(name)(result, CommandSafeWriter(buffer, FORMAT_STYLES.get(name, "text")), options or ReportOptions())
    text = buffer.getvalue()
    text.encode("utf-8")  # strict: every format is valid UTF-8 (no lone surrogate is written)
    return text


def obeyed_characters(text: str, allowed: str = "\n") -> set[str]:
    """Characters a terminal, log viewer or browser would act on or hide instead of showing."""
    return {
        char for char in text if char not in allowed and (unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Cs"})
    }


# --- the GitHub runner's reading of a log (actions/runner ActionCommand.TryParseV2 / TryParse) --------------


def runner_lines(text: str) -> list[str]:
    """Lines as the runner reads the step's output (.NET ReadLine: CR, LF and CRLF each end a line)."""
    return re.split(r"\r\n|\r|\n", text.removesuffix("\n"))


def _unescape(text: str, pairs: list[tuple[str, str]]) -> str:
    for escaped, char in pairs:
        text = text.replace(escaped, char)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str] | None:
    """A ``::name k=v,...::data`` command as the runner parses it, or None for plain log text."""
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    name, _, properties_text = message[2:end].partition(" ")
    properties = {}
    for pair in properties_text.strip().split(","):
        key, _, value = pair.partition("=")
        if key and value:
            properties[key] = _unescape(value, [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")])
    return name, properties, _unescape(message[end + 2 :], [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")])


def v1_command(line: str) -> bool:
    """The older ``##[name ...]data`` syntax, recognised anywhere in a line that is not a ``::`` command."""
    start = line.find("##[")
    return start >= 0 and line.find("]", start) >= 0


def _ignorable(char: str) -> bool:
    """What .NET's culture-sensitive comparison may skip, or TrimStart() removes (generously: every control,
    format character, mark, separator, unassigned code point and default-ignorable filler)."""
    return char.isspace() or unicodedata.category(char)[0] in "CMZ" or char in "\u115f\u1160\u3164\uffa0"


def _squeeze(line: str) -> str:
    return "".join(char for char in line if not _ignorable(char))


def runner_obeys(line: str) -> bool:
    """Whether the runner could read ``line`` as a workflow command in either syntax, with every character
    its culture-sensitive StartsWith/IndexOf might skip (or TrimStart remove) left out."""
    seen = _squeeze(line)
    return seen.startswith("::") or "##[" in seen


def forged_lines(text: str) -> list[str]:
    """The lines of ``text`` the runner would obey."""
    return [line for line in runner_lines(text) if runner_obeys(line)]


def in_line(text: str) -> str:
    """``text`` as shown inside a line: terminal escapes, and the bracket of a ``##[`` escaped."""
    return neutralise(terminal(text), line_start=False)


def check_github(result: RunResult, text: str) -> None:
    options = ReportOptions()
    lines = runner_lines(text)
    shown: dict[Severity, int] = {}
    commands = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    position = 0
    for finding in result.findings:
        line = lines[position]
        position += 1
        assert not obeyed_characters(line, allowed=""), line
        shown[finding.severity] = shown.get(finding.severity, 0) + 1
        parsed = parse_command(line)
        if shown[finding.severity] <= 10:
            assert parsed is not None, line
            name, properties, data = parsed
            assert name == commands[finding.severity]
            assert properties == {
                "file": in_line(options.repository_path(finding.path)),
                "line": str(finding.line),
                "col": str(finding.column),
                "endLine": str(finding.end_line),
                "endColumn": str(finding.end_column),
                # The runner trims the properties, so white space ending the last one is lost (harmlessly).
                "title": in_line(f"{finding.code} {finding.name}").rstrip(),
            }
            assert data == in_line(finding.message)
            assert "##[" not in _squeeze(line)  # not even inside postlint's own commands
        else:  # plain log text: never a command in either syntax, whatever the post held
            assert parsed is None and not v1_command(line), line
            assert not line.lstrip().startswith("::")
    rest = lines[position:]
    assert len(rest) <= 1
    for line in rest:  # postlint's own "only 10 annotations" notice
        parsed = parse_command(line)
        assert parsed is not None and parsed[0] == "notice" and parsed[1] == {"title": "postlint"}


# --- Markdown as GitHub shows it --------------------------------------------------------------------------


def markdown_renderer() -> MarkdownIt:
    # CommonMark with raw HTML on (as GitHub), GFM tables and strikethrough, and linkify for bare URLs and
    # e-mail addresses (GitHub links those; it does not link bare domain names, hence no fuzzy links).
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify", "strikethrough"])
    md.linkify.set({"fuzzy_link": False})
    return md


MARKDOWN = markdown_renderer()
OUR_TAGS = {"h2", "p", "strong", "table", "thead", "tbody", "tr", "th", "td", "code"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def check_markdown(result: RunResult, text: str, limit: int | None = 200) -> None:
    page = MARKDOWN.render(text)
    tags = Tags()
    tags.feed(page)
    assert set(tags.tags) <= OUR_TAGS, set(tags.tags) - OUR_TAGS
    assert not tags.comments
    outside_code = re.sub(r"<code>.*?</code>", "", page, flags=re.S)
    # GitHub links @mentions, #references, URLs and e-mail addresses found in text after rendering.
    assert not re.search(r"@\w|#\d|://|www\.", text_of(outside_code), re.I), outside_code
    tables = re.findall(r"<table>.*?</table>", page, flags=re.S)
    assert len(tables) == 2
    rows = re.findall(r"<tr>(.*?)</tr>", tables[1], flags=re.S)
    shown = result.findings if limit is None else result.findings[:limit]
    assert len(rows) == len(shown) + 1  # the header, then one row a finding: none swallowed or added
    for row, finding in zip(rows[1:], shown, strict=True):
        cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
        assert len(cells) == 3
        # Every cell reads as the (terminal-shown) text itself: escaping is invisible once rendered.
        # (A "##[" shows its bracket as \x5b where Markdown has no escape of its own, in code spans.)
        unbracket = lambda text: text.replace("\\x5b", "[").strip()  # noqa: E731
        assert unbracket(text_of(cells[0])) == unbracket(terminal(f"{finding.path}:{finding.line}:{finding.column}"))
        assert unbracket(text_of(cells[2])) == unbracket(terminal(finding.message))
    assert not obeyed_characters(text)


# --- the property --------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs())
def test_every_reporter_keeps_hostile_text_inert(result: RunResult) -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "github", "junit", "gitlab", "markdown", "html"}

    for name in FORMATS:  # no line of any format is a command, but the github format's own annotations
        forged = forged_lines(render(name, result, ReportOptions(statistics=True)))
        assert all(name == "github" and parse_command(line) is not None for line in forged), (name, forged)

    assert not obeyed_characters(render("text", result, ReportOptions(statistics=True)))
    text = render("text", result, ReportOptions())
    assert not obeyed_characters(text)
    finding_lines = text.split("\n")[: len(result.findings)]
    for line, finding in zip(finding_lines, result.findings, strict=True):
        assert line.startswith(neutralise(f"{terminal(finding.path)}:{finding.line}:{finding.column}: "))
        assert neutralise(terminal(finding.message), line_start=False) in line
    assert "\nAll checks passed" not in text

    check_github(result, render("github", result))
    check_markdown(result, render("markdown", result))

    root = ElementTree.fromstring(render("junit", result).encode("utf-8"))
    failures = [case.find("failure") for case in root.iter("testcase")]
    files = list(dict.fromkeys(f.path for f in result.findings))  # one suite a file, in order of appearance
    by_file = sorted(result.findings, key=lambda f: files.index(f.path))
    assert [f.get("message") for f in failures if f is not None] == [terminal(f.message) for f in by_file]
    assert [s.get("name") for s in root.iter("testsuite")] == [terminal(path) for path in files]
    assert not obeyed_characters(ElementTree.tostring(root, encoding="unicode"))

    document = json.loads(render("json", result).encode("utf-8").decode("utf-8", "strict"))
    assert [f["message"] for f in document["findings"]] == [json_text(f.message) for f in result.findings]
    assert [f["path"] for f in document["findings"]] == [json_text(f.path) for f in result.findings]

    issues = json.loads(render("gitlab", result))
    assert [i["description"] for i in issues] == [terminal(f"{f.code} {f.message} [{f.name}]") for f in result.findings]

    sarif = json.loads(render("sarif", result))
    results = sarif["runs"][0]["results"]
    assert [r["message"]["text"] for r in results] == [terminal(f"{f.message} [{f.name}]") for f in result.findings]
    for sarif_result, finding in zip(results, result.findings, strict=True):
        uri = sarif_result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert re.fullmatch(r"[A-Za-z0-9/._~%-]*", uri), uri
        path = ReportOptions().repository_path(finding.path)
        if not re.search("[\ud800-\udc7f\udd00-\udfff]", path):  # a byte each: exactly the file name
            assert unquote_to_bytes(uri) == path.encode("utf-8", "surrogateescape")

    check_html_report(result, render("html", result))


def check_html_report(result: RunResult, page: str) -> None:
    tags = Tags()
    tags.feed(page)
    report_tags = {"html", "head", "meta", "title", "style", "body", "h1", "p", "div", "b", "h2", "svg", "a",
                   "text", "rect", "table", "thead", "tr", "th", "tbody", "td", "code", "label", "select",
                   "option", "span", "details", "summary", "pre", "script", "input", "datalist", "button",
                   "noscript"}  # fmt: skip
    assert set(tags.tags) <= report_tags, set(tags.tags) - report_tags
    assert tags.tags.count("script") == 2 and not tags.comments  # the findings' JSON and the page's script
    assert not obeyed_characters(page)
    # The findings travel as JSON in a <script> element: nothing in it may end the element or open markup.
    [payload] = re.findall(r'<script type="application/json" id="findings-data">(.*?)</script>', page, re.S)
    assert "<" not in payload
    data = json.loads(payload)
    assert [row[7] for row in data["findings"]] == [terminal(f.message) for f in result.findings]
    assert all(not _UNSAFE.search(path) for path in data["paths"])
    # Server-side tables (worst files, folders, source hosts) show each path as escaped text.
    for row in re.findall(r"<tr><td>(.*?)</td><td class=n>", page, flags=re.S):
        assert "<img" not in row and not obeyed_characters(text_of(row))


# --- the sinks, one by one ---------------------------------------------------------------------------

# Default_Ignorable_Code_Point, from DerivedCoreProperties.txt (Unicode 15.1), range by range.
_DI_RANGES = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
]  # fmt: skip
DEFAULT_IGNORABLE = [point for first, last in _DI_RANGES for point in range(first, last + 1)]


def test_json_escapes_exactly_the_unsafe_characters_past_the_c0_controls() -> None:
    """json_inert scans for a wider class (every character past U+FFFF, then checked): what it escapes is
    exactly what _UNSAFE names, as JSON escapes (a surrogate pair past U+FFFF), and nothing else changes."""
    points = [point for point in range(0x20, 0x110000) if not 0xD800 <= point <= 0xDFFF]
    text = "".join(map(chr, points))
    expected = []
    for point in points:
        if not _UNSAFE.match(chr(point)):
            expected.append(chr(point))
        elif point <= 0xFFFF:
            expected.append(f"\\u{point:04x}")
        else:
            low = point - 0x10000
            expected.append(f"\\u{0xD800 + (low >> 10):04x}\\u{0xDC00 + (low & 0x3FF):04x}")
    assert json_inert(text) == "".join(expected)
    assert json_inert("\ud800x\udfff") == "\\ud800x\\udfff"  # (lone surrogates, as json_safe leaves none)
    assert json.loads(json_inert(json.dumps({"k": "a\u200bb\U000e0041c😀"}, ensure_ascii=False))) == {
        "k": "a\u200bb\U000e0041c😀"
    }


def test_terminal_escapes_cover_every_invisible_category() -> None:
    """Every control, format, separator and surrogate code point of this Python's Unicode is escaped."""
    missed = [
        hex(point)
        for point in range(0x110000)
        if unicodedata.category(chr(point)) in {"Cc", "Cf", "Zl", "Zp", "Cs"} and not _UNSAFE.match(chr(point))
    ]
    assert missed == []
    # terminal() skips the full check for printable text: what it escapes must be unprintable or a filler.
    printable = [point for point in range(0x110000) if _UNSAFE.match(chr(point)) and chr(point).isprintable()]
    assert printable == [point for point in range(0x110000) if _FILLER.match(chr(point))]
    # Every Default_Ignorable_Code_Point (Unicode 15.1 DerivedCoreProperties.txt), and U+2800, shows.
    missed = [hex(point) for point in [*DEFAULT_IGNORABLE, 0x2800] if not _UNSAFE.match(chr(point))]
    assert missed == []
    for point in [*DEFAULT_IGNORABLE, 0x2800]:
        shown = terminal(f"abc{chr(point)} de.md")
        assert shown == f"abc\\{'u' if point <= 0xFFFF else 'U'}{point:0{4 if point <= 0xFFFF else 8}x} de.md"
    assert terminal("a\x1b[32mb\u202ec\udcffd\ud800e\x85f\tg\n") == "a\\x1b[32mb\\u202ec\\xffd\\ud800e\\u0085f\\tg\\n"
    assert terminal("文件.jpg café ❤ 日本") == "文件.jpg café ❤ 日本"  # ordinary text stays as it is


def test_markdown_reads_naturally_and_stays_inert() -> None:
    assert markdown_text("unknown key 'auther': did you mean 'author'?") == (
        "unknown key 'auther': did you mean 'author'?"
    )
    assert markdown_text("feature_image <img src=x> @someone") == "feature_image \\<img src=x> `@someone`"
    assert markdown_text("[click](https://evil.example)") == "`[click](https://evil.example)`"
    assert markdown_text("x\r<!-- hidden") == "x\\\\r\\<!-- hidden"  # renders as x\r<!-- hidden, as text
    assert markdown_code("a`b|c") == "``a`b\\|c``"
    assert markdown_code("`x") == "`` `x ``"


def test_github_plain_line_is_never_a_command() -> None:
    assert github_log_line("::error::x") == ":\\x3aerror::x"
    assert github_log_line(" \u00a0::add-mask::abc") == " \u00a0:\\x3aadd-mask::abc"
    assert github_log_line(":root { }") == ":root { }"  # one colon starts no command
    assert github_log_line("a ##[error]b") == "a ##\\x5berror]b"
    assert github_log_line("_posts/p9.md:3:1: PL104 x") == "_posts/p9.md:3:1: PL104 x"


# --- the command line, end to end, with a real hostile post ---------------------------------------------

# Two front-matter values that rules quote in their messages (PL601 and PL201 clip them at about 80
# characters, so each carries part of the attack).
FROM_VALUE = "x\\n::error file=README.md,line=1::Fake\\n::add-mask::abc\\r<!-- hidden %0A"
DATE_VALUE = (
    "\\e[32mAll checks passed\\e[8m\\u202e ##[error]y <img src=https://evil.example/t.png> "
    "@someone [click](https://evil.example)"
)


def hostile_site(root: Path, count: int = 12) -> list[bytes]:
    """``count`` posts whose names and front matter are hostile; one name is not UTF-8 (on Linux)."""
    posts = root / "_posts"
    posts.mkdir()
    names = [f"{n:02d}-`a`|@x<b>\u202e\x1b[2J%0A::e".encode() + b".md" for n in range(count)]
    names[0] = b"00-\xff\xfe\x1b]0;title\x07.md"  # not UTF-8: Python reads it with surrogate escapes
    names[1] = b"01-new\nline::error::x.md"
    text = f'---\ntitle: t\nfrom: "{FROM_VALUE}"\ndate: "{DATE_VALUE}"\n---\nBody\n'.encode()
    for name in names:
        with open(os.path.join(os.fsencode(posts), name), "wb") as handle:
            handle.write(text)
    return names


def run_check(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "postlint", "check", "_posts", "--no-cache", "--now", "2026-01-01T00:00:00Z", *args],
        cwd=root,
        capture_output=True,
        timeout=300,
    )


needs_bytes_names = pytest.mark.skipif(
    sys.platform != "linux", reason="only Linux file systems take any bytes (and newlines) in a file name"
)


@needs_bytes_names
def test_cli_output_of_a_hostile_site_parses_in_every_format(tmp_path: Path) -> None:
    hostile_site(tmp_path)
    outputs: dict[str, str] = {}
    for name in FORMATS:
        if name == "html":
            continue
        completed = run_check(tmp_path, "--format", name)
        assert completed.returncode == 1, completed.stderr
        assert completed.stderr == b""
        outputs[name] = completed.stdout.decode("utf-8", "strict")  # valid UTF-8, whatever the file names

    text = outputs["text"]
    assert not obeyed_characters(text)
    assert "\\xff\\xfe\\x1b]0;title\\x07.md:3:7: PL601" in text  # the undecodable bytes read as \xNN
    # "##[error]" is shown, its bracket escaped, so the runner reads no command in it
    assert "'\\x1b[32mAll checks passed\\x1b[8m\\u202e ##\\x5berror]y <img" in text
    assert forged_lines(text) == []
    assert text.endswith("\nFound 24 problems (12 errors, 12 warnings) in 12 files; 12 files checked.\n")
    assert text.count("\n") == 24 + 2
    lines = runner_lines(outputs["github"])
    assert len(lines) == 25  # 24 findings (10 errors and 10 warnings annotated, 4 plain) and one notice
    commands = [parse_command(line) for line in lines]
    names = [c[0] for c in commands if c is not None]
    assert (names.count("error"), names.count("warning"), names[-1], len(names)) == (10, 10, "notice", 21)
    assert not any(v1_command(line) for line, c in zip(lines, commands, strict=True) if c is None)
    assert commands[0] is not None and commands[0][1]["file"] == "_posts/00-\\xff\\xfe\\x1b]0;title\\x07.md"
    assert all(not line.lstrip().startswith("::") for line, c in zip(lines, commands, strict=True) if c is None)

    markdown = MARKDOWN.render(outputs["markdown"])
    assert "<img" not in markdown and "<a " not in markdown and "<!--" not in markdown
    assert markdown.count("<tr>") == 1 + 2 + 1 + 24  # rule table (header, 2 rules), then header and 24 findings
    assert not re.search(r"@\w", text_of(re.sub(r"<code>.*?</code>", "", markdown, flags=re.S)))

    root = ElementTree.fromstring(outputs["junit"].encode("utf-8"))
    assert root.get("failures") == "24" and len(root.findall("testsuite")) == 12

    document = json.loads(outputs["json"])
    assert document["summary"]["total"] == 24
    assert sorted({f["path"] for f in document["findings"]})[0] == "_posts/00-\\xff\\xfe\x1b]0;title\x07.md"
    assert any("\n::error file=README.md" in f["message"] for f in document["findings"])  # exact in JSON

    assert len(json.loads(outputs["gitlab"])) == 24
    sarif = json.loads(outputs["sarif"])
    if SARIF_SCHEMA.is_file():
        import jsonschema

        jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert "_posts/00-%FF%FE%1B%5D0%3Btitle%07.md" in uris  # the real bytes of the name, percent-encoded


@needs_bytes_names
def test_cli_github_summary_and_html_report_of_a_hostile_site(tmp_path: Path) -> None:
    hostile_site(tmp_path)
    summary = tmp_path / "summary.md"
    completed = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "_posts", "--no-cache", "--format", "github"],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert completed.returncode == 1, completed.stderr
    page = MARKDOWN.render(summary.read_text(encoding="utf-8"))
    assert "<img" not in page and "<a " not in page and "<!--" not in page
    assert page.count("<tr>") == 1 + 2 + 1 + 24

    completed = subprocess.run(
        [sys.executable, "-m", "postlint", "report", "_posts", "--no-cache", "-o", "report.html"],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    report = (tmp_path / "report.html").read_bytes().decode("utf-8", "strict")
    tags = Tags()
    tags.feed(report)
    assert "img" not in tags.tags and tags.tags.count("script") == 2
    assert not obeyed_characters(report)
    assert "00-\\xff\\xfe\\x1b]0;title\\x07.md" in report  # the undecodable bytes read as \xNN
    assert "\n## What it does\n" in report  # rule docs keep their lines in <pre>


def test_cli_text_cannot_fake_a_clean_run(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    fake = "\\e[2K\\rAll checks passed (1 file checked).\\e[8m"
    (tmp_path / "_posts" / "p.md").write_text(f'---\ntitle: t\nfrom: "{fake}"\n---\nBody\n', encoding="utf-8")
    completed = run_check(tmp_path)
    assert completed.returncode == 1
    out = completed.stdout.decode("utf-8", "strict")
    assert out == (
        "_posts/p.md:3:7: PL601 source URL in 'from' '\\x1b[2K\\rAll checks passed (1 file checked).\\x1b[8m' "
        "has no scheme (http:// or https://) [source-url-invalid]\n"
        "\nFound 1 problem (1 warning) in 1 file; 1 file checked.\n"
    )


def test_cli_messages_of_its_own_show_what_a_repository_wrote(tmp_path: Path) -> None:
    """A config error quotes the key a repository wrote; explain shows a binary example; neither is obeyed."""
    (tmp_path / "_posts").mkdir()
    (tmp_path / ".postlint.toml").write_text('"\\u001b[31mred\\u202e" = 1\n', encoding="utf-8")
    completed = run_check(tmp_path)
    assert completed.returncode == 2
    assert completed.stderr.decode("utf-8", "strict").endswith("/.postlint.toml: \\x1b[31mred\\u202e: unknown key\n")

    completed = subprocess.run(
        [sys.executable, "-m", "postlint", "explain", "file-binary"], capture_output=True, timeout=300
    )
    assert completed.returncode == 0
    out = completed.stdout.decode("utf-8", "strict")
    assert "\\x00" in out and not obeyed_characters(out, allowed="\n\t")


def test_reports_are_utf8_whatever_the_locale_and_text_never_fails_on_a_character(tmp_path: Path) -> None:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "a.md").write_text('---\ntitle: t\n---\n<img src="a.jpg" alt="文件.jpg">\n', "utf-8")
    for encoding, output_format, shown in [
        ("latin-1", "json", "'文件.jpg'"),
        ("ascii", "text", "'\\u6587\\u4ef6.jpg'"),
    ]:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "postlint",
                "check",
                "_posts",
                "--no-cache",
                "--select",
                "PL307",
                "--format",
                output_format,
            ],
            cwd=tmp_path,
            capture_output=True,
            timeout=300,
            env={**os.environ, "PYTHONIOENCODING": encoding},
        )
        assert (completed.returncode, completed.stderr) == (1, b"")
        assert shown in completed.stdout.decode("utf-8", "strict")


@needs_bytes_names
def test_cli_with_the_findings_cache_on_reports_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    hostile_site(site, count=2)
    runs = [
        subprocess.run(
            [sys.executable, "-m", "postlint", "check", "_posts", "--format", "sarif", "--cache-dir", "../cache"],
            cwd=site,
            capture_output=True,
            timeout=300,
        )
        for _ in range(2)  # the first run writes the cache, the second reads it
    ]
    assert [r.returncode for r in runs] == [1, 1] and runs[0].stdout == runs[1].stdout, runs[1].stderr
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(runs[1].stdout.decode("utf-8", "strict"))["runs"][0]["results"]
    }
    assert "_posts/00-%FF%FE%1B%5D0%3Btitle%07.md" in uris
