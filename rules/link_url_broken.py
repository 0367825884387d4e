"""PL607 link-url-broken (online, off by default)."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import BROKEN, Context, Judgement, OnlineRule, Post, RuleOptions, Severity, UrlResult, UrlUse
from postlint.helpers import checkable_url


class Options(RuleOptions):
    #: Also report links that could not be verified (time-outs, 5xx, 429, refused addresses), as info.
    report_unverifiable: bool = False


class LinkUrlBroken(OnlineRule[Options]):
    """A body link is dead (with `--online`): 404, 410, a redirect loop, or no such host.

    ## What it does
    With `--online`, requests the target of every remote link in the body (`<a href>` and Markdown links)
    once per run and reports, at the link, those whose server says they are gone: 404, 410, a redirect
    loop, or a host that does not exist. Off by default (`extend-select = ["PL607"]`): an archive's body
    links are many, and most are the outlet's own navigation. Without `--online` this rule does nothing.

    ## Why is this bad?
    Readers who follow the link land on an error page.

    ## Options
    - `report-unverifiable` (bool, default false): also report links that could not be verified, as info.
    """

    code = "PL607"
    name = "link-url-broken"
    honours_proofer_ignore = True
    severity = Severity.WARNING
    enabled_by_default = False
    Options = Options

    def urls(self, post: Post, context: Context) -> Iterator[UrlUse]:
        html = post.html
        for anchor in html.iter("a"):
            attribute = html.attribute(anchor, "href")
            url = checkable_url(attribute.value) if attribute is not None and attribute.value else None
            if attribute is not None and url:
                yield UrlUse(url, attribute.start, attribute.end, "link")
        for link in post.markdown.links:
            url = checkable_url(link.href)
            if url:
                yield UrlUse(url, link.start, link.end, "Markdown link")

    def judge(self, use: UrlUse, result: UrlResult) -> Judgement | None:
        shown = use.url[:150]
        if result.verdict == BROKEN:
            return Judgement(f"{use.what} '{shown}' is dead: {result.reason}", True)
        if result.verdict != "ok" and self.options.report_unverifiable:
            return Judgement(f"{use.what} '{shown}' could not be verified: {result.reason}", False)
        return None
