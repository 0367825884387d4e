"""PL705 html-script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from postlint.api import Context, Post, Problem, Rule, Severity
from postlint.helpers import PackChoice, host_matches, runs_templates, site_target, source_host, url_host

#: Non-executable script types (data blocks) that carry no code.
_DATA_TYPES = frozenset(
    ("application/ld+json", "application/json", "text/template", "text/x-template", "text/html", "text/plain")
)


class HtmlScriptOptions(PackChoice):
    #: Hosts whose scripts are expected (e.g. your own embed widgets); a host also matches its subdomains.
    allowed_hosts: tuple[str, ...] = ()


class HtmlScript(Rule[HtmlScriptOptions]):
    """A `<script>` in the post body runs code on your site.

    ## What it does
    Reports `<script>` elements in the body, inline or with `src`, except JSON/LD and template data blocks
    and scripts from `allowed-hosts`. Scripts from known ad and analytics hosts are left to `ad-embed`.
    Also reports a `<base href>`: browsers take the first one anywhere in the page as the base of every
    relative URL after it, the layout's own scripts included. A script or base inside a `<noscript>` never
    takes effect and is not reported.

    A script the site serves itself is the author's, not a remnant: one whose `src` is a path on the site
    (`/scripts/plotly-basic.min.js`, `charts.js`, also printed by Jekyll's or Eleventy's URL filters,
    `{{ "/assets/js/post.js" | relative_url }}`) is not reported, and neither are the inline scripts of a
    post that loads one (the code that draws the author's chart), nor a module script that imports one
    (`import { HorizontalBar } from "/static/artificial-chart.js"`). When the site is known and has no such
    file, or the site is unknown and the post was imported (its front matter names a source URL), the
    script is reported after all: it came with the imported page.

    ## Why is this bad?
    Imported content that runs scripts runs *someone else's* code with your site's origin: it can read
    cookies, rewrite the page and follow readers. Embeds usually work without their script, or need one
    script in the layout, not one per post.

    ## Options
    - `allowed-hosts` (list of strings): hosts whose scripts are fine.
    - `packs`, `disable-packs` (lists of pack names), `extra-packs` (your own packs, as for `ad-remnant`):
      which packs name the ad and analytics hosts left to `ad-embed` (default: every shipped ad and tracker pack).
    """

    code = "PL705"
    name = "html-script"
    severity = Severity.ERROR
    Options = HtmlScriptOptions

    def __init__(self, options: HtmlScriptOptions | None = None) -> None:
        super().__init__(options)
        self.ad_hosts = self.options.pack_hosts(__package__ or "postlint_rules", "ad", "tracker")

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        scripts = [
            script
            for script in html.iter("script")
            if (script.get("type") or "").strip().lower() not in _DATA_TYPES and script not in html.noscript_content
        ]
        own = {script for script in scripts if self._own(post, context, (script.get("src") or "").strip())}
        own.update(
            script
            for script in scripts
            if not script.get("src")
            and any(self._own(post, context, path) for path in _IMPORTED.findall(html.text_of(script))[:20])
        )
        for script in scripts:
            src = (script.get("src") or "").strip()
            if script in own or (not src and own):
                continue  # the site's own script, or the author's code that uses it
            host = url_host(src) if src else None
            if host and (host_matches(host, self.ad_hosts) or host_matches(host, self.options.allowed_hosts)):
                continue
            start, end = html.start_tag(script)
            what = f"loads {src[:100]}" if src else "runs inline code"
            if src and _on_site(src):
                # Not the site's own: either the site has no such file, or the post came from another site.
                origin = source_host(post)
                if origin:
                    what += f", a path of the site it was imported from ({origin[:80]}), not a script of this site"
                else:
                    what += ", a path on this site where there is no such file"
            yield Problem(f"<script> in the post body {what}", start, end)
        # The first <base href> anywhere in the page sets the base of every relative URL after it: the layout's
        # own `<script src="/assets/app.js">` at the end of the page then loads from the host the post names.
        for base in html.iter("base"):
            href = base.get("href")
            if href is None or base in html.noscript_content:
                continue
            start, end = html.start_tag(base)
            target = href.strip()[:100] or "an empty address"
            yield Problem(
                f"<base> in the post body moves every relative URL of the page to {target}: the layout's own "
                "scripts after it load from there",
                start,
                end,
            )

    @staticmethod
    def _own(post: Post, context: Context, src: str) -> bool:
        """Whether ``src`` is a path on the site that is there, or may be: the site is unknown and the post is
        the author's own (it names no source it was imported from)."""
        if src and runs_templates(post.data, post.site.generator):
            src = site_target(src)  # `{{ "/assets/javascripts/new_post.js" | relative_url }}` is that path
        if not src or not _on_site(src):
            return False
        exists = context.file_exists(post, unquote(src.split("?", 1)[0].split("#", 1)[0]))
        return exists is True or (exists is None and source_host(post) is None)


#: A module script's import of a path (`import { Bar } from "/static/chart.js"`, `import "./x.js"`).
_IMPORTED = re.compile(r"""\b(?:from|import)\s*["']((?:/|\.\.?/)[^"'\s]{1,300})["']""")


def _on_site(src: str) -> bool:
    """A relative or root-relative path: no scheme, not protocol-relative (`//host/x.js`), not a template."""
    return not _SCHEME.match(src) and not src.startswith("//") and "{{" not in src and "{%" not in src


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
