"""Compute a file's :class:`~postlint.knowledge.pages.PageFacts` from the already-parsed post (kept apart from
the facts themselves, which the findings model carries and reporters import without the post reader)."""

from __future__ import annotations

import datetime as dt
import heapq
import posixpath
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from html import unescape
from typing import TYPE_CHECKING, Any

from postlint.core.lazyre import lazy_regex
from postlint.knowledge.pages import (
    ANCHORS,
    FIGURE_CAPTION,
    HABITS,
    LINKS,
    NO_LINKS,
    PICTURE_CAPTION,
    SOURCE,
    TITLE,
    URL,
    HabitFacts,
    Links,
    PageFacts,
    Place,
    Trait,
    plain_habit_facts,
    shared,
)
from postlint.knowledge.slugs import HeadingIds, real_id
from postlint.knowledge.slugs import pattern as id_pattern
from postlint.reading.markdown import code_around_shortcodes, in_regions
from postlint.reading.templates import site_target

if TYPE_CHECKING:
    from postlint.reading.post import Post
    from postlint.reading.sitefacts import SiteFacts

PlaceMaker = Callable[[int, int, str], Place]

#: Shared by the facts of files that need no place of their own or no front-matter values (never mutated).
_TOP = Place(0, 0, 1, 1, 1, 1, "url")
_NO_FRONT: dict[str, Any] = {}
_SOURCE_KEYS = ("from", "source", "source_url", "original_url", "link", "canonical_url", "canonicalURL", "canonical")
_URL_KEYS = ("permalink", "url", "slug")
#: (`tags` and `categories` name the taxonomy pages Hugo builds for them; `path` and `render` are Zola's, and
#: its `[taxonomies]` table; `pagination` and `eleventyComputed` make an Eleventy page's URL a computed one.)
_FRONT_KEYS = (
    "permalink",
    "slug",
    "url",
    "categories",
    "category",
    "tags",
    "draft",
    "published",
    "aliases",
    "redirect_from",
    "path",
    "render",
    "taxonomies",
    "pagination",
    "eleventyComputed",
)
#: A Markdown link or image whose address a template tag prints: `[text]({{ '/blog/x/' | url }})`.
_TEMPLATED_LINK = lazy_regex(r"(!?)\[[^\]\n]{0,500}\]\(\s*(\{\{-?[^{}\n]{1,300}-?\}\}[^()\s]{0,300})\s*\)")
_JEKYLL_TAG = lazy_regex(r"\{%-?\s*(post_url|link)\s+(.+?)\s*-?%\}")
# The arguments stop at the next `{{`: an unclosed `{{< ref` read on to the end of the body, once per opener
# (quadratic); a ref whose arguments hold `{{` is a template and skipped anyway.
_HUGO_TAG = lazy_regex(r"\{\{[<%]\s*(relref|ref)\s+((?:(?!\{\{).)+?)\s*[>%]\}\}", re.S)
# A lazy text group followed by optional white space and the line end tried that white space again from every
# offset inside it: one line of 70,000 spaces took minutes. The text is read greedily to its last character
# that is not a space or tab, and an ATX heading's closing `#` run is taken off in Python (_atx_text).
_HEADING = lazy_regex(r"^ {0,3}(#{1,6})[ \t]+([^\n]*)$", re.M)
_SETEXT = lazy_regex(r"^ {0,3}(\S(?:[^\n]*[^ \t\n])?)[ \t]*\n {0,3}(?:=+|-+)[ \t]*$", re.M)
_EXPLICIT_ID = lazy_regex(r"\{[:\s]*#([\w:.-]+)[^}]*\}\s*$")
#: A template tag in a heading (`### Output JSON {% addedin "1.0.0" %}`): the generator's templates print
#: something there before the Markdown parser makes the heading's id.
_HEADING_TAG = lazy_regex(r"\{%[^%\n]*%\}|\{\{[^{}\n]*\}\}")
_WORDS = lazy_regex(r"[a-z0-9]+")
#: Content pulled in from other files when the site is built: its anchors cannot be seen here, so a page that
#: includes any is not judged by the fragment rule.
_INCLUDES = lazy_regex(r"\{%-?\s*include(?:_relative)?\s|\{\{[<%]\s*(?:include|readfile|readFile)\b")
#: A Hugo shortcode standing alone on its line (``{{% glossary %}}``, ``{{< list-of-terms >}}``): it puts a
#: block of content there, whose anchors only its template knows. One that is closed (``{{% /note %}}``)
#: wraps the post's own text instead, and is no such block.
_BLOCK_SHORTCODE = lazy_regex(r"^[ \t]*\{\{([<%])-?\s*([\w./-]+)[^\n]*?[>%]\}\}[ \t]*$", re.M)
_CLOSING_SHORTCODE = lazy_regex(r"\{\{[<%]-?\s*/([\w./-]+)")
_TERM = lazy_regex(r"^([^\s:#>|<-][^\n]*)\n:[ \t]", re.M)
_IAL = lazy_regex(r"\{:\s*#([\w:.-]+)[^}]*\}")
#: Emphasis and code marks, and tags; an underscore inside a word (`rustc_codegen_gcc`) is text. (A run of
#: underscores is matched from its first one only: tried again from each one inside it, a heading of 40,000
#: underscores between letters took 17 s. A `<` with no `>` after it is no tag: see _strip_formatting.)
_FORMATTING = lazy_regex(r"[*`~]|<[^>]*>|(?<!\w)_+|(?<!_)_+(?!\w)")
_FORMATTING_NO_TAG = lazy_regex(r"[*`~]|(?<!\w)_+|(?<!_)_+(?!\w)")
_BACKTICKS = lazy_regex(r"`+")


