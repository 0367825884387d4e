"""PL004 file-not-utf8."""

from __future__ import annotations

from collections.abc import Iterable

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import load_issues


class FileNotUtf8(Rule[RuleOptions]):
    """The file is not valid UTF-8; the message gives the byte offset of the first bad byte.

    ## What it does
    Reports a file whose bytes are not valid UTF-8 (often Latin-1, Windows-1252 or GBK from an old
    importer), pointing at the first invalid byte.

    ## Why is this bad?
    Site generators read posts as UTF-8: invalid bytes abort the build or turn into replacement
    characters (�) in the published page.

    ## Options
    None.
    """

    code = "PL004"
    name = "file-not-utf8"
    severity = Severity.ERROR
    requires = Requirement.NOTHING

    def check(self, post: Post, context: Context) -> Iterable[Problem]:
        return load_issues(post, "not-utf8")
