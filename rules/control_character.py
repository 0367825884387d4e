"""PL019 control-character."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Edit, Fix, Post, Problem, Rule, RuleOptions, Severity

#: C0 controls other than tab, line feed, form feed and carriage return (which HTML, Markdown and YAML read as
#: white space), DEL, and the C1 controls (U+0080 to U+009F: what Windows-1252 quotes and dashes become when
#: a file is read as Latin-1). NUL is a binary file's mark (`file-binary`, PL003).
_CONTROL = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]+")


class ControlCharacter(Rule[RuleOptions]):
    """The body holds a control character (a backspace, an escape, DEL, a C1 control).

    ## What it does
    Reports each run of control characters in the body: the C0 controls other than tab, line feed, form
    feed and carriage return (a backspace `U+0008` pasted from a terminal or an editor, an escape
    `U+001B`), DEL (`U+007F`), and the C1 controls `U+0080` to `U+009F`, which are what curly quotes and
    dashes become when Windows-1252 text is decoded as Latin-1. The front matter is YAML's to refuse.

    ## Why is this bad?
    Nothing shows a control character as what it was: browsers draw nothing or a box, a feed reader or an
    XML sitemap that carries the text is invalid XML (XML 1.0 forbids most of them), and search and copy
    treat the word around it as two.

    ## Options
    None.

    ## Fix
    Safe: deletes the characters.
    """

    code = "PL019"
    name = "control-character"
    severity = Severity.WARNING
    fixable = True

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if post.text is None:  # not text: postlint reports that itself
            return
        for match in _CONTROL.finditer(post.body):
            start, end = post.body_start + match.start(), post.body_start + match.end()
            shown = ", ".join(f"U+{ord(character):04X}" for character in match.group()[:5])
            more = f" and {len(match.group()) - 5} more" if len(match.group()) > 5 else ""
            fix = Fix((Edit(start, end, ""),), "delete the control characters")
            yield Problem(
                f"control character {shown}{more} in the text: no reader sees it as anything", start, end, fix=fix
            )
