"""Small, rule-neutral helpers for looking at HTML and URLs (re-exported by :mod:`postlint.helpers`)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from postlint.core.lazyre import lazy_regex
from postlint.reading.html import Element, HtmlBody

#: Attributes in which lazy-loading scripts keep an image's real URL.
LAZY_SRC_ATTRIBUTES: tuple[str, ...] = (
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-lazy",
    "data-echo",
    "data-url",
    "data-original-src",
    "data-hi-res-src",
    "data-srcset",
    "data-lazy-srcset",
)
#: The lazy-load attributes that hold one URL (a srcset list cannot stand in for `src` as it is).
LAZY_SINGLE_URL_ATTRIBUTES: tuple[str, ...] = tuple(name for name in LAZY_SRC_ATTRIBUTES if "srcset" not in name)

#: Query parameters that only track where a click came from.
TRACKING_PARAMETERS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|spm|from|share_token|ref_src|ref_url"
    r"|cmpid|ocid|s_cid|ito|xtor|isappinstalled)$",
    re.I,
)

_SPACE = lazy_regex(r"\s+")


def element_text(element: Element, html: HtmlBody | None = None) -> str:
    """The element's text content with runs of white space folded to one space. Given the post's ``html``
    (``post.html``), the text comes from the reader's text runs instead of a walk of the element."""
    raw = html.text_of(element) if html is not None else "".join(str(part) for part in element.itertext())
    return _SPACE.sub(" ", raw).strip()


def url_host(url: str) -> str | None:
    """The lower-case host a browser loads ``url`` from, without ``www.`` (IDNA labels in Unicode); ``None``
    for a URL relative to the page's own site or with no host. Read as the WHATWG URL Standard reads it:
    ``https://evil.example\\@trusted.example/`` and ``/\\evil.example/x`` are ``evil.example``."""
    from postlint.knowledge.urls import browser_host, unicode_host

    host = browser_host(url)
    if not host:
        return None
    return unicode_host(host).lower().removeprefix("www.")


def host_matches(host: str, domains: list[str] | tuple[str, ...] | frozenset[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one."""
    from postlint.knowledge.urls import unicode_host

    for domain in domains:
        domain = unicode_host(domain.lower()).removeprefix("www.")
        if host == domain or host.endswith("." + domain):
            return True
    return False


def normalize_url(url: str) -> str:
    """A comparison key for URLs: scheme-less, lower-case host without ``www.`` or default port, decoded path
    without trailing slash, no fragment, no tracking parameters, sorted query."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port is not None and (parts.scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~").rstrip("/")
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMETERS.match(k))
    )
    return urlunsplit(("", host, path, query, ""))


_NOT_WORD = lazy_regex(r"[\W_]+")


