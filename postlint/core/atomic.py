"""Writing a file so that a reader sees the old bytes or the new ones, never half of them.

Every file postlint writes goes through :func:`write_atomic`: ``--fix`` rewriting a post, reports
(``-o``), baselines, ``init``'s ``postlint.toml`` and the findings cache. The bytes go to a temporary file in
the same folder, which is then renamed over the target: the rename replaces the directory entry itself, so
a symlink at the target is replaced, never written through, and the original stays untouched if anything
fails before the rename.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(
    path: Path, payload: bytes | str, *, mode: int | None = None, replacing: os.stat_result | None = None
) -> str | None:
    """Write ``payload`` (text is written as UTF-8) to ``path`` through a temporary file; returns why the
    file was left alone, or ``None`` once written.

    A new file gets ``mode``, or what a plain ``open()`` would give it (0666 less the umask: mkstemp's own
    0600 would make reports unreadable to the rest of a CI job). ``replacing`` is the ``lstat`` of the
    regular file being rewritten (``--fix``): the new file keeps its owner, group and mode, is synced to
    disk, and replaces it only if ``path`` is still that file (a file that changed kind or identity since
    it was checked is left alone)."""
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    target = os.path.join(folder, os.path.basename(path))
    if replacing is not None:
        prefix, suffix = f".{os.path.basename(path)}.", ".postlint"
    else:
        prefix, suffix = ".tmp-", Path(path).suffix or ".tmp"
    import tempfile  # here: a run that writes nothing does not import it (with shutil, bz2, lzma, random)

    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if replacing is not None:
                made = os.fstat(handle.fileno())
                if hasattr(os, "fchown") and (made.st_uid, made.st_gid) != (replacing.st_uid, replacing.st_gid):
                    try:
                        os.fchown(handle.fileno(), replacing.st_uid, replacing.st_gid)
                    except PermissionError:
                        os.unlink(temporary)
                        return "cannot keep the file's owner and group"
                os.chmod(temporary, stat.S_IMODE(replacing.st_mode))  # after chown, which may clear set-id bits
                os.fsync(handle.fileno())
        if replacing is None:
            os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        else:
            now = os.lstat(target)
            if (now.st_dev, now.st_ino) != (replacing.st_dev, replacing.st_ino) or not stat.S_ISREG(now.st_mode):
                os.unlink(temporary)
                return "the file changed while it was being fixed"
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return None
