# ruff: noqa: E501  (plants are text of posts, kept whole on their lines)
"""Round 7 of planted defects, written blind (before reading rules/ or postlint/), in forms rounds 1-6 did not use.

Run with ``tests/planted/harness.py build r7 OUT`` and ``score r7 OUT``. ``‸`` in a plant's text marks where its
finding must start. Corpus posts are named by their file in ``../shared/corpus/dev``; site posts as
``<site>:<path>`` in ``SITES`` below, small sites in the shapes of real ones, written for this round.
"""

from __future__ import annotations

from harness import Plant

DW = "a2511__2025-11-01-DW-多名中国人在美ice羁押期间死亡引发人道主义讨论.html"
KY = "a2511__2025-11-05-KYODO-追踪高市早苗首相-5日.html"
BBC = "news1__2020-04-03-BBC-肺炎疫情：新冠病毒到底哪来的？科学界的几种说法.html"
RFI = "a2009__2020-09-27-RFI-中芯设备一半来自美国 专家指美禁令犹如掐断生路.html"
PEN = "pen0___columns__2022-03-18-2022-russian-invasion-of-ukraine-week-3.md"
TERM = "term2049__2018-02-08-huang-he.md"
HPC = "hpcsoc__ajdecon__2025-12-28-p=360.md"
GLK = "hpcsoc__glennklockwood__2014-11-5-tagbloggercom1999blog-4307061427721284246post-8823126637772820705.md"
RKO = "rubylang__ko__2015-04-13-ruby-openssl-hostname-matching-vulnerability.md"
RRU = "rubylang__ru__2021-07-07-ruby-2-7-4-released.md"
RVI = "rubylang__vi__2016-09-08-ruby-2-4-0-preview2-released.md"
RJA = "rubylang__ja__2022-11-24-ruby-3-1-3-released.md"
RDE = "rubylang__de__2014-09-19-ruby-2-0-0-p576-is-released.md"
RES = "rubylang__es__2017-12-14-ruby-2-4-3-released.md"

HPC_P = "<p>Sean also points out"  # a paragraph of the ajdecon post, plants go before it
BBC_P = "<p>BBC中文翻查各大学术期刊的论文，试图综合科学界的各种说法，解答坊间的疑问。</p>"
DW_P = "<p><strong>一月内两名中国公民在ICE羁押期间死亡</strong></p>"
RFI_P = '<div class="t-content__body u-clearfix">'
KY_P = "<p>09:52 抵达国会。</p>"
PEN_P = "### 一、战局进展\n"
TERM_P = "### 不再等待\n"
RKO_P = "이 취약점은 CVE ID"
RRU_P = "Этот релиз включает"
RVI_P = "Ruby 2.4.0-preview2 là bản"
RJA_P = "このリリースでは以下の"
RDE_P = "Diese Veröffentlichung enthält"
RES_P = "Esta versión incluye"


def para(text: str) -> str:
    """A Markdown paragraph of its own, to go before a paragraph of the post."""
    return text + "\n\n"


def moji(text: str, codec: str) -> str:
    """UTF-8 text read as another encoding, the bytes that do not decode dropped (as importers did)."""
    return text.encode("utf-8").decode(codec, "ignore")


# ---------------------------------------------------------------------------------------------- the small sites

PNG = "\x89PNG\r\n"  # a stand-in for an image file: only its path matters

HUGO_POST = """---
title: "在山里搭一台家用服务器"
date: 2024-05-01T10:00:00+08:00
draft: false
tags: ["homelab"]
---

上个月终于把家里那台旧电脑改成了服务器。这篇记下过程。

## 설치 방법

先装系统，再配网络。

## 电费

最后说说电费：一个月大约三十元。
"""

HUGO_TOML_POST = """+++
title = "旧电脑的第二次生命"
date = 2024-04-02T08:00:00+08:00
draft = false
+++

这台电脑是 2012 年买的。
"""

