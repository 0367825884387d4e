"""PL502 outlet-boilerplate."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from postlint.api import Context, Element, Post, Problem, Rule, Severity
from postlint.helpers import (
    CompiledTexts,
    Covered,
    PackOptions,
    builtin_packs,
    compile_texts,
    find_remnants,
    fold_text,
    lazy_regex,
    outlet_hosts,
    source_host,
    url_host,
)


class OutletBoilerplate(Rule[PackOptions]):
    """The source outlet's site furniture (copyright and reprint notices, promos, "read more" boxes) was copied in.

    ## What it does
    Finds outlet furniture by its markup and by its words, with the boilerplate packs in `rules/adpacks/`
    (kind `boilerplate`):
    - CSS selectors: RFI `o-self-promo` blocks, the Reuters trust badge, BBC "most read" and
      related-content lists, newsletter slots, consent banners;
    - text patterns, in Chinese (simplified and traditional), English and Japanese: copyright and
      "no reprint without permission" notices (`版权所有`, `未经授权不得转载`, `© 2020 Reuters`,
      `All rights reserved`, `無断転載`), feed aggregators' promo footers, related-stories boxes
      (`相关阅读`, `延伸閱讀`, `Read more:`, `関連記事`), the fallback text of media players that are gone
      (`Your browser does not support…`, `你的器材不支持播放多媒体材料`), follow-us and QR-code blocks
      (`扫码关注`, `关注我们的微信公众号`), paywall and cookie notices, a feed excerpt's lone "continue reading"
      link, and outlets' own (DW, CNA, Reuters...); a theme's author box by its class.

    A block (or a Markdown paragraph) whose two or more links all share the page (a share bar) or all lead to
    an app store (the "get our app" badges), with little text of its own, is furniture too. The
    `furniture-languages` pack reads such blocks in German, French, Spanish, Portuguese, Italian, Russian,
    Vietnamese and Korean (related-stories labels, follow-us calls, rights notices, comment bars), a Chinese
    portal's page tools (`【打印本页】【关闭窗口】`), Blogger's and WordPress feeds' post footers, reading-time
    badges and comment systems' mount points (`#disqus_thread`).

    A list (`<ul>`, `<ol>`) of two or more items, each wholly one link to a story (a dated or numbered
    address) of the outlet the post came from (the host of its front-matter source URL, or a host that
    carries the name of the outlet the post is filed under: category `bbc`, `www.bbc.com`), is a
    related-stories box whose label was not copied (BBC's in-article lists). On a page of a known site
    (Jekyll, Hugo, Zola, Eleventy) that names no source and no outlet it was imported from, a related-links
    label (`Related: [JavaScript Modules on MDN](https://developer.mozilla.org/)`) is the author's own
    cross-reference and is left alone; a newsletter box, a donation or a paywall call is not.

    A notice that keeps the rights for the author (`版权归作者所有`, `著作权归作者所有`, `© 2020 <the post's
    author>`) is the author's attribution, not an outlet's furniture, and is left alone; so is a credit line
    right under an image (a caption written as a paragraph), judged as captions are. A Markdown paragraph
    whose last lines alone are the notice is reported from those lines (not the author and source lines
    above them).

    A text pattern marks the smallest block (a paragraph, a list item, a `div`, a Markdown paragraph) whose
    whole text is the boilerplate, so prose that mentions the words is left alone, and so is code. The
    finding spans the whole block a fix would remove (a related-stories label with the list after it); the
    outermost block that holds nothing else is reported once, and so is the furniture's own box: a container
    that holds besides it only a short label heading (`<h3>留言</h3>`, `<h4>Partner content</h4>`) and a
    call-to-action link or button (`<a>立即訂閱</a>`) is the block a fix removes.

    ## Why is this bad?
    It is not part of the article: it claims another site's rights over the post, advertises another site's
    app, newsletter or accounts, links to that site's other stories, or tells readers a player that is no
    longer there cannot play.

    ## Options
    - `packs`, `disable-packs`: which shipped boilerplate packs to use (default all).
    - `extra-packs`, `extra-selectors`: your own, as for `ad-remnant`; a pack may hold `texts`:
      `{pattern = "^Follow us on", note = "our old footer", max-length = 200, links = false}`.
    """

    code = "PL502"
    name = "outlet-boilerplate"
    severity = Severity.WARNING
    Options = PackOptions

    def __init__(self, options: PackOptions | None = None) -> None:
        super().__init__(options)
        package = __package__ or "postlint_rules"
        self.selectors = self.options.compile(package, "boilerplate")
        packs = [*builtin_packs(package), *self.options.extra_packs]
        self.texts: CompiledTexts = compile_texts(packs, "boilerplate", self.options.packs, self.options.disable_packs)

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        html = post.html
        text = post.text or ""
        reported = Covered()  # by bisection: an `any` over a list was quadratic in the findings
        for element in find_remnants(html, self.selectors, frozenset(), post.memo, "boilerplate"):
            start, tag_end = html.start_tag(element)
            end = html.span(element)[1]
            if _templated(text, start, end):
                continue  # template code (`{{ '/docs/' | relative_url }}`): written for this site, not copied
            reported.add(start, end)
            label = self.selectors.label(element)
            yield Problem(
                f"outlet boilerplate <{element.tag}> ({label}): not part of the article",
                start,
                end,
                snippet=text[start:tag_end],
            )
        matches = self.texts.matches(text, post.body_start, html, post.is_markdown, post.code_regions)
        boxes = Covered()  # labelled boxes (a label and its links), reported as text matches below
        for match in matches:
            if match.links:
                boxes.add(match.start, match.end)
        for element, host in _related_lists(post):
            start, end = html.span(element)
            if start in reported or start in boxes:
                continue  # a selector's block, or the list of a labelled box reported below
            reported.add(start, end)
            yield Problem(
                f"outlet boilerplate <{element.tag}>: a list whose every item is a link to another story of {host},"
                " the outlet the post came from (a related-stories box without its label): not part of the article",
                start,
                end,
                snippet=text[start : html.start_tag(element)[1]],
            )
        for pattern, what in (
            (_SHARE_URL, "a share bar (every link in it shares the page on a social network or by mail)"),
            (_APP_STORE_URL, "an app-download bar (every link in it leads to an app store)"),
        ):
            for element in _link_bars(post, pattern):
                start, end = html.span(element)
                if start in reported:
                    continue
                reported.add(start, end)
                yield Problem(
                    f"outlet boilerplate <{element.tag}>: {what}: not part of the article",
                    start,
                    end,
                    snippet=text[start : html.start_tag(element)[1]],
                )
        for pattern, what in (
            (_SHARE_URL, "a share bar (every link in it shares the page on a social network or by mail)"),
            (_APP_STORE_URL, "an app-download bar (every link in it leads to an app store)"),
        ):
            for start, end in _markdown_link_bars(post, pattern):
                if start in reported or start in boxes:
                    continue  # a selector's block, or the list of a labelled box ("Share this:") reported below
                reported.add(start, end)
                yield Problem(f"outlet boilerplate paragraph: {what}: not part of the article", start, end)
        author = post.data.get("author")
        authors = [name for name in (author if isinstance(author, list) else [author]) if isinstance(name, str)]
        # A page of a known site that names no source and no outlet it was imported from is the author's own:
        # a "Related:" label over links there is their cross-reference (the 11ty docs' "Related: JavaScript
        # Modules on MDN"). Only that label: a newsletter box, a donation or paywall call is furniture on any
        # page (planted rounds 1-4 lost 10 such plants when every label with links was let through).
        own_page = context.site.generator != "unknown" and not outlet_hosts(post)
        for match in matches:
            if match.start in reported:
                continue  # inside a block that a selector already reported
            if own_page and match.links and not _SHARES.search(text, match.start, match.end):
                continue  # a label over links on the author's own page: a cross-reference (not a share box)
            if _authors_own(match.text, authors):
                continue  # the author keeps their rights: an attribution, not the outlet's furniture
            if own_page and _REPRINT.search(match.text):
                continue  # the author's own terms for reprinting their page (`未经许可，不得转载。`)
            if _credit(match.text, match.element):
                continue  # a photo's credit, not the outlet's notice
            reported.add(match.start, match.end)
            what = f"<{match.element.tag}>" if match.element is not None else "paragraph"
            shown = match.text if len(match.text) <= 60 else match.text[:57] + "..."
            yield Problem(
                f"outlet boilerplate {what} '{shown}' ({match.label}): not part of the article",
                match.start,
                match.end,
                snippet=match.text[:120],
            )


#: A link that shares the page on a platform (`twitter.com/intent/tweet?url=`, `facebook.com/sharer.php?u=`,
#: `linkedin.com/shareArticle`): a label over such links is a share box, furniture on any page.
_SHARES = lazy_regex(r"/intent/(?:tweet|post)|/sharer(?:\.php|/)|/shareArticle|/share\?(?:url|text|u)=", re.I)

#: Rights kept by the author ("版权归作者所有", "著作權歸原作者", "转载请联系作者", "copyright belongs to the author").
_AUTHORS_RIGHTS = lazy_regex(
    r"(?:版权|版權|著作权|著作權)\s*(?:归|歸|属于|屬於|属|屬)\s*(?:原)?(?:作者|著者)|著作権は(?:原)?(?:著者|作者)に"
    r"|(?:联系|聯繫|联络|聯絡)(?:原)?作者"
    r"|(?:copyright|rights?)\b[^.]{0,20}\b(?:belongs? to|remains? with|reserved by) the (?:original )?author",
    re.I,
)


def _templated(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a Liquid, Hugo or Tera tag: an importer copies a page as it was
    rendered, so a block with template code in it was written for this site (Jekyll's 404 page has a
    `<nav>` of `{{ '/news/' | relative_url }}` links)."""
    return text.find("{{", start, end) >= 0 or text.find("{%", start, end) >= 0


def _authors_own(text: str, authors: list[str]) -> bool:
    """Whether a boilerplate text keeps the rights for the post's author rather than an outlet."""
    if _AUTHORS_RIGHTS.search(text):
        return True
    head = text[:80].lower()
    return any(
        len(name.strip()) >= 2 and name.strip().lower() in head and ("©" in head or "copyright" in head)
        for name in authors
    )


#: A notice about reprinting the page (`禁止转载`, `無断転載`, `no reproduction without permission`): on the
#: author's own page (a known site, no source named) it is the author's own term, not an outlet's furniture.
_REPRINT = lazy_regex(r"转载|轉載|転載|reprint|reproduc|republish", re.I)


#: What a copyright notice holds and a photo credit does not: a year, "all rights reserved", 版权所有.
_NOTICE = lazy_regex(r"\b(?:19|20)\d\d\b|rights reserved|版权所有|版權所有|保留|版权声明|版權聲明|著作権|無断", re.I)
_MARK = lazy_regex(r"\s*(?:©|Ⓒ|\(c\)|copyright\b)", re.I)


def _credit(text: str, element: Element | None) -> bool:
    """Whether a copyright-like line is a photo's credit: a short '© name' with no year and no rights
    language (`©Marco Melgrati`, `© Reuters/Tyrone Siu`), or any short one right under an image."""
    if not _MARK.match(text) or len(text) > 60:
        return False
    if not _NOTICE.search(text):
        return True
    previous = element.getprevious() if element is not None else None
    if previous is None or (previous.tail or "").strip():
        return False
    return previous.tag in ("img", "picture", "figure") or (
        previous.find(".//img") is not None and not "".join(str(part) for part in previous.itertext()).strip()
    )


def _outlet_hosts(post: Post) -> tuple[str | None, tuple[str, ...]]:
    """The post's source host, and the outlet names it is filed under (categories, author), folded."""
    names: list[str] = []
    for key in ("categories", "category", "author"):
        value = post.data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and 2 <= len(fold_text(item)) <= 20 and fold_text(item).isascii():
                names.append(fold_text(item))
    return source_host(post), tuple(names)


def _related_lists(post: Post) -> Iterator[tuple[Element, str]]:
    """Lists whose every item is wholly one link to a page of the post's own outlet."""
    html = post.html
    lists = [*html.iter("ul"), *html.iter("ol")]
    if not lists:
        return
    source, names = _outlet_hosts(post)
    if source is None and not names:
        return
    for element in sorted(lists, key=lambda found: html.start_tags.get(found, (0, 0))[0]):
        if element not in html.start_tags or next(element.iterancestors("ul", "ol"), None) is not None:
            continue
        items = [child for child in element if child.tag == "li"]
        if len(items) < 2 or len(items) != len([child for child in element if isinstance(child.tag, str)]):
            continue
        hosts: set[str] = set()
        for item in items:
            anchors = [anchor for anchor in item.iter("a") if (anchor.get("href") or "").strip()]
            item_text = fold_text("".join(str(part) for part in item.itertext()))
            if len(anchors) != 1 or not item_text:
                break
            if fold_text("".join(str(part) for part in anchors[0].itertext())) != item_text:
                break
            href = anchors[0].get("href") or ""
            if item_text == fold_text(href):
                break  # the address written out as its own text: a list of references, not story teasers
            host = url_host(href)
            if host is None or not _STORY_PATH.search(href.split("?", 1)[0]):
                break
            hosts.add(host)
        else:
            if len(hosts) == 1:
                host = next(iter(hosts))
                if _own_outlet(host, source, names):
                    yield element, host


#: The address of a news story: a date in the path (`/20251126/`, `/2025/11/26/`) or a long article number
#: (`world-54278062`). A blog's own post list (`/blog/my-board/`) is the author's writing, not a box.
_STORY_PATH = lazy_regex(r"/(?:19|20)\d\d(?:/?[01]\d)|\d{5,}")


def _own_outlet(host: str, source: str | None, names: tuple[str, ...]) -> bool:
    """Whether ``host`` is the outlet's: the source's host (or a sibling of it), or it carries the name."""
    if source is not None:
        return _site(host) == _site(source)
    labels = host.lower().split(".")
    return any(name in label for name in names for label in labels[:-1] if len(name) >= 2)


def _site(host: str) -> str:
    """The last two labels of a host (`cn.nytimes.com` and `www.nytimes.com` are one site)."""
    return ".".join(host.lower().split(".")[-2:])


#: A link that shares the current page rather than leading to content: a social network's share or intent
#: endpoint, or a `mailto:` with a subject or body and no recipient.
_SHARE_URL = lazy_regex(
    r"(?:facebook\.com/(?:sharer|share\.php|dialog/(?:share|feed))|(?:twitter|x)\.com/(?:intent/|share\b)"
    r"|linkedin\.com/(?:sharearticle|sharing/share-offsite|cws/share)|reddit\.com/submit|pinterest\.\w+/pin/create"
    r"|api\.whatsapp\.com/send|wa\.me/\?text|^whatsapp://send|(?:t|telegram)\.me/share|line\.me/r/msg"
    r"|social-plugins\.line\.me/lineit/share|service\.weibo\.com/share|v\.t\.sina\.com\.cn/share"
    r"|connect\.qq\.com/widget/shareqq|sns\.qzone\.qq\.com/cgi-bin/qzshare|b\.hatena\.ne\.jp/(?:add|entry)"
    r"|blogger\.com/(?:share|email)-post\.g|vk\.com/share\.php|connect\.ok\.ru/offer|share\.naver\.com/web"
    r"|sharer\.kakao\.com|story\.kakao\.com/share|getpocket\.com/(?:edit|save)|tumblr\.com/(?:share|widgets/share)|threads\.net/intent|bsky\.app/intent"
    r"|^mailto:\?|^mailto:\s*\?)",
    re.I,
)
#: A link to an app's page in an app store: the outlet's "get our app" badges (App Store, Google Play, ...).
_APP_STORE_URL = lazy_regex(
    r"^(?:https?:)?//(?:apps\.apple\.com/|itunes\.apple\.com/(?:[\w-]+/)?app/|play\.google\.com/store/apps/"
    r"|appgallery\.(?:cloud\.)?huawei\.com/|galaxystore\.samsung\.com/|apps\.microsoft\.com/"
    r"|(?:www\.)?microsoft\.com/(?:[\w-]+/)?store/apps?/|[\w-]+\.onelink\.me/|app\.adjust\.com/)",
    re.I,
)
_SHARE_HOLDERS = ("div", "p", "ul", "ol", "section", "aside", "nav", "span", "footer", "header")


def _link_bars(post: Post, pattern: re.Pattern[str]) -> list[Element]:
    """The outermost blocks holding two or more links that each match ``pattern`` (share a page, lead to an app
    store), and little else (a label such as "分享：" or "Share this", the badges' images)."""
    html = post.html
    found: list[tuple[int, int, Element]] = []
    anchors = [anchor for anchor in html.iter("a") if pattern.search((anchor.get("href") or "").strip())]
    if len(anchors) < 2:
        return []
    candidates: set[Element] = set()
    for anchor in anchors:
        candidates.update(ancestor for ancestor in anchor.iterancestors(*_SHARE_HOLDERS))
    for element in candidates:
        if element not in html.start_tags or element is html.root:
            continue
        links = [anchor for anchor in element.iter("a") if anchor.get("href") is not None]
        if len(links) < 2 or not all(pattern.search((anchor.get("href") or "").strip()) for anchor in links):
            continue
        linked = sum(len(fold_text(html.text_of(anchor))) for anchor in links)
        if len(fold_text(html.text_of(element))) - linked > 12:
            continue
        start, end = html.span(element)
        found.append((start, end, element))
    found.sort(key=lambda item: (item[0], -item[1]))
    outermost: list[Element] = []
    reach = -1
    for start, end, element in found:
        if start < reach:
            continue
        outermost.append(element)
        reach = end
    return outermost


_BLANK_LINE = lazy_regex(r"\n[ \t]*\r?\n")


def _markdown_link_bars(post: Post, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of Markdown paragraphs made of two or more links that each match ``pattern`` and little
    else (a label, separators): a share bar or app badges written as Markdown links."""
    links = [link for link in post.markdown.links if pattern.search(link.href.strip())]
    if len(links) < 2:
        return []
    text = post.text or ""
    base = post.body_start
    blanks = [match.start() + base for match in _BLANK_LINE.finditer(post.body)]
    by_paragraph: dict[int, list[int]] = {}
    for link in post.markdown.links:
        index = bisect_right(blanks, link.start)
        by_paragraph.setdefault(index, []).append(link.start)
    found: list[tuple[int, int]] = []
    seen: set[int] = set()
    all_links = {link.start: link for link in post.markdown.links}
    for link in links:
        index = bisect_right(blanks, link.start)
        if index in seen:
            continue
        seen.add(index)
        members = [all_links[start] for start in by_paragraph[index]]
        if len(members) < 2 or not all(pattern.search(member.href.strip()) for member in members):
            continue
        start = blanks[index - 1] + 1 if index else base
        end = blanks[index] if index < len(blanks) else len(text)
        while start < end and text[start] in " \t\r\n":
            start += 1
        rest = len(fold_text(text[start:end])) - sum(len(fold_text(text[m.start : m.end])) for m in members)
        if rest <= 12:
            found.append((start, end))
    return found
