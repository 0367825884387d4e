"""PL205 date-source-url-mismatch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import SOURCE_URL_KEYS, front_matter_date, lazy_regex, value_span

# `/2021/03/20/`, `/2021-03-20/`, and `story20210320-1132745` (a year 19xx/20xx followed by month and day).
_SLASHED = lazy_regex(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/\-_.]|$)")
_COMPACT = lazy_regex(r"(?<![0-9])((?:19|20)\d{2})(\d{2})(\d{2})(?![0-9])")


def url_date(url: str) -> tuple[dt.date, int, int] | None:
    """The publication date embedded in a URL's path, with its offsets in the URL."""
    path_start = url.find("/", url.find("//") + 2) if "//" in url else 0
    if path_start < 0:
        return None
    path = url[path_start:].split("?", 1)[0].split("#", 1)[0]
    for pattern in (_SLASHED, _COMPACT):
        for match in pattern.finditer(path):
            try:
                found = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
            return found, path_start + match.start(1), path_start + match.end()
    return None


class DateSourceUrlMismatchOptions(RuleOptions):
    keys: tuple[str, ...] = SOURCE_URL_KEYS
    tolerance_days: int = Field(default=2, ge=0)


class DateSourceUrlMismatch(Rule[DateSourceUrlMismatchOptions]):
    """The date embedded in the source URL is far from the post's `date`.

    ## What it does
    Finds a date in the path of the front-matter source URL (`from`, `link`, `original_url`, ...):
    `/2021/03/20/`, `/2021-03-20/` or a compact `story20210320-1132745`. It reports when that day is more
    than `tolerance-days` from the day of `date`.

    ## Why is this bad?
    The outlet's URL records when the article was published. An importer that stamped the import time,
    or mis-read a zone, gives the post a date days or years away from the article it copies.

    ## Options
    - `keys` (list of strings): the front-matter keys that hold the source URL.
    - `tolerance-days` (integer, default 2): allowed difference, for time zones and late imports.
    """

    code = "PL205"
    name = "date-source-url-mismatch"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER
    Options = DateSourceUrlMismatchOptions

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        date = front_matter_date(post, "date")
        if date is None:
            return
        for key in self.options.keys:
            url = post.data.get(key)
            if not isinstance(url, str):
                continue
            found = url_date(url)
            if found is None:
                continue
            day, _, _ = found
            written = date.local_date()
            if abs((written - day).days) > self.options.tolerance_days:
                start, end = value_span(post, key)
                yield Problem(
                    f"source URL in '{key}' is dated {day.isoformat()} but 'date' is {written.isoformat()} "
                    f"({abs((written - day).days)} days apart)",
                    start,
                    end,
                    snippet=key,
                )
            return
