"""PL709 content-lost."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import (
    SOURCE_URL_KEYS,
    element_text,
    fold_text,
    in_code,
    lazy_regex,
    names_any,
    post_shortcodes,
    runs_templates,
    without_comments,
)


class ContentLost(Rule[RuleOptions]):
    """Something the article showed was lost on the way: a dropped block, an embed or player left empty.

    ## What it does
    Reports the marks a lost piece of the article leaves in a post, each where the piece stood:
    - `<!-- raw HTML omitted -->`: Hugo's Markdown renderer (Goldmark without `unsafe`) dropped raw HTML
      when the page was rendered, and the rendered page was saved as the post;
    - an embed or player shell whose media is gone: an element named for an embed or a player (a class or
      id with `embed`, `player`, `video`, `flourish`, `youtube`, `tweet`..., a word ending in one such as
      `jwplayer`, or a platform's name with the piece it embeds: `fb-post`, `twitter-video`, `facebookMedia`)
      that holds no media (no iframe, video, audio, image, object or canvas) and no text, a `<video>`/`<audio>`
      without a source (the fallback text inside one, "your browser cannot play this video", is all a reader
      sees), an `<object>` without data or an `<embed>` without a source, a Flash movie (`.swf`,
      `application/x-shockwave-flash`: no browser plays one since 2021), or an `<iframe>` whose `src`,
      `srcdoc` and lazy-load `data-src` are all empty or absent. Media that stands only in a `<noscript>`
      next to it does not count: browsers that run scripts never show it;
    - a note standing where a piece of media was, as the whole of a short block: `[embedded content]`
      (what WordPress feeds and feed readers put for an embed), `[Video]`, `（圖片無法顯示）`,
      `（此处有视频，请到原文观看）`, `Video unavailable`, `動画を再生できません`, and in German, French, Spanish,
      Portuguese, Russian, Vietnamese and Korean (`[Eingebetteter Inhalt]`, `(Contenido no disponible)`,
      `Видео недоступно`, `동영상을 재생할 수 없습니다`). Prose that says a video
      was removed (`該影片已被刪除，警方表示…`) is not a note;
    - a tag whose name ran into its first attribute (`<imgsrc="…">`, `<ahref="…">`): browsers read one
      unknown element, and the image or link is not there;
    - a picture's caption or credit with no picture: a short block that ends in a picture credit
      (`在後院工作的日子 圖片來源 ： 鱸魚`, `（图片来源：Unsplash）`,
      `圖片取自網絡/立場新聞`, `…旗艦店。圖片取自官網。`, `（图源：美联社）`,
      `Photo credit: Name`, `（Credit: Name @Unsplash）`, `Photo by Name on Unsplash`)
      or in the kind of picture it captions (`電影《三夫》劇照`, a film still;
      `（资料图片）`, a file photo), or that is only a picture's file name
      (`微信图片_20200909031554.jpg`), with no image, figure or embed in it or right before or after it
      (a caption in the block that holds its picture, BBC's `<div>` with an image and a `<figcaption>`,
      has its picture). Importers that drop images keep their captions and sometimes their names. A note
      on the post's cover (`封面图为…`, `Cover photo by…`) is left alone when the front matter names a
      picture: the theme shows that cover;
    - a Hugo embed shortcode that names nothing: `{{< tweet user="" id="" >}}`, `{{< youtube >}}`; on Zola
      the same call of a shortcode of those names (`{{ youtube(id="") }}`);
    - a caption inside a `<video>` or `<audio>` (a `<figcaption>`, a block named `caption` or `credit`): what a
      player holds is the fallback for browsers that cannot play it, so readers never see the caption;
    - a `<figure>` with no picture in it: nothing, a stray letter or a line break (`<figure>E</figure>`,
      `<figure></figure>`), perhaps its caption alone. A figure holding anything else (a quote, a heading, a
      card of figures, a background image) shows it;
    - a post whose body is only its title again: the importer kept the headline and lost the article (not a
      section's list page, Hugo's and Zola's `_index.md`, whose template lists the pages under that heading);
    - a title that announces a video or pictures (`(视频)`, `【视频】`, `（影片）`, `[Video]`, `（圖）`, `(多图)`,
      `[Photos]`: bracketed, or at the title's start or end beside a separator) over a body with no video (no
      player, frame, player element, video host, page or file, video shortcode or include) or, for pictures,
      no image, and whose front matter names none for the theme (its source URL does not count): reported at
      the mark;
    - the omitted-HTML marker escaped so that the page shows it (`&lt;!-- raw HTML omitted --&gt;`), an
      embedded tweet's or Instagram post's credit line standing alone outside any blockquote (`— Name
      (@handle) September 2, 2020` linking to the status: the quote and text were stripped), and a player
      frame whose address names no video (`youtube.com/embed/?rel=0`, `player.vimeo.com/video/`);
    - a script's missing value printed where a field's value was: `null`, `undefined`, `NaN` opening a block
      before a name in Chinese, Japanese or Korean (`<i>null 邹宗翰<br>2020-09-25…</i>`, a byline whose
      first field was empty when the feed was written), or `[object Object]` anywhere in the text. Outside
      code, and only at the start of a block: `返回 null 值` in a sentence is prose about code.

    A responsive-embed box with nothing in it (a `<div style="padding-bottom: 56.25%; height: 0">`, sized by
    its share of the width for the video frame it held) is such a shell too.

    A shell is reported once, at the outermost empty element; a post that loads scripts itself (which may
    fill such shells) is left alone for shells. The omitted-HTML markers of one post are one finding (one
    render dropped them all), at the first, counting the others.

    A WordPress shortcode left in an exported post (`[embed]https://youtu.be/…[/embed]`, `[caption id="…"]<img …>
    text[/caption]`, `[gallery ids="1,2"]`) is shown as typed by every other generator: the embed, caption or
    gallery it made is lost. A bare `[video]` (a Markdown reference) is left alone.

    On Hugo, a shortcode that wraps content (`highlight`, and the notices, tabs and expanders themes ship)
    opened and never closed: Hugo stops building at the page. On Jekyll and Eleventy, an include or shortcode
    named after the platform it embeds (`{% include youtube.html id="" %}`) that names no piece.

    A template call written for another generator than the site's is reported once, at the first: a Hugo
    shortcode (`{{< youtube id >}}`) on Zola, Jekyll or Eleventy, a Zola shortcode (`{{ youtube(id="x") }}`)
    or a Liquid tag (`{% include x %}`) on Hugo, a Liquid tag on Zola, a Nunjucks tag (`{% set x = 1 %}`) on
    Jekyll: the site does not run it, so what it was to make is lost. Calls in code are examples.

    On a Jekyll site, a Liquid output tag written as code (`` `{{ include.caption }}` `` in a code span or
    block, not in `{% raw %}`) whose variable neither Jekyll (`site`, `page`...) nor the post defines is
    reported once: Liquid runs before Markdown and writes it as nothing, so the code shown is gone. On Jekyll
    and Eleventy, a code span holding only a tag in a sentence about templates ("write `` `{{ page.date }}` ``
    in the template") is reported too: the page shows the date, not the code the sentence explains.

    On a Hugo site whose config does not set `markup.goldmark.renderer.unsafe = true` (Hugo's default since
    0.60), the raw HTML of a Markdown post (an `<iframe>`, an `<img>`, a gist's `<script>`) is reported: Hugo
    drops it when it renders the page and writes the omitted-HTML marker instead. One finding per post, at the
    first element, counting the others.

    ## Why is this bad?
    The reader sees a gap, or only the caption or credit of a chart, a video or a post that is no longer
    there; the text around it often refers to it ("the chart below shows"). The fix is to restore the piece
    from the source (an image of the chart, a link to the video) or to say that it is gone.

    ## Options
    None.
    """

    code = "PL709"
    name = "content-lost"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        omitted = [comment for comment in html.comments if _OMITTED.fullmatch(comment.text)]
        if omitted:
            first, others = omitted[0], omitted[1:]
            more = f" (and {len(others)} more {'place' if len(others) == 1 else 'places'})" if others else ""
            yield Problem(
                f"'<!-- raw HTML omitted -->'{more}: a Markdown renderer (Goldmark, Hugo's) dropped raw HTML here when"
                " the text was rendered and saved, so what stood here is lost",
                first.start,
                first.end,
                related=tuple((comment.start, comment.end) for comment in others[:20]),
            )
        if post.is_markdown and post.site.drops_raw_html:
            dropped = _dropped_raw_html(post)
            if dropped:
                head, rest = dropped[0], dropped[1:]
                more = f" (and {len(rest)} more)" if rest else ""
                start, end = html.span(head)
                yield Problem(
                    f"raw HTML <{head.tag}>{more} in a Markdown post of a Hugo site whose config does not set"
                    " markup.goldmark.renderer.unsafe = true: Hugo's Markdown renderer drops it and writes"
                    " '<!-- raw HTML omitted -->', so the page does not show it (use a shortcode, or set unsafe)",
                    start,
                    end,
                    related=tuple(html.span(element) for element in rest[:20]),
                )
        if post.html.run_texts:
            yield from _missing_values_shown(post)
        text = post.text or ""
        body = post.body
        escaped = [found for found in _OMITTED_SHOWN.finditer(body) if not in_code(post, found.start())]
        if escaped:
            more = f" (and {len(escaped) - 1} more)" if len(escaped) > 1 else ""
            yield Problem(
                f"'{escaped[0].group(0)}'{more} is shown as text: a renderer dropped raw HTML here and its marker was"
                " escaped on the way, so what stood here is lost",
                post.body_start + escaped[0].start(),
                post.body_start + escaped[0].end(),
            )
        yield from _credit_without_embed(post)
        yield from _wordpress_shortcodes(post)
        if post.is_markdown and post.site.generator != "unknown" and ("{{" in body or "{%" in body):
            yield from _foreign_template_calls(post)
        if post.is_markdown and "{{" in body and post.site.generator in ("jekyll", "eleventy"):
            yield from _liquid_in_code(post)
        for glued in _GLUED.finditer(body):
            if in_code(post, glued.start()):
                continue
            name = glued.group(1).lower()
            start = post.body_start + glued.start()
            close = body.find(">", glued.end())
            end = post.body_start + (close + 1 if close >= 0 else glued.end())
            shown = "shows the tag as text" if post.is_markdown else "read an unknown element"
            yield Problem(
                f"'{glued.group(0)}': the tag name '{name}' ran into its first attribute (no space), so the page"
                f" {shown} and no {_WHAT.get(name, name)}",
                start,
                end,
            )
        yield from _orphan_credits(post)
        yield from _captions_in_players(post)
        yield from _empty_figures(post)
        lost = _body_lost(post)
        if lost is not None:
            yield lost
        promised = _promised_media(post)
        if promised is not None:
            yield promised
        for call in post_shortcodes(post):
            if call.name in _EMBED_SHORTCODES and _without_id(call.named, call.positional):
                yield Problem(
                    f"Hugo {call.name} shortcode names no {_EMBED_SHORTCODES[call.name]}: it embeds nothing, so"
                    " the piece was lost on the way",
                    call.start,
                    call.end,
                )
        if post.site.generator == "hugo" and "{{" in post.body:
            yield from _unclosed_shortcodes(post)
        if post.site.generator in ("jekyll", "eleventy") and "{%" in post.body:
            yield from _embed_includes_without_id(post)
        if post.site.generator == "zola" and "{{" in post.body:
            yield from _zola_embeds_without_id(post)
        for script in html.iter("script"):
            # An embed widget's script whose attribute naming the piece is empty (`data-telegram-post=""`): the
            # script draws nothing (round 7).
            empty = next(
                (name for name in _WIDGET_PIECES if name in script.attrib and not script.get(name, "").strip()), None
            )
            if (
                empty is not None
                and script.get("src")
                and in_code(post, html.start_tag(script)[0] - post.body_start) is False
            ):
                start, tag_end = html.start_tag(script)
                yield Problem(
                    f"an embed widget's script whose {empty} is empty: it embeds nothing, so the piece was lost on"
                    " the way",
                    start,
                    tag_end,
                    snippet=text[start:tag_end],
                )
        if any(script.get("src") for script in html.iter("script")):
            return  # the post loads scripts, which may fill the shells
        if not any(html.iter(tag) for tag in ("video", "audio", "iframe", "object", "embed")):
            # Without a player, a shell is named by a word of its class or id: a post whose attributes hold none
            # of those words anywhere (most) has none, and its elements are not walked.
            attribute_text = html.attribute_text  # (lower-cased; made once per post for the selector packs)
            if (
                not any(word in attribute_text for word in _SHELL_WORDS)
                and not any(word in attribute_text for word in _PLATFORMS)
                and "padding-" not in attribute_text
            ):
                return
        reported: set[Element] = set()
        for element in html.elements:
            if element not in html.start_tags or not isinstance(element.tag, str):
                continue
            if any(ancestor in reported for ancestor in element.iterancestors()):
                continue
            if next(element.iterancestors("noscript", "template", "pre", "code"), None) is not None:
                continue
            what = _shell(element)
            if what is None or (_alive(element) and not _flash(element) and what != _NO_ID):
                continue
            reported.add(element)
            # The figure that holds only the shell (and its caption) is the lost piece the reader sees: an
            # empty box under a caption. The finding points at it, as at a figure that holds no picture.
            holder = _holding_figure(element)
            start, tag_end = html.start_tag(holder if holder is not None else element)
            fallback = _noscript_fallback(element)
            if _flash(element):
                message = f"{what} (Flash ended in 2021): the embedded piece is lost"
            else:
                message = f"{what} holds no media and no text: the embedded piece was lost on the way"
            if fallback:
                message += ", and its fallback stands in a <noscript>, which browsers that run scripts do not show"
            yield Problem(message, start, tag_end, snippet=text[start:tag_end])


def _holding_figure(element: Element) -> Element | None:
    """The `<figure>` that holds ``element`` (or the wrappers that hold only it) and nothing else but its
    caption and line breaks, if there is one."""
    current = element
    for parent in element.iterancestors():
        others = [
            child
            for child in parent
            if child is not current and isinstance(child.tag, str) and child.tag not in ("figcaption", "br")
        ]
        loose = (parent.text or "").strip() or any((child.tail or "").strip() for child in parent)
        if others or loose:
            return None
        if parent.tag == "figure":
            return parent
        current = parent
    return None


#: Hugo's embed shortcodes (its own and common theme ones), with what their arguments name.
_EMBED_SHORTCODES = {
    "tweet": "tweet",
    "x": "post",
    "twitter": "tweet",
    "youtube": "video",
    "vimeo": "video",
    "instagram": "post",
    "gist": "gist",
    "bilibili": "video",
    "tiktok": "video",
    "dailymotion": "video",
    "soundcloud": "track",
    "spotify": "track",
}
#: Arguments of an embed shortcode that say how to show it, not what to show.
_HOW_ARGUMENTS = frozenset("class title autoplay loading start end width height hidecaption allowfullscreen".split())


#: A Zola shortcode call, `{{ youtube(id="…", autoplay=true) }}`, and its arguments.
_ZOLA_SHORTCODE = lazy_regex(r"\{\{-?\s*([A-Za-z_]\w*)\(([^(){}\n]{0,400})\)\s*-?\}\}")
_ZOLA_ARGUMENT = lazy_regex(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`|([^,\s)]*))""")


def _zola_embeds_without_id(post: Post) -> Iterator[Problem]:
    """Zola embed shortcodes (`{{ youtube(id="") }}`, the names Hugo's are known by) that name nothing."""
    for call in _ZOLA_SHORTCODE.finditer(post.body):
        name = call.group(1).lower()
        if name not in _EMBED_SHORTCODES or in_code(post, call.start()):
            continue
        named = {
            m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
            for m in _ZOLA_ARGUMENT.finditer(call.group(2))
        }
        if _without_id(named, ()):
            yield Problem(
                f"Zola {name} shortcode names no {_EMBED_SHORTCODES[name]}: it embeds nothing, so the piece was"
                " lost on the way",
                post.body_start + call.start(),
                post.body_start + call.end(),
            )


def _without_id(named: dict[str, str], positional: tuple[str, ...]) -> bool:
    """Whether an embed shortcode's arguments name nothing: an empty `id`, or no argument with a value."""
    if "id" in named and not named["id"].strip():
        return True
    values = [value for key, value in named.items() if key not in _HOW_ARGUMENTS] + list(positional)
    return not any(value.strip() for value in values)


#: A player's or an embed's address with its id left out: `youtube.com/embed/?rel=0`, `player.vimeo.com/video/`,
#: `platform.twitter.com/embed/Tweet.html?id=`: the frame loads the platform's error page.
_EMPTY_EMBED = lazy_regex(
    r"(?:https?:)?//(?:www\.)?(?:youtube(?:-nocookie)?\.com/embed/?(?:[?#]|$)|player\.vimeo\.com/video/?(?:[?#]|$)"
    r"|platform\.twitter\.com/embed/Tweet\.html\?(?:[^#]*&)?id=(?:&|$)|player\.bilibili\.com/player\.html\?(?![^#]*(?:aid|bvid)=\w))",
    re.I,
)
_NO_ID = "<iframe> of a player whose address names no video or post"


#: Goldmark's marker for raw HTML it left out, escaped so that the page shows it.
def _dropped_raw_html(post: Post) -> list[Element]:
    """The outermost raw HTML elements of a Markdown post, in document order (each one a renderer that drops
    raw HTML leaves out)."""
    html = post.html
    found: list[Element] = []
    reach = -1
    passed = _raw_shortcode_regions(post)
    passed_starts = [start for start, _ in passed]
    for element in html.iter():
        place = html.start_tags.get(element)
        if place is None or place[0] < reach:
            continue
        at = bisect_right(passed_starts, place[0]) - 1
        if at >= 0 and place[0] < passed[at][1]:
            continue  # the inner text of a `{{< name >}}…{{< /name >}}` pair goes to the shortcode as it is
        found.append(element)
        reach = html.span(element)[1]
    return found


#: The closing tag of a shortcode pair called with angle brackets, `{{< /code-toggle >}}`.
_ANGLE_CLOSER = lazy_regex(r"\{\{<\s*/\s*([\w.-]+)\s*>\}\}")


def _raw_shortcode_regions(post: Post) -> list[tuple[int, int]]:
    """The absolute spans of `{{< name >}}…{{< /name >}}` pairs: Hugo hands their inner text to the shortcode's
    template unrendered (a `{{% %}}` pair's inner text is Markdown, rendered as the rest)."""
    body = post.body
    if "{{<" not in body:
        return []
    closers: dict[str, list[int]] = {}
    for closer in _ANGLE_CLOSER.finditer(body):
        closers.setdefault(closer.group(1).lower(), []).append(closer.end())
    regions: list[tuple[int, int]] = []
    for call in post_shortcodes(post):
        relative = call.start - post.body_start
        ends = closers.get(call.name)
        if not ends or not body.startswith("{{<", relative):
            continue
        index = bisect_left(ends, call.end - post.body_start)
        if index < len(ends):
            end = post.body_start + ends[index]
            if regions and call.start < regions[-1][1]:  # nested in the pair before: one span
                regions[-1] = (regions[-1][0], max(regions[-1][1], end))
            else:
                regions.append((call.start, end))
    return regions


#: A WordPress shortcode with its closing tag or with attributes (`[embed]…[/embed]`, `[caption id="…"]…[/caption]`,
#: `[gallery ids="1,2"]`): a bare `[video]` is a Markdown reference.
_WP_SHORTCODE = lazy_regex(
    r"\[(embed|caption|wp_caption|video|audio|gallery|playlist|youtube|vimeo|soundcloud|wpvideo)"
    r"((?:\s[^\[\]\n]{0,300})?)\]",
    re.I,
)
_WP_CLOSER = lazy_regex(
    r"\[/(embed|caption|wp_caption|video|audio|gallery|playlist|youtube|vimeo|soundcloud|wpvideo)\]", re.I
)
_WP_WHAT = {"caption": "caption", "wp_caption": "caption", "gallery": "gallery", "playlist": "playlist"}


def _wordpress_shortcodes(post: Post) -> Iterator[Problem]:
    """WordPress shortcodes an export left in the body as text: no other generator runs them."""
    body = post.body
    if "[" not in body:
        return
    closers: dict[str, list[tuple[int, int]]] = {}
    for closer in _WP_CLOSER.finditer(body):
        closers.setdefault(closer.group(1).lower(), []).append((closer.start(), closer.end()))
    for found in _WP_SHORTCODE.finditer(body):
        own = closers.get(found.group(1).lower(), [])
        index = bisect_left(own, (found.end(), 0))
        # Its closing tag on the same line (within a few thousand characters), as WordPress's editor writes it.
        closing = own[index] if index < len(own) and own[index][0] - found.end() <= 3000 else None
        if closing is not None and body.find("\n", found.end(), closing[0]) >= 0:
            closing = None
        if closing is None and "=" not in found.group(2):
            continue
        if in_code(post, found.start()):
            continue
        name = found.group(1).lower()
        what = _WP_WHAT.get(name, "embedded media")
        yield Problem(
            f"WordPress shortcode '[{found.group(1)}…]' shown as text: this site does not run WordPress's"
            f" shortcodes, so the {what} it made is lost and the page shows the brackets",
            post.body_start + found.start(),
            post.body_start + (closing[1] if closing is not None else found.end()),
        )


#: Shortcodes that wrap content (their templates read `.Inner`): Hugo's `highlight` and the containers themes
#: ship (notices, hints, tabs, expanders, callouts). Opened and never closed, Hugo stops with "must be closed or
#: self-closed" (checked with hugo 0.111).
_PAIRED_SHORTCODES = frozenset(
    "highlight details notice hint tabs tab expand alert callout admonition columns collapse spoiler".split()
)
_SHORTCODE_CLOSER = lazy_regex(r"\{\{[<%]-?\s*/\s*([\w.-]+)\s*-?[>%]\}\}")


def _unclosed_shortcodes(post: Post) -> Iterator[Problem]:
    """A wrapping shortcode (see ``_PAIRED_SHORTCODES``) opened more often than it is closed: the first opener
    left without its closer. Hugo does not build the page, so all of it is lost."""
    calls = [call for call in post_shortcodes(post) if call.name in _PAIRED_SHORTCODES]
    if not calls:
        return
    text = post.text or ""
    closers: dict[str, list[int]] = {}
    for found in _SHORTCODE_CLOSER.finditer(post.body):
        closers.setdefault(found.group(1).lower(), []).append(post.body_start + found.start())
    for name in sorted({call.name for call in calls}):
        openers = [
            call for call in calls if call.name == name and not text[call.start : call.end].endswith(("/>}}", "/%}}"))
        ]
        ends = closers.get(name, [])
        # Pair each closer with the nearest opener before it that is still open (shortcodes of one name nest).
        open_calls: list[int] = []
        events = sorted([(call.start, 0, index) for index, call in enumerate(openers)] + [(end, 1, -1) for end in ends])
        for _, kind, index in events:
            if kind == 0:
                open_calls.append(index)
            elif open_calls:
                open_calls.pop()
        if open_calls:
            first = openers[min(open_calls)]
            yield Problem(
                f"Hugo's '{name}' shortcode wraps content but is never closed ('{{{{< /{name} >}}}}'): Hugo stops"
                " building the site at this page, so the whole page is lost",
                first.start,
                first.end,
            )


#: A Jekyll include or an Eleventy shortcode named after the platform it embeds (`{% include youtube.html id="" %}`,
#: `{% youtube "" %}`), with its arguments.
_EMBED_INCLUDE = lazy_regex(r"(?<!\{)\{%-?\s*(?:include\s+)?([A-Za-z][\w-]{0,40})(?:\.html)?\b([^%\n]{0,300})-?%\}")
_INCLUDE_ARGUMENT = lazy_regex(r"""([\w-]+)\s*=\s*("[^"]*"|'[^']*'|\S+)|("[^"]*"|'[^']*'|[^\s,]+)""")


def _embed_includes_without_id(post: Post) -> Iterator[Problem]:
    """Jekyll includes and Eleventy shortcodes that embed a platform's piece and name none (Hugo's and Zola's
    embed shortcodes are judged the same way above): the include prints an empty player."""
    for found in _EMBED_INCLUDE.finditer(post.body):
        name = found.group(1).lower()
        if name not in _EMBED_SHORTCODES or in_code(post, found.start()):
            continue
        named: dict[str, str] = {}
        positional: list[str] = []
        for argument in _INCLUDE_ARGUMENT.finditer(found.group(2)):
            if argument.group(1):
                named[argument.group(1).lower()] = argument.group(2).strip("\"'")
            else:
                positional.append(argument.group(3).strip("\"'"))
        if _without_id(named, tuple(positional)):
            yield Problem(
                f"'{found.group(0)[:40]}' embeds a {_EMBED_SHORTCODES[name]} but names none: it prints an empty"
                " player, so the piece was lost on the way",
                post.body_start + found.start(),
                post.body_start + found.end(),
            )


#: The attributes through which an embed widget's script is told which piece to draw (Telegram's post and
#: discussion widgets, Instagram's and Tumblr's embed scripts, a Mastodon or Bluesky embed).
_WIDGET_PIECES = (
    "data-telegram-post",
    "data-telegram-discussion",
    "data-instgrm-permalink",
    "data-href",
    "data-post-url",
    "data-bluesky-uri",
    "data-embed-url",
)


#: Template calls of one generator that another does not run (round 7): a Hugo shortcode (`{{< youtube x >}}`,
#: `{{% notice %}}`), a Zola shortcode (`{{ youtube(id="x") }}`, `{% note() %}`), a Liquid tag (`{% include x %}`),
#: a Nunjucks or Jinja tag that Liquid has not (`{% set x = 1 %}`, `{% macro %}`).
_FOREIGN_CALLS: tuple[tuple[str, re.Pattern[str], frozenset[str], str], ...] = (
    (
        "a Hugo shortcode",
        lazy_regex(r"\{\{[<%]\s*/?\s*[A-Za-z][\w/-]{0,40}"),
        frozenset({"zola", "jekyll", "eleventy"}),
        "",
    ),
    (
        "a Zola shortcode",
        lazy_regex(
            r"\{\{\s*[a-z_]\w{0,40}\([^(){}\n]{0,300}\)\s*\}\}|(?<!\{)\{%\s*[a-z_]\w{0,40}\([^(){}\n]{0,300}\)\s*%\}"
        ),
        frozenset({"hugo", "jekyll", "eleventy"}),
        "",
    ),
    (
        "a Liquid tag",
        lazy_regex(r"(?<!\{)\{%-?\s*(?:include|include_relative|post_url|link|assign|capture|highlight|raw|comment)\b"),
        frozenset({"hugo", "zola"}),
        "",
    ),
    (
        "a Nunjucks tag",
        lazy_regex(r"(?<!\{)\{%-?\s*(?:set|macro|call|import|from|extends|block|filter)\b"),
        frozenset({"jekyll"}),
        "",
    ),
)
_RUNS = {"hugo": "Hugo", "zola": "Zola", "jekyll": "Jekyll (Liquid)", "eleventy": "Eleventy"}


def _foreign_template_calls(post: Post) -> Iterator[Problem]:
    """Template calls written for another generator than the site's: the site does not run them, so what they
    were to make (an embed, an include, a value) is lost, and the page shows the call as typed (Hugo, Zola) or
    Liquid writes nothing or stops the build (Jekyll, Eleventy). One finding per post, at the first."""
    body = post.body
    generator = post.site.generator
    # Code regions, less the ones that are Hugo shortcodes themselves (postlint reads those as code everywhere
    # but on Eleventy): a shortcode in a code block is an example, one in the text is a call.
    regions = [(start, end) for start, end in post.code_regions if not body.startswith(("{{<", "{{%"), start)]
    starts = [start for start, _ in regions]
    reach: list[int] = []
    for _, end in regions:
        reach.append(max(end, reach[-1]) if reach else end)
    found: list[tuple[int, int, str]] = []
    for what, pattern, where, _ in _FOREIGN_CALLS:
        if generator not in where:
            continue
        for call in pattern.finditer(body):
            index = bisect_right(starts, call.start()) - 1
            if index >= 0 and call.start() < reach[index]:
                continue
            found.append((call.start(), call.end(), what))
            break
    if not found:
        return
    start, end, what = min(found)
    close = body.find("}}" if body.startswith("{{", start) else "%}", end)
    end = close + 2 if 0 <= close - end <= 300 and "\n" not in body[end:close] else end
    yield Problem(
        f"'{body[start:end][:40]}' is {what}, but this is a {_RUNS[generator]} site, which does not run it: what"
        " it was to make is lost (the page shows the call as typed, or nothing)",
        post.body_start + start,
        post.body_start + end,
    )


#: A Liquid output tag, `{{ page.date }}`, and the `{% raw %}…{% endraw %}` blocks that keep one as text.
#: A Go template's `{{ .Title }}` or `{{ $x }}` (a Hugo example in a Jekyll post) is one too: Liquid writes it
#: as nothing (checked with jekyll 4.3).
_LIQUID_OUTPUT = lazy_regex(r"\{\{-?\s*([A-Za-z_][\w-]*|[.$][\w.$]*)[^{}\n]{0,120}?-?\}\}")
#: What Jekyll's Liquid knows in a post (`include` is known only inside an include).
_JEKYLL_NAMES = frozenset("site page jekyll paginator content layout".split())
#: The names a post's own Liquid tags define: `{% assign x = %}`, `{% capture x %}`, `{% for x in %}`.
_LIQUID_DEFINES = lazy_regex(
    r"\{%-?\s*(?:assign|capture|increment|decrement)\s+([A-Za-z_][\w-]*)|\{%-?\s*(?:for|tablerow)\s+([A-Za-z_][\w-]*)\s+in\b"
)
_RAW_BLOCK = lazy_regex(r"\{%-?\s*raw\s*-?%\}.*?(?:\{%-?\s*endraw\s*-?%\}|$)", re.S)


def _liquid_in_code(post: Post) -> Iterator[Problem]:
    """Liquid output tags written as code (in a code span or block) on a site that runs Liquid or Nunjucks over
    the post before its Markdown (Jekyll, Eleventy): the code shown is gone. Reported when the variable is one
    neither Jekyll (`site`, `page`...) nor the post defines (Jekyll writes it as nothing), and on either
    generator when a code span holds nothing but the tag in a sentence about templates ("write `{{ page.date }}`
    in the template"): the page shows the value, not the code the sentence explains. (`{{ site.version }}` in
    code elsewhere is the site showing its value, on purpose.) One finding per post, at the first."""
    if not runs_templates(post.data, post.site.generator):  # `render_with_liquid: false`, `templateEngineOverride: md`
        return
    body = post.body
    generator = "Jekyll" if post.site.generator == "jekyll" else "Eleventy"
    defined = {found.group(1) or found.group(2) for found in _LIQUID_DEFINES.finditer(body)}
    raw = [found.span() for found in _RAW_BLOCK.finditer(body)] if "raw" in body else []
    raw_starts = [start for start, _ in raw]
    shown: list[tuple[re.Match[str], str]] = []
    for found in _LIQUID_OUTPUT.finditer(body):
        if not in_code(post, found.start()):
            continue
        before = bisect_right(raw_starts, found.start()) - 1  # the raw blocks do not overlap: one can hold it
        if before >= 0 and found.start() < raw[before][1]:
            continue
        name = found.group(1)
        if generator == "Jekyll" and name not in _JEKYLL_NAMES and name not in defined:
            shown.append((found, f"'{name}' is not defined in a post: the page shows nothing there"))
        elif _alone_in_code_span(body, found) and _ABOUT_TEMPLATES.search(_sentence_around(body, found)):
            shown.append((found, "the page shows its value there, not the code the sentence explains"))
    if not shown:
        return
    first, why = shown[0]
    more = f" (and {len(shown) - 1} more)" if len(shown) > 1 else ""
    start, end = first.span()
    if _alone_in_code_span(body, first):
        start, end = start - 1, end + 1  # the code span is what the reader sees emptied or changed
    yield Problem(
        f"'{first.group(0)[:40]}'{more} is written as code, but {generator} runs Liquid over the post before its"
        f" Markdown and {why}; wrap it in {{% raw %}}…{{% endraw %}}",
        post.body_start + start,
        post.body_start + end,
    )


#: Words of a sentence that explains template code (so a tag alone in a code span is meant as code).
_ABOUT_TEMPLATES = lazy_regex(
    r"templat|variabl|liquid|nunjucks|syntax|placeholder|模板|模版|变量|變數|变数|語法|语法|テンプレート|変数|템플릿|변수",
    re.I,
)


def _alone_in_code_span(body: str, found: re.Match[str]) -> bool:
    """Whether the tag is the whole of a one-backtick code span (`` `{{ page.date }}` ``)."""
    start, end = found.span()
    before = body[start - 2 : start] if start >= 2 else " " + body[:start]
    return before[-1:] == "`" and before[:1] != "`" and body[end : end + 1] == "`" and body[end + 1 : end + 2] != "`"


def _sentence_around(body: str, found: re.Match[str]) -> str:
    """The text of the paragraph around a match, at most 200 characters each side (bounded, so a body of many
    tags stays linear)."""
    low = max(0, found.start() - 200)
    high = min(len(body), found.end() + 200)
    before = body.rfind("\n\n", low, found.start())
    after = body.find("\n\n", found.end(), high)
    return body[before + 1 if before >= 0 else low : after if after >= 0 else high]


_OMITTED_SHOWN = lazy_regex(r"&lt;!--\s*raw HTML omitted\s*--&gt;")
#: The credit line an embedded tweet or Instagram post ends with ("— Name (@handle) September 2, 2020", "A post
#: shared by Name (@handle)"), as the whole text of a block.
_EMBED_CREDIT = lazy_regex(
    r"(?:[—–-]\s*[^\n]{1,60}?\(@\w{1,30}\)\s*[^\n]{0,40}|a post shared by [^\n]{1,60}?\(@[\w.]{1,30}\)[^\n]{0,40})",
    re.I,
)
_STATUS_URL = lazy_regex(r"(?:twitter|x)\.com/\w{1,15}/status(?:es)?/\d+|instagram\.com/(?:p|reel)/[\w-]+", re.I)


def _credit_without_embed(post: Post) -> Iterator[Problem]:
    """An embedded tweet's or Instagram post's credit line standing alone, outside any blockquote: the embed's
    quote and text were stripped and only its last line is left."""
    if post.is_markdown or "@" not in post.body:
        return
    html = post.html
    for element in html.iter("p", "div"):
        if element not in html.start_tags or next(element.iterancestors("blockquote"), None) is not None:
            continue
        anchors = [anchor for anchor in element.iter("a") if _STATUS_URL.search(anchor.get("href") or "")]
        if len(anchors) != 1:
            continue
        shown = " ".join(element_text(element, html).split())
        if len(shown) > 120 or not _EMBED_CREDIT.fullmatch(shown):
            continue
        start, end = html.span(element)
        yield Problem(
            f"'{shown[:60]}' is the credit line of an embedded post whose quote and text are gone: the embed was"
            " lost on the way",
            start,
            end,
        )


#: Goldmark's marker for raw HTML it left out.
_OMITTED = lazy_regex(r"\s*raw HTML omitted\s*")
#: A tag name that ran into an attribute name: `imgsrc="x"` read as the element name `imgsrc="x"`.
_GLUED = lazy_regex(
    r"<(img|a|iframe|video|audio|source|embed)(?:src|href|alt|width|height|class|style|title|data-[a-z]+)\s*=", re.I
)
_WHAT = {"img": "image", "a": "link", "iframe": "frame", "video": "video", "audio": "audio", "source": "media"}
#: Words of a class or id that name an embed or a player (compared as whole words of the name).
_SHELL_WORDS = frozenset(
    "embed player flourish datawrapper infogram tweet youtube vimeo instagram tiktok soundcloud spotify"
    " iframe video audio podcast gallery slideshow carousel".split()
)
#: Shell words that others end in (`jwplayer`, `flowplayer`, `wpembed`); a word that only begins with one
#: (`embedded2`, `players`) or holds one inside (`videographer`) names no shell.
_SHELL_STEMS = ("player", "embed")
#: Platforms whose embeds are named for them and the piece (`fb-post`, `twitter-video`): a platform's name alone
#: is often a share button (`btn facebook`), so it counts only with the piece.
_PLATFORMS = frozenset(
    "fb facebook twitter weibo threads bluesky mastodon reddit linkedin pinterest flickr imgur giphy bilibili youku"
    " dailymotion brightcove kaltura wistia vidyard jw ooyala twitch douyin kuaishou xigua ixigua".split()
)
_PIECES = frozenset("post video embed status card photo media clip gallery live".split())
_PLATFORM_PREFIXES = tuple(sorted(name for name in _PLATFORMS if len(name) > 2))
_PIECE_SUFFIXES = tuple(sorted(_PIECES))
#: Elements that are links or controls, not containers of an embed: an empty one is another rule's business.
_NOT_SHELLS = frozenset("a button input select textarea label i br hr".split())
_SWF = lazy_regex(r"\.swf(?:$|[?#])", re.I)
_WORDS = lazy_regex(r"[a-z0-9]+")
#: The responsive-embed box: a height of 0 and a padding that is a share of the width (`padding-bottom: 56.25%`,
#: 16:9), which only the frame inside it fills.
_RATIO_BOX = lazy_regex(r"padding-(?:bottom|top)\s*:\s*\d+(?:\.\d+)?%", re.I)
_NO_HEIGHT = lazy_regex(r"(?:^|;)\s*height\s*:\s*0(?:px)?\s*(?:;|$|!)", re.I)
#: Elements that are media (or draw it) when they have a source.
_MEDIA = frozenset("iframe img video audio object embed canvas svg picture source".split())
#: Elements whose text is not shown, or which are not part of what the reader sees.
_HIDDEN = frozenset("noscript script style template".split())


def _shell(element: Element) -> str | None:
    """How to name ``element`` if it is an embed or player shell (by its tag or its class and id)."""
    tag = str(element.tag)
    if tag in ("video", "audio"):
        return f"<{tag}> without a source" if not _has_source(element) else None
    if tag == "iframe":
        # A frame's page comes from `src`, `srcdoc`, or a lazy loader's `data-src`/`data-lazy-src`/...: with
        # all of them empty the reader sees an empty box.
        sources = [str(value) for name, value in element.items() if name in ("src", "srcdoc") or "src" in name]
        if _EMPTY_EMBED.match((element.get("src") or "").strip()):
            return _NO_ID
        return None if any(value.strip() for value in sources) else "<iframe> without a source"
    if tag == "object":
        # An <object> shows its `data` (or an old Flash <param name="movie">); with neither it is an empty box,
        # and a Flash movie plays in no browser since 2021.
        if _flash(element):
            return "<object> holds a Flash movie, which no browser plays"
        movie = any(
            (param.get("name") or "").lower() in ("movie", "src") and (param.get("value") or "").strip()
            for param in element.iter("param")
        )
        if (element.get("data") or "").strip() or movie or _has_embed(element):
            return None
        return "<object> without data"
    if tag == "embed":
        if _flash(element):
            return "<embed> holds a Flash movie, which no browser plays"
        return None if (element.get("src") or "").strip() else "<embed> without a source"
    if tag in _MEDIA or tag in _HIDDEN:
        return None
    if tag in _NOT_SHELLS:
        return None
    if tag in ("span", "a") and element.attrib and all(name in ("id", "name") for name in element.attrib):
        return None  # an anchor to link to (`<span id="video"></span>` over a "## Video" heading), not a player
    # A BEM element's name (`gallery__count`, `player__time`) names a part of its block, not an embed: the
    # block is judged, and an empty counter in a live gallery is no shell.
    names = " ".join(
        name for name in f"{element.get('class') or ''} {element.get('id') or ''}".lower().split() if "__" not in name
    )
    hit = _shell_names(names)
    if not hit:
        style = element.get("style") or ""
        ratio = _RATIO_BOX.search(style)
        if ratio is not None and _NO_HEIGHT.search(style):
            return f"<{tag}> sized as a video's box ({ratio.group(0)}; height: 0)"
        return None
    label = (element.get("class") or element.get("id") or "").split()
    shown = "." + ".".join(label[:2]) if element.get("class") else "#" + (element.get("id") or "")
    return f"<{tag}{shown[:60]}> ({hit[0]})"


def _shell_names(names: str) -> list[str]:
    """The words of a class or id (lower-cased) that name an embed or a player: a shell word (`video`,
    `tweet`), a word made on one (`jwplayer`, `videoplayer`, `embedded`), or a platform's name with the kind of
    piece it embeds (`fb-post`, `twitter-video`, `weibo-card`)."""
    words = _WORDS.findall(names)
    hit = sorted({word for word in words if word in _SHELL_WORDS or word.endswith(_SHELL_STEMS)})
    if not hit and any(word in _PLATFORMS for word in words):
        hit = sorted(word for word in words if word in _PIECES)
    if not hit:  # one word of both (`facebookMedia`, `twitterVideo`)
        hit = sorted(word for word in words if word.startswith(_PLATFORM_PREFIXES) and word.endswith(_PIECE_SUFFIXES))
    return hit


def _flash(element: Element) -> bool:
    """Whether an <object> or <embed> holds a Flash movie (by its type or a `.swf` address)."""
    kind = (element.get("type") or "").strip().lower()
    if kind in ("application/x-shockwave-flash", "application/futuresplash"):
        return True
    addresses = [element.get("data"), element.get("src")]
    addresses += [param.get("value") for param in element.iter("param") if (param.get("name") or "").lower() == "movie"]
    return any(_SWF.search(address or "") for address in addresses)


def _has_embed(element: Element) -> bool:
    return any((embed.get("src") or "").strip() for embed in element.iter("embed"))


def _has_source(element: Element) -> bool:
    if (element.get("src") or "").strip():
        return True
    return any((source.get("src") or "").strip() for source in element.iter("source"))


def _alive(element: Element) -> bool:
    """Whether ``element`` shows something: media with a source, or text, outside <noscript> and scripts."""
    stack = [element]
    while stack:
        current = stack.pop()
        tag = current.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            if current is not element and (current.tail or "").strip():
                return True
            continue
        if tag in ("svg", "canvas"):
            return True
        if tag in ("video", "audio"):
            # The text in a player is its fallback, shown only by browsers without the player: a player with
            # no source shows nothing.
            if _has_source(current):
                return True
            if current is not element and (current.tail or "").strip():
                return True
            continue
        if tag in _MEDIA and any((current.get(name) or "").strip() for name in ("src", "data", "data-src", "srcdoc")):
            return True
        if tag in ("video", "audio", "picture") and (_has_source(current) or current.find(".//img") is not None):
            return True
        if current is not element and _shown(current.tail):
            return True
        if tag == "button":
            continue  # a control's label (`▶ 播放`, `Next`) is the player's, not the article's
        if _shown(current.text):
            return True
        stack.extend(reversed(list(current)))
    return False


#: What a player, a gallery or a loader shows of its own, with its media gone: a time or a slide counter
#: (`00:00 / 12:34`, `1 / 12`), play and pause marks, "loading" (`加載中…`, `Loading...`, `読み込み中`).
_CHROME = lazy_regex(
    r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,3}\s*/\s*\d{1,3}|[▶►⏵⏸❚❙|]+"
    r"|加载中|加載中|载入中|載入中|正在加载|正在加載|loading|読み込み中)\s*(?:…|\.{2,3})?",
    re.I,
)


def _shown(text: str | None) -> bool:
    """Whether ``text`` is something for the reader, not a player's or a loader's own marks."""
    stripped = (text or "").strip()
    return bool(stripped) and _CHROME.fullmatch(stripped) is None


def _noscript_fallback(element: Element) -> bool:
    """Whether a <noscript> right next to ``element`` (or to its parent) holds the media it lost."""
    for node in (element, element.getparent()):
        if node is None:
            continue
        for sibling in (node.getnext(), node.getprevious()):
            if sibling is not None and sibling.tag == "noscript":
                return True
    return False


#: A block that ends in a picture credit: "在後院工作的日子   圖片來源 ： 鱸魚", "（圖片來源：Unsplash免費圖庫）",
#: "Photo credit: Jane Doe", "圖片取自網絡/立場新聞", "（图源：美联社）", "…旗艦店。圖片取自官網。". The credit names a
#: picture that should stand next to it.
_CREDIT_END = lazy_regex(
    r"(?:^|[\s（(【\[，,。.|｜/])(?:(?:圖片|图片|照片|相片|圖像|图像|配圖|配图)\s*(?:來源|来源|出處|出处|提供"
    r"|取自|來自|来自|源自|截自|擷取自|撷取自|截圖自|截图自|採自|采自|引自|轉自|转自|擷自|撷自|翻攝自|翻摄自)"
    r"|圖源|图源"
    r"|(?:photo|image|picture)\s*(?:credit|source|courtesy)s?"
    # (not a key of YAML or JSON shown in the page: `images: ["cover.png"]`)
    r"|(?:credits?|photos?|images?|pictures?|fotos?|bild(?:er)?|cr[ée]dits? photos?|ảnh|фото|写真|사진)"
    r"(?=\s*[:：])(?!\s*[:：]\s*[\[{\"'])"
    r"|사진\s*=(?=\S)"  # Korean outlets' `사진=연합뉴스`
    r"|(?:photo(?:graph)?|image|picture|foto)\s+(?:by|courtesy of|von|de|di)\b)\s*[:：]?\s*"
    r"[^\s:：，。,;；!?！？][^:：，。;；!?！？]{0,40}[)）】\]]?[。.]?\s*$",
    re.I,
)
_MEDIA_WORD = (
    r"(?:图片|圖片|图像|圖像|照片|相片|配图|配圖|视频|視頻|视讯|視訊|影片|影音|音频|音頻|音訊"
    r"|动图|動圖|图表|圖表|推文|嵌入内容|嵌入內容|多媒体|多媒體|画像|写真|動画|ビデオ|埋め込み|ツイート"
    r"|表格|表|(?:embedded |an? |the |this )?(?:image|picture|photo|video|audio|tweet|media|chart|graphic"
    r"|gallery|table"
    r"|embed(?:ded)?(?: content| media| post| tweet)?|slideshow|map|podcast|interactive"
    r"|instagram post|facebook post)s?"
    # German, French, Spanish, Portuguese, Russian, Vietnamese and Korean (round 7)
    r"|vídeo|bild|foto|grafik|karte|(?:eingebettete[rn]? )?inhalt|contenu(?: intégré| embarqué)?|imagen|imagem"
    r"|contenido(?: incrustado| embebido| insertado)?|conteúdo(?: incorporado)?|gráfico|mapa"
    r"|видео|изображение|фото|(?:встроенный )?контент|карта|ảnh|hình ảnh|nội dung(?: nhúng)?"
    r"|동영상|영상|이미지|사진|트윗|(?:삽입된 )?콘텐츠)"
)
#: A note standing where a piece of media was: `[embedded content]` (what feed readers and WordPress's feed put for an
#: embed), `（圖片無法顯示）`, `（此处有视频，请到原文观看）`, `Video unavailable`. Only the whole of a short block, in
#: brackets or in a note's own words ("该视频已被删除" in a news story is prose, and is not one).
_LOST_NOTE = lazy_regex(
    r"[\[【(（〔<]\s*" + _MEDIA_WORD + r"\s*[\]】)）〕>]"
    r"|[\[【(（〔]?\s*(?:[※＊*]\s*|(?:注|註|note)\s*[:：]\s*)?(?:"
    r"(?:此处|此處|这里|這裡)(?:有|为|為|是)(?:一[段个個则則张張幅])?" + _MEDIA_WORD + r"[^\]】)）〕]{0,20}"
    r"|" + _MEDIA_WORD + r"\s*(?:暂时|暫時|目前)?(?:"
    r"(?:无法|無法|不能|未能)(?:正常)?(?:显示|顯示|播放|加载|加載|载入|載入|观看|觀看)"
    r"|(?:加载|加載|载入|載入)(?:失败|失敗)|(?:を|は)?(?:表示|再生)(?:でき|され)ません"
    r"|(?:を|が)?(?:読み込|読込)(?:めませんでした|めません|めなかった|みに失敗しました)"
    r"|(?:is |are )?(?:currently |temporarily )?(?:unavailable|not available|no longer available"
    r"|not supported|(?:could not|cannot|can't|couldn't) be (?:displayed|shown|loaded|played)"
    r"|failed to load|(?:has been|was) removed)"
    r"|(?:ist |est |está |es |é )?(?:(?:nicht|no|non|não) (?:mehr |más )?(?:verfügbar|disponible|disponível)"
    r"|indisponible|indisponível|недоступ[а-я]*|не доступ[а-я]*|không (?:khả dụng|thể hiển thị|thể phát)"
    r"|kann nicht (?:angezeigt|abgespielt|geladen) werden|ne peut pas être (?:affiché|lu|chargé)e?"
    r"|no se puede (?:mostrar|reproducir|cargar)|(?:을|를|은|는|이|가)?\s?(?:재생할|표시할|볼) 수 없습니다))"
    r"[^\]】)）〕]{0,20}"
    r"|(?:请|請)(?:到|至|前往|点击|點擊|點閱|点阅|移步|見|见|参见|參見|参阅|參閱)?(?:原文|原网页|原網頁|原页面|原頁面)"
    r"(?:观看|觀看|查看|檢視|浏览|瀏覽)" + _MEDIA_WORD + r"?"
    r"|" + _MEDIA_WORD + r"(?:內容|内容)?(?:请|請)(?:到|至|前往|点击|點擊|點閱|点阅|移步|見|见|参见|參見|参阅|參閱)"
    r"(?:原文|原网页|原網頁|原页面|原頁面)(?:观看|觀看|查看|檢視|浏览|瀏覽)?"
    r"|元記事で(?:ご覧|確認)ください"
    r"|(?:此|该|該|本)(?:内容|內容|文章|视频|視頻|图片|圖片)(?:因|由于|由於)?(?:涉嫌)?(?:违规|違規|违反|違反[^，。]{0,12}|被投诉|被投訴|版权|版權)"
    r"[^\]】)）〕]{0,12}(?:无法查看|無法查看|不可查看|已被删除|已被刪除|被删除|被刪除|已屏蔽|已被屏蔽)"
    r"|(?:此|该|該|本)(?:内容|內容|文章)(?:已)?被?(?:发布者|發布者|作者)?(?:删除|刪除)"
    r")\s*[\]】)）〕]?[。.]?",
    re.I,
)
#: Words one of which every match of ``_LOST_NOTE`` holds (a media word, the original page's name, 元記事で):
#: a block without one is no note, and the pattern (4 ms to compile) is not compiled for a post without one.
_NOTE_WORDS = (
    *"图片 圖片 图像 圖像 照片 相片 配图 配圖 视频 視頻 视讯 視訊 影片 影音 音频 音頻 音訊 动图 動圖 图表 圖表".split(),
    "表格",  # (a table's note; `表` alone is in too many words to be a trigger)
    *"推文 嵌入内容 嵌入內容 多媒体 多媒體 画像 写真 動画 ビデオ 埋め込み ツイート 元記事で".split(),
    *"原文 原网页 原網頁 原页面 原頁面".split(),
    *"image picture photo video audio tweet media chart graphic gallery embed slideshow map podcast table".split(),
    *"interactive instagram facebook".split(),
    *"vídeo bild foto grafik karte inhalt contenu imagen imagem contenido conteúdo gráfico mapa".split(),
    *"видео изображение фото контент карта ảnh nội 동영상 영상 이미지 사진 트윗 콘텐츠".split(),
    *"违规 違規 违反 違反 投诉 投訴 版权 版權 删除 刪除".split(),  # WeChat's "此内容因违规无法查看", "该内容已被删除"
)


def _lost_note(text: str) -> bool:
    """``_LOST_NOTE.fullmatch(text)``, tried only on a block holding one of its words. Case-insensitive as the
    pattern is: ``casefold`` maps every letter ``re.I`` matches to an ASCII one but the Turkish dotted and
    dotless i, mapped here first."""
    folded = text.replace("İ", "i").replace("ı", "i").casefold()
    return any(word in folded for word in _NOTE_WORDS) and _LOST_NOTE.fullmatch(text) is not None


#: A block that ends in the name of a kind of picture, as captions do: "電影《三夫》劇照" (a film still),
#: "（资料图片）" (a file photo), "示意圖" (an illustration).
_CAPTION_END = lazy_regex(
    r"(?:劇照|剧照|資料圖片|资料图片|資料照片|资料照片|檔案照片|档案照片|示意圖|示意图)\s*[)）】\]]?\s*[。.]?\s*$"
)
_CLAUSE = lazy_regex(r"[，,；;！!？?。]")
#: A caption that names its kind of picture is short ("電影《三夫》劇照"); a longer block is prose about one.
_KIND_MAX = 40


#: A note on the post's cover picture: "封面图为…", "题图：…", "Cover photo by …". The theme shows the cover from the
#: front matter, away from the note.
_COVER_NOTE = lazy_regex(
    r"[\\*_\s【\[（(]*(?:封面|題圖|题图|頭圖|头图|首圖|首图|(?:cover|banner|header|featured|top)\s+"
    r"(?:photo|image|picture|illustration)\b)",
    re.I,
)
#: A block that is only a picture's file name ("微信图片_20200909031554.jpg", "c9cd034e….gif", "Screen Shot
#: 2021-09-29 at 21.32.04.png"): what an importer leaves when it drops an image and keeps its name.
#: A list item, a heading or code that names a file (`- logo.png`, `` `favicon.png` ``) is the author's.
_FILE_NAME = lazy_regex(
    r"(?!\d{1,9}[.)]\s)[^\s/\\:：，。,;；!?！？()（）<>\[\]`'\"#*+-]"
    r"[^/\\:：，。,;；!?！？()（）<>\[\]`'\"]{0,79}\.(?:jpe?g|png|gif|webp)",
    re.I,
)
#: A front-matter value that names a picture.
_PICTURE_VALUE = lazy_regex(r"\S+\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]\S*)?", re.I)


def _cover_note(text: str, post: Post) -> bool:
    """Whether ``text`` is a note on the post's cover picture and the front matter names a picture (the cover)."""
    if _COVER_NOTE.match(text) is None:
        return False
    return any(isinstance(value, str) and _PICTURE_VALUE.fullmatch(value.strip()) for value in post.data.values())


def _pictureless(post: Post) -> bool:
    """Whether the post shows no picture anywhere (no Markdown image, no image, figure or picture element)."""
    if post.is_markdown and post.markdown.images:
        return False
    return next(iter(post.html.iter("img", "picture", "figure", "svg")), None) is None


#: A block that opens with a picture's label: "圖: reddit 群組r/HongKong", "【附圖：「微、小」字形演化】",
#: "图：视觉中国". Only at the start: "參考【附圖：…】" in a sentence points at the picture and is no caption.
_PICTURE_LABEL = lazy_regex(r"[（(【\[]?\s*(?:附圖|附图|圖|图)\s*[:：]\s*\S")


def _captionlike(text: str, labels: bool = False) -> bool:
    """Whether a short block reads as a picture's caption or credit (with ``labels``, also a block that opens
    with a picture's label: a post that shows pictures may credit them all in its byline, "图：视觉中国")."""
    if _CREDIT_END.search(text) is not None or (labels and _PICTURE_LABEL.match(text) is not None):
        return True
    if len(text) > _KIND_MAX:
        return False
    kind = _CAPTION_END.search(text)
    # A caption is a phrase ("電影《三夫》劇照"); a clause before the word ("…，也談到那一組劇照。") is a sentence.
    return kind is not None and not _CLAUSE.search(text, 0, kind.start())


#: A block this long is a paragraph that mentions a credit, not a caption.
_CAPTION_MAX = 120
#: Elements that show a picture (or hold one).
_PICTURE = ("img", "picture", "figure", "iframe", "video", "svg", "canvas", "object", "embed")
#: Blocks a caption is written in.
_CAPTION_BLOCKS = ("p", "div", "figcaption", "span", "small", "em", "strong", "h5", "h6")


#: Class or id words that name a caption or a credit.
_CAPTION_NAMES = frozenset(("caption", "figcaption", "credit", "credits", "legend"))


def _captions_in_players(post: Post) -> Iterator[Problem]:
    """A caption written inside a `<video>` or `<audio>`: fallback content, shown only where the media cannot play."""
    html = post.html
    for player in (*html.iter("video"), *html.iter("audio")):
        if player not in html.start_tags:
            continue
        for element in player.iterdescendants():
            if not isinstance(element.tag, str) or element not in html.start_tags:
                continue
            if element.tag != "figcaption" and not names_any(element, _CAPTION_NAMES):
                continue
            text = element_text(element, html)
            if not text:
                continue
            start, end = html.span(element)
            shown = text if len(text) <= 60 else text[:57] + "..."
            yield Problem(
                f"the caption '{shown}' stands inside the <{player.tag}>, whose content is only the fallback for"
                " browsers that cannot play it: readers never see it (move it after the player)",
                start,
                end,
            )
            break  # one caption a player


#: Text a figure may hold besides its caption and still show nothing: a stray letter (`<figure>E</figure>`).
_STRAY = 3


def _empty_figures(post: Post) -> Iterator[Problem]:
    """A `<figure>` with no picture in it: nothing, a stray letter or a line break, perhaps its caption."""
    html = post.html
    for figure in html.iter("figure"):
        if figure not in html.start_tags or "url(" in (figure.get("style") or ""):
            continue  # (a background image is the figure's picture)
        caption = ""
        holds_more = False
        for element in figure.iterdescendants():
            if not isinstance(element.tag, str):
                continue
            if element.tag == "figcaption":
                caption = caption or element_text(element, html)
            elif element.tag != "br" and next(element.iterancestors("figcaption"), None) is None:
                holds_more = True  # a picture, a quote, a heading, a card: something shows
                break
        if holds_more:
            continue
        stray = element_text(figure, html)
        if caption:
            stray = stray.replace(caption, "", 1).strip()
        if len(stray) > _STRAY:
            continue
        start, tag_end = html.start_tag(figure)
        what = f"only its caption '{caption[:60]}'" if caption else (f"only '{stray}'" if stray else "nothing")
        yield Problem(
            f"<figure> holds no picture ({what}): the image was lost on the way",
            start,
            html.span(figure)[1] if figure in html.ends else tag_end,
        )


def _shows_picture(element: Element | None) -> bool:
    if element is None or not isinstance(element.tag, str):
        return False
    if element.tag in _PICTURE:
        return True
    return next(element.iter(*_PICTURE), None) is not None


def _orphan_credits(post: Post) -> Iterator[Problem]:
    """Blocks that are a picture's caption or credit with no picture near them (HTML and Markdown)."""
    if post.is_markdown:
        # Markdown pictures are not in the HTML tree: a caption's neighbours are read off its lines.
        yield from _orphan_credit_lines(post)
        return
    html = post.html
    seen: set[Element] = set()
    labels = _pictureless(post)
    for element in html.iter(*_CAPTION_BLOCKS):
        if element not in html.start_tags or any(ancestor in seen for ancestor in element.iterancestors()):
            continue
        if any(isinstance(child.tag, str) and child.tag in ("p", "div", "figcaption") for child in element):
            continue  # a container: its own blocks are looked at
        text = " ".join(element_text(element, html).split())
        if not text or len(text) > _CAPTION_MAX:
            continue
        if _lost_note(text):
            if next(element.iterancestors("pre", "code", "noscript"), None) is None:
                seen.add(element)
                start, end = html.span(element)
                yield _note(text, start, end)
            continue
        named = _FILE_NAME.fullmatch(text) is not None
        if not (named or _captionlike(text, labels)) or _cover_note(text, post):
            continue
        if next(element.iterancestors("figure", "pre", "code", "noscript", "blockquote", "table"), None) is not None:
            continue
        caption = element if element.tag == "figcaption" else next(element.iterancestors("figcaption"), None)
        if caption is not None and _shows_picture(caption.getparent()):
            continue  # a caption in the block that holds its picture (BBC's <div> with an image and a figcaption)
        if _near_picture(element):
            continue
        seen.add(element)
        start, end = html.span(element)
        yield _orphan(text, named, start, end)


def _near_picture(element: Element) -> bool:
    """Whether a picture stands in ``element`` or right before or after it (or its wrappers)."""
    current: Element | None = element
    while current is not None and current.getparent() is not None:
        if _shows_picture(current):
            return True
        before, after = current.getprevious(), current.getnext()
        if _shows_picture(before) or _shows_picture(after):
            return True
        if before is not None or after is not None:
            # Only whitespace may stand between a picture and its caption.
            return False
        current = current.getparent()
    return False


#: A Markdown line that shows a picture.
_MD_PICTURE = lazy_regex(r"!\[|<(?:img|figure|picture|iframe|video|svg)\b", re.I)
#: Markup at the start of a Markdown caption line (emphasis, quote marks, an opening tag).
_MD_LEAD = lazy_regex(r"(?:\s*(?:<[a-z][^>]*>|[*_>]))*", re.I)
_CLOSING_TAG = lazy_regex(r"</[a-z]+>", re.I)


def _unwrapped(line: str) -> str:
    """``line`` without the markup at its edges (opening tags and markers before, closing tags and emphasis
    markers after), in one pass each way. (A pattern for the end, tried from every offset, split a run of
    `*` or `_` every way before failing at the text after it: a Rust blog line of underscores never
    finished.)"""
    start = _MD_LEAD.match(line).end()  # type: ignore[union-attr]  # (it matches the empty string)
    end = len(line)
    while end > start:  # an end offset moved left, not a string cut again for each closing tag
        char = line[end - 1]
        if char.isspace() or char in "*_":
            end -= 1
            continue
        if char == ">":
            opening = line.rfind("</", start, end)
            if opening >= 0 and _CLOSING_TAG.fullmatch(line, opening, end):
                end = opening
                continue
        break
    return line[start:end]


def _orphan_credit_lines(post: Post) -> Iterator[Problem]:
    body = post.body
    lines = body.split("\n")
    offset = 0
    previous = ""
    labels = _pictureless(post)
    # A comment that runs over lines (MATLAB's published source kept in `<!-- … -->` under a MathWorks post)
    # is shown to nobody: its lines are no captions.
    comments = [(comment.start, comment.end) for comment in post.html.comments if comment.end > comment.start]
    comment_starts = [low for low, _ in comments]
    for index, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if comments:
            at = bisect_right(comment_starts, post.body_start + start) - 1
            if at >= 0 and post.body_start + start < comments[at][1]:
                continue
        if stripped.startswith("{:") and stripped.endswith("}"):
            continue  # kramdown's attribute list for the block above (`{: style="width: 60%;"}` under a picture)
        last, previous = previous, stripped
        text = _unwrapped(without_comments(stripped).strip()).strip()
        if not text or len(text) > _CAPTION_MAX or "<" in text:
            continue
        if _lost_note(text):
            if not in_code(post, start) and not _defined_label(body, text):
                begin = start + len(line) - len(line.lstrip())
                yield _note(text, post.body_start + begin, post.body_start + start + len(line.rstrip()))
            continue
        named = _FILE_NAME.fullmatch(text) is not None
        if not (named or _captionlike(text, labels)) or _cover_note(text, post):
            continue
        if in_code(post, start) or _MD_PICTURE.search(stripped) or _MD_PICTURE.search(last):
            continue
        following = next((later.strip() for later in lines[index + 1 :] if later.strip()), "")
        if _MD_PICTURE.search(following):
            continue
        begin = start + len(line) - len(line.lstrip())
        yield _orphan(text, named, post.body_start + begin, post.body_start + start + len(line.rstrip()))


def _orphan(text: str, named: bool, start: int, end: int) -> Problem:
    if named:
        return Problem(
            f"'{text[:60]}' is only a picture's file name, with no picture next to it: the importer kept the name of"
            " an image it lost",
            start,
            end,
        )
    return Problem(
        f"'{text[:60]}' is a picture's caption or credit with no picture next to it: the image was lost on the way",
        start,
        end,
    )


def _note(text: str, start: int, end: int) -> Problem:
    return Problem(
        f"'{text[:60]}' is a note standing where a picture, a video or an embed was: the piece was lost on the way"
        " (restore it from the source, or link to it)",
        start,
        end,
    )


def _defined_label(body: str, text: str) -> bool:
    """Whether a bracketed note (`[video]`) is a Markdown reference link: its label is defined in the post."""
    if not text.startswith("["):
        return False
    label = text[1:].split("]", 1)[0].strip()
    return re.search(r"(?im)^ {0,3}\[" + re.escape(label) + r"\]:", body) is not None


#: Markdown's own markers, which the reader does not see as text.
_MD_MARKS = lazy_regex(r"[#*_>`~\[\]()!|-]+")
#: Template tags (Liquid, Hugo shortcodes, Zola/Tera): the generator replaces them with what they make, so
#: `{{% glossary %}}` under the title "Glossary" is a generated page, not the title again. (No brace inside:
#: each opener is read up to the next brace, once.)
_TEMPLATE_TAG = lazy_regex(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}")


#: A title's mark that the post is a video or a set of pictures: "(视频)", "【视频】", "（影片）", "[Video]", "VIDEO:",
#: "(多图)", "（圖）", "[Photos]". Bracketed, or at the title's start or end beside a separator.
_MEDIA_MARK = lazy_regex(
    r"[（(【\[〔]\s*(?P<a>{kinds})\s*[）)】\]〕]"
    r"|^\s*(?P<b>{kinds})\s*[|｜:：]"
    r"|[|｜]\s*(?P<c>{kinds})\s*$".format(
        kinds=r"视频|視頻|影片|影音|视讯|視訊|動画|ビデオ|video|videos|图|圖|多图|多圖|组图|組圖|图集|圖集|图辑|圖輯"
        r"|photos|gallery|in pictures"
    ),
    re.I,
)
_PICTURE_KINDS = frozenset("图 圖 多图 多圖 组图 組圖 图集 圖集 图辑 圖輯 photos gallery in pictures".split(" "))
#: What shows or leads to a video in a body: a player, a frame, a video host or file, a video shortcode.
_VIDEO_TRACE = lazy_regex(
    r"<(?:video|audio|iframe|embed|object)\b|<[a-z]+-(?:[a-z-]*-)?(?:youtube|vimeo|video|player)\b"
    r"|youtube\.com|youtu\.be|vimeo\.com|bilibili\.com|v\.qq\.com|dailymotion\.com|tiktok\.com|nicovideo\.jp"
    r"|/videos?/|\.(?:mp4|m4v|m3u8|webm|ogv|mov)\b"
    r"|\{\{[<%]\s*(?:youtube|vimeo|video)|\{%-?\s*(?:youtube|vimeo|video|include\s+\S*(?:youtube|vimeo|video))",
    re.I,
)
#: What shows a picture in a body: an image, a figure, a picture shortcode or include.
_PICTURE_TRACE = lazy_regex(
    r"<(?:img|picture|svg|figure)\b|!\[|\{\{[<%]\s*(?:figure|gallery|img|image)"
    r"|\{%-?\s*(?:picture|image|img|gallery|include\s+\S*(?:image|img|figure|photo|gallery|picture))",
    re.I,
)


def _promised_media(post: Post) -> Problem | None:
    """The title announces a video or pictures ("(视频)", "【视频】", "（圖）") and the body holds none."""
    title = post.data.get("title")
    front = post.front_matter
    if not isinstance(title, str) or front is None:
        return None
    mark = _MEDIA_MARK.search(title)
    if mark is None:
        return None
    kind = next(group for group in mark.groups() if group)
    pictures = kind.lower() in _PICTURE_KINDS
    body = without_comments(post.body)
    if (_PICTURE_TRACE if pictures else _VIDEO_TRACE).search(body) is not None:
        return None
    if _front_matter_media(post, pictures):
        return None  # the theme shows the video or picture the front matter names (`video: https://youtu.be/…`)
    if "<script" in body and "src" in body:
        return None  # a script the post loads may put the player in
    span = front.span("title")
    if span is None:
        return None
    written = (post.text or "")[span.value_start : span.value_end]
    at = written.find(mark.group(0).strip())
    start = span.value_start + at if at >= 0 else span.value_start
    end = start + len(mark.group(0).strip()) if at >= 0 else span.value_end
    what = "pictures" if pictures else "a video"
    holds = "no image" if pictures else "no video, player or link to one"
    return Problem(
        f"the title announces {what} ('{mark.group(0).strip()}') but the body holds {holds}: it was lost on the"
        " way (restore it from the source, or take the mark out of the title)",
        start,
        end,
    )


def _front_matter_media(post: Post, pictures: bool) -> bool:
    """Whether a front-matter value (at the top or one level down) names a video, or a picture."""
    values: list[object] = []
    for key, value in post.data.items():
        if key in SOURCE_URL_KEYS:
            continue  # the page the post was copied from (a video page) is not shown in it
        values.extend(value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value])
    for value in values:
        if not isinstance(value, str):
            continue
        text = value.strip()
        if pictures and _PICTURE_VALUE.fullmatch(text):
            return True
        if not pictures and len(text) < 500 and _VIDEO_TRACE.search(text):
            return True
    return False


def _body_lost(post: Post) -> Problem | None:
    """The body says nothing but the post's title. A section's list page (Hugo's and Zola's `_index.md`) is not
    an article: its template lists the section's pages under the heading its body holds."""
    title = post.data.get("title")
    if not isinstance(title, str) or not fold_text(title) or post.fs_path.stem == "_index":
        return None
    body = post.body
    if len(body) > 4 * len(title) + 400 or post.markdown.images:
        return None
    if (
        next(iter(post.html.iter("img", "picture", "figure", "iframe", "video", "audio", "object", "svg")), None)
        is not None
    ):
        return None  # a picture or a player with its title as caption is an article of its own
    shown = _MD_MARKS.sub(" ", without_comments(body)) if post.is_markdown else post.html.visible_text
    if "{" in shown:
        shown = _TEMPLATE_TAG.sub(" ", shown)
    folded = fold_text(shown)
    if not folded or folded != fold_text(title):
        return None  # an empty body is often a list or landing page, a stub or a redirect
    stripped = body.strip()
    start = post.body_start + body.find(stripped)
    return Problem(
        "the post's body is only its title again: the article was lost on the way (restore it from the source,"
        " or remove the post)",
        start,
        start + len(stripped),
    )


#: What a script prints for a missing value, opening a block before a name in Chinese, Japanese or Korean.
_MISSING_VALUE_OPENING = lazy_regex(
    r"[\s\u3000]*(null|undefined|NaN|\[object Object\])[ \t\u00a0\u3000]+"
    r"(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff])"
)
#: Elements whose text begins a block of its own for a reader.
_BLOCKS = frozenset(
    "p div li dd dt td th h1 h2 h3 h4 h5 h6 figcaption blockquote section article header footer address"
    " main aside caption".split()
)
#: Elements whose text is code the author shows.
_CODE_TAGS = frozenset("code pre kbd samp var script style textarea".split())


def _missing_values_shown(post: Post) -> Iterator[Problem]:
    """`null 邹宗翰`, `[object Object]`: a script's missing value printed as text, where a field's value was."""
    html = post.html
    shown = html.visible_text
    if "null" not in shown and "undefined" not in shown and "NaN" not in shown and "[object Object]" not in shown:
        return
    texts = html.run_texts
    opening: dict[Element, int] = {}
    for index, text in enumerate(texts):
        found = _MISSING_VALUE_OPENING.match(text)
        objects = [] if "[object Object]" not in text else [m.start() for m in re.finditer(r"\[object Object\]", text)]
        if found is None and not objects:
            continue
        owner = html.text_owner(index)
        block = owner
        code = False
        while block is not None and block is not html.root and block.tag not in _BLOCKS:
            code = code or block.tag in _CODE_TAGS
            block = block.getparent()
        if code or (owner is not None and owner.tag in _CODE_TAGS):
            continue
        base = html.run_starts[index]
        if found is not None and block is not None:
            if block not in opening:  # the block's first run with text, found once per block
                first, past = html.run_range(block)
                opening[block] = next((at for at in range(first, past) if texts[at].strip()), index)
            if opening[block] == index:
                value = found.group(1)
                yield Problem(
                    f"'{value}' opens this text before a name: it is what a script prints for a missing value,"
                    " written where a field (a byline's author, a label) was empty when the page was made",
                    base + found.start(1),
                    base + found.end(1),
                )
        for at in objects:
            yield Problem(
                "'[object Object]' is what a script prints for a value it could not write as text: what stood"
                " here was lost",
                base + at,
                base + at + len("[object Object]"),
            )
