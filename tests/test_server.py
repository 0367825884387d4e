"""`postlint server` end to end: a real LSP client (pytest-lsp) drives the server over stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types

pytest_lsp = pytest.importorskip("pytest_lsp")
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from postlint.run.linter import Linter  # noqa: E402

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "postlint", "server"])

CONFIG = """
[front-matter.fields.layout]
allowed = ["post", "news_post"]

[front-matter.fields.title]
type = "text"
required = true
"""

#: CJK and an emoji (two UTF-16 code units, one code point) stand before the findings on their lines.
POST = """---
layout: post
title: 大阪世博会 😀 会徽
date: 2024-03-18 09:30:00 +08:00
auther: 记者 😀
---
<p>大阪 😀 世界博览会</p><div id="innity-in-post"></div>
<p>细胞 🧬 概念</p><img src="/a.png" alt="" title="会徽 🎌">
<p>结束</p>
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text("title: t\n", encoding="utf-8")
    (root / "postlint.toml").write_text(CONFIG, encoding="utf-8")
    (root / "_posts" / "2024-03-18-expo.md").write_text(POST, encoding="utf-8")
    return root


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, site: Path):  # type: ignore[no-untyped-def]
    registered: list[types.Registration] = []
    lsp_client.registrations = registered  # type: ignore[attr-defined]
    # Every publishDiagnostics is kept: pytest-lsp's wait_for_notification resolves one waiter per message,
    # and two notifications read from one chunk of the pipe (a loaded machine) lost the second, so a test
    # waited for it forever.
    published: list[types.PublishDiagnosticsParams] = []
    arrived = asyncio.Event()
    handle = lsp_client.protocol._handle_notification

    def record(method: str, params: object) -> None:
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS and isinstance(params, types.PublishDiagnosticsParams):
            published.append(params)
            arrived.set()
        handle(method, params)

    lsp_client.protocol._handle_notification = record  # type: ignore[method-assign]
    lsp_client.published = (published, arrived, [0])  # type: ignore[attr-defined]

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(params.registrations)

    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
        ),
        general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
    )
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=site.as_uri(),
            initialization_options={"debounce": 0.05, "cache": False, "docsUrl": "https://docs.example/{name}"},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def diagnostics(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The next diagnostics the server publishes for ``uri`` at ``version`` (waiting for them, two minutes at most:
    a server that never answers fails the test instead of hanging the suite)."""
    published, arrived, taken = client.published  # type: ignore[attr-defined]
    while True:
        # The first one after those already taken: a later call waits for the next publication.
        for index in range(taken[0], len(published)):
            params = published[index]
            if params.uri == uri and params.version == version:
                taken[0] = index + 1
                return list(params.diagnostics)
        arrived.clear()
        await asyncio.wait_for(arrived.wait(), timeout=120)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_range(text: str, code: str, path: Path) -> types.Range:
    """Where the finding of ``code`` must be, from the public API's code-point columns, in UTF-16 units."""
    (finding,) = [f for f in Linter.nearest(path.parent).lint(text, path) if f.code == code]
    lines = text.split("\n")
    start = utf16(lines[finding.line - 1][: finding.column - 1])
    end = utf16(lines[finding.end_line - 1][: finding.end_column - 1])
    return types.Range(
        start=types.Position(line=finding.line - 1, character=start),
        end=types.Position(line=finding.end_line - 1, character=end),
    )


async def open_post(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) as an editor does."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return before + index
            units += utf16(char)
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


@pytest.mark.asyncio
async def test_diagnostics_on_open_at_utf16_ranges(client: LanguageClient, site: Path) -> None:
    path = site / "_posts" / "2024-03-18-expo.md"
    uri = await open_post(client, path, POST)
    found = await diagnostics(client, uri, 1)
    by_code = {d.code: d for d in found}
    assert {"PL104", "PL501", "PL308"} <= set(by_code)
    for code in ("PL104", "PL501", "PL308"):
        assert by_code[code].range == expected_range(POST, code, path), code
    # The emoji before the ad remnant is one code point but two UTF-16 units: the ranges are not columns.
    ad = by_code["PL501"]
    assert ad.range.start.character == utf16("<p>大阪 😀 世界博览会</p>") == len("<p>大阪 😀 世界博览会</p>") + 1
    assert ad.severity == types.DiagnosticSeverity.Warning and ad.source == "postlint"
    assert ad.code_description is not None and ad.code_description.href == "https://docs.example/ad-remnant"
    assert by_code["PL104"].range.start == types.Position(line=4, character=0)
    # The server asked to hear of changed configs and posts.
    (watch,) = client.registrations  # type: ignore[attr-defined]
    assert watch.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES


@pytest.mark.asyncio
async def test_code_actions_fix_and_the_diagnostics_follow(client: LanguageClient, site: Path) -> None:
    path = site / "_posts" / "2024-03-18-expo.md"
    uri = await open_post(client, path, POST)
    found = {d.code: d for d in await diagnostics(client, uri, 1)}
    ad = found["PL501"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=ad.range,
            context=types.CodeActionContext(diagnostics=[ad]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and a.is_preferred)
    assert "PL501" in fix.title and fix.kind == types.CodeActionKind.QuickFix
    assert any(t.startswith("Disable PL501") for t in titles)
    assert "Fix all safely fixable postlint problems" in titles
    assert fix.edit is not None and fix.edit.changes is not None
    fixed = apply(POST, fix.edit.changes[uri])
    assert '<div id="innity-in-post"></div>' not in fixed and "<p>大阪 😀 世界博览会</p>" in fixed
    change(client, uri, 2, fixed)
    after = await diagnostics(client, uri, 2)
    assert "PL501" not in {d.code for d in after} and {"PL104", "PL308"} <= {d.code for d in after}

    # The unsafe fix is offered, marked, and not preferred.
    alt = next(d for d in after if d.code == "PL308")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=alt.range,
            context=types.CodeActionContext(diagnostics=[alt]),
        )
    )
    assert actions is not None
    unsafe = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Unsafe fix:"))
    assert not unsafe.is_preferred
    disable = next(a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Disable PL308"))
    assert disable.edit is not None and disable.edit.changes is not None
    silenced = apply(fixed, disable.edit.changes[uri])
    assert "<!-- postlint-disable-next-line PL308 -->\n<p>细胞 🧬 概念</p>" in silenced
    change(client, uri, 3, silenced)
    left = {d.code for d in await diagnostics(client, uri, 3)}
    assert "PL308" not in left and "PL901" not in left and "PL104" in left


@pytest.mark.asyncio
async def test_fix_all_is_a_source_action(client: LanguageClient, site: Path) -> None:
    path = site / "_posts" / "2024-03-18-expo.md"
    uri = await open_post(client, path, POST)
    await diagnostics(client, uri, 1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"]),
        )
    )
    assert actions is not None and [a.kind for a in actions if isinstance(a, types.CodeAction)] == [
        "source.fixAll.postlint"
    ]
    (action,) = actions
    assert isinstance(action, types.CodeAction) and action.edit is not None and action.edit.changes is not None
    assert apply(POST, action.edit.changes[uri]) == Linter.nearest(path.parent).fix(POST, path).text


