"""PL706 html-event-handler."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity


class HtmlEventHandler(Rule[RuleOptions]):
    """An element carries an inline event handler (`onclick`, `onerror`, `oncontextmenu`, ...).

    ## What it does
    Reports attributes whose name starts with `on` followed by an event name, such as `onclick`,
    `onerror`, `onload` or `oncontextmenu`, in HTML tags and in kramdown attribute lists
    (`![photo](/p.png){: onerror="..."}`, which Jekyll renders as the image's attribute; kramdown ignores a
    span list that follows text, as in `## Title {: onclick=...}`). What a `<noscript>` holds never runs
    (browsers that run scripts read it as text) and is not reported, nor is a handler on a `<picture>`'s
    `<source>` (`<source srcset=… onerror="this.srcset=…">`, as Matters writes every picture): a picture's
    sources are never rendered or fetched on their own, their `load` and `error` events fire at the `<img>`,
    so the browser never runs it. An attribute with no value holds no code (`<filter-container oninit>`, a web
    component's flag): nothing runs, and it is not reported.

    ## Why is this bad?
    Inline handlers run JavaScript from the post on your site (an `onerror` on an image is a classic
    injection vector) and are blocked by any Content Security Policy without `unsafe-inline`. Copied
    from an outlet, they usually reference functions that do not exist on your site.

    ## Options
    None.
    """

    code = "PL706"
    name = "html-event-handler"
    severity = Severity.ERROR

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        # Every attribute the reader parsed, not a search of the source first: browsers also read
        # `<IMG SRC=x ONERROR=...>` and `<img src="x"onerror=...>`.
        html = post.html
        inert = html.noscript_content  # raw text to a browser that runs scripts: never a handler
        for element, attributes in html.attributes.items():
            if element in inert or _picture_source(element):
                continue
            for attribute in attributes:
                if attribute.name.startswith("on") and len(attribute.name) > 3 and attribute.name.isalpha():
                    if not (attribute.value or "").strip():
                        continue  # no code at all (a component's flag, `<filter-container oninit>`): nothing runs
                    yield Problem(
                        f"<{element.tag}> has an inline event handler {attribute.name}", attribute.start, attribute.end
                    )
        # kramdown attribute lists set attributes too: `![x](/p.png){: onerror="..."}` (Jekyll).
        for attribute in post.attribute_lists:
            if html.in_raw_text(attribute.start):
                continue  # in a <textarea>, <noscript>...: text on the page
            if attribute.name.startswith("on") and len(attribute.name) > 3 and attribute.name.isalpha():
                yield Problem(
                    f"kramdown attribute list sets an inline event handler {attribute.name}",
                    attribute.start,
                    attribute.end,
                )


def _picture_source(element: Element) -> bool:
    """Whether ``element`` is a `<source>` of a `<picture>`, whose events the browser fires at the `<img>`."""
    parent = element.getparent()
    return element.tag == "source" and parent is not None and parent.tag == "picture"
