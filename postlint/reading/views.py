"""One view of a post's images and one of its links, HTML and Markdown alike (re-exported by
:mod:`postlint.helpers`).

Image and link rules used to walk the ``<img>`` (or ``<a>``) elements and then the Markdown images (or
links) each on their own, with the same two loops in every rule. :func:`post_images` and :func:`post_links`
list both kinds once per post, as the readers found them: HTML first (document order), then Markdown
(document order), which is the order those rules reported in. Nothing is re-read: the entries point at the
reader's elements and Markdown records.
"""

from __future__ import annotations

from postlint.reading.html import Attribute, Element, HtmlBody
from postlint.reading.markdown import MarkdownImage, MarkdownLink
from postlint.reading.memo import MemoKey
from postlint.reading.post import Post


class ImageRef:
    """An ``<img>`` element or a Markdown image ``![alt](src "title")``.

    ``src`` and ``alt`` are what a browser gets (for HTML, the attribute values as the tree holds them;
    ``None`` when the attribute is absent); ``start``/``end`` span the start tag or the whole Markdown image.
    """

    __slots__ = ("alt", "element", "end", "html", "markdown", "src", "start")

    def __init__(
        self,
        src: str | None,
        alt: str | None,
        start: int,
        end: int,
        element: Element | None = None,
        markdown: MarkdownImage | None = None,
        html: HtmlBody | None = None,
    ) -> None:
        self.src, self.alt, self.start, self.end = src, alt, start, end
        self.element, self.markdown, self.html = element, markdown, html

    @property
    def is_markdown(self) -> bool:
        return self.markdown is not None

    def attribute(self, name: str) -> Attribute | None:
        """The attribute ``name`` as written in the ``<img>`` tag (with its span), or ``None`` (always for
        Markdown images)."""
        if self.element is None or self.html is None:
            return None
        return self.html.attribute(self.element, name)

    def span_of(self, name: str) -> tuple[int, int]:
        """Where attribute ``name`` is written, or the image's own span when it is not (or in Markdown)."""
        found = self.attribute(name)
        return (found.start, found.end) if found is not None else (self.start, self.end)


class LinkRef:
    """An ``<a>`` element or a Markdown link (``[text](href)``, ``[text][label]`` resolved, ``<href>``).

    ``href`` is ``None`` for an ``<a>`` without one; ``text`` is what a reader sees (for HTML, the
    element's text from the reader's text runs, computed when first asked); ``heading`` is the level of
    the heading a Markdown link sits in (0 outside headings, and for HTML links).
    """

    __slots__ = ("_text", "element", "end", "heading", "href", "html", "markdown", "start")

    def __init__(
        self,
        href: str | None,
        start: int,
        end: int,
        element: Element | None = None,
        markdown: MarkdownLink | None = None,
        html: HtmlBody | None = None,
    ) -> None:
        self.href, self.start, self.end = href, start, end
        self.element, self.markdown, self.html = element, markdown, html
        self.heading = markdown.heading if markdown is not None else 0
        self._text: str | None = markdown.text if markdown is not None else None

    @property
    def is_markdown(self) -> bool:
        return self.markdown is not None

    @property
    def text(self) -> str:
        if self._text is None:
            assert self.element is not None and self.html is not None
            self._text = self.html.text_of(self.element)
        return self._text

    def attribute(self, name: str) -> Attribute | None:
        """The attribute ``name`` as written in the ``<a>`` tag (with its span), or ``None``."""
        if self.element is None or self.html is None:
            return None
        return self.html.attribute(self.element, name)


_IMAGES: MemoKey[list[ImageRef]] = MemoKey("images-view")
_LINKS: MemoKey[list[LinkRef]] = MemoKey("links-view")


def post_images(post: Post) -> list[ImageRef]:
    """Every image of the post: ``<img>`` elements, then Markdown images, each in document order (once per
    post; do not modify the list)."""
    cached = post.memo.get(_IMAGES)
    if cached is not None:
        return cached
    html = post.html
    images = [
        ImageRef(element.get("src"), element.get("alt"), *html.start_tags[element], element=element, html=html)
        for element in html.iter("img")
    ]
    images.extend(
        ImageRef(image.src, image.alt, image.start, image.end, markdown=image) for image in post.markdown.images
    )
    post.memo[_IMAGES] = images
    return images


def post_links(post: Post) -> list[LinkRef]:
    """Every link of the post: ``<a>`` elements, then Markdown links, each in document order (once per post;
    do not modify the list)."""
    cached = post.memo.get(_LINKS)
    if cached is not None:
        return cached
    html = post.html
    links = [
        LinkRef(element.get("href"), *html.start_tags[element], element=element, html=html)
        for element in html.iter("a")
    ]
    links.extend(LinkRef(link.href, link.start, link.end, markdown=link) for link in post.markdown.links)
    post.memo[_LINKS] = links
    return links
