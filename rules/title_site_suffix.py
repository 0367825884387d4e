"""PL808 title-site-suffix."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import SOURCE, TITLE, URL, fold_text, lazy_regex, names_outlet, outlet_keys, url_host


class TitleSiteSuffixOptions(RuleOptions):
    #: How many titles of the archive must end with the same tail for it to be a site's or section's name.
    min_titles: int = 2


class TitleSiteSuffix(SiteRule[TitleSiteSuffixOptions]):
    """The title ends with the outlet's name, as the page's `<title>` did (`… – 法国国际广播电台 - RFI`).

    ## What it does
    Looks at the tail of every title after a spaced separator (` | `, ` – `, ` — `, ` - `, ` _ `, `｜`) and
    counts, over the whole archive, the titles that end with the same tail. A tail that several different
    titles share (`min-titles`, default 2) is not part of any one headline: it is the name of the site or of
    its section that the importer copied from the page's `<title>` (`| 路透`, `– 法国国际广播电台 - RFI`,
    `- Ruby 官方网站`, `- 要闻分析`). Each such title is reported with the longest shared tail and how many
    titles carry it. A subtitle after an unspaced dash (`……——纪念李文亮医生`) is the author's and is not
    looked at, nor a tail whose titles differ only in their numbers (a yearly series: `Award 2017 - …`), nor
    a tail that holds a year (`Project goals update — July 2025`: an edition of a series).

    A tail that is only the name of the outlet the post is filed under (its category, or the host of its
    source URL: `| 路透` under `reuters`, `- 中央社 CNA` under `cna`, `｜端傳媒 Initium Media` from
    theinitium.com), in the outlet's names in Chinese, Japanese and English, is reported even when no other
    title carries it: one post whose importer kept the page's <title>. So is the outlet's name followed by the
    page's date (DW's `… | DW | 02.09.2020`). So is a tail that is the site's own name, the `title` of its
    Jekyll, Hugo or Zola config (`Release notes | Field Notes` on the site titled "Field Notes"). Such a tail
    may follow any separator, spaced or not (`……——中央日报中文网`, `… · 共同网`): the outlet's bare name is no
    subtitle; it may stand in brackets (`……（法广）`, `… (RFI)`) or close the page's breadcrumb (`… < 国际 < 新闻
    < 朝鲜日报中文网`), reported whole.

    ## Why is this bad?
    The outlet's name is not part of the headline: it shows in lists of posts, feeds and search results,
    makes titles of one story from two feeds differ, and repeats what the front matter's source says.

    ## Options
    - `min-titles` (int, default 2): how many titles must share a tail.
    """

    code = "PL808"
    name = "title-site-suffix"
    severity = Severity.WARNING
    Options = TitleSiteSuffixOptions
    needs = frozenset({TITLE, SOURCE, URL})

    _counted: _TailCounts | None = None

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        if page.title is None or page.title_place is None:
            return
        counts = self._counted
        if counts is None or counts.site is not site:
            counts = self._counted = _TailCounts(site)
        for tail in _tails(page.title):  # longest first
            shared = counts.count(tail)
            if shared >= max(2, self.options.min_titles):
                yield SiteProblem(
                    f"title ends with '{tail.strip()[:60]}', as {shared} titles of the archive do: the name of the"
                    " site or section copied from the page's <title>, not part of the headline",
                    page.title_place,
                    f"title suffix {tail}"[:200],
                )
                return
        # A tail that is the site's own name (its config's title) is what the theme adds to every <title>.
        own = fold_text(site.rules.site_title or "")
        if own:
            for tail in _tails(page.title, _ANY_SEPARATOR):
                if fold_text(_ANY_SEPARATOR.sub("", tail, count=1)) == own:
                    yield SiteProblem(
                        f"title ends with '{tail.strip()[:60]}', the site's own name (the title its config or data"
                        " gives it), which the theme already adds to the page's <title>: not part of the headline",
                        page.title_place,
                        f"title suffix {tail}"[:200],
                    )
                    return
        # A tail that is the name of the outlet the post is filed under (its category, its source's host) is
        # that outlet's <title> suffix even when no other title of the archive carries it.
        keys = _outlet_keys(page)
        if not keys:
            return
        candidates = [
            *_breadcrumb_tails(page.title),
            *((tail, tail) for tail in _tails(page.title, _ANY_SEPARATOR)),
            *_dated_tails(page.title),
            *_bracketed_tails(page.title),
        ]
        for tail, name in candidates:
            if names_outlet(name, keys):
                yield SiteProblem(
                    f"title ends with '{tail.strip()[:60]}', the name of the outlet the post came from: copied from"
                    " the page's <title>, not part of the headline",
                    page.title_place,
                    f"title suffix {tail}"[:200],
                )
                return


class _TailCounts:
    """How many titles of a site (each once) end with each tail, asked tail by tail.

    A pre-commit run asks for the few tails of one or two titles: each is counted by looking only at the
    titles that hold it (a substring test each), not by finding every title's tails (7,333 titles: 18 ms of
    a 0.25 s run). Once those scans have cost about what counting every title's tails costs, every title's
    tails are counted once, so a run over the whole archive stays linear in its titles."""

    #: Scans of every title before counting all tails at once (a scan is a substring test a title, some 20x
    #: cheaper than finding a title's tails).
    _SCANS = 16

    def __init__(self, site: SiteIndex) -> None:
        self.site = site
        self.titles = list({page.title for page in site.pages if page.title})
        self.known: dict[str, int] = {}
        self.scans = 0
        self.all: Counter[str] | None = None

    def count(self, tail: str) -> int:
        """The titles that end with ``tail`` after a separator, 0 when those differ only in their numbers."""
        if self.all is not None:
            return self.all.get(tail, 0)
        found = self.known.get(tail)
        if found is not None:
            return found
        if self.scans >= self._SCANS:
            self.all = _all_counts(self.titles)
            return self.all.get(tail, 0)
        self.scans += 1
        titles = 0
        heads: set[str] = set()
        for title in self.titles:
            if tail in title:
                times = _tails(title).count(tail)  # as the count of every title's tails counts it
                if not times:
                    continue
                titles += times
                heads.add(_DIGITS.sub("", title[: len(title) - len(tail)]).strip())
        # One headline a year ("… Award 2017 - …", "… 2019 - …"): a series' subtitle.
        found = self.known[tail] = titles if len(heads) >= 2 else 0
        return found


def _all_counts(titles: list[str]) -> Counter[str]:
    """How many of ``titles`` (each once) end with each tail (see :class:`_TailCounts`)."""
    counts: Counter[str] = Counter()
    heads: dict[str, set[str]] = {}
    for title in titles:
        for tail in _tails(title):
            counts[tail] += 1
            heads.setdefault(tail, set()).add(_DIGITS.sub("", title[: len(title) - len(tail)]).strip())
    for tail, different in heads.items():
        if len(different) < 2:
            del counts[tail]  # one headline a year ("… Award 2017 - …", "… 2019 - …"): a series' subtitle
    return counts


#: A spaced separator before a site's name: ` | `, ` - `, ` – `, ` — `, ` _ `, ` · `, ` • `, ` » `, ` :: `, or a
#: full-width bar.
_SEPARATOR = lazy_regex(r"\s+[|–—_-]+\s+|\s*[｜]\s*|\s+[|]|[|]\s+|\s+(?:[·•»]|::)\s+")
#: Any separator, spaced or not (`……——中央日报中文网`, `标题·共同网`): before a tail that is only the name of the
#: post's own outlet, an unspaced dash is no subtitle of the author's.
_ANY_SEPARATOR = lazy_regex(r"\s*(?:[|｜–—_·•»]+|-+|::)\s*")
_DIGITS = lazy_regex(r"\d+")
#: A year in a tail: `— July 2025`, `- 2024年3月` name an edition of a series, not a site.
_YEAR = lazy_regex(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: A tail longer than this is a second headline, not a name.
_LONGEST = 40


def _tails(title: str, separators: re.Pattern[str] = _SEPARATOR) -> list[str]:
    """The tails of ``title`` after each separator (with the separator), longest first; the head before
    them must keep some words and be at least as long as the tail, or the "tail" is the headline."""
    tails: list[str] = []
    for separator in separators.finditer(title):
        if _in_word(title, separator):
            continue
        head, tail = title[: separator.start()], title[separator.start() :]
        named = tail[separator.end() - separator.start() :].strip()
        # A "tail" longer than its head is the headline after a section's label (`十五運快訊｜港隊…奪金`).
        if 4 <= len(head.strip()) >= len(named) > 0 and len(named) <= _LONGEST and not _YEAR.search(named):
            tails.append(tail.strip(" \"'"))
    return tails


def _in_word(title: str, separator: re.Match[str]) -> bool:
    """Whether an unspaced `-` or `_` joins two ASCII letters or digits: a compound name (`anatole-zola`,
    `hermit_zola`), not a separator before a site's name."""
    start, end = separator.span()
    if separator.group(0).strip("-_") or start == 0 or end >= len(title):
        return False
    return title[start - 1].isascii() and title[start - 1].isalnum() and title[end].isascii() and title[end].isalnum()


#: A date closing a page's <title> after the outlet's name (DW's `… | DW | 02.09.2020`): the day of the page.
_DATE_TAIL = lazy_regex(
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}|(?:19|20)\d\d年\d{1,2}月\d{1,2}日)\s*$"
)


def _dated_tails(title: str) -> list[tuple[str, str]]:
    """``(tail, name)`` for a title whose tail is a name and then a date after another separator (`| DW |
    02.09.2020`): the whole tail is the <title> suffix when the name is the outlet's."""
    date = _DATE_TAIL.search(title)
    if date is None:
        return []
    separators = list(_SEPARATOR.finditer(title, 0, date.start()))
    if len(separators) < 2 or separators[-1].end() != date.start():
        return []
    last = separators[-1]
    found: list[tuple[str, str]] = []
    for separator in separators[:-1]:
        head = title[: separator.start()]
        name = title[separator.start() : last.start()]
        if len(head.strip()) >= 4 and 0 < len(name.strip(" |｜–—_-")) <= _LONGEST and not _YEAR.search(name):
            found.append((title[separator.start() :].strip(" \"'"), name.strip(" \"'")))
    return found


#: A breadcrumb's separator: ` < `, ` > `, ` › `, ` » ` (`标题 < 国际 < 新闻 < 朝鲜日报中文网`).
_CRUMB = lazy_regex(r"\s+[<>›»]\s+")
#: The name in brackets closing a title (`……（法广）`, `... (RFI)`, `【共同网】`).
_BRACKETED = lazy_regex(r"\s*(?:[（(]([^（）()]{1,24})[）)]|【([^【】]{1,24})】|\[([^\[\]]{1,24})\])\s*$")


def _breadcrumb_tails(title: str) -> list[tuple[str, str]]:
    """``(tail, name)`` for a title that ends with the page's breadcrumb (two or more sections and the site's
    name: `… < 国际 < 新闻 < 朝鲜日报中文网`): the whole breadcrumb is the tail, its last step the name."""
    crumbs = list(_CRUMB.finditer(title))
    if len(crumbs) < 2:
        return []
    first, last = crumbs[0], crumbs[-1]
    head, name = title[: first.start()], title[last.end() :]
    steps = [title[a.end() : b.start()] for a, b in pairwise(crumbs)]
    if len(head.strip()) < 4 or not name.strip() or any(not 0 < len(step.strip()) <= 12 for step in steps):
        return []
    return [(title[first.start() :].strip(" \"'"), name.strip(" \"'"))]


def _bracketed_tails(title: str) -> list[tuple[str, str]]:
    """``(tail, name)`` for a name in brackets closing the title (`……（法广）`): the outlet's mark when it
    names the outlet."""
    match = _BRACKETED.search(title)
    if match is None or len(title[: match.start()].strip()) < 4:
        return []
    name = next(group for group in match.groups() if group is not None)
    return [(match.group(0).strip(), name.strip())]


def _outlet_keys(page: PageFacts) -> list[str]:
    """The outlets the post is filed under: its categories and the host of its source URL."""
    names: list[str] = []
    for key in ("categories", "category"):
        value = page.front.get(key)
        names.extend(value if isinstance(value, list) else [value] if isinstance(value, str) else [])
    host = url_host(page.source_url) if page.source_url else None
    return outlet_keys(names, host)
