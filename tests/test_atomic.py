"""The one atomic-write helper: reports, baselines, the cache and --fix all write through it."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from postlint.core.atomic import write_atomic


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_new_file_gets_what_open_would_give_it(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    assert write_atomic(target, "ünïcode\n") is None
    assert target.read_bytes() == "ünïcode\n".encode()
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert write_atomic(tmp_path / "key", b"\x00\x01", mode=0o600) is None
    if sys.platform != "win32":
        assert stat.S_IMODE((tmp_path / "key").stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key", "report.sarif"]  # no temporary left


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_symlink_at_the_target_is_replaced_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(elsewhere)
    assert write_atomic(link, "new") is None
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"
    assert elsewhere.read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_rewriting_keeps_the_mode_and_refuses_a_file_swapped_since_it_was_checked(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"old")
    post.chmod(0o640)
    assert write_atomic(post, b"new", replacing=os.lstat(post)) is None
    assert post.read_bytes() == b"new" and stat.S_IMODE(post.stat().st_mode) == 0o640
    checked = os.lstat(post)
    post.rename(tmp_path / "moved.md")  # kept, so its inode cannot be reused by the new file
    post.write_bytes(b"someone else's")
    assert write_atomic(post, b"fixed", replacing=checked) == "the file changed while it was being fixed"
    assert post.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moved.md", "post.md"]
