"""PL601 source-url-invalid."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from postlint.api import (
    SOURCE_URL_KEYS,
    Context,
    Post,
    Problem,
    Requirement,
    Rule,
    RuleOptions,
    Severity,
    value_span,
)

_WHITESPACE = re.compile(r"\s")


def source_url_defect(value: object) -> str | None:
    if not isinstance(value, str):
        return f"is not text but {type(value).__name__}"
    url = value.strip()
    if not url:
        return "is empty"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a bad port
    except ValueError as error:
        return f"cannot be parsed ({error})"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http(s) URL" if parts.scheme else "has no scheme (http:// or https://)"
    if not parts.hostname or "." not in parts.hostname:
        return "has no valid host"
    if _WHITESPACE.search(url):
        return "contains white space"
    return None


class SourceUrlInvalidOptions(RuleOptions):
    keys: tuple[str, ...] = SOURCE_URL_KEYS


class SourceUrlInvalid(Rule[SourceUrlInvalidOptions]):
    """The front-matter source URL (`from`, `link`, `original_url`, ...) is malformed or not http(s).

    ## What it does
    Checks the keys that hold the URL a post was imported from and reports values that are not text, not
    `http://` or `https://` URLs, without a host, or containing white space. An empty value means "no
    source" and is accepted.

    ## Why is this bad?
    The source URL is the post's provenance: attribution links, "read the original" buttons and
    de-duplication of re-imports all depend on it. An importer that wrote a relative path, a title or an
    empty string broke all of them.

    ## Options
    - `keys` (list of strings): the front-matter keys that hold the source URL.
    """

    code = "PL601"
    name = "source-url-invalid"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = SourceUrlInvalidOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for key in self.options.keys:
            if key not in post.data:
                continue
            value = post.data[key]
            if value is None or (isinstance(value, str) and not value.strip()):
                continue  # an empty value says "no source" (Hugo's `link: ""`), not a broken one
            defect = source_url_defect(value)
            if defect:
                start, end = value_span(post, key)
                shown = f" '{str(value)[:100]}'" if value else ""
                yield Problem(f"source URL in '{key}'{shown} {defect}", start, end, snippet=key)
