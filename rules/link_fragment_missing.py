"""PL802 link-fragment-missing."""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import ANCHORS, LINKS


class Options(RuleOptions):
    #: Fragments that themes or the generator make on every page (footnotes, "back to top", comments),
    #: as shell patterns; never reported. A comment's own anchor (`#comment-3250395275`, Disqus's and
    #: WordPress's) is made by the comment widget when the page loads.
    ignore: tuple[str, ...] = (
        "top",
        "fn:*",
        "fnref:*",
        "fn-*",
        "fnref-*",
        "footnote*",
        "comments",
        "comment-[0-9]*",
        "li-comment-[0-9]*",
        "disqus_thread",
        "respond",
    )


class LinkFragmentMissing(SiteRule[Options]):
    """A link's fragment (`#x`, `page#x`) names no anchor in its target page.

    ## What it does
    For each link with a fragment whose target is a page of the site (the post itself for `#x`), looks for
    the anchor among the ids the page defines: HTML `id` (and `<a name>`), explicit `{#id}` and kramdown
    `{: #id}` attributes, and the ids the generator gives Markdown headings, with each generator's
    numbering of repeated ones: kramdown's and its GFM parser's for Jekyll, Goldmark's `github`,
    `github-ascii` and `blackfriday` for Hugo, Zola's `slugify.anchors` `on` and `safe`, Eleventy's
    markdown-it-anchor; every generator's when the site's is unknown. A heading whose id postlint cannot
    compute exactly (Zola transliterates `🦀` to `crab`) silences every fragment that holds its ASCII words
    in order. A fragment matches as written or percent-decoded. Links whose target is not found are
    PL801's; a target that is a file (not a page) is not looked into.

    On by default where postlint finds the site (its generator's config, or `site-root`), off elsewhere: it
    needs the whole site for `page#x`. Themes may still add anchors postlint cannot see (table-of-contents
    plugins, comment sections): list them in `ignore`. A page filled by a shortcode that stands alone on
    its line (`{{% glossary %}}`) has anchors only the shortcode's template knows: fragments into it are
    not judged.

    ## Why is this bad?
    The link opens the right page at the wrong place (its top), usually because a heading was reworded.

    ## Options
    `ignore`: fragments never reported, as shell patterns (footnotes, `top`, comment sections and the
    anchors of single comments, `comment-123`, by default).
    """

    code = "PL802"
    name = "link-fragment-missing"
    honours_proofer_ignore = True
    severity = Severity.WARNING
    enabled_by_default = False
    enabled_on_sites = True
    needs = frozenset({LINKS, ANCHORS})
    Options = Options

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        for link in page.links:
            if "#" not in link.target:
                continue
            target = site.resolve(page, link)
            fragment = target.fragment
            if target.state != "page" or target.page is None or not fragment or target.page.anchors is None:
                continue
            from urllib.parse import unquote

            name = unquote(fragment)
            if target.page.defines(name) or target.page.defines(fragment):
                continue
            if any(fnmatchcase(name, p) for p in self.options.ignore):
                continue
            where = "this post" if target.page.path == page.path else f"'{target.page.path}'"
            yield SiteProblem(f"fragment '#{name[:100]}' names no anchor in {where}", link.place)
