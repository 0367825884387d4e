"""PL605 link-tracking-parameters."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from postlint.api import Context, Edit, Fix, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import TRACKING_PARAMETERS, attribute_edit


def without_tracking(url: str) -> str | None:
    """``url`` without tracking parameters, or ``None`` when it has none."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.query:
        return None
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(key, value) for key, value in pairs if not TRACKING_PARAMETERS.match(key)]
    if len(kept) == len(pairs):
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(kept), parts.fragment))


class LinkTrackingParameters(Rule[RuleOptions]):
    """A link carries tracking parameters (`utm_source`, `fbclid`, ...) copied from the source site.

    ## What it does
    Reports `<a href>` and Markdown links whose query string holds click-tracking parameters such as
    `utm_*`, `fbclid`, `gclid`, `mc_cid` or `ref_src`. Off by default: enable it with
    `extend-select = ["PL605"]`.

    ## Why is this bad?
    The parameters credit the source site's newsletter or campaign with your readers' clicks and make
    the same article look like many different URLs to caches, analytics and link checkers.

    ## Options
    None: the parameters are those of postlint's tracking-parameter list.

    ## Fix
    Unsafe (with `--unsafe-fixes`): rewrites the URL without the tracking parameters; other parameters
    keep their order. A site that really uses one of them for routing would break, so review the diff.
    """

    code = "PL605"
    name = "link-tracking-parameters"
    severity = Severity.INFO
    enabled_by_default = False
    fixable = True

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for anchor in html.iter("a"):
            href = (anchor.get("href") or "").strip()
            clean = without_tracking(href) if "?" in href else None
            if clean is None:
                continue
            start, end = html.start_tag(anchor)
            rewrite = Fix(
                (Edit(*attribute_edit(post, anchor, "href", clean)),), "drop the tracking parameters", safe=False
            )
            yield Problem(f"link carries tracking parameters: {href[:100]}", start, end, fix=rewrite)
        text = post.text or ""
        for link in post.markdown.links:
            clean = without_tracking(link.href) if "?" in link.href else None
            if clean is None:
                continue
            at = text.find(link.href, link.start, link.end)
            fix: Fix | None = None
            if at >= 0:
                fix = Fix((Edit(at, at + len(link.href), clean),), "drop the tracking parameters", safe=False)
            yield Problem(f"link carries tracking parameters: {link.href[:100]}", link.start, link.end, fix=fix)
