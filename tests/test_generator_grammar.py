"""Live script that hides in the generator's own syntax: the PL7 rules must see what a real build runs.

Each case is a post body as Jekyll (Liquid + kramdown) or Hugo (shortcodes + goldmark with unsafe HTML) reads it.
``test_postlint_reports`` asserts postlint's findings with line:column, without any generator.
``test_the_generator_agrees`` builds the same posts with the real ``jekyll build --safe`` / ``hugo`` and reads
each page with html5lib (scripting on, as browsers run; ``_live`` says what runs): postlint must report each
case whose page runs script and no case whose page does not (the case list is also checked to be live where it
says so). It skips when the generator is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from postlint.reading import kramdown as _kramdown
from postlint.reading import templates as _templates
from tests.conftest import make_engine


@dataclass(frozen=True)
class Case:
    name: str
    generator: str  # "jekyll" or "hugo"
    body: str
    #: PL7 findings postlint reports, as (code, line, column); the body starts on line 4.
    expected: tuple[tuple[str, int, int], ...]
    #: Whether the built page runs the script.
    live: bool = True
    #: Why postlint cannot judge the build from the post alone (and so reports the safe side), or "".
    unjudged: str = ""


HANDLER = '<img src="y.png" onerror="alert(1)">'

CASES = [
    # --- Liquid: an end tag's name is its first word; what follows it is ignored.
    Case(
        "liquid-endcomment-words",
        "jekyll",
        f"{{% comment %}}\nhidden\n{{% endcomment because %}}\n{HANDLER}\n\n{{% comment %}}x{{% endcomment %}}\n",
        (("PL706", 7, 18),),
    ),
    Case(
        "liquid-endhighlight-words",
        "jekyll",
        f"{{% highlight html %}}\n<b>x</b>\n{{% endhighlight ruby %}}\n{HANDLER}\n\n"
        "{% highlight html %}\ny\n{% endhighlight %}\n",
        (("PL706", 7, 18),),
    ),
    Case(
        "liquid-end-trim-no-space",
        "jekyll",
        f"{{% comment %}}\nhidden\n{{%- endcomment-%}}\n{HANDLER}\n\n{{% comment %}}x{{% endcomment %}}\n",
        (("PL706", 7, 18),),
    ),
    Case(
        "liquid-end-punctuation",
        "jekyll",
        f"{{% comment %}}hidden{{% endcomment.x %}}\n{HANDLER}\n\n{{% comment %}}x{{% endcomment %}}\n",
        (("PL706", 5, 18),),
    ),
    # --- Liquid tokens: an opener inside {% raw %}, inside another tag's token, is text.
    Case(
        "liquid-opener-in-raw",
        "jekyll",
        f"{{% raw %}}{{% comment %}}{{% endraw %}}\n{HANDLER}\n\n{{% comment %}}x{{% endcomment %}}\n",
        (("PL706", 5, 18),),
    ),
    Case(
        "liquid-opener-in-tag-token",
        "jekyll",
        f'{{% assign a = "{{% comment %}}" %}}\n{HANDLER}\n\n{{% comment %}}x{{% endcomment %}}\n',
        (("PL706", 5, 18),),
    ),
    # --- kramdown attribute lists.
    Case("ial-image", "jekyll", '![photo](/p.png){: onerror="alert(1)"}\n', (("PL706", 4, 20),)),
    Case("ial-block", "jekyll", 'A paragraph\n{: onclick="alert(1)"}\n', (("PL706", 5, 4),)),
    Case(
        "ial-link-autofocus",
        "jekyll",
        '[link](/x){: onfocus="alert(1)" autofocus="" tabindex="1"}\n',
        (("PL706", 4, 14),),
    ),
    Case("ial-emphasis", "jekyll", '*em*{: ONMOUSEOVER="alert(1)"}\n', (("PL706", 4, 8),)),
    Case("ald-reference", "jekyll", "{:evil: onclick='alert(1)'}\n\nP2\n{: evil}\n", (("PL706", 4, 9),)),
    Case("ial-link-href", "jekyll", '[l2](/y){: href="javascript:alert(1)"}\n', (("PL707", 4, 12),)),
    # --- Hugo shortcodes.
    Case(
        "hugo-closer-spaces",
        "hugo",
        f"{{{{< highlight html >}}}}\n<b>x</b>\n{{{{< / highlight >}}}}\n\n{HANDLER}\n\n"
        "{{< highlight html >}}\nz\n{{< /highlight >}}\n",
        (("PL706", 8, 18),),
    ),
    Case(
        "hugo-closer-other-delimiter",
        "hugo",
        f"{{{{< highlight html >}}}}\n<b>x</b>\n{{{{% /highlight %}}}}\n\n{HANDLER}\n\n"
        "{{< highlight html >}}\nz\n{{< /highlight >}}\n",
        (("PL706", 8, 18),),
    ),
    Case(
        "hugo-self-closed-highlight",
        "hugo",
        f"{{{{< highlight html />}}}}\n\n{HANDLER}\n\n{{{{< highlight html >}}}}\nz\n{{{{< /highlight >}}}}\n",
        (("PL706", 6, 18),),
    ),
    Case("hugo-commented-shortcode", "hugo", f"a {{{{</* x {HANDLER} */>}}}} b\n", (("PL706", 4, 28),)),
    Case("hugo-runs-no-liquid", "hugo", f"{{% comment %}}\n{HANDLER}\n{{% endcomment %}}\n", (("PL706", 5, 18),)),
    Case(
        "liquid-ascii-words",  # Ruby's \\w is ASCII: `endcommenté` is the tag `endcomment`
        "jekyll",
        f"{{% comment %}}x{{% endcommenté %}}\n{HANDLER}\n\n{{% comment %}}x{{% endcomment %}}\n",
        (("PL706", 5, 18),),
    ),
    # Hugo's figure runs its caption through markdownify: raw HTML in an argument reaches the page.
    Case(
        "hugo-figure-caption",
        "hugo",
        '{{< figure src="/x.png" caption="<img src=x onerror=alert(1)>" alt="a" >}}\n',
        (("PL706", 4, 45),),
    ),
    # --- Markdown: an HTML block passes through as it is, backticks and fence lines included.
    Case("code-span-in-html-block", "jekyll", f"<div>\n`{HANDLER}`\n</div>\n", (("PL706", 5, 19),)),
    Case("code-span-in-html-block-goldmark", "hugo", f"<div>\n`{HANDLER}`\n</div>\n", (("PL706", 5, 19),)),
    Case("fence-in-html-block", "hugo", f"<div>\n```\n{HANDLER}\n```\n</div>\n", (("PL706", 6, 18),)),
    Case(
        "comment-line-ends-its-block",  # the `-->` ends the HTML block: the code span after it is code
        "hugo",
        f"<!-- note -->\n`{HANDLER}`\n",
        (),
        live=False,
    ),
    # kramdown keeps a block element raw up to its end tag, past blank lines; and a fence needs its closer.
    Case("kramdown-block-past-blank-line", "jekyll", f"<div>\nfirst\n\n`{HANDLER}`\n</div>\n", (("PL706", 7, 19),)),
    Case("kramdown-unclosed-fence", "jekyll", f"```\n{HANDLER}\n", (("PL706", 5, 18),)),
    Case("goldmark-unclosed-fence", "hugo", f"```\n{HANDLER}\n", (), live=False),
    # An unclosed `<!--` in a paragraph is text to Markdown: what follows is read again.
    Case("unclosed-comment", "hugo", '<svg><!--<a href="javascript:alert(1)">x</a>\n', (("PL707", 4, 13),)),
    Case(
        "unclosed-comment-line-kramdown",  # CommonMark: a comment block to the end; kramdown: text
        "jekyll",
        '<!--\n<a href="javascript:alert(1)">x</a>\n',
        (("PL707", 5, 4),),
    ),
    Case("unclosed-comment-line-goldmark", "hugo", '<!--\n<a href="javascript:alert(1)">x</a>\n', (), live=False),
    Case("unclosed-comment-kramdown", "jekyll", '<svg><!--<a href="javascript:alert(1)">x</a>\n', (("PL707", 4, 13),)),
    # --- HTML as browsers with scripting read it.
    Case(
        "mathml-mglyph-style",  # <mglyph> in <mi> stays MathML: its <style> is no raw text
        "hugo",
        "<math><mi><mglyph><style><img src=x onerror=alert(1)></style></mglyph></mi></math>\n",
        (("PL706", 4, 37),),
    ),
    Case(
        "noscript-raw-text",
        "hugo",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>\n',
        (("PL706", 4, 43),),
    ),
    # kramdown parses the tags in a <noscript> and writes them again with the `<` in their values escaped: the
    # `</noscript` in the value ends nothing, and the <img> stays inside (not live in Jekyll).
    Case(
        "noscript-raw-text-kramdown",
        "jekyll",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>\n',
        (),
        live=False,
    ),
    # ... but a tag kramdown cannot parse is text, and the `</noscript>` in it ends the element there.
    Case(
        "noscript-unparsed-tag-kramdown",
        "jekyll",
        f'<noscript><p title="</noscript>" x=(y)>{HANDLER}</noscript>\n',
        (("PL706", 4, 57),),
    ),
    # ... and in a raw element (or a comment) kramdown keeps it as written.
    Case(
        "noscript-style-kramdown",
        "jekyll",
        f"<noscript><style></noscript>{HANDLER}</style></noscript>\n",
        (("PL706", 4, 46),),
    ),
    # What a <noscript> holds is raw text to a browser that runs scripts (and one that does not runs none).
    Case("noscript-content", "hugo", f"<noscript>{HANDLER}</noscript>\n", (), live=False),
    Case(
        "noscript-content-kramdown",
        "jekyll",
        f'<noscript>\n{HANDLER}\n<a href="javascript:alert(1)">x</a>\n</noscript>\n',
        (),
        live=False,
    ),
    Case("noscript-script", "hugo", "<noscript><script>alert(1)</script></noscript>\n", (), live=False),
    # kramdown shows a raw-text start tag it cannot parse as text: what it seemed to hold is live.
    Case("noscript-unparsed-open-kramdown", "jekyll", f"<noscript x=(y)>{HANDLER}</noscript>\n", (("PL706", 4, 34),)),
    Case("textarea-unparsed-open-kramdown", "jekyll", f"a <textarea x=(y)>{HANDLER}</textarea>\n", (("PL706", 4, 36),)),
    # ... and the tags in the value of one it cannot parse are read (found by the fuzzer).
    Case(
        "unterminated-value-kramdown",
        "jekyll",
        "<iframe srcdoc='![a](/p.png)<embed src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' "
        "onload='alert(1)'/>\">\n",
        (("PL708", 4, 29),),
    ),
    Case(
        "value-with-tags-kramdown",
        "jekyll",
        'x <p title="<a href="javascript:alert(1)">x</a>" y=(z)>\n',
        (("PL707", 4, 16),),
    ),
    # kramdown closes a <noscript> opened in a paragraph where the paragraph ends (found by the fuzzer).
    Case(
        "noscript-in-paragraph-kramdown",
        "jekyll",
        'a <noscript>\n<iframe src="javascript:alert(1)"></iframe>\n',
        (("PL707", 5, 9),),
    ),
    # kramdown reads a line that starts with an end tag as a paragraph (CommonMark: an HTML block).
    Case("stray-end-tag-line-kramdown", "jekyll", "</div>[x](javascript:alert(1))x\n", (("PL707", 4, 7),)),
    Case("end-tag-line-after-div-kramdown", "jekyll", "<div>\n\n</div>[x](javascript:alert(1))\n", (("PL707", 6, 7),)),
    # A Markdown link made in raw text (<noscript>, <textarea>) is text on the page. With Hugo's default
    # `unsafe = false` goldmark drops the raw HTML around it and the link is live: postlint reads no `unsafe`.
    Case("link-in-noscript-kramdown", "jekyll", "a <noscript> [x](javascript:alert(1)) </noscript>\n", (), live=False),
    Case("link-in-textarea-kramdown", "jekyll", "a <textarea> [x](javascript:alert(1)) </textarea>\n", (), live=False),
    Case(
        "link-in-noscript-goldmark",
        "hugo",
        "a <noscript> [x](javascript:alert(1)) </noscript>\n",
        (("PL707", 4, 14),),
        live=False,
        unjudged="live when unsafe = false drops the <noscript>",
    ),
    Case("goldmark-tab-entity", "hugo", "[x](java&#9;script:alert(1))\n", (), live=False),  # `java%09script:`
    # kramdown applies a span IAL only right after a span element; after text it is text (a heading's too).
    Case("ial-after-heading-text", "jekyll", '## Title {: onclick="alert(1)"}\n', (), live=False),
    Case("ial-after-text", "jekyll", 'Text {: onclick="alert(1)"}\n', (), live=False),
    Case("ial-after-heading-emphasis", "jekyll", '## *Title*{: onclick="alert(1)"}\n', (("PL706", 4, 14),)),
    Case("ial-after-code-span", "jekyll", '`code`{: onclick="alert(1)"}\n', (("PL706", 4, 10),)),
    Case("ial-after-html-span", "jekyll", '<span>x</span>{: onclick="alert(1)"}\n', (("PL706", 4, 18),)),
    Case("ial-after-heading-line", "jekyll", '## Title\n{: onclick="alert(1)"}\n', (("PL706", 5, 4),)),
    Case("ald-never-used", "jekyll", "{:evil: onclick='alert(1)'}\n\nP2\n", (), live=False),
    # goldmark's heading attributes (Hugo) keep an id and classes, and drop handlers.
    Case("hugo-heading-attributes", "hugo", '## Title {#id .cls onclick="alert(1)"}\n', (), live=False),
    # Hugo's figure escapes its title and alt (html/template); only caption and attr go through markdownify.
    Case(
        "hugo-figure-title",
        "hugo",
        '{{< figure src="/x.png" title="<img src=x onerror=alert(1)>" alt="<b onclick=alert(1)>" >}}\n',
        (),
        live=False,
    ),
    Case(
        "hugo-figure-attr",
        "hugo",
        '{{< figure src="/x.png" attr="<img src=x onerror=alert(1)>" >}}\n',
        (("PL706", 4, 42),),
    ),
    # --- Markdown link targets: kramdown writes a destination as it stands; goldmark unescapes it (CommonMark).
    Case("kramdown-backslash-colon", "jekyll", "[x](javascript\\:alert(1))\n", (), live=False),
    Case("kramdown-backslash-reference", "jekyll", "[x](java\\script:alert(1))\n", (), live=False),
    Case("goldmark-backslash-colon", "hugo", "[x](javascript\\:alert(1))\n", (("PL707", 4, 1),)),
    Case("goldmark-backslash-in-scheme", "hugo", "[x](java\\script:alert(1))\n", (), live=False),
    Case("kramdown-entity", "jekyll", "[x](&#106;avascript:alert(1))\n", (("PL707", 4, 1),)),
    Case("kramdown-tab-entity", "jekyll", "[x](java&#9;script:alert(1))\n", (("PL707", 4, 1),)),
    Case("goldmark-entity-colon", "hugo", "[x](javascript&colon;alert(1))\n", (("PL707", 4, 1),)),
    Case("kramdown-backslash-definition", "jekyll", "[x][r]\n\n[r]: javascript\\:alert(1)\n", (), live=False),
    Case("kramdown-entity-definition", "jekyll", "[x][R]\n\n[r]: &#106;avascript:alert(1)\n", (("PL707", 4, 1),)),
    Case("goldmark-backslash-definition", "hugo", "[x][r]\n\n[r]: javascript\\:alert(1)\n", (("PL707", 4, 1),)),
    Case("kramdown-no-javascript-autolink", "jekyll", "<javascript:alert(1)>\n", (), live=False),
    Case("goldmark-javascript-autolink", "hugo", "<javascript:alert(1)>\n", (("PL707", 4, 1),)),
    # A link on the line before a fence (or a comment) that holds a blank line is still Markdown.
    Case("link-before-fence", "hugo", "[x](javascript:alert(1))\n```\na\n\nb\n```\n", (("PL707", 4, 1),)),
    Case("link-before-fence-kramdown", "jekyll", "[x](javascript:alert(1))\n~~~\na\n\nb\n~~~\n", (("PL707", 4, 1),)),
    Case("link-before-comment", "hugo", "P\n[x](javascript:alert(1))\n<!--\n\n-->\n", (("PL707", 5, 1),)),
    Case(
        "reference-before-fence",
        "hugo",
        "[x][r]\n\n[r]: &#106;avascript:alert(1)\n```\n\n```\n",
        (("PL707", 4, 1),),
    ),
    # A fence line inside a shortcode is the shortcode's: the link after it is Markdown.
    Case(
        "fence-in-highlight-shortcode",
        "hugo",
        "{{< highlight html >}}\n```\n\n{{< / highlight >}}[x](javascript:alert(1))\n",
        (("PL707", 7, 20),),
    ),
    Case(
        "link-after-unclosed-inline-comment",  # an unclosed `<!--` in a paragraph is text (found by the fuzzer)
        "hugo",
        "<br>[<!--</style>[x][r]\n\n[r]: javascript\\:alert(1)\n",
        (("PL707", 4, 18),),
    ),
    # --- URLs that run script, as Chromium runs them (see _live).
    Case(
        "iframe-data-document",
        "hugo",
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>\n',
        (("PL708", 4, 1),),
    ),
    Case(
        "iframe-data-document-kramdown",  # kramdown escapes the `<`; the browser unescapes the value
        "jekyll",
        '<iframe src="da&#9;ta:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>\n',
        (("PL708", 4, 1),),
    ),
    Case(
        "object-data-svg",
        "jekyll",
        "<object data=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\"></object>\n",
        (("PL708", 4, 1),),
    ),
    Case(
        "embed-data-xhtml",
        "hugo",
        "<embed src=\"data:application/xhtml+xml,<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script>"
        '</html>">\n',
        (("PL708", 4, 1),),
    ),
    Case("iframe-data-image", "hugo", '<iframe src="data:image/png;base64,iVBORw0KGgo="></iframe>\n', (), live=False),
    Case(
        "iframe-srcdoc-escaped",
        "jekyll",
        '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>\n',
        (("PL706", 4, 9),),
    ),
    Case(
        "form-action", "jekyll", '<form action="javascript:alert(1)"><input type="submit"></form>\n', (("PL707", 4, 7),)
    ),
    Case(
        "button-formaction",
        "hugo",
        '<form><button formaction="javascript:alert(1)">x</button></form>\n',
        (("PL707", 4, 15),),
    ),
    Case("a-tab-entity", "jekyll", '<a href="java&#9;script:alert(1)">x</a>\n', (("PL707", 4, 4),)),
    Case("a-spaces-newline", "hugo", '<a href=" &#10; JavaScript&colon;alert(1)">x</a>\n', (("PL707", 4, 4),)),
    Case(
        "svg-xlink-href",
        "jekyll",
        '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>\n',
        (("PL707", 4, 9),),
    ),
    Case("base-href", "hugo", '<p>x <base href="https://evil.example/"></p>\n', (("PL705", 4, 6),)),
    Case("base-href-kramdown", "jekyll", '<base href="//evil.example/">\n', (("PL705", 4, 1),)),
    Case(
        "meta-refresh-javascript",
        "hugo",
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">\n',
        (),
        live=False,
    ),
    Case("link-import", "jekyll", '<link rel="import" href="/x.html">\n', (), live=False),
    Case(
        "svg-set-href",
        "hugo",
        '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text y="20">click</text></a></svg>\n',
        (("PL707", 4, 35),),
    ),
    Case(
        "svg-animate-values",
        "hugo",
        '<svg><a href="#"><animate attributeName="href" values="#;javascript:alert(1)" dur="1s" fill="freeze"/>'
        "<text>c</text></a></svg>\n",
        (("PL707", 4, 48),),
    ),
]


def _site(root: Path, case: Case) -> Path:
    """Write ``case`` as the only post of a site of its generator under ``root``; returns the post's path."""
    if case.generator == "jekyll":
        (root / "_config.yml").write_text("title: t\nmarkdown: kramdown\npermalink: /:title/\n", encoding="utf-8")
        (root / "_layouts").mkdir(exist_ok=True)
        (root / "_layouts" / "post.html").write_text("{{ content }}", encoding="utf-8")
        post = root / "_posts" / f"2020-01-01-{case.name}.md"
        front = "---\nlayout: post\n---\n"
    else:
        (root / "hugo.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
        for name, text in (("single.html", "{{ .Content }}"), ("list.html", "x")):
            (root / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
            (root / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
        (root / "layouts" / "index.html").write_text("x", encoding="utf-8")
        post = root / "content" / "posts" / f"{case.name}.md"
        front = "---\ntitle: t\n---\n"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(front + case.body, encoding="utf-8")
    return post


_HUGO_CONFIG = """baseURL = "http://example.org/"
title = "t"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""


def _pl7(root: Path, post: Path) -> list[tuple[str, int, int]]:
    findings = make_engine(start=root).lint_file(post, str(post))
    return [(f.code, f.line, f.column) for f in findings if f.code in _SCRIPT_RULES]


#: html-script, html-event-handler, html-javascript-url, html-untrusted-embed.
_SCRIPT_RULES = frozenset(("PL705", "PL706", "PL707", "PL708"))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_postlint_reports(tmp_path: Path, case: Case) -> None:
    post = _site(tmp_path, case)
    assert _pl7(tmp_path, post) == list(case.expected)


def _live(page: str) -> bool:
    """Whether the built page runs script when read by a browser with scripting (html5lib, scripting on; the
    URL rules as Chromium 156 applies them, each checked there with a page that reports what ran): a
    ``<script>``, an inline handler, a ``javascript:`` URL in a link, form action or frame (its scheme read as
    the URL Standard reads it: leading controls and spaces cut, tabs and newlines dropped), one set by an SVG
    animation, a ``data:`` document in a frame, object or embed, a ``<base href>`` (the layout's scripts after it
    load from there), and any of these in an ``<iframe srcdoc>``. Not live there: a ``javascript:`` URL in
    ``<object data>``/``<embed src>``, a ``<meta>`` refresh or ``<base>`` to one, MathML ``href``, ``data:``
    links, ``<link rel=import>``."""
    import html5lib

    document = html5lib.HTMLParser(namespaceHTMLElements=False).parse(page, scripting=True)
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        mathml = tag.startswith("{http://www.w3.org/1998/Math/MathML}")
        local = tag.split("}")[-1]
        if local == "script" and (element.get("type") or "").strip().lower() not in _DATA_BLOCKS:
            return True
        if local == "base" and not tag.startswith("{") and element.get("href") is not None:
            return True
        for name, value in element.attrib.items():
            name = name.split("}")[-1].lower()
            if name.startswith("on") and len(name) > 3:
                return True
            if name == "srcdoc" and local == "iframe" and _live(value):
                return True
            if name in ("to", "from", "by", "values") and local in _ANIMATIONS:
                if any(_scheme(v) == "javascript" for v in value.split(";")):
                    return True
            elif name in _URL_ATTRIBUTES.get(local, ("href",)) and not mathml and _scheme(value) == "javascript":
                return True
            if local in ("iframe", "object", "embed") and name in ("src", "data") and _scheme(value) == "data":
                mime = value.split(":", 1)[1].split(",", 1)[0].split(";", 1)[0].strip().lower()
                if mime in ("text/html", "application/xhtml+xml", "text/xml", "application/xml") or mime.endswith(
                    "+xml"
                ):
                    return True
    return False


_DATA_BLOCKS = frozenset(("application/ld+json", "application/json", "text/template", "text/html", "text/plain"))
_ANIMATIONS = frozenset(("set", "animate", "animatemotion", "animatetransform", "animatecolor"))
#: The attributes whose javascript: URL runs (on a click, a submit, or at once for a frame), by element.
_URL_ATTRIBUTES = {
    "iframe": ("src",),
    "frame": ("src",),
    "form": ("action",),
    "button": ("formaction",),
    "input": ("formaction",),
    "object": (),
    "embed": (),
    "base": (),
    "link": (),
    "img": (),
}


def _scheme(url: str) -> str:
    """The scheme a browser reads in ``url`` (the URL Standard: C0 controls and spaces cut at both ends, tabs
    and newlines removed), lower-cased, or ``""``."""
    url = url.strip("".join(map(chr, range(0x21)))).replace("\t", "").replace("\n", "").replace("\r", "")
    head, colon, _ = url.partition(":")
    if not colon or not head or not head[0].isascii() or not head[0].isalpha():
        return ""
    if not all(c.isascii() and (c.isalnum() or c in "+-.") for c in head):
        return ""
    return head.lower()


@pytest.mark.parametrize("generator", ["jekyll", "hugo"])
def test_the_generator_agrees(tmp_path: Path, generator: str) -> None:
    binary = shutil.which(generator)
    if binary is None:
        pytest.skip(f"{generator} is not installed: the differential test needs the real generator")
    cases = [case for case in CASES if case.generator == generator]
    for case in cases:
        _site(tmp_path, case)
    command = [binary, "build", "--safe", "-q"] if generator == "jekyll" else [binary, "--quiet"]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True, timeout=300)
    for case in cases:
        out = tmp_path / ("_site" if generator == "jekyll" else "public/posts") / case.name / "index.html"
        page = out.read_text(encoding="utf-8")
        assert _live(page) == case.live, f"{case.name}: the build's page is {'not ' * case.live}live:\n{page}"
        found = _pl7(tmp_path, _site(tmp_path, case))
        if case.live:
            assert found, f"{case.name}: live in {generator}, and postlint reports nothing"
        elif not case.unjudged:
            assert not found, f"{case.name}: not live in {generator}, and postlint reports {found}"


# --- the readers on their own, against the generators' grammars


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("{% comment %}a{% endcomment %}", [(0, 30)]),
        ("{% comment %}a{% endcomment x %}", [(0, 32)]),
        ("{%comment%}a{%endcomment%}", [(0, 26)]),
        ("{% commentary %}a{% endcommentary %}", []),
        ("{% comment %}a", []),  # never closed: Liquid refuses the page, nothing is masked
        ('{{ "{% comment %}" }}a{% endcomment %}', []),  # the opener sits in a variable's token
        ("{% raw %}{% comment %}{% endraw %}a{% endcomment %}", []),
        ("{% raw %}{% comment %}{%- endraw %}a{% endcomment %}", []),  # `{%- endraw` does not end raw text
        ("{% raw %}x{% endraw %}{% comment %}a{% endcomment %}", [(22, 52)]),
        ("{% comment %}{{ x {% endcomment %}}} a {% endcomment %}", [(0, 55)]),  # hidden end in a variable
    ],
)
def test_liquid_blocks_tokenize_as_liquid(text: str, regions: list[tuple[int, int]]) -> None:
    assert _templates.liquid_blocks(text, ("comment", "highlight")) == regions


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("{{< highlight go >}}a{{< /highlight >}}", [(0, 39)]),
        ("{{< highlight go >}}a{{< / highlight >}}", [(0, 40)]),
        ("{{<highlight go>}}a{{</highlight>}}", [(0, 35)]),
        ("{{< highlight go />}}a{{< /highlight >}}", []),
        ("{{< highlighter go >}}a{{< /highlighter >}}", []),
        ("{{</* highlight go */>}}a{{</* /highlight */>}}", []),
    ],
)
def test_hugo_highlight_pairs(text: str, regions: list[tuple[int, int]]) -> None:
    assert _templates.hugo_highlight_pairs(text) == regions


def test_a_commented_shortcode_masks_only_its_delimiters() -> None:
    text = "a {{</* x <b> */>}} b"
    assert _templates.hugo_shortcodes(text) == [(2, 7), (14, 19)]


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ('{: onclick="a"}', [("onclick", "a")]),
        ("{: #id .cls onclick='a' title=\"b c\"}", [("onclick", "a"), ("title", "b c")]),
        ('{:ref: ONERROR="x"}\n\nP\n{: ref}', [("onerror", "x")]),  # an ALD sets what a list refers to
        ('{:ref: ONERROR="x"}\n', []),  # and nothing while no list refers to it
        ('{: a}\n\n{:a: b}\n{:b: onclick="y"}\n', [("onclick", "y")]),  # used before defined, referring on
        ('## Title {: onclick="a"}', []),  # a span IAL after text is text
        ('*em* {: onclick="a"}', []),  # ... after white space too
        ('Text\n    {: onclick="a"}', []),  # four spaces in: no block IAL
        ('{: onclick="a"} and text', []),
        ('{:: options x="1" /}', []),  # an extension, not a list
        ('\\{: onclick="a"}', []),  # escaped: text
        ('{: title="a\\}" onclick="b"}', [("title", "a}"), ("onclick", "b")]),
        ('{: x="a"b" onclick="c"}', [("x", 'a"b'), ("onclick", "c")]),
        ('{: x="never onclick="c"}', [("x", 'never onclick="c')]),  # x's value: kramdown sets no onclick
        ('{: onclick="x" \\}', [("onclick", "x")]),  # no unescaped `}`: kramdown ends at the `\}`
    ],
)
def test_attribute_lists_read_as_kramdown(text: str, pairs: list[tuple[str, str]]) -> None:
    assert [(a.name, a.value) for a in _kramdown.attribute_lists(text, 0, [])] == pairs


def test_attribute_lists_in_code_are_not_read() -> None:
    text = '`{: onclick="a"}` and *b*{: onclick="b"}'
    assert [a.value for a in _kramdown.attribute_lists(text, 0, [(0, 17)])] == ["b"]


def test_an_end_p_ends_svg_content(tmp_path: Path) -> None:
    """`</p>` in SVG or MathML breaks out as an HTML start tag does (WHATWG "rules for parsing tokens in foreign
    content", an end tag "br" or "p"; html5lib-tests tests `<math></p><foo>`, and browsers agree; html5lib 1.1
    predates it, so this case has no differential test): the <style> is HTML raw text up to the `</style` in
    the quoted value, and the <img> after it is live."""
    case = Case(
        "svg-end-p", "hugo", '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>"></a></style></svg>\n', ()
    )
    assert _pl7(tmp_path, _site(tmp_path, case)) == [("PL706", 4, 43)]


@pytest.mark.parametrize("generator", ["jekyll", "hugo"])
def test_a_fuzz_round_misses_nothing(generator: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A short round of tests/fuzz/fuzz_generators.py: random posts of the generator's syntax with payloads, built
    for real; no page that runs script may go unreported."""
    if shutil.which(generator) is None:
        pytest.skip(f"{generator} is not installed: the fuzzer needs the real generator")
    from tests.fuzz.fuzz_generators import run

    result = run(generator, 25, 2026)
    assert result["built"], "no post of the round built"
    assert result["missed"] == 0, capsys.readouterr().out
