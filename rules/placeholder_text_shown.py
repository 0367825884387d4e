"""PL717 placeholder-text-shown."""

from __future__ import annotations

import re
from collections.abc import Iterator

from postlint.api import Context, Element, HtmlBody, Post, Problem, Rule, RuleOptions, Severity
from postlint.helpers import in_code, lazy_regex

#: Text that stands for text to come, in the forms writers, editors, templates and editors' tools leave:
#: Latin filler, the `TK` mark of newsrooms ("to come"), a template's field never filled (`%%CAPTION%%`,
#: `[[HEADLINE]]`, `{PHOTO_CREDIT}`), an instruction to whoever fills it (`[Insert quote here]`, `CAPTION GOES
#: HERE`), and the prompt a publishing tool shows in an empty field, copied as if it were the caption.
_PLACEHOLDER = lazy_regex(
    r"(?P<lorem>\blorem ipsum dolor\b|\bsed ut perspiciatis unde omnis\b)"
    r"|(?P<tk>(?-i:\bTK(?:TK)+\b|\[TK\]|\bTK TK\b))"
    r"|(?P<field>(?-i:%%[A-Z][A-Z0-9_]{1,40}%%|\[\[[A-Z][A-Z0-9_]{1,40}\]\]|\{[A-Z][A-Z0-9]*_[A-Z0-9_]{1,40}\}))"
    r"|(?P<instruction>\[insert\s[^\[\]\n]{1,40}\](?![(\[:])|\(insert\s[^()\n]{1,40}\)"
    r"|\[(?:add|paste|put|place)\s[^\[\]\n]{1,40}\shere\](?![(\[:])|\((?:add|paste|put|place)\s[^()\n]{1,40}\shere\)"
    r"|(?-i:\b(?:INSERT|ADD|PASTE)\s[A-Z ]{1,40}?\sHERE\b)"
    r"|\[[^\[\]\n]{0,30}\b(?:caption|photo|image|picture|text|title|headline|quote|link|credit|name)\s+goes\s+here\](?![(\[:])"
    r"|(?-i:\b(?:CAPTION|PHOTO|IMAGE|TEXT|TITLE|HEADLINE|QUOTE|LINK|CREDIT)\s+GOES\s+HERE\b)"
    r"|[【\[（(](?:此处|这里|這裡|此處)(?:插入|添加|放置|填写|填寫|补充|補充)[^】\]）)\n]{0,20}[】\]）)])",
    re.IGNORECASE,
)
#: The prompts of publishing tools' empty fields, when they are the whole text of a block (a caption that
#: reads "Type caption for image (optional)" is Medium's empty caption, imported as text).
_PROMPT = lazy_regex(
    r"\s*(?:type caption for (?:image|embed)(?: \(optional\))?|add (?:a )?caption(?: here)?"
    r"|write a caption(?:\.\.\.|…)?"
    r"|enter (?:a )?caption(?: here)?|click (?:here )?to add (?:a )?(?:caption|text|title)|caption goes here"
    r"|(?:add|enter|type) (?:your )?(?:text|title|heading) here|image caption here|your caption here"
    r"|请输入(?:图片描述|图片说明|标题|正文)|請輸入(?:圖片描述|圖片說明|標題|內文)|点击(?:添加|输入)(?:图片描述|标题|图注)"
    r"|點擊(?:添加|輸入)(?:圖片描述|標題|圖說)|キャプションを入力)\s*[.…。]?\s*",
    re.IGNORECASE,
)
#: Words every prompt holds: a run of text without them is not looked at as a prompt's block.
_PROMPT_HINT = (
    r"type caption|add (?:a )?caption|write a caption|enter (?:a )?caption|click (?:here )?to add|caption goes here"
    r"|(?:text|title|heading|caption) here|请输入|請輸入|点击(?:添加|输入)|點擊(?:添加|輸入)|キャプションを入力"
)
_PROMPT_WORDS = lazy_regex(_PROMPT_HINT, re.I)
#: What every placeholder form holds, for a quick test of the whole body and then of each run of text.
_QUICK = lazy_regex(
    r"lorem ipsum|perspiciatis|(?-i:TKTK|\[TK\]|TK TK|%%[A-Z]|\[\[[A-Z]|\{[A-Z][A-Z0-9]*_)"
    r"|[\[(](?:insert|add|paste|put|place)\s|goes here"
    r"|(?:此处|此處|这里|這裡)(?:插入|添加|放置|填写|填寫|补充|補充)|" + _PROMPT_HINT,
    re.I,
)
#: Pages whose Latin filler is the point: a theme's demo of its typography, a kitchen sink, a style guide.
_DEMO = lazy_regex(
    r"example|sample|demo|typograph|kitchen.?sink|style.?guide|styleguide|lorem|placeholder|dummy|filler|test"
    r"|elements|formatting|markup|showcase|preview|theme",
    re.IGNORECASE,
)
_CODE_TAGS = frozenset(("code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "template"))
_BLOCKS = frozenset(("p", "figcaption", "caption", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span"))


class PlaceholderTextShown(Rule[RuleOptions]):
    """Text that stands for text to come was published as it is.

    ## What it does
    Reports, in the body's text (not in code), what writers, editors and their tools put where the real text
    was to go and never replaced:
    - Latin filler (`Lorem ipsum dolor sit amet`), except on a page that shows it on purpose (a theme's
      demo, a kitchen sink, a style guide: its title or file name says so);
    - the newsroom's "to come" mark, `TK`, as editors write it (`TKTK`, `[TK]`, `TK TK`);
    - a template's field never filled (`%%CAPTION%%`, `[[HEADLINE]]`, `{PHOTO_CREDIT}`);
    - an instruction to whoever fills the page (`[Insert quote here]`, `(add link)`, `PHOTO GOES HERE`);
    - the prompt of a publishing tool's empty field, copied as the whole of a block or caption
      (`Type caption for image (optional)`, `Add a caption`, `Click to add text`).

    ## Why is this bad?
    Readers see the page's scaffolding where its words should be: the paragraph, the quote or the caption
    that was to fill the place was never written, or was lost when the post was imported.

    ## Options
    None.
    """

    code = "PL717"
    name = "placeholder-text-shown"
    severity = Severity.WARNING

    def check(self, post: Post, context: Context) -> Iterator[Problem]:
        body = post.body
        if not _may_hold_placeholder(body):
            return  # most posts: none of the words any placeholder or prompt holds
        html = post.html
        text = post.text or ""
        demo: bool | None = None
        judged: set[Element] = set()
        for index, run in enumerate(html.run_texts):
            if not html.runs_in_source_order:
                return  # offsets in the source are unknown
            if not _may_hold_placeholder(run):
                continue  # most runs: none of the words any placeholder or prompt holds
            owner = html.text_owner(index)
            if owner is None or _in_code(owner):
                continue
            start = html.run_starts[index]
            block = _block_of(owner) if _PROMPT_WORDS.search(run) else None
            if block is not None and block not in judged and _short(html, block):
                judged.add(block)  # each block once: its text is joined from its runs
                if _PROMPT.fullmatch(html.text_of(block)) is None:
                    block = None
            else:
                block = None
            if block is not None:
                at = text.find(run.strip()[:20], start) if run.strip() else -1
                if at >= 0 and not in_code(post, at - post.body_start):
                    yield Problem(
                        f"'{html.text_of(block).strip()[:60]}' is the prompt of a publishing tool's empty field,"
                        " copied as text: the caption or text it asked for was never written",
                        at,
                        at + len(run.strip()),
                    )
                continue
            for match in _PLACEHOLDER.finditer(run):
                if match.lastgroup == "lorem":
                    if demo is None:
                        demo = _demo_page(post)
                    if demo:
                        continue
                found = match.group()
                at = text.find(found, start, start + len(run) * 2 + 64)
                if at < 0 or in_code(post, at - post.body_start):
                    continue
                yield Problem(_message(match.lastgroup or "", found), at, at + len(found))


#: Words one of which every placeholder and prompt holds (lower case), and the marks searched as written: a
#: body without any is not looked at further (substring tests, a few hundred milliseconds over the dev corpus;
#: the case-insensitive pattern tried at every offset of every post cost ten times that).
_WORDS = (
    "lorem ipsum",
    "perspiciatis",
    "[insert",
    "(insert",
    "[add",
    "(add",
    "[paste",
    "(paste",
    "[put",
    "(put",
    "[place",
    "(place",
    "goes here",
    "type caption",
    "a caption",
    "add caption",
    "enter caption",
    "caption here",
    "to add",
    "text here",
    "title here",
    "heading here",
    "请输入",
    "請輸入",
    "点击添加",
    "点击输入",
    "點擊添加",
    "點擊輸入",
    "キャプションを入力",
    "此处插入",
    "此處插入",
    "这里插入",
    "這裡插入",
    "此处添加",
    "此處添加",
)
_MARKS = lazy_regex(r"TK ?TK|\[TK\]|%%[A-Z]|\[\[[A-Z]|\{[A-Z][A-Z0-9]*_|(?:INSERT|ADD|PASTE) [A-Z]")


def _may_hold_placeholder(body: str) -> bool:
    lowered = body.lower()
    if any(word in lowered for word in _WORDS):
        return True
    # The marks' pattern only where one of their first characters is (most bodies have no `TK`, `%%`, `[[`).
    return any(mark in body for mark in ("TK", "%%", "[[", "{", "INSERT", "ADD ", "PASTE")) and bool(
        _MARKS.search(body)
    )


def _message(kind: str, found: str) -> str:
    shown = found if len(found) <= 60 else found[:59] + "…"
    if kind == "lorem":
        return f"'{shown}' is Latin filler, set where the text was to go: the real text was never written in"
    if kind == "tk":
        return f"'{shown}' is the editors' mark for text to come (TK): what was to fill it was never written"
    if kind == "field":
        return f"'{shown}' is a template's field that was never filled: readers see the field's name"
    return f"'{shown}' is an instruction to whoever fills the page, published as it is"


def _in_code(element: Element) -> bool:
    walker: Element | None = element
    while walker is not None:
        if walker.tag in _CODE_TAGS:
            return True
        walker = walker.getparent()
    return False


def _short(html: HtmlBody, block: Element) -> bool:
    """Whether ``block`` holds few enough runs of text to be a caption or a prompt (a long one never is)."""
    first, past = html.run_range(block)
    return past - first <= 6


def _block_of(element: Element) -> Element | None:
    walker: Element | None = element
    while walker is not None and walker.tag not in _BLOCKS:
        walker = walker.getparent()
    return walker


#: Folders that hold a theme's or a generator's demos and test pages (Jekyll's `lib/theme_template/example/`,
#: `test/source/_posts/`, just-the-docs' `docs/ui-components/`).
_DEMO_FOLDERS = frozenset(
    "test tests spec fixture fixtures demo demos sample samples example kitchen-sink styleguide style-guide"
    " components ui-components theme_template exampleSite".lower().split()
)


def _demo_page(post: Post) -> bool:
    """Whether the page shows filler on purpose: its file name, a folder it is in or its title says it is a
    demo, a sample, a test or a style guide."""
    title = post.data.get("title")
    parts = str(post.path).replace("\\", "/").lower().split("/")
    if any(part in _DEMO_FOLDERS for part in parts[:-1]) or _DEMO.search(parts[-1]):
        return True
    return isinstance(title, str) and _DEMO.search(title) is not None
