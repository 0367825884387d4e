"""PL707 html-javascript-url."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import lazy_regex, source_host, unescape_attribute

_URL_ATTRIBUTES = frozenset(("href", "src", "action", "formaction", "data", "poster", "xlink:href"))
# SVG animation elements set another element's attribute to these values: `<a><set attributeName="href"
# to="javascript:...">` makes the link run the code when clicked. `values` is a `;`-separated list.
_ANIMATIONS = frozenset(("set", "animate", "animatemotion", "animatetransform", "animatecolor"))
_ANIMATION_VALUES = frozenset(("to", "from", "by", "values"))
# Browsers ignore ASCII white space and control characters inside the scheme.
_JAVASCRIPT = lazy_regex(
    r"^[\x00-\x20]*j[\s\x00-\x1f]*a[\s\x00-\x1f]*v[\s\x00-\x1f]*a[\s\x00-\x1f]*s[\s\x00-\x1f]*"
    r"c[\s\x00-\x1f]*r[\s\x00-\x1f]*i[\s\x00-\x1f]*p[\s\x00-\x1f]*t[\s\x00-\x1f]*:",
    re.I,
)

_PLAIN_JAVASCRIPT = lazy_regex(r"javascript:", re.I)


class HtmlJavascriptUrl(Rule[RuleOptions]):
    """A link or source uses a `javascript:` URL.

    ## What it does
    Reports `href`, `src`, `action`, `formaction`, `data` and `poster` attributes, and Markdown link
    targets, whose URL has the `javascript:` scheme (also when disguised with white space or case), and
    SVG animations (`<set>`, `<animate>`) whose `to`, `from`, `by` or `values` is such a URL: they set a
    link's `href` to it. On Jekyll sites a Markdown target is read as kramdown writes it (`javascript\\:`
    keeps its backslash and is no scheme to a browser; `<javascript:...>` is text). What a `<noscript>`
    holds never runs and is not reported, nor is a bookmarklet the author offers in a post of their own (it
    names no source it was imported from): an `<a>` whose text or paragraph asks the reader to bookmark it
    ("Right-click this link and bookmark it:", "use this bookmarklet:", "拖到书签栏").

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
        inert = html.noscript_content  # raw text to a browser that runs scripts: never a link
        for element, attributes in html.attributes.items():
            if element in inert:
                continue
            for attribute in attributes:
                if attribute.name in _URL_ATTRIBUTES and attribute.value and _JAVASCRIPT.match(attribute.value):
                    if (
                        attribute.name == "href"
                        and element.tag == "a"
                        and _offered_bookmarklet(post, element, attribute.start)
                    ):
                        continue
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
            if html.in_raw_text(attribute.start):
                continue  # in a <textarea>, <noscript>...: text on the page
            if attribute.name in _URL_ATTRIBUTES and attribute.value and _JAVASCRIPT.match(attribute.value):
                yield Problem(
                    f"kramdown attribute list sets {attribute.name} to a javascript: URL",
                    attribute.start,
                    attribute.end,
                )
        generator = post.site.generator
        kramdown = generator == "jekyll"
        # goldmark (Hugo), pulldown-cmark (Zola) and markdown-it (Eleventy) percent-encode white space and
        # controls in a target: only a target that spells the scheme outright runs there.
        scheme = _JAVASCRIPT if generator in ("jekyll", "unknown") else _PLAIN_JAVASCRIPT
        text = post.text or ""
        definitions: dict[str, str] | None = None
        for link in post.markdown.links:
            if not scheme.match(link.href) or (kramdown and html.in_raw_text(link.start)):
                continue  # (in a <noscript> or <textarea>, text; but Hugo's default drops the raw HTML around it)
            if kramdown:
                # kramdown writes a destination as it stands: `javascript\:` keeps its backslash (no scheme to a
                # browser), and `<javascript:...>` is no autolink to it but text.
                if text.startswith("<", link.start):
                    continue
                written = _kramdown_destination(text, link.start, link.end)
                if written is None:  # a reference link: its definition's target, as written
                    if definitions is None:
                        definitions = _kramdown_definitions(post.body)
                    written = definitions.get(_reference_label(text[link.start : link.end]))
                if written is not None and not _JAVASCRIPT.match(_KRAMDOWN_REFERENCE.sub(_reference, written)):
                    continue
            yield Problem("Markdown link target is a javascript: URL", link.start, link.end)


