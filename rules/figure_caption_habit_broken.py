"""PL810 figure-caption-habit-broken."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from postlint.api import PageFacts, RuleOptions, Severity, SiteIndex, SiteProblem, SiteRule
from postlint.helpers import FIGURE_CAPTION, HABITS, PICTURE_CAPTION, GroupKind, learn_habits


class FigureCaptionHabitBrokenOptions(RuleOptions):
    #: How posts are grouped, in order: each post counts in the first group it has.
    group_by: tuple[GroupKind, ...] = Field(default=("source-host", "category", "folder"), min_length=1)
    #: How many other posts of the group must have figures before its habit counts.
    min_posts: int = Field(default=10, ge=1)
    #: The share of the group's other figures that must have a caption (0 to 1).
    min_share: float = Field(default=0.95, ge=0.0, le=1.0)


class FigureCaptionHabitBroken(SiteRule[FigureCaptionHabitBrokenOptions]):
    """A figure or picture has no caption, where the other posts of its group (nearly) always caption theirs.

    ## What it does
    Learns from the whole archive how often each group's figures have a caption, and reports a figure
    without one in a group whose habit is strong: at least `min-posts` other posts of the group have
    figures and at least `min-share` of their figures are captioned. A post counts in the first group
    of `group-by` it has: the host of its front-matter source URL (an outlet), its first category, its
    folder. The message says how strong the habit is ("206 of 206 figures in 71 other posts from
    aljazeera.net have a caption"); the post's own figures never count towards its habit.

    A figure whose every caption holds only the picture's credit (`<figcaption>图片来源：Getty Images
    </figcaption>`, `Photo credit: Reuters`) counts as one whose caption was lost, its text dropped and its
    credit kept, and is reported at the caption.

    Figures and captions are judged as `figure-missing-caption` (PL401) judges them: a figure that shows
    an image, picture, video or SVG and is not inside a link; a `<figcaption>`, a caption-classed block
    inside the figure or a `<figcaption>` right after it is a caption. PL401 judges each post by its own
    figures and so never sees a single-figure post whose caption was lost; where both report a figure,
    this rule's finding, which says more, replaces PL401's. Where the group's habit is known (`min-posts`
    other posts with figures) and weak, PL401's finding is withdrawn and nothing is reported: in a group
    that captions some figures and not others (a blogging platform whose editor writes an empty caption
    slot under every picture, 189 of 452 filled), an uncaptioned figure follows its author, whatever the
    rest of its own post does.

    Pictures outside a `<figure>` are a second habit, learned the same way: many outlets write an image and its
    caption as plain blocks (`<img><div><small>caption</small></div>`, `<img><p role="text"><span>Image
    source, …</span><br>caption</p>`, `<dl><dt><img></dt><dd>caption</dd></dl>`). A picture has a caption when
    a block of a caption's form follows it (a phrasing element, a block named as a caption, a block that only
    wraps one of those, a paragraph that reads as a caption); a plain paragraph of the story, another picture
    or nothing under it is no caption. In an HTML post of a group whose pictures are (nearly) always captioned,
    a picture whose caption slot is empty, whose caption holds only its credit (`图像来源，Getty Images`), or
    which has no caption under it is reported ("287 of 287 pictures outside figures in the 82 other posts from
    dw.com have a caption under them"). Because the unit is read from markup rather than named, the habit must
    still hold with this post's break counted: an outlet where several posts each show one bare picture
    publishes some pictures uncaptioned, and none is reported. Images in a link, a table, a list, a figure or
    fallback content, tracking pixels, a header's art and a block whose class says `no-caption` are not
    pictures of the post's own. Where `figure-caption-empty` (PL402) reports the same emptied caption line,
    this rule's finding, which says how strong the habit is, replaces it.

    It reads the figures of every file of the site to learn the habits: a plain HTML body whose figures
    all have a caption is counted from its tags in one scan, the others on the reader's tree, and files
    that did not change come from the stored site index.

    ## Why is this bad?
    When an outlet captions every photo, a photo without a caption lost it on the way (the importer
    dropped the `<figcaption>`), and readers no longer learn what it shows or whose it is. A group that
    seldom captions (a blog that does not, an outlet that never does) has no such habit and is left alone.

    ## Options
    - `group-by` (list of `"source-host"`, `"category"`, `"folder"`, default all three in that order):
      how posts are grouped.
    - `min-posts` (int, default 10): the least number of other posts with figures in the group.
    - `min-share` (number from 0 to 1, default 0.95): the least share of their figures that are captioned.
    """

    code = "PL810"
    name = "figure-caption-habit-broken"
    severity = Severity.WARNING
    needs = frozenset({HABITS})
    supersedes = ("PL401", "PL402")
    # On by default: no finding on eight real archives (10,500 posts, 3,700 figures), every planted lost
    # caption found; counting the figures of the files not checked costs a pre-commit run in a 7,443-post
    # archive a quarter of a second more with an empty cache and nothing warm (see docs/habits.md).

    def check_site(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        facts = page.habits
        if facts is None:
            return
        yield from self._figures(page, site)
        trait = facts.traits.get(PICTURE_CAPTION)
        if trait is None or not trait.missing:
            return
        options = self.options
        habit = learn_habits(site, PICTURE_CAPTION, options.group_by).of(page)
        if habit is None or not habit.strong(options.min_posts, options.min_share):
            return  # a picture outside a figure is judged by its group's habit only (no per-post rule)
        if habit.held < options.min_share * (habit.total + 1):
            # The outlet's picture unit is read from its markup, not named, so the habit must hold with this post's
            # break counted too: a group where several posts each show one bare picture publishes a few pictures
            # uncaptioned (cnnews.chosun.com: six posts with one each, 105 of 111), and none of them broke it.
            return
        pictures = "picture" if habit.total == 1 else "pictures"
        posts = "post" if habit.files == 1 else "posts"
        habit_words = (
            f"{habit.held} of {habit.total} {pictures} outside figures in the {habit.files} other {posts}"
            f" {habit.where()} have a caption under them"
        )
        for place in trait.missing:
            if place.snippet == "caption":
                what = "picture's caption is empty"
            elif place.snippet == "credit":
                what = "picture's caption holds only its credit"
            else:
                what = "picture has no caption under it"
            message = f"{what}, while {habit_words}: its caption was probably lost"
            yield SiteProblem(message, place, f"picture caption habit {habit.kind} {habit.group}"[:200])

    def _figures(self, page: PageFacts, site: SiteIndex) -> Iterator[SiteProblem]:
        facts = page.habits
        trait = facts.traits.get(FIGURE_CAPTION) if facts is not None else None
        if trait is None or not trait.missing:
            return
        options = self.options
        habit = learn_habits(site, FIGURE_CAPTION, options.group_by).of(page)
        if habit is None or habit.files < options.min_posts or habit.total == 0:
            return  # no habit known: PL401 judges the post by its own figures
        if not habit.strong(options.min_posts, options.min_share):
            # A group known not to caption habitually: a post that captions some of its figures and not others
            # follows its authors, so PL401's per-post guess that a caption was lost is withdrawn here.
            for place in trait.missing:
                yield SiteProblem("", place, quiet=True)
            return
        posts = "post" if habit.files == 1 else "posts"
        for place in trait.missing:
            what = "figure's caption holds only its credit" if place.snippet == "credit" else "figure has no caption"
            message = (
                f"{what}, while {habit.held} of {habit.total} figures in the {habit.files} other"
                f" {posts} {habit.where()} have one: its caption was probably lost"
            )
            yield SiteProblem(message, place, f"figure caption habit {habit.kind} {habit.group}"[:200])
