"""A persistent cache of findings, so an unchanged archive is re-linted almost for free.

An entry is keyed on the file's content hash, its path (file names and per-file ignores matter), and the
run's *settings fingerprint*: postlint's version, the effective config, the active rules with their options
and severities, and the context rules read (the site's zone, the generator, and "now" to the hour when a
rule depends on the time). Entries are JSON files written atomically (a temporary file, then rename), so
several processes can share a cache (pre-commit runs hooks in parallel). Local files a rule looked up
(missing images) are re-checked with a stat call before an entry is used.

A cache must never hide a finding, so nothing in it is taken on trust (the model is ruff's and mypy's
cache, hardened for CI runs on strangers' pull requests):

- By default the cache lives outside the checkout, in the user's cache folder (``$XDG_CACHE_HOME`` or
  ``~/.cache/postlint``, ``~/Library/Caches/postlint``, ``%LOCALAPPDATA%\\postlint\\Cache``; or
  ``$POSTLINT_CACHE_DIR``), one folder per project root, so a ``.postlint_cache`` committed to a
  repository is never read unless ``--cache-dir`` names it.
- Every entry carries an HMAC-SHA256 over its lookup key and its contents. The HMAC key is 32 random bytes
  created on first use in the user's cache folder, readable by the user only (0600), never in the
  repository: an entry written by anyone who cannot read that file (a pull request, another user) fails
  the check and is a miss. Its mode alone proves nothing (a clone made with umask 077 checks files out
  0600), so a key that git tracks, or one inside the run's project tree outside any git work tree, is
  never used (:func:`check_key_provenance`; ``POSTLINT_CACHE_DIR`` may point into the checkout).
- An entry is opened without following symlinks, must be a regular file no larger than
  :data:`MAX_ENTRY_BYTES` (checked with ``fstat`` before reading, so a 400 MB entry costs one system
  call), and is parsed only after its HMAC matched: a forged or corrupt entry is never parsed at all.
- A cache folder (or a folder postlint made inside it) that is a symlink, not a folder, or owned by
  another user is not used: the run warns once and goes on without a cache.

Every rejected entry is a miss, never a crash: the file is linted and the entry rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import marshal
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from postlint.core.atomic import write_atomic
from postlint.core.project import __version__
from postlint.core.results import UrlRef, finding_from_dict, finding_to_dict
from postlint.engine.outcome import FileResult
from postlint.knowledge.pages import PageFacts

#: Environment variable that moves the whole default cache (key included), like RUFF_CACHE_DIR.
CACHE_ENV = "POSTLINT_CACHE_DIR"
KEY_FILE = "cache.key"
#: Entries above this size are neither written nor read (a post with that many findings is re-linted).
MAX_ENTRY_BYTES = 4 * 1024 * 1024
#: A stored site index above this size is neither written nor read (about 3,000 bytes a post would be
#: 100,000 posts; a larger site is read afresh each run).
MAX_INDEX_BYTES = 256 * 1024 * 1024
_MAC_LENGTH = 64  # hex digits of an HMAC-SHA256
#: The entries' format within a version (2: findings carry their related locations).
_FORMAT = "f2"
#: The stored site indexes' format within a version (postlint/archive/store.py; s3: Python's marshal format
#: instead of JSON).
_INDEX_FORMAT = "s3"
#: The marshal format version written (4: Python 3.4 and later all read and write it).
_MARSHAL_VERSION = 4
_GITIGNORE = "# Created by postlint: this folder is a cache and never belongs in git.\n*\n"


class CacheUnavailable(Exception):
    """The cache cannot be used safely (the message says why); the run goes on without it."""


def cache_base() -> Path:
    """The folder that holds the HMAC key and, unless ``--cache-dir`` says otherwise, every project's cache."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).absolute()
    import platformdirs

    return Path(platformdirs.user_cache_dir("postlint", appauthor=False))


def project_folder(base: Path, project_root: Path) -> Path:
    """The cache folder of one project: named by a hash of its absolute root, as mypy and ruff do per project."""
    try:
        resolved = project_root.resolve()
    except OSError:
        resolved = project_root.absolute()
    digest = hashlib.sha256(os.fsencode(str(resolved))).hexdigest()[:16]
    return base / digest


