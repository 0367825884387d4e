"""PL208 date-relative-frozen."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import element_text, names_any

_NUMBER = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|几|幾|一|两|兩|二|三|四|五|六|七|八|九|十)"
)
#: A time counted back from "now": the page's now, when it was saved, which is no one's now since.
_COUNTED = (
    rf"{_NUMBER}\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"|\d{1,3}\s*(?:秒钟?|秒鐘|分钟|分鐘|个?小时|個?小時|天|日|周|週|星期|个月|個月|年|分|時間|日間|週間|か月|ヶ月|カ月)\s*前"
    r"|[一两兩二三四五六七八九十几幾半]\s*(?:分钟|分鐘|个?小时|個?小時|天|周|週|个月|個月)\s*前"
)
#: Words that are relative dates too, but also ordinary words: only in a `<time>` element or a timestamp-named
#: one.
_WORDS = (
    r"just now|yesterday|today|刚刚|剛剛|昨天|前天|今天|昨日|今日|たった今"
    r"|(?:yesterday|today)\s*(?:at\s*)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?"
    r"|(?:昨天|前天|今天|昨日|今日)\s*\d{1,2}[:：]\d{2}"
)
_LABEL = (
    r"(?:(?:updated|published|posted|last updated|更新(?:于|於)?|发布(?:于|於)?|發佈(?:於)?|發布(?:於)?|发表于|發表於|"
    r"最后更新|最後更新|更新日時|投稿|公開)\s*[:：]?\s*)?"
)
_COUNTED_ONLY = re.compile(rf"[·•|\-–—\s]*{_LABEL}(?:{_COUNTED})[\s·•|]*", re.I)
_ANY = re.compile(rf"[·•|\-–—\s]*{_LABEL}(?:{_COUNTED}|{_WORDS})[\s·•|]*", re.I)
#: Class or id words of the elements sites put their timestamps in.
_STAMP_WORDS = frozenset(("time", "timestamp", "date", "datetime", "ago", "published", "updated", "dateline", "byline"))
_TEXT_TAGS = ("time", "span", "div", "p", "small", "em", "i", "b", "strong", "li", "td", "dd", "abbr", "font", "a")
#: Longer texts are sentences ("he left two hours ago"), not a timestamp.
_SHORT = 40
_MARKDOWN_LINE = re.compile(r"^[ \t>*_#-]*(.{1,60}?)[ \t*_]*$", re.M)
_QUICK = re.compile(r"ago|前|刚|剛|yesterday|today|昨|今|たった", re.I)


class DateRelativeFrozen(Rule[RuleOptions]):
    """A relative timestamp ("43 分钟前", "2 hours ago", "5分前") was frozen into the body when the page was saved.

    ## What it does
    Reports a short element whose whole text is a time counted back from "now" (`3 小时前`, `2 hours ago`,
    `5分前`, `Updated 10 minutes ago`), and a `<time>` or timestamp-named element (class or id `time`,
    `date`, `timestamp`, `published`...) whose text is a relative day (`昨天 12:30`, `Yesterday`,
    `刚刚`), and Markdown lines that consist of such a timestamp. Sentences that happen to say
    "two hours ago" are longer than a timestamp and are left alone.

    ## Why is this bad?
    The "now" it counts from is the moment the outlet's page was saved, not the moment it is read: the
    date a reader sees is wrong from then on, and wrong by more every day. The post's date (or the
    element's `datetime` attribute) says when it really was.

    ## Options
    None.
    """

    code = "PL208"
    name = "date-relative-frozen"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        body = post.body
        # Only a cheap search of the whole body: the full pattern tried at every offset of a long body cost
        # more than reading the short leaf texts it is meant to spare (PL208 was a fifth of a corpus run).
        if _QUICK.search(body) is None:
            return
        html = post.html
        reported: list[tuple[int, int]] = []
        for tag in _TEXT_TAGS:
            for element in html.iter(tag):
                if len(element):
                    continue  # a timestamp is a leaf: `<span>2 hours ago</span>`, `<time …>43 分钟前</time>`
                problem = self._element(post, element)
                if problem is not None and not any(a <= problem.start < b for a, b in reported):
                    reported.append((problem.start, problem.end or problem.start))
                    yield problem
        if post.is_markdown:
            yield from self._lines(post, reported)

    def _element(self, post: Post, element: Element) -> Problem | None:
        html = post.html
        if element not in html.start_tags or next(element.iterancestors("pre", "code", "script"), None) is not None:
            return None
        raw = "".join(str(part) for part in element.itertext())
        if not raw or len(raw) > _SHORT * 2:
            return None
        text = element_text(element)
        if not text or len(text) > _SHORT:
            return None
        stamp = element.tag == "time" or names_any(element, _STAMP_WORDS)
        pattern = _ANY if stamp else _COUNTED_ONLY
        if pattern.fullmatch(text) is None:
            return None
        start, end = html.span(element)
        real = element.get("datetime") or next(
            (t.get("datetime") for t in element.iterancestors("time") if t.get("datetime")), None
        )
        hint = f"its datetime attribute says {real[:40]}" if real else "write the date it stands for"
        return Problem(
            f"relative timestamp '{text}' was frozen when the page was saved and is wrong from then on; {hint}",
            start,
            end,
        )

    def _lines(self, post: Post, reported: list[tuple[int, int]]) -> Iterator[Problem]:
        text = post.text or ""
        code = [(post.body_start + a, post.body_start + b) for a, b in post.code_regions]
        for line in _MARKDOWN_LINE.finditer(text, post.body_start):
            content = line.group(1)
            if "<" in content or _COUNTED_ONLY.fullmatch(content) is None:
                continue
            start, end = line.start(1), line.end(1)
            if any(a <= start < b for a, b in code) or any(a <= start < b for a, b in reported):
                continue
            yield Problem(
                f"relative timestamp '{content.strip()}' was frozen when the page was saved and is wrong from "
                "then on; write the date it stands for",
                start,
                end,
            )