def fold_text(text: str) -> str:
    """Text folded for comparison: NFKC (full-width to ASCII), case-folded, punctuation and spaces removed."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


#: File names lazy-loading plugins put in `src` until their script swaps in the real image: made only of
#: such words, sizes and numbers (`spacer.gif`, `grey-placeholder.png`, `blank_1x1.gif`, `lazy-load-img.svg`).
#: A name that says what the picture shows as well is a picture (`pixel-cnn.png`, `clear-sky.jpg`).
_PLACEHOLDER_WORD = (
    r"(?:spacer|blank|pixel|placeholder|loading|loader|lazy|lazyload|load|grey|gray|transparent|empty|clear"
    r"|trans|image|img|px|bg|\d+(?:x\d+)?)"
)
_PLACEHOLDER_FILE = lazy_regex(
    r"(?:^|/)(?:spacer|blank|pixel|placeholder|loading|loader|lazy|lazyload|grey|gray|transparent|empty|clear)"
    r"(?:[_.-]" + _PLACEHOLDER_WORD + r")*\.(?:gif|png|svg|jpe?g|webp)(?:[?#].*)?$",
    re.I,
)


#: The picture an image host serves in place of one that was taken down (`i.imgur.com/removed.png`,
#: `image-not-found.png`, `404.gif`): the image is gone.
_GONE_FILE = lazy_regex(
    r"(?:^|/)(?:removed|image[-_]?(?:not[-_]?(?:found|available)|unavailable|removed|deleted)|not[-_]?(?:found|available)"
    r"|404)\.(?:gif|png|svg|jpe?g|webp)(?:[?#].*)?$",
    re.I,
)

_SVG_DRAWING = lazy_regex(r"<(?:rect|path|circle|ellipse|line|polyline|polygon|text|image|use)\b", re.I)


#: Addresses that exist only inside the program where the page was written or saved: a browser's object URL
#: (`blob:`), a mail's attached part (`cid:`, `mid:`), an extension's page (`chrome-extension://…`), the link
#: Apple Mail's data detectors put on dates and places (`x-apple-data-detectors://3`), a browser's sandbox
#: (`filesystem:`), an Android content provider (`content://`, `android.resource://`), WebKit's pasted-image
#: stand-in, a mini-program's or app's own files (WeChat's `wxfile://`, `ms-appx:`, iOS `assets-library://`,
#: `ph://`), a note-taking app's item (`evernote:`, `onenote:`, `obsidian:`, `bear:`); and the `//:0` a script
#: puts in `src` to load nothing.
_LOCAL_ONLY = lazy_regex(
    r"\s*(?:(blob|cid|mid|chrome-extension|moz-extension|safari-web-extension|ms-browser-extension|extension"
    r"|x-apple-data-detectors|webkit-fake-url|filesystem|content|wxfile|ttfile|ms-appx|ms-appx-web|ms-appdata"
    r"|android\.resource|assets-library|ph|evernote|onenote|ms-onenote|obsidian|bear|x-devonthink-item):"
    r"|(//:\d*)(?:[/?#]|$))",
    re.I,
)


#: A template's placeholder that no generator fills in: braces percent-encoded (`%7B%7Bimage.id%7D%7D`: the
#: template engine never saw them as braces), ERB and EJS (`<%= url %>`), a JavaScript literal's `${…}`, a
#: mail-merge or WordPress field (`%ARTICLE_URL%`, `%postname%`: a name whose first two characters are no hex
#: pair and whose closing `%` opens none, so percent-encoded text such as `%20IBM%20` or `%E4%B8%AD` is not one),
#: a script's variable standing for the whole address (`$url`, Ruby's `#{post.url}`).
_UNFILLED = lazy_regex(
    r"%7[Bb]%7[Bb]|%7[Bb]%25|%24%7[Bb]|%3[Cc]%25|<%[^%]{0,200}%>|\$\{[^}]{0,200}\}"
    r"|%(?![0-9A-Fa-f]{2})[A-Za-z_][A-Za-z0-9_]{2,30}%(?![0-9A-Fa-f]{2})"
    r"|^\s*\$[A-Za-z_]\w{0,30}\s*$|^\s*#\{[\w.]{1,40}\}\s*$"
)


def unfilled_placeholder(url: str | None) -> str | None:
    """The placeholder of a template that no generator fills in, when ``url`` holds one; else ``None``."""
    if not url:
        return None
    match = _UNFILLED.search(url)
    return match.group(0).strip() if match else None


def local_only_url(url: str | None) -> str | None:
    """Where ``url`` exists (``"blob:"``, ``"cid:"``, ``"//:0"``, ...) when it exists only inside the program
    that wrote or saved the page, so that no reader of the post can reach it; ``None`` for any other URL."""
    if not url:
        return None
    match = _LOCAL_ONLY.match(url)
    if match is None:
        return None
    return (match.group(1).lower() + ":") if match.group(1) else match.group(2)


#: A file on the disk of whoever wrote or imported the post: `file:///C:/Users/…`, `C:\\Users\\…`, `D:/photos/…`.
_LOCAL_FILE = lazy_regex(r"\s*(?:file:|[A-Za-z]:[\\/])", re.I)


def local_file_url(url: str | None) -> bool:
    """Whether ``url`` names a file on the computer where the post was written or imported, which no reader's
    browser can open."""
    return bool(url) and _LOCAL_FILE.match(url or "") is not None


def usable_src(src: str | None) -> bool:
    """Whether an `src` shows an image to a reader without JavaScript."""
    if src is None:
        return False
    value = src.strip()
    if not value or value.lower() in ("about:blank", "#", "null", "undefined", "none"):
        return False
    if value.lower().startswith("data:"):
        # A few hundred bytes of data URI is a 1x1 GIF or an empty SVG, i.e. a placeholder; an SVG that draws
        # something (a shape, a path, text) is a small picture of its own, however short.
        if value.lower().startswith("data:image/svg+xml") and _SVG_DRAWING.search(unquote(value)):
            return True
        size = data_image_size(value)
        if size is not None:
            # The image says how big it is: a 1x1 or 2x2 pixel is a placeholder, a 16x16 icon is a picture.
            return size[0] * size[1] > 4
        return len(value) > 400
    if _SCRIPT_VALUE_SEGMENT.search(value) or _EMPTY_PROXY_TARGET.search(value) or local_only_url(value):
        return False
    if local_file_url(value) or unfilled_placeholder(value):
        return False
    return not _PLACEHOLDER_FILE.search(value) and not _GONE_FILE.search(value)


_BASE64_IMAGE = lazy_regex(r"^data:image/(?:png|gif|webp)\s*;\s*base64\s*,\s*([A-Za-z0-9+/\s]{16,})", re.I)


def data_image_size(src: str) -> tuple[int, int] | None:
    """The width and height a base64 PNG, GIF or WebP data URI's header gives, or ``None`` when it gives
    none (another format, or a header that is not one)."""
    import base64
    import binascii

    match = _BASE64_IMAGE.match(src)
    if match is None:
        return None
    head = "".join(match.group(1)[:64].split())
    try:
        data = base64.b64decode(head[: len(head) // 4 * 4])
    except (binascii.Error, ValueError):
        return None
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        kind = data[12:16]
        if kind == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
        if kind == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
            return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(data[28:30], "little") & 0x3FFF
        if kind == b"VP8L" and data[20:21] == b"\x2f":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


#: The file name is what a script prints for a missing value (`…/photos/undefined`, `…/null?w=600`): the
#: template that made the address had no image to put there.
_SCRIPT_VALUE_SEGMENT = re.compile(
    r"/(?:undefined|null|\[object(?: |%20)Object\]|%5Bobject%20Object%5D|(?-i:NaN|None))/?(?:[?#].*)?$", re.I
)
#: An image proxy or resizer whose target is empty (`images.weserv.nl/?url=`, `/_next/image?url=&w=640`):
#: it has nothing to fetch. (A path that names a file of its own is an image with an unused parameter.)
_EMPTY_PROXY_TARGET = re.compile(
    r"^(?:[a-z]+:)?(?://[^/?#]*)?(?:/[^?#.]*)?\?(?:[^#]*&)?(?:url|src|image|img|imageurl|image_url|u)=(?:&|#|$)",
    re.I,
)


def without_comments(text: str) -> str:
    """``text`` with each ``<!-- ... -->`` on one line removed: what ``re.sub(r"<!--.*?-->", "", text)`` gives,
    in one pass. (The pattern read on to the line's end from every ``<!--`` that has no ``-->`` after it on
    its line: a line of 100,000 ``<!--`` took minutes.)"""
    if "<!--" not in text:
        return text
    out: list[str] = []
    done = position = 0
    while True:
        opening = text.find("<!--", position)
        if opening < 0:
            break
        closing = text.find("-->", opening + 4)
        line_end = text.find("\n", opening + 4)
        if closing < 0 or (0 <= line_end < closing):
            if line_end < 0:
                break  # no "-->" after any later "<!--" of this last line either
            position = line_end + 1  # nor after any later "<!--" of this line: the next one is on another line
            continue
        out.append(text[done:opening])
        done = position = closing + 3
    out.append(text[done:])
    return "".join(out)
