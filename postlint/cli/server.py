"""``postlint server``: a language server over standard input and output (pygls and lsprotocol).

What an editor gets (see docs/editors.md):

- diagnostics for each open post's text as it is in the editor, on open and, debounced, on change: code,
  a link to the rule's docs (``codeDescription``), severity and the message;
- quick fixes as code actions (safe fixes preferred, unsafe ones marked), "disable this rule on this line"
  and "fix all" (``source.fixAll.postlint``);
- on hover over a finding, its rule's explanation;
- completion of front-matter keys and of the values the effective schema allows;
- each file linted with the config nearest to it; a changed config file (``postlint.toml``, the site's
  ``_config.yml`` ...) is read again; the site rules index the site's other files once (from the findings
  cache ``postlint check`` fills) and again only when the editor says files changed.

Everything is linted through the public API (:class:`postlint.run.linter.Linter`), in one worker thread so the
server keeps answering while a post is linted. Positions are converted to what the client negotiated
(UTF-16 code units unless it asks for UTF-8 or UTF-32); postlint counts code points.

``initializationOptions`` (all optional): ``debounce`` (seconds after the last change before linting,
default 0.15), ``docsUrl`` (a template with ``{code}`` and ``{name}`` for the rule links; default: each rule's
page on postlint's docs site, or a plugin rule's own ``docs_url``), ``cache``
(false: do not read the findings cache).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import threading
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from postlint.config import CONFIG_FILES, Config, ConfigError, find_config, read_config_file
from postlint.core.model import Finding, Severity
from postlint.core.project import __version__, rule_url
from postlint.core.results import RuleInfo
from postlint.reporters._neutralise import markdown_text, terminal
from postlint.run.linter import Linter

#: Seconds after the last change before a document is linted again.
DEBOUNCE = 0.15
SOURCE = "postlint"
FIX_ALL = "source.fixAll.postlint"
#: Files whose change means the config or the site's settings changed: every linter is built again.
SETTINGS_FILES = frozenset(
    (
        *CONFIG_FILES,
        "_config.yml",
        "_config.yaml",
        "_config.toml",
        "hugo.toml",
        "hugo.yaml",
        "hugo.yml",
        "hugo.json",
        "config.toml",
        "config.yaml",
        "config.yml",
        "package.json",
        "eleventy.config.js",
        "eleventy.config.mjs",
        "eleventy.config.cjs",
        ".eleventy.js",
    )
)
POST_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Linted:
    """One document as last linted: the text, its version, its findings and how to map their places."""

    uri: str
    version: int | None
    text: str
    path: Path
    display: str
    linter: Linter | None
    findings: list[Finding] = field(default_factory=list)
    #: A configuration mistake to show instead of findings.
    error: str | None = None

    def __post_init__(self) -> None:
        #: 1 when the editor's text starts with a byte-order mark, which postlint's offsets do not count.
        self.shift = 1 if self.text.startswith("\ufeff") else 0
        body = self.text[self.shift :]
        self.starts = [0, *(match.end() for match in re.finditer("\n", body))]
        self.lines = self.text.splitlines(keepends=True) if "\r" not in self.text else _lines(self.text)

    def point(self, line: int, column: int) -> tuple[int, int]:
        """postlint's 1-based line and code-point column as a 0-based line and code-point character."""
        return line - 1, column - 1 + (self.shift if line == 1 else 0)

    def offset_point(self, offset: int) -> tuple[int, int]:
        """An offset into postlint's text (fix edits) as a 0-based line and code-point character."""
        line = bisect_right(self.starts, offset) - 1
        return self.point(line + 1, offset - self.starts[line] + 1)


def _lines(text: str) -> list[str]:
    """The text's lines as the client counts them: ended by ``\\n`` only (``\\r\\n`` ends with it too)."""
    return text.split("\n") if text else [""]


class PostlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("postlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = DEBOUNCE
        #: A template for the rules' docs links (``{code}``, ``{name}``); ``None``: each rule's own page.
        self.docs_url: str | None = None
        self.use_cache = True
        self.root: Path | None = None
        self.linters: dict[tuple[str, ...], Linter] = {}
        self.schemas: dict[int, dict[str, Any]] = {}
        self.infos: dict[int, dict[str, RuleInfo]] = {}
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="postlint-lint")
        self.lock = threading.Lock()

    # ------------------------------------------------------------------------------------ linters
    def linter_for(self, path: Path) -> tuple[Linter, str]:
        """The linter for the file at ``path`` (the config nearest to it, its site) and the path findings
        show and ``per-file-ignores`` match: relative to the config's folder, else to the workspace."""
        from postlint.core.tree import project_root
        from postlint.sites import find_site

        folder = path.parent
        config_file = find_config(folder)
        top = project_root(path)
        site = find_site(folder, None, top)
        key = (str(config_file), _stamp(config_file), str(site[1]) if site else top, _stamp(site[1] if site else None))
        with self.lock:
            linter = self.linters.get(key)
        if linter is None:
            config = read_config_file(config_file) if config_file is not None else Config()
            linter = Linter(config, root=folder, refresh_site=False, cache=self.use_cache)
            with self.lock:
                # A config or site file that changed leaves its old linters behind: drop them.
                for old in [k for k in self.linters if k[0] == key[0] and k[2] == key[2]]:
                    del self.linters[old]
                self.linters[key] = linter
        base = config_file.parent if config_file is not None else self.root
        display = str(path)
        if base is not None:
            relative = os.path.relpath(path, base)
            if not relative.startswith(".."):
                display = relative
        return linter, display

    def lint_text(self, uri: str, text: str, version: int | None) -> Linted:
        path = _path_of(uri)
        try:
            linter, display = self.linter_for(path)
        except ConfigError as error:
            return Linted(uri, version, text, path, str(path), None, error=str(error))
        findings = linter.lint(text, path, display=display)
        return Linted(uri, version, text, path, display, linter, findings)

    def schema(self, linter: Linter) -> dict[str, Any]:
        found = self.schemas.get(id(linter))
        if found is None:
            try:
                found = linter.front_matter_schema()
            except Exception:  # a config whose schema cannot be built: no completion, the lint says why
                found = {}
            self.schemas[id(linter)] = found
        return found

    def rule_infos(self, linter: Linter | None) -> dict[str, RuleInfo]:
        """The linter's rules by code (docs, links), read once per linter."""
        if linter is None:
            return {}
        found = self.infos.get(id(linter))
        if found is None:
            found = self.infos[id(linter)] = {info.code: info for info in linter.rules}
        return found

    def forget_linters(self) -> None:
        with self.lock:
            self.linters.clear()
            self.schemas.clear()
            self.infos.clear()

    def site_changed(self) -> None:
        with self.lock:
            linters = list(self.linters.values())
        for linter in linters:
            linter.site_changed()

    # ------------------------------------------------------------------------------------ linting
    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, unless it changes again before then."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            await self.refresh(uri)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def refresh(self, uri: str) -> Linted | None:
        """Lint the document's current text (in the worker thread) and publish its diagnostics."""
        document = self.workspace.text_documents.get(uri)
        if document is None or not _lints(uri):
            return None
        version, text = document.version, document.source
        loop = asyncio.get_running_loop()
        try:
            linted = await loop.run_in_executor(self.worker, self.lint_text, uri, text, version)
        except Exception as error:  # a bug in postlint: say so, keep serving the other documents
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error, message=f"postlint: linting {uri} failed: {terminal(repr(error))}"
                )
            )
            return None
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return None  # changed or closed meanwhile: a newer lint is on its way
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=self.diagnostics(linted), version=version)
        )
        return linted

    async def current(self, uri: str) -> Linted | None:
        """The document as last linted, linted now if its text changed since."""
        document = self.workspace.text_documents.get(uri)
        linted = self.linted.get(uri)
        if document is None:
            return None
        if linted is None or linted.version != document.version:
            linted = await self.refresh(uri)
        return linted

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # ------------------------------------------------------------------------------------ positions
    def position(self, linted: Linted, line: int, character: int) -> types.Position:
        """A 0-based line and code-point character as the client counts (UTF-16 units by default)."""
        line = max(0, min(line, len(linted.lines) - 1)) if linted.lines else 0
        codec = self.workspace.position_codec
        return codec.position_to_client_units(linted.lines, types.Position(line=line, character=character))

    def range_of(self, linted: Linted, finding: Finding) -> types.Range:
        start = self.position(linted, *linted.point(finding.line, finding.column))
        end = self.position(linted, *linted.point(finding.end_line, finding.end_column))
        return types.Range(start=start, end=end)

    def offset_range(self, linted: Linted, start: int, end: int) -> types.Range:
        return types.Range(
            start=self.position(linted, *linted.offset_point(start)),
            end=self.position(linted, *linted.offset_point(end)),
        )

    def server_point(self, linted: Linted, position: types.Position) -> tuple[int, int]:
        """A client position as postlint's 1-based line and code-point column."""
        codec = self.workspace.position_codec
        point = codec.position_from_client_units(linted.lines, position)
        line = point.line + 1
        return line, point.character + 1 - (linted.shift if line == 1 else 0)

    def whole(self, linted: Linted) -> types.Range:
        last = len(linted.lines) - 1
        end_line = linted.lines[last] if linted.lines else ""
        end = types.Position(line=max(last, 0), character=len(end_line))
        if end_line.endswith("\n"):
            end = types.Position(line=last + 1, character=0)
        else:
            end = self.workspace.position_codec.position_to_client_units(linted.lines, end)
        return types.Range(start=types.Position(line=0, character=0), end=end)

    # ------------------------------------------------------------------------------------ diagnostics
    def diagnostics(self, linted: Linted) -> list[types.Diagnostic]:
        if linted.error is not None:
            return [
                types.Diagnostic(
                    range=types.Range(
                        start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
                    ),
                    message=f"postlint: configuration error: {terminal(linted.error)}",
                    severity=types.DiagnosticSeverity.Error,
                    source=SOURCE,
                )
            ]
        return [self.diagnostic(linted, finding) for finding in linted.findings]

    def diagnostic(self, linted: Linted, finding: Finding) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.range_of(linted, finding),
            message=terminal(finding.message),
            severity=_SEVERITY[finding.severity],
            code=finding.code,
            code_description=types.CodeDescription(href=self.docs_link(linted, finding.code, finding.name)),
            source=SOURCE,
            data={"name": finding.name, "fixable": finding.fixable},
        )

    def docs_link(self, linted: Linted, code: str, name: str) -> str:
        """The page that documents the rule: the ``docsUrl`` template when the client gave one, else the
        rule's own page (postlint's docs site, or a plugin's ``docs_url``)."""
        if self.docs_url is not None:
            return self.docs_url.replace("{code}", code).replace("{name}", name)
        info = self.rule_infos(linted.linter).get(code)
        return info.url if info is not None and info.url else rule_url(name)


