"""PL016 file-outside-tree."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FileOutsideTree(Rule[RuleOptions]):
    """The path leads outside the project tree (through a symlink), so it was not read.

    ## What it does
    Reports a symlink, met while walking a folder or named on the command line, in `--files-from` or by
    `--changed-since`, whose target lies outside the project tree: a file, a folder (reported once, not
    walked) or a link that points nowhere. It also reports a listed path that lies outside the tree. The
    tree is the project the linted path belongs to: the nearest folder above it that holds a postlint
    config file or `.git` (see "Symlinks and the project tree" in the README). postlint never reads,
    prints or writes what such a path leads to; links that stay inside the tree are followed as usual.

    ## Why is this bad?
    A post in the repository that links to `/etc/passwd`, to a system folder or to `/` makes a linter
    read, print (in `--diff`, in messages) and even rewrite files that are not part of the site, and on a
    CI machine a stranger's pull request chooses the target. Git stores such a link as a link and never
    follows it; the site generator would publish whatever it points to.

    ## Options
    None.
    """

    code = "PL016"
    name = "file-outside-tree"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "outside-tree")
