"""PL202 date-missing-timezone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from postlint.api import Context, Edit, Fix, Post, PostDate, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import front_matter_date, value_span


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
    When the site's time zone is known (`timezone` in postlint's config or Jekyll's `_config.yml`, or
    `timeZone` in Hugo's `hugo.toml` / `config.toml`),
    zoneless values are read in it and are not reported, unless `when-site-timezone = "report"`.

    ## Why is this bad?
    A zoneless time is read in the zone of whatever machine builds the site: the post's date, its URL
    (`/2025/12/28/`) and its place in the feed change between a laptop and CI.

    ## Options
    - `keys` (list of strings): the keys to check.
    - `allow-date-only` (bool, default true): accept date-only values.
    - `when-site-timezone` (`"ignore"` or `"report"`, default `"ignore"`).

    ## Fix
    Unsafe (with `--unsafe-fixes`), when the site's time zone is known and `when-site-timezone = "report"`:
    appends that zone's offset on that day (`2025-12-28 19:50:27` becomes `2025-12-28 19:50:27 +08:00`
    in YAML, `2025-12-28T19:50:27+08:00` in TOML, which takes it attached), which keeps the post where
    the site put it but makes it independent of the build machine.
    """

    code = "PL202"
    name = "date-missing-timezone"
    severity = Severity.WARNING
    fixable = True
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
                fix=self._with_offset(post, key, date, context, start, end),
            )

    @staticmethod
    def _with_offset(post: Post, key: str, date: PostDate, context: Context, start: int, end: int) -> Fix | None:
        """Append the site zone's offset on that day (summer time included) to the value as written."""
        zone = context.site_timezone
        front = post.front_matter
        if zone is None or not isinstance(date.value, dt.datetime) or front is None:
            return None
        raw = front.raw(key)
        written = (post.text or "")[start:end]
        if not raw or raw not in written:
            return None
        offset = zone.utcoffset(date.value)
        if offset is None:
            return None
        minutes = int(offset.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        text = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        at = start + written.index(raw) + len(raw)
        # YAML timestamps take the offset after a space; TOML date-times need it attached.
        separator = "" if front.format == "toml" else " "
        return Fix((Edit(at, at, separator + text),), f"write the site's offset ({text})", safe=False)
