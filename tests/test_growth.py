"""Work that grows with the input, not faster (issue 25): each shape below was quadratic, or took a gigabyte.

Each test lints a shape and an ordinary post of the same size in this process and compares their CPU time
(``time.process_time``: other processes on a loaded machine count less than in wall time) with a generous
margin, at a size where the old code took 20 to 300 times the ordinary post; or it counts what grew
(findings, quoted characters). The numbers in the comments are what the shape took before the fix.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LintText

from postlint.cli.main import main
from postlint.engine.shaping import FINDINGS_PER_RULE
from postlint.knowledge.slugs import MAX_PATTERNS, HeadingIds

ROOT = Path(__file__).resolve().parent.parent
FRONT = "---\ntitle: Harbour notes\ndate: 2020-01-01 10:00:00 +08:00\n---\n"
#: How many times an ordinary post of the same size a shape may take (plus a second for start-up noise):
#: the old code took 20-300 times as long at these sizes, and linear code takes 1-4 times.
FACTOR = 15
SLACK = 1.0


def ordinary(size: int) -> str:
    """An ordinary Markdown post of about ``size`` characters: the examples' good posts, joined."""
    bodies = [path.read_text("utf-8").split("\n---\n", 1)[-1] for path in sorted(ROOT.glob("examples/*/good.md"))]
    joined = "\n\n".join(body for body in bodies if "<script" not in body)
    return FRONT + (joined * (size // len(joined) + 1))[:size]


def cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def assert_linear(run: Callable[[str], object], shape: str) -> None:
    """``run`` on ``shape`` costs at most FACTOR times ``run`` on an ordinary post of the same size."""
    run(FRONT + "warm-up\n")
    base = cpu(lambda: run(ordinary(len(shape))))
    spent = cpu(lambda: run(shape))
    assert spent < FACTOR * base + SLACK, f"{spent:.2f} s against {base:.2f} s for an ordinary post of its size"


def site_check(folder: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[str, int, int, str]]:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["check", "--no-cache", "-j", "1", "--format", "json", "--exit-zero", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return [(f["code"], f["line"], f["column"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def site_runner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, select: str, zola: bool = False
) -> Callable[[str], object]:
    """A function that writes a post into a Jekyll (or Zola) site in ``tmp_path`` and checks the site with
    ``select``."""
    if zola:
        (tmp_path / "config.toml").write_text("base_url = 'https://example.org/'\n", encoding="utf-8")
        post = tmp_path / "content" / "p.md"
    else:
        (tmp_path / "_config.yml").write_text("title: site\n", encoding="utf-8")
        post = tmp_path / "_posts" / "2020-01-01-p.md"
    post.parent.mkdir(exist_ok=True)

    def run(text: str) -> object:
        post.write_text(text, encoding="utf-8")
        return site_check(tmp_path, monkeypatch, "--select", select)

    return run


# ------------------------------------------------------------------------------------------- heading ids


def test_repeated_headings_number_their_ids_in_linear_time() -> None:
    # 10,000 headings "a": 82 s (each looked for a free "-n" from 1 again).
    ids = HeadingIds(("goldmark", "gfm"))
    spent = cpu(lambda: [ids.add("a", "a") for _ in range(20_000)])
    assert spent < 5
    assert {"a", "a-1", "a-19999"} <= ids.anchors and "a-20000" not in ids.anchors
    # An id written out that a later repeat would take is skipped, as Goldmark does.
    ids = HeadingIds(("goldmark",))
    assert [ids.add(raw, raw) for raw in ("a", "a-1", "a", "a")] == [{"a"}, {"a-1"}, {"a-2"}, {"a-3"}]


def test_headings_and_fragments_on_one_page_are_linear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = site_runner(tmp_path, monkeypatch, "PL802")
    # 5,000 headings "a" with a link to each id: 80 s for 10,000.
    assert_linear(run, FRONT + "# a\n\n" * 2_500 + "".join(f"[x](#a-{i})\n\n" for i in range(1, 2_500)))
    # Headings among code spans on a Jekyll site: each heading tested every code span.
    assert_linear(run, FRONT + "".join(f"# h `c{i}` h\n\n`code` `x`\n\n" for i in range(4_000)))


def test_many_uncertain_ids_and_missing_fragments_are_linear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = site_runner(tmp_path, monkeypatch, "PL802", zola=True)
    # Non-ASCII headings make ids postlint cannot compute (patterns); every missing fragment was tried
    # against every pattern: 10,000 of each, 193 s.
    letters = "abcdefghijklmnopqrstuvwxyz"
    shape = FRONT + "".join(f"## 标题{i}\n\n[x](#{letters[i % 26]}{letters[i // 26 % 26]})\n\n" for i in range(3_000))
    assert_linear(run, shape)


def test_headings_holding_template_tags_are_linear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A heading's template tags make its id a pattern of its words: unclosed `{%` and `{{` runs on one
    heading line are read once."""
    run = site_runner(tmp_path, monkeypatch, "PL802", zola=True)
    assert_linear(run, FRONT + "## a " + "{% {{ " * 40_000 + "b\n\n[x](#a-b)\n")
    assert_linear(run, FRONT + "".join(f"## h{i} {{% added %}} {{{{ x }}}}\n\n[x](#h{i}-y)\n\n" for i in range(3_000)))


def test_links_below_uncertain_urls_are_judged_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose URL postlint cannot compute (`日本` is transliterated) makes its section's links unsure:
    a link of thousands of segments is compared with the starts only as deep as the deepest of them."""
    run = site_runner(tmp_path, monkeypatch, "PL801", zola=True)
    (tmp_path / "content" / "deep" / "er").mkdir(parents=True)
    (tmp_path / "content" / "deep" / "er" / "日本.md").write_text("+++\n+++\n", encoding="utf-8")
    assert_linear(run, FRONT + "".join(f"[x](/{'a/' * 2_000}{i})\n\n" for i in range(100)))


def test_a_page_with_few_uncertain_ids_still_reports_a_missing_fragment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.toml").write_text("base_url = 'https://example.org/'\n", encoding="utf-8")  # Zola
    (tmp_path / "content").mkdir()
    headings = "".join(f"## 标题{i}\n\n" for i in range(MAX_PATTERNS))
    (tmp_path / "content" / "p.md").write_text(FRONT + headings + "[x](#nope)\n", encoding="utf-8")
    found = site_check(tmp_path, monkeypatch, "--select", "PL802")
    assert [(code, line) for code, line, _, _ in found] == [("PL802", 5 + 2 * MAX_PATTERNS)]
    # Past MAX_PATTERNS headings whose ids cannot be computed, any fragment may be one of them: silence.
    more = "".join(f"## 标题{i}\n\n" for i in range(MAX_PATTERNS + 1))
    (tmp_path / "content" / "p.md").write_text(FRONT + more + "[x](#nope)\n", encoding="utf-8")
    assert site_check(tmp_path, monkeypatch, "--select", "PL802") == []


def test_refs_among_code_spans_and_unclosed_refs_are_linear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = site_runner(tmp_path, monkeypatch, "PL801")
    # 20,000 refs each followed by a code span: 20-26 s (each ref tested every code span).
    assert_linear(run, FRONT + '{{< ref "x" >}} `code`\n' * 6_000)
    assert_linear(run, FRONT + "{% post_url 2020-01-01-x %} `code`\n" * 6_000)
    # An unclosed `{{< ref` read on to the end of the body, once per opener.
    assert_linear(run, FRONT + '{{< ref "x" \n' * 20_000)


# ------------------------------------------------------------------------------------------- attribution


@pytest.mark.parametrize(
    "shape",
    [
        # 5,000 of each: 68 s, 36 s, 30 s (the text before and after every candidate link was measured).
        "".join(f"Source: [Example {i}](https://a.example/{i})\n\n" for i in range(3_000)),
        "".join(f'<p>Source: <a href="https://a.example/{i}">Reuters</a></p>\n' for i in range(3_000)),
        "".join(f"[Harbour notes](https://a.example/{i})\n\n" for i in range(3_000)),
        # A heading left open over every paragraph: each anchor built the heading's whole text.
        "<h2>Sources\n" + "".join(f'<p>P {i} <a href="https://a.example/{i}">Source</a></p>\n' for i in range(3_000)),
        # One line of thousands of links in a heading: each searched the line's ends.
        "# " + "".join(f"[Source](https://a.example/{i}) " for i in range(6_000)) + "\n",
    ],
    ids=["markdown-source-lines", "html-source-lines", "title-links", "open-heading", "one-line"],
)
def test_attribution_links_are_found_in_linear_time(lint_text: LintText, shape: str) -> None:
    assert_linear(lambda text: lint_text(text, config={"select": ["PL602", "PL603"]}), FRONT + shape)


def test_attribution_at_the_edges_of_a_long_post_is_still_found(lint_text: LintText) -> None:
    middle = "".join(f"Paragraph {i} of the story, with [a link](https://b.example/{i}).\n\n" for i in range(400))
    text = (
        "---\ntitle: Harbour notes\nsource: https://a.example/right\n---\n"
        "Source: [Reuters](https://a.example/top)\n\n" + middle + "Source: [Reuters](https://a.example/foot)\n"
    )
    found = [(f.code, f.line) for f in lint_text(text, config={"select": ["PL602"]})]
    assert found == [("PL602", 5), ("PL602", 5 + 1 + 2 * 400 + 1)]


# --------------------------------------------------------------------------------------------- PL505


def test_ad_labels_between_fences_are_linear(lint_text: LintText) -> None:
    # 40,000: 21 s (each label line tested every code region).
    assert_linear(lambda text: lint_text(text, config={"select": ["PL505"]}), FRONT + "广告\n```\n" * 20_000)


def test_long_white_space_after_a_boilerplate_trigger_is_linear(lint_text: LintText) -> None:
    shape = FRONT + "相关阅读" + "\u3000" * 70_000 + "x\n\nRead more:" + " " * 70_000 + "x\n"
    assert_linear(lambda text: lint_text(text, config={"select": ["PL502", "PL602"]}), shape)


@pytest.mark.parametrize(
    "shape",
    [
        FRONT + "$$" + "x $ **" * 40_000 + "\n",  # one `$$` never closed, single dollars and markers after it
        FRONT + "$$x$$ **a" * 30_000 + "\n",  # many math spans in one paragraph
        FRONT + "$$$x" * 50_000 + "\n",
    ],
    ids=["unclosed", "many", "dollar-runs"],
)
def test_kramdown_math_in_a_paragraph_is_linear(lint_text: LintText, shape: str) -> None:
    assert_linear(lambda text: lint_text(text, config={"select": ["PL710"]}), shape)


# -------------------------------------------------------------------------------------- findings, memory


def test_one_rule_reports_at_most_a_bounded_number_of_findings_per_file(lint_text: LintText) -> None:
    # 500,000 stray </div> gave 474,813 findings and 477 MB (PL702 now lists repeats once; images without alt
    # text are still one finding each, so they stand for any rule with a finding per cause).
    unit = '<img src="/a.png">'
    count = FINDINGS_PER_RULE + 500
    findings = [f for f in lint_text(FRONT + unit * count, config={"select": ["PL306"]}) if f.code == "PL306"]
    assert len(findings) == FINDINGS_PER_RULE + 1
    last = max(findings, key=lambda f: f.column)
    assert last.message.startswith(f"more than {FINDINGS_PER_RULE:,} PL306 findings in this file")
    assert (last.line, last.column) == (5, 1 + len(unit) * FINDINGS_PER_RULE)  # where the next one is


def test_a_long_tag_name_is_quoted_short_in_each_finding(lint_text: LintText) -> None:
    # A 1 MB tag name and 999 repeated attributes: 999 MB of JSON and 2.9 GB.
    findings = lint_text(FRONT + "<" + "i" * 100_000 + " a=x" * 200 + "".join(f' "b{i}' for i in range(200)) + ">\n")
    quoting = [f for f in findings if f.code in ("PL703", "PL704")]
    # PL704 gives one finding for the tag (its repeats, counted), PL703 one per malformed attribute.
    assert {f.code for f in quoting} == {"PL703", "PL704"} and len(quoting) >= 201
    assert max(len(f.message) for f in quoting) < 200


@pytest.mark.skipif(sys.platform == "win32", reason="measures a forked child's peak memory")
@pytest.mark.parametrize(
    ("unit", "count"),
    [
        ("[]", 1_200_000),  # 4.9 MB of these: 547 MB (every bracket of the paragraph paired)
        ("? ][</div>", 240_000),  # 477 MB at 500,000
        ("广告\n#", 400_000),  # 617,355 findings
    ],
    ids=["brackets", "stray-ends", "labels-and-headings"],
)
@pytest.mark.slow
def test_megabytes_of_one_shape_stay_in_bounded_memory(unit: str, count: int) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "fuzz"))
    import fuzz_post

    engine = fuzz_post.make_engine()
    outcome = fuzz_post.lint_isolated(engine, FRONT + unit * count, hard_limit=300)
    assert outcome.error is None
    assert outcome.grown_mb is not None and outcome.grown_mb < 250


# ------------------------------------------------------------------------- second round (attack2 helper)
# Shapes beyond those the issue listed, each of which took minutes before its fix.


@pytest.mark.parametrize(
    "shape",
    [
        # One line of spaces between two words, in a paragraph, a table and a heading: the setext and ATX
        # heading patterns tried the white space again from each offset inside it (20,000 spaces: 0.33 s,
        # 900,000: over a minute).
        "word " + " " * 150_000 + " word\n",
        "| a | b |\n|---|---|\n| x" + " " * 150_000 + "| y |\n",
        "# a" + " " * 150_000 + "#b\n",
        "来源\t" + "\t" * 150_000 + "新华社\n",
        # Heading text as the slugifiers read it: underscores between letters (40,000: 17 s), `<` without `>`
        # and `![` without `]` (each read on to the end of the line), and unclosed backtick runs.
        "# a" + "_" * 30_000 + "b\n",
        "# " + "<" * 150_000 + "\n",
        "# " + "![" * 60_000 + "\n",
        "# " + "`a" * 60_000 + "\n",
    ],
    ids=["paragraph", "table", "heading", "tabs", "underscores", "angles", "images", "backticks"],
)
def test_long_runs_in_a_line_are_linear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    assert_linear(site_runner(tmp_path, monkeypatch, "PL802"), FRONT + shape)


def test_the_ids_of_headings_are_what_they_were(lint_text: LintText) -> None:
    from postlint.knowledge.pagefacts import _atx_text, _plain

    assert _atx_text("Title ##  ") == "Title" and _atx_text("C#") == "C#" and _atx_text("##") == "##"
    assert _plain("Use [`x` here](/u) and ![img](/p.png) <b>bold</b> a_b _c_ `<kbd>`") == (
        "Use x here and img bold a_b c <kbd>"
    )
    assert _plain("[a [b](u) `` `x` ``") == "a [b `x`"


@pytest.mark.parametrize(
    ("select", "shape"),
    [
        # A rule that tested each new match against every span it had reported: quadratic in its findings
        # (PL502: 25,000 boilerplate paragraphs took minutes; PL208 the same for timestamps, and each line
        # was also tested against every code span).
        ("PL502", "Sponsored content\n\n" * 20_000),
        ("PL208", "<span>2 hours ago</span>\n" * 20_000),
        ("PL208", "`c`\n\n" * 10_000 + "2 hours ago\n\n" * 10_000),
        # A line of nothing but white space was read again from each of its characters (PL710: 40,000 spaces,
        # 6 s) ...
        ("PL710", "x\n" + " " * 150_000 + "\nx\n"),
        ("PL710", "x\n" + "\u3000 " * 60_000 + "\nx\n"),
        # ... and a caption's trailing credits taken off one search of the whole caption at a time (PL308:
        # 8,000 credits, 19 s).
        ("PL308", '<figure><img src="a.png" alt=""><figcaption>x' + " (Reuters)" * 20_000 + "</figcaption></figure>\n"),
    ],
    ids=["boilerplate", "timestamps", "timestamp-lines", "spaces", "ideographic", "credits"],
)
def test_findings_and_lines_of_one_rule_are_linear(lint_text: LintText, select: str, shape: str) -> None:
    assert_linear(lambda text: lint_text(text, config={"select": [select]}), FRONT + shape)


def test_every_boilerplate_paragraph_and_timestamp_is_still_reported(lint_text: LintText) -> None:
    found = lint_text(
        FRONT + "Sponsored content\n\n" * 3 + "<span>2 hours ago</span>\n", config={"select": ["PL502", "PL208"]}
    )
    assert [(f.code, f.line) for f in found] == [("PL502", 5), ("PL502", 7), ("PL502", 9), ("PL208", 11)]


def test_links_on_a_long_quoted_line_are_linear(lint_text: LintText) -> None:
    # Thousands of links on one line that starts with quote marks: each searched back to the line start and
    # matched the list-item pattern across the quote marks again (20,000 `>` and 800 links: 3.8 s; a
    # megabyte: minutes). The default rules: the attribution search is shared by several.
    shape = ">" * 100_000 + " [a](https://x.example/1)" * 4_000 + "\n"
    assert_linear(lambda text: lint_text(text), FRONT + shape)


def test_a_source_line_in_a_list_item_is_still_a_list_item(lint_text: LintText) -> None:
    found = lint_text(
        "---\ntitle: t\nsource: https://a.example/x\n---\n"
        "Source: [Reuters](https://a.example/top)\n\n- Source: [Reuters](https://a.example/item)\n",
        config={"select": ["PL602"]},
    )
    assert [(f.code, f.line) for f in found] == [("PL602", 5)]


def test_a_line_of_unclosed_comments_is_read_in_one_pass() -> None:
    # PL709 read each line and the body without their comments with `<!--.*?-->`, which read on to the line's
    # end from every `<!--` without a `-->` (50,000 of them: 81 s for that pattern alone).
    from postlint.helpers import without_comments

    line = "<!--" * 200_000 + "\n<!-- a -->b"
    assert cpu(lambda: without_comments(line)) < 2.0
    assert without_comments(line) == "<!--" * 200_000 + "\nb"


def test_without_comments_is_the_lazy_pattern() -> None:
    import random
    import re

    from postlint.helpers import without_comments

    pattern = re.compile(r"<!--.*?-->")
    rng = random.Random(7)
    pieces = ["<!--", "-->", "<!-->", "-", "<", "!", "a", "\n", ">"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert without_comments(text) == pattern.sub("", text), text


def _own_size(kept: object, other: object) -> int:
    """Bytes of the objects reachable from ``kept`` that are not reachable from ``other`` (what one more
    file adds: shared strings, types and constants are not its own)."""
    import gc

    def reachable(start: object) -> dict[int, object]:
        seen: dict[int, object] = {}
        todo = [start]
        while todo:
            item = todo.pop()
            if id(item) in seen or isinstance(item, type):
                continue
            seen[id(item)] = item
            todo.extend(gc.get_referents(item))
        return seen

    shared = reachable(other)
    return sum(sys.getsizeof(item) for key, item in reachable(kept).items() if key not in shared)


def test_the_site_facts_kept_for_a_post_with_100_links_are_small(tmp_path: Path) -> None:
    """Every checked file's site facts are kept until the site pass: a 10,000-post site with 100 links a post
    peaked at 459 MB (a place, a snippet string and a link object each: 38 KB a post). Packed, a link costs
    its target's characters and a few integers."""
    sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
    import sitelinks

    from postlint.run.linter import Linter

    sitelinks.generate(tmp_path, 20)
    linter = Linter.nearest(tmp_path)
    first, second = (
        linter.engine.lint_file_result(path, str(path))
        for path in (tmp_path / "_posts" / "2020-01-01-p1.md", tmp_path / "_posts" / "2020-01-01-p2.md")
    )
    assert first.site is not None and second.site is not None
    assert len(first.site.links) == 100
    assert _own_size(first.site, second.site) < 12_000  # 37,823 bytes before; 6,488 packed
    # What the rules read is unchanged: the link, where it is, and the snippet its finding shows.
    link = first.site.links[3]
    assert (link.kind, link.target) == ("markdown", "/2020/01/01/gone5.html")
    place = link.place
    assert (place.line, place.column, place.end_line, place.end_column) == (10, 14, 10, 36)
    assert place.snippet == "markdown /2020/01/01/gone5.html"
    assert [f.target for f in first.site.links][:2] == ["/2020/01/01/p2.html#intro", "/2020/01/01/p3.html#intro"]


def _peak_bytes(text: str, rule: str) -> int:
    """The most memory Python held at once while ``rule`` alone linted ``text``."""
    import tracemalloc

    from postlint.testing import lint_text

    tracemalloc.start()
    try:
        lint_text(text, rule)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_heading_ids_of_a_page_of_many_headings_cost_little_beside_reading_it() -> None:
    """A page of 175,000 headings among code spans (5 MB) peaked at 505 MB with PL802: each id style kept
    its own record of every id given, all at once, beside copies of the page's ids. Now one style's record
    at a time, and no copies: heading ids add little to what reading the page's links (PL801) costs."""
    text = "---\ntitle: t\n---\n" + "".join(f"# h `c{i}` h\n\n`code` `x`\n\n" for i in range(7000))
    links_only = _peak_bytes(text, "PL801")
    with_anchors = _peak_bytes(text, "PL802")
    assert with_anchors <= 1.25 * links_only, (with_anchors, links_only)  # 1.58x before


def test_a_markdown_line_with_a_run_of_underscores_is_read_in_linear_time() -> None:
    """PL709 took the markup off each Markdown line's ends with a pattern that split a run of `_` every way
    before failing at the text after it: 28 underscores took about half a minute, and a line of the Rust blog
    never finished. Now the ends are read in one pass each way, also for long runs and many closing tags."""
    from postlint.testing import lint_text

    for line in ("snake" + "_" * 28 + "case", "a" + "_" * 200_000 + "x", "Photo: AP" + "</em>*" * 50_000):
        started = time.process_time()
        lint_text(f"---\ntitle: t\n---\n\nText.\n\n{line}\n", "PL709")
        assert time.process_time() - started < 3, line[:40]


def test_unclosed_pre_tags_in_code_spans_are_linear(lint_text: LintText) -> None:
    """PL710 looked for raw <pre> elements with a lazy pattern tried from every `<pre`: 20,000 `` `<pre>` `` code
    spans with no `</pre>` after them took 20 s (each attempt read to the end of the body)."""
    shape = FRONT + "`<pre>` [a]() " * 20_000 + "\n"
    assert_linear(lambda text: lint_text(text, select=["PL710"]), shape)


@pytest.mark.parametrize(
    "shape",
    [
        '<div markdown="1">\n`<x>` [a](b)\n</div>\n' * 8_000 + "</section>\n" * 8_000,
        '<div markdown="1"><section>\n' * 8_000 + "</div>\n" * 8_000,
    ],
    ids=["closed-without-blank-lines", "unclosed"],
)
def test_kramdown_markdown_elements_are_read_in_linear_time(shape: str) -> None:
    # Each `</div>` of a `<div markdown="1">` looked for the next blank line from itself: with none left, a scan
    # to the end each (8,000 such elements: 17 s).
    from postlint.reading.markdown import code_regions

    assert_linear(lambda text: code_regions(text, html_blocks=True, kramdown=True), FRONT + shape)


@pytest.mark.parametrize(
    ("select", "shape"),
    [
        # Round 6's rules (session 9): code elements left open, found opener by opener (PL020), ...
        ("PL020", "<code>&amp;amp; " * 20_000 + "\n"),
        ("PL020", "鎴戜滑鐨勬湇鍔″櫒 â€™ " * 10_000 + "\n"),
        # ... underlined lines with no blank line between them (PL713), indented lines and fences (PL714).
        ("PL713", "The firmware reads the temperature every thirty seconds.\n--\n" * 10_000),
        (
            "PL714",
            "Text.\n\n    The cabin had no electricity, only a stove.\n\n" * 8_000 + "```\nA sentence of prose here.\n",
        ),
    ],
    ids=["open-code", "mojibake", "underlines", "indented"],
)
def test_round_six_rules_are_linear(lint_text: LintText, select: str, shape: str) -> None:
    assert_linear(lambda text: lint_text(text, config={"select": [select]}), FRONT + shape)


def test_near_miss_shortcut_references_are_linear(lint_text: LintText) -> None:
    # Many unused definitions and many shortcut brackets, each a near miss of a different definition: the
    # comparison is a symmetric-delete index, not every bracket against every definition.
    brackets = "".join(f"See [`#topic-{i:05d}-notes`] and [label {i}].\n\n" for i in range(3_000))
    definitions = "".join(f"[`topic-{i:05d}-notes`]: https://example.org/{i}\n" for i in range(3_000))
    shape = FRONT + brackets + definitions
    assert_linear(lambda text: lint_text(text, config={"select": ["PL803"]}), shape)
    assert len(lint_text(shape, config={"select": ["PL803"]})) > 100  # (the engine caps findings per rule)


def test_spaced_bold_openers_in_one_paragraph_are_linear(lint_text: LintText) -> None:
    # A paragraph of many `，** 词` openers, each looking for a closer after it: one pass over the runs.
    shape = FRONT + "开头：" + "世界，** 当所有" * 19_999 + "结束。**”\n"
    assert_linear(lambda text: lint_text(text, config={"select": ["PL710"]}), shape)


def test_paragraphs_over_attribution_lines_are_linear(lint_text: LintText) -> None:
    # Thousands of short paragraphs each over an attribution line of the form a heading has: each is judged
    # once, and the heading's line is counted once, not again for each finding.
    heading = "<h2>“A heading quote.”</h2>\n<p><strong>——A speaker</strong></p>\n"
    shape = FRONT + heading + "<p>“A quote.”</p><p><strong>——Someone, somewhere</strong></p>\n" * 6_000
    assert_linear(lambda text: lint_text(text, config={"select": ["PL715"]}), shape)


@pytest.mark.parametrize(
    "shape",
    [
        # Many short captions, each judged once as a prompt; many placeholders in one long run of text.
        "<figure><figcaption>Add a caption</figcaption></figure>\n" * 8_000,
        "<p>" + "The cost was TKTK and [insert quote here] then %%CAPTION%% lorem ipsum dolor. " * 8_000 + "</p>\n",
        "<p>" + "<span>caption goes</span> here " * 20_000 + "</p>\n",
    ],
    ids=["prompts", "placeholders", "one-block"],
)
def test_placeholder_text_is_found_in_linear_time(lint_text: LintText, shape: str) -> None:
    assert_linear(lambda text: lint_text(text, config={"select": ["PL717"]}), FRONT + shape)


@pytest.mark.parametrize(
    "shape",
    [
        # Round 7 (PL020): UTF-8 read as Windows-1251, Shift_JIS and EUC-KR, in one long run each, and escapes.
        "РџСЂРёРІРµС‚ " * 20_000 + "\n",
        "縺薙ｮ繝ｪ繝ｪ繝ｼ繧ｹ縺ｧ縺ｯ" * 8_000 + "\n",
        "猷⑤퉬 蹂댁븞 뾽뜲씠듃瑜 " * 8_000 + "\n",
        "루비 보안 업데이트를 " * 10_000 + "\n",
        "Caf\\u00e9 \\n\\n " * 10_000 + "\n",
    ],
    ids=["cp1251", "cp932", "cp949", "hangul", "escapes"],
)
def test_round_seven_mojibake_is_linear(lint_text: LintText, shape: str) -> None:
    assert_linear(lambda text: lint_text(text, config={"select": ["PL020"]}), FRONT + shape)


@pytest.mark.parametrize(
    ("select", "zola", "shape"),
    [
        # Round 7: another generator's calls (PL709), embed includes (PL709) and typographic titles (PL710).
        ("PL709", True, "{{< youtube a >}} {% include x %} {{ f(a=1) }}\n" * 8_000),
        ("PL709", False, '{% include youtube.html id="" %} {% set x = 1 %} {{< x >}}\n' * 8_000),
        ("PL710", True, "![a](/b.png “c” [d](/e “f”) {:g=1} _重_点_\n" * 8_000),
        # ... and share bars written as Markdown links (PL502): one paragraph of links, and many paragraphs.
        ("PL502", False, "[t](https://twitter.com/share?url=x) " * 12_000 + "\n"),
        ("PL502", False, "[t](https://twitter.com/share?url=x) [f](https://facebook.com/sharer.php?u=x)\n\n" * 6_000),
    ],
    ids=["zola-calls", "jekyll-calls", "titles", "share-links", "share-bars"],
)
def test_round_seven_site_forms_are_linear(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, select: str, zola: bool, shape: str
) -> None:
    assert_linear(site_runner(tmp_path, monkeypatch, select, zola=zola), FRONT + shape)
