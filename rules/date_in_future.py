"""PL203 date-in-future."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import front_matter_date, timeline, value_span


class DateInFutureOptions(RuleOptions):
    #: How far ahead of "now" a date may be before it is reported (scheduled posts, clock skew).
    tolerance_hours: float = Field(default=24.0, ge=0)
    #: The last-modified keys: a change dated in the future did not happen yet.
    modified_keys: tuple[str, ...] = ("last_modified_at", "lastmod", "updated", "modified")


class DateInFuture(Rule[DateInFutureOptions]):
    """The post's `date` lies in the future, so Jekyll will not publish it.

    ## What it does
    Compares `date` with now (or `--now` / config `now`, for reproducible runs) and reports dates more than
    `tolerance-hours` ahead. On a Hugo site, `publishDate` (or `pubdate`, `published`) too: Hugo holds a page
    back until then. Zoneless dates are read in the site's time zone, or UTC. A last-modified date
    (`last_modified_at`, `lastmod`, Zola's `updated`) in the future is reported too: the page shows a change
    that has not happened.

    ## Why is this bad?
    Jekyll skips future-dated posts without a word unless the site is built with `--future`, and Hugo
    does the same unless `buildFuture` is set: the post is simply missing. In imported archives a future
    date is usually a wrong year or a time zone slip.

    ## Options
    - `tolerance-hours` (number, default 24).
    - `modified-keys` (list of strings): the last-modified keys checked too.
    """

    code = "PL203"
    name = "date-in-future"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    depends_on_now = True
    Options = DateInFutureOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if post.site.generator == "hugo":
            # Hugo publishes a page from its `publishDate` (also `publishdate`, `pubdate`, `published`) on: one
            # in the future keeps the page out of the site as a future `date` does.
            key = next((key for key in _PUBLISH_KEYS if key in post.data), None)
            if key is not None:
                yield from self._ahead(
                    post, context, key, "Hugo does not publish the page before it unless built with --buildFuture"
                )
        # A last-modified date ahead of now: the page says it was changed on a day that has not come.
        for key in self.options.modified_keys:
            if key in post.data:
                yield from self._ahead(post, context, key, "the page shows a change that has not happened yet")
        yield from self._ahead(
            post,
            context,
            "date",
            "Jekyll and Hugo skip future-dated posts unless built with --future / buildFuture",
        )

    def _ahead(self, post: Post, context: Context, key: str, consequence: str) -> Iterator[Problem]:
        """The date under ``key``, at its value, when it lies more than the tolerance ahead of now."""
        written = front_matter_date(post, key)
        if written is None:
            return
        ahead = written.timeline(context.site_timezone) - timeline(context.now)
        if ahead > dt.timedelta(hours=self.options.tolerance_hours):
            start, end = value_span(post, key)
            moment = written.as_utc(context.site_timezone)
            yield Problem(
                f"'{key}' {moment:%Y-%m-%d %H:%M} UTC is {ahead.total_seconds() / 86400:.1f} days in the future:"
                f" {consequence}",
                start,
                end,
                snippet=key,
            )


#: Hugo's names for the publication date (its front matter keys are case-insensitive).
_PUBLISH_KEYS = ("publishDate", "publishdate", "pubdate", "pubDate", "published")
