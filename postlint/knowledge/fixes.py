"""Building blocks for fixes (re-exported by :mod:`postlint.helpers`): cut an element out, set an attribute."""

from __future__ import annotations

from html import escape

from postlint.core.model import Edit as FixEdit
from postlint.core.model import Fix
from postlint.reading.html import Element
from postlint.reading.post import Post

Edit = tuple[int, int, str]


def removal_span(post: Post, element: Element) -> tuple[int, int] | None:
    """Offsets to delete ``element`` and, when it stood alone on its lines, those lines' white space and
    line ending; ``None`` when its extent is not exactly known (unclosed markup is never cut)."""
    html = post.html
    if not html.is_whole(element):
        return None
    start, end = html.span(element)
    text = post.text or ""
    # Only the white space next to the element is looked at (finding the whole line for each element made
    # 50,000 slots on one 5 MB line take a minute).
    line_start = start
    while line_start > 0 and text[line_start - 1] != "\n" and text[line_start - 1].isspace():
        line_start -= 1
    if line_start > 0 and text[line_start - 1] != "\n":
        return start, end
    line_end = end
    while line_end < len(text) and text[line_end] != "\n" and text[line_end].isspace():
        line_end += 1
    if line_end < len(text) and text[line_end] != "\n":
        return start, end
    # The element was alone on its line(s): remove the lines, keep the line ending style of the rest.
    return line_start, line_end + 1 if line_end < len(text) else line_end


def attribute_edit(post: Post, element: Element, name: str, value: str) -> tuple[int, int, str]:
    """An edit that sets attribute ``name`` to ``value`` in the element's start tag (replacing it when
    present, inserting it after the tag name otherwise)."""
    html = post.html
    quoted = f'{name}="{escape(value, quote=True)}"'
    existing = html.attribute(element, name)
    if existing is not None:
        return existing.start, existing.end, quoted
    start, _ = html.start_tags[element]
    text = post.text or ""
    after_name = start + 1
    while after_name < len(text) and not text[after_name].isspace() and text[after_name] not in "/>":
        after_name += 1
    return after_name, after_name, " " + quoted


def removal_fix(post: Post, element: Element, description: str) -> Fix | None:
    """A safe fix that cuts ``element`` out (see :func:`removal_span`), or ``None`` when that is not safe."""
    cut = removal_span(post, element)
    return Fix((FixEdit(cut[0], cut[1]),), description) if cut else None
