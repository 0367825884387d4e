"""PL206 date-epoch-comment-mismatch."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pydantic import Field

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import front_matter_date, timeline

_EPOCH = re.compile(r"\s*(\d{10}|\d{13})\s*")


class DateEpochCommentMismatchOptions(RuleOptions):
    tolerance_hours: float = Field(default=24.0, ge=0)


class DateEpochCommentMismatch(Rule[DateEpochCommentMismatchOptions]):
    """An importer's epoch timestamp comment (`<!--1616250000000-->`) is far from the post's `date`.

    ## What it does
    Feed importers often leave the item's time as an HTML comment holding Unix epoch seconds (10 digits) or
    milliseconds (13 digits) at the top of the body. This rule reads it and reports when it is more than
    `tolerance-hours` from `date`.

    ## Why is this bad?
    The comment is the importer's own record of when the item was published; a large gap means `date` was
    mis-converted (a zone applied twice, seconds read as milliseconds) and the post is filed on the wrong
    day.

    ## Options
    - `tolerance-hours` (number, default 24).
    """

    code = "PL206"
    name = "date-epoch-comment-mismatch"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = DateEpochCommentMismatchOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        date = front_matter_date(post, "date")
        if date is None or "<!--" not in post.body:
            return
        for comment in post.html.comments:
            match = _EPOCH.fullmatch(comment.text)
            if match is None:
                continue
            digits = match.group(1)
            seconds = int(digits) / (1000 if len(digits) == 13 else 1)
            stamped = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
            gap = abs(timeline(stamped) - date.timeline(context.site_timezone))
            if gap > dt.timedelta(hours=self.options.tolerance_hours):
                yield Problem(
                    f"epoch comment says {stamped:%Y-%m-%d %H:%M} UTC but 'date' is "
                    f"{date.as_utc(context.site_timezone):%Y-%m-%d %H:%M} UTC "
                    f"({gap.total_seconds() / 3600:.0f} hours apart)",
                    comment.start,
                    comment.end,
                    snippet=digits,
                )
            return