#: Words that offer a link to the reader's bookmarks: the link is a bookmarklet, the post's point.
_BOOKMARK = lazy_regex(r"bookmark|favelet|书签|書籤|ブックマーク|북마크|lesezeichen|marque-page|favoris", re.I)


def _offered_bookmarklet(post: Post, link: Element, at: int) -> bool:
    """Whether ``link`` (its ``href`` at offset ``at`` of the file) is a bookmarklet the author offers: the post
    names no source it was imported from, and the link's text or the block it stands in speaks of bookmarking
    it: its paragraph or list item, or in Markdown (whose paragraphs are no elements here) the lines around
    it up to a blank line, at most 500 characters each way."""
    if source_host(post) is not None:
        return False  # an imported page's javascript: link came with the page
    block = link
    while block.tag not in _BLOCKS:
        parent = block.getparent()
        if parent is None or parent.tag in ("body", "html"):
            block = link
            break
        block = parent
    pieces = islice((str(piece) for piece in block.itertext()), 200)
    if _BOOKMARK.search("".join(pieces)[:5000]) is not None:
        return True
    if block is not link:
        return False
    text = post.text or ""
    before = text[max(0, at - 500) : at]
    after = text[at : at + 500]
    before = before[before.rfind("\n\n") + 1 :] if "\n\n" in before else before
    after = after[: after.find("\n\n")] if "\n\n" in after else after
    return _BOOKMARK.search(before + after) is not None


_BLOCKS = frozenset(("p", "li", "dd", "td", "th", "blockquote", "figcaption"))


# kramdown keeps a character reference in a destination only when it ends with `;` (it escapes any other `&`).
_KRAMDOWN_REFERENCE = lazy_regex(r"&#?\w+;")
# Where kramdown's scan of an inline link's destination stops (kramdown 2.4 `LINK_PAREN_STOP_RE`).
_PAREN_STOP = lazy_regex(r"(\()|(\))|\s(?=['\"])")


# A link definition as kramdown 2.4 reads it (`LINK_DEFINITION_START`): `[label]: target`, the target in `<>` or
# up to white space.
_DEFINITION = lazy_regex(r"^ {0,3}\[([^\n\]]+)\]:[ \t]*(?:<([^\n>]*)>|(\S+))", re.M)
_LABEL = lazy_regex(r"\[((?:[^\[\]\\]|\\.)*)\]\s*\[((?:[^\[\]\\]|\\.)*)\]$|\[((?:[^\[\]\\]|\\.)*)\]$", re.S)


def _normal(label: str) -> str:
    return " ".join(label.split()).lower()


def _kramdown_definitions(body: str) -> dict[str, str]:
    """Each label's target as written (kramdown keeps the first definition of a label)."""
    found: dict[str, str] = {}
    for definition in _DEFINITION.finditer(body):
        found.setdefault(_normal(definition.group(1)), definition.group(2) or definition.group(3) or "")
    return found


def _reference_label(source: str) -> str:
    """The normalised label of a reference link's source (``[text][label]``, ``[text][]``, ``[text]``)."""
    source = source.removeprefix("!")
    found = _LABEL.search(source)
    if found is None:
        return ""
    if found.group(3) is not None:
        return _normal(found.group(3))
    return _normal(found.group(2) or found.group(1))


def _reference(found: re.Match[str]) -> str:
    return unescape_attribute(found.group())


def _kramdown_destination(text: str, start: int, end: int) -> str | None:
    """The destination of the inline link ``text[start:end]`` (``[label](destination "title")``) as kramdown
    reads it: no backslash escapes, parentheses balanced, cut before a quoted title; ``None`` for a link of
    another form (a reference link), whose target is then judged as CommonMark reads it."""
    position = start + 1 if text.startswith("!", start) else start
    if not text.startswith("[", position):
        return None
    depth = 0
    while position < end:  # the label's `]`
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                break
        position += 1
    if not text.startswith("(", position + 1):
        return None
    opened = position + 1
    position = opened
    brackets = 0
    while True:
        found = _PAREN_STOP.search(text, position, end)
        if found is None:
            return None
        position = found.end()
        if found.group(2):
            brackets -= 1
            if brackets == 0:
                break
        elif found.group(1):
            brackets += 1
        else:
            break
    destination = text[opened + 1 : position - 1].strip()
    if destination.startswith("<") and destination.endswith(">"):
        destination = destination[1:-1]
    return destination
