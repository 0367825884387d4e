"""PL105 front-matter-lang-mismatch."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from postlint.api import Context, Post, Problem, Requirement, Rule, RuleOptions, Severity
from postlint.helpers import lazy_regex, value_span

#: The front-matter keys that declare a post's language.
_KEYS = ("lang", "language", "locale")
#: Frequent short words of the Latin-script languages archives are written in: their share of a text's words
#: tells the languages apart (the most frequent words of each, not a dictionary).
_STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to is in for that with this are be it on as by from has was will",
        "es": "el la de que y en los las para una es del por con se su al lo más",
        "pt": "o a de que e do da em para uma não os as dos das com por se no na",
        "fr": "le la les de et des est pour une que dans du en sur pas au avec ce qui",
        "de": "der die und das ist nicht mit für den ein eine zu von im auf des sich",
        "it": "il la di che e per una del della sono non un le è si con gli nel",
        "id": "yang dan di untuk dengan ini dari dalam akan pada adalah atau tidak ke",
        "tr": "ve bir bu için ile olarak da de olan daha çok ne gibi",
        "pl": "i w się na nie z do jest że to jak dla o po przez",
        "vi": "của và là được các cho này có những một trong với không để",
    }.items()
}
_NAMES = {
    "en": "English",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "id": "Indonesian",
    "tr": "Turkish",
    "pl": "Polish",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "ru": "Russian",
    "uk": "Ukrainian",
    "bg": "Bulgarian",
}
#: The characters a text in each non-Latin language cannot do without.
_OWN_SCRIPT = {
    "zh": lazy_regex(r"[\u4e00-\u9fff]"),
    "ja": lazy_regex(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "ko": lazy_regex(r"[\uac00-\ud7af]"),
    "ru": lazy_regex(r"[\u0400-\u04ff]"),
    "uk": lazy_regex(r"[\u0400-\u04ff]"),
    "bg": lazy_regex(r"[\u0400-\u04ff]"),
}
_LATIN_WORD = lazy_regex(r"[A-Za-zÀ-ɏ]{1,19}(?![A-Za-zÀ-ɏ\d])")
#: What a reader does not read as the post's prose: code, tags, link targets, URLs, reference definitions.
_NOT_PROSE = lazy_regex(
    r"```.*?```|~~~.*?~~~|`[^`\n]*`|<[^>]*>|\]\([^)]*\)|https?://\S+|^\s*\[[^\]]+\]:.*$|^(?: {4}|\t).*$",
    re.S | re.M,
)
#: How many Latin words a text needs before its language is judged.
_MIN_WORDS = 80
#: The share of a language's frequent words in a text that says the text is in that language.
_MIN_SHARE = 0.15


class FrontMatterLangMismatch(Rule[RuleOptions]):
    """The front matter's `lang` names one language and the post is written in another.

    ## What it does
    Reads the post's `lang` (or `language`, `locale`: `es`, `zh_cn`, `pt-BR`) and the language of its prose
    (code, markup, link targets and URLs left out), and reports the value when they clearly disagree: a
    post declared Chinese, Japanese, Korean or Russian with (almost) none of that script and 80 words or
    more of English (or another language); a post declared in a Latin-script language whose frequent words
    are another language's (`lang: en` on a Spanish post, `lang: de` on an English one). Short posts and
    mixed texts are left alone: it reports only when one language's frequent words are a large share of the
    text and the declared language's are at most a third of that.

    ## Why is this bad?
    Themes put `lang` into `<html lang>`: screen readers then read the text with the wrong voice and rules,
    browsers offer to translate it from the wrong language, and search engines file it under the wrong one.
    A translated site may also list the post under the wrong language. It is usually a copied front matter
    (the English post's, for a translation) or an untranslated copy published under a language's folder.

    ## Options
    None.
    """

    code = "PL105"
    name = "front-matter-lang-mismatch"
    severity = Severity.WARNING
    requires = Requirement.FRONT_MATTER

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        for key in _KEYS:
            value = post.data.get(key)
            if isinstance(value, str) and value.strip():
                break
        else:
            return
        declared = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
        if declared not in _NAMES:
            return
        written = _language_of(_NOT_PROSE.sub(" ", post.body[:20_000]), declared)
        if written is None:
            return
        start, end = value_span(post, key)
        yield Problem(
            f"{key} '{value.strip()}' says {_NAMES[declared]}, but the post is written in {_NAMES[written]}",
            start,
            end,
            snippet=key,
        )


def _language_of(text: str, declared: str) -> str | None:
    """The language ``text`` is clearly written in, when it is not ``declared``; ``None`` when they agree or
    the text does not say clearly."""
    words = Counter(word.lower() for word in _LATIN_WORD.findall(text))
    total = sum(words.values())
    if total < _MIN_WORDS:
        return None
    shares = {lang: sum(words[word] for word in stop) / total for lang, stop in _STOP_WORDS.items()}
    best = max(shares, key=lambda lang: shares[lang])
    if shares[best] < _MIN_SHARE or best == declared:
        return None
    own = _OWN_SCRIPT.get(declared)
    if own is not None:
        return best if len(own.findall(text)) < 20 else None
    return best if shares[declared] * 3 <= shares[best] else None
