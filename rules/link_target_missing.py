"""PL801 link-target-missing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import LINKS

_LOOKS_EXTERNAL = re.compile(r"^[\"'(<\s]*(?:https?[:：]|www\.)", re.I)
_KINDS = {
    "markdown": "link",
    "html": "link",
    "post_url": "{% post_url %}",
    "link": "{% link %}",
    "ref": "{{< ref >}}",
    "relref": "{{< relref >}}",
}


class LinkTargetMissing(SiteRule[RuleOptions]):
    """A link to a page of the site resolves to no post, page or file of the site.

    ## What it does
    Resolves each link of the post against the site index: Markdown links, HTML `<a href>`, Jekyll's
    `{% post_url name %}` and `{% link path %}`, Hugo's `{{< ref >}}` and `{{< relref >}}`, Zola's `@/`
    links. A site path (`/2019/04/01/old-slug.html`, under Jekyll's `baseurl`, Hugo's `baseURL`, Zola's
    `base_url` path or Eleventy's `pathPrefix`) must be a URL some file of the site builds (from its path,
    the generator's permalink settings and its front matter), one the generator builds itself (a feed, a
    taxonomy page), one the host redirects (Zola, Eleventy: `vercel.json`, `netlify.toml`, `_redirects`),
    or a file of the site; a link below a URL postlint cannot compute (Eleventy's
    `/tags/{{ tag | slugify }}/`) is not judged. A relative path must be a page beside the post's URL or a
    file beside the post; `post_url` must name a post in `_posts`, `link` a file of the site, `ref` a
    content file. `/a/b`, `/a/b/`, `/a/b.html` and `/a/b/index.html` count as one page, as servers treat
    them. Links to other hosts, `mailto:` and the like, and paths that leave the project tree are not site
    links and are never followed. Images are PL305's (image-local-missing).

    On by default where postlint finds the site (its generator's config, or `site-root`), off elsewhere: it
    needs the whole site (the generator's config, every post and page) to be right, and a folder of posts
    without its site reports every site path it cannot place as unknown, not missing.

    ## Why is this bad?
    The link is broken on the built site: a post was renamed or deleted, or an importer kept the old
    site's paths. html-proofer finds these only after a build, at the built page's line; here they are
    found in the source, at the link.

    ## Options
    None: the site comes from `site-root` or the generator's config found above the posts.
    """

    code = "PL801"
    name = "link-target-missing"
    honours_proofer_ignore = True
    severity = Severity.ERROR
    enabled_by_default = False
    enabled_on_sites = True
    needs = frozenset({LINKS})

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        for link in page.links:
            target = site.resolve(page, link)
            if target.state == "missing":
                what = _KINDS.get(link.kind, "link")
                message = f"{what} target '{link.target[:100]}' resolves to nothing: {target.why}"
                if _LOOKS_EXTERNAL.match(link.target):
                    message += " (it looks like another site's address written without its scheme or inside quotes)"
                yield SiteProblem(message, link.place)
