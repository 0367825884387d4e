"""One view of a post's images and one of its links, HTML and Markdown alike (re-exported by
:mod:`postlint.helpers`).

Image and link rules used to walk the ``<img>`` (or ``<a>``) elements and then the Markdown images (or
links) each on their own, with the same two loops in every rule. :func:`post_images` and :func:`post_links`
list both kinds once per post, as the readers found them: HTML first (document order), then Markdown
(document order), which is the order those rules reported in. Nothing is re-read: the entries point at the
reader's elements and Markdown records, and read attributes only when asked.

A view costs one small object per image or link: it pays when several rules walk the same list (the image
rules), not for one rule that needs only an attribute's span (``link-empty`` keeps its own two loops).
"""

from __future__ import annotations

import re
from typing import Generic, TypeVar

from postlint.core.lazyre import lazy_regex
from postlint.reading.html import Attribute, Element, HtmlBody
from postlint.reading.markdown import MarkdownImage, MarkdownLink, code_around_shortcodes, in_regions
from postlint.reading.memo import MemoKey
from postlint.reading.post import Post
from postlint.reading.templates import ShortcodeCall, hugo_shortcode_calls, site_target

M = TypeVar("M", MarkdownImage, MarkdownLink)


class _BodyRef(Generic[M]):
    """What an image and a link entry share: the span, and either the reader's element (with the body, to read
    its attributes) or the Markdown record."""

    __slots__ = ("element", "end", "html", "markdown", "start")
    start: int
    end: int
    element: Element | None
    markdown: M | None
    html: HtmlBody | None

    def __init__(
        self,
        start: int,
        end: int,
        element: Element | None = None,
        markdown: M | None = None,
        html: HtmlBody | None = None,
    ) -> None:
        self.start, self.end, self.element, self.markdown, self.html = start, end, element, markdown, html

    @property
    def is_markdown(self) -> bool:
        return self.markdown is not None

    def attribute(self, name: str) -> Attribute | None:
        """The attribute ``name`` as written in the element's start tag (with its span), or ``None`` (always
        for Markdown)."""
        if self.element is None or self.html is None:
            return None
        return self.html.attribute(self.element, name)


class ImageRef(_BodyRef[MarkdownImage]):
    """An ``<img>`` element or a Markdown image ``![alt](src "title")``.

    ``src`` and ``alt`` are what a browser gets (for HTML, the attribute values as the tree holds them;
    ``None`` when the attribute is absent), read when asked; ``start``/``end`` span the start tag or the whole
    Markdown image.
    """

    __slots__ = ()

    @property
    def src(self) -> str | None:
        if self.markdown is not None:
            return self.markdown.src
        return self.element.get("src") if self.element is not None else None

    @property
    def alt(self) -> str | None:
        if self.markdown is not None:
            return self.markdown.alt
        return self.element.get("alt") if self.element is not None else None

    def span_of(self, name: str) -> tuple[int, int]:
        """Where attribute ``name`` is written, or the image's own span when it is not (or in Markdown)."""
        found = self.attribute(name)
        return (found.start, found.end) if found is not None else (self.start, self.end)


class LinkRef(_BodyRef[MarkdownLink]):
    """An ``<a>`` element or a Markdown link (``[text](href)``, ``[text][label]`` resolved, ``<href>``).

    ``href`` is ``None`` for an ``<a>`` without one; ``text`` is what a reader sees (for HTML, the
    element's text from the reader's text runs); both are read when asked. ``heading`` is the level of the
    heading a Markdown link sits in (0 outside headings, and for HTML links).
    """

    __slots__ = ()

    @property
    def href(self) -> str | None:
        if self.markdown is not None:
            return self.markdown.href
        return self.element.get("href") if self.element is not None else None

    @property
    def text(self) -> str:
        if self.markdown is not None:
            return self.markdown.text
        if self.element is None or self.html is None:
            return ""
        return self.html.text_of(self.element)

    @property
    def heading(self) -> int:
        return self.markdown.heading if self.markdown is not None else 0


