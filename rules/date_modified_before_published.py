"""PL207 date-modified-before-published."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import front_matter_date, value_span


class DateModifiedBeforePublishedOptions(RuleOptions):
    keys: tuple[str, ...] = ("last_modified_at", "lastmod", "updated", "modified")


class DateModifiedBeforePublished(Rule[DateModifiedBeforePublishedOptions]):
    """The post's last-modified date (`last_modified_at`, `lastmod`, `updated`) is earlier than its `date`.

    ## What it does
    Compares each last-modified key with `date` and reports one that is earlier. Date-only values are
    compared by day.

    ## Why is this bad?
    A post cannot be updated before it was published: one of the two dates is wrong, and feeds and
    sitemaps that use the modified date will mislead readers and search engines.

    ## Options
    - `keys` (list of strings): the last-modified keys to compare.
    """

    code = "PL207"
    name = "date-modified-before-published"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = DateModifiedBeforePublishedOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        published = front_matter_date(post, "date")
        if published is None:
            return
        for key in self.options.keys:
            modified = front_matter_date(post, key)
            if modified is None:
                continue
            if not (published.has_time and modified.has_time):
                earlier = modified.local_date() < published.local_date()
            else:
                earlier = modified.timeline(context.site_timezone) < published.timeline(context.site_timezone)
            if earlier:
                start, end = value_span(post, key)
                yield Problem(
                    f"'{key}' ({modified.value}) is earlier than 'date' ({published.value})",
                    start,
                    end,
                    snippet=key,
                )
