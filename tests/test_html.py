"""The body reader: positions in code points, repairs recorded, nothing ever crashes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LintText, codes, make_engine
from hypothesis import example, given, settings
from hypothesis import strategies as st

from postlint.helpers import element_text
from postlint.reading.html import parse_html
from postlint.reading.post import parse_post

HEAD = "---\ntitle: t\ndate: 2024-07-08 18:00:00 +08:00\n---\n"


def test_elements_keep_start_tag_offsets_and_text() -> None:
    text = '<div class="a">x<img src="p.jpg" alt=文>y<br>z</div>tail'
    body = parse_html(text, base=10)
    [div, img, br] = body.elements
    assert body.start_tags[img] == (10 + 16, 10 + 16 + len('<img src="p.jpg" alt=文>'))
    assert img.attrib == {"src": "p.jpg", "alt": "文"}
    assert div.text == "x" and img.tail == "y" and br.tail == "z"
    assert body.span(div) == (10, 10 + text.index("tail"))


def test_implied_end_tags_follow_html() -> None:
    body = parse_html("<p>one<div>two</div><ul><li>a<li>b</ul><table><tr><td>1<td>2</table>")
    assert [i.kind for i in body.issues] == []
    tags = [(e.tag, e.getparent().tag) for e in body.elements]
    assert ("div", "body") in tags  # <div> closed the open <p>
    assert tags.count(("li", "ul")) == 2


def test_repairs_are_recorded() -> None:
    body = parse_html('<div><span>x</div></p><img src=a src=b width="1" "2">')
    assert [(i.kind, i.tag, i.detail) for i in body.issues] == [
        ("unclosed", "span", ""),
        ("stray-end-tag", "p", ""),
        ("duplicate-attribute", "img", "src"),
        ("malformed-attribute", "img", '"2"'),
    ]


def test_raw_text_and_comments_are_not_markup() -> None:
    body = parse_html("<script>if (a < b) { x('<div>') }</script><!-- <img> --><https://example.com>")
    # In an HTML file a browser reads `<https://example.com>` as an (unknown, harmless) element.
    assert [e.tag for e in body.elements] == ["script", "x-https-"]
    assert [c.text for c in body.comments] == [" <img> "]
    assert body.issues == []  # an unknown element with such a name has nothing to close


def test_control_characters_do_not_break_the_tree() -> None:
    body = parse_html('<p title="a\x08b">x\x0cy</p>')
    assert body.elements[0].get("title") == "a\ufffdb"


def test_text_runs_place_each_piece_of_text() -> None:
    text = "<p>Hi <b>there</b>, you<!-- c -->!</p><script>x<y</script>end &amp; more"
    body = parse_html(text, base=7)
    p, b, script = body.elements
    assert body.run_texts == ["Hi ", "there", ", you!", "x<y", "end & more"]
    assert body.visible_text == "Hi there, you!x<yend & more"
    assert [(element.tag, tail) for element, tail in zip(body.run_elements, body.run_tails, strict=True)] == [
        ("p", False),
        ("b", False),
        ("b", True),
        ("script", False),
        ("script", True),
    ]
    # Each run starts where its first character stands in the source.
    assert body.run_starts == [7 + text.index(piece) for piece in ("Hi", "there", ", you", "x<y", "end")]
    assert body.text_of(p) == "Hi there, you!" and body.text_of(b) == "there" and body.text_of(script) == "x<y"
    assert body.text_owner(body.run_at(body.visible_text.index("you"))) is p  # <b>'s tail is text of the <p>
    assert body.run_at(0) == 0 and body.run_at(len(body.visible_text) - 1) == 4


def test_text_runs_of_a_grafted_srcdoc_come_from_the_tree() -> None:
    body = parse_html('<iframe srcdoc="<p>in <b>side</b></p>">fallback</iframe>after')
    assert not body.runs_in_source_order
    assert body.visible_text == "".join(body.root.itertext())
    assert all(body.text_of(element) == "".join(element.itertext()) for element in body.elements)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdivspimg-!\n\x00\x08文&;")), max_size=200))
def test_text_runs_are_what_the_tree_holds(text: str) -> None:
    body = parse_html(text, base=3)
    assert body.visible_text == "".join(body.root.itertext())
    assert [str(node) for node in body.root.xpath("//text()")] == body.run_texts
    for element in body.elements:
        assert body.text_of(element) == "".join(element.itertext())
        assert element_text(element, body) == element_text(element)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdivspimg-!\n\x00\x08文")), max_size=200))
def test_any_text_parses(text: str) -> None:
    body = parse_html(text)
    for element in body.elements:
        start, end = body.start_tags[element]
        assert text[start] == "<" and start < end <= len(text)


def test_hugo_shortcodes_and_code_are_masked(lint_text: LintText) -> None:
    figure = '{{< figure src="https://img.example.com/x.png" alt="A chart" >}}'
    text = HEAD + figure + '\n\n`<img src="">` and\n\n```html\n<img src="">\n```\n'
    assert codes(lint_text(text)) == []


def test_seed_layout_findings(lint_text: LintText) -> None:
    line = (
        '<div><div class="figure-media"><img class="lazyload" data-src="https://x.example/a.jpg" title="Lead" alt '
        'src="https://x.example/a.jpg"></div><figcaption>Lead photo.</figcaption><p>Text.</p>'
        '<section id="imu"><div id="dfp-ad-imu1-wrapper" class="dfp-tag-wrapper"><div id="dfp-ad-imu1" '
        'class="dfp-tag-wrapper">  </div></div></section><div class="center"><figure><img alt="f1_Large.jpg" '
        'src="https://x.example/f1_Large.jpg"><figcaption>Second.</figcaption></figure></div></div>'
    )
    findings = lint_text(HEAD + line + "\n")
    assert codes(findings) == [
        ("PL308", 5, line.index("<img") + 1),
        ("PL404", 5, line.index("<figcaption") + 1),
        ("PL501", 5, line.index("<section") + 1),
        ("PL307", 5, line.index('<img alt="f1') + 1),
    ]
    assert line.index("<img") + 1 == 32


def test_ad_remnant_reports_outermost_wrapper_once(lint_text: LintText) -> None:
    text = HEAD + '<p>a</p><aside><div class="ad"><div id="div-gpt-ad-1"></div></div></aside><p>b</p>\n'
    assert codes(lint_text(text)) == [("PL501", 5, 9)]


def test_selector_prefilter_sees_what_the_tree_sees(lint_text: LintText) -> None:
    from postlint.knowledge.packs import required_strings

    assert required_strings("ins.adsbygoogle, [id^='div-gpt-ad'] , div, a:not(.x) b#Slot") == [
        "adsbygoogle",
        "div-gpt-ad",
        None,  # nothing to look for: the selector always runs
        "slot",  # what :not() excludes is not required
    ]
    # A character reference hides the class name from the source text, not from the parsed attributes.
    text = HEAD + '<p>a</p><ins class="ads&#98;ygoogle" data-ad-slot="1"></ins><p>b</p>\n'
    assert codes(lint_text(text)) == [("PL501", 5, 9)]
    # A selector with nothing to look for still runs on every post.
    config = {"rules": {"ad-remnant": {"extra-selectors": [{"css": "aside > div:empty", "note": "theme"}]}}}
    assert codes(lint_text(HEAD + "<p>a</p><aside><div></div></aside>\n", config=config)) == [("PL501", 5, 9)]


def test_user_selectors_in_config(lint_text: LintText) -> None:
    text = HEAD + '<p>a</p><div class="promo-slot"></div>\n'
    assert codes(lint_text(text)) == []
    config = {"rules": {"ad-remnant": {"extra-selectors": [{"css": ".promo-slot", "note": "our old theme"}]}}}
    findings = lint_text(text, config=config)
    assert codes(findings) == [("PL501", 5, 9)]
    assert "our old theme" in findings[0].message
    packs = {"rules": {"ad-remnant": {"extra-packs": [{"name": "mine", "selectors": [{"css": "div.promo-slot"}]}]}}}
    assert codes(lint_text(text, config=packs)) == [("PL501", 5, 9)]


def test_bad_selector_in_config_is_a_config_error(tmp_path: Path) -> None:
    from postlint.config import ConfigError, parse_config
    from postlint.engine.lint import Engine

    config = parse_config({"rules": {"ad-remnant": {"extra-selectors": [{"css": "div[[["}]}}}, None)
    with pytest.raises(ConfigError, match=r"rules\.ad-remnant\.extra-selectors\.0\.css: .*invalid CSS selector"):
        Engine.from_config(config, tmp_path)


def test_attribution_link_is_found_like_a_reader_would(lint_text: LintText) -> None:
    head = '---\ntitle: "Bridge opens"\nfrom: https://news.example.com/a/1\n---\n'
    related = head + "[Other story](https://news.example.com/b/2)\n\nText.\n"
    assert codes(lint_text(related)) == []
    header = head + "[Bridge opens](https://news.example.com/a/2)\n------\n\nText.\n"
    assert codes(lint_text(header)) == [("PL602", 5, 1)]
    labelled = head + 'Text. <a href="https://elsewhere.example.org/x">原文链接</a>\n'
    assert codes(lint_text(labelled, name="p.html")) == [("PL602", 5, 7)]
    figure = '<figure><img src="https://x.example/a.jpg" alt="A bridge">'
    credit = head + figure + '<figcaption><a href="https://x.com/s/1">Bridge opens</a></figcaption></figure>\n'
    assert codes(lint_text(credit, name="p.html")) == []


def test_body_parser_failure_is_one_finding(monkeypatch: pytest.MonkeyPatch, lint_text: LintText) -> None:
    import postlint.reading.post as post_module

    def broken(*args: object, **kwargs: object) -> object:
        if args and args[0]:
            raise RuntimeError("boom")
        return parse_html("")

    monkeypatch.setattr(post_module, "parse_html", broken)
    findings = lint_text(HEAD + "<p>x</p>\n")
    assert codes(findings) == [("PL014", 5, 1)]
    assert "boom" in findings[0].message


def test_local_images_resolve_inside_roots_only(tmp_path: Path) -> None:
    (tmp_path / "site" / "_posts").mkdir(parents=True)
    (tmp_path / "site" / "assets").mkdir()
    (tmp_path / "site" / "assets" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.png").write_bytes(b"png")
    post = tmp_path / "site" / "_posts" / "p.md"
    post.write_text(HEAD + "![A](/assets/a.png) ![B](/assets/b.png) ![C](../../secret.png) ![D](missing.png)\n")
    # The project is the site (a site root outside the project needs allow-site-root-outside-tree).
    engine = make_engine({"site-root": str(tmp_path / "site")}, start=tmp_path / "site")
    findings = [f for f in engine.lint_file(post, str(post)) if f.code == "PL305"]
    assert [(f.column, f.message) for f in findings] == [
        (21, "local image '/assets/b.png' does not exist"),
        (64, "local image 'missing.png' does not exist"),
    ]


def test_markdown_javascript_links_are_seen() -> None:
    post = parse_post((HEAD + "[x](javascript:alert(1))\n").encode(), "p.md")
    assert [link.href for link in post.markdown.links] == ["javascript:alert(1)"]


def test_shipped_packs_are_valid() -> None:
    from postlint.helpers import SelectorPack, builtin_packs

    packs = builtin_packs("postlint_rules")
    assert {pack.name for pack in packs} >= {"google-ad-manager", "adsense", "taboola", "outbrain", "innity", "bbc"}
    for pack in packs:
        # Full validation translates every CSS selector, as for packs written in config.
        SelectorPack.model_validate(pack.model_dump())
        assert all(selector.note for selector in pack.selectors), f"{pack.name}: every selector says where it is from"


@pytest.mark.parametrize("piece", ["<a b", '<a "', "</a", "<!x", '<a title="x>'])
def test_pathological_markup_parses_in_linear_time(piece: str) -> None:
    import time

    started = time.process_time()
    parse_html(piece * 40_000)  # quadratic scanning made one such body take 87 s
    assert time.process_time() - started < 2.0


def test_a_tag_with_too_many_attributes_stops_reading_in_bounded_time(lint_text: LintText) -> None:
    import time

    from postlint.reading.html import MAX_ATTRIBUTES

    tag = "<div " + " ".join(f"data-a{n}=x" for n in range(100_000)) + ">"
    text = HEAD + "<p>before</p>\n" + tag + "<img src=x.jpg></div>\n"
    started = time.process_time()
    findings = lint_text(text)
    assert time.process_time() - started < 10.0  # libxml2's attribute lookups made this take 35 s
    [finding] = [f for f in findings if f.code == "PL015"]
    assert (finding.line, finding.column) == (6, 1)
    assert f"more than {MAX_ATTRIBUTES:,} attributes" in finding.message
    body = parse_html(tag)
    # The cap holds while the tag is read: no more than MAX_ATTRIBUTES are ever kept.
    assert len(body.elements[0].attrib) == MAX_ATTRIBUTES and len(body.attributes[body.elements[0]]) == MAX_ATTRIBUTES


def test_ad_label_reads_the_text_a_reader_sees(lint_text: LintText) -> None:
    # A character reference spells the label only after decoding: a search of the source missed it.
    text = HEAD + "<p>Boats lined both banks.</p>\n<p>&#65;dvertisement</p>\n<p>The first heat began.</p>\n"
    assert codes(lint_text(text)) == [("PL505", 6, 1)]


def test_javascript_urls_are_found_however_they_are_spelled(lint_text: LintText) -> None:
    text = HEAD + '<a href="javas&#99;ript:alert(1)">x</a>\n<a href=" java\tscr\tipt:void(0)">y</a>\n'
    assert codes(lint_text(text)) == [("PL707", 5, 4), ("PL707", 6, 4)]


def test_event_handlers_are_found_however_they_are_written(lint_text: LintText) -> None:
    text = HEAD + '<IMG SRC=a.jpg ALT=a ONERROR=alert(1)>\n<img src="b.jpg" alt="b"onload="x()">\n'
    handlers = [f for f in lint_text(text) if f.code == "PL706"]  # (the images are missing too)
    assert codes(handlers) == [("PL706", 5, 22), ("PL706", 6, 25)]


def test_plain_selectors_are_read_like_cssselect_reads_them() -> None:
    from cssselect import parse

    from postlint.helpers import builtin_packs
    from postlint.knowledge.packs.css import _literals, _longest, _plain_required_strings

    shipped = [selector.css for pack in builtin_packs("postlint_rules") for selector in pack.selectors]
    others = ["div > p.Foo#barbaz", "[data-x]", "[data-x='']", 'a[title="x,y"]', "* .Ad", "div+p ~ span"]
    for css in shipped + others:
        plain = _plain_required_strings(css)
        assert plain is not None, css  # the shipped packs never need cssselect to be imported for this
        assert plain == [_longest(_literals(selector.parsed_tree)) for selector in parse(css)], css
    assert _plain_required_strings("a:not(.x)") is None  # anything else is left to cssselect


def test_packs_are_matched_once_per_post_for_every_rule_that_uses_them() -> None:
    from postlint.helpers import compile_packs
    from postlint.knowledge.packs import Selector, SelectorPack

    pack = SelectorPack(name="n", selectors=(Selector(css="div.ad-slot"), Selector(css="ins.adsbygoogle")))
    body = parse_html('<div class="ad-slot"></div><p>text</p><ins class="adsbygoogle"></ins>')
    first = compile_packs([pack], "ad", None, ())
    second = compile_packs([pack], "ad", None, ())  # another rule, the same packs
    found = first.matches(body)
    assert [element.tag for element in found] == ["div", "ins"]
    assert second.matches(body) is found  # not evaluated again
    other = compile_packs([pack], "ad", None, (), extra=(Selector(css="p"),))
    assert [element.tag for element in other.matches(body)] == ["div", "p", "ins"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=8),
    st.integers(0, 50),
    st.integers(0, 12),
)
@example([(7, 8), (15, 1)], 15, 0)  # an empty span where two touching regions meet overlaps neither
def test_paragraph_code_overlap_by_binary_search_is_the_plain_test(
    regions: list[tuple[int, int]], start: int, width: int
) -> None:
    from postlint.knowledge.packs.texts import _merged_regions, _overlaps

    fences = [(low, low + size) for low, size in regions]
    end = start + width
    starts, ends = _merged_regions(fences)
    assert _overlaps(starts, ends, start, end) == any(a < end and start < b for a, b in fences)
