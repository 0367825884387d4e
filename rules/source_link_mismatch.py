"""PL602 source-link-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import SOURCE_LABELS, SOURCE_URL_KEYS, attribution_links, lazy_regex, normalize_url


class SourceLinkMismatchOptions(RuleOptions):
    keys: tuple[str, ...] = SOURCE_URL_KEYS
    #: Link texts that label a link as the source (compared ignoring case, spaces and punctuation).
    source_labels: tuple[str, ...] = SOURCE_LABELS


class SourceLinkMismatch(Rule[SourceLinkMismatchOptions]):
    """The body's attribution link points somewhere else than the front-matter source URL.

    ## What it does
    Finds the attribution link the way a reader would, by its place and its role: the link that makes up
    the heading opening the body (the importer's `[title](url)` underlined with `------`), or the one link
    of a short source line at the top or the foot of the body, whose text is the post's title or a source
    label (原文, 来源, Source, Original, Read more at ...), or which follows a label on its line
    (`原文链接：<a href=…>…</a>`, `Source: <a>Reuters</a>`, `Source: [site](url)`). A link with the right
    words in the middle of the text ("see my original blog post"), a photo credit, a line of several
    sources and related-article links are not attribution links, so posts without one are left alone.
    A label may follow the words for "this article" (`本文原刊於`, `This article was reposted from`), and a
    source line may write its address out instead of linking it (`原文链接：https://…`).
    When the attribution link and the front-matter source URL differ after normalising scheme, host case,
    default ports, trailing slashes, fragments, tracking parameters and a feed's referral mark (`?ref=rss`,
    `?source=feed`: the same article, reached from a feed), the link is reported with both URLs. The source
    URL is the first of `keys` the front matter holds (Hugo themes' `canonicalURL` among them), or on Zola,
    where a page's own keys live in its `[extra]` table, `extra.<key>` or `extra.original`, and on Hugo in
    its `params` (`params.source`). A label may also follow the link, as Japanese writes it
    (`（[毎日新聞]より）`). (`ref` is only a referral mark with such a value: GitHub's `?ref=v1.2` names a tag.)

    ## Why is this bad?
    One of them is wrong: readers who click "original" land on another article, or the front matter that
    tools use for de-duplication and provenance names the wrong source.

    ## Options
    - `keys` (list of strings): the front-matter keys that hold the source URL.
    - `source-labels` (list of strings): link texts that mark a source link.
    """

    code = "PL602"
    name = "source-link-mismatch"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = SourceLinkMismatchOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        key, source = next(
            (
                (k, post.data[k])
                for k in self.options.keys
                if isinstance(post.data.get(k), str) and str(post.data[k]).strip()
            ),
            (None, None),
        )
        for table in ("extra", "params"):
            # Zola keeps a page's own keys in its [extra] table, Hugo (0.123 on) in `params`
            extra = post.data.get(table)
            if key is None and isinstance(extra, dict):
                key, source = next(
                    (
                        (f"{table}.{k}", extra[k])
                        for k in (*self.options.keys, "original")
                        if isinstance(extra.get(k), str) and str(extra[k]).strip()
                    ),
                    (None, None),
                )
        if key is None or not isinstance(source, str):
            return
        wanted = _compared(source)
        for link in attribution_links(post, self.options.source_labels):
            if link.href.startswith("#") or _compared(link.href) == wanted:
                continue
            yield Problem(
                f"attribution link ({link.why}) points to {link.href[:120]} but '{key}' is {source.strip()[:120]}",
                link.start,
                link.end,
            )


#: A referral mark a feed or a share adds to an article's address (`?ref=rss`, `?source=feed`, `?via=twitter`):
#: the same article.
_REFERRAL_KEYS = frozenset(("ref", "source", "src", "via", "feature", "referrer", "ref_source"))
_REFERRAL_VALUE = lazy_regex(
    r"(?:rss|feed|atom|newsletter|email|mail|twitter|facebook|fb|social|share|sharing|app|homepage|home|weibo|wechat"
    r"|line|copylink|copy_link|telegram|reddit|hn|hackernews)[\w.-]{0,12}",
    re.I,
)


def _compared(url: str) -> str:
    """The comparison key of ``url``: :func:`normalize_url`, without a feed's referral mark."""
    key = normalize_url(url)
    if "?" not in key:
        return key
    head, query = key.split("?", 1)
    kept = [
        pair
        for pair in query.split("&")
        if not (
            pair.split("=", 1)[0].lower() in _REFERRAL_KEYS
            and _REFERRAL_VALUE.fullmatch(unquote(pair.partition("=")[2]))
        )
    ]
    return head + ("?" + "&".join(kept) if kept else "")
