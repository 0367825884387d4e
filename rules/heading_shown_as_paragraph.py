"""PL715 heading-shown-as-paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import element_text, lazy_regex

#: An attribution line: a dash run (`——`, `—`, `――`, `－－`, `--`) and then the speaker, as a pull quote's
#: source is written under it (`—— Georjina，加利福尼亚州洛杉矶市，Lyft司机`).
_ATTRIBUTION = lazy_regex(r"(?:——|—|――|―|－－|--)\s*\S")
#: How long an attribution line and a heading may be, in characters.
_ATTRIBUTION_MAX = 100
_HEADING_MAX = 150
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class HeadingShownAsParagraph(Rule[RuleOptions]):
    """A section heading was imported as a plain paragraph: it stands where the post's headings stand.

    ## What it does
    In the HTML of a post whose headings (`<h2>`…) are each followed by an attribution line, a dash and a speaker
    (`<h2>“他一直在我的生活里发出噪音”</h2><p><strong>——Georjina，洛杉矶，Lyft司机</strong></p>`), reports a
    short paragraph that is followed by an attribution line of the same form (the same element, the dash
    in the same inline element) but is not a heading: the next section's heading, which lost its
    markup on the way (`<p>“这是美国历史上绝无仅有的情况…”</p><p><strong>——Tristram T.，巴尔的摩</strong></p>`).
    Only the post's own layout is trusted: a post with no heading over an attribution line is not judged,
    and a quotation over its source in the body (a `<blockquote>` with its `——` line, a paragraph longer
    than a heading) is left alone.

    ## Why is this bad?
    The reader sees the first section open with a heading and the next ones run on as body text; the page's
    outline, its table of contents and screen readers' heading navigation skip the sections whose heading
    was lost.

    ## Options
    None.
    """

    code = "PL715"
    name = "heading-shown-as-paragraph"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if not any(f"<{tag}" in post.body for tag in _HEADINGS):
            return
        html = post.html
        text = post.text or ""
        # attribution form -> the first heading over one: its tag and line
        forms: dict[tuple[str, str | None], tuple[str, int]] = {}
        for heading in html.iter(*_HEADINGS):
            under = _next_element(heading)
            form = _attribution_form(under) if under is not None else None
            if form is not None and form not in forms and heading in html.start_tags:
                forms[form] = (str(heading.tag), text.count("\n", 0, html.start_tag(heading)[0]) + 1)
        if not forms:
            return
        for paragraph in html.iter("p"):
            if paragraph not in html.start_tags or len(paragraph):
                continue  # a paragraph holding elements (links, bold) is body text, not a heading
            words = element_text(paragraph, html)
            if not words or len(words) > _HEADING_MAX or _ATTRIBUTION.match(words):
                continue
            under = _next_element(paragraph)
            form = _attribution_form(under) if under is not None else None
            if form is None or form not in forms:
                continue
            tag, line = forms[form]
            start, end = html.start_tag(paragraph)
            shown = words if len(words) <= 30 else words[:29] + "…"
            yield Problem(
                f"'{shown}' is set as a paragraph but stands where this post's headings stand, over an attribution"
                f" line like the <{tag}> at line {line}: a section heading lost its markup on the way",
                start,
                end,
            )


def _next_element(element: Element) -> Element | None:
    """The element right after ``element``, with only white space between them, or ``None``."""
    following = element.getnext()
    if following is None or (element.tail or "").strip() or not isinstance(following.tag, str):
        return None
    return following


def _attribution_form(element: Element) -> tuple[str, str | None] | None:
    """The form of ``element`` if it is an attribution line (a short block whose text opens with a dash):
    its tag and the tag of the inline element that holds the dash (``("p", "strong")``), else ``None``."""
    if element.tag not in ("p", "div"):
        return None
    words = element_text(element)
    if len(words) > _ATTRIBUTION_MAX or not _ATTRIBUTION.match(words):
        return None
    first = element[0] if len(element) and not (element.text or "").strip() else None
    return (str(element.tag), str(first.tag) if first is not None else None)
