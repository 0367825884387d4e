"""PL013 front-matter-not-at-start."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues

#: A Jekyll post's file name: its date, then its slug.
_JEKYLL_POST_NAME = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[-_]")


class FrontMatterNotAtStart(Rule[RuleOptions]):
    """The front matter does not start on the first line (blank lines come before it).

    ## What it does
    Reports front matter whose opening fence comes after one or more blank lines. Hugo and Zola skip
    leading blank lines, so the rule is quiet on their sites (config `generator = "hugo"` or `"zola"`, or
    a `hugo.toml` / `config.toml` found above the post). Where no site config says which generator builds
    the post, it reports only a file named as Jekyll names its posts (`2024-03-01-title.md`): an undated
    name in a folder of posts is as likely a Hugo page (`content/post/title/index.md`), which builds fine.

    ## Why is this bad?
    Jekyll only recognises front matter that opens on the very first line: with a blank line before it,
    the YAML is published as text and the post has no title, date or layout.

    ## Options
    None.
    """

    code = "PL013"
    name = "front-matter-not-at-start"
    severity = Severity.WARNING
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        if context.site.front_matter_after_blank_lines:
            return ()
        if context.site.generator == "unknown" and not _JEKYLL_POST_NAME.match(posixpath.basename(post.path)):
            return ()
        return load_issues(post, "front-matter-not-first-line")
