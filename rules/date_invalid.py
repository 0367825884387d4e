"""PL201 date-invalid."""

from __future__ import annotations

import datetime as dt
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
    offsets, a `date` left empty, and the placeholder days tools write when they had no date: the Unix epoch
    (`1970-01-01`, or `1969-12-31 16:00:00 -0800`, the same instant), `0001-01-01` (Go's and .NET's zero
    time) and `1900-01-01` (spreadsheets' and databases' day zero). Dates written as YAML timestamps with
    9-digit fractions (`2025-11-02 12:34:02.000000000 +00:00`) are valid. Another date key left empty
    (`last_modified_at:`, `lastmod:`, `expiryDate:`) is a date not set: Jekyll leaves it nil and themes fall
    back to `date`, Hugo falls back to `date` (or sets no expiry), so it is not reported.

    ## Why is this bad?
    Jekyll stops the build on an unreadable or empty `date` ("Invalid date ''"), or (for template values
    like `0000-00-00` and placeholder days) sorts the post to the start of time; Hugo falls back to the
    file's modification time, and never publishes a post whose `expiryDate` has passed. Either way the
    post shows the wrong date or none.

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
                if key == "date":  # another key left empty is a date not set (jekyll 4.3.1, hugo 0.111.3)
                    yield Problem(f"'{key}' is empty", start, end, snippet=key)
                continue
            try:
                date = parse_date(value, front.raw(key), post.site.date_reader)
            except DateError as error:
                yield Problem(f"'{key}': {error}", start, end, snippet=key)
                continue
            placeholder = _placeholder(date.value)
            if placeholder is not None:
                yield Problem(
                    f"'{key}' is {placeholder}: the value a tool writes when it has no date, not a real day"
                    " (the post sorts to the start of time; as `expiryDate`, Hugo never publishes it)",
                    start,
                    end,
                    snippet=key,
                )


#: Days no post was published on but tools write when a date is missing, and what each is.
_PLACEHOLDER_DAYS = {
    dt.date(1970, 1, 1): "1970-01-01, the Unix epoch",
    dt.date(1, 1, 1): "0001-01-01, the zero time of Go and .NET",
    dt.date(1900, 1, 1): "1900-01-01, day zero of spreadsheets and databases",
}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _placeholder(value: dt.datetime | dt.date) -> str | None:
    """What placeholder ``value`` is (the epoch also as a zone west of UTC writes it), or None."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value == _EPOCH:
            return "the Unix epoch (1970-01-01 00:00 UTC)"
        day = value.date()
    else:
        day = value
    return _PLACEHOLDER_DAYS.get(day)
