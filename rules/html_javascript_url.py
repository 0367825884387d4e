"""PL707 html-javascript-url."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity

_URL_ATTRIBUTES = frozenset(("href", "src", "action", "formaction", "data", "poster", "xlink:href"))
# SVG animation elements set another element's attribute to these values: `<a><set attributeName="href"
# to="javascript:...">` makes the link run the code when clicked. `values` is a `;`-separated list.
_ANIMATIONS = frozenset(("set", "animate", "animatemotion", "animatetransform", "animatecolor"))
_ANIMATION_VALUES = frozenset(("to", "from", "by", "values"))
# Browsers ignore ASCII white space and control characters inside the scheme.
_JAVASCRIPT = re.compile(
    r"^[\x00-\x20]*j[\s\x00-\x1f]*a[\s\x00-\x1f]*v[\s\x00-\x1f]*a[\s\x00-\x1f]*s[\s\x00-\x1f]*"
    r"c[\s\x00-\x1f]*r[\s\x00-\x1f]*i[\s\x00-\x1f]*p[\s\x00-\x1f]*t[\s\x00-\x1f]*:",
    re.I,
)


class HtmlJavascriptUrl(Rule[RuleOptions]):
    """A link or source uses a `javascript:` URL.

    ## What it does
    Reports `href`, `src`, `action`, `formaction`, `data` and `poster` attributes, and Markdown link
    targets, whose URL has the `javascript:` scheme (also when disguised with white space or case), and
    SVG animations (`<set>`, `<animate>`) whose `to`, `from`, `by` or `values` is such a URL: they set a
    link's `href` to it.

    ## Why is this bad?
    Clicking runs code from the post on your site; copied from an outlet it runs code meant for their
    page. It is also the most common way stored XSS hides in content.

    ## Options
    None.
    """

    code = "PL707"
    name = "html-javascript-url"
    severity = Severity.ERROR

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        # No search of the body first: "script" can be spelled "scr\tipt" or "scr&#105;pt" and still run.
        html = post.html
        for element, attributes in html.attributes.items():
            for attribute in attributes:
                if attribute.name in _URL_ATTRIBUTES and attribute.value and _JAVASCRIPT.match(attribute.value):
                    yield Problem(
                        f"<{element.tag}> {attribute.name} is a javascript: URL", attribute.start, attribute.end
                    )
                elif (
                    attribute.name in _ANIMATION_VALUES
                    and element.tag in _ANIMATIONS
                    and attribute.value
                    and any(_JAVASCRIPT.match(value) for value in attribute.value.split(";"))
                ):
                    yield Problem(
                        f"<{element.tag}> {attribute.name} sets a javascript: URL", attribute.start, attribute.end
                    )
        # kramdown attribute lists can replace a link's target: `[a](/x){: href="javascript:..."}` (Jekyll).
        for attribute in post.attribute_lists:
            if attribute.name in _URL_ATTRIBUTES and attribute.value and _JAVASCRIPT.match(attribute.value):
                yield Problem(
                    f"kramdown attribute list sets {attribute.name} to a javascript: URL",
                    attribute.start,
                    attribute.end,
                )
        for link in post.markdown.links:
            if _JAVASCRIPT.match(link.href):
                yield Problem("Markdown link target is a javascript: URL", link.start, link.end)