def _link_texts(text: str) -> str:
    """``text`` with each inline link or image ``[text](target)`` replaced by its text: what the pattern
    ``!?\\[([^\\]]*)\\]\\([^)]*\\)`` substitutes, found in one pass (the pattern tried each ``[`` against the same
    far ``]`` or ``)`` again: quadratic in a heading of 100,000 ``![``)."""
    if "[" not in text:
        return text
    out: list[str] = []
    done = position = 0
    while True:
        opening = text.find("[", position)
        if opening < 0:
            break
        closing = text.find("]", opening + 1)
        if closing < 0:
            break  # no "]" after this "[", nor after any later one
        if not text.startswith("(", closing + 1):
            position = closing + 1  # every "[" before `closing` meets the same "]" and fails the same way
            continue
        end = text.find(")", closing + 2)
        if end < 0:
            break  # no ")" after this "](", nor after any later one
        start = opening - 1 if opening - 1 >= done and text[opening - 1 : opening] == "!" else opening
        out.append(text[done:start])
        out.append(text[opening + 1 : closing])
        done = position = end + 1
    out.append(text[done:])
    return "".join(out)


def _code_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, content) of each code span: a run of backticks, then text, then the next run of exactly as
    many (CommonMark), in document order. Each run is looked at once (the pattern that did this read on to the
    end of the text from every opening run that never closed: a heading of 100,000 backticks was quadratic)."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    later: dict[int, list[int]] = {}  # run length -> indexes of runs of that length, last first
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1] - runs[index][0], []).append(index)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = later[end - start]
        while same and same[-1] <= index:
            same.pop()
        if not same:
            index += 1
            continue
        closer = same.pop()
        yield start, runs[closer][1], text[end : runs[closer][0]]
        index = closer + 1


def _plain(text: str) -> str:
    """A heading's text as the Markdown parsers give it to their slugifiers: link text without the target,
    emphasis marks and tags removed, entities decoded; a code span's text kept as written, marks and all
    (``<prerelease>`` in `` `cargo update --precise <prerelease>` `` is text, not a tag)."""
    pieces = []
    at = 0
    text = _link_texts(text)  # a link's text may hold a code span: `### [Use `x`](url)`
    for start, end, inner in _code_spans(text):
        pieces.append(_outside_code(text[at:start]))
        if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
            inner = inner[1:-1]  # CommonMark strips one space on each side of a code span
        pieces.append(inner)
        at = end
    pieces.append(_outside_code(text[at:]))
    return unicodedata.normalize("NFC", "".join(pieces).strip())