def _stamp(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        info = path.stat()
    except OSError:
        return "gone"
    return f"{info.st_mtime_ns}:{info.st_size}"


def _path_of(uri: str) -> Path:
    """The file a document stands for; an unsaved one is taken as ``untitled.md`` in the current folder."""
    fs_path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(fs_path) if fs_path else Path.cwd() / "untitled.md"


def _lints(uri: str) -> bool:
    """Whether the document is a post: postlint lints Markdown and HTML, not its config or other files."""
    if not uri.startswith("file:"):
        return True
    return str(to_fs_path(uri) or "").lower().endswith(POST_SUFFIXES)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


# ---------------------------------------------------------------------------------------- the server
def create_server() -> PostlintServer:
    server = PostlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: PostlintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        if isinstance(options.get("debounce"), (int, float)):
            ls.debounce = max(0.0, float(options["debounce"]))
        if isinstance(options.get("docsUrl"), str):
            ls.docs_url = options["docsUrl"]
        if options.get("cache") is False:
            ls.use_cache = False
        folders = params.workspace_folders or []
        root = folders[0].uri if folders else params.root_uri
        if root:
            fs_root = to_fs_path(root)
            if fs_root and os.path.isdir(fs_root):
                ls.root = Path(fs_root)
                os.chdir(fs_root)  # the site's other files are named relative to the workspace, as by the CLI

    @server.feature(types.INITIALIZED)
    async def initialized(ls: PostlintServer, params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        names = ",".join(sorted(SETTINGS_FILES))
        suffixes = ",".join(s.lstrip(".") for s in POST_SUFFIXES)
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[
                types.FileSystemWatcher(glob_pattern=f"**/{{{names}}}"),
                types.FileSystemWatcher(glob_pattern=f"**/*.{{{suffixes}}}"),
            ]
        )
        registration = types.Registration(
            id="postlint-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        # A client that refuses: a changed config is still seen on the next edit (its time stamp is checked).
        with contextlib.suppress(Exception):
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PostlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PostlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PostlintServer, params: types.DidSaveTextDocumentParams) -> None:
        name = (to_fs_path(params.text_document.uri) or "").replace("\\", "/").rsplit("/", 1)[-1]
        if name in SETTINGS_FILES:
            ls.forget_linters()
        else:
            ls.site_changed()
        ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PostlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: PostlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        names = {(to_fs_path(change.uri) or "").replace("\\", "/").rsplit("/", 1)[-1] for change in params.changes}
        if names & SETTINGS_FILES:
            ls.forget_linters()
        ls.site_changed()
        ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL],
            resolve_provider=False,
        ),
    )
    async def code_action(ls: PostlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        linted = await ls.current(params.text_document.uri)
        if linted is None or linted.linter is None:
            return None
        return await asyncio.get_running_loop().run_in_executor(ls.worker, _code_actions, ls, linted, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: PostlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = await ls.current(params.text_document.uri)
        if linted is None or linted.linter is None:
            return None
        line, column = ls.server_point(linted, params.position)
        here = [
            f
            for f in linted.findings
            if (f.line, f.column) <= (line, column) <= (f.end_line, max(f.end_column, f.column))
            or (f.line < line < f.end_line)
        ]
        if not here:
            return None
        docs = ls.rule_infos(linted.linter)
        parts = []
        for finding in here:
            info = docs.get(finding.code)
            link = ls.docs_link(linted, finding.code, finding.name)
            parts.append(
                f"**{finding.code}** `{finding.name}` ({finding.severity.value})\n\n{markdown_text(finding.message)}"
                + (f"\n\n---\n\n{info.doc}" if info is not None and info.doc else "")
                + f"\n\n[{finding.code} documentation]({link})"
            )
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
            range=ls.range_of(linted, here[0]),
        )

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", "="]))
    async def completion(ls: PostlintServer, params: types.CompletionParams) -> types.CompletionList | None:
        uri = params.text_document.uri
        document = ls.workspace.text_documents.get(uri)
        if document is None or not _lints(uri):
            return None
        linted = ls.linted.get(uri)
        if linted is None:
            linted = await ls.current(uri)
        if linted is None or linted.linter is None:
            return None
        text = document.source
        lines = text.splitlines(keepends=True) or [""]
        codec = ls.workspace.position_codec
        point = codec.position_from_client_units(lines, params.position)
        items = front_matter_completion(text, point.line, point.character, ls.schema(linted.linter))
        return None if items is None else types.CompletionList(is_incomplete=False, items=items)

    return server


def _code_actions(ls: PostlintServer, linted: Linted, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    only = params.context.only

    def wanted(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)

    actions: list[types.CodeAction] = []
    fixes: list[types.CodeAction] = []
    disables: list[types.CodeAction] = []
    front_end = _front_matter_end(linted.text[linted.shift :])
    seen_disable: set[tuple[str, int]] = set()
    for finding in linted.findings:
        where = ls.range_of(linted, finding)
        if not _overlaps(where, params.range):
            continue
        diagnostic = ls.diagnostic(linted, finding)
        fix = finding.fix
        if fix is not None and fix.edits and wanted(types.CodeActionKind.QuickFix):
            edits = [
                types.TextEdit(range=ls.offset_range(linted, edit.start, edit.end), new_text=edit.replacement)
                for edit in fix.edits
            ]
            title = terminal(f"{fix.description} ({finding.code})")
            fixes.append(
                types.CodeAction(
                    title=title if fix.safe else f"Unsafe fix: {title}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={uri: edits}),
                    is_preferred=fix.safe,
                )
            )
        if wanted(types.CodeActionKind.QuickFix) and (finding.code, finding.line) not in seen_disable:
            seen_disable.add((finding.code, finding.line))
            disable = _disable_action(ls, linted, finding, diagnostic, front_end)
            if disable is not None:
                disables.append(disable)
    actions.extend(fixes)
    actions.extend(disables)
    if not any(f.fix is not None for f in linted.findings) or linted.linter is None:
        return actions
    safe = any(f.fix is not None and f.fix.safe for f in linted.findings)
    unsafe = any(f.fix is not None and not f.fix.safe for f in linted.findings)
    for kind, title, all_fixes, offer in (
        (FIX_ALL, "Fix all safely fixable postlint problems", False, safe),
        (types.CodeActionKind.QuickFix, "Fix all postlint problems, unsafe fixes included", True, unsafe),
    ):
        if not offer or not wanted(kind):
            continue
        fixed = linted.linter.fix(linted.text, linted.path, unsafe=all_fixes, display=linted.display)
        if not fixed.changed:
            continue
        new_text = ("\ufeff" if linted.shift else "") + fixed.text
        actions.append(
            types.CodeAction(
                title=title,
                kind=kind,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=ls.whole(linted), new_text=new_text)]}),
            )
        )
    return actions


