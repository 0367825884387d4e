"""Where the site generator's template syntax in a post body hides text from the page, read with the
generator's own grammar: Liquid blocks (Jekyll, Eleventy) and Hugo shortcodes.

The reader masks these regions (nothing in them is HTML). Masking more than the generator hides would hide live
script from the PL7 rules, so every rule here errs the other way: where postlint cannot be sure, a region ends
earlier than the generator's, which at worst reports markup that the build escapes or drops.

Liquid (Liquid 5.4 as Jekyll 4.3 runs it; Liquid 4 and liquidjs split the text the same way):

* The text is cut into tokens by one pattern tried left to right: ``{%`` up to the first ``%}``, or ``{{`` up to
  the first ``}`` (and one more ``}`` if it follows). A ``{% comment %}`` inside a ``{{ "..." }}`` or inside
  another tag's token is no tag (``{% assign a = "{% comment %}" %}`` opens nothing).
* A tag token's name is the first word after ``{%``, ``-`` and white space: ``{% endcomment because %}`` and
  ``{%- endcomment. -%}`` both end a ``comment`` (Liquid ignores what follows an end tag's name).
* ``{% raw %}`` passes its content through as text up to the first token whose *last* ``{%`` is followed by
  ``endraw`` (no ``-``): a ``{% comment %}`` in it opens nothing.
* Blocks nest in Liquid (a ``comment`` holding an ``if`` needs its ``endif``); a region here ends at the first
  end tag of its name, which is never later than Liquid's end.

Hugo (pageparser's shortcode lexer):

* ``{{<`` / ``{{%`` opens a shortcode tag that ends at ``>}}`` / ``%}}``; ``{{</* ... */>}}`` is a commented-out
  shortcode that Hugo prints as text without its ``/*`` ``*/``, so only the delimiters are masked and what is
  between them stays HTML.
* A closing tag allows white space around its ``/`` (``{{< / highlight >}}``), and either delimiter.
* ``{{< highlight go />}}`` closes itself and holds nothing.
* A quoted argument that holds ``<`` is not masked: templates may print arguments as HTML (``figure``'s
  ``caption``), so what it holds is read as markup. Of Hugo's own ``figure`` only ``caption`` and ``attr`` are
  (``title``, ``alt``... are escaped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.core.lazyre import lazy_regex

_LIQUID_START = lazy_regex(r"\{[{%]")
# The name of a tag token, as Liquid's FullToken reads it: `{%`, an optional `-`, white space, a word or `#`.
# Ruby's `\w` and `\s` are ASCII: `{% endcommenté %}` is an `endcomment` tag to Liquid (re.ASCII).
_LIQUID_NAME = lazy_regex(r"\{%-?\s*(#|\w+)", re.ASCII)
# Inside {% raw %}: a token ends the raw text when its last `{%` + white space + word spells `endraw`.
_RAW_NAME = lazy_regex(r"\{%\s*(\w+)", re.ASCII)


def _liquid_scan(text: str) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, is_output)`` of each Liquid token of ``text`` in order, tokenized as Liquid does: an
    output ``{{ ... }}`` up to its first ``}`` (and one more ``}`` if it follows), a tag ``{% ... %}`` up to
    its ``%}``. An unterminated one ends the scan (Liquid refuses the page). Linear: each token is found by one
    forward search from the end of the previous one."""
    position = 0
    length = len(text)
    while position < length:
        found = _LIQUID_START.search(text, position)
        if found is None:
            return
        start = found.start()
        if text[start + 1] == "{":
            close = text.find("}", start + 2)
            if close < 0:
                return
            position = close + 2 if text.startswith("}", close + 1) else close + 1
            yield start, position, True
            continue
        close = text.find("%}", start + 2)
        if close < 0:
            return
        position = close + 2
        yield start, position, False


def _ends_raw(token: str) -> bool:
    """Whether a tag read inside `{% raw %}` ends it: its last tag name is `endraw`."""
    names = _RAW_NAME.findall(token)
    return bool(names) and names[-1] == "endraw"


