"""PL201 date-invalid."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import DateError, parse_date, value_span


class DateInvalidOptions(RuleOptions):
    #: Front-matter keys that hold dates.
    keys: tuple[str, ...] = ("date", "lastmod", "last_modified_at", "updated", "modified", "publishDate", "expiryDate")


class DateInvalid(Rule[DateInvalidOptions]):
    """A front-matter date cannot be read, or names a day that does not exist.

    ## What it does
    Reads each date key the way a site generator would and reports values that are not dates
    (`2023-01-29 18:30:22 2023 -0800`), impossible dates (`0000-00-00`, `2021-02-30`), bad times or
    offsets, and keys left empty. Dates written as YAML timestamps with 9-digit fractions
    (`2025-11-02 12:34:02.000000000 +00:00`) are valid.

    ## Why is this bad?
    Jekyll stops the build on an unreadable date, or (for template values like `0000-00-00`) sorts the
    post to the start of time; Hugo falls back to the file's modification time. Either way the post shows
    the wrong date or none.

    ## Options
    - `keys` (list of strings): the keys that hold dates.
    """

    code = "PL201"
    name = "date-invalid"
    severity = Severity.ERROR
    requires = Requirement.FRONT_MATTER
    Options = DateInvalidOptions
    #: The schema reads its date keys with the same parser: an unreadable date is one finding, this one.
    supersedes = ("PL102",)

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        front = post.front_matter
        assert front is not None
        keys = self.options.keys
        if context.schema is not None:  # the keys the schema types as dates are read here too (one grammar)
            keys += tuple(key for key in context.schema.date_keys if key not in keys)
        for key in keys:
            if key not in front.data:
                continue
            value = front.data[key]
            start, end = value_span(post, key)
            if key == "date" and context.site.is_date_keyword(value):
                continue  # resolved by the generator itself (Eleventy's `git Last Modified`)
            if value is None or (isinstance(value, str) and not value.strip()):
                yield Problem(f"'{key}' is empty", start, end, snippet=key)
                continue
            try:
                parse_date(value, front.raw(key), post.site.date_reader)
            except DateError as error:
                yield Problem(f"'{key}': {error}", start, end, snippet=key)
