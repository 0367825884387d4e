"""PL601 source-url-invalid."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import SOURCE_URL_KEYS, value_span

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


def repaired_by_browsers(value: str) -> bool:
    """Whether the only defect of ``value`` is white space in its path, query or fragment, which browsers
    percent-encode (spaces) or drop (tabs and line breaks) when the link is followed."""
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # `http://a.example [x/` parses once the space is gone, and not before: not repaired
        return False
    if _WHITESPACE.search(parts.scheme + parts.netloc):
        return False
    return source_url_defect(_WHITESPACE.sub("", url)) is None


class SourceUrlInvalidOptions(RuleOptions):
    keys: tuple[str, ...] = SOURCE_URL_KEYS


class SourceUrlInvalid(Rule[SourceUrlInvalidOptions]):
    """The front-matter source URL (`from`, `link`, `original_url`, ...) is malformed or not http(s).

    ## What it does
    Checks the keys that hold the URL a post was imported from and reports values that are not text, not
    `http://` or `https://` URLs, without a host, or containing white space. An empty value means "no
    source" and is accepted. White space in the path or query only (a slug like `/zh/标题 副标题/a-1`) is
    reported as `info`: browsers encode it and the link works, but other tools may not.

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
                # The value goes into the message as written: each reporter neutralises it for where it goes.
                shown = f" '{str(value)[:100]}'" if value else ""
                if isinstance(value, str) and repaired_by_browsers(value):
                    yield Problem(
                        f"source URL in '{key}'{shown} contains white space; browsers encode it and the link works, "
                        "but tools that compare or fetch URLs may not: write it as %20",
                        start,
                        end,
                        snippet=key,
                        severity=Severity.INFO,
                    )
                    continue
                yield Problem(f"source URL in '{key}'{shown} {defect}", start, end, snippet=key)
