"""Read one file into a :class:`Post`: decoded text, front matter with positions, and the body.

Reading never raises for a bad file: every problem becomes a :class:`LoadIssue` that a PL0xx rule reports,
and the post carries as much as could be read so the other rules still run where they make sense.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from postlint.reading.frontmatter import FrontMatter, parse_json, parse_toml, parse_yaml
from postlint.reading.html import Attribute, HtmlBody, parse_html
from postlint.reading.issues import LoadIssue
from postlint.reading.kramdown import attribute_lists
from postlint.reading.markdown import MarkdownBody, RawHtml, code_regions, parse_markdown
from postlint.reading.memo import PostMemo
from postlint.reading.sitefacts import UNKNOWN, SiteFacts
from postlint.reading.source import SourceText
from postlint.reading.templates import liquid_off, neutral_templates, runs_templates

#: File name endings that Jekyll and Hugo pass through as HTML (no Markdown conversion).
HTML_SUFFIXES = frozenset((".html", ".htm", ".xhtml"))

_BLANK = re.compile(r"[ \t\r]*")


class Post:
    """One post file as the rules see it. Parsing of the body (HTML tree, Markdown) happens once, on demand."""

    def __init__(
        self,
        path: str,
        fs_path: Path | None = None,
        text: str | None = None,
        *,
        has_bom: bool = False,
        front_matter: FrontMatter | None = None,
        body_start: int = 0,
        load_issues: list[LoadIssue] | None = None,
        position_text: str | None = None,
        site: SiteFacts = UNKNOWN,
    ) -> None:
        self.path = path
        self.fs_path = fs_path if fs_path is not None else Path(path)
        self.text = text
        self.has_bom = has_bom
        self.front_matter = front_matter
        self.body_start = body_start
        self.load_issues: list[LoadIssue] = load_issues or []
        #: How the site's generator reads the post (what counts as code in its body).
        self.site = site
        # Undecodable files still get positions (from a lossy decoding) so findings point at the bad byte.
        self.source = SourceText(text if text is not None else position_text or "")
        #: Results shared between rules for this post (computed once, e.g. schema validation).
        self.memo = PostMemo()
        self._body: tuple[int, str] | None = None

    # ------------------------------------------------------------------------------------------ basics
    @property
    def readable(self) -> bool:
        """Whether the file decoded to text (rules that read the body need this)."""
        return self.text is not None

    @property
    def body(self) -> str:
        """The text after the front matter (sliced once: a dozen rules read it)."""
        if self._body is None or self._body[0] != self.body_start:
            self._body = (self.body_start, "" if self.text is None else self.text[self.body_start :])
        return self._body[1]

    @property
    def is_markdown(self) -> bool:
        """Markdown unless the file name ends in ``.html``/``.htm``, which Jekyll and Hugo leave as HTML."""
        return self.fs_path.suffix.lower() not in HTML_SUFFIXES

    @property
    def data(self) -> dict[str, object]:
        """The front-matter mapping (empty when there is none or it did not parse)."""
        return self.front_matter.data if self.front_matter is not None else {}

    def position(self, offset: int) -> tuple[int, int]:
        return self.source.position(offset)

    # ------------------------------------------------------------------------------------------ parsed views
    @cached_property
    def code_regions(self) -> list[tuple[int, int]]:
        """Relative regions of the body that are Markdown code (empty for HTML posts)."""
        if not self.is_markdown:
            return []
        code_tags = self.site.code_tags
        if code_tags and liquid_off(self.data, self.site.generator):
            code_tags = ()  # `{% comment %}` is text the page shows, and what it seemed to hide is live
        # kramdown's reading (block elements raw past blank lines, unclosed fences as text) for Jekyll sites only:
        # with no generator known, posts are read as CommonMark, as before.
        kramdown = self.site.generator == "jekyll"
        return code_regions(self.body, code_tags, self.site.shortcodes, html_blocks=True, kramdown=kramdown)

    @cached_property
    def html(self) -> HtmlBody:
        """The body's HTML as an lxml tree with positions (Markdown code, and any ``<`` that Markdown shows
        as text, is not markup)."""
        try:
            body = self.body
            if runs_templates(self.data, self.site.generator):
                # Liquid runs first: template tags inside a start tag are opaque (`href="{{ "x" | url }}"`)
                body = neutral_templates(body)
            raw_html = RawHtml(body, kramdown=self.site.generator == "jekyll") if self.is_markdown else None
            return parse_html(body, self.body_start, self.code_regions, raw_html)
        except Exception as error:  # the parser is meant to accept anything; if not, say so once, run on
            self.load_issues.append(
                LoadIssue(
                    "body-unparsed",
                    f"the body's HTML could not be parsed ({error}); body rules saw an empty body",
                    self.body_start,
                )
            )
            return parse_html("", self.body_start)

    @cached_property
    def attribute_lists(self) -> list[Attribute]:
        """HTML attributes that kramdown attribute lists set (``![x](/p.png){: onerror="..."}``), for sites
        whose Markdown may be kramdown's (Jekyll, or an unknown generator); absolute offsets."""
        if not self.is_markdown or self.site.generator not in ("jekyll", "unknown"):
            return []
        return attribute_lists(self.body, self.body_start, self.code_regions)

    @cached_property
    def markdown(self) -> MarkdownBody:
        """Markdown images and links (none for HTML posts)."""
        if not self.is_markdown:
            return MarkdownBody([], [])
        # The body begins at a line start, so its line index is the file's, shifted: no second scan.
        base = self.body_start
        starts = [start - base for start in self.source.line_starts if start >= base]
        kramdown = self.site.generator == "jekyll"
        # Footnotes: kramdown (Jekyll), Goldmark (Hugo), pulldown-cmark (Zola); Eleventy's markdown-it has none
        # unless a plugin adds them, so there `[^1]: text` is a link reference definition, as CommonMark reads it.
        footnotes = self.site.generator != "eleventy"
        return parse_markdown(self.body, base, starts or [0], self.code_regions, kramdown, footnotes)


