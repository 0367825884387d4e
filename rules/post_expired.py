"""PL209 post-expired."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import front_matter_date, value_span

#: Hugo's names for the expiry date, lower-cased (its front matter keys are case-insensitive).
_EXPIRY_KEYS = ("expirydate", "unpublishdate")


class PostExpired(Rule[RuleOptions]):
    """On a Hugo site, the page's `expiryDate` comes before its `date`: Hugo never shows the page.

    ## What it does
    On a Hugo site, reads `expiryDate` (also spelled `expirydate` or `unpublishdate`) and reports it, at its
    value, when it is earlier than the page's `date`. Date-only values are compared by day. An expiry that has
    simply passed is not reported: sites set one on purpose (hugoDocs retires deprecated pages that way).

    ## Why is this bad?
    Hugo leaves an expired page out of the site, its lists and its feeds unless the site is built with
    `--buildExpired`, without a word in the build. An expiry before the publication date is always a slip
    (a wrong year, or the two keys swapped): the post was never on the site.

    ## Options
    None.
    """

    code = "PL209"
    name = "post-expired"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if post.site.generator != "hugo":
            return
        key = next((k for k in post.data if isinstance(k, str) and k.lower() in _EXPIRY_KEYS), None)
        if key is None:
            return
        expiry = front_matter_date(post, key)
        if expiry is None:
            return
        published = front_matter_date(post, "date")
        if published is None:
            return
        zone = context.site_timezone
        if published.has_time and expiry.has_time:
            before = expiry.timeline(zone) < published.timeline(zone)
        else:
            before = expiry.local_date() < published.local_date()
        if before:
            start, end = value_span(post, key)
            yield Problem(
                f"'{key}' ({expiry.value}) is earlier than 'date' ({published.value}): Hugo never shows the page,"
                " it expired before it was published (unless built with --buildExpired)",
                start,
                end,
                snippet=key,
            )
