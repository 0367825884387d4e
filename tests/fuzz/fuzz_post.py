#!/usr/bin/env python3
"""Fuzz postlint with mutated posts: no crash, bounded time and memory, findings inside the file.

    python tests/fuzz/fuzz_post.py --minutes 5                       # seeds: tests/fuzz/corpus, examples/
    python tests/fuzz/fuzz_post.py --minutes 30 --seeds ../shared/corpus/dev --out /tmp/fuzz-found

Each input is a seed post mutated by byte edits, inserted syntax (front matter, HTML, Markdown, Liquid,
suppressions, dates), splices, and above all *amplification*: a slice or a syntax token repeated up to
hundreds of thousands of times, or nested, because the bugs worth finding here are the inputs on which
work grows faster than the text (up to 5 MB). The shapes that issue 25 found (``SHAPES``: repeated
headings, source lines, refs among code spans, findings by the hundred thousand...) are put into seed posts
at random scales. Every input is linted in-process by all built-in rules (and PL802's anchors) and must:

- raise nothing and produce no PL902 rule-crashed finding;
- finish within ``--factor`` (15) times the time postlint takes on ordinary posts of the same size
  (measured at start-up on the seeds concatenated), never less than ``--floor`` seconds;
- add at most ``--max-memory-mb`` (350) to the process's peak memory (400 MB for a run, less postlint's
  own ~50 MB), measured in a forked child that lints the input (which also survives hangs and hard crashes);
- report every finding at a line and column that exist in the file.

A failing input is written to ``--out`` (crashes are first minimized by deleting chunks while the failure
persists). ``run()`` is also what the test suite calls for a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import random
import resource
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from postlint.config import Config
from postlint.core.model import Finding
from postlint.engine.lint import Engine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MAX_SIZE = 5_000_000

#: Syntax worth inserting and repeating: what the readers and rules branch on.
TOKENS = [
    "---\n",
    "+++\n",
    "{\n",
    "}",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "][",
    "[a](",
    "![a](b.png)",
    "[a]: /x\n",
    "`",
    "``",
    "```\n",
    "~~~\n",
    "    ",
    "\n",
    "\n\n",
    "\r\n",
    "\\",
    "<",
    ">",
    "</",
    "/>",
    "<!--",
    "-->",
    "<!-->",
    "<div>",
    "</div>",
    "<p>",
    '<span class="ad">',
    '<ins class="adsbygoogle"></ins>',
    '<img src="x.png">',
    '<img src="',
    '<img alt="a" src="/a.png">',
    "<script>",
    "</script>",
    "<pre>",
    "<figure>",
    "<figcaption>",
    '<a href="javascript:x">',
    '<iframe src="https://ad.doubleclick.net/x">',
    "<table><tr><td>",
    "&amp;",
    "&#",
    "&#x10FFFF;",
    "&#0;",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ud7ff",
    "\ufeff",
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{%",
    "%}",
    "{% highlight %}",
    "{% endhighlight %}",
    "{% raw %}",
    "<!-- postlint-disable -->",
    "<!-- postlint-enable -->",
    "<!-- postlint-disable-next-line PL301 -->\n",
    "<!-- postlint-disable-file PLX -->",
    "*",
    "**",
    "_",
    "#",
    "> ",
    "- ",
    "1. ",
    "|",
    "date: ",
    "date: 0001-01-01T00:00:00+14:00\n",
    "date: 9999-12-31T23:59:59-14:00\n",
    "date: !!timestamp x\n",
    "lastmod: 2020-02-30\n",
    "title: ",
    "tags: [",
    "&a ",
    "*a ",
    "<<: *a\n",
    "? ",
    "a = [",
    "a = {",
    '"',
    "'",
    "<https://example.org/a>",
    "<a@b.c>",
    "https://",
    "?utm_source=x&fbclid=y",
    "Advertisement\n",
    "广告\n",
    "<!-- 1600000000 -->",
    "\t",
    " ",
    "x" * 300,
    "/" * 300,
    "%00",
    "..",
]

Mutator = Callable[[random.Random, str], str]


def _pick(rng: random.Random, text: str) -> tuple[int, int]:
    if not text:
        return 0, 0
    start = rng.randrange(len(text))
    return start, min(len(text), start + rng.choice((1, 2, 4, 8, 16, 64, 256, 2048)))


def _insert(rng: random.Random, text: str) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + rng.choice(TOKENS) + text[at:]


def _delete(rng: random.Random, text: str) -> str:
    start, end = _pick(rng, text)
    return text[:start] + text[end:]


def _flip(rng: random.Random, text: str) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    code = rng.choice((0, 9, 10, 13, 32, 60, 62, 91, 93, 96, 127, 0xA0, 0x2028, rng.randrange(0x3000)))
    return text[:at] + chr(code) + text[at + 1 :]


def _repeat_slice(rng: random.Random, text: str) -> str:
    start, end = _pick(rng, text)
    count = rng.choice((10, 100, 1_000, 10_000, 100_000))
    piece = text[start:end] * count
    return text[:start] + piece[: MAX_SIZE - len(text)] + text[end:]


def _repeat_token(rng: random.Random, text: str) -> str:
    unit = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 3)))
    count = rng.choice((100, 1_000, 10_000, 100_000, 1_000_000))
    at = rng.randint(0, len(text))
    return text[:at] + (unit * count)[: MAX_SIZE - len(text)] + text[at:]


def _growing(rng: random.Random, text: str) -> str:
    """Runs of growing length (backticks, brackets...): defeats matchers that pair equal runs."""
    char = rng.choice("`~[(*_<{#-=")
    sep = rng.choice((" ", "a", "\n", ""))
    runs = sep.join(char * length for length in range(1, rng.choice((100, 1_000, 3_000))))
    at = rng.randint(0, len(text))
    return text[:at] + runs[: MAX_SIZE - len(text)] + text[at:]


def _nest(rng: random.Random, text: str) -> str:
    opener, closer = rng.choice(
        [
            ("<div>", "</div>"),
            ("<span class=ad>", "</span>"),
            ("[", "]"),
            ("{a=", "}"),
            ("> ", ""),
            ("- ", ""),
            ("<b><i>", "</b></i>"),
            ("[", "](x)"),
            ("![", "](a.png)"),
            ("<!--", "-->"),
            ("{{<", ">}}"),
        ]
    )
    depth = rng.choice((10, 100, 1_000, 10_000, 100_000))
    at = rng.randint(0, len(text))
    middle = (opener * depth + closer * depth)[: MAX_SIZE - len(text)]
    return text[:at] + middle + text[at:]


def _letters(i: int) -> str:
    out = ""
    while True:
        out += "abcdefghijklmnopqrstuvwxyz"[i % 26]
        i //= 26
        if not i:
            return out


#: Shapes of issue 25's "work that grows faster than the input": each a function of a count that builds
#: text whose cost was quadratic (or whose memory was a gigabyte) in some reader or rule, mostly because
#: each unit looked at all the others (repeated heading ids, attribution edges, code regions, findings).
SHAPES: list[Callable[[int], str]] = [
    lambda n: "# a\n\n" * n,  # repeated heading ids (PL802's "-1", "-2"...)
    lambda n: "".join(f"## 标题{i}\n\n[x](#{_letters(i)})\n\n" for i in range(n)),  # id patterns x fragments
    lambda n: "".join(f"# h `c{i}` h\n\n`code` `x`\n\n" for i in range(n)),  # headings among code spans
    lambda n: "".join(f"Source: [Example {i}](https://a.example/{i})\n\n" for i in range(n)),  # attribution
    lambda n: "".join(f'<p>Source: <a href="https://a.example/{i}">Reuters</a></p>\n' for i in range(n)),
    lambda n: "".join(f"[Fuzz title](https://a.example/{i})\n\n" for i in range(n)),  # link text = title
    lambda n: "<h2>Sources\n" + "".join(f'<p>P {i} <a href="https://a.example/{i}">Source</a></p>\n' for i in range(n)),
    lambda n: "# " + "".join(f"[Source](https://a.example/{i}) " for i in range(n)) + "\n",  # links on one line
    lambda n: "广告\n```\n" * n,  # ad labels between fences
    lambda n: "相关阅读" + "\u3000" * (n * 8) + "x\n" + "Read more:" + " " * (n * 8) + "x\n",  # long white space
    lambda n: '{{< ref "x" >}} `code`\n' * n,
    lambda n: "{% post_url 2020-01-01-x %} `code`\n" * n,
    lambda n: '{{< ref "x" \n' * n,  # unclosed shortcodes
    lambda n: "<" + "i" * (n * 40) + " " + "a=x " * 999 + ">\n",  # a long tag name, repeated attributes
    lambda n: "? ][</div>" * n,
    lambda n: "[]" * n,
    lambda n: "- a\n```\n" * n,
    lambda n: "[a][b]\n\n[b]: /x\n" + "`" * (n * 8),
    lambda n: "广告\n#" * n,
    lambda n: "tps://\n\nht" * n,
    # Second round: long runs inside one line (white space between words, in a table, after a label, only
    # white space), heading text the slugifiers strip, and one finding per repeat of a rule's cause.
    lambda n: "word " + " " * (n * 10) + " word\n",
    lambda n: "| a | b |\n|---|---|\n| x" + " " * (n * 10) + "| y |\n",
    lambda n: "来源\t" + "\t" * (n * 10) + "新华社\n",
    lambda n: "x\n" + "\u3000 " * (n * 5) + "\nx\n",
    lambda n: "# a" + "_" * (n * 10) + "b\n",
    lambda n: "# " + "<" * (n * 10) + "\n",
    lambda n: "# " + "![" * (n * 5) + "\n",
    lambda n: "# " + "`a" * (n * 5) + "\n",
    lambda n: "Sponsored content\n\n" * n,
    lambda n: "<span>2 hours ago</span>\n" * n,
    lambda n: "`c`\n\n" * n + "2 hours ago\n\n" * n,
    lambda n: '<figure><img src="a.png" alt=""><figcaption>x' + " (Reuters)" * n + "</figcaption></figure>\n",
    lambda n: "<div>" * n + "x" + "</div>" * n,  # deep nesting
    lambda n: "> " * n + "x\n",
    lambda n: "<img " + "".join(f' a{i}="v"' for i in range(n)) + ">\n",  # many attributes
    lambda n: "![x](data:image/png;base64," + "QUJD" * (n * 4) + ")\n",  # a megabyte data: URI
    lambda n: "{% if x %}a " * n + "{{< x >}}" * n + "{: .c}\n" * n,  # template and IAL tags
    lambda n: "".join(f"a[^{i}] " for i in range(n)) + "\n\n" + "".join(f"[^{i}]: n\n" for i in range(n)),
    lambda n: "<!-- x -->" * n + "a\x00b" * n,  # comments, NUL bytes
]


def _shape(rng: random.Random, text: str) -> str:
    """One of :data:`SHAPES`, from a few hundred bytes to the size limit, put into the seed post's body."""
    room = MAX_SIZE - len(text.encode("utf-8", "surrogatepass"))
    shape = rng.choice(SHAPES)
    count = rng.choice((100, 1_000, 10_000, 100_000, 1_000_000))
    unit = max(1, len(shape(10).encode()) // 10)
    body = shape(max(1, min(count, room // unit)))
    head, sep, rest = text.partition("\n---\n")
    if not sep or not text.startswith("---\n"):
        return text + body
    return head + sep + body + rest


def _splice(seeds: list[str]) -> Mutator:
    def splice(rng: random.Random, text: str) -> str:
        other = rng.choice(seeds)
        a, b = _pick(rng, other)
        at = rng.randint(0, len(text))
        return text[:at] + other[a:b] + text[at:]

    return splice


@dataclass
class Failure:
    kind: str  # crash, rule-crashed, slow, memory, position
    detail: str
    text: str


@dataclass
class Stats:
    inputs: int = 0
    bytes: int = 0
    largest: int = 0
    slowest: tuple[float, int] = (0.0, 0)  # seconds, size
    failures: list[Failure] = field(default_factory=list)


def load_seeds(extra: list[Path]) -> list[str]:
    paths = sorted((HERE / "corpus").glob("*.md")) + sorted((ROOT / "examples").glob("*/*.md"))
    for folder in extra:
        paths.extend(sorted(p for p in folder.iterdir() if p.is_file()))
    seeds = []
    for path in paths:
        seeds.append(path.read_bytes().decode("utf-8", "replace"))
    return seeds or ["---\ntitle: x\n---\nbody\n"]


def make_engine() -> Engine:
    # PL802 too (off by default): the heading ids and anchors it needs are then computed for every input.
    config = Config(extend_select=["PL802"])
    return Engine.from_config(config, ROOT, now=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))


def lint(engine: Engine, text: str, name: str = "fuzz.md") -> list[Finding]:
    data = text.encode("utf-8", "surrogatepass")
    path = HERE / "corpus" / "no-such-dir" / name  # local file lookups find nothing and stay in the tree
    return engine.lint_post(engine.parse(data, name, path)).findings


Seen = tuple[str, int, int, str]  # code, line, column, message


def seen(findings: list[Finding]) -> list[Seen]:
    return [(f.code, f.line, f.column, f.message) for f in findings]


def check_positions(text: str, findings: list[Seen]) -> str | None:
    data = text.encode("utf-8", "surrogatepass").removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    lines = data.split("\n")
    for code, line, column, _ in findings:
        if not 1 <= line <= max(1, len(lines)):
            return f"{code} at line {line} of {len(lines)}"
        if not 1 <= column <= len(lines[line - 1]) + 1:
            return f"{code} at {line}:{column}, line has {len(lines[line - 1])} chars"
    return None


@dataclass
class Outcome:
    findings: list[Seen]
    seconds: float
    #: Peak memory the lint added to the process, in MB (``None`` where it cannot be measured).
    grown_mb: float | None
    error: str | None = None  # a traceback, or why the child died


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def lint_isolated(engine: Engine, text: str, hard_limit: float) -> Outcome:
    """Lint ``text`` in a forked child: its own peak memory is measured, a crash of the interpreter or a
    hang (past ``hard_limit`` seconds) cannot take the fuzzer down. In-process where fork does not exist."""
    if not hasattr(os, "fork"):
        started = time.perf_counter()
        try:
            findings = seen(lint(engine, text))
        except Exception:
            return Outcome([], time.perf_counter() - started, None, traceback.format_exc(limit=-3))
        return Outcome(findings, time.perf_counter() - started, None)
    before = _rss_mb()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reader)
        try:
            started = time.perf_counter()
            payload: object = ("ok", seen(lint(engine, text)), time.perf_counter() - started)
        except BaseException:
            payload = ("crash", traceback.format_exc(limit=-3), 0.0)
        data = pickle.dumps(payload)
        with os.fdopen(writer, "wb") as stream:
            stream.write(data)
        os._exit(0)
    os.close(writer)
    chunks: list[bytes] = []
    deadline = time.monotonic() + hard_limit
    killed = False
    with os.fdopen(reader, "rb") as stream:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                killed = True
                break
            ready, _, _ = select.select([stream], [], [], left)
            if ready:
                chunk = os.read(stream.fileno(), 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    _, status, usage = os.wait4(pid, 0)
    grown = usage.ru_maxrss / 1024 - before
    if killed:
        return Outcome([], hard_limit, grown, f"killed after {hard_limit:.0f} s")
    if not chunks:
        return Outcome([], 0.0, grown, f"the child died (status {status})")
    kind, result, spent = pickle.loads(b"".join(chunks))
    if kind == "crash":
        return Outcome([], spent, grown, result)
    return Outcome(result, spent, grown)


def calibrate(engine: Engine, seeds: list[str]) -> tuple[float, float]:
    """(seconds per post, seconds per byte) of ordinary posts: the seeds linted one by one and joined."""
    clock = time.perf_counter
    # Ordinary: text a reader takes as a post (the examples of binary or undecodable files are not).
    seeds = [text for text in seeds if "\x00" not in text and "\ufffd" not in text and text.startswith("---\n")]
    sample = seeds[:200]
    started = clock()
    for text in sample:
        lint(engine, text)
    per_post = (clock() - started) / len(sample)
    joined = "---\ntitle: Calibration\n---\n" + "\n\n".join(text.split("\n---\n", 1)[-1] for text in seeds)
    while len(joined) < 1_000_000:
        joined += joined
    joined = joined[:1_000_000]
    started = clock()
    lint(engine, joined)
    per_byte = (clock() - started) / len(joined)
    return per_post, per_byte


def minimize(fails: Callable[[str], bool], text: str, budget: float = 60.0) -> str:
    """Delete chunks (halves, quarters, ... single characters) while ``fails`` still holds."""
    deadline = time.monotonic() + budget
    chunk = max(1, len(text) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        position, changed = 0, False
        while position < len(text) and time.monotonic() < deadline:
            candidate = text[:position] + text[position + chunk :]
            if candidate != text and fails(candidate):
                text, changed = candidate, True
            else:
                position += chunk
        if not changed:
            chunk //= 2
    return text


def run(
    seconds: float,
    seed: int = 0,
    extra_seeds: list[Path] | None = None,
    factor: float = 15.0,
    floor: float = 2.0,
    max_memory_mb: float = 350.0,
    out: Path | None = None,
    log: Callable[[str], None] = lambda message: None,
    max_size: int = MAX_SIZE,
    amplify: bool = True,
) -> Stats:
    rng = random.Random(seed)
    seeds = load_seeds(extra_seeds or [])
    engine = make_engine()
    per_post, per_byte = calibrate(engine, seeds)
    log(f"{len(seeds)} seeds; ordinary posts: {per_post * 1000:.1f} ms each, {per_byte * 1e6:.2f} us/byte")
    mutators: list[Mutator] = [_insert, _insert, _delete, _flip]
    if amplify:  # (the test suite's few seconds leave it out: what it finds can take minutes per input)
        mutators.extend([_repeat_slice, _repeat_token, _growing, _nest, _shape, _shape])
    mutators.append(_splice(seeds))
    stats = Stats()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = rng.choice(seeds)
        for _ in range(rng.choice((1, 1, 2, 3, 5))):
            text = rng.choice(mutators)(rng, text)
        encoded = text.encode("utf-8", "surrogatepass")
        if len(encoded) > max_size:
            text = encoded[:max_size].decode("utf-8", "ignore")
        size = len(text.encode("utf-8", "surrogatepass"))
        limit = max(floor, factor * (per_post + per_byte * size))
        outcome = lint_isolated(engine, text, max(4 * limit, min(60.0, deadline - time.monotonic())))
        failure: Failure | None = None
        if outcome.error is not None:
            failure = Failure("crash", outcome.error, text)
        crashed = [message for code, _, _, message in outcome.findings if code == "PL902"]
        if failure is None and crashed:
            failure = Failure("rule-crashed", crashed[0], text)
        if failure is None:
            wrong = check_positions(text, outcome.findings)
            if wrong:
                failure = Failure("position", wrong, text)
        spent = outcome.seconds
        if failure is None and spent > limit:
            failure = Failure("slow", f"{spent:.1f} s for {size:,} bytes (limit {limit:.1f} s)", text)
        if failure is None and outcome.grown_mb is not None and outcome.grown_mb > max_memory_mb:
            failure = Failure("memory", f"{outcome.grown_mb:.0f} MB more at peak for {size:,} bytes", text)
        stats.inputs += 1
        stats.bytes += size
        stats.largest = max(stats.largest, size)
        if spent > stats.slowest[0]:
            stats.slowest = (spent, size)
        if failure is not None:
            raised = failure.kind != "crash" or failure.detail.startswith("Traceback")
            if raised and len(text) < 200_000:  # an exception or a wrong finding, not a hang: minimize
                failure.text = minimize(partial(_fails_same, engine, failure.kind), text)
            stats.failures.append(failure)
            log(f"FAIL {failure.kind}: {failure.detail.strip().splitlines()[-1][:300]} ({size:,} bytes)")
            if out is not None:
                out.mkdir(parents=True, exist_ok=True)
                name = out / f"{failure.kind}-{len(stats.failures):04d}.md"
                name.write_bytes(failure.text.encode("utf-8", "surrogatepass"))
                name.with_suffix(".txt").write_text(failure.detail, encoding="utf-8")
    return stats


def _fails_same(engine: Engine, kind: str, text: str) -> bool:
    try:
        findings = seen(lint(engine, text))
    except Exception:
        return kind == "crash"
    if kind == "rule-crashed":
        return any(f[0] == "PL902" for f in findings)
    if kind == "position":
        return check_positions(text, findings) is not None
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--seeds", type=Path, action="append", default=[], help="more seed posts (a folder)")
    parser.add_argument("--factor", type=float, default=15.0)
    parser.add_argument("--floor", type=float, default=2.0)
    # 400 MB for a whole run, less the ~50 MB postlint itself takes before it reads a post.
    parser.add_argument("--max-memory-mb", type=float, default=350.0, help="peak memory one lint may add")
    parser.add_argument("--out", type=Path, default=None, help="where failing inputs are written")
    arguments = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    stats = run(
        arguments.minutes * 60,
        arguments.seed,
        arguments.seeds,
        arguments.factor,
        arguments.floor,
        arguments.max_memory_mb,
        arguments.out,
        log=lambda message: print(message, flush=True),
    )
    print(
        f"seed {arguments.seed}: {stats.inputs:,} inputs, {stats.bytes / 1e6:,.1f} MB, largest {stats.largest:,} "
        f"bytes, slowest {stats.slowest[0]:.2f} s ({stats.slowest[1]:,} bytes), {len(stats.failures)} failures",
        flush=True,
    )
    return 1 if stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
