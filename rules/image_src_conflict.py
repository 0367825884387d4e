"""PL302 image-src-conflict."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import LAZY_SINGLE_URL_ATTRIBUTES, normalize_url, usable_src

#: Lazy-load attributes that hold a single URL (srcset lists are not compared).


def _same_image(src: str, other: str) -> bool:
    if normalize_url(other) == normalize_url(src):
        return True
    # A relative lazy URL (`./static/images/18.jpg`) names the same file when `src` ends with its path.
    relative = other.removeprefix("./").lstrip("/")
    return (
        "://" not in other
        and not other.startswith("//")
        and bool(relative)
        and src.split("?")[0].endswith("/" + relative.split("?")[0])
    )


class ImageSrcConflict(Rule[RuleOptions]):
    """An image's `src` and its lazy-load `data-src` point at different images.

    ## What it does
    Reports `<img>` elements whose `src` is a real image (not a placeholder) while `data-src` (or
    `data-original`, `data-lazy-src`, `data-echo`) names a different URL. URLs are compared after
    normalising scheme, host case, trailing slashes and tracking parameters.

    ## Why is this bad?
    Readers with the outlet's script see one picture and everyone else another: often a thumbnail or an
    unrelated image is what the post actually shows. Decide which one belongs to the article.

    ## Options
    None.
    """

    code = "PL302"
    name = "image-src-conflict"
    honours_proofer_ignore = True
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for image in html.iter("img"):
            src = image.get("src")
            if not usable_src(src) or src is None:
                continue
            for name in LAZY_SINGLE_URL_ATTRIBUTES:
                other = (image.get(name) or "").strip()
                if other and not _same_image(src.strip(), other):
                    start, end = html.start_tag(image)
                    yield Problem(
                        f"src ({src.strip()[:80]}) and {name} ({other[:80]}) name different images", start, end
                    )
                    break
