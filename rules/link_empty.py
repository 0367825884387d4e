"""PL804 link-empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from postlint.api import Context, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import (
    in_code,
    lazy_regex,
    local_file_url,
    local_only_url,
    outlet_hosts,
    unfilled_placeholder,
    url_host,
)


class Options(RuleOptions):
    #: Accept `#` alone as a link target (a "back to top" link) instead of reporting it.
    allow_hash: bool = False


class LinkEmpty(Rule[Options]):
    """A link goes nowhere: `[text]()`, `<a href="">`, `#`, or an importer's `…/undefined`, `http://https://…`.

    ## What it does
    Reports Markdown links with an empty target (`[text]()`, `[text](<>)`, `[text]( )`, or a reference
    whose definition is empty) and `<a>` elements whose `href` is present but empty or white space. A target
    of `#` alone is reported too (as markdownlint's MD042 does) unless `allow-hash` is set.

    It also reports targets that are visibly broken without asking any server, the marks a scraper or a
    template leaves where the real URL was lost:
    - a path whose last segment is a script's missing value: `…/undefined`, `…/null`, `…/[object Object]`
      (also percent-encoded), `NaN` and Python's `None` (in that exact spelling), the page's own URL with a
      JavaScript `undefined` glued on, or a missing value glued to a story number (`…/world-123undefined`);
    - a doubled scheme, `http://https://example.com/…` or `http://https//…`: browsers read `https` as the host
      name; a scheme with no host at all, `https:///news/x.html` or `http://` alone; `about:blank`, `#!`, a
      target of encoded spaces (`%20`), an unfilled script template (`${article.link}`);
    - a mistyped scheme, `ttps://…`, `htps://…`, `htttp://…`, `http//…`, `https;//…`: an unknown scheme
      (nothing opens) or, without its colon, a relative path on the post's own site;
    - in an HTML post imported from an outlet (its source URL's host, or an outlet its category or author
      names), a path from the root of the outlet's site (`<a href="/investing/markets/...">`,
      `/zhongwen/simp/...`): the importer copied the outlet's relative link, which on this site leads
      nowhere. Links in a copied site menu (`<nav>`) are left to outlet-boilerplate (PL502); and there, an
      address on the outlet's data API (a host named `api.` on the outlet's site,
      `https://api.dw.com/api/detail/article/54941804`): the feed gave the importer the API's address of
      the related story, which answers with data or an error, not the page;
    - the same address pasted twice, or prefixed with its own site (`https://a.com/x.htmlhttps://a.com/x.html`);
      an address inside another site's path (an archive's, a proxy's) is left alone;
    - a `mailto:` or `tel:` with no address, a script's missing value (`tel:undefined`) or a web address where
      the e-mail address belongs; a `file:` link or a Windows path (the importer's own disk); an address
      that exists only inside the program where the post was written or saved (a browser's `blob:` URL, a
      mail's `cid:` part, an extension's page, Apple Mail's `x-apple-data-detectors:` links);
    - an address on the writer's own computer, `http://localhost:4000/2017/07/01/post/` or
      `http://127.0.0.1:1313/…` (the generator's preview server), behind words other than the address itself:
      the link was copied from the preview. A link that shows its own address (`<http://localhost:4000>`, "open
      localhost:4000 in your browser") is an instruction to the reader and is left alone;
    - a placeholder of a template language that Jekyll and Hugo do not fill (`<%= url %>`, `{id}`, `[[url]]`);
    - a template's output tag no one fills in: on a Jekyll site `{{ article.url }}`, whose variable neither
      Jekyll (`site`, `page`...) nor the post's own `assign`/`capture`/`for` defines (Liquid writes it as
      nothing); on a Hugo site any `{{ … }}` (Hugo runs no templates in content);
    - a Markdown link whose target holds `[object Object]`: the space in it breaks the link, and the page
      shows it as text (reported at its `[`);
    - a template's placeholder left unfilled, a target that is only the word "link" in Chinese or Japanese
      (`[title](原文链接)`, `網址`, `リンク`): a relative link to a page that cannot exist;
    - an address on a service that has closed for good and left nothing at its addresses (Lanyrd, 2018;
      Google+, 2019; RubyForge, 2014; Posterous, 2013; Storify, 2018; FriendFeed, 2015; Orkut, 2014; Picasa
      Web Albums, 2016; GeoCities, 2009): no server needs asking. Services whose pages live on in a
      read-only archive at the same address (Google Code, Gitorious) are not in the list.

    Images are left to `image-missing-src` (PL301) and `image-url-malformed` (PL303), and an `<a>` with no
    `href` at all (`<a name="x">`, an anchor) is not a link and is not reported.

    ## Why is this bad?
    An empty `href` links to the page itself, so clicking reloads the post; `#` jumps to its top; the broken
    targets above lead to a 404 or to no host at all. Either way the reader does not get what the link text
    promises: the target was lost on import or never filled in.

    ## Options
    - `allow-hash` (bool, default false): accept `#` as a target (for "back to top" links).
    """

    code = "PL804"
    name = "link-empty"
    honours_proofer_ignore = True
    severity = Severity.WARNING
    Options = Options

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        defined: frozenset[str] | None = None
        for link in post.markdown.links:
            what = self._empty(link.href)
            if not what and "{{" in link.href:
                defined = _defined_names(post) if defined is None else defined
                what = _unfilled_template(link.href, post.site.generator, defined)
            if not what:
                what = _local_address(link.href, link.text) or _closed_service(link.href)
            if what and link.href != link.text:  # an autolink `<#>` shows its own target: leave it
                yield Problem(f"Markdown link has {what}", link.start, link.end)
        if post.is_markdown and "[object Object]" in post.body:
            for broken in _BROKEN_OBJECT_LINK.finditer(post.body):
                if not in_code(post, broken.start()):
                    start = post.body_start + broken.start()
                    yield Problem(
                        "Markdown link whose target holds '[object Object]' (what a script prints for a value it"
                        " could not write): the space in it breaks the link, so the page shows the brackets and"
                        " the address as text",
                        start,
                        post.body_start + broken.end(),
                    )
        html = post.html
        outlet: tuple[str, ...] | None = None
        for anchor in html.iter("a"):
            attribute = html.attribute(anchor, "href")
            if attribute is None:
                continue
            target = attribute.value or ""
            what = self._empty(target)
            if not what and "{{" in target:
                defined = _defined_names(post) if defined is None else defined
                what = _unfilled_template(target, post.site.generator, defined)
            if not what:
                what = _local_address(target, html.text_of(anchor) if _LOCAL_HOST.match(target.strip()) else "")
            if not what:
                what = _closed_service(target)
            if what:
                yield Problem(f"link has {what}", attribute.start, attribute.end)
                continue
            if post.is_markdown:
                continue
            stripped = target.strip()
            root_path = _ROOT_PATH.match(stripped) is not None
            if not root_path and not _API_URL.match(stripped):
                continue
            if outlet is None:
                outlet = outlet_hosts(post)
            if not outlet or next(anchor.iterancestors("nav"), None) is not None:
                continue
            if root_path:
                host = outlet[0]
                yield Problem(
                    f"link has '{stripped[:60]}', a path on {host}, the site this article was imported from:"
                    f" on this site it leads nowhere (link https://{host}{stripped[:40]})",
                    attribute.start,
                    attribute.end,
                )
                continue
            api = url_host(stripped) or ""
            if any(_site(api) == _site(host) for host in outlet):
                yield Problem(
                    f"link has '{stripped[:60]}', an address on {api}, the data API of the outlet this article"
                    " was imported from (what its feed gave the importer), not a page: readers get data or an"
                    " error instead of the story",
                    attribute.start,
                    attribute.end,
                )

    def _empty(self, target: str) -> str | None:
        """What is wrong with ``target``, or ``None`` when it goes somewhere."""
        stripped = target.strip()
        if not stripped or not unquote(stripped).strip():
            return "an empty target: it goes nowhere (clicking reloads the page)"
        if stripped in ("#", "#!") and not self.options.allow_hash:
            return f"'{stripped}' as its target: it only jumps to the top of the page"
        if stripped.lower() == "about:blank":
            return "'about:blank' as its target: it opens an empty page"
        if _JS_TEMPLATE.search(stripped):
            return f"a script's template '{stripped[:40]}' as its target, never filled in: it leads to no page"

        placeholder = _TEMPLATE_TAG.search(stripped)
        if placeholder:
            return (
                f"a template's placeholder '{placeholder.group(0)[:40]}' in its target, never filled in:"
                " it leads to no page"
            )
        unfilled = unfilled_placeholder(stripped)
        if unfilled:
            return f"a template's placeholder '{unfilled[:40]}' in its target, never filled in: it leads to no page"
        if "{{" in stripped or "{%" in stripped:
            return None  # a template fills it in
        contact = _contact_problem(stripped)
        if contact:
            return contact
        where = local_only_url(stripped)
        if where:
            return (
                f"'{stripped[:40]}', an address that exists only inside the program where the post was written or"
                f" saved ({where}), as its target: readers cannot open it"
            )
        if local_file_url(stripped):
            return (
                f"'{stripped[:40]}', a file on the computer of whoever wrote or imported the post, as its target:"
                " readers cannot open it"
            )
        if _NO_HOST.match(stripped) or _SCHEME_ONLY.fullmatch(stripped):
            scheme = stripped.split(":", 1)[0]
            return f"no host after '{scheme}://': the address was cut before its host, so it leads nowhere"
        doubled = _DOUBLED_SCHEME.match(stripped)
        if doubled:
            scheme, host = doubled.group(0), doubled.group(1)
            return f"a doubled scheme '{scheme}': browsers read '{host}' as the host, so it leads nowhere"
        typo = _mistyped_scheme(stripped)
        if typo:
            return f"a mistyped scheme '{typo}' (not 'http://' or 'https://'): it leads nowhere"
        path = unquote(stripped.split("#", 1)[0].split("?", 1)[0])
        glued = _glued_url(path)
        if glued:
            return (
                f"a second address of {glued} glued into the path of the first: the URL was pasted twice or"
                " prefixed with its own site, so it leads to no page"
            )
        missing = _SCRIPT_VALUE.search(path) or _GLUED_VALUE.search(path)
        if missing and not _ABOUT_JAVASCRIPT.search(path):
            return (
                f"a target ending in '{missing.group(1)}', a script's missing value where the URL was lost on"
                " import: it leads to no page"
            )
        if _PLACEHOLDER.fullmatch(stripped):
            return f"the placeholder '{stripped}' as its target, not a URL: the template was never filled in"
        return None


#: A placeholder of a template language that Jekyll and Hugo do not fill in: ERB and EJS (`<%= url %>`),
#: a format string's field (`{id}`, `{url}`: single braces; Liquid's `{{ }}` is filled in), `[[url]]`.
_TEMPLATE_TAG = lazy_regex(r"<%.*?%>|(?<!\{)\{[A-Za-z_][\w.]{0,30}\}(?!\})|\[\[[\w.]{1,30}\]\]")
#: A link to the author's own disk: `file:///C:/Users/...`, `C:\Users\...`.
#: An address of the `mailto:`, `tel:` and `sms:` kinds, with what follows the scheme.
_CONTACT = lazy_regex(r"(mailto|tel|sms|callto):(.*)", re.I | re.S)
#: Where a URL inside another's path starts: `https://` or `http:/` (a path's slashes may be merged).
_EMBEDDED = lazy_regex(r"https?:/+([^/?#\s]+)", re.I)


def _contact_problem(target: str) -> str | None:
    """What is wrong with a `mailto:` or `tel:` target (no address, a script's missing value, a web address
    where the e-mail address should be), or ``None``."""
    match = _CONTACT.match(target)
    if match is None:
        return None
    scheme, rest = match.group(1).lower(), unquote(match.group(2)).strip()
    address = rest.split("?", 1)[0].strip()
    if scheme == "mailto" and rest.startswith("?"):
        return None  # `mailto:?subject=…`: a share-by-mail link, the reader picks the recipient
    if not address:
        return f"'{scheme}:' with no address after it: it opens nothing to write to or call"
    if _SCRIPT_VALUE.fullmatch(address) or _SCRIPT_VALUE.fullmatch("/" + address):
        return f"'{scheme}:{address[:20]}', a script's missing value where the address was lost: it leads nowhere"
    if scheme == "mailto" and ("@" not in address or re.match(r"(?:https?:|www\.)", address, re.I)):
        return f"'mailto:{address[:40]}', which is not an e-mail address: the mail it opens has nowhere to go"
    if scheme in ("tel", "sms", "callto") and not re.search(r"\d", address):
        return f"'{scheme}:{address[:20]}', which holds no number: there is nothing to call"
    return None


#: An address on the writer's own computer: `localhost`, `127.x.x.x`, `0.0.0.0`, `[::1]`, `*.localhost`.
_LOCAL_HOST = lazy_regex(
    r"https?://(?:[\w-]+\.)*localhost(?![\w.-])|https?://(?:127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?![\w.-])", re.I
)


def _local_address(target: str, text: str) -> str | None:
    """What is wrong with a link to the writer's own computer (a preview server) whose text is not the address
    itself, or ``None``."""
    stripped = target.strip()
    host = _LOCAL_HOST.match(stripped)
    if host is None:
        return None

    def bare(value: str) -> str:
        return re.sub(r"^https?://", "", value.strip(), flags=re.I).rstrip("/").lower()

    shown = bare(text)
    if shown and (shown == bare(stripped) or bare(stripped).startswith(shown) or shown.startswith(bare(host.group(0)))):
        return None  # the link shows its address: "open localhost:4000" is an instruction to the reader
    return (
        f"'{stripped[:60]}', an address on the computer of whoever wrote the post (a preview server), as its"
        " target: readers cannot open it"
    )


#: Services closed for good, with nothing left at their addresses, and the year each closed.
_CLOSED_SERVICES = {
    "lanyrd.com": ("Lanyrd", 2018),
    "plus.google.com": ("Google+", 2019),
    "rubyforge.org": ("RubyForge", 2014),
    "posterous.com": ("Posterous", 2013),
    "storify.com": ("Storify", 2018),
    "friendfeed.com": ("FriendFeed", 2015),
    "orkut.com": ("Orkut", 2014),
    "picasaweb.google.com": ("Picasa Web Albums", 2016),
    "geocities.com": ("GeoCities", 2009),
}


#: One search for any of their names, so that most links are never parsed for their host.
_CLOSED_NAMES = lazy_regex("|".join(re.escape(host) for host in _CLOSED_SERVICES), re.I)


def _closed_service(target: str) -> str | None:
    """What is wrong with a link to a service that has closed (``lanyrd.com``, ``plus.google.com``), or ``None``."""
    if _CLOSED_NAMES.search(target) is None:
        return None
    if "://" not in target[:12] and not target.startswith("//"):
        return None
    host = url_host(target.strip())
    while host:
        closed = _CLOSED_SERVICES.get(host)
        if closed is not None:
            name, year = closed
            return f"'{target.strip()[:80]}', an address on {name}, which closed in {year}: the link leads nowhere"
        host = host.partition(".")[2] if host.count(".") > 1 else ""
    return None


def _glued_url(path: str) -> str | None:
    """The host of a URL glued into the path of another URL of the same site (`https://a.com/x.htmlhttps://a.com/
    x.html`, `https://a.com/news/https://a.com/news/1.html`), or ``None``. An address inside another site's
    path is an archive's or a proxy's (`web.archive.org/web/2020/https://…`) and is left alone."""
    head = re.match(r"https?://([^/?#\s]+)", path, re.I)
    if head is None:
        return None
    host = head.group(1).lower().removeprefix("www.")
    for inner in _EMBEDDED.finditer(path, head.end()):
        if inner.group(1).lower().removeprefix("www.") == host:
            return host
    return None


#: `[slides](https://example.com/talks/[object Object])`: no link in Markdown (a target holds no space).
_BROKEN_OBJECT_LINK = lazy_regex(r"(?<!!)\[[^\[\]\n]{1,200}\]\([^()\s]*\[object Object\][^()\s]*\)")
#: A Liquid (or Hugo template) output tag and the variable it starts with: `{{ article.url }}`.
_OUTPUT = lazy_regex(r"\{\{-?\s*[.$]?([A-Za-z_][\w-]*)[^{}]*\}\}")
#: What Jekyll's Liquid knows in a post without the post defining it.
_JEKYLL_GLOBALS = frozenset("site page jekyll paginator content layout include post forloop tablerowloop".split())
#: The names a post's own Liquid tags define: `{% assign x = %}`, `{% capture x %}`, `{% for x in %}`.
_LIQUID_DEFINES = lazy_regex(
    r"\{%-?\s*(?:assign|capture|increment|decrement)\s+([A-Za-z_][\w-]*)|\{%-?\s*(?:for|tablerow)\s+([A-Za-z_][\w-]*)\s+in\b"
)


def _defined_names(post: Post) -> frozenset[str]:
    """The variables the post's own Liquid tags define (every name, `*`, when a `{% raw %}` block may hold the
    output tag as text)."""
    if re.search(r"\{%-?\s*raw\b", post.body):
        return frozenset("*")
    return frozenset(match.group(1) or match.group(2) for match in _LIQUID_DEFINES.finditer(post.body))


def _unfilled_template(target: str, generator: str, defined: frozenset[str]) -> str | None:
    """What is wrong with a target that holds a template's output tag no one fills in: on a Jekyll site, one
    whose variable is neither Jekyll's (`site`, `page`...) nor defined by the post (Liquid writes an unknown
    variable as nothing); on a Hugo site, any (Hugo runs no templates in content: the braces are the target)."""
    output = _OUTPUT.search(target)
    if output is None:
        return None
    tag = output.group(0)[:40]
    if generator == "hugo":
        return f"'{tag}' in its target: Hugo runs no templates in a post's content, so it leads to no page"
    if generator == "jekyll":
        name = output.group(1)
        if name not in _JEKYLL_GLOBALS and name not in defined and "*" not in defined:
            return (
                f"'{tag}' in its target, a Liquid variable '{name}' that neither Jekyll nor the post defines:"
                " Liquid writes it as nothing, so the link goes nowhere"
            )
    return None


#: An address on a host named `api.` (`https://api.dw.com/api/detail/article/54941804`): an outlet's data API.
_API_URL = lazy_regex(r"(?:https?:)?//api\.", re.I)


def _site(host: str) -> str:
    """The last two labels of a host (`api.dw.com` and `www.dw.com` are one site)."""
    return ".".join(host.lower().split(".")[-2:])


#: A path from the root of a site, not a protocol-relative `//host/…`.
_ROOT_PATH = lazy_regex(r"/(?!/)\S")
#: `http://https://x`, `https://http://x`, `http://http://https://x`: a scheme glued before a full URL.
#: `http://https//x` (the second colon lost too) is the same mistake.
_DOUBLED_SCHEME = lazy_regex(r"(?:https?:)?//(https?)(?::/*|//)(?:https?:/*)*", re.I)
#: `http://` or `https:` alone: a scheme whose address never came.
_SCHEME_ONLY = lazy_regex(r"https?:/{0,2}", re.I)
#: `${article.link}`: a JavaScript template literal's placeholder that was never filled in.
_JS_TEMPLATE = lazy_regex(r"^\$\{[^}]*\}")
#: `…/world-53999999undefined`: a script's missing value glued to the end of a story's number.
_GLUED_VALUE = lazy_regex(r"(?<=\d)(undefined|null)/?$")
#: `https:///news/x.html`: a scheme with an empty host (the host was lost), which browsers cannot open.
_NO_HOST = lazy_regex(r"https?:///", re.I)
#: The last path segment is what JavaScript prints for a missing value.
#: Python's `None` and JavaScript's `NaN` are the same mark in the exact spelling those languages print.
_SCRIPT_VALUE = lazy_regex(r"(?:^|/)(undefined|null|\[object Object\]|(?-i:NaN|None))/?$")
#: Pages about those values themselves (MDN's `Global_Objects/undefined`, `Operators/null`) are real pages.
_ABOUT_JAVASCRIPT = lazy_regex(r"javascript|ecmascript|/js/|global_objects|/operators/|/reference/", re.I)
#: A target that is only the word for "link" or "address" in Chinese or Japanese, with no path or dot: the
#: label of a template (`原文链接`) where the URL should go.
_PLACEHOLDER = lazy_regex(r"[^\x00-\x7f/.#?]*(?:链接|鏈接|连结|連結|网址|網址|地址|リンク|アドレス)[^\x00-\x7f/.#?]*")

#: What stands where `http://` should: letters, maybe a colon (or a look-alike), slashes, then a host.
_SCHEME_LIKE = lazy_regex(r"([A-Za-z]{2,6})([:;：]?)(//)(?=[\w-]+\.[\w.-]+)")


def _near(word: str, target: str) -> bool:
    """Whether ``word`` is one letter added, dropped or changed from ``target``."""
    if abs(len(word) - len(target)) > 1 or word == target:
        return False
    if len(word) == len(target):
        return sum(a != b for a, b in zip(word, target, strict=True)) == 1
    short, long = (word, target) if len(word) < len(target) else (target, word)
    return any(long[:index] + long[index + 1 :] == short for index in range(len(long)))


def _mistyped_scheme(target: str) -> str | None:
    """The mistyped scheme ``target`` starts with (`ttps://`, `http//`), or ``None``."""
    match = _SCHEME_LIKE.match(target)
    if match is None:
        return None
    scheme, colon = match.group(1).lower(), match.group(2)
    if scheme in ("http", "https"):
        return match.group(0) if colon != ":" else None
    if colon == ":" and (_near(scheme, "http") or _near(scheme, "https")) and scheme not in _REAL_SCHEMES:
        return match.group(0)
    return None


#: Schemes one letter away from http(s) that are real.
_REAL_SCHEMES = frozenset(("ftp", "ftps", "sftp", "hxxp", "hxxps", "httpx"))
