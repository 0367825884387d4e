"""PL605 link-tracking-parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from postlint.api import Context, Edit, Fix, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import TRACKING_PARAMETERS, attribute_edit

#: What WeChat appends to an article link (`mp.weixin.qq.com/s?__biz=…&mid=…&idx=…&sn=…`) when it is shared from
#: the phone app: the sharer's session, device and click (`scene`, the way it was opened, is on nearly every
#: copied link and is left alone).
_WECHAT_SHARE = frozenset(
    "clicktime ascene subscene devicetype version nettype abtest_cookie pass_ticket wx_header key exportkey uin"
    " sessionid sharer_sharetime sharer_shareid mpshare srcid enterid xtrack share_source from isappinstalled".split()
)
#: Parameters that a site asks for, though they look like tracking: Unsplash's attribution links must carry
#: `utm_source`/`utm_medium`.
_REQUIRED = {"unsplash.com": re.compile(r"^utm_\w+$")}
#: The links of a platform's embed code (`ref_src=twsrc^tfw…&ref_url=…` in a tweet's blockquote,
#: `ref_src=embed` in a Bluesky post's, `utm_source=ig_embed` in an Instagram post's): the platform's own
#: markup, pasted whole.
_EMBED_CODE = re.compile(r"^(?:ref_src=(?:twsrc|embed$)|utm_source=ig_embed)", re.I)
#: Share-tracking parameters that only some hosts append (the sharer's id; `si` means nothing elsewhere).
_HOST_TRACKING = {
    "youtube.com": frozenset({"si"}),
    "youtu.be": frozenset({"si"}),
    "open.spotify.com": frozenset({"si"}),
}
#: Click-tracking redirects that carry the real address in a parameter: a link copied out of a Google Doc or
#: a Google result page (`google.com/url?q=…&sa=D&ust=…&usg=…`), a Facebook post (`l.facebook.com/l.php?u=…`),
#: a YouTube description, a Tumblr post, an Outlook mail. (host pattern, path, parameters holding the target)
_REDIRECTS = (
    (re.compile(r"^(?:www\.)?google\.(?:com?\.)?[a-z]{2,3}$"), "/url", ("q", "url")),
    (re.compile(r"^(?:l|lm|m|www)\.facebook\.com$"), "/l.php", ("u",)),
    (re.compile(r"^(?:www\.|m\.)?youtube\.com$"), "/redirect", ("q",)),
    (re.compile(r"^t\.umblr\.com$"), "/redirect", ("z",)),
    (re.compile(r"^(?:[a-z0-9-]+\.)?safelinks\.protection\.outlook\.com$"), "/", ("url",)),
)


def redirect_target(url: str) -> str | None:
    """The web address a click-tracking redirect link (`google.com/url?q=…`) leads to, if ``url`` is one."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for pattern, path, names in _REDIRECTS:
        if parts.path != path or not pattern.match(host):
            continue
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if key in names and re.match(r"^https?://[^\s/]", value, re.I):
                return value.strip()
    return None


#: A value that is data, not a channel's name: a date, a time or a number (`from=2018-01-01&to=2021-08-31`
#: bounds npm-stat's chart; `from=timeline` names where a shared link was clicked).
_DATA_VALUE = re.compile(r"^[\d.:/T+-]+$")


def _tracking(host: str, key: str, value: str) -> bool:
    if host == "mp.weixin.qq.com":
        return key.lower() in _WECHAT_SHARE
    if key in _HOST_TRACKING.get(host.removeprefix("www.").removeprefix("m."), ()):
        return True
    if not TRACKING_PARAMETERS.match(key):
        return False
    if key.lower() == "from" and _DATA_VALUE.match(value):
        return False  # the start of a range the page asks for, not where the click came from
    required = _REQUIRED.get(host.removeprefix("www."))
    return not (required and required.match(key))


