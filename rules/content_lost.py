"""PL709 content-lost."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import in_code


class ContentLost(Rule[RuleOptions]):
    """Something the article showed was lost on the way: a dropped block, an embed or player left empty.

    ## What it does
    Reports the marks a lost piece of the article leaves in a post, each where the piece stood:
    - `<!-- raw HTML omitted -->`: Hugo's Markdown renderer (Goldmark without `unsafe`) dropped raw HTML
      when the page was rendered, and the rendered page was saved as the post;
    - an embed or player shell whose media is gone: an element named for an embed or a player (a class or
      id with `embed`, `player`, `video`, `flourish`, `youtube`, `tweet`...) that holds no media (no iframe,
      video, audio, image, object or canvas) and no text, or a `<video>`/`<audio>` without a source. Media
      that stands only in a `<noscript>` next to it does not count: browsers that run scripts never show it;
    - a tag whose name ran into its first attribute (`<imgsrc="…">`, `<ahref="…">`): browsers read one
      unknown element, and the image or link is not there.

    A shell is reported once, at the outermost empty element; a post that loads scripts itself (which may
    fill such shells) is left alone for shells. The omitted-HTML markers of one post are one finding (one
    render dropped them all), at the first, counting the others.

    ## Why is this bad?
    The reader sees a gap, or only the caption or credit of a chart, a video or a post that is no longer
    there; the text around it often refers to it ("the chart below shows"). The fix is to restore the piece
    from the source (an image of the chart, a link to the video) or to say that it is gone.

    ## Options
    None.
    """

    code = "PL709"
    name = "content-lost"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        omitted = [comment for comment in html.comments if _OMITTED.fullmatch(comment.text)]
        if omitted:
            first, others = omitted[0], omitted[1:]
            more = f" (and {len(others)} more {'place' if len(others) == 1 else 'places'})" if others else ""
            yield Problem(
                f"'<!-- raw HTML omitted -->'{more}: Hugo's Markdown renderer dropped raw HTML here when the page was"
                " rendered and saved, so what stood here is lost",
                first.start,
                first.end,
                related=tuple((comment.start, comment.end) for comment in others[:20]),
            )
        text = post.text or ""
        body = post.body
        for glued in _GLUED.finditer(body):
            if in_code(post, glued.start()):
                continue
            name = glued.group(1).lower()
            start = post.body_start + glued.start()
            close = body.find(">", glued.end())
            end = post.body_start + (close + 1 if close >= 0 else glued.end())
            shown = "shows the tag as text" if post.is_markdown else "read an unknown element"
            yield Problem(
                f"'{glued.group(0)}': the tag name '{name}' ran into its first attribute (no space), so the page"
                f" {shown} and no {_WHAT.get(name, name)}",
                start,
                end,
            )
        if any(script.get("src") for script in html.iter("script")):
            return  # the post loads scripts, which may fill the shells
        if not (html.iter("video") or html.iter("audio")):
            # Without a player, a shell is named by a word of its class or id: a post whose attributes hold none
            # of those words anywhere (most) has none, and its elements are not walked.
            attribute_text = html.attribute_text  # (lower-cased; made once per post for the selector packs)
            if not any(word in attribute_text for word in _SHELL_WORDS):
                return
        reported: set[Element] = set()
        for element in html.elements:
            if element not in html.start_tags or not isinstance(element.tag, str):
                continue
            if any(ancestor in reported for ancestor in element.iterancestors()):
                continue
            if next(element.iterancestors("noscript", "template", "pre", "code"), None) is not None:
                continue
            what = _shell(element)
            if what is None or _alive(element):
                continue
            reported.add(element)
            start, tag_end = html.start_tag(element)
            fallback = _noscript_fallback(element)
            message = f"{what} holds no media and no text: the embedded piece was lost on the way"
            if fallback:
                message += ", and its fallback stands in a <noscript>, which browsers that run scripts do not show"
            yield Problem(message, start, tag_end, snippet=text[start:tag_end])


#: Goldmark's marker for raw HTML it left out.
_OMITTED = re.compile(r"\s*raw HTML omitted\s*")
#: A tag name that ran into an attribute name: `imgsrc="x"` read as the element name `imgsrc="x"`.
_GLUED = re.compile(
    r"<(img|a|iframe|video|audio|source|embed)(?:src|href|alt|width|height|class|style|title|data-[a-z]+)\s*=", re.I
)
_WHAT = {"img": "image", "a": "link", "iframe": "frame", "video": "video", "audio": "audio", "source": "media"}
#: Words of a class or id that name an embed or a player (compared as whole words of the name).
_SHELL_WORDS = frozenset(
    "embed player flourish datawrapper infogram tweet youtube vimeo instagram tiktok soundcloud spotify"
    " iframe video audio podcast".split()
)
_WORDS = re.compile(r"[a-z0-9]+")
#: Elements that are media (or draw it) when they have a source.
_MEDIA = frozenset("iframe img video audio object embed canvas svg picture source".split())
#: Elements whose text is not shown, or which are not part of what the reader sees.
_HIDDEN = frozenset("noscript script style template".split())


def _shell(element: Element) -> str | None:
    """How to name ``element`` if it is an embed or player shell (by its tag or its class and id)."""
    tag = str(element.tag)
    if tag in ("video", "audio"):
        return f"<{tag}> without a source" if not _has_source(element) else None
    if tag in _MEDIA or tag in _HIDDEN:
        return None
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    words = set(_WORDS.findall(names))
    hit = sorted(words & _SHELL_WORDS)
    if not hit:
        return None
    label = (element.get("class") or element.get("id") or "").split()
    shown = "." + ".".join(label[:2]) if element.get("class") else "#" + (element.get("id") or "")
    return f"<{tag}{shown[:60]}> ({hit[0]})"


def _has_source(element: Element) -> bool:
    if (element.get("src") or "").strip():
        return True
    return any((source.get("src") or "").strip() for source in element.iter("source"))


def _alive(element: Element) -> bool:
    """Whether ``element`` shows something: media with a source, or text, outside <noscript> and scripts."""
    stack = [element]
    while stack:
        current = stack.pop()
        tag = current.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            if current is not element and (current.tail or "").strip():
                return True
            continue
        if tag in ("svg", "canvas"):
            return True
        if tag in _MEDIA and any((current.get(name) or "").strip() for name in ("src", "data", "data-src", "srcdoc")):
            return True
        if tag in ("video", "audio", "picture") and (_has_source(current) or current.find(".//img") is not None):
            return True
        if (current.text or "").strip():
            return True
        if current is not element and (current.tail or "").strip():
            return True
        stack.extend(reversed(list(current)))
    return False


def _noscript_fallback(element: Element) -> bool:
    """Whether a <noscript> right next to ``element`` (or to its parent) holds the media it lost."""
    for node in (element, element.getparent()):
        if node is None:
            continue
        for sibling in (node.getnext(), node.getprevious()):
            if sibling is not None and sibling.tag == "noscript":
                return True
    return False