_IMAGES: MemoKey[list[ImageRef]] = MemoKey("images-view")
_LINKS: MemoKey[list[LinkRef]] = MemoKey("links-view")
_SHORTCODES: MemoKey[list[ShortcodeCall]] = MemoKey("shortcodes-view")


def post_images(post: Post) -> list[ImageRef]:
    """Every image of the post: ``<img>`` elements, then Markdown images, each in document order (once per
    post; do not modify the list)."""
    cached = post.memo.get(_IMAGES)
    if cached is not None:
        return cached
    html = post.html
    start_tags = html.start_tags
    images = [ImageRef(*start_tags[element], element, None, html) for element in html.iter("img")]
    images.extend(ImageRef(image.start, image.end, None, image) for image in post.markdown.images)
    images.extend(ImageRef(image.start, image.end, None, image) for image in _figure_shortcodes(post))
    post.memo[_IMAGES] = images
    return images


def post_shortcodes(post: Post) -> list[ShortcodeCall]:
    """The Hugo shortcode tags of the post's body outside code, with absolute offsets (none on a site without
    shortcodes; once per post)."""
    cached = post.memo.get(_SHORTCODES)
    if cached is not None:
        return cached
    body = post.body
    calls: list[ShortcodeCall] = []
    if post.site.shortcodes and "{{" in body:
        code = code_around_shortcodes(body, post.site.code_tags)
        starts = [start for start, _ in code]
        for call in hugo_shortcode_calls(body):
            if not in_regions(code, starts, call.start):
                call.start += post.body_start
                call.end += post.body_start
                calls.append(call)
    post.memo[_SHORTCODES] = calls
    return calls


#: Markup in a caption, which Hugo's figure template takes out for the alt text (`markdownify | plainify`).
_CAPTION_MARKUP = re.compile(r"<[^<>]*>|[*_`]+|!?\[|\]\([^()]*\)")


def _figure_shortcodes(post: Post) -> list[MarkdownImage]:
    """Hugo's ``figure`` shortcodes as the images they print."""
    images: list[MarkdownImage] = []
    for call in post_shortcodes(post):
        if call.name != "figure":
            continue
        alt = call.named.get("alt") or _CAPTION_MARKUP.sub("", call.named.get("caption") or "")
        images.append(
            MarkdownImage(call.named.get("src", ""), alt, call.named.get("title"), call.start, call.end, "figure")
        )
    return images


_TEMPLATE_IMAGES: MemoKey[list[MarkdownImage]] = MemoKey("template-images-view")
#: A Zola shortcode call, `{{ name(key="value", …) }}` or `{% name(…) %}`.
_ZOLA_CALL = re.compile(r"\{([{%])-?\s*([A-Za-z_][\w-]*)\(([^(){}\n]{0,400})\)\s*-?[}%]\}")
#: eleventy-img's shortcode, `{% image "./img/a.jpg", "alt" %}` (Liquid or Nunjucks).
_IMAGE_TAG = re.compile(r"\{%-?\s*image\s+([\"'])([^\"'\n]{0,400})\1\s*(?:,\s*([\"'])([^\"'\n]{0,400})\3)?")
#: An include of an image template with its parameters: `{% include image.html src="…" alt="…" %}`.
_IMAGE_INCLUDE = re.compile(
    r"\{%-?\s*include\s+[\w./-]*(?:image|img|figure|picture|photo)[\w./-]*\s+([^%\n]{0,600})-?%\}", re.I
)
_QUOTED_ARGUMENT = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"\n]*)"|'([^'\n]*)')""")
_IMAGE_KEYS = ("src", "path", "url", "image", "file", "img")


def _arguments(text: str) -> dict[str, str]:
    """The quoted `key="value"` arguments of a template call, by lower-case key."""
    return {
        found.group(1).lower(): found.group(2) if found.group(2) is not None else found.group(3)
        for found in _QUOTED_ARGUMENT.finditer(text)
    }