def liquid_blocks(text: str, tags: tuple[str, ...]) -> list[tuple[int, int]]:
    """``(start, end)`` of each Liquid block named in ``tags`` (``comment``, ``highlight``...), from its start
    tag to the end of its end tag, tokenized as Liquid does. A block that is never closed masks nothing (Liquid
    refuses the page). Linear."""
    if not tags or "{%" not in text:
        return []
    wanted = frozenset(tags)
    regions: list[tuple[int, int]] = []
    open_name = ""  # the block being masked, or ""
    open_start = 0
    in_raw = False
    for start, position, output in _liquid_scan(text):
        if output:
            continue
        token = text[start:position]
        if in_raw:
            in_raw = not _ends_raw(token)
            continue
        named = _LIQUID_NAME.match(token)
        name = named.group(1) if named else ""
        if open_name:
            if name == "end" + open_name:
                regions.append((open_start, position))
                open_name = ""
        elif name in wanted and not (name == "set" and "=" in token):  # `{% set x = 1 %}` is no block
            open_name, open_start = name, start
        elif name == "raw":
            in_raw = True
    return regions


#: What a quote or angle bracket inside a template tag becomes for the HTML reader: a character of the same
#: length that is not markup (a fullwidth form), so offsets stay those of the file.
_NEUTRAL = str.maketrans({'"': "\uff02", "'": "\uff07", "<": "\uff1c", ">": "\uff1e"})
_MARKUP_CHARACTERS = frozenset("\"'<>")
#: White space inside a template tag that is an unquoted attribute value: a no-break space, which HTML does not
#: read as the end of the value.
_UNSPACED = str.maketrans({" ": "\u00a0", "\t": "\u00a0"})
_SPACE_IN_TOKEN = lazy_regex(r"[ \t]")


