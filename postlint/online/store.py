"""A persistent cache of URL results in the user's cache folder (never in the repository).

Working URLs are kept for ``cache-ok-hours`` (a week by default), broken ones for ``cache-broken-hours`` (a
day), unverifiable and refused ones not at all, so a warm re-run makes no request for fresh results. The
folder is ``online/`` in the findings cache's folder (``platformdirs``: ``$XDG_CACHE_HOME/postlint`` on
Linux, or ``$POSTLINT_CACHE_DIR``, which CI jobs point at a folder they restore); no config key can move it.

It is one SQLite file: concurrent runs share it safely, and a damaged file is set aside and rebuilt. Because
``POSTLINT_CACHE_DIR`` may point inside a checkout, the store trusts nothing it did not write itself, as the
findings cache does: the folder and file must be ours and not symlinks, and every row carries an HMAC made
with the findings cache's key, so a database a pull request committed ("every link is fine") answers nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sqlite3
import time
from pathlib import Path

from postlint.knowledge.urlresults import BROKEN, OK, UrlResult
from postlint.run.cache import CacheUnavailable, cache_base, check_file, check_folder, load_key

#: 2: rows carry an HMAC (files of version 1 are never read).
SCHEMA_VERSION = 2


def default_folder() -> Path:
    return cache_base() / "online"


class ResultStore:
    def __init__(
        self,
        folder: Path,
        ok_hours: float,
        broken_hours: float,
        private_allowed: bool = False,
        key: bytes | None = None,
    ) -> None:
        """``key`` signs and verifies rows; by default the findings cache's key (made on first use)."""
        # What a URL answered depends on what the run may connect to: a result found while private addresses
        # were allowed (an intranet run, a test) must never answer for a run that refuses them. Each policy
        # keeps its own file.
        scope = "-private" if private_allowed else ""
        self.path = folder / f"urls-v{SCHEMA_VERSION}{scope}.sqlite3"
        self.lifetimes = {OK: ok_hours * 3600, BROKEN: broken_hours * 3600}
        self._key = key
        self._db: sqlite3.Connection | None = None
        self._opened = False
        #: Why the store is not used, when it is not (shown by the CLI as a warning).
        self.unavailable: str | None = None

    def _mac(self, url: str, probe: str, checked: float, document: str) -> str:
        assert self._key is not None
        signed = json.dumps([url, probe, repr(checked), document], ensure_ascii=True).encode("ascii")
        return hmac.new(self._key, signed, hashlib.sha256).hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._db
        self._opened = True
        try:
            if self._key is None:
                self._key = load_key(cache_base())
            check_folder(self.path.parent, create=True, mode=0o700)
            check_file(self.path)
        except CacheUnavailable as error:
            self.unavailable = str(error)
            return None
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".damaged"))
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError):
                self._db = None
        except OSError:
            self._db = None  # an unwritable cache folder makes runs slower, not wrong
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)
        db.execute(
            "CREATE TABLE IF NOT EXISTS results (url TEXT NOT NULL, probe TEXT NOT NULL, checked REAL NOT NULL,"
            " document TEXT NOT NULL, mac TEXT NOT NULL, PRIMARY KEY (url, probe))"
        )
        db.execute("SELECT count(*) FROM results").fetchone()
        return db

    def get_many(self, wanted: dict[str, str]) -> dict[str, UrlResult]:
        """Fresh results for ``url -> probe``; missing, stale and unreadable entries are left out."""
        db = self._connect()
        found: dict[str, UrlResult] = {}
        if db is None or not wanted:
            return found
        now = time.time()
        try:
            rows = db.execute("SELECT url, probe, checked, document, mac FROM results").fetchall()
        except sqlite3.Error:
            return found
        for url, probe, checked, document, mac in rows:
            if wanted.get(url) != probe:
                continue
            try:
                if not hmac.compare_digest(str(mac), self._mac(url, probe, float(checked), document)):
                    continue  # not written by this user's postlint: never trusted
                data = json.loads(document)
                result = UrlResult(
                    url,
                    str(data["verdict"]),
                    str(data["reason"]),
                    data.get("status"),
                    data.get("content_type"),
                    data.get("body_kind"),
                    data.get("final_url"),
                    archived=data.get("archived"),
                    from_cache=True,
                )
            except (ValueError, KeyError, TypeError):
                continue
            lifetime = self.lifetimes.get(result.verdict)
            if lifetime is None or not (0 <= now - float(checked) < lifetime):
                continue
            found[url] = result
        return found

    def put_many(self, results: dict[str, UrlResult], probes: dict[str, str]) -> None:
        db = self._connect()
        if db is None:
            return
        now = time.time()
        rows = []
        for url, r in results.items():
            if r.verdict not in self.lifetimes or self.lifetimes[r.verdict] <= 0 or url not in probes:
                continue
            document = json.dumps(
                {
                    "verdict": r.verdict,
                    "reason": r.reason,
                    "status": r.status,
                    "content_type": r.content_type,
                    "body_kind": r.body_kind,
                    "final_url": r.final_url,
                    "archived": r.archived,
                }
            )
            rows.append((url, probes[url], now, document, self._mac(url, probes[url], now, document)))
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