#: A Markdown image whose address a template tag prints: `![alt]({{ '/img/a.jpg' | url }})`.
_TEMPLATED_IMAGE = lazy_regex(r"!\[([^\]\n]{0,500})\]\(\s*(\{\{-?[^{}\n]{1,300}-?\}\}[^()\s]{0,300})\s*\)")


def template_images(post: Post) -> list[MarkdownImage]:
    """Images a template call prints, with the address written in the call (quoted), for the checks of an
    image's address: Zola shortcodes with a `path`/`src` argument (`{{ resize_image(path="…") }}`, read as the
    site-absolute path Zola resolves it to), eleventy-img's `{% image "./img/a.jpg" %}` (a path from the
    project's folder), and an image include's `src`/`url` (`{% include image.html src="" %}`). Hugo's
    `figure` is in :func:`post_images`. Outside code; once per post."""
    cached = post.memo.get(_TEMPLATE_IMAGES)
    if cached is not None:
        return cached
    images: list[MarkdownImage] = []
    body = post.body
    if ("{{" in body or "{%" in body) and post.is_markdown:
        code = post.code_regions
        code_starts = [low for low, _ in code]
        generator = post.site.generator

        def add(src: str, alt: str, start: int, end: int, kind: str) -> None:
            if not in_regions(code, code_starts, start):
                images.append(MarkdownImage(src, alt, None, post.body_start + start, post.body_start + end, kind))

        if generator == "zola":
            for call in _ZOLA_CALL.finditer(body):
                named = {
                    m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                    for m in _QUOTED_ARGUMENT.finditer(call.group(3))
                }
                key = next((key for key in _IMAGE_KEYS if key in named), None)
                if key is not None:
                    value = named[key].strip()
                    src = value if not value or "://" in value or value.startswith(("/", "@/")) else "/" + value
                    add(src, named.get("alt", ""), call.start(), call.end(), call.group(2))
        if generator in ("eleventy", "jekyll"):
            for tag in _IMAGE_TAG.finditer(body):
                value = tag.group(2).strip()
                src = value if not value or "://" in value else "/" + value.removeprefix("./").lstrip("/")
                add(src, tag.group(4) or "", tag.start(), tag.end(), "image")
            if "|" in body or "site.baseurl" in body:
                # `![alt]({{ '/img/a.jpg' | relative_url }})`: the template prints the address before Markdown
                # reads the image (a destination with spaces, which a Markdown parser alone does not take).
                for written in _TEMPLATED_IMAGE.finditer(body):
                    if " " not in written.group(2) and "\t" not in written.group(2):
                        continue  # no space in it: the Markdown parser reads the image itself
                    src = site_target(written.group(2))
                    if src.startswith("/") and "{{" not in src and "{%" not in src:
                        add(src, written.group(1), written.start(), written.end(), "url filter")
            for include in _IMAGE_INCLUDE.finditer(body):
                named = {
                    m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                    for m in _QUOTED_ARGUMENT.finditer(include.group(1))
                }
                key = next((key for key in _IMAGE_KEYS if key in named), None)
                if key is not None and "{{" not in named[key]:
                    add(named[key].strip(), named.get("alt", ""), include.start(), include.end(), "include")
    post.memo[_TEMPLATE_IMAGES] = images
    return images


def post_links(post: Post) -> list[LinkRef]:
    """Every link of the post: ``<a>`` elements, then Markdown links, each in document order (once per post;
    do not modify the list)."""
    cached = post.memo.get(_LINKS)
    if cached is not None:
        return cached
    html = post.html
    start_tags = html.start_tags
    links = [LinkRef(*start_tags[element], element, None, html) for element in html.iter("a")]
    links.extend(LinkRef(link.start, link.end, None, link) for link in post.markdown.links)
    post.memo[_LINKS] = links
    return links