def read_post(fs_path: Path, display_path: str, max_bytes: int, site: SiteFacts = UNKNOWN) -> Post:
    """Read ``fs_path``; problems become load issues on the returned post, never exceptions."""
    data, failed = read_bytes(fs_path, display_path, max_bytes)
    if failed is not None:
        return failed
    assert data is not None
    return parse_post(data, display_path, fs_path, max_bytes, site)


def read_bytes(fs_path: Path, display_path: str, max_bytes: int) -> tuple[bytes | None, Post | None]:
    """The file's bytes, or a post that carries why they could not be read."""
    try:
        info = os.stat(fs_path)
    except OSError as error:
        return None, Post(
            display_path, fs_path, load_issues=[LoadIssue("unreadable", f"cannot read file: {_reason(error)}")]
        )
    if not stat.S_ISREG(info.st_mode):
        kind = _file_kind(info.st_mode)
        return None, Post(
            display_path, fs_path, load_issues=[LoadIssue("not-regular-file", f"not a regular file ({kind})")]
        )
    if info.st_size > max_bytes:
        return None, Post(
            display_path,
            fs_path,
            load_issues=[
                LoadIssue(
                    "too-large",
                    f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                    "(max-file-size); it was not linted",
                )
            ],
        )
    try:
        # O_NONBLOCK: a file swapped for a FIFO after stat() must not hang the run.
        descriptor = os.open(fs_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb", buffering=0) as handle:
            data = _read_up_to(handle, max_bytes + 1, info.st_size)
    except OSError as error:
        return None, Post(
            display_path, fs_path, load_issues=[LoadIssue("unreadable", f"cannot read file: {_reason(error)}")]
        )
    return data, None


def _read_up_to(handle: BinaryIO, limit: int, size: int) -> bytes:
    """At most ``limit`` bytes of the open file, to its end. The first read asks for the size ``stat`` gave
    and one byte more (a file that grew since is read on, up to ``limit``): one read of ``limit`` bytes
    would allocate the whole limit (5 MB by default) for every file of an archive."""
    chunk = handle.read(min(size + 1, limit))
    if not chunk:
        return b""
    chunks = [chunk]
    total = len(chunk)
    while total < limit:
        chunk = handle.read(min(max(size + 1 - total, 65536), limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def parse_post(
    data: bytes,
    display_path: str,
    fs_path: Path | None = None,
    max_bytes: int = 10**9,
    site: SiteFacts = UNKNOWN,
    nested_places: bool = True,
) -> Post:
    """Turn a file's bytes into a :class:`Post` (the pure part of reading, used by tests too), read the way
    the site's generator (``site``) reads it: its front-matter fences, what counts as code. Without
    ``nested_places``, only the front matter's top-level keys get their places (a file read for the site
    index's facts, which no finding points into)."""
    if len(data) > max_bytes:
        return Post(
            display_path,
            fs_path,
            load_issues=[
                LoadIssue("too-large", f"file is over the {max_bytes:,}-byte limit (max-file-size); it was not linted")
            ],
        )
    if b"\x00" in data:  # UTF-16 text has a NUL in every other byte, so it lands here too
        at = data.find(b"\x00")
        return Post(
            display_path,
            fs_path,
            load_issues=[LoadIssue("binary", f"file looks binary (NUL byte at byte offset {at}); it was not linted")],
        )
    has_bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3:].decode("utf-8") if has_bom else data.decode("utf-8")
    except UnicodeDecodeError as error:
        payload = data[3:] if has_bom else data
        offset = error.start + (3 if has_bom else 0)
        snippet = payload[error.start : error.start + 4].hex(" ")
        lossy = payload.decode("utf-8", errors="replace")
        at = len(payload[: error.start].decode("utf-8", errors="replace"))
        return Post(
            display_path,
            fs_path,
            position_text=lossy,
            load_issues=[
                LoadIssue(
                    "not-utf8",
                    f"file is not valid UTF-8: invalid byte sequence at byte offset {offset} ({snippet}); "
                    "it was not linted",
                    at,
                    at + 1,
                )
            ],
        )
    post = Post(display_path, fs_path, text, has_bom=has_bom, site=site)
    if not text.strip():
        post.load_issues.append(LoadIssue("empty", "file is empty" if not text else "file holds only white space"))
        post.body_start = len(text)
        return post
    _split_front_matter(post, text, nested_places)
    return post


def _split_front_matter(post: Post, text: str, nested_places: bool = True) -> None:
    position = 0
    length = len(text)
    # Find the first line that is not blank.
    while position < length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        if not _BLANK.fullmatch(text, position, line_end):
            break
        position = line_end + 1
    first_line_start = position
    newline = text.find("\n", first_line_start)
    first_line_end = length if newline < 0 else newline
    fence = text[first_line_start:first_line_end].rstrip(" \t\r")
    kind = post.site.fence_kind(fence)
    if kind is None and post.site.json_objects and text.startswith("{", first_line_start):
        # Hugo's JSON front matter: an object, then the body.
        front, end, issues = parse_json(text, first_line_start)
        post.load_issues.extend(issues)
        post.front_matter = front or FrontMatter(
            "json", (first_line_start, first_line_start + 1), (first_line_start, end), (end, end), parsed=False
        )
        newline = text.find("\n", end)
        post.body_start = length if newline < 0 else newline + 1
        return
    if kind is None and not post.site.front_matter_required:
        return  # a page without front matter (Eleventy renders every template file)
    if kind is None:
        post.load_issues.append(
            LoadIssue(
                "front-matter-missing",
                "no front matter: the file does not start with a '---' (YAML) or '+++' (TOML) line or a "
                "JSON object, so the post has no title, date or layout of its own: Jekyll copies a page outside "
                "'_posts' as it is, and Hugo lists the page with an empty title and no date",
                0,
            )
        )
        return
    if first_line_start > 0:
        post.load_issues.append(
            LoadIssue(
                "front-matter-not-first-line",
                f"front matter starts on line {text.count(chr(10), 0, first_line_start) + 1}"
                ", after blank lines: Jekyll only reads front matter that opens on the first line",
                first_line_start,
                first_line_end,
            )
        )
    content_start = min(first_line_end + 1, length)
    closers = {"yaml": ("---", "..."), "toml": ("+++",)}.get(kind, ("---",))
    position = content_start
    close_start = close_end = -1
    while position < length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        if text[position:line_end].rstrip(" \t\r") in closers:
            close_start, close_end = position, line_end
            break
        position = line_end + 1
    if close_start < 0:
        post.load_issues.append(
            LoadIssue(
                "front-matter-unterminated",
                f"front matter opened with '{fence}' is never closed: the whole file is read as front matter",
                first_line_start,
                first_line_end,
            )
        )
        post.body_start = length
        return
    block = text[content_start:close_start]
    fences = ((first_line_start, first_line_end), (content_start, close_start), (close_start, close_end))
    post.body_start = min(close_end + 1, length)
    if kind == "code":
        # Front matter that is a program (Eleventy's `---js`): never run, so never read.
        post.load_issues.append(
            LoadIssue(
                "front-matter-code",
                f"front matter opened with '{fence}' is a program the site generator runs when it builds the "
                "site; postlint never runs code, so it could not read this front matter or check it (write it "
                "as YAML or JSON to have it checked)",
                first_line_start,
                first_line_end,
            )
        )
        return
    if kind == "json":  # `---json` fences around a JSON object (Eleventy)
        _fenced_json(post, text, fences)
        return
    if kind == "yaml":
        front, issues = parse_yaml(block, content_start, fences, nested_places)
    else:
        front, issues = parse_toml(block, content_start, fences)
    post.load_issues.extend(issues)
    if front is None:
        front = FrontMatter(kind, *fences, parsed=False)  # type: ignore[arg-type]
    post.front_matter = front


def _fenced_json(post: Post, text: str, fences: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]) -> None:
    """A JSON object between ``---json`` and ``---`` lines: parsed as Hugo's bare JSON front matter is,
    with nothing but white space allowed around the object."""
    content_start, close_start = fences[1]
    start = content_start
    while start < close_start and text[start] in " \t\r\n":
        start += 1
    front, end, issues = parse_json(text[:close_start], start)
    post.load_issues.extend(issues)
    rest = text[end:close_start]
    if front is not None and rest.strip():
        at = end + len(rest) - len(rest.lstrip())
        post.load_issues.append(LoadIssue("front-matter-syntax", "JSON syntax error: text after the object", at))
        front = None
    if front is None:
        post.front_matter = FrontMatter("json", *fences, parsed=False)
        return
    post.front_matter = replace(front, open_fence=fences[0], content=fences[1], close_fence=fences[2])
