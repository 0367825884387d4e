"""A persistent cache of URL results in the user's cache folder (never in the repository).

Working URLs are kept for ``cache-ok-hours`` (a week by default), broken ones for ``cache-broken-hours`` (a
day), unverifiable and refused ones not at all, so a warm re-run makes no request for fresh results. The
folder comes from the platform's convention (``platformdirs``: ``$XDG_CACHE_HOME/postlint`` on Linux); no
config key can move it, so a repository cannot hand postlint results it wrote itself. It is one SQLite
file: concurrent runs share it safely, and a damaged file is set aside and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from pathlib import Path

from postlint.online.results import BROKEN, OK, UrlResult

SCHEMA_VERSION = 1


def default_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("postlint", appauthor=False)) / "online"


class ResultStore:
    def __init__(self, folder: Path, ok_hours: float, broken_hours: float, private_allowed: bool = False) -> None:
        # What a URL answered depends on what the run may connect to: a result found while private addresses
        # were allowed (an intranet run, a test) must never answer for a run that refuses them. Each policy
        # keeps its own file.
        scope = "-private" if private_allowed else ""
        self.path = folder / f"urls-v{SCHEMA_VERSION}{scope}.sqlite3"
        self.lifetimes = {OK: ok_hours * 3600, BROKEN: broken_hours * 3600}
        self._db: sqlite3.Connection | None = None
        self._opened = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._db
        self._opened = True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
            " document TEXT NOT NULL, PRIMARY KEY (url, probe))"
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
            rows = db.execute("SELECT url, probe, checked, document FROM results").fetchall()
        except sqlite3.Error:
            return found
        for url, probe, checked, document in rows:
            if wanted.get(url) != probe:
                continue
            try:
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
        rows = [
            (
                url,
                probes[url],
                now,
                json.dumps(
                    {
                        "verdict": r.verdict,
                        "reason": r.reason,
                        "status": r.status,
                        "content_type": r.content_type,
                        "body_kind": r.body_kind,
                        "final_url": r.final_url,
                        "archived": r.archived,
                    }
                ),
            )
            for url, r in results.items()
            if r.verdict in self.lifetimes and self.lifetimes[r.verdict] > 0 and url in probes
        ]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