SITES: dict[str, dict[str, str]] = {
    "hugo": {
        "hugo.toml": 'baseURL = "https://notes.example.org/"\nlanguageCode = "zh-cn"\ntitle = "山间笔记"\n',
        "content/_index.md": "---\ntitle: 首页\n---\n",
        "content/posts/home-server.md": HUGO_POST,
        "content/posts/old-pc.md": HUGO_TOML_POST,
        "content/posts/other.md": '---\ntitle: "路由器"\nslug: other-post\ndate: 2024-04-20T09:00:00+08:00\n---\n\n换了一台路由器。\n',
        "static/images/diagram.png": PNG,
        "layouts/_default/single.html": "{{ .Content }}\n",
    },
    "zola": {
        "config.toml": 'base_url = "https://rustacean.example.net"\ntitle = "Rustacean Notes"\ncompile_sass = false\n'
        "build_search_index = false\n\n[markdown]\nhighlight_code = true\n",
        "content/_index.md": '+++\ntitle = "Home"\n+++\n',
        "content/blog/_index.md": '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n',
        "content/blog/async-notes.md": '+++\ntitle = "Notes on async cancellation"\ndate = 2024-06-12\n'
        'description = "What happens when a future is dropped."\n+++\n\nA future that is dropped stops where it last '
        "yielded.\n\n## Drop points\n\nEvery `.await` is a place where the task may stop.\n\n## Guards\n\n"
        "A guard runs its cleanup in `Drop`.\n",
        "content/blog/intro.md": '+++\ntitle = "Hello"\ndate = 2024-01-02\n+++\n\nFirst post.\n',
        "static/img/ferris.png": PNG,
        "templates/shortcodes/youtube.html": '<iframe src="https://www.youtube-nocookie.com/embed/{{ id }}"></iframe>\n',
        "templates/index.html": "{{ section.content | safe }}\n",
        "templates/page.html": "{{ page.content | safe }}\n",
        "templates/section.html": "{{ section.content | safe }}\n",
    },
    "eleventy": {
        "package.json": '{\n  "name": "field-notes",\n  "devDependencies": {"@11ty/eleventy": "^2.0.1"}\n}\n',
        "eleventy.config.js": 'module.exports = function (eleventyConfig) {\n  eleventyConfig.addPassthroughCopy("img");\n'
        '  return { dir: { input: ".", includes: "_includes", data: "_data" } };\n};\n',
        "_data/metadata.json": '{"title": "Field Notes", "url": "https://fieldnotes.example.com/"}\n',
        "_includes/post.njk": "<article>{{ content | safe }}</article>\n",
        "posts/posts.json": '{"layout": "post.njk", "tags": "posts"}\n',
        "posts/moss-survey.md": "---\ntitle: Counting moss on the north wall\ndate: 2024-03-09\n---\n\n"
        "We counted moss cushions on the north wall of the old mill.\n\n## Method\n\n"
        "Each square metre was photographed and the cushions marked by hand.\n\n## Results\n\n"
        "The wettest corner held the most cushions.\n",
        "posts/first.md": "---\ntitle: First notes\ndate: 2024-01-05\n---\n\nHello.\n",
        "img/cover.jpg": PNG,
        "assets/map.png": PNG,
        "index.md": "---\ntitle: Home\n---\n\nField notes.\n",
    },
    "jekyll": {
        "_config.yml": 'title: "Ruta Norte"\nurl: "https://rutanorte.example.es"\npermalink: pretty\nmarkdown: kramdown\n'
        "timezone: Europe/Madrid\n",
        "_posts/2024-05-01-subida-al-teide.md": '---\nlayout: post\ntitle: "Subida al Teide"\n'
        "date: 2024-05-01 09:00:00 +0200\n---\n\nSalimos de Montaña Blanca a las seis de la mañana.\n\n"
        "## El refugio\n\nDormimos en Altavista; hace falta reservar.\n\n## La cumbre\n\n"
        "Para subir al pico hace falta un permiso del parque.\n",
        "_posts/2024-04-10-preparativos.md": "---\nlayout: post\ntitle: Preparativos\ndate: 2024-04-10 10:00:00 +0200\n"
        "---\n\nLa lista de material.\n",
        "_posts/2024-03-01-borrador.md": "---\nlayout: post\ntitle: Borrador\npublished: false\n"
        "date: 2024-03-01 10:00:00 +0100\n---\n\nSin terminar.\n",
        "_includes/youtube.html": '<iframe src="https://www.youtube-nocookie.com/embed/{{ include.id }}"></iframe>\n',
        "_layouts/post.html": "{{ content }}\n",
        "assets/img/teide.jpg": PNG,
        "index.md": "---\nlayout: post\ntitle: Inicio\n---\n\nRutas.\n",
    },
}

HP = "hugo:content/posts/home-server.md"
HT = "hugo:content/posts/old-pc.md"
HP_P = "先装系统，再配网络。\n"  # plants go after this paragraph
ZP = "zola:content/blog/async-notes.md"
ZP_P = "A guard runs its cleanup in `Drop`.\n"
EP = "eleventy:posts/moss-survey.md"
EP_P = "Each square metre was photographed and the cushions marked by hand.\n"
JP = "jekyll:_posts/2024-05-01-subida-al-teide.md"
JP_P = "Dormimos en Altavista; hace falta reservar.\n"

IMG = ("PL301", "PL303", "PL305")
SRC = ("PL602",)
FURN = ("PL502",)
LOST = ("PL709",)
DEAD = ("PL804", "PL801", "PL707")
MD = ("PL710", "PL711", "PL712", "PL713", "PL714")
ENC = ("PL020",)
DATE = ("PL201", "PL009", "PL203", "PL204")