@pytest.mark.asyncio
async def test_hover_explains_the_rule(client: LanguageClient, site: Path) -> None:
    path = site / "_posts" / "2024-03-18-expo.md"
    uri = await open_post(client, path, POST)
    found = {d.code: d for d in await diagnostics(client, uri, 1)}
    typo = found["PL104"]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=typo.range.start)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "**PL104** `front-matter-key-typo`" in hover.contents.value
    assert (
        "## What it does" in hover.contents.value
        and "https://docs.example/front-matter-key-typo" in hover.contents.value
    )
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=8, character=1)
        )
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_completion_of_front_matter_keys_and_values(client: LanguageClient, site: Path) -> None:
    path = site / "_posts" / "2024-03-18-expo.md"
    text = "---\nlayout: \ntitle: T\n\n---\nBody.\n"
    uri = await open_post(client, path, text)
    await diagnostics(client, uri, 1)

    async def complete(line: int, character: int) -> list[str]:
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character),
            )
        )
        if result is None:
            return []
        items = result.items if isinstance(result, types.CompletionList) else result
        return [item.label for item in items]

    assert await complete(1, len("layout: ")) == ["post", "news_post"]
    keys = await complete(3, 0)
    assert "date" in keys and "tags" in keys and "title" not in keys and "layout" not in keys
    assert await complete(5, 2) == []  # the body: nothing


@pytest.mark.asyncio
async def test_config_nearest_to_each_file_and_reload(client: LanguageClient, site: Path) -> None:
    post = '---\nlayout: other\ntitle: T\n---\n<img src="/a.png">\n'
    path = site / "_posts" / "2024-03-18-expo.md"
    uri = await open_post(client, path, post)
    assert {"PL102", "PL306"} <= {d.code for d in await diagnostics(client, uri, 1)}
    # Another folder with its own config: its file is linted with that one.
    (site / "old").mkdir()
    (site / "old" / "postlint.toml").write_text('ignore = ["PL306"]\n', encoding="utf-8")
    other = await open_post(client, site / "old" / "x.md", post)
    codes = {d.code for d in await diagnostics(client, other, 1)}
    assert "PL306" not in codes and "PL102" not in codes  # neither the ignored rule nor the site's `allowed`
    # The site's config changes on disk: the server reads it again and lints the open posts again.
    (site / "postlint.toml").write_text('ignore = ["PL306"]\n' + CONFIG, encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=(site / "postlint.toml").as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    codes = {d.code for d in await diagnostics(client, uri, 1)}
    assert "PL306" not in codes and "PL102" in codes
    # A mistake in the config is one diagnostic that names the key, not a crash.
    (site / "postlint.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=(site / "postlint.toml").as_uri())
        )
    )
    (broken,) = await diagnostics(client, uri, 1)
    assert broken.severity == types.DiagnosticSeverity.Error and "no-such-key" in broken.message


@pytest.mark.asyncio
async def test_site_rules_see_the_edited_text(client: LanguageClient, site: Path) -> None:
    source = "---\ntitle: {t}\ndate: 2024-03-1{d} 09:30:00 +08:00\nlink: https://news.example.com/a/1\n---\nText.\n"
    (site / "_posts" / "2024-03-17-one.md").write_text(source.format(t="One", d=7), encoding="utf-8")
    path = site / "_posts" / "2024-03-18-two.md"
    text = source.format(t="Two", d=8)
    path.write_text(text, encoding="utf-8")
    uri = await open_post(client, path, text)
    assert "PL805" in {d.code for d in await diagnostics(client, uri, 1)}
    change(client, uri, 2, text.replace("/a/1", "/a/2"))
    assert "PL805" not in {d.code for d in await diagnostics(client, uri, 2)}
    # Another file takes the URL on disk: the file event makes the server read the site again.
    (site / "_posts" / "2024-03-16-zero.md").write_text(
        source.format(t="Zero", d=6).replace("/a/1", "/a/2"), encoding="utf-8"
    )
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(site / "_posts" / "2024-03-16-zero.md").as_uri(), type=types.FileChangeType.Created
                )
            ]
        )
    )
    assert "PL805" in {d.code for d in await diagnostics(client, uri, 2)}
