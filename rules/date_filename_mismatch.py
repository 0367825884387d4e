"""PL204 date-filename-mismatch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import front_matter_date, value_span

_BUNDLE_INDEX = frozenset(("index", "_index"))


class DateFilenameMismatchOptions(RuleOptions):
    tolerance_days: int = Field(default=0, ge=0)


class DateFilenameMismatch(Rule[DateFilenameMismatchOptions]):
    """The date in the file name (`2021-03-20-title.md`) is not the day of `date:`.

    ## What it does
    Reads the `YYYY-MM-DD-` prefix of the file name (or of the folder of a Hugo page bundle's `index.md`;
    unpadded `2023-9-24-` too; on Zola sites `YYYY-MM-DD_` too, as Zola reads it) and compares it with
    the calendar day of `date` *as written, in its own offset*: `2020-09-01 23:30:00 +08:00` is the 1st,
    even though it is the 1st in UTC only until 16:00. On a Jekyll site with a time zone, a date with an
    offset is read as Jekyll reads it, in the site's zone (its permalink's day): `2016-08-25 09:50:00 +0300`
    is the 24th on a Los Angeles site, so `2016-08-24-x.md` agrees with it.

    ## Why is this bad?
    Jekyll takes the post's URL from the file name and its date from the front matter: when they
    disagree, the post's permalink shows one day and the page another, and links break when someone
    "fixes" either.

    ## Options
    - `tolerance-days` (integer, default 0): allowed difference in days.
    """

    code = "PL204"
    name = "date-filename-mismatch"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = DateFilenameMismatchOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        date = front_matter_date(post, "date")
        if date is None:
            return
        name = post.fs_path.name
        if post.fs_path.stem in _BUNDLE_INDEX:
            name = post.fs_path.parent.name
        match = context.site.filename_date.match(name)  # the generator's convention (`YYYY-MM-DD-` on Jekyll)
        if match is None:
            return
        try:
            named = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return
        written = date.local_date()
        where = ""
        zone = context.site_timezone
        if context.generator == "jekyll" and zone is not None and date.has_zone and isinstance(date.value, dt.datetime):
            written = date.value.astimezone(zone).date()  # Jekyll builds the URL from the date in the site's zone
            where = (
                " in the site's time zone, the day Jekyll builds its URL with" if written != date.local_date() else ""
            )
        if abs((written - named).days) > self.options.tolerance_days:
            start, end = value_span(post, "date")
            yield Problem(
                f"file name says {named.isoformat()} but 'date' is {written.isoformat()}{where}"
                + ("" if where else ": the permalink and the page disagree on the day"),
                start,
                end,
                snippet="date",
            )
