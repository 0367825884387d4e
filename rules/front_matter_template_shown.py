"""PL106 front-matter-template-shown."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import lazy_regex, value_span

#: Front-matter values a page shows as text: its title (in the page, the browser's tab and the feeds), its
#: summary lines.
_SHOWN_KEYS = ("title", "linkTitle", "subtitle", "description", "summary")
#: A template tag: Go templates, Liquid, Nunjucks and Tera all write `{{ … }}` and `{% … %}`.
_TEMPLATE = lazy_regex(r"\{\{[^{}\n]{0,200}\}\}|\{%[^{}\n]{0,200}%\}")


class FrontMatterTemplateShown(Rule[RuleOptions]):
    """A front-matter title or summary holds template code, which no generator runs there: the page shows it.

    ## What it does
    Reports a `title`, `linkTitle`, `subtitle`, `description` or `summary` whose value holds a template tag
    (`{{ .Name }}`, `{{ site.title }}`, `{% if %}`). Jekyll, Hugo, Zola and Eleventy read front matter as
    data and do not run its strings through their templates (Eleventy only `permalink` and the values under
    `eleventyComputed`, which are left alone), so the page, its `<title>` and the feeds show the tag as typed.
    Typical causes: a Hugo archetype copied by hand instead of through `hugo new` (`title: '{{ replace .Name
    "-" " " | title }}'`), a title written as if Liquid filled it (`"{{ site.title }} – Post"`).

    ## Why is this bad?
    Readers see template code where the title should be, in the page, in search results and in feeds.

    ## Options
    None.
    """

    code = "PL106"
    name = "front-matter-template-shown"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        if post.front_matter is None:
            return
        for key in _SHOWN_KEYS:
            value = post.data.get(key)
            if not isinstance(value, str) or "{" not in value:
                continue
            found = _TEMPLATE.search(value)
            if found is None:
                continue
            start, end = value_span(post, key)
            yield Problem(
                f"the front matter's {key} holds the template tag '{found.group(0)[:40]}', which the generator does"
                " not run in front matter: the page shows it as typed",
                start,
                end,
            )