def _front_matter_end(text: str) -> int:
    """The 1-based line of the front matter's closing fence (``---`` or ``+++``), or 0 without one."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return 0
    fence = lines[0].rstrip()
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in (fence, "...") if fence == "---" else line.rstrip() == fence:
            return number
    return 0


def _disable_action(
    ls: PostlintServer, linted: Linted, finding: Finding, diagnostic: types.Diagnostic, front_end: int
) -> types.CodeAction | None:
    """ "Disable this rule on this line": a ``postlint-disable-next-line`` comment above the finding's line in
    the body; in YAML front matter, where a comment cannot be, a ``postlint: {disable: [...]}`` entry (it
    covers the whole file). ``None`` where neither can be written (TOML or JSON front matter, a file rule)."""
    uri = linted.uri
    body = linted.text[linted.shift :]
    if finding.code.startswith("PL0") or finding.code == "PL901":
        return None  # the file itself (unreadable, no front matter) or a suppression: nothing to disable
    if front_end and finding.line <= front_end:
        if not body.startswith("---") or re.search(r"(?m)^postlint\s*:", body[: linted.starts[front_end - 1]]):
            return None
        at = linted.starts[front_end - 1]
        return types.CodeAction(
            title=f"Disable {finding.code} ({finding.name}) in this file",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(
                changes={
                    uri: [
                        types.TextEdit(
                            range=ls.offset_range(linted, at, at), new_text=f"postlint: {{disable: [{finding.code}]}}\n"
                        )
                    ]
                }
            ),
        )
    start = linted.starts[finding.line - 1] if finding.line - 1 < len(linted.starts) else len(body)
    line_text = body[start:].split("\n", 1)[0]
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    newline = "\r\n" if line_text.endswith("\r") else "\n"
    comment = f"{indent}<!-- postlint-disable-next-line {finding.code} -->{newline}"
    return types.CodeAction(
        title=f"Disable {finding.code} ({finding.name}) on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(
            changes={uri: [types.TextEdit(range=ls.offset_range(linted, start, start), new_text=comment)]}
        ),
    )


# ---------------------------------------------------------------------------------------- completion
def front_matter_completion(
    text: str, line: int, character: int, schema: dict[str, Any]
) -> list[types.CompletionItem] | None:
    """Completions at 0-based ``line`` and code-point ``character`` when it lies inside YAML or TOML front
    matter: the schema's keys at the start of a line (those not written yet), else the values it allows
    for the key of the line. ``None`` elsewhere."""
    lines = text.lstrip("\ufeff").split("\n")
    end = _front_matter_end(text.lstrip("\ufeff"))
    if not end or not 0 < line < end - 1 or line >= len(lines):
        return None
    toml = lines[0].rstrip() == "+++"
    prefix = lines[line].rstrip("\r")[:character]
    properties = schema.get("properties") or {}
    if not isinstance(properties, dict):
        return None
    required = set(schema.get("required") or [])
    separator = "=" if toml else ":"
    written = {
        match.group(1)
        for match in re.finditer(rf"(?m)^([A-Za-z0-9_.-]+)\s*{re.escape(separator)}", "\n".join(lines[1 : end - 1]))
    }
    if separator not in prefix:
        if prefix != prefix.lstrip():
            return None  # inside a nested value
        items = []
        for key, spec in properties.items():
            if key in written:
                continue
            title = spec.get("title", "") if isinstance(spec, dict) else ""
            items.append(
                types.CompletionItem(
                    label=key,
                    kind=types.CompletionItemKind.Property,
                    detail=("required" if key in required else "optional") + (f": {title}" if title else ""),
                    insert_text=f"{key} = " if toml else f"{key}: ",
                    sort_text=("0" if key in required else "1") + key,
                )
            )
        return items
    match = re.match(rf"^\s*([A-Za-z0-9_.-]+)\s*{re.escape(separator)}", prefix)
    if match is None:
        return None
    spec = properties.get(match.group(1))
    values = _allowed_values(spec) if isinstance(spec, dict) else []
    items = []
    for value in values:
        shown = _scalar(value, toml)
        items.append(types.CompletionItem(label=shown, kind=types.CompletionItemKind.EnumMember, insert_text=shown))
    return items


def _allowed_values(spec: dict[str, Any]) -> list[object]:
    """The values a JSON Schema allows when it lists them: ``enum``, ``const``, ``true``/``false`` for a
    boolean, through ``anyOf``/``oneOf`` and a list's ``items``."""
    found: list[object] = []

    def walk(node: object) -> None:
        if not isinstance(node, dict):
            return
        for value in node.get("enum") or []:
            found.append(value)
        if "const" in node:
            found.append(node["const"])
        kinds = node.get("type")
        if kinds == "boolean" or (isinstance(kinds, list) and "boolean" in kinds):
            found.extend([True, False])
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key) or []:
                walk(branch)
        walk(node.get("items"))

    walk(spec)
    unique: list[object] = []
    for value in found:
        if value not in unique or (isinstance(value, bool) and not any(v is value for v in unique)):
            unique.append(value)
    return unique


def _scalar(value: object, toml: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return '""' if toml else "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if (
        toml
        or not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_ ./-]*", text)
        or text.lower() in ("true", "false", "null", "yes", "no", "on", "off")
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


def serve() -> None:
    """Run the server on standard input and output until the client exits. Standard output carries the
    protocol's JSON-RPC messages, so they are written to the real stream, not through the writer that
    escapes workflow commands in reports (a message is JSON whose strings are already escaped text)."""
    import sys

    stdout: Any = sys.stdout
    while hasattr(stdout, "inner"):  # postlint's command-safe writer around the real stream
        stdout = stdout.inner
    create_server().start_io(sys.stdin.buffer, stdout.buffer)


__all__ = ["PostlintServer", "create_server", "front_matter_completion", "serve"]
