"""What the rules share about front matter (re-exported by :mod:`postlint.helpers`): a key's date as written,
read once per post, and where a value stands."""

from __future__ import annotations

from postlint.reading.dates import DateError, PostDate, parse_date
from postlint.reading.memo import MemoKey
from postlint.reading.post import Post


def front_matter_date(post: Post, key: str = "date") -> PostDate | None:
    """The date under ``key`` as written, or ``None`` when it is absent or not a valid date (PL201 says why)."""
    memo_key: MemoKey[PostDate | None] = MemoKey("front-matter-date", (key,))
    if memo_key in post.memo:
        return post.memo[memo_key]
    result: PostDate | None = None
    value = post.data.get(key)
    if value is not None and post.front_matter is not None:
        try:
            result = parse_date(value, post.front_matter.raw(key), post.site.date_reader)
        except DateError:
            result = None
    post.memo[memo_key] = result
    return result


def value_span(post: Post, *path: str | int) -> tuple[int, int]:
    """Offsets of a front-matter value (the opening fence when the key is absent)."""
    front = post.front_matter
    if front is None:
        return 0, 0
    span = front.span(*path)
    return (span.value_start, span.value_end) if span else front.open_fence
