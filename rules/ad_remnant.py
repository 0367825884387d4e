"""PL501 ad-remnant."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, Severity
from postlint.helpers import PackOptions, find_remnants, names_any, removal_fix

#: Whole words in a class or id that name an ad slot (`mpu-ad`, `AdSlot__container`, `sponsored`).
AD_WORDS = (
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertisements",
    "advertising",
    "adslot",
    "adunit",
    "adsense",
    "adcontainer",
    "adbox",
    "adwrapper",
    "sponsored",
)


class AdRemnantOptions(PackOptions):
    #: Class or id words that mark an ad slot by themselves.
    words: tuple[str, ...] = AD_WORDS


class AdRemnant(Rule[AdRemnantOptions]):
    """Markup left behind by an ad system (DFP slots, AdSense units, Taboola, Innity, outlet ad slots).

    ## What it does
    Finds elements matched by the ad packs shipped in `rules/adpacks/` (Google Ad Manager / DFP, AdSense,
    Taboola, Outbrain, Innity, and outlet slots such as BBC `bbccom_slot`/`mpu-ad`/`dotcom-mpu`, Reuters
    `AdSlot__*`, CNA `lineAd`), plus elements whose class or id has a whole word such as `ad`, `ads`,
    `advert`, `advertisement` or `sponsored`. Each finding is the *outermost* remnant: a wrapper that holds
    nothing but ad slots and white space is reported once, at its own start tag, not every nested slot.

    ## Why is this bad?
    Without the ad network's script these wrappers are empty boxes and stray spacing in the middle of the
    article; some still carry tracking attributes. They are noise that importers copy by the thousand.

    ## Options
    - `packs` (list of pack names, default all ad packs) and `disable-packs`: which shipped packs to use.
    - `extra-packs` (list of tables with `name`, `selectors = [{css, note}]`): your own packs.
    - `extra-selectors` (list of `{css, note}`): single CSS selectors.
    - `words` (list of strings): class/id words that mark an ad slot.

    ## Fix
    Safe: removes the remnant (the outermost wrapper, with everything in it); when it stood alone on its
    lines, those lines go too. A remnant whose markup is not properly closed is left for you to remove.
    """

    code = "PL501"
    name = "ad-remnant"
    severity = Severity.WARNING
    fixable = True
    Options = AdRemnantOptions

    def __init__(self, options: AdRemnantOptions | None = None) -> None:
        super().__init__(options)
        self.selectors = self.options.compile(__package__ or "postlint_rules", "ad")
        self.words = frozenset(word.lower() for word in self.options.words)

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        for element in find_remnants(html, self.selectors, self.words, post.memo, "ad-remnant"):
            start, end = html.start_tag(element)
            why = self._why(element)
            fix = removal_fix(post, element, "remove the ad remnant")
            what = _what_readers_see(element)
            message = f"ad remnant <{_describe(element)}> ({why}): {what}"
            yield Problem(message, start, end, fix=fix)

    def _why(self, remnant: Element) -> str:
        for element in remnant.iter():
            if names_any(element, self.words):
                return f"{'its' if element is remnant else 'holds an element whose'} class or id names an ad"
            label = self.selectors.label(element)
            if label:
                return label.split(":", 1)[0] + (" slot" if element is remnant else " slots inside")
        return "ad slot"


def _what_readers_see(remnant: Element) -> str:
    """An empty slot is a gap; one that still holds the ad's picture or words shows the ad itself."""
    for element in remnant.iter():
        shows = isinstance(element.tag, str) and (
            element.tag in ("img", "picture", "video", "iframe") or bool((element.text or "").strip())
        )
        if shows or (element is not remnant and (element.tail or "").strip()):
            return "an ad copied from the source site, still showing its picture or words"
    return "an empty ad slot copied from the source site"


def _describe(element: Element) -> str:
    identity = element.get("id")
    return element.tag + (f"#{identity}" if identity else "")
