"""PL606 source-url-broken (online)."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import (
    BROKEN,
    OK,
    Context,
    Judgement,
    OnlineRule,
    Post,
    Requirement,
    RuleOptions,
    Severity,
    UrlResult,
    UrlUse,
)
from postlint.helpers import SOURCE_URL_KEYS, checkable_url, value_span


class Options(RuleOptions):
    #: The front-matter keys that hold the source URL.
    keys: tuple[str, ...] = SOURCE_URL_KEYS
    #: Also report source URLs that could not be verified (time-outs, 5xx, 429, refused addresses), as info.
    report_unverifiable: bool = True


class SourceUrlBroken(OnlineRule[Options]):
    """The front-matter source URL is dead (with `--online`): 404, 410, a redirect loop, or no such host.

    ## What it does
    With `--online` (or `online = true`), requests the URL in each source key (`from`, `source`,
    `original_url`, `link`, ...) once per run and reports, at the front-matter value, a URL whose server
    says it is gone: 404, 410, a redirect loop, or a host that does not exist. With
    `online.archive-suggestions = true` the message names an archived copy from the Wayback Machine's
    availability API when there is one. What could not be verified (time-outs, 5xx after retries, 429, bot
    walls, TLS trouble, addresses the SSRF policy refuses) is reported as `info` with the reason. Without
    `--online` this rule does nothing.

    ## Why is this bad?
    The source URL is the post's provenance and its "read the original" link. When the outlet moved or
    deleted the article, readers follow a dead link; an archived copy keeps the attribution useful.

    ## Options
    - `keys` (list of strings): the front-matter keys that hold the source URL.
    - `report-unverifiable` (bool, default true): also report URLs that could not be verified, as info.
    """

    code = "PL606"
    name = "source-url-broken"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = Options

    def urls(self, post: Post, context: Context) -> Iterator[UrlUse]:
        for key in self.options.keys:
            value = post.data.get(key)
            url = checkable_url(value) if isinstance(value, str) else None
            if url:
                start, end = value_span(post, key)
                yield UrlUse(url, start, end, f"front-matter '{key}'")

    def judge(self, use: UrlUse, result: UrlResult) -> Judgement | None:
        shown = use.url[:150]
        if result.verdict == OK:
            return None
        if result.verdict == BROKEN:
            archived = f"; an archived copy: {result.archived[:300]}" if result.archived else ""
            return Judgement(f"source URL in {use.what} '{shown}' is dead: {result.reason}{archived}", True)
        if not self.options.report_unverifiable:
            return None
        return Judgement(f"source URL in {use.what} '{shown}' could not be verified: {result.reason}", False)
