"""A cache can never hide a finding: forged, foreign, symlinked, huge or hostile entries are misses.

The attacker here writes the repository (a pull request): they can commit any file, including a
``.postlint_cache`` folder, symlinks and entries signed with a key of their own. They cannot read the
HMAC key in the CI user's cache folder.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_engine, run_cli

from postlint.run.cache import CACHE_ENV, KEY_FILE, MAX_ENTRY_BYTES, FindingsCache, open_cache

SCRIPT_POST = (
    "---\nlayout: post\ntitle: t\ndate: 2024-03-18 09:30:00 +08:00\n---\nHello\n\n"
    'Text <script src="https://evil.example/x.js"></script>\n'
)
FINDING = "_posts/2024-03-18-a.md:8:6: PL705"


def _run(cwd: Path, cache_home: Path, *args: str) -> tuple[int, str, str]:
    return run_cli("check", "--now", "2026-01-01T00:00:00Z", *args, cwd=cwd, env={CACHE_ENV: str(cache_home)})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts" / "2024-03-18-a.md").write_text(SCRIPT_POST, encoding="utf-8")
    return site


def _forge(repo: Path, attacker_home: Path) -> list[Path]:
    """What an attacker commits: entries from their own run, findings emptied and signed again with their key."""
    status, out, _ = _run(repo, attacker_home, "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out
    key = bytes.fromhex((attacker_home / KEY_FILE).read_text())
    entries = list((repo / ".postlint_cache").rglob("*.json"))
    for entry in entries:
        _, payload = entry.read_text().split("\n", 1)
        document = json.loads(payload)
        document["findings"] = []
        forged = json.dumps(document).encode()
        mac = hmac.new(key, document["key"].encode() + b"\n" + forged, hashlib.sha256).hexdigest()
        entry.write_bytes(mac.encode() + b"\n" + forged)
    # The forgery is perfect for the attacker's own key: their run passes...
    assert _run(repo, attacker_home, "--cache-dir", ".postlint_cache", "_posts")[0] == 0
    return entries


def test_a_committed_cache_with_emptied_findings_hides_nothing(repo: Path, tmp_path: Path) -> None:
    entries = _forge(repo, tmp_path / "attacker-home")
    ci_home = tmp_path / "ci-home"
    # ...but CI has its own key. The default location is outside the checkout: the folder is not even read.
    status, out, err = _run(repo, ci_home, "_posts")
    assert status == 1 and FINDING in out, err
    # Named explicitly, the committed folder is used, and every forged entry is a miss.
    status, out, err = _run(repo, ci_home, "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out, err
    assert "Traceback" not in err
    # The key CI made lives in its cache folder, readable by the user only, and nowhere in the checkout.
    key_file = ci_home / KEY_FILE
    if os.name == "posix":
        assert key_file.stat().st_mode & 0o777 == 0o600
    assert not list(repo.rglob(KEY_FILE))
    # The rejected entries were rebuilt with CI's key: a warm run still reports the script.
    assert all(entry.exists() for entry in entries)
    status, out, _ = _run(repo, ci_home, "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out


def test_the_old_unsigned_entry_format_is_a_miss(repo: Path, tmp_path: Path) -> None:
    entries = _forge(repo, tmp_path / "attacker-home")
    for entry in entries:
        document = json.loads(entry.read_text().split("\n", 1)[1])
        entry.write_text(json.dumps(document))  # what 0.1.0's cache held: plain JSON
    status, out, _ = _run(repo, tmp_path / "ci-home", "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="needs POSIX symlinks")
def test_a_symlinked_cache_folder_is_not_written_through(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / ".postlint_cache").symlink_to(outside, target_is_directory=True)
    status, out, err = _run(repo, tmp_path / "ci-home", "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out
    assert err.count("postlint: warning: cache not used:") == 1 and "is a symlink" in err
    assert list(outside.iterdir()) == []
    # A real folder holding a symlinked version folder (committed by the attacker) is not used either.
    (repo / ".postlint_cache").unlink()
    (repo / ".postlint_cache").mkdir()
    version_folder = FindingsCache(repo, "0" * 16, b"k").folder.parent.name  # "v<version>-<format>"
    (repo / ".postlint_cache" / version_folder).symlink_to(outside, target_is_directory=True)
    status, out, err = _run(repo, tmp_path / "ci-home", "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out and "is a symlink" in err
    assert list(outside.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX symlinks")
def test_symlinked_shards_and_entries_are_neither_read_nor_written_through(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(SCRIPT_POST, encoding="utf-8")
    engine = make_engine(start=tmp_path)
    cache = open_cache(tmp_path / "cache", engine.fingerprint, tmp_path / "home")
    key = cache.key(post.read_bytes(), "p.md", engine.fingerprint)
    entry = cache._entry(key)
    outside = tmp_path / "outside"
    outside.mkdir()
    entry.parent.symlink_to(outside, target_is_directory=True)  # the shard folder
    expected = engine.lint_file(post, "p.md")
    assert [f.code for f in expected] == ["PL705"]
    assert engine.lint_file(post, "p.md", cache) == expected
    assert list(outside.iterdir()) == []
    # An entry that is a symlink to some other file: never read through, and replaced (not followed) on write.
    entry.parent.unlink()
    entry.parent.mkdir()
    target = outside / "target.json"
    target.write_text("precious")
    entry.symlink_to(target)
    assert engine.lint_file(post, "p.md", cache) == expected
    assert target.read_text() == "precious"
    assert entry.is_file() and not entry.is_symlink()
    assert engine.lint_file(post, "p.md", cache) == expected  # and the rewritten entry is a hit


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to hand a folder over")
def test_a_cache_folder_owned_by_another_user_is_not_used(repo: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    os.chown(foreign, 65534, 65534)
    status, out, err = _run(repo, tmp_path / "ci-home", "--cache-dir", str(foreign), "_posts")
    assert status == 1 and FINDING in out and "belongs to another user" in err
    assert list(foreign.iterdir()) == []


def _hostile_entry(tmp_path: Path, content: bytes | None, size: int | None = None) -> tuple[float, list[int]]:
    """Lint a post whose cache entry holds ``content`` (or is a sparse file of ``size``); returns the
    seconds linting took and the bytes each ``os.read`` of the cache returned."""
    post = tmp_path / "p.md"
    post.write_text(SCRIPT_POST, encoding="utf-8")
    engine = make_engine(start=tmp_path)
    cache = open_cache(tmp_path / "cache", engine.fingerprint, tmp_path / "home")
    key = cache.key(post.read_bytes(), "p.md", engine.fingerprint)
    entry = cache._entry(key)
    entry.parent.mkdir(parents=True, exist_ok=True)
    with entry.open("wb") as handle:
        if content is not None:
            handle.write(content)
        if size is not None:
            handle.truncate(size)
    reads: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, count: int) -> bytes:
        data = real_read(descriptor, count)
        reads.append(len(data))
        return data

    started = time.perf_counter()
    assert cache.get(key, "p.md", lambda _: None) is None or content is None
    os.read = counting_read  # type: ignore[assignment]
    try:
        findings = engine.lint_file(post, "p.md", cache)
    finally:
        os.read = real_read
    elapsed = time.perf_counter() - started
    assert [(f.code, f.line, f.column) for f in findings] == [("PL705", 8, 6)]
    return elapsed, reads


def test_a_deeply_nested_entry_is_a_quick_miss(tmp_path: Path) -> None:
    elapsed, _ = _hostile_entry(tmp_path, b"[" * 200_000)
    assert elapsed < 2


def test_a_correctly_signed_but_nested_entry_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    # Even an entry with a valid HMAC (a corrupted disk, a bug) is parsed without a recursion crash.
    post = tmp_path / "p.md"
    post.write_text(SCRIPT_POST, encoding="utf-8")
    engine = make_engine(start=tmp_path)
    cache = open_cache(tmp_path / "cache", engine.fingerprint, tmp_path / "home")
    key = cache.key(post.read_bytes(), "p.md", engine.fingerprint)
    payload = b"[" * 200_000 + b"]" * 200_000
    entry = cache._entry(key)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(cache._mac(key, payload) + b"\n" + payload)
    assert cache.get(key, "p.md", lambda _: None) is None
    assert [f.code for f in engine.lint_file(post, "p.md", cache)] == ["PL705"]


def test_a_huge_entry_is_rejected_without_being_read(tmp_path: Path) -> None:
    elapsed, reads = _hostile_entry(tmp_path, None, size=400 * 1024 * 1024)
    assert elapsed < 2
    assert sum(reads) == 0  # the size was read with fstat; not one byte of the entry
    # Just above the cap is rejected the same way; what postlint writes stays below it.
    (tmp_path / "b").mkdir()
    _, reads = _hostile_entry(tmp_path / "b", b"x" * (MAX_ENTRY_BYTES + 1))
    assert sum(reads) == 0


def test_a_file_name_that_is_not_utf8_with_the_cache_on(tmp_path: Path) -> None:
    name = b"2024-03-18-caf\xe9.md"
    folder = tmp_path / "_posts"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(SCRIPT_POST.encode())
    except (OSError, UnicodeError):
        pytest.skip("this file system only takes UTF-8 names")
    home = tmp_path / "home"
    command = [sys.executable, "-m", "postlint", "check", "_posts", "--format", "json", "--jobs", "1"]
    env = {**os.environ, CACHE_ENV: str(home)}
    cold = subprocess.run(command, cwd=tmp_path, capture_output=True, env=env, timeout=300)
    warm = subprocess.run(command, cwd=tmp_path, capture_output=True, env=env, timeout=300)
    assert b"Traceback" not in cold.stderr + warm.stderr
    assert cold.returncode == warm.returncode == 1
    assert cold.stdout == warm.stdout
    # (How the name is shown in JSON is the reporters' business: read it back whatever they chose.)
    [finding] = json.loads(cold.stdout.decode("utf-8", "surrogateescape"))["findings"]
    assert (finding["code"], finding["line"], finding["column"]) == ("PL705", 8, 6)
    entries = list(home.rglob("*.json"))
    assert len(entries) == 1 and entries[0].read_bytes().isascii()


def _key_in(base: str) -> bytes:
    from postlint.run.cache import load_key

    return load_key(Path(base))


def test_parallel_first_runs_agree_on_one_key(tmp_path: Path) -> None:
    # pre-commit starts hooks in parallel: every process must end up with the key that is on disk.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4) as pool:
        keys = list(pool.map(_key_in, [str(tmp_path / "home")] * 16))
    assert len(set(keys)) == 1 and len(keys[0]) == 32
    assert bytes.fromhex((tmp_path / "home" / KEY_FILE).read_text()) == keys[0]
    assert [p.name for p in (tmp_path / "home").iterdir()] == [KEY_FILE]  # no temporary file left behind


def _plant_key(repo: Path, tmp_path: Path) -> Path:
    """The attacker's key and entries signed with it, placed where POSTLINT_CACHE_DIR points (in the checkout)."""
    attacker = tmp_path / "attacker"
    _forge(repo, attacker)
    in_repo = repo / ".cache" / "postlint"
    in_repo.mkdir(parents=True)
    (in_repo / KEY_FILE).write_bytes((attacker / KEY_FILE).read_bytes())
    return in_repo


