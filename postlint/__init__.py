"""postlint: a linter for Jekyll/Hugo-style post files (front matter + Markdown/HTML body)."""

from postlint.core.project import __version__

__all__ = ["__version__"]