def without_tracking(url: str) -> str | None:
    """``url`` without tracking parameters, or ``None`` when it has none."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.query:
        return None
    host = (parts.hostname or "").lower()
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if any(_EMBED_CODE.match(f"{key}={value}") for key, value in pairs):
        return None  # the embed code of a tweet or an Instagram post, as the platform writes it
    if not any(_tracking(host, key, value) for key, value in pairs):
        return None
    # The parameters kept as they were written (re-encoding them would change `sn=ab=` to `sn=ab%3D`).
    kept = []
    for segment in parts.query.split("&"):
        decoded = parse_qsl(segment, keep_blank_values=True)
        if decoded and _tracking(host, *decoded[0]):
            continue
        kept.append(segment)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


class LinkTrackingParameters(Rule[RuleOptions]):
    """A link carries tracking parameters (`utm_source`, `fbclid`, ...) copied from the source site.

    ## What it does
    Reports `<a href>` and Markdown links whose query string holds click-tracking parameters such as
    `utm_*`, `fbclid`, `gclid`, `mc_cid` or `ref_src`, and a shared WeChat article link's session and device
    parameters the phone app appends when it shares one (`clicktime`, `devicetype`, `pass_ticket`,
    `abtest_cookie`...), and the sharer's `si` on a YouTube or Spotify link. A `from` whose value is a date
    or a number (`from=2018-01-01&to=2021-08-31`, the range of a chart) is the page's data, not a share
    channel. Parameters a site requires are left alone: Unsplash's attribution `utm_*`, and the
    `ref_src=twsrc…` of Twitter's embed code. Also reports links that go through a click-tracking redirect
    holding the real address in a parameter: a link copied out of a Google Doc or a Google result page
    (`https://www.google.com/url?q=…&sa=D&ust=…&usg=…`), a Facebook post (`l.facebook.com/l.php?u=…&h=…`), a
    YouTube description (`youtube.com/redirect?q=…`), a Tumblr post or an Outlook mail (safe links). Links in
    a copied site menu (`<nav>`) are left to outlet-boilerplate (PL502): the menu is the problem.

    ## Why is this bad?
    The parameters credit the source site's newsletter or campaign with your readers' clicks and make
    the same article look like many different URLs to caches, analytics and link checkers. A redirect
    logs every click with the service that wrapped the link, and once its signature expires (Google's
    `ust`/`usg`, Facebook's `h`) it stops forwarding: the reader lands on a "you are leaving" page.

    ## Options
    None: the parameters are those of postlint's tracking-parameter list.

    ## Fix
    Unsafe (with `--unsafe-fixes`): rewrites the URL without the tracking parameters; other parameters
    keep their order. A redirect link is replaced by its target (without tracking parameters). A site that
    really uses one of them for routing would break, so review the diff.
    """

    code = "PL605"
    name = "link-tracking-parameters"
    severity = Severity.INFO
    fixable = True

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for anchor in html.iter("a"):
            if next(anchor.iterancestors("nav"), None) is not None:
                continue  # a copied site menu: the menu is the problem (outlet-boilerplate), not each link
            href = (anchor.get("href") or "").strip()
            judged = _judge(href)
            if judged is None:
                continue
            message, clean, description = judged
            start, end = html.start_tag(anchor)
            rewrite = Fix((Edit(*attribute_edit(post, anchor, "href", clean)),), description, safe=False)
            yield Problem(message, start, end, fix=rewrite)
        text = post.text or ""
        for link in post.markdown.links:
            judged = _judge(link.href)
            if judged is None:
                continue
            message, clean, description = judged
            at = text.find(link.href, link.start, link.end)
            fix: Fix | None = None
            if at >= 0:
                fix = Fix((Edit(at, at + len(link.href), clean),), description, safe=False)
            yield Problem(message, link.start, link.end, fix=fix)


def _judge(href: str) -> tuple[str, str, str] | None:
    """The message, the clean address and the fix's description for a link that tracks its clicks."""
    if "?" not in href:
        return None
    target = redirect_target(href)
    if target is not None:
        direct = without_tracking(target) or target
        host = (urlsplit(href).hostname or "").lower()
        return f"link goes through {host}'s click-tracking redirect to {direct[:100]}", direct, "link the target itself"
    clean = without_tracking(href)
    if clean is None:
        return None
    return f"link carries tracking parameters: {href[:100]}", clean, "drop the tracking parameters"
