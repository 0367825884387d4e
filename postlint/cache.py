"""A persistent cache of findings, so an unchanged archive is re-linted almost for free.

An entry is keyed on the file's content hash, its path (file names and per-file ignores matter), and the
run's *settings fingerprint*: postlint's version, the effective config, the active rules with their options
and severities, and the context rules read (the site's zone, the generator, and "now" to the hour when a
rule depends on the time). Entries are JSON files written atomically (a temporary file, then rename), so
several processes can share a cache (pre-commit runs hooks in parallel). An entry that does not parse, or
whose recorded key is not the one asked for, is ignored and rebuilt, never trusted. Local files a rule
looked up (missing images) are re-checked with a stat call before an entry is used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from postlint import __version__
from postlint.findings import FileResult, UrlRef, finding_from_dict, finding_to_dict

CACHE_DIR_NAME = ".postlint_cache"
_GITIGNORE = "# Created by postlint: this folder is a cache and never belongs in git.\n*\n"


class FindingsCache:
    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.fingerprint = fingerprint
        self.folder = root / f"v{__version__}" / fingerprint[:16]
        self._ready = False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        gitignore = self.root / ".gitignore"
        if not gitignore.exists():
            _atomic_write(gitignore, _GITIGNORE)
        self._ready = True

    @staticmethod
    def key(content: bytes, path: str, fingerprint: str) -> str:
        digest = hashlib.sha256()
        for part in (fingerprint.encode(), b"\0", path.encode("utf-8", "surrogateescape"), b"\0", content):
            digest.update(part)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, path: str, recheck: Callable[[str], bool | None]) -> FileResult | None:
        entry = self._entry(key)
        try:
            document = json.loads(entry.read_text(encoding="utf-8"))
            if document.get("key") != key or document.get("version") != __version__:
                return None  # foreign or stale: rebuild
            for target, result in document.get("file_checks", []):
                if recheck(target) != result:
                    return None  # an image appeared or vanished since
            findings = [finding_from_dict(item, path) for item in document["findings"]]
            host = document.get("source_host")
            urls = tuple(UrlRef.from_list(item) for item in document.get("urls", []))
            return FileResult(path, findings, host if isinstance(host, str) else None, urls)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, result: FileResult, file_checks: list[tuple[str, bool | None]]) -> None:
        try:
            self._prepare()
            entry = self._entry(key)
            entry.parent.mkdir(exist_ok=True)
            document: dict[str, Any] = {
                "key": key,
                "version": __version__,
                "findings": [finding_to_dict(finding) for finding in result.findings],
                "source_host": result.source_host,
                "file_checks": file_checks,
                "urls": [ref.as_list() for ref in result.urls],
            }
            _atomic_write(entry, json.dumps(document, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            pass  # a read-only or full disk makes the cache useless, not the run wrong


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic_write(path: Path, text: str, mode: int | None = None) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``.

    The file gets ``mode``, or what a plain ``open()`` would give it (0666 less the umask): mkstemp's own
    0600 would make reports unreadable to the rest of a CI job.
    """
    import tempfile

    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix or ".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