@pytest.mark.parametrize("mode", [0o644, 0o600])
def test_a_key_committed_where_postlint_cache_dir_points_is_not_trusted(repo: Path, tmp_path: Path, mode: int) -> None:
    """CI points POSTLINT_CACHE_DIR into the workspace (for actions/cache); the pull request commits a key there,
    with entries signed by it. Git checks files out 0644, or 0600 under umask 077: the mode proves nothing,
    git's own record does."""
    in_repo = _plant_key(repo, tmp_path)
    git = ["git", "-c", "user.name=a", "-c", "user.email=a@example.com"]
    subprocess.run([*git, "init", "-q", "."], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=repo, check=True)
    os.chmod(in_repo / KEY_FILE, mode)
    status, out, err = _run(repo, in_repo, "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out, err
    assert "All checks passed" not in out
    assert "cache not used" in err and "cache.key" in err
    assert ("committed" in err) if mode == 0o600 else ("readable by others" in err or "committed" in err)
    assert "Traceback" not in err


def test_a_key_inside_a_tree_without_git_is_not_trusted(repo: Path, tmp_path: Path) -> None:
    """Without git nothing tells a committed key from postlint's own: inside the project tree it is never used."""
    in_repo = _plant_key(repo, tmp_path)
    os.chmod(in_repo / KEY_FILE, 0o600)
    (repo / ".postlint.toml").write_text("", encoding="utf-8")
    status, out, err = _run(repo, in_repo, "--cache-dir", ".postlint_cache", "_posts")
    assert status == 1 and FINDING in out, err
    assert "cache not used" in err and "not a git work tree" in err


def test_an_untracked_key_in_a_git_checkout_is_used(repo: Path, tmp_path: Path) -> None:
    """A key postlint made where POSTLINT_CACHE_DIR points inside a git checkout (restored by actions/cache,
    never committed) still serves: the second run reads its entries."""
    subprocess.run(["git", "init", "-q", "."], cwd=repo, check=True)
    home = repo / ".cache" / "postlint"
    first = _run(repo, home, "_posts")
    second = _run(repo, home, "_posts")
    assert first[0] == second[0] == 1 and first[1] == second[1] and FINDING in second[1]
    assert "cache not used" not in first[2] + second[2]
    assert list(home.rglob("*.json"))