def liquid_tokens(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each Liquid tag (``{% ... %}``) and output (``{{ ... }}``) as Liquid tokenizes the
    text (the same split as :func:`liquid_blocks`); what ``{% raw %}`` holds is text, not tokens. Linear."""
    tokens: list[tuple[int, int]] = []
    in_raw = False
    for start, position, output in _liquid_scan(text):
        if output:
            if not in_raw:
                tokens.append((start, position))
            continue
        token = text[start:position]
        if in_raw:
            in_raw = not _ends_raw(token)
            continue
        named = _LIQUID_NAME.match(token)
        if named is not None and named.group(1) == "raw":
            in_raw = True
        tokens.append((start, position))
    return tokens


def neutral_templates(text: str) -> str:
    """``text`` with the quotes and angle brackets inside its Liquid (or Nunjucks) tags made plain characters,
    for the HTML reader: the template language runs before the HTML is read, so ``href="{{ "x" | url }}"`` is
    one attribute whose value the template writes, not a value cut at the inner quote; a tag written as an
    unquoted value (``src={{ '/a.png' | relative_url }}``) keeps its spaces as no-break ones. Same length."""
    if "{{" not in text and "{%" not in text:
        return text
    pieces: list[str] = []
    at = 0
    for start, end in liquid_tokens(text):
        token = text[start:end]
        # An unquoted attribute value the template writes (`<img src={{ '/a.png' | relative_url }}>`): its
        # spaces are the tag's, not the ones between attributes.
        unquoted = start > 0 and text[start - 1] == "="
        if _MARKUP_CHARACTERS.isdisjoint(token) and not (unquoted and _SPACE_IN_TOKEN.search(token)):
            continue
        pieces.append(text[at:start])
        neutral = token.translate(_NEUTRAL)
        pieces.append(neutral.translate(_UNSPACED) if unquoted else neutral)
        at = end
    if not pieces:
        return text
    pieces.append(text[at:])
    return "".join(pieces)


def runs_templates(front_matter: dict[str, object], generator: str) -> bool:
    """Whether the generator runs the post through Liquid (or Nunjucks) before its Markdown and HTML are read:
    Jekyll and Eleventy do, unless the front matter turns it off (:func:`liquid_off`)."""
    return generator in ("jekyll", "eleventy") and not liquid_off(front_matter, generator)


def liquid_off(front_matter: dict[str, object], generator: str) -> bool:
    """Whether the post's front matter turns Liquid off, so ``{% comment %}`` is plain text that the page shows
    (and what is between a comment's tags is live HTML): Jekyll's ``render_with_liquid: false``, and Eleventy's
    ``templateEngineOverride`` naming no template language (``md``)."""
    if generator in ("jekyll", "unknown") and front_matter.get("render_with_liquid") is False:
        return True
    if generator in ("eleventy", "unknown"):
        override = front_matter.get("templateEngineOverride")
        if isinstance(override, str) and override.strip():
            engines = {part.strip().lower() for part in override.split(",")}
            return not engines & {"liquid", "njk", "nunjucks"}
    return False


_SHORTCODE_OPEN = lazy_regex(r"\{\{[<%]")
_SHORTCODE_CLOSE = lazy_regex(r"[>%]\}\}")


def hugo_shortcodes(text: str) -> list[tuple[int, int]]:
    """Regions of Hugo shortcode tags (``{{< name args >}}`` / ``{{% ... %}}``): each opener runs to the first
    closing delimiter after it (Hugo lets a quoted argument hold one, so this may end sooner: the safe side).
    A commented-out shortcode ``{{</* ... */>}}`` masks only its two delimiters, since Hugo prints what is
    between them. Linear: when one opener finds no closer, no later one can."""
    regions: list[tuple[int, int]] = []
    position = 0
    while True:
        opened = _SHORTCODE_OPEN.search(text, position)
        if opened is None:
            return regions
        start = opened.start()
        delimiter = text[start + 2]
        if text.startswith("/*", start + 3):
            comment_end = text.find("*/" + (">" if delimiter == "<" else "%") + "}}", start + 5)
            if comment_end < 0:  # Hugo refuses an unclosed comment; mask only the opener
                regions.append((start, start + 5))
                position = start + 5
                continue
            regions.append((start, start + 5))
            regions.append((comment_end, comment_end + 5))
            position = comment_end + 5
            continue
        closed = _SHORTCODE_CLOSE.search(text, opened.end())
        if closed is None:
            return regions
        regions.extend(_outside_markup_values(text, start, closed.end()))
        position = closed.end()


# A shortcode argument: "..." with backslash escapes, or a `...` raw string.
_ARGUMENT = lazy_regex(r'"(?:\\.|[^"\\])*"|`[^`]*`', re.S)
_SHORTCODE_NAME = lazy_regex(r"\{\{[<%]\s*([\w./-]+)")
_ARGUMENT_KEY = lazy_regex(r"([\w-]+)[ \t]*=[ \t]*$")
#: Hugo's own shortcodes whose template escapes every argument but these (Hugo 0.111 ``figure.html``: ``caption``
#: and ``attr`` go through ``markdownify``; ``title``, ``alt``, ``src``, ``link``... are escaped by html/template).
_HTML_ARGUMENTS = {"figure": frozenset(("caption", "attr"))}


def _outside_markup_values(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The shortcode tag ``text[start:end]`` as masked regions, less the inside of each quoted argument that
    holds a ``<``: templates print arguments as HTML (Hugo's own ``figure`` runs its ``caption`` through
    ``markdownify``), so ``caption="<img src=x onerror=...>"`` is live markup on the page."""
    if text.find("<", start + 3, end - 3) < 0:
        return [(start, end)]
    named = _SHORTCODE_NAME.match(text, start, end)
    printed = _HTML_ARGUMENTS.get(named.group(1).lower()) if named else None
    pieces: list[tuple[int, int]] = []
    at = start
    for argument in _ARGUMENT.finditer(text, start + 3, end - 3):
        if printed is not None:
            key = _ARGUMENT_KEY.search(text, max(start, argument.start() - 40), argument.start())
            if key is None or key.group(1).lower() not in printed:
                continue  # an argument the template escapes
        if "<" in argument.group():
            pieces.append((at, argument.start() + 1))
            at = argument.end() - 1
    pieces.append((at, end))
    return [(a, b) for a, b in pieces if a < b]


# `{{< highlight` / `{{% highlight`, not `{{</* highlight`.
_HUGO_HIGHLIGHT = lazy_regex(r"\{\{[<%]\s*highlight(?![\w-])")
# Any closing highlight tag, with white space around the `/` and either delimiter.
_HUGO_HIGHLIGHT_END = lazy_regex(r"\{\{[<%]\s*/\s*highlight(?![\w-])")
_SELF_CLOSED = lazy_regex(r"/\s*$")


def hugo_highlight_pairs(text: str) -> list[tuple[int, int]]:
    """``{{< highlight >}}...{{< /highlight >}}`` regions (Hugo escapes what the shortcode highlights), from
    the opening tag to the end of the first closing tag; a self-closed ``{{< highlight go />}}`` holds
    nothing, and an opener never closed masks nothing. Linear: a missing closer stops the search."""
    regions: list[tuple[int, int]] = []
    position = 0
    while True:
        opened = _HUGO_HIGHLIGHT.search(text, position)
        if opened is None:
            return regions
        tag_end = _SHORTCODE_CLOSE.search(text, opened.end())
        if tag_end is None:
            return regions
        if _SELF_CLOSED.search(text, opened.end(), tag_end.start()):
            position = tag_end.end()
            continue
        closed = _HUGO_HIGHLIGHT_END.search(text, tag_end.end())
        if closed is None:
            return regions
        closer_end = _SHORTCODE_CLOSE.search(text, closed.end())
        end = closer_end.end() if closer_end is not None else closed.end()
        regions.append((opened.start(), end))
        position = end


class ShortcodeCall:
    """One Hugo shortcode tag ``{{< name key="value" "positional" >}}`` (or ``{{% %}}``), not a closing one:
    its name (lower-cased), its arguments as written (quotes removed), and its offsets in the text."""

    __slots__ = ("end", "name", "named", "positional", "start")

    def __init__(self, name: str, named: dict[str, str], positional: tuple[str, ...], start: int, end: int) -> None:
        self.name, self.named, self.positional, self.start, self.end = name, named, positional, start, end


_CALL_NAME = re.compile(r"\{\{[<%]\s*([\w.-]+)")
_CALL_ARGUMENT = re.compile(
    r"""([\w-]+)\s*=\s*("(?:\\.|[^"\\])*"|`[^`]*`|[^\s"`]+)|("(?:\\.|[^"\\])*"|`[^`]*`|[^\s"`=]+)""", re.S
)


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in '"`':
        inner = value[1:-1]
        return re.sub(r"\\(.)", r"\1", inner) if value[0] == '"' else inner
    return value


def hugo_shortcode_calls(text: str) -> list[ShortcodeCall]:
    """The Hugo shortcode tags of ``text`` with their arguments, in order (commented-out ones and closing tags
    left out). Linear, as :func:`hugo_shortcodes`: each tag runs to the first closing delimiter after it."""
    calls: list[ShortcodeCall] = []
    position = 0
    while True:
        opened = _SHORTCODE_OPEN.search(text, position)
        if opened is None:
            return calls
        start = opened.start()
        closed = _SHORTCODE_CLOSE.search(text, opened.end())
        if closed is None:
            return calls
        position = closed.end()
        named = _CALL_NAME.match(text, start, closed.start())
        if named is None:
            continue  # a closing tag, a comment, or no name
        named_arguments: dict[str, str] = {}
        positional: list[str] = []
        for argument in _CALL_ARGUMENT.finditer(text, named.end(), closed.start()):
            if argument.group(1) is not None:
                named_arguments[argument.group(1).lower()] = _unquoted(argument.group(2))
            else:
                positional.append(_unquoted(argument.group(3)))
        calls.append(ShortcodeCall(named.group(1).lower(), named_arguments, tuple(positional), start, position))


#: Jekyll's `{{ site.baseurl }}/x` (after `{{ site.url }}` or not) is the site's `/x`.
SITE_BASEURL = lazy_regex(r"^(?:\{\{-?\s*site\.url\s*-?\}\})?\{\{-?\s*site\.baseurl\s*-?\}\}(?=/|$)")
#: A site path given to a template's URL filter: Jekyll's `{{ '/x/' | relative_url }}` (or `absolute_url`),
#: Eleventy's `{{ '/x/' | url }}` (or `htmlBaseUrl`, `absoluteUrl(...)`): the site's `/x/` under its base URL.
# The quotes may be the neutral ones the HTML reader puts in a template tag inside a start tag (`src="{{
# "/x.js" | relative_url }}"` is read as one attribute whose inner quotes are U+FF02).
_URL_FILTER = lazy_regex(
    r"^\{\{-?\s*(['\"\uff02\uff07])(/[^'\"\uff02\uff07{}]*)\1\s*\|\s*"
    r"(?:relative_url|absolute_url|url|htmlBaseUrl|absoluteUrl)"
    r"(?:\s*\([^(){}]*\))?\s*-?\}\}"
)


def site_target(written: str) -> str:
    """A link or image target as the site sees it: Jekyll's baseurl variable and the URL filters of Jekyll and
    Eleventy taken off (`{{ '/img/a.png' | relative_url }}` is `/img/a.png`)."""
    target = SITE_BASEURL.sub("", written, count=1)
    filtered = _URL_FILTER.match(target)
    return filtered.group(2) + target[filtered.end() :] if filtered else target