def _outside_code(text: str) -> str:
    # `<[^>]*>` fails from every `<` after the last `>`, each time reading on to the end: that tail is
    # stripped without the tag alternative (no match can cross the last `>`, which no other alternative takes).
    last = text.rfind(">")
    head, tail = text[: last + 1], text[last + 1 :]
    return unescape(_FORMATTING.sub("", head) + _FORMATTING_NO_TAG.sub("", tail))


def heading_ids(text: str, styles: tuple[str, ...]) -> set[str]:
    """The ids one heading written ``text`` gets in the generator's id ``styles`` (``SiteFacts.heading_ids``,
    every variant its settings allow), patterns included (see :mod:`postlint.knowledge.slugs`)."""
    return HeadingIds(styles).add(text.strip(), _plain(text))


def _atx_text(rest: str) -> str:
    """An ATX heading's text from what follows its opening marks and white space: without the trailing spaces
    and tabs, and without a closing ``#`` run that white space sets apart (``## Title ##``)."""
    text = rest.rstrip(" \t")
    core = text.rstrip("#")
    if core != text and core[-1:] in (" ", "\t"):
        return core.rstrip(" \t")
    return text


def _headings(post: Post, styles: tuple[str, ...]) -> set[str]:
    body = post.body
    code = post.code_regions
    found: set[str] = set()
    ids = HeadingIds(styles)

    starts = [start for start, _ in code]

    def outside_code(offset: int) -> bool:
        return not in_regions(code, starts, offset)

    # (where, where to test for code, text): headings, and definition-list terms, which some themes and
    # hooks give ids too; one sequence, since a repeated name takes `-1`, `-2` in document order. A term
    # is tested at its line end, since it may start with `code`.
    atx = ((m.start(), m.start(), _atx_text(m.group(2))) for m in _HEADING.finditer(body))
    setext = (
        (m.start(), m.start(), m.group(1))
        for m in _SETEXT.finditer(body)
        if not m.group(1).lstrip().startswith(("#", "-", "=", "|", "<"))
    )
    terms = ((m.start(), m.end(1), m.group(1)) for m in _TERM.finditer(body))
    # Each in document order, merged as they come: no list of every heading's text beside the ids.
    matches = heapq.merge(atx, setext, terms)
    headings: list[tuple[str, str]] = []
    for _, where, text in matches:
        if code and not outside_code(where):
            continue
        explicit = _EXPLICIT_ID.search(text)
        if explicit is not None:
            found.add(explicit.group(1))
            text = text[: explicit.start()]
        if "{%" in text or "{{" in text:
            # What a template tag prints is part of the heading's id, and unknown here: the id holds the words
            # written around the tags, in order (a pattern), whatever the tag adds.
            found.add(id_pattern(tuple(_WORDS.findall(_HEADING_TAG.sub(" ", _plain(text)).lower()))))
            continue
        headings.append((text.strip(), _plain(text)))
    ids.add_all(headings)
    found.update(m.group(1) for m in _IAL.finditer(body))
    ids.anchors |= found  # not `found | ids.anchors`: a page of many headings held its ids twice
    return ids.anchors


def _generated(post: Post, site: SiteFacts) -> bool:
    """Whether a shortcode of the post puts a block of content there (see :data:`_BLOCK_SHORTCODE`)."""
    if not site.shortcodes or "{{" not in post.body:
        return False
    body = post.body
    closed = set(_CLOSING_SHORTCODE.findall(body))  # one pass, then one per standalone shortcode: linear
    return any(not m.group(2).startswith("/") and m.group(2) not in closed for m in _BLOCK_SHORTCODE.finditer(body))


