"""PL804 link-empty."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class Options(RuleOptions):
    #: Accept `#` alone as a link target (a "back to top" link) instead of reporting it.
    allow_hash: bool = False


class LinkEmpty(Rule[Options]):
    """A link goes nowhere: `[text]()`, `[text](<>)`, `<a href="">`, or just `#`.

    ## What it does
    Reports Markdown links with an empty target (`[text]()`, `[text](<>)`, `[text]( )`, or a reference
    whose definition is empty) and `<a>` elements whose `href` is present but empty or white space. A target
    of `#` alone is reported too (as markdownlint's MD042 does) unless `allow-hash` is set. Images are left
    to `image-missing-src` (PL301), and an `<a>` with no `href` at all (`<a name="x">`, an anchor) is not a
    link and is not reported.

    ## Why is this bad?
    An empty `href` links to the page itself, so clicking reloads the post; `#` jumps to its top. Either way
    the reader does not get what the link text promises: the target was lost on import or never filled in.

    ## Options
    - `allow-hash` (bool, default false): accept `#` as a target (for "back to top" links).
    """

    code = "PL804"
    name = "link-empty"
    severity = Severity.WARNING
    Options = Options

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for link in post.markdown.links:
            what = self._empty(link.href)
            if what and link.href != link.text:  # an autolink `<#>` shows its own target: leave it
                yield Problem(f"Markdown link has {what}", link.start, link.end)
        html = post.html
        for anchor in html.iter("a"):
            attribute = html.attribute(anchor, "href")
            if attribute is None:
                continue
            what = self._empty(attribute.value or "")
            if what:
                yield Problem(f"link has {what}", attribute.start, attribute.end)

    def _empty(self, target: str) -> str | None:
        """What is wrong with ``target``, or ``None`` when it goes somewhere."""
        stripped = target.strip()
        if not stripped:
            return "an empty target: it goes nowhere (clicking reloads the page)"
        if stripped == "#" and not self.options.allow_hash:
            return "'#' as its target: it only jumps to the top of the page"
        return None
