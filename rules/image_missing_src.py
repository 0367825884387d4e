"""PL301 image-missing-src."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Edit, Element, Fix, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import (
    LAZY_SINGLE_URL_ATTRIBUTES,
    LAZY_SRC_ATTRIBUTES,
    attribute_edit,
    local_file_url,
    local_only_url,
    post_images,
    template_images,
    unfilled_placeholder,
    usable_src,
)


class ImageMissingSrc(Rule[RuleOptions]):
    """An image has no usable `src`: it is missing, empty, `about:blank` or a lazy-load placeholder.

    ## What it does
    Reports `<img>` elements whose `src` is missing, empty, white space, `about:blank`, a tiny data URI
    (a 1x1 GIF; a PNG, GIF or WebP whose header says it is at most 2x2 pixels, while one that says it is
    bigger, a 16x16 icon, is a picture however short), a known placeholder or spinner file (`spacer.gif`,
    `lazy-placeholder.png`, ...), the picture an image host serves for an image that was taken down
    (`i.imgur.com/removed.png`, `image-not-found.png`), a file
    name that is a script's missing value (`…/photos/undefined`, `…/null`, `…/[object Object]`) or an image
    proxy with an empty target (`images.weserv.nl/?url=`, `/_next/image?url=&w=640`); Markdown images with an
    empty target; Hugo `figure` shortcodes whose `src` is any of those, and the image calls of other
    templates (a Zola shortcode's `path`, eleventy-img's `{% image %}`, `{% include image.html src="" %}`).
    When the real URL sits in a lazy-load attribute (`data-src`, `data-original`, `data-lazy-src`,
    `data-srcset`, ...) the message names it. An address that exists only inside the program where the page
    was written or saved (a browser's `blob:` URL, a mail's `cid:` part, an extension's page, `//:0`), or a
    file on the disk of whoever wrote or imported the post (`file:///C:/Users/…`, `D:\\photos\\…`), shows
    nothing either.
    An `<img>` with no `src` (or an empty one) whose `srcset`, or its `<picture>`'s `<source srcset>`, names
    a URL is shown from that list, as browsers do, and is not reported.

    ## Why is this bad?
    Lazy-loading scripts swap the real URL in at run time. Copied into a post without the outlet's
    JavaScript, the image is broken for every reader, feed reader and search engine.

    ## Options
    None.

    ## Fix
    Safe: when a lazy-load attribute holds a single URL (`data-src`, `data-original`, `data-lazy-src`, ...),
    that URL becomes the `src` (replacing a placeholder, or added when `src` is missing). The lazy-load
    attribute is kept.
    """

    code = "PL301"
    name = "image-missing-src"
    honours_proofer_ignore = True
    severity = Severity.ERROR
    fixable = True

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            src = image.get("src")
            if usable_src(src):
                continue
            if not (src or "").strip() and _srcset_shows(image):
                continue  # browsers pick from srcset (or the <picture>'s sources): `src` is only a fallback
            lazy = next((name for name in LAZY_SRC_ATTRIBUTES if (image.get(name) or "").strip()), None)
            what = "no src" if src is None else "an empty src" if not src.strip() else _placeholder(src)
            if lazy:
                message = (
                    f"image has {what}; its real URL is in {lazy} (lazy loading), so readers without the "
                    "site's JavaScript see no image"
                )
            else:
                message = f"image has {what}: it shows nothing"
            start, end = html.start_tag(image)
            real = next(
                (
                    (image.get(name) or "").strip()
                    for name in LAZY_SINGLE_URL_ATTRIBUTES
                    if (image.get(name) or "").strip()
                ),
                None,
            )
            fix = None
            if real and usable_src(real):
                fix = Fix((Edit(*attribute_edit(post, image, "src", real)),), "use the lazy-load URL as src")
            yield Problem(message, start, end, fix=fix)
        for view in post_images(post):
            markdown_image = view.markdown
            if markdown_image is None:
                continue
            if markdown_image.shortcode:
                if not usable_src(markdown_image.src):
                    what = "an empty src" if not markdown_image.src.strip() else _placeholder(markdown_image.src)
                    yield Problem(
                        f"Hugo {markdown_image.shortcode} shortcode has {what[:80]}: it shows nothing",
                        markdown_image.start,
                        markdown_image.end,
                    )
            elif not markdown_image.src.strip():
                yield Problem(
                    "Markdown image has an empty target: it shows nothing", markdown_image.start, markdown_image.end
                )
            elif (
                local_only_url(markdown_image.src)
                or local_file_url(markdown_image.src)
                or unfilled_placeholder(markdown_image.src)
            ):
                yield Problem(
                    f"Markdown image has {_placeholder(markdown_image.src)}: it shows nothing",
                    markdown_image.start,
                    markdown_image.end,
                )
        for called in template_images(post):
            if not usable_src(called.src):
                what = "an empty image address" if not called.src.strip() else _placeholder(called.src)
                yield Problem(
                    f"template call '{called.shortcode}' has {what}: it shows nothing", called.start, called.end
                )


def _placeholder(src: str) -> str:
    """How the message names an `src` that shows nothing although it is not empty."""
    where = local_only_url(src)
    if where:
        return f"an address that exists only where the page was written or saved ({where} {src[:60]})"
    if local_file_url(src):
        return f"a file on the computer of whoever wrote or imported the post as its src ({src[:60]})"
    placeholder = unfilled_placeholder(src)
    if placeholder:
        return f"a template's placeholder '{placeholder[:40]}' in its src, never filled in ({src[:60]})"
    return f"a placeholder src ({src[:60]})"


def _srcset_shows(image: Element) -> bool:
    """Whether the image's `srcset`, or a `srcset` of its `<picture>`'s sources, names a usable URL: a
    browser shows that candidate without a `src`."""
    holders = [image]
    parent = image.getparent()
    if parent is not None and parent.tag == "picture":
        holders.extend(source for source in parent.iter("source"))
    for holder in holders:
        for candidate in (holder.get("srcset") or "").split(","):
            words = candidate.split()
            if words and usable_src(words[0]):
                return True
    return False
