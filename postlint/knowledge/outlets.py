"""The names news outlets go by in the archives postlint reads (Chinese simplified and traditional, Japanese,
English), by the keys importers file them under (a category such as `reuters`, or a label of the source
host such as `nytimes`): what a title's tail must be to be the outlet's own name (`… | 路透`, `… - 中央社 CNA`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Outlet key (a category importers use, or the brand label of its host) to the names it signs with.
OUTLET_NAMES: dict[str, tuple[str, ...]] = {
    "reuters": ("路透", "路透社", "路透中文网", "路透中文網", "reuters", "ロイター", "thomson reuters"),
    "nyt": (
        "纽约时报",
        "紐約時報",
        "纽约时报中文网",
        "紐約時報中文網",
        "the new york times",
        "new york times",
        "nyt",
        "ニューヨーク・タイムズ",
        "nytimes",
    ),
    "cna": ("中央社", "中央通讯社", "中央通訊社", "中央社cna", "cna", "focus taiwan", "central news agency"),
    "initium": ("端传媒", "端傳媒", "initium media", "initium"),
    "bbc": ("bbc", "bbc news", "bbc中文", "bbc中文网", "bbc中文網", "英国广播公司", "英國廣播公司", "bbc news 中文"),
    "dw": ("dw", "德国之声", "德國之聲", "deutsche welle", "dw中文"),
    "rfi": ("rfi", "法国国际广播电台", "法國國際廣播電台", "法广", "法廣", "radio france internationale"),
    "aj": ("al jazeera", "半岛电视台", "半島電視台", "aljazeera", "半岛", "半島"),
    "aljazeera": ("al jazeera", "半岛电视台", "半島電視台", "aljazeera"),
    "asahi": ("朝日新闻", "朝日新聞", "朝日新聞デジタル", "asahi", "asahi shimbun", "朝日新闻中文网", "朝日新聞中文網"),
    "kyodo": ("共同社", "共同网", "共同網", "共同通信", "kyodo", "kyodo news"),
    "chosun": ("朝鲜日报", "朝鮮日報", "chosun", "chosun ilbo", "朝鲜日报中文网", "朝鮮日報中文網"),
    "rthk": ("香港电台", "香港電台", "rthk"),
    "matters": ("matters", "matters news"),
    "vocus": ("方格子", "vocus"),
    "joins": ("中央日报", "中央日報", "joongang", "joongang ilbo", "中央日报中文网", "中央日報中文網"),
    "zaobao": ("联合早报", "聯合早報", "zaobao", "联合早报网", "聯合早報網"),
    "nikkei": (
        "日经中文网",
        "日經中文網",
        "日本经济新闻",
        "日本經濟新聞",
        "日本経済新聞",
        "日経電子版",
        "nikkei",
        "nikkei asia",
    ),
    "guardian": ("the guardian", "guardian"),
    "voa": ("美国之音", "美國之音", "voa", "voice of america"),
    "rfa": ("自由亚洲电台", "自由亞洲電台", "rfa", "radio free asia"),
    "ft": ("ft中文网", "金融时报", "金融時報", "financial times", "ft"),
}
#: Hosts whose brand label differs from the key the table uses.
_HOST_KEYS = {
    "nytimes": "nyt",
    "aljazeera": "aj",
    "theinitium": "initium",
    "joins": "joins",
    "kyodonews": "kyodo",
    "theguardian": "guardian",
    "ftchinese": "ft",
    "asahichinese-j": "asahi",
    "cn": "",
}
#: Words that go with an outlet's name in a page's <title> without being a headline's.
_WITH_NAME = (
    "中文网",
    "中文網",
    "中文",
    "新闻网",
    "新聞網",
    "新闻",
    "新聞",
    "电子版",
    "電子版",
    "官网",
    "官網",
    "网",
    "網",
    "news",
    "media",
    "online",
    "digital",
    "com",
    "chinese",
    "中文版",
    "日本語版",
    "日本語",
    "版",
)
_FOLD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    return _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())


def outlet_keys(categories: Iterable[str], host: str | None) -> list[str]:
    """The outlet keys a post is filed under: its categories, and the brand label of its source host."""
    keys = [_fold(name) for name in categories if isinstance(name, str)]
    if host:
        labels = host.lower().split(".")
        for label in labels[:-1]:
            if label in ("www", "cn", "m", "zh", "amp", "chinese", "news", "com", "co", "org", "net", "ne"):
                continue
            keys.append(_HOST_KEYS.get(label, label))
    return [key for key in dict.fromkeys(keys) if key]


def names_outlet(tail: str, keys: Iterable[str]) -> bool:
    """Whether ``tail`` (a title's end after its separator) is only the name of one of the outlets ``keys``:
    its names (and the key itself), with the words that go with a name (`中文网`, `News`), and nothing else."""
    rest = _fold(tail)
    if not rest:
        return False
    names = {_fold(name) for key in keys for name in (*OUTLET_NAMES.get(key, ()), key) if len(_fold(name)) >= 2}
    if not names:
        return False
    parts = sorted(names | {_fold(word) for word in _WITH_NAME}, key=len, reverse=True)
    named = False
    while rest:
        for part in parts:
            if rest.startswith(part):
                named = named or part in names
                rest = rest[len(part) :]
                break
        else:
            return False
    return named
