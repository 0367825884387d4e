"""PL305 image-local-missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import post_images, site_target, template_images

_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\{\{|\{%)")
#: Jekyll's `{{ site.baseurl }}/assets/x.png` (after `{{ site.url }}` or not) names `/assets/x.png` of the site.


class ImageLocalMissing(Rule[RuleOptions]):
    """A local image (a relative or site-absolute path) does not exist.

    ## What it does
    Resolves image paths that are not URLs: relative ones against the post's folder, site-absolute ones
    (`/assets/x.png`) against `site-root` and `static-dirs` from the config, or else against the site
    found from its generator's config: the folder of Jekyll's `_config.yml` (under its `baseurl`), or
    Hugo's `static/`, `assets/`, themes and page bundles under `content/`; Jekyll's
    `{{ site.baseurl }}/assets/x.png` is the site's `/assets/x.png`. Reports those that name no
    file. Nothing outside the project tree is looked at (a `..` that climbs out of it is not checked),
    and site-absolute paths are skipped when no site root is configured or found.

    ## Why is this bad?
    The image is broken on the built site. It usually means an importer kept the outlet's paths without
    downloading the files, or an asset was renamed.

    ## Options
    None: the folders come from `site-root` and `static-dirs` (outside the project tree only with
    `allow-site-root-outside-tree = true`), or from the site's own config.
    """

    code = "PL305"
    name = "image-local-missing"
    honours_proofer_ignore = True
    severity = Severity.ERROR

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        candidates: list[tuple[str, int, int]] = []
        for image in html.iter("img"):
            src = (image.get("src") or "").strip()
            if src:
                candidates.append((src, *html.start_tag(image)))
        candidates.extend((image.src.strip(), image.start, image.end) for image in post.markdown.images)
        # Hugo's figure shortcode and other templates' image calls (a Zola shortcode's path, eleventy-img).
        candidates.extend(
            (view.markdown.src.strip(), view.start, view.end)
            for view in post_images(post)
            if view.markdown is not None and view.markdown.shortcode
        )
        candidates.extend(
            (called.src.strip(), called.start, called.end)
            for called in template_images(post)
            if called.shortcode != "include" or called.src.strip().startswith("/")
        )
        for src, start, end in candidates:
            target = site_target(src)
            if not target or _REMOTE.match(target):
                continue
            if context.file_exists(post, unquote(target)) is False:
                yield Problem(f"local image '{src[:100]}' does not exist", start, end)
