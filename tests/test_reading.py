"""Reading a post exactly: fences, BOM, line endings, positions in code points, and bad files as findings."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from conftest import LintText, codes, make_engine

from postlint.reading.post import parse_post, read_post

POST = '---\ntitle: "Café"\ndate: 2021-03-20T01:21:35.828Z\nauther: x\n---\nBody\n'


def test_front_matter_key_positions_are_lines_and_code_point_columns(lint_text: LintText) -> None:
    text = '---\ntitle: "中美高层"\ndescrition: 文本\n---\n'
    assert codes(lint_text(text)) == [("PL104", 3, 1)]
    text = '---\n中文标题: "中美"\nauther: 文本\n---\n'
    post = parse_post(text.encode(), "p.md")
    assert post.front_matter is not None
    span = post.front_matter.span("auther")
    assert span is not None
    assert post.position(span.value_start) == (3, 9)


def test_bom_is_skipped_and_columns_are_unchanged(lint_text: LintText) -> None:
    findings = lint_text(b"\xef\xbb\xbf" + POST.encode())
    assert codes(findings) == [("PL104", 4, 1)]


def test_crlf_and_mixed_line_endings(lint_text: LintText) -> None:
    crlf = POST.replace("\n", "\r\n")
    assert codes(lint_text(crlf)) == [("PL104", 4, 1)]
    mixed = POST[: POST.index("Body")].replace("\n", "\n") + "Body\r\nmore\r\n"
    assert codes(lint_text(mixed)) == [("PL104", 4, 1)]
    post = parse_post(crlf.encode(), "p.md")
    assert post.data["title"] == "Café"
    assert post.body == "Body\r\n"


def test_toml_front_matter_with_positions(lint_text: LintText) -> None:
    text = '+++\ntitle = "Rust 1.0"\nauther = "The Team"\n[extra]\ndate = 2021-02-30\n+++\nBody\n'
    findings = lint_text(text)
    assert ("PL009", 5, 8) in codes(findings)
    ok = '+++\ntitle = "Rust 1.0"\nauther = "The Team"\ndate = 2015-05-15T00:00:00Z\n+++\nBody\n'
    assert codes(lint_text(ok)) == [("PL104", 3, 1)]


def test_toml_duplicate_key_is_reported_at_second_key(lint_text: LintText) -> None:
    text = '+++\ntitle = "a"\ntitle = "b"\n+++\n'
    assert codes(lint_text(text)) == [("PL011", 3, 1)]


def test_leading_blank_line_still_reads_front_matter(lint_text: LintText) -> None:
    findings = lint_text("\n" + POST, name="2021-03-20-post.md")
    assert codes(findings) == [("PL013", 2, 1), ("PL104", 5, 1)]


def test_body_html_positions_on_a_long_line() -> None:
    body = "<div>" + "文" * 40 + '<img src="a.jpg"><p>x</p><img src="b.jpg"></div>'
    post = parse_post(("---\ntitle: t\n---\n" + body + "\n").encode(), "p.html")
    images = post.html.iter("img")
    assert [post.position(post.html.start(img)) for img in images] == [(4, 46), (4, 71)]


def test_markdown_code_is_not_markup() -> None:
    text = "---\ntitle: t\n---\nUse `Vec<T>` or:\n\n```rust\nlet v: Vec<String> = vec![];\n```\n<img src=x>\n"
    post = parse_post(text.encode(), "p.md")
    assert [element.tag for element in post.html.iter()] == ["img"]
    assert post.position(post.html.start(post.html.iter()[0])) == (9, 1)


def test_markdown_images_and_links_have_positions() -> None:
    text = '---\ntitle: t\n---\n[首页](https://a.example/x)\n------\n\nSee ![](pic.png) and ![alt](b.png "T").\n'
    post = parse_post(text.encode(), "p.md")
    links = post.markdown.links
    assert [(link.href, link.text, post.position(link.start), link.heading) for link in links] == [
        ("https://a.example/x", "首页", (4, 1), 2)
    ]
    images = post.markdown.images
    assert [(i.src, i.alt, i.title, post.position(i.start)) for i in images] == [
        ("pic.png", "", None, (7, 5)),
        ("b.png", "alt", "T", (7, 22)),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [("PL005", 1, 1)]),
        (b"  \n\n", [("PL005", 1, 1)]),
        (b"\x00\x01\x02binary", [("PL003", 1, 1)]),
        (b"---\ntitle: t\n---\nna\xefve\n", [("PL004", 4, 3)]),
        (b"# no front matter\n", [("PL007", 1, 1)]),
        (b"---\ntitle: t\n", [("PL008", 1, 1)]),
        (b"---\ntitle: [unclosed\n---\n", [("PL009", 3, 1)]),
        (b"---\njust a string\n---\n", [("PL010", 2, 1)]),
        (b"---\n- a\n- b\n---\n", [("PL010", 2, 1)]),
        (b"---\ntitle: a\ntitle: b\n---\n", [("PL011", 3, 1)]),
        (b"---\n---\nbody\n", []),
    ],
)
def test_bad_files_become_findings(lint_text: LintText, data: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert codes(lint_text(data)) == expected


def test_not_utf8_message_gives_byte_offset(lint_text: LintText) -> None:
    [finding] = lint_text(b"---\ntitle: t\n---\nna\xefve\n")
    assert "byte offset 19" in finding.message


def test_alias_bomb_is_bounded(lint_text: LintText) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    text = "---\n" + "\n".join(lines) + "\n---\n"
    assert codes(lint_text(text)) == [("PL012", 2, 1)]


def test_a_huge_front_matter_is_bounded_too(lint_text: LintText) -> None:
    import time

    text = "---\n" + "".join(f"key{n}: value\n" for n in range(30_000)) + "---\nbody\n"
    started = time.process_time()
    findings = lint_text(text)
    assert time.process_time() - started < 10.0  # every unknown key was compared with the known ones: 7 s
    assert codes(findings) == [("PL012", 2, 1)]
    assert findings[0].message == "front matter expands to more than 20,000 values; it was not read"


def test_too_large_file(lint_text: LintText) -> None:
    findings = lint_text("---\ntitle: t\n---\n" + "x" * 500, config={"max-file-size": 100})
    assert codes(findings) == [("PL006", 1, 1)]


def test_unreadable_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "missing.md")
    findings = make_engine(start=tmp_path).lint_file(link, str(link))
    assert codes(findings) == [("PL001", 1, 1)]


def test_fifo_and_socket_named_explicitly_do_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    engine = make_engine(start=tmp_path)
    assert codes(engine.lint_file(fifo, str(fifo))) == [("PL002", 1, 1)]
    sock_path = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock_path))
        assert codes(engine.lint_file(sock_path, str(sock_path))) == [("PL002", 1, 1)]
    finally:
        server.close()


def test_walk_skips_special_files_and_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("---\ntitle: a\n---\n")
    (tmp_path / "posts" / "loop").symlink_to(tmp_path / "posts")
    os.mkfifo(tmp_path / "posts" / "pipe.md")
    (tmp_path / "posts" / "notes.txt").write_text("not a post")
    (tmp_path / "_site").mkdir()
    (tmp_path / "_site" / "b.md").write_text("---\ntitle: b\n---\n")
    engine = make_engine(start=tmp_path)
    found = [display for _, display in engine.iter_paths([str(tmp_path)])]
    assert found == [str(tmp_path / "posts" / "a.md")]


def test_read_post_never_raises_on_directory(tmp_path: Path) -> None:
    post = read_post(tmp_path, "dir", 1000)
    assert [issue.kind for issue in post.load_issues] == ["not-regular-file"]


def test_nine_digit_fractions_are_valid_dates(lint_text: LintText) -> None:
    text = "---\ntitle: t\ndate: 2025-11-02 12:34:02.000000000 +00:00\n---\n"
    assert codes(lint_text(text)) == []


def test_markdown_links_after_code_with_blank_lines_are_found() -> None:
    text = (
        "---\ntitle: t\n---\n```\ncode\n\nmore [not](a-link)\n```\n\n"
        "<!-- a comment\n\nwith [no](link) -->\n\nSee ![real](x.png) and [ref][r].\n\n[r]: https://e.example/\n"
    )
    post = parse_post(text.encode(), "p.md")
    assert [(i.src, post.position(i.start)) for i in post.markdown.images] == [("x.png", (14, 5))]
    assert [(link.href, post.position(link.start)) for link in post.markdown.links] == [
        ("https://e.example/", (14, 24))
    ]


def test_walk_respects_gitignore_but_not_for_named_files(tmp_path: Path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("build/\n*.draft.md\n")
    for name in ("a.md", "b.draft.md", "build/c.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\ntitle: t\n---\n")
    engine = make_engine(start=tmp_path)
    assert [d for _, d in engine.iter_paths([str(tmp_path)])] == [str(tmp_path / "a.md")]
    named = str(tmp_path / "b.draft.md")
    assert [d for _, d in engine.iter_paths([named])] == [named]
    everything = make_engine({"respect-gitignore": False}, start=tmp_path)
    assert len(list(everything.iter_paths([str(tmp_path)]))) == 3


def test_hugo_json_front_matter(lint_text: LintText) -> None:
    text = (
        '{\n  "title": "文",\n  "date": "2021-02-30",\n  "auther": "x",\n  "title": "again"\n}\n'
        'Body <img src="a.png">\n'
    )
    findings = lint_text(text, name="p.html")
    assert codes(findings) == [("PL201", 3, 11), ("PL104", 4, 3), ("PL011", 5, 3), ("PL305", 7, 6), ("PL306", 7, 6)]
    post = parse_post(text.encode(), "p.md")
    assert post.front_matter is not None and post.front_matter.format == "json"
    assert post.data == {"title": "again", "date": "2021-02-30", "auther": "x"}
    assert codes(lint_text('{\n  "title": "t",\n}\n')) == [("PL009", 3, 1)]
