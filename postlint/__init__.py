"""postlint: a linter for Jekyll/Hugo-style post files (front matter + Markdown/HTML body)."""

__version__ = "0.1.0"

__all__ = ["__version__"]
