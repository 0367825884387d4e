"""PL018 post-not-built."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity

#: Jekyll's post file names: a date, a hyphen, a title and an extension (its ``Document::DATE_FILENAME_MATCHER``).
_POST_NAME = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.+)(\.[^.]+)$")


class PostNotBuilt(Rule[RuleOptions]):
    """A file in `_posts` that Jekyll will not build: its name has no date or no extension.

    ## What it does
    On a Jekyll site, reports (at the first line) each file in a `_posts` folder whose name Jekyll does not
    read as a post: `YYYY-MM-DD-title.ext` is required, so `hello-world.md` (no date), `2024-03-18-hello`
    (no extension) and `2024-03-18.md` (no title) are skipped by Jekyll without a word.

    ## Why is this bad?
    The author meant a post, but the site never shows it: it is in no listing, no feed and at no URL, and
    nothing in the build says so. A folder walk by postlint still lints the file, so it is not skipped here
    as silently as Jekyll skips it.

    ## Options
    None.
    """

    code = "PL018"
    name = "post-not-built"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if context.generator != "jekyll" or "_posts" not in post.fs_path.parent.parts:
            return
        name = post.fs_path.name
        if _POST_NAME.match(name) is not None:
            return
        if "." not in name:
            why = "it has no extension"
        elif re.match(r"^\d{2,4}-\d{1,2}-\d{1,2}(?:\.[^.]*)?$", name):
            why = "it has a date but no title after it"
        else:
            why = "it does not start with a date (YYYY-MM-DD-)"
        yield Problem(
            f"Jekyll does not build '{name}' as a post: {why}; name it like 'YYYY-MM-DD-title.md'",
            0,
            0,
            snippet="post-name",
        )
