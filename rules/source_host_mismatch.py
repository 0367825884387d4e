"""PL604 source-host-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import OUTLETS, SOURCE_URL_KEYS, host_matches, url_host, value_span


class SourceHostMismatchOptions(RuleOptions):
    keys: tuple[str, ...] = SOURCE_URL_KEYS
    #: Author or category (case-insensitive) to the hosts that outlet publishes on; merged with the built-in
    #: map, an entry here replaces the built-in one.
    outlets: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class SourceHostMismatch(Rule[SourceHostMismatchOptions]):
    """The source URL's host does not belong to the outlet the post names as author or category.

    ## What it does
    Looks up the post's `author` and `categories`/`category` in a map of outlets to the hosts they publish
    on (built in for common news outlets, extended by the `outlets` option) and reports a source URL whose
    host is not one of them or their subdomains. Posts whose author and categories name no known outlet
    are left alone.

    ## Why is this bad?
    A post filed under one outlet with another outlet's URL was mis-attributed by the importer, or the
    outlet's content is being re-published under the wrong name.

    ## Options
    - `keys` (list of strings): the front-matter keys that hold the source URL.
    - `outlets` (table of name to list of hosts): more outlets, e.g. `{ "联合早报" = ["zaobao.com"] }`.
    """

    code = "PL604"
    name = "source-host-mismatch"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = SourceHostMismatchOptions

    def __init__(self, options: SourceHostMismatchOptions | None = None) -> None:
        super().__init__(options)
        merged = {**OUTLETS, **self.options.outlets}
        self.outlets = {name.casefold(): hosts for name, hosts in merged.items()}

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        names: list[str] = []
        for key in ("author", "categories", "category"):
            value = post.data.get(key)
            values = value if isinstance(value, list) else [value]
            names.extend(str(item) for item in values if isinstance(item, (str, int)))
        hosts = [self.outlets[name.strip().casefold()] for name in names if name.strip().casefold() in self.outlets]
        if not hosts:
            return
        # The author and the category often name the same outlet: list each of its hosts once.
        allowed = tuple(dict.fromkeys(host for group in hosts for host in group))
        for key in self.options.keys:
            url = post.data.get(key)
            host = url_host(url) if isinstance(url, str) else None
            if host is None:
                continue
            if not host_matches(host, allowed):
                start, end = value_span(post, key)
                yield Problem(
                    f"source host {host} is not one of the outlet's hosts ({', '.join(allowed)})",
                    start,
                    end,
                    snippet=key,
                )
            return