def _html_anchors(post: Post) -> set[str]:
    html = post.html
    found: set[str] = set()
    for element, attributes in html.attributes.items():
        for attribute in attributes:
            named = attribute.name == "id" or (attribute.name == "name" and element.tag == "a")
            if named and attribute.value and (value := real_id(attribute.value.strip())):
                found.add(value)
    return found


def _date(post: Post) -> str | None:
    from postlint.knowledge.frontmatter import front_matter_date

    written = front_matter_date(post)
    if written is not None:
        value = written.value
        if isinstance(value, dt.datetime):
            # The date and time as written, for ordering; with its offset, for generators that build URLs
            # from the day in the site's time zone (Jekyll).
            return value.isoformat()
        return value.isoformat()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})-", post.fs_path.name)
    if match is not None:
        return "-".join(match.groups())
    return None


def _front(post: Post) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key in _FRONT_KEYS:
        value = post.data.get(key)
        if isinstance(value, (str, bool, int)):
            kept[key] = value
        elif isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
            kept[key] = [str(v) for v in value]
        elif isinstance(value, dict):
            # A table (Zola's `[taxonomies]`, Eleventy's `permalink: {build: ...}` or `pagination:`): its plain
            # values, so that its presence is known and what a URL needs of it is kept.
            kept[key] = {
                str(k): [str(v) for v in item] if isinstance(item, list) else item
                for k, item in list(value.items())[:50]
                if isinstance(item, (str, bool, int))
                or (isinstance(item, list) and all(isinstance(v, (str, int)) for v in item))
            }
    return kept


def _value_span(post: Post, key: str) -> tuple[int, int] | None:
    front = post.front_matter
    if front is None:
        return None
    span = front.span(key)
    return (span.value_start, span.value_end) if span else None


def _title(data: dict[str, Any]) -> str | None:
    value = data.get("title")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()).casefold()
    return None


def _source(data: dict[str, Any]) -> tuple[str, str] | None:
    """The front-matter key that holds the source URL, and the URL as the index keeps it."""
    for key in _SOURCE_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://", "//")):
            return key, value.strip()[:500]
    return None


def anchors(post: Post, site: SiteFacts) -> frozenset[str] | None:
    """The ids ``post`` defines (HTML ids, heading ids in the generator's styles), or ``None`` when it pulls
    in content from other files, whose anchors cannot be seen here."""
    if post.text is None or _INCLUDES.search(post.body) or _generated(post, site):
        return None
    found = _headings(post, site.heading_ids) if post.is_markdown else set()
    found |= _html_anchors(post)  # in place: one more copy of a page's ids is the frozenset itself
    return frozenset(found)


def _paths(post: Post) -> tuple[str, str]:
    fs_path = str(post.fs_path)
    return post.path, post.path if fs_path == post.path else fs_path  # one string, not two, for 50,000 posts


def front_facts(post: Post, needs: frozenset[str] = frozenset()) -> PageFacts:
    """The facts of a file the run does not check, from its front matter and file name alone: what the index
    files it under (URL, source URL, title and day). No places (no finding points into it), no links (only
    a checked file's links are judged), no anchors (read on demand: :func:`anchors`). Its habits only when a
    site rule learns them (``HABITS`` in ``needs``): they come from the whole archive, so every file counts,
    and reading them means reading the body."""
    path, fs_path = _paths(post)
    source = _source(post.data)
    page = PageFacts(
        path,
        fs_path,
        _front(post) or _NO_FRONT,
        _date(post),
        _title(post.data),
        source[1] if source is not None else None,
    )
    if HABITS in needs and post.text is not None:

        def place(start: int, end: int, snippet: str) -> Place:
            line, column = post.position(start)
            end_line, end_column = post.position(max(end, start))
            return Place(start, end, line, column, end_line, end_column, snippet)

        page.habits = _habits(post, place)
    return page


