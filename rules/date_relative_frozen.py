"""PL208 date-relative-frozen."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import Covered, element_text, in_code, lazy_regex, names_any

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
_COUNTED_ONLY = lazy_regex(rf"[·•|\-–—\s]*{_LABEL}(?:{_COUNTED})[\s·•|]*", re.I)
_ANY = lazy_regex(rf"[·•|\-–—\s]*{_LABEL}(?:{_COUNTED}|{_WORDS})[\s·•|]*", re.I)
#: Class or id words of the elements sites put their timestamps in.
_STAMP_WORDS = frozenset(("time", "timestamp", "date", "datetime", "ago", "published", "updated", "dateline", "byline"))
_TEXT_TAGS = ("time", "span", "div", "p", "small", "em", "i", "b", "strong", "li", "td", "dd", "abbr", "font", "a")
#: Longer texts are sentences ("he left two hours ago"), not a timestamp.
_SHORT = 40
_MARKDOWN_LINE = lazy_regex(r"^[ \t>*_#-]*(.{1,60}?)[ \t*_]*$", re.M)
_QUICK = lazy_regex(r"ago|前|刚|剛|yesterday|today|昨|今|たった", re.I)
#: `_QUICK` without its regex (an alternation of ignore-case words is tried at every offset of the body: that
#: search alone was half of PL208's time): the caseless words by `str` searches, which stop at the first hit
#: (most Chinese bodies hold a 前 or a 今 early), then the others in the UTF-8 bytes with ASCII letters
#: lower-cased. Under `re.I` these letters match their other ASCII case and nothing else, but for `s`, which
#: also matches `ſ`; a multi-byte character holds no ASCII byte. So the answer is the regex's exactly.
_QUICK_CHARS = ("前", "今", "昨", "刚", "剛", "たった")
_QUICK_BYTES = tuple(word.encode() for word in ("ago", "today", "yesterday", "yeſterday"))
#: What the text of every match of `_ANY` holds once lower-cased, in the same sense (`_COUNTED` ends in `ago`
#: or `前`; `just now` in `now`): a leaf without one is not tried. Folding white space changes none of them.
_LEAF_MARKS = lazy_regex("前|ago|今|昨|today|terday|now|刚刚|剛剛|たった今")  # searched in lower-cased text


_AGO = lazy_regex("ago", re.I)


def _quick(body: str) -> bool:
    """``_QUICK.search(body) is not None``, without trying the regex at every offset of the body."""
    if any(word in body for word in _QUICK_CHARS):
        return True
    folded = body.encode("utf-8", "surrogatepass").lower()  # bytes.lower() changes only A-Z
    return any(word in folded for word in _QUICK_BYTES)


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
        if not _quick(body):
            return
        html = post.html
        reported = Covered()  # by bisection: an `any` over a list was quadratic in the findings
        for tag in _TEXT_TAGS:
            for element in html.iter(tag):
                if len(element):
                    continue  # a timestamp is a leaf: `<span>2 hours ago</span>`, `<time …>43 分钟前</time>`
                # A leaf's only text is its own (`itertext` yields nothing else): too long (what `_element`
                # says first) or without a mark, it cannot match.
                own = element.text
                if not own or len(own) > _SHORT * 2 or _LEAF_MARKS.search(own.lower()) is None:
                    continue
                problem = self._element(post, element)
                if problem is not None and problem.start not in reported:
                    reported.add(problem.start, problem.end or problem.start)
                    yield problem
        if post.is_markdown:
            yield from self._lines(post, reported)

    def _element(self, post: Post, element: Element) -> Problem | None:
        html = post.html
        if element not in html.start_tags or next(element.iterancestors("pre", "code", "script"), None) is not None:
            return None
        raw = html.text_of(element)
        if not raw or len(raw) > _SHORT * 2:
            return None
        text = element_text(element, html)
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

    def _lines(self, post: Post, reported: Covered) -> Iterator[Problem]:
        text = post.text or ""
        for line in self._marked_lines(text, post.body_start):
            content = line.group(1)
            if "<" in content or _COUNTED_ONLY.fullmatch(content) is None:
                continue
            start, end = line.start(1), line.end(1)
            if in_code(post, start - post.body_start) or start in reported:
                continue
            yield Problem(
                f"relative timestamp '{content.strip()}' was frozen when the page was saved and is wrong from "
                "then on; write the date it stands for",
                start,
                end,
            )

    @staticmethod
    def _marked_lines(text: str, body_start: int) -> Iterator[re.Match[str]]:
        """What ``_MARKDOWN_LINE.finditer(text, body_start)`` yields for the lines that hold a `前` or an
        `ago` (any case), in order: a match never leaves its line, and every text `_COUNTED_ONLY` matches holds
        one, so the other lines cannot match (trying the regex's lazy `.{1,60}?` at every line was most of
        this pass)."""
        lowered = text.lower()
        marks: list[int] = []
        for haystack, word in ((text, "前"), (lowered, "ago")):
            at = haystack.find(word, body_start)
            while at >= 0:
                marks.append(at)
                at = haystack.find(word, at + 1)
        if len(lowered) != len(text):  # a letter grew when lower-cased (`İ`): its offsets are not the text's
            marks.extend(mark.start() for mark in _AGO.finditer(text, body_start))
        starts = sorted({max(body_start, text.rfind("\n", body_start, at) + 1) for at in marks})
        for start in starts:
            line = _MARKDOWN_LINE.match(text, start)
            if line is not None:
                yield line