PLANTS: list[Plant] = [
    # ---- broken images: addresses that only mean something inside a program, placeholders
    Plant(
        "img-null",
        "image",
        IMG,
        HPC,
        HPC_P,
        # Corrected after the blind score: the cursor stood on the `<p>`; the place of a broken image is its `<img`.
        '<p>‸<img src="null" alt="Diagram of a large system"></p>\n',
        '<p><img src="https://example.org/null-results.png" alt="Chart of null results"></p>\n',
        "before",
    ),
    Plant(
        "img-wxfile",
        "image",
        IMG,
        TERM,
        TERM_P,
        para('\n‸<img src="wxfile://tmp_3a9c1f8e.jpg" alt="海航大厦">'),
        para('\n<img src="https://mmbiz.qpic.cn/mmbiz_jpg/3a9c1f8e/640?wx_fmt=jpeg" alt="海航大厦">'),
    ),
    Plant(
        "img-android-content",
        "image",
        IMG,
        PEN,
        PEN_P,
        para("\n‸![基辅周边态势](content://media/external/images/media/48213)"),
        para(
            "\n![基辅周边态势](https://github.com/agorahub/_meta/raw/agoran/theagora/pen0/assets/images/c1/c1-20220318-02.jpg)"
        ),
    ),
    Plant(
        "img-encoded-template",
        "image",
        IMG,
        RFI,
        RFI_P,
        # Corrected after the blind score: both images had no alt, so the look-alike held a real defect (PL306).
        '‸<img src="https://s.rfi.fr/media/display/%7B%7Bimage.id%7D%7D/w:310/p:16x9/zx-3.jpg" alt="中芯国际厂房">',
        '<img src="https://s.rfi.fr/media/display/84add2c4-00b7-11eb-a240-005056bf87d6/w:640/p:16x9/zx-4.jpg" alt="中芯国际厂房">',
        "before",
    ),
    Plant(
        "img-hugo-case",
        "image",
        IMG,
        HP,
        HP_P,
        "\n‸![网络拓扑](/images/Diagram.png)\n",
        "\n![网络拓扑](/images/diagram.png)\n",
    ),
    Plant(
        "img-zola-relative",
        "image",
        IMG,
        ZP,
        ZP_P,
        "\n‸![Ferris waving](ferris.png)\n",
        "\n![Ferris waving](/img/ferris.png)\n",
    ),
    Plant(
        "img-eleventy-not-copied",
        "image",
        IMG,
        EP,
        EP_P,
        "\n‸![Map of the wall](/assets/map.png)\n",
        "\n![Map of the wall](/img/cover.jpg)\n",
    ),
    Plant(
        "img-jekyll-link-tag",
        "image",
        (*IMG, "PL801"),
        JP,
        JP_P,
        "\n‸![La cumbre]({% link assets/img/cumbre.jpg %})\n",
        "\n![La cumbre]({% link assets/img/teide.jpg %})\n",
    ),
    Plant(
        "img-smart-quote-title",
        "image",
        IMG + MD,
        HP,
        HP_P,
        "\n‸![拓扑](/images/diagram.png “家里的网络”)\n",
        '\n![拓扑](/images/diagram.png "家里的网络")\n',
    ),
    # ---- alt text that is only the word for a picture, in other languages
    Plant(
        "alt-korean-word",
        "alt",
        ("PL307",),
        RKO,
        RKO_P,
        para("‸![이미지](https://www.ruby-lang.org/images/header-ruby-logo.png)"),
        para("![루비 로고](https://www.ruby-lang.org/images/header-ruby-logo.png)"),
        "before",
    ),
    Plant(
        "alt-russian-word",
        "alt",
        ("PL307",),
        RRU,
        RRU_P,
        para("‸![Изображение](https://www.ruby-lang.org/images/header-ruby-logo.png)"),
        para("![Логотип Ruby](https://www.ruby-lang.org/images/header-ruby-logo.png)"),
        "before",
    ),
    # ---- captions
    Plant(
        "cap-nbsp",
        "caption",
        ("PL401", "PL402", "PL810"),
        BBC,
        BBC_P,
        '‸<figure><img src="https://images.weserv.nl/?url=ichef.bbci.co.uk/news/640/cpsprodpb/1A2B/production/_111.jpg" '
        'alt="武汉病毒研究所"><figcaption>&nbsp;</figcaption></figure>',
        '<figure><img src="https://images.weserv.nl/?url=ichef.bbci.co.uk/news/640/cpsprodpb/1A2B/production/_111.jpg" '
        'alt="武汉病毒研究所"><figcaption>武汉病毒研究所外景</figcaption></figure>',
        "before",
    ),
    # ---- ads: other networks, labels in other languages
    Plant(
        "ad-kakao",
        "ad",
        ("PL501", "PL503"),
        RKO,
        RKO_P,
        para(
            '‸<ins class="kakao_ad_area" style="display:none;" data-ad-unit="DAN-1h4k2bq8f9w" data-ad-width="320" '
            'data-ad-height="100"></ins>'
        ),
        para('<ins datetime="2015-04-14">수정: 패치 버전을 추가했습니다.</ins>'),
        "before",
    ),
    Plant(
        "ad-yandex",
        "ad",
        ("PL501", "PL503"),
        RRU,
        RRU_P,
        para(
            '‸<div id="yandex_rtb_R-A-1234567-1"></div><script>window.yaContextCb.push(()=>{Ya.Context.AdvManager.'
            "render({renderTo: 'yandex_rtb_R-A-1234567-1', blockId: 'R-A-1234567-1'})})</script>"
        ),
        para('<div id="changes-2-7-4"><p>Список изменений ниже.</p></div>'),
        "before",
    ),
    Plant(
        "ad-label-de",
        "ad",
        ("PL505",),
        RDE,
        RDE_P,
        para("‸ANZEIGE"),
        para("Anzeige erstattet: Die Polizei ermittelt."),
        "before",
    ),
    Plant(
        "ad-label-vi",
        "ad",
        ("PL505",),
        RVI,
        RVI_P,
        para("‸Quảng cáo"),
        para("Quảng cáo và tiếp thị là hai lĩnh vực khác nhau."),
        "before",
    ),
    Plant(
        "ad-label-ru",
        "ad",
        ("PL505",),
        RRU,
        RRU_P,
        para('‸<div class="label">Реклама</div>'),
        para("Реклама не имеет отношения к этому релизу."),
        "before",
    ),
    # ---- furniture in other languages and from other platforms
    Plant(
        "furn-fr-lire-aussi",
        "furniture",
        FURN,
        RFI,
        RFI_P,
        '‸<p><strong>À lire aussi :</strong> <a href="https://www.rfi.fr/fr/asie-pacifique/20200926-chine-semi-conducteurs">'
        "Chine : les semi-conducteurs au cœur de la guerre commerciale</a></p>",
        '<p>Selon <a href="https://www.rfi.fr/fr/asie-pacifique/20200926-chine-semi-conducteurs">RFI</a>, les '
        "exportations de machines ont chuté.</p>",
        "before",
    ),
    Plant(
        "furn-es-siguenos",
        "furniture",
        FURN,
        RES,
        RES_P,
        para(
            "‸Síguenos en [Twitter](https://twitter.com/rubylang) y [Facebook](https://www.facebook.com/rubylang) "
            "para más novedades."
        ),
        para(
            "El equipo usa [Twitter](https://twitter.com/rubylang) para anunciar versiones; los detalles están en "
            "[el blog](https://www.ruby-lang.org/es/news/)."
        ),
        "before",
    ),
    Plant(
        "furn-ru-telegram",
        "furniture",
        FURN,
        RRU,
        RRU_P,
        para("‸Подписывайтесь на наш [Telegram-канал](https://t.me/rubylang_ru), чтобы не пропустить новые релизы!"),
        para("Обсуждение релиза идёт в [Telegram-чате](https://t.me/rubylang_ru) разработчиков."),
        "before",
    ),
    Plant(
        "furn-vi-comments",
        "furniture",
        FURN,
        RVI,
        RVI_P,
        para("‸Bình luận (0) | Gửi bình luận"),
        para("Bình luận của cộng đồng sẽ giúp cải thiện bản phát hành."),
        "before",
    ),
    Plant(
        "furn-ko-copyright",
        "furniture",
        FURN,
        RKO,
        RKO_P,
        para("‸<저작권자 ⓒ 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>"),
        para("저작권법 개정안은 무단 전재에 대한 처벌을 강화했습니다."),
        "before",
    ),
    Plant(
        "furn-zh-print-close",
        "furniture",
        FURN,
        TERM,
        TERM_P,
        para("\n‸【打印本页】【关闭窗口】"),
        para("\n【编者按】本文写于2018年2月。"),
    ),
    Plant(
        "furn-ja-share",
        "furniture",
        FURN,
        RJA,
        RJA_P,
        para(
            "‸[ツイート](https://twitter.com/share?url=https%3A%2F%2Fwww.ruby-lang.org%2Fja%2F) "
            "[シェア](https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.ruby-lang.org%2Fja%2F) "
            "[LINEで送る](https://social-plugins.line.me/lineit/share?url=https%3A%2F%2Fwww.ruby-lang.org%2Fja%2F)"
        ),
        para(
            "詳細は [NEWS](https://github.com/ruby/ruby/blob/v3_1_3/NEWS.md) と "
            "[ChangeLog](https://github.com/ruby/ruby/releases/tag/v3_1_3) を参照してください。"
        ),
        "before",
    ),
    Plant(
        "furn-blogger-footer",
        "furniture",
        FURN,
        GLK,
        "@end",
        '\n‸<div class="post-footer">Posted by Glenn K. Lockwood at 3:53 PM '
        '<a href="https://www.blogger.com/email-post.g?blogID=4307061427721284246&amp;postID=8823126637772820705">Email This</a>'
        '<a href="https://www.blogger.com/share-post.g?blogID=4307061427721284246&amp;postID=8823126637772820705&amp;'
        'target=blog">BlogThis!</a><a href="https://www.blogger.com/share-post.g?blogID=4307061427721284246&amp;'
        'postID=8823126637772820705&amp;target=twitter">Share to Twitter</a></div>\n',
        '\n<div>Thanks to the <a href="https://www.sdsc.edu/">SDSC</a> staff who ran the tests.</div>\n',
    ),
    Plant(
        "furn-reading-time",
        "furniture",
        FURN,
        HPC,
        HPC_P,
        "‸<p>⏱ 4 min read</p>\n",
        "<p>It took me 4 minutes to read the whole essay, and a week to digest it.</p>\n",
        "before",
    ),
    Plant(
        "furn-disqus",
        "furniture",
        FURN + LOST,
        HPC,
        "@end",
        '\n‸<div id="disqus_thread"></div><noscript>Please enable JavaScript to view the '
        '<a href="https://disqus.com/?ref_noscript">comments powered by Disqus.</a></noscript>\n',
        '\n<div id="thread-notes"><p>Notes from the thread follow.</p></div>\n',
    ),
    Plant(
        "furn-wp-feed-footer",
        "furniture",
        FURN + SRC,
        HPC,
        "@end",
        '\n‸<p>The post <a href="https://thinking.ajdecon.org/2025/12/28/large-software-systems/">Large software systems</a>'
        ' appeared first on <a href="https://thinking.ajdecon.org">Computing – thinking out loud</a>.</p>\n',
        "\n<p>The post office first appeared in our town in 1871.</p>\n",
    ),
    # ---- lost content: notes in other languages, empty shells of other platforms
    Plant(
        "lost-de-embed-note",
        "lost",
        LOST,
        RDE,
        RDE_P,
        para("‸[Eingebetteter Inhalt]"),
        para("Der eingebettete Inhalt ist in dieser Fassung enthalten."),
        "before",
    ),
    Plant(
        "lost-es-unavailable",
        "lost",
        LOST,
        RES,
        RES_P,
        para("‸(Contenido no disponible)"),
        para("El contenido no disponible en la versión anterior ya está publicado."),
        "before",
    ),
    Plant(
        "lost-ru-video",
        "lost",
        LOST,
        RRU,
        RRU_P,
        para("‸Видео недоступно"),
        para("Видео доклада недоступно для скачивания, но слайды есть на сайте."),
        "before",
    ),
    Plant(
        "lost-tiktok-shell",
        "lost",
        LOST,
        BBC,
        BBC_P,
        '‸<blockquote class="tiktok-embed" cite="" data-video-id="" style="max-width: 605px;min-width: 325px;">'
        "<section></section></blockquote>",
        '<blockquote class="bbc-quote"><p>“这是一个很大的问题，”他说。</p></blockquote>',
        "before",
    ),
    Plant(
        "lost-bilibili-empty",
        "lost",
        LOST,
        KY,
        KY_P,
        '‸<iframe src="//player.bilibili.com/player.html?aid=&amp;bvid=&amp;cid=&amp;page=1" scrolling="no" '
        'frameborder="no" allowfullscreen="true"></iframe>',
        '<iframe src="//player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;page=1" scrolling="no" '
        'frameborder="no" allowfullscreen="true"></iframe>',
        "before",
    ),
    Plant(
        "lost-telegram-widget",
        "lost",
        LOST,
        RRU,
        RRU_P,
        para(
            '‸<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="" '
            'data-width="100%"></script>'
        ),
        para(
            '<blockquote class="telegram-post"><a href="https://t.me/rubylang_ru/123">t.me/rubylang_ru/123</a></blockquote>'
        ),
        "before",
    ),
    Plant(
        "lost-jekyll-include-empty",
        "lost",
        LOST,
        JP,
        JP_P,
        '\n‸{% include youtube.html id="" %}\n',
        '\n{% include youtube.html id="tA9y0wL6ZZc" %}\n',
    ),
    Plant(
        "lost-hugo-unclosed-shortcode",
        "lost",
        LOST + MD,
        HP,
        HP_P,
        "\n‸{{< highlight bash >}}\nsudo apt install nginx\n",
        "\n{{< highlight bash >}}\nsudo apt install nginx\n{{< /highlight >}}\n",
    ),
    Plant(
        "lost-zola-hugo-shortcode",
        "lost",
        LOST + MD,
        ZP,
        ZP_P,
        "\n‸{{< youtube dQw4w9WgXcQ >}}\n",
        '\n{{ youtube(id="dQw4w9WgXcQ") }}\n',
    ),
    Plant(
        "lost-eleventy-liquid-code",
        "lost",
        LOST,
        EP,
        EP_P,
        # Corrected after the blind score: the place is the code span that renders empty (its backtick), as round 5's.
        "\nThe template prints ‸`{{ survey.total }}` per wall.\n",
        "\nThe template prints `{% raw %}{{ survey.total }}{% endraw %}` per wall.\n",
    ),
    Plant(
        "lost-jekyll-go-template",
        "lost",
        LOST,
        JP,
        JP_P,
        "\n```go-html-template\n<h1>‸{{ .Title }}</h1>\n```\n",
        "\n{% raw %}\n```go-html-template\n<h1>{{ .Title }}</h1>\n```\n{% endraw %}\n",
    ),
    Plant(
        "lost-eleventy-nunjucks-tag",
        "lost",
        LOST + MD,
        EP,
        EP_P,
        '\n‸{% set cover = "/img/cover.jpg" %}\n',
        '\n{% assign cover = "/img/cover.jpg" %}\n',
    ),
    # ---- links that lead nowhere: placeholders of other template languages, pages that are not built
    Plant(
        "link-placeholder-zh",
        "link",
        DEAD,
        PEN,
        PEN_P,
        para("\n完整战报见‸[这里](链接)。"),
        para("\n完整战报见[这里](https://zhuanlan.zhihu.com/p/483129149)（链接）。"),
    ),
    Plant(
        "link-js-template",
        "link",
        DEAD,
        BBC,
        BBC_P,
        '<p>世卫组织的<a ‸href="${report.url}">调查报告</a>全文已公开。</p>',
        '<p>世卫组织的<a href="https://www.who.int/publications/i/item/who-convened-global-study">调查报告</a>全文已公开。</p>',
        "before",
    ),
    Plant(
        "link-percent-template",
        "link",
        DEAD,
        DW,
        DW_P,
        '<p>移民局的<a ‸href="%ICE_REPORT_URL%">通报</a>称其死于并发症。</p>',
        '<p>移民局的<a href="https://www.ice.gov/news/releases">通报</a>称其死于并发症。</p>',
        "before",
    ),
    Plant(
        "link-perl-var",
        "link",
        DEAD,
        GLK,
        "@end",
        '\n<div>See <a ‸href="$url">the full dataset</a>.</div>\n',
        '\n<div>See <a href="https://en.wikipedia.org/wiki/$">the dollar sign</a>.</div>\n',
    ),
    Plant(
        "link-md-empty-angle",
        "link",
        DEAD,
        TERM,
        TERM_P,
        para("\n详见‸[南方周末原稿](<>)。"),
        para("\n详见[南方周末原稿](<http://www.infzm.com/content/133275>)。"),
    ),
    Plant(
        "link-hugo-ref-missing",
        "link",
        DEAD,
        HP,
        HP_P,
        '\n‸[上一篇]({{< ref "posts/old-server.md" >}})\n',
        '\n[上一篇]({{< ref "posts/old-pc.md" >}})\n',
    ),
    Plant(
        "link-hugo-slug",
        "link",
        DEAD,
        HP,
        HP_P,
        "\n‸[路由器那篇](/posts/other/)\n",
        "\n[路由器那篇](/posts/other-post/)\n",
    ),
    Plant(
        "link-hugo-fragment-ko",
        "link",
        ("PL802",),
        HP,
        "最后说说电费：一个月大约三十元。\n",
        "\n‸[위를 보세요](#설치방법)\n",
        "\n[위를 보세요](#설치-방법)\n",
    ),
    Plant(
        "link-zola-section",
        "link",
        DEAD,
        ZP,
        ZP_P,
        "\n‸[All posts](@/blog/index.md)\n",
        "\n[All posts](@/blog/_index.md)\n",
    ),
    Plant(
        "link-jekyll-pretty-html",
        "link",
        DEAD,
        JP,
        JP_P,
        "\n‸[los preparativos](/2024/04/10/preparativos.html)\n",
        "\n[los preparativos](/2024/04/10/preparativos/)\n",
    ),
    Plant(
        "link-jekyll-unpublished",
        "link",
        DEAD,
        JP,
        JP_P,
        "\n‸[el borrador](/2024/03/01/borrador/)\n",
        "\n[la lista](/2024/04/10/preparativos/)\n",
    ),
    Plant(
        "link-jekyll-post-url-ext",
        "link",
        DEAD,
        JP,
        JP_P,
        "\n‸[la lista]({% post_url 2024-04-10-preparativos.md %})\n",
        "\n[la lista]({% post_url 2024-04-10-preparativos %})\n",
    ),
    # ---- dates a generator cannot read
    Plant(
        "date-hour-24",
        "date",
        DATE,
        RFI,
        "date: 2020-09-27 20:56:20",
        "date: ‸2020-09-27 24:56:20",
        "date: 2020-09-27 23:56:20",
        "replace",
    ),
    Plant(
        "date-korean",
        "date",
        DATE,
        RKO,
        "date: 2015-04-13 12:00:00 +0000",
        "date: ‸2015년 4월 13일",
        "date: 2015-04-13 21:00:00 +0900",
        "replace",
    ),
    Plant(
        "date-japanese-era",
        "date",
        DATE,
        RJA,
        "date: 2022-11-24 12:00:00 +0000",
        "date: ‸令和4年11月24日",
        "date: 2022-11-24 21:00:00 +0900",
        "replace",
    ),
    Plant(
        "date-offset-25",
        "date",
        DATE,
        RES,
        "date: 2017-12-14 00:00:00 +0000",
        "date: ‸2017-12-14 00:00:00 +2500",
        "date: 2017-12-14 00:00:00 +0100",
        "replace",
    ),
    Plant(
        "date-hugo-toml-yaml-line",
        "date",
        DATE,
        HT,
        "date = 2024-04-02T08:00:00+08:00",
        "‸date: 2024-04-02T08:00:00+08:00",
        "date = 2024-04-02",
        "replace",
    ),
    Plant(
        "date-hugo-april-31",
        "date",
        DATE,
        HT,
        "date = 2024-04-02T08:00:00+08:00",
        "date = ‸2024-04-31T08:00:00+08:00",
        "date = 2024-04-30T08:00:00+08:00",
        "replace",
    ),
    Plant(
        "date-zola-june-31", "date", DATE, ZP, "date = 2024-06-12", "date = ‸2024-06-31", "date = 2024-06-30", "replace"
    ),
    Plant(
        "date-eleventy-keyword-typo",
        "date",
        DATE,
        EP,
        "date: 2024-03-09",
        "date: ‸Last Modifed",
        "date: Last Modified",
        "replace",
    ),
    Plant(
        "date-jekyll-spanish",
        "date",
        DATE,
        JP,
        "date: 2024-05-01 09:00:00 +0200",
        "date: ‸1 de mayo de 2024",
        "date: 2024-05-01",
        "replace",
    ),
    # ---- front matter a generator reads otherwise
    Plant(
        "fm-jekyll-four-dashes",
        "frontmatter",
        ("PL007", "PL008", "PL009"),
        JP,
        "---\nlayout: post",
        "‸----\nlayout: post",
        "---   \nlayout: post",
        "replace",
    ),
    # ---- titles: outlet tails of other forms, templates never filled, entities
    Plant(
        "title-dw-dash-date",
        "title",
        ("PL808",),
        DW,
        "title: '多名中国人在美ICE羁押期间死亡引发人道主义讨论 '",
        "title: ‸'多名中国人在美ICE羁押期间死亡引发人道主义讨论 – DW – 2025年11月1日'",
        "title: '多名中国人在美ICE羁押期间死亡 – 德国如何看'",
        "replace",
    ),
    Plant(
        "title-rfi-long-name",
        "title",
        ("PL808",),
        RFI,
        "title: 中芯设备一半来自美国 专家指美禁令犹如掐断生路",
        "title: ‸中芯设备一半来自美国 专家指美禁令犹如掐断生路 - RFI - Radio France Internationale",
        "title: 中芯设备一半来自美国 - 专家指美禁令犹如掐断生路",
        "replace",
    ),
    Plant(
        "title-zola-site-tail",
        "title",
        ("PL808",),
        ZP,
        'title = "Notes on async cancellation"',
        'title = ‸"Notes on async cancellation | Rustacean Notes"',
        'title = "Notes on async cancellation: Rustacean patterns"',
        "replace",
    ),
    Plant(
        "title-hugo-archetype",
        "title",
        # PL106 was written for these plants after the blind score.
        ("PL808", "PL102", "PL709", "PL804", "PL710", "PL106"),
        HP,
        'title: "在山里搭一台家用服务器"',
        "title: ‸'{{ .Name }}'",
        "title: '在山里搭一台 {家用} 服务器'",
        "replace",
    ),
    Plant(
        "title-jekyll-liquid",
        "title",
        # PL106 was written for these plants after the blind score.
        ("PL808", "PL102", "PL709", "PL804", "PL710", "PL106"),
        JP,
        'title: "Subida al Teide"',
        'title: ‸"{{ site.title }} – Subida al Teide"',
        'title: "Ruta Norte: subida al Teide"',
        "replace",
    ),
    Plant(
        "title-entity-twice",
        "encoding",
        ENC,
        HPC,
        "title: Large software systems",
        # Corrected after the blind score: PL020 points at the damage in the text, as in the body.
        "title: Large software systems ‸&amp;#038; teams",
        "title: Large software systems &#038; teams",
        "replace",
    ),
    # ---- encoding damage of other codecs, escapes left by importers
    Plant(
        "enc-cp1251",
        "encoding",
        ENC,
        RRU,
        RRU_P,
        para("‸" + moji("Привет, это обновление безопасности.", "cp1251")),
        para("Привет, это обновление безопасности."),
        "before",
    ),
    Plant(
        "enc-shift-jis",
        "encoding",
        ENC,
        RJA,
        RJA_P,
        para("‸" + moji("このリリースでは脆弱性を修正しました。", "shift_jis")),
        para("このリリースでは脆弱性を修正しました。"),
        "before",
    ),
    Plant(
        "enc-cp949",
        "encoding",
        ENC,
        RKO,
        RKO_P,
        para("‸" + moji("루비 보안 업데이트를 권장합니다.", "cp949")),
        para("루비 보안 업데이트를 권장합니다."),
        "before",
    ),
    Plant(
        "enc-json-escapes",
        "encoding",
        ENC,
        HPC,
        HPC_P,
        "<p>Caf‸\\u00e9 conversations with the platform team \\u2014 the ones nobody documents \\u2014 matter most.</p>\n",
        "<p>Café conversations with the platform team — the ones nobody documents — matter most.</p>\n",
        "before",
    ),
    Plant(
        "enc-literal-newlines",
        "encoding",
        ENC + MD,
        TERM,
        TERM_P,
        para("\n八年前的撤稿。‸\\n\\n如今又是如此。"),
        para("\n正则里的 `\\n` 表示换行。"),
    ),
    # ---- attribution links that name another page, in other wordings
    Plant(
        "src-ja-hatsude",
        "source",
        SRC,
        KY,
        "@end",
        '\n<p>初出：‸<a href="https://www.kyodonews.jp/news/2025/11/a1b2c3d4e5f6.html">共同通信</a></p>\n',
        '\n<p>初出：<a href="https://china.kyodonews.net/news/2025/11/8284297ccc4d-5.html">共同网</a></p>\n',
    ),
    Plant(
        "src-zh-shoufa",
        "source",
        SRC,
        DW,
        "@end",
        '\n<p>本文首发于‸<a href="https://www.dw.com/zh/中国移民之死/a-74500001">德国之声</a></p>\n',
        "\n<p>本文首发于德国之声。</p>\n",
    ),
    Plant(
        "src-en-crossposted",
        "source",
        SRC,
        HPC,
        "@end",
        '\n<p>Cross-posted from ‸<a href="https://medium.com/@ajdecon/large-software-systems-1a2b3c">Medium</a>.</p>\n',
        '\n<p>Cross-posted from <a href="https://thinking.ajdecon.org/2025/12/28/large-software-systems/">my blog</a>.</p>\n',
    ),
    Plant(
        "src-vi-nguon",
        "source",
        SRC,
        GLK,
        "@end",
        '\n<div>Nguồn: ‸<a href="https://vnexpress.net/luu-tru-du-lieu-khoa-hoc-4512345.html">VnExpress</a></div>\n',
        '\n<div>Nguồn: <a href="https://glennklockwood.blogspot.com/2014/11/storage-utilization-in-long-tail-of.html">'
        "Glenn K. Lockwood</a></div>\n",
    ),
    # ---- tracking parameters of other platforms
    Plant(
        "track-mailchimp",
        "tracking",
        ("PL605",),
        HPC,
        '<a href="https://seangoedecke.com/nobody-knows-how-software-products-work/">',
        '‸<a href="https://seangoedecke.com/nobody-knows-how-software-products-work/?mc_cid=8f2a1b9c&amp;mc_eid=3c4d5e6f7a">',
        '<a href="https://seangoedecke.com/nobody-knows-how-software-products-work/#comments">',
        "replace",
    ),
    Plant(
        "track-igshid",
        "tracking",
        ("PL605",),
        DW,
        '<a href="https://www.instagram.com/dw.chinese/">',
        '‸<a href="https://www.instagram.com/dw.chinese/?igshid=MzRlODBiNWFlZA==">',
        '<a href="https://www.instagram.com/dw.chinese/?hl=zh-cn">',
        "replace",
    ),
    Plant(
        "track-aliyun-spm",
        "tracking",
        ("PL605",),
        TERM,
        TERM_P,
        para(
            "\n阿里云的‸[分析](https://developer.aliyun.com/article/123456?spm=a2c6h.12873639.article-detail.7.5e1b5a2f)也提到了。"
        ),
        para("\n阿里云的[分析](https://developer.aliyun.com/article/123456#section-2)也提到了。"),
    ),
    # ---- Markdown the renderer shows as typed
    Plant(
        "md-cjk-strong-comma",
        "markdown",
        MD,
        HP,
        HP_P,
        "\n‸**注意，**这台电脑只有 4G 内存。\n",
        "\n**注意**，这台电脑只有 4G 内存。\n",
    ),
    Plant(
        "md-hugo-kramdown-ial",
        "markdown",
        MD,
        HP,
        HP_P,
        '\n[Hugo 文档](https://gohugo.io/)‸{:target="_blank"}\n',
        "\n## 文档 {#docs}\n",
    ),
    Plant(
        "md-fullwidth-parens",
        "markdown",
        MD + DEAD,
        HP,
        HP_P,
        "\n‸[Hugo 文档]（https://gohugo.io/）\n",
        "\n[Hugo 文档](https://gohugo.io/)（英文）\n",
    ),
    Plant(
        "md-cjk-underscore",
        "markdown",
        MD,
        PEN,
        PEN_P,
        para("\n这是‸_重点_内容：俄军后勤。"),
        para("\n这是*重点*内容：俄军后勤。"),
    ),
]