def extract(post: Post, site: SiteFacts, needs: frozenset[str], place: PlaceMaker) -> PageFacts:
    """The facts of ``post`` that the active site rules need (``site``: how the generator reads it)."""
    data = post.data
    title = source = None
    title_place = source_place = url_place = None
    if TITLE in needs:
        title = _title(data)
        if title is not None:
            span = _value_span(post, "title") or (0, 0)
            title_place = place(span[0], span[1], "")  # the rule names the snippet: kept once per post
    if SOURCE in needs:
        found_source = _source(data)
        if found_source is not None:
            key, source = found_source
            span = _value_span(post, key) or (0, 0)
            source_place = place(span[0], span[1], "")
    if URL in needs:
        found = next((s for key in _URL_KEYS if (s := _value_span(post, key)) is not None), None)
        url_place = place(found[0], found[1], "url") if found else place(0, 0, "url")
        if url_place == _TOP:  # most files: one shared place, not one each (50,000 posts)
            url_place = _TOP
    links = NO_LINKS
    if LINKS in needs and post.text is not None:
        links = _links(post, place)
    habits = _habits(post, place) if HABITS in needs and post.text is not None else None
    path, fs_path = _paths(post)
    return PageFacts(
        path,
        fs_path,
        (_front(post) or _NO_FRONT) if URL in needs or LINKS in needs else _NO_FRONT,
        _date(post),
        title,
        source,
        source_place,
        title_place,
        url_place,
        anchors(post, site) if ANCHORS in needs else None,
        links,
        habits,
    )


_FIGURE = lazy_regex(r"<figure|\{\{[<%]\s*figure\b", re.I)
#: Class or id words of the blocks whose figure is a title's or header's art, not a picture with a story.
_HEADER_WORDS = frozenset(("title", "header", "masthead", "banner", "hero", "logo"))


def _habits(post: Post, place: PlaceMaker) -> HabitFacts | None:
    """The post's groups and traits for the archive's habits (``None`` when it has nothing to count): its
    content figures, captioned or not (as figure-missing-caption judges them), and its front-matter keys."""
    from postlint.knowledge.attribution import source_host

    figures = _figures(post, place) if _FIGURE.search(post.body) is not None else None
    pictures = _pictures(post, place) if not post.is_markdown and "<img" in post.body else None
    keys = _front_keys(post)
    if figures is None and pictures is None and not keys:
        return None
    # Interned: a group's name is shared by many posts (50,000 posts hold one string each, not one per post),
    # and so is the map itself and the key list (most posts of a group have the same ones).
    groups: dict[str, str] = {"folder": sys.intern(posixpath.dirname(post.path) or ".")}
    host = source_host(post)
    if host:
        groups["source-host"] = sys.intern(host.removeprefix("www.")[:200])
    categories = post.data.get("categories", post.data.get("category"))
    first = categories[0] if isinstance(categories, list) and categories else categories
    if isinstance(first, (str, int)) and not isinstance(first, bool) and str(first).strip():
        groups["category"] = sys.intern(" ".join(str(first).split())[:200])
    counted = ((FIGURE_CAPTION, figures), (PICTURE_CAPTION, pictures))
    traits = {name: trait for name, trait in counted if trait is not None}
    if not traits:  # most files: one object for the files of a group with the same keys
        return plain_habit_facts(groups, keys)
    return HabitFacts(shared(groups), traits, keys)


#: Front-matter keys longer than this are not compared (a hostile file's megabyte key is not kept).
_KEY_LIMIT = 100


def _front_keys(post: Post) -> tuple[str, ...]:
    """The front matter's top-level keys that have a value, for the key habit, sorted and shared; none for a
    list page (Hugo's ``_index``: a section's page, whose keys are not its posts') or a file without front
    matter."""
    data = post.data
    if not isinstance(data, dict) or not data or _list_page(post.path):
        return ()
    keys = sorted(
        {sys.intern(str(key)) for key, value in data.items() if len(str(key)) <= _KEY_LIMIT and _filled(value)}
    )
    return shared(tuple(keys[:200]))


