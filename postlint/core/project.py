"""Facts about postlint itself that outputs name: its version, its home, and the page that documents each rule.

The URLs come from the installed package's metadata (``[project.urls]`` in pyproject.toml: ``Homepage`` and
``Documentation``), so a fork that publishes elsewhere changes them in one place; a source checkout that was
never installed falls back to the same defaults pyproject.toml names.
"""

from __future__ import annotations

from functools import lru_cache

#: postlint's version (pyproject.toml reads it from here; ``postlint.__version__`` re-exports it).
__version__ = "0.1.0"

#: The project's home (its repository) and its documentation site, as pyproject.toml names them.
DEFAULT_URL = "https://github.com/postlint/postlint"
DEFAULT_DOCS_URL = "https://postlint.github.io/postlint/"


@lru_cache(maxsize=1)
def _project_urls() -> dict[str, str]:
    """The package metadata's ``Project-URL`` entries, by label (lower case), https only."""
    from postlint.core.entrypoints import metadata_header

    # Read from the installed METADATA file when it can be (importing importlib.metadata costs a one-file
    # run about 15 ms), else through importlib.metadata, which gives the same answer.
    entries = metadata_header("postlint", "Project-URL")
    if entries is None:
        try:
            from importlib.metadata import PackageNotFoundError, metadata

            entries = metadata("postlint").get_all("Project-URL") or []
        except (ImportError, PackageNotFoundError):
            return {}
    found: dict[str, str] = {}
    for entry in entries:
        label, _, value = entry.partition(",")
        if value.strip().startswith("https://"):
            found.setdefault(label.strip().lower(), value.strip())
    return found


def project_url() -> str:
    """postlint's home page (SARIF's ``informationUri``, the online checker's user agent)."""
    return _project_urls().get("homepage", DEFAULT_URL)


def docs_url() -> str:
    """The documentation site's root, ending in ``/``."""
    url = _project_urls().get("documentation", DEFAULT_DOCS_URL)
    return url if url.endswith("/") else url + "/"


def rule_url(name: str) -> str:
    """The page that documents the rule called ``name`` (kebab-case, as every rule is named)."""
    return f"{docs_url()}rules/{name}/"
