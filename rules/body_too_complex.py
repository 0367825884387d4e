"""PL015 body-too-complex."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity


class BodyTooComplex(Rule[RuleOptions]):
    """Only part of the body was checked: too many elements, images or links, too deep, or too many attributes.

    ## What it does
    Reports a body with more than 50,000 HTML elements, elements nested more than 512 levels deep, an
    element with more than 1,000 attributes, more than 50,000 Markdown images and links, or Markdown whose
    link syntax would cost the Markdown parser too much (such as `[a](` repeated over a megabyte).
    postlint reads such a body up to that point and checks only what it read, so that one pathological
    file costs bounded time and memory; the finding says where reading stopped.

    ## Why is this bad?
    No real article is that large or that deep (the 3,983 real posts in postlint's test corpus stay under
    2,000 elements and 20 levels): it is an extraction gone wrong, such as a whole site dumped into one
    post or markup that opens a tag in a loop. Browsers struggle with it too.

    ## Options
    None.
    """

    code = "PL015"
    name = "body-too-complex"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        if html.truncated:
            at = html.start(html.elements[-1]) if html.elements else post.body_start
            yield Problem(f"body has {html.truncated}", at, at)
        markdown = post.markdown
        if markdown.truncated:
            last = markdown.stopped_at
            if last is None:
                starts = [image.start for image in markdown.images] + [link.start for link in markdown.links]
                last = max(starts, default=post.body_start)
            yield Problem(f"body has {markdown.truncated}", last, last)
