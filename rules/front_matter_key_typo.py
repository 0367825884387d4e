"""PL104 front-matter-key-typo."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity


class FrontMatterKeyTypo(Rule[RuleOptions]):
    """A front-matter key is a near miss of a known key (`auther` for `author`): probably a typo.

    ## What it does
    Compares each top-level key that the schema does not declare with the schema's keys, your
    `front-matter.known-keys`, and the keys Jekyll, Hugo and common themes read. A key that is a close
    match of one of them (a missing, extra or swapped letter, a different case) is reported with a
    "did you mean" suggestion, whatever `front-matter.unknown-keys` says. On a Hugo site a key that differs
    from a known one only in case is that key: Hugo reads front-matter keys case-insensitively (`Title:`,
    `Tags:` and `Date:` set the title, tags and date).

    ## Why is this bad?
    A misspelt key is silently ignored: the post loses its description, image or author and nothing
    fails. Typos like `descrition` and `imag_feature` are common in real archives.

    ## Options
    None. Declare a deliberate key in `front-matter.known-keys` to stop it being taken for a typo.
    """

    code = "PL104"
    name = "front-matter-key-typo"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        front = post.front_matter
        assert front is not None and context.schema is not None
        for key in front.data:
            suggestion = context.schema.suggest(key)
            if suggestion is None or (context.generator == "hugo" and suggestion.lower() == key.lower()):
                continue
            span = front.span(key)
            start, end = (span.key_start, span.key_end) if span else front.open_fence
            yield Problem(f"unknown key '{key}': did you mean '{suggestion}'?", start, end, snippet=key)
