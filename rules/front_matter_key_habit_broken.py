"""PL811 front-matter-key-habit-broken."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import HABITS, GroupKind, Place, learn_key_habits


class FrontMatterKeyHabitBrokenOptions(RuleOptions):
    #: How posts are grouped, in order: each post counts in the first group it has.
    group_by: tuple[GroupKind, ...] = Field(default=("category", "folder"), min_length=1)
    #: How many other posts the group must have before its habit counts.
    min_posts: int = Field(default=20, ge=1)
    #: The share of the group's other posts that must write the key (0 to 1).
    min_share: float = Field(default=0.98, ge=0.0, le=1.0)
    #: Keys never reported missing: Jekyll takes a missing date and title from the file's name (and the date
    #: rules judge dates).
    ignore_keys: tuple[str, ...] = ("date", "title")


#: Where the finding points: the start of the front matter (the key is not there to point at).
_TOP = Place(0, 0, 1, 1, 1, 1, "front matter")
#: At most this many keys are named in one message.
_NAMED = 5


class FrontMatterKeyHabitBroken(SiteRule[FrontMatterKeyHabitBrokenOptions]):
    """The front matter lacks a key that every other post of its group writes.

    ## What it does
    Learns from the whole archive which top-level front-matter keys each group of posts writes with a value
    (an empty string, list or map, or `null`, is no value: `link: ""` is as lost as no `link`), and reports
    a post whose front matter lacks a key that nearly every one (`min-share`) of at least `min-posts` other
    posts of its group has: one finding per post, at the top of the file, naming the keys and how many
    posts write each ("front matter has no value for 'link' (all 412): the other posts in category 'aj'
    write the key"). A post counts in the first group of `group-by` it has: its first category, its folder.
    A folder's own page is neither judged nor counted (it lists the folder's posts and does not have their
    keys): Hugo's `_index`, and a file named as its folder (`blog/blog.md`, Eleventy's listing page).

    ## Why is this bad?
    An importer that writes `link`, `author` and `description` for every post of a feed and leaves one out
    has lost something on the way: the post's source, its byline, its summary. On a hand-written site, a
    post without the `description` or `categories` all the others have shows up in feeds, lists and search
    results unlike the rest. Nobody lists every key a site expects; the archive itself says so.

    ## Options
    - `group-by` (list of `"category"`, `"folder"`, `"source-host"`, default `["category", "folder"]`): how
      posts are grouped.
    - `min-posts` (int, default 20): the least number of other posts in the group.
    - `min-share` (number from 0 to 1, default 0.98): the least share of them that write the key (below
      1, so that two posts that lost the same key are both found).
    - `ignore-keys` (list of keys, default `["date", "title"]`): keys never reported (Jekyll takes both
      from the file's name).
    """

    code = "PL811"
    name = "front-matter-key-habit-broken"
    severity = Severity.INFO
    needs = frozenset({HABITS})

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        options = self.options
        group, lacking = learn_key_habits(site, options.group_by).missing(page, options.min_posts, options.min_share)
        lacking = [habit for habit in lacking if habit.key not in options.ignore_keys]
        if not lacking:
            return
        kind, name = group
        name = " ".join(name.split())
        where = f"from {name[:80]}" if kind == "source-host" else f"in {kind} '{name[:80]}'"
        parts = []
        for habit in lacking[:_NAMED]:
            many = f"all {habit.files}" if habit.held == habit.files else f"{habit.held} of {habit.files}"
            parts.append(f"'{habit.key[:40]}' ({many})")
        more = f" and {len(lacking) - _NAMED} more" if len(lacking) > _NAMED else ""
        keys = "key" if len(lacking) == 1 else "keys"
        message = (
            f"front matter has no value for {', '.join(parts)}{more}: the other posts {where} write the {keys},"
            " so this one probably lost it on the way"
        )
        yield SiteProblem(message, _TOP, f"front matter keys {' '.join(h.key for h in lacking)}"[:200])
