#!/usr/bin/env python3
"""Differential fuzz of the script rules against the real generators: live script a build runs must be reported.

    python tests/fuzz/fuzz_generators.py jekyll --posts 150 --seed 1
    python tests/fuzz/fuzz_generators.py hugo --posts 150 --seed 1
    python tests/fuzz/fuzz_generators.py hugo-safe --posts 150 --seed 1     # goldmark's default unsafe = false

Each post is a random string of the generator's own syntax (Liquid tags and ends, kramdown attribute lists and
link targets, Hugo shortcodes and closers, ``<noscript>``, raw-text elements, comments, fences) with one or two
payloads put in: a handler, a ``javascript:`` URL in its many spellings (character references, a tab, a
backslash), a ``data:`` document in a frame, an SVG animation, a ``<base href>``, a form action, a
``srcdoc``... The posts are built in batches with ``jekyll build --safe`` or ``hugo`` (a batch that fails is
built post by post, and a post that fails alone is not counted), each page is read as a browser with
scripting reads it (``tests.test_generator_grammar._live``: html5lib, with the URL rules Chromium applies),
and postlint lints the same post. One JSON line per run says how many posts were built, how many pages run
script (``live``), how many of those postlint did not report (``missed``: the target is 0) and how many posts
it reported whose page runs nothing (``reported_not_live``); each missed post is printed after it (``MISS``),
and with ``--show-reported`` each of the others (``REPORTED``).

For ``hugo-safe`` the site keeps Hugo's default (``unsafe = false``: raw HTML is dropped) while postlint reads
the post as it reads every Hugo post (it does not read ``unsafe``), so raw HTML it reports there counts as
``reported_not_live``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_generator_grammar import _HUGO_CONFIG, Case, _live, _pl7, _site  # noqa: E402

PAYLOADS = [
    '<img src="y.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&#9;script:alert(1)">x</a>',
    '<a href=" &#10;JavaScript&colon;alert(1)">x</a>',
    '<a href="&#x6A&#x61vascript:alert(1)">x</a>',
    '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>c</text></a></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>c</text></a></svg>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<iframe src="da&#9;ta:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>',
    '<object data="data:image/svg+xml,<svg onload=alert(1)>"></object>',
    '<embed src="data:application/xhtml+xml,x">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>',
    '<form action="javascript:alert(1)"><input type="submit"></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="import" href="/x.html">',
    '<iframe src="data:image/png;base64,iVBORw0KGgo="></iframe>',
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](javascript\\:alert(1))",
    "[x](java\\script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#9;script:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript\\:alert(1)\n",
    "[x][r]\n\n[r]: &#106;avascript:alert(1)\n",
]
KRAMDOWN_PAYLOADS = [
    '![a](/p.png){: onerror="alert(1)"}',
    '*e*{: onclick="alert(1)"}',
    '[l](/x){: href="javascript:alert(1)"}',
    '{: onclick="alert(1)"}',
    "{:evil: onclick='alert(1)'}\n",
    '## Title {: onclick="alert(1)"}',
    '## *T*{: onclick="alert(1)"}',
]
HUGO_PAYLOADS = [
    '{{< figure src="/x.png" caption="<img src=x onerror=alert(1)>" >}}',
    '{{< figure src="/x.png" attr="<img src=x onerror=alert(1)>" >}}',
    '{{< figure src="/x.png" title="<img src=x onerror=alert(1)>" >}}',
    '{{< figure src="/x.png" alt="<img src=x onerror=alert(1)>" >}}',
    '{{< figure src="javascript:alert(1)" link="javascript:alert(2)" >}}',
    '## Title {#id onclick="alert(1)"}',
]
COMMON = [
    "\n",
    "\n\n",
    "`",
    "```\n",
    "\n```\n",
    "    ",
    "<div>",
    "</div>",
    "<noscript>",
    "</noscript>",
    '<p title="',
    '">',
    '" x=(y)>',
    "x",
    "<!--",
    "-->",
    "\\",
    "<svg>",
    "</svg>",
    "</p>",
    "<style>",
    "</style>",
    "<math><mi><mglyph>",
    "<textarea>",
    "</textarea>",
    "## ",
    "> ",
    "* ",
    "[",
    "](",
    ")",
    "<iframe srcdoc='",
    "'></iframe>",
]
JEKYLL = [
    *COMMON,
    "{% comment %}",
    "{% endcomment %}",
    "{% endcomment x %}",
    "{%- endcomment -%}",
    "{% raw %}",
    "{% endraw %}",
    "{% highlight html %}",
    "{% endhighlight %}",
    "{% endhighlight x %}",
    '{{ "',
    '" }}',
    '{% assign a = "',
    '" %}',
    "{% capture c %}",
    "{% endcapture %}",
    "{:",
    "}",
    "{: evil}",
    "{: #id .cls}",
    "![a](/p.png)",
    "[l](/x)",
    "*e*",
    "{::nomarkdown}",
    "{:/}",
    "{::comment}",
    "{:/comment}",
    "{% endcommenté %}",
    "&#106;",
    "javascript\\:",
]
HUGO = [
    *COMMON,
    "{{< highlight html >}}",
    "{{< /highlight >}}",
    "{{< / highlight >}}",
    "{{% /highlight %}}",
    "{{< highlight html />}}",
    "{{</* ",
    " */>}}",
    '{{< figure src="/x.png" caption="',
    '{{< figure src="/x.png" title="',
    '{{< figure src="/x.png" attr="',
    '" >}}',
    "{% comment %}",
    "{% endcomment %}",
    "<br>",
    "</br>",
    "<math>",
    "<mtext>",
    "<select>",
    "<template>",
    "</template>",
    "<xmp>",
    "</xmp>",
    " {#id .c}",
    "&#106;",
    "javascript\\:",
]


def make(rng: random.Random, generator: str) -> str:
    pieces = JEKYLL if generator == "jekyll" else HUGO
    payloads = PAYLOADS + (KRAMDOWN_PAYLOADS if generator == "jekyll" else HUGO_PAYLOADS)
    parts = [rng.choice(pieces) for _ in range(rng.randint(0, 8))]
    for _ in range(rng.choice((1, 1, 1, 2))):
        parts.insert(rng.randint(0, len(parts)), rng.choice(payloads))
    parts += [rng.choice(pieces) for _ in range(rng.randint(0, 4))]
    return "".join(parts) + "\n"


def build(root: Path, generator: str) -> bool:
    binary = shutil.which("jekyll" if generator == "jekyll" else "hugo")
    assert binary is not None
    command = [binary, "build", "--safe", "-q"] if generator == "jekyll" else [binary, "--quiet"]
    return subprocess.run(command, cwd=root, capture_output=True, timeout=600).returncode == 0


def write(root: Path, case: Case, generator: str) -> None:
    _site(root, case)
    if generator == "hugo-safe":
        (root / "hugo.toml").write_text(_HUGO_CONFIG.replace("unsafe = true", "unsafe = false"), encoding="utf-8")


def page(root: Path, case: Case) -> Path:
    folder = "_site" if case.generator == "jekyll" else "public/posts"
    return root / folder / case.name / "index.html"


def run(generator: str, count: int, seed: int, show_reported: bool = False, batch: int = 25) -> dict[str, object]:
    real = "jekyll" if generator == "jekyll" else "hugo"
    if shutil.which(real) is None:
        raise SystemExit(f"{real} is not installed: this fuzzer needs the real generator")
    rng = random.Random(seed)
    cases = [Case(f"f{seed}-{i}", real, make(rng, generator), ()) for i in range(count)]
    missed: list[str] = []
    reported: list[str] = []
    built = live_count = 0
    for start in range(0, len(cases), batch):
        group = cases[start : start + batch]
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            for case in group:
                write(root, case, generator)
            singles = not build(root, generator)
            for case in group:
                if singles:  # one post broke the batch: build each alone, and count those that build
                    shutil.rmtree(root)
                    root.mkdir()
                    write(root, case, generator)
                    if not build(root, generator):
                        continue
                built_page = page(root, case)
                if not built_page.exists():
                    continue
                built += 1
                live = _live(built_page.read_text(encoding="utf-8"))
                with tempfile.TemporaryDirectory() as other:
                    found = _pl7(Path(other), _site(Path(other), case))
                live_count += live
                if live and not found:
                    missed.append(case.body)
                elif found and not live:
                    reported.append(case.body)
    result: dict[str, object] = {
        "generator": generator,
        "seed": seed,
        "posts": count,
        "built": built,
        "live": live_count,
        "missed": len(missed),
        "reported_not_live": len(reported),
    }
    print(json.dumps(result), flush=True)
    for body in missed:
        print("MISS", repr(body), flush=True)
    if show_reported:
        for body in reported:
            print("REPORTED", repr(body), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("generator", choices=("jekyll", "hugo", "hugo-safe"))
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-reported", action="store_true")
    arguments = parser.parse_args()
    result = run(arguments.generator, arguments.posts, arguments.seed, arguments.show_reported)
    sys.exit(1 if result["missed"] else 0)


if __name__ == "__main__":
    main()