def _list_page(path: str) -> bool:
    """Whether the file is its folder's own page, which lists the folder's posts: Hugo's ``_index``, and a file
    named as its folder (Eleventy's ``blog/blog.md`` with ``permalink: /blog/``, its data from ``blog.json``)."""
    folder, name = posixpath.split(path)
    stem = name.rsplit(".", 1)[0]
    return stem == "_index" or (bool(folder) and stem == posixpath.basename(folder))


def _filled(value: Any) -> bool:
    """Whether a front-matter value says something: not null, an empty string, list or map (``link: ""``
    left by an importer is as lost as no ``link``; a template's ``keywords: []`` is no habit of writing one)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict, tuple)):
        return bool(value)
    return True


def _figures(post: Post, place: PlaceMaker) -> Trait | None:
    """How the post's content figures stand on "has a caption" (``None`` without any)."""
    from postlint.knowledge.figures import content_figure, credit_only, has_caption, own_captions, quick_figure_count

    # Every file of a site is counted, checked or not: a plain HTML body whose figures all have a caption is
    # counted from its tags (the same count as the tree's, a tenth of the cost), the rest on the reader's tree.
    quick = None if post.is_markdown else quick_figure_count(post.body)
    held = 0
    missing: list[Place] = []
    if quick is not None:
        held = quick
    else:
        from postlint.knowledge.packs import names_any

        html = post.html
        for figure in html.iter("figure"):
            if not content_figure(figure) or any(names_any(up, _HEADER_WORDS) for up in figure.iterancestors()):
                continue  # no picture, a teaser, or the art of a title block (a feature's title graphic)
            if has_caption(figure):
                credit = credit_only(figure)
                if credit is None:
                    held += 1
                else:  # the caption's text was dropped, its credit kept: pointed at the caption
                    start, end = html.start_tag(credit)
                    missing.append(place(start, end, "credit"))
            else:  # an emptied caption is pointed at itself: that is where the text was lost
                captions = own_captions(figure)
                start, end = html.start_tag(captions[0] if captions else figure)
                missing.append(place(start, end, "figcaption" if captions else "figure"))
    if post.is_markdown and post.site.shortcodes and "figure" in post.body:
        from postlint.reading.views import post_shortcodes

        # Hugo's figure shortcode writes a <figcaption> from its caption, title or attribution.
        for call in post_shortcodes(post):
            if call.name != "figure" or not call.named.get("src", "").strip():
                continue
            if any(call.named.get(key, "").strip() for key in ("caption", "title", "attr")):
                held += 1
            else:
                missing.append(place(call.start, call.end, "figure"))
    if not held and not missing:
        return None
    return Trait(held, tuple(missing))


def _pictures(post: Post, place: PlaceMaker) -> Trait | None:
    """How the pictures outside figures of an HTML body stand on "has a caption under it" (``None`` without
    any): each place's snippet says how the caption was lost (``img``: none follows the picture, ``caption``: its
    slot is empty, ``credit``: only the credit is left)."""
    from postlint.knowledge.figures import picture_caption

    html = post.html
    held = 0
    missing: list[Place] = []
    for image in html.iter("img"):
        judged = picture_caption(image)
        if judged is None:
            continue
        kind, element = judged
        if kind == "held":
            held += 1
            continue
        start, end = html.start_tag(element)
        missing.append(place(start, end, _PICTURE_SNIPPETS[kind]))
    if not held and not missing:
        return None
    return Trait(held, tuple(missing))


_PICTURE_SNIPPETS = {"bare": "img", "empty": "caption", "credit": "credit"}


_HOST = lazy_regex(r"\s*(?:https?:)?//(?:www\.)?([^/\s?#:]+)", re.I)


