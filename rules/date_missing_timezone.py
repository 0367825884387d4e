"""PL202 date-missing-timezone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from postlint.api import (
    Context,
    Post,
    Problem,
    Requirement,
    Rule,
    RuleOptions,
    Severity,
    front_matter_date,
    value_span,
)


class DateMissingTimezoneOptions(RuleOptions):
    keys: tuple[str, ...] = ("date",)
    #: Date-only values (`2021-03-20`) carry no time, so no zone is needed.
    allow_date_only: bool = True
    #: With a site time zone (config `timezone` or `_config.yml`), zoneless dates are read in it: "ignore"
    #: them, or still "report" them.
    when_site_timezone: Literal["ignore", "report"] = "ignore"


class DateMissingTimezone(Rule[DateMissingTimezoneOptions]):
    """A front-matter date-time has no time zone, and no site time zone says how to read it.

    ## What it does
    Reports a date-time such as `2025-12-28 19:50:27` written without `Z` or an offset like `+08:00`.
    When the site's time zone is known (`timezone` in postlint's config or in Jekyll's `_config.yml`),
    zoneless values are read in it and are not reported, unless `when-site-timezone = "report"`.

    ## Why is this bad?
    A zoneless time is read in the zone of whatever machine builds the site: the post's date, its URL
    (`/2025/12/28/`) and its place in the feed change between a laptop and CI.

    ## Options
    - `keys` (list of strings): the keys to check.
    - `allow-date-only` (bool, default true): accept date-only values.
    - `when-site-timezone` (`"ignore"` or `"report"`, default `"ignore"`).
    """

    code = "PL202"
    name = "date-missing-timezone"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = DateMissingTimezoneOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if context.site_timezone is not None and self.options.when_site_timezone == "ignore":
            return
        for key in self.options.keys:
            date = front_matter_date(post, key)
            if date is None or date.has_zone or (not date.has_time and self.options.allow_date_only):
                continue
            start, end = value_span(post, key)
            written = (post.text or "")[start:end].strip("'\" ")
            what = "date-time" if date.has_time else "date"
            yield Problem(
                f"'{key}' {what} {written} has no time zone: it is read in the build machine's zone "
                "(add an offset like +08:00, or set the site's timezone)",
                start,
                end,
                snippet=key,
            )
