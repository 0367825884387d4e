"""Facts about postlint itself that outputs name: where to learn about it (from the package metadata)."""

from __future__ import annotations

from functools import lru_cache

#: postlint's version (pyproject.toml reads it from here; ``postlint.__version__`` re-exports it).
__version__ = "0.1.0"

#: Where postlint is published; used when the package metadata names no project URL (a source checkout).
DEFAULT_URL = "https://pypi.org/project/postlint/"


@lru_cache(maxsize=1)
def project_url() -> str:
    """The first https ``Project-URL`` of the installed package (its home page), else :data:`DEFAULT_URL`."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        entries: list[str] = metadata("postlint").get_all("Project-URL") or []
    except (ImportError, PackageNotFoundError):
        return DEFAULT_URL
    for entry in entries:
        _, _, value = entry.partition(",")
        if value.strip().startswith("https://"):
            return str(value.strip())
    return DEFAULT_URL