def _escaped_target(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of an inline link's target as written when Markdown's backslash escapes make it differ from
    the target read (`](\\\\server\\share)` reads `\\server\\share`): from after `](` to the first space or
    `)` that no backslash escapes. ``None`` for a link with no `](` (a reference link)."""
    opener = text.rfind("](", start, end)  # the last: an image inside the link text has its own
    if opener < 0:
        return None
    at = opener + 2
    while at < end and text[at] in " \t<":
        at += 1
    stop = at
    while stop < end and text[stop] not in " \t\n)>":
        stop += 2 if text[stop] == "\\" else 1
    return at, min(stop, end)


def _links(post: Post, place: PlaceMaker) -> Links:
    """The post's links in the order they are written, packed (:class:`~postlint.knowledge.pages.Links`):
    their snippets are made from their kind and target when a finding needs one, not kept."""
    found: list[tuple[int, int, str, str]] = []
    seen: set[int] = set()

    def add(kind: str, target: str, start: int, end: int) -> None:
        if start in seen:
            return
        seen.add(start)
        found.append((start, end, kind, target))

    text = post.text or ""
    for link in post.markdown.links:
        written = link.href.strip()
        href = site_target(written)
        if "{%" in href or "{{" in href:
            continue  # a template: its tags are read below, anything else cannot be told
        # The finding points at the target as written (the link's span can lie before it when the line
        # holds template tags).
        at = -1
        if written:  # `](target`, else the bare target (an autolink): link text may repeat the target
            at = text.find("(" + written, link.start, link.end + 4096)
            if at < 0:
                escaped = _escaped_target(text, link.start, link.end)
                if escaped is not None:
                    add("markdown", href, *escaped)
                    continue
            at = at + 1 if at >= 0 else text.find(written, link.start, link.end + 4096)
        start, end = (at, at + len(written)) if at >= 0 else (link.start, link.end)
        add("markdown", href, start, end)
    html = post.html
    for element in html.iter("a"):
        attribute = html.attribute(element, "href")
        if attribute is None or attribute.value is None:
            continue
        href = site_target(attribute.value.strip())
        if "{%" in href or "{{" in href:
            continue
        add("html", href, attribute.start, attribute.end)
    body, base = post.body, post.body_start
    for pattern in (_JEKYLL_TAG, _HUGO_TAG):
        if ("{%" if pattern is _JEKYLL_TAG else "{{") not in body:
            continue
        # On Hugo every shortcode is a code region (a `<` inside it is no tag), the ref itself included:
        # what hides a ref is the code around it (a fence, a code span, a highlight pair).
        code = post.code_regions if pattern is _JEKYLL_TAG else code_around_shortcodes(body, post.site.code_tags)
        starts = [start for start, _ in code]
        for match in pattern.finditer(body):
            if code and in_regions(code, starts, match.start()):
                continue
            argument = match.group(2).strip()
            if pattern is _HUGO_TAG:
                named = re.search(r"""\bpath\s*=\s*["']([^"']*)["']""", argument)
                argument = named.group(1) if named else argument.split()[0] if argument.split() else ""
            argument = argument.strip("\"'")
            if not argument or "{{" in argument or "{%" in argument:
                continue
            add(match.group(1), argument, base + match.start(), base + match.end())
    if "{{" in body and post.is_markdown:
        # `[text]({{ '/blog/x/' | url }})`: the template prints the address before Markdown reads the link (a
        # destination with spaces, which the Markdown parser alone does not take as one).
        code = post.code_regions
        starts = [start for start, _ in code]
        for match in _TEMPLATED_LINK.finditer(body):
            if match.group(1) or (code and in_regions(code, starts, match.start())):
                continue  # an image (its own checks), or code
            if " " not in match.group(2) and "\t" not in match.group(2):
                continue  # no space in it: the Markdown parser reads the link itself
            target = site_target(match.group(2))
            if target.startswith("/") and "{{" not in target and "{%" not in target:
                add("markdown", target, base + match.start(2), base + match.end(2))
    found.sort(key=lambda item: item[0])
    return Links((kind, target, place(start, end, "")) for start, end, kind, target in found) if found else NO_LINKS