def owned_by_user(status: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or status.st_uid == getuid()  # Windows: ownership is not a uid


def check_folder(folder: Path, create: bool, mode: int = 0o777) -> None:
    """Make sure ``folder`` is a real folder of ours (create it when ``create``); raise :class:`CacheUnavailable`."""
    try:
        status = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            raise CacheUnavailable(f"{folder} does not exist") from None
        try:
            folder.mkdir(parents=True, mode=mode, exist_ok=True)
            status = os.lstat(folder)
        except OSError as error:
            raise CacheUnavailable(f"cannot create {folder}: {error.strerror or error}") from None
    except OSError as error:
        raise CacheUnavailable(f"cannot use {folder}: {error.strerror or error}") from None
    _check_own(folder, status, stat.S_ISDIR, "a folder")


def check_file(path: Path) -> None:
    """Make sure ``path``, if it exists, is a regular file of ours and no symlink (a database SQLite opens,
    which would follow a link and write wherever it points); raise :class:`CacheUnavailable`."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise CacheUnavailable(f"cannot use {path}: {error.strerror or error}") from None
    _check_own(path, status, stat.S_ISREG, "a regular file")


def _check_own(path: Path, status: os.stat_result, is_kind: Callable[[int], bool], kind: str) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise CacheUnavailable(f"{path} is a symlink")
    if not is_kind(status.st_mode):
        raise CacheUnavailable(f"{path} is not {kind}")
    if not owned_by_user(status):
        raise CacheUnavailable(f"{path} belongs to another user")


#: The project trees of the current run (see :func:`distrust`): a key inside one is never trusted.
_checkouts: set[str] = set()


def distrust(folders: list[str]) -> None:
    """Tell the key functions which folders are the run's project trees (the checkout a pull request writes)."""
    _checkouts.update(os.path.realpath(folder) for folder in folders)


def check_key_provenance(path: Path) -> None:
    """Raise :class:`CacheUnavailable` unless the key file at ``path`` can only be postlint's own.

    A key's mode proves nothing (a clone made with umask 077 checks a committed key out 0600), so where it
    is decides: a key in a git work tree must not be tracked by git (``git ls-files``: a committed key is
    the attacker's, whatever its mode), and a key inside one of the run's project trees that is not in a
    git work tree is never used, since nothing can tell a committed file from one postlint made.
    """
    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    top = folder
    while not os.path.lexists(os.path.join(top, ".git")):
        parent = os.path.dirname(top)
        if parent == top:
            top = ""
            break
        top = parent
    if not top:
        for checkout in _checkouts:
            if real.startswith(checkout.rstrip(os.sep) + os.sep):
                raise CacheUnavailable(
                    f"the cache key {path} is inside the project tree {checkout}, which is not a git work tree, "
                    "so it may have come with the files being checked (point POSTLINT_CACHE_DIR outside it)"
                )
        return
    import subprocess

    relative = os.path.relpath(real, top)
    try:
        listed = subprocess.run(
            ["git", "-C", top, "ls-files", "-z", "--", f":(literal){relative}"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        listed = None
    if listed is None or listed.returncode != 0:
        raise CacheUnavailable(
            f"the cache key {path} is inside the git work tree {top}, and git cannot say whether it is committed"
        )
    if listed.stdout.strip(b"\0"):
        raise CacheUnavailable(
            f"the cache key {path} is committed to the repository at {top}: it is not postlint's own "
            "(remove it from git; point POSTLINT_CACHE_DIR where the checkout cannot write)"
        )


def load_key(base: Path) -> bytes:
    """The HMAC key in ``base``, created on first use (0600, written whole before anyone can read it); one
    from the repository is never used (:func:`check_key_provenance`)."""
    check_folder(base, create=True, mode=0o700)
    path = base / KEY_FILE
    if os.path.lexists(path):
        check_key_provenance(path)
    key = _read_key(path)
    if key is not None:
        return key
    import tempfile

    try:
        descriptor, temporary = tempfile.mkstemp(dir=base, prefix=".tmp-key-")  # mkstemp makes it 0600
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(os.urandom(32).hex())  # the OS's CSPRNG (what secrets uses), without importing random
            try:
                os.link(temporary, path)  # fails if a concurrent run won the race: then use its key
            except FileExistsError:
                pass
            except OSError:  # no hard links here: a replace may drop a concurrent run's entries, never trust one
                os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    except OSError as error:
        raise CacheUnavailable(f"cannot create the cache key in {base}: {error.strerror or error}") from None
    key = _read_key(path)
    if key is None:
        raise CacheUnavailable(f"the cache key {path} is unreadable")
    return key


def _read_key(path: Path) -> bytes | None:
    data = _read_regular(path, 256, private=True)
    if data is None:
        return None
    text = data.strip()
    if len(text) != 64 or any(c not in b"0123456789abcdef" for c in text):
        raise CacheUnavailable(f"the cache key {path} is malformed (delete it to make a new one)")
    return bytes.fromhex(text.decode("ascii"))


def _read_regular(path: Path, limit: int, private: bool = False) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of ours, not a symlink, of at most ``limit`` bytes.

    The size is read with ``fstat`` before any byte is, and a FIFO or device never blocks the open. A
    ``private`` file (the key) that others may read raises :class:`CacheUnavailable`: postlint makes it 0600,
    while git checks a committed file out 0644, so a key a pull request put where ``POSTLINT_CACHE_DIR``
    points (inside the checkout) is never used to verify entries it signed.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if not hasattr(os, "O_NOFOLLOW") and os.path.islink(path):
            return None
        descriptor = os.open(path, flags)
    except OSError:  # missing, a symlink (ELOOP), unreadable
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit or not owned_by_user(status):
            return None
        if private and os.name == "posix" and status.st_mode & 0o077:
            raise CacheUnavailable(
                f"the cache key {path} is readable by others (mode {stat.S_IMODE(status.st_mode):04o}), so it may "
                "not be postlint's own (delete it to make a new one)"
            )
        # One read of the size fstat gave (plus a byte to notice growth) is the whole file almost always.
        data = os.read(descriptor, status.st_size + 1)
        while len(data) < status.st_size:
            chunk = os.read(descriptor, limit + 1 - len(data))
            if not chunk:
                break
            data += chunk
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def open_cache(root: Path, fingerprint: str, base: Path | None = None) -> FindingsCache:
    """A cache in ``root`` for runs with ``fingerprint``, its folders checked and its key loaded.

    Raises :class:`CacheUnavailable` when the folders or the key cannot be trusted.
    """
    secret = load_key(base if base is not None else cache_base())
    cache = FindingsCache(root, fingerprint, secret)
    cache.prepare()
    return cache


class FindingsCache:
    def __init__(self, root: Path, fingerprint: str, secret: bytes) -> None:
        self.root = root
        self.fingerprint = fingerprint
        self.folder = root / f"v{__version__}-{_FORMAT}" / fingerprint[:16]
        self._secret = secret
        self._ready = False
        self._shards: set[str] = set()

    def prepare(self) -> None:
        """Create (or check) the cache's folders; raises :class:`CacheUnavailable`."""
        if self._ready:
            return
        check_folder(self.root, create=True)
        gitignore = self.root / ".gitignore"
        if not os.path.lexists(gitignore):
            with contextlib.suppress(OSError):
                write_atomic(gitignore, _GITIGNORE)
        check_folder(self.folder.parent, create=True)
        check_folder(self.folder, create=True)
        self._ready = True

    @staticmethod
    def key(content: bytes, path: str, fingerprint: str) -> str:
        digest = hashlib.sha256()
        for part in (fingerprint.encode(), b"\0", path.encode("utf-8", "surrogateescape"), b"\0", content):
            digest.update(part)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _mac(self, key: str, payload: bytes) -> bytes:
        return hmac.digest(self._secret, key.encode("ascii") + b"\n" + payload, "sha256").hex().encode("ascii")

    def get(self, key: str, path: str, recheck: Callable[[str], bool | None]) -> FileResult | None:
        data = _read_regular(self._entry(key), MAX_ENTRY_BYTES)
        if data is None or data[_MAC_LENGTH : _MAC_LENGTH + 1] != b"\n":
            return None
        payload = data[_MAC_LENGTH + 1 :]
        if not hmac.compare_digest(data[:_MAC_LENGTH], self._mac(key, payload)):
            return None  # forged, corrupt, or written with another key: never parsed
        try:
            document = json.loads(payload)
            if document.get("key") != key or document.get("version") != __version__:
                return None  # foreign or stale: rebuild
            for target, result in document.get("file_checks", []):
                if recheck(target) != result:
                    return None  # an image appeared or vanished since
            findings = [finding_from_dict(item, path) for item in document["findings"]]
            host = document.get("source_host")
            urls = tuple(UrlRef.from_list(item) for item in document.get("urls", []))
            site_data = document.get("site")
            site = PageFacts.from_json(site_data, path) if isinstance(site_data, dict) else None
            return FileResult(path, findings, host if isinstance(host, str) else None, urls, site)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def _index_file(self, name: str) -> Path:
        # Beside the entries' folders of this version and format (which prepare() creates), in a format of its
        # own: a stored index of another format is another file, never misread. It is in Python's marshal
        # format, which a Python reads back from itself or an older one: the interpreter's tag names it too.
        return self.folder.parent / f"site-{_INDEX_FORMAT}-{sys.implementation.cache_tag}-{name}.bin"

    def get_index(self, name: str) -> Any:
        """The site index stored as ``name`` (:mod:`postlint.archive.store`), parsed, or ``None``: trusted
        on the same terms as an entry (a regular file of ours, HMAC-verified before it is parsed).

        It is plain data (dicts, lists, strings, integers, ``None``) in Python's marshal format, which reads
        3-4x faster than the same data as JSON (a warm pre-commit run in an archive of 7,443 posts decodes
        3.4 MB: 0.013 s against 0.035 s). marshal is not meant for data from others: no byte of the file is
        parsed before its HMAC under the user's key matches, so what is parsed is what postlint wrote."""
        data = _read_regular(self._index_file(name), MAX_INDEX_BYTES)
        if data is None or data[_MAC_LENGTH : _MAC_LENGTH + 1] != b"\n":
            return None
        payload = data[_MAC_LENGTH + 1 :]
        if not hmac.compare_digest(data[:_MAC_LENGTH], self._mac("site-" + name, payload)):
            return None  # forged, corrupt, or written with another key: never parsed
        try:
            document = marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return None
        if not isinstance(document, dict) or document.get("name") != name or document.get("version") != __version__:
            return None
        return document.get("data")

    def put_index(self, name: str, data: Any) -> None:
        """Store ``data`` (plain data: dicts, lists, strings, integers, ``None``) as the site index ``name``,
        signed, written atomically."""
        try:
            self.prepare()
            document = {"name": name, "version": __version__, "data": data}
            # A lone surrogate of a file name that is not UTF-8 passes through marshal and comes back.
            payload = marshal.dumps(document, _MARSHAL_VERSION)
            if len(payload) + _MAC_LENGTH + 1 > MAX_INDEX_BYTES:
                return
            mac = self._mac("site-" + name, payload)
            write_atomic(self._index_file(name), mac + b"\n" + payload)
        except (OSError, CacheUnavailable, ValueError):
            pass  # a read-only or full disk (or a value marshal cannot write: a bug): the next run reads the site again

    def put(self, key: str, result: FileResult, file_checks: list[tuple[str, bool | None]]) -> None:
        try:
            self.prepare()
            entry = self._entry(key)
            shard = key[:2]
            if shard not in self._shards:
                check_folder(entry.parent, create=True)
                self._shards.add(shard)
            document: dict[str, Any] = {
                "key": key,
                "version": __version__,
                "findings": [finding_to_dict(finding) for finding in result.findings],
                "source_host": result.source_host,
                "file_checks": file_checks,
                "urls": [ref.as_list() for ref in result.urls],
                "site": result.site.to_json() if result.site is not None else None,
            }
            # ASCII only: a path or message with a lone surrogate (a file name that is not UTF-8) is escaped.
            payload = json.dumps(document, ensure_ascii=True, separators=(",", ":"))
            if len(payload) + _MAC_LENGTH + 1 > MAX_ENTRY_BYTES:
                return  # too many findings to be worth caching: it would be rejected on reading
            mac = self._mac(key, payload.encode("ascii")).decode("ascii")
            write_atomic(entry, f"{mac}\n{payload}")
        except (OSError, CacheUnavailable):
            pass  # a read-only or full disk, or a folder swapped for a symlink: a useless cache, not a wrong run
