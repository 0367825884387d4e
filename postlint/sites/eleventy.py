"""Eleventy (11ty): ``eleventy.config.js`` (``.mjs``/``.cjs``), ``.eleventy.js``, or a ``package.json``
that depends on ``@11ty/eleventy`` marks the site. Its config is JavaScript: postlint never runs it, and
reads ``package.json`` only as JSON data.

- Front matter is optional: a file without it is still a page (Eleventy's Get Started builds
  ``echo '# Heading' > README.md``; folder data files give it its data). Front matter (gray-matter)
  opens on the first line: ``---`` or ``---yaml`` (YAML), ``---json`` (JSON);
  ``---js`` / ``---javascript`` front matter is a program Eleventy runs, which postlint reports as
  unreadable (at 1:1) and does not check.
- ``date`` may be ``Last Modified``, ``Created``, ``git Last Modified`` or ``git Created``: Eleventy
  resolves these from the file or its git history, so they are valid dates there.
- ``permalink: false`` means "write no file for this template" (https://www.11ty.dev/docs/permalinks/):
  a valid value there.
- A date without a zone is read as UTC (Eleventy's documented default), so the site's zone is known.
- A file name may start with the date, ``YYYY-MM-DD-``, as on Jekyll.
- Markdown is markdown-it, like postlint's, pre-processed by Liquid (or Nunjucks): ``{% highlight %}``
  (the syntax-highlighting plugin) and ``{% comment %}`` hold code; ``{% set x %}...{% endset %}`` and
  ``{% capture x %}`` store their content in a variable (written elsewhere, often highlighted as code), so it
  is not page content where it stands, and ``{% renderTemplate "webc" %}`` hands its content to another
  template language, whose output is what stands there; ``{% raw %}`` only stops template
  processing (its content is still Markdown and HTML), and Hugo-style ``{{< >}}`` shortcodes do not exist.
- Site-absolute paths (``/img/x.png``) are looked up in the site's folder, its usual input folder
  ``src/`` and the input folder its config names (``dir: { input: "src/site" }``: Eleventy strips the input
  folder from the output path of a passthrough copy, so ``addPassthroughCopy("./src/site/images")`` serves
  ``/images/``), and in the passthrough copies the config writes as literal pairs
  (``addPassthroughCopy({"src/_includes/throbber.js": "js/throbber.js"})``); set ``static-dirs`` for others.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path

from postlint.core.lazyre import lazy_regex
from postlint.reading.sitefacts import SiteFacts
from postlint.sites.base import ContentRules, SiteGenerator, SiteLayout, read_config, read_text

#: The package whose presence in ``package.json`` makes a folder an Eleventy site.
PACKAGE = "@11ty/eleventy"
_DEPENDENCY_KEYS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")


class Eleventy(SiteGenerator):
    name = "eleventy"
    config_files = ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js", "package.json")
    default_timezone = ("UTC", "Eleventy (it reads dates without a zone as UTC)")
    facts = SiteFacts(
        generator="eleventy",
        fences=(
            ("---", "yaml"),
            ("---yaml", "yaml"),
            ("---json", "json"),
            ("---js", "code"),
            ("---javascript", "code"),
        ),
        # `{% set x %}...{% endset %}` (Nunjucks) and `{% capture x %}` (Liquid) store their content in a
        # variable instead of writing it there: the 11ty docs fill `codeBlock` and print it highlighted.
        # `{% renderTemplate "webc" %}...{% endrenderTemplate %}` (the Render plugin) hands its content to another
        # template language, whose output stands there instead (zachleat.com's `<youtube-lite-player @slug=…>`
        # is a WebC component whose `@` props never reach the page).
        code_tags=("highlight", "comment", "set", "capture", "renderTemplate"),
        shortcodes=False,
        date_keywords=frozenset(("last modified", "created", "git last modified", "git created")),
        false_keys=frozenset(("permalink",)),
        # Front matter is optional: every template file is rendered, with or without it; JSON front matter opens
        # with `---json`, so a first line starting with `{` is the body (`{% callout %}`).
        front_matter_required=False,
        json_objects=False,
        heading_ids=("markdown-it-anchor", "eleventy-slugify"),
    )

    def claims(self, config: Path) -> bool:
        """A ``package.json`` counts only when it lists ``@11ty/eleventy`` among its dependencies."""
        if config.name != "package.json":
            return True
        data = read_config(config)
        if not isinstance(data, dict):
            return False
        return any(isinstance(data.get(key), dict) and PACKAGE in data[key] for key in _DEPENDENCY_KEYS)

    def static_folders(self, root: Path) -> tuple[Path, ...]:
        return (root, root / "src")

    def layout(self, root: Path, config: Path) -> SiteLayout:
        """The folders (with the configured input folder), and the passthrough copies the config writes as data
        (read, never run)."""
        layout = super().layout(root, config)
        text = read_text(config) if config.name != "package.json" else None
        if not text:
            return layout
        folder = input_folder(text)
        bases = layout.bases
        if folder and root / folder not in bases:
            bases += (root / folder,)
        return replace(layout, bases=bases, served=passthrough_copies(text))

    def content(self, root: Path, config: Path) -> EleventyContent:
        return EleventyContent.read(root, config)

    def base_url(self, config: Path) -> str:
        return ""  # Eleventy's pathPrefix is set in JavaScript, which postlint does not run

    def site_title(self, config: Path) -> str | None:
        """The site's name from its global data (``_data/metadata.json``, ``site.json``, as eleventy-base-blog
        and most starters keep it; a ``.js`` data file's literal ``title: "…"``), in the data folder the
        config names (``dir.data``, relative to ``dir.input``)."""
        text = read_text(config) if config.name != "package.json" else None
        folders = {"input": "", "data": "_data"}
        for match in _DIR_KEY.finditer(text or ""):
            if match.group(1) in folders:
                folders[match.group(1)] = match.group(3).strip()
        root = config.parent
        places = [root / folders["input"] / folders["data"], root / "_data", root / "src" / "_data"]
        for folder in dict.fromkeys(os.path.normpath(place) for place in places):
            for name in _DATA_FILES:
                path = Path(folder) / name
                found = read_text(path) if path.is_file() else None
                if found is None:
                    continue
                if name.endswith(".json"):
                    try:
                        data = json.loads(found)
                    except ValueError:
                        continue
                    title = data.get("title") if isinstance(data, dict) else None
                else:
                    literal = _JS_TITLE.search(found)
                    title = literal.group(2) if literal else None
                if isinstance(title, str) and 0 < len(title.strip()) <= 60:
                    return title.strip()
        return None


#: `addPassthroughCopy(` and what it is given up to its `)` (objects of string pairs hold no parentheses
#: except computed keys, `[resolveModule("x")]`, read as far as their `)`).
_PASSTHROUGH = re.compile(r"addPassthroughCopy\s*\(")
#: `"from": "to"` (a string key) or `[computed]: "to"` in a passthrough object; quotes ", ' or `.
_PAIR = re.compile(r"""(?:(["'`])([^"'`\n]{1,300})\1|\[[^\]\n]{1,300}\])\s*:\s*(["'`])([^"'`\n]{1,300})\3""")
#: A JavaScript comment that starts a line: `// ...`, or `/* ... */` (inside a string, `"src/js/*.js"` and
#: `https://` are never at a line's start).
_COMMENT = re.compile(r"^[ \t]*(?://[^\n]*|/\*.*?\*/)", re.M | re.S)


def passthrough_copies(text: str) -> tuple[tuple[str, str], ...]:
    """The passthrough copies an Eleventy config writes as literals (https://www.11ty.dev/docs/copy/):
    ``addPassthroughCopy({"src/_includes/x.js": "js/x.js", [computed]: "js/y.js"})`` serves ``js/x.js`` and
    ``js/y.js``; ``addPassthroughCopy("src/img")`` serves ``img/`` (the input folder is not part of the URL,
    and postlint finds those already). Each as ``(site path, source)``, the source ``""`` when computed.
    Bounded: at most 1,000 calls, each read up to 5,000 characters."""
    served: list[tuple[str, str]] = []
    text = _COMMENT.sub("", text)
    for count, call in enumerate(_PASSTHROUGH.finditer(text)):
        if count >= 1000:
            break
        window = text[call.end() : call.end() + 5000]
        if window.lstrip().startswith("{"):
            close = window.find("})")
            for pair in _PAIR.finditer(window, 0, close if close >= 0 else len(window)):
                written = pair.group(4).strip()
                target = written.lstrip("./").lstrip("/")
                if target or written in ("/", "./", "."):  # `{"./public/": "/"}`: the folder at the site's root
                    served.append((target, pair.group(2) or ""))
    return tuple(served)


#: The global data files that name an Eleventy site, in the order they are looked for.
_DATA_FILES = ("metadata.json", "site.json", "meta.json", "metadata.js", "site.js")
#: ``title: "My site"`` in a JavaScript data file (read as text, never run).
_JS_TITLE = re.compile(r"""^\s*["']?title["']?\s*:\s*(["'`])([^"'`\n]{1,60})\1""", re.M)

#: ``dir: { input: "src", includes: "_includes", data: "_data", output: "_site" }`` as written in the config.
_DIR_KEY = re.compile(r"""\b(input|includes|layouts|data|output)\s*:\s*(["'`])([^"'`\n]{1,200})\2""")


def dir_folders(text: str) -> dict[str, str]:
    """The folders of the config's ``dir`` object as written (``input``, ``includes``, ``data``, ``output``,
    ``layouts``), Eleventy's defaults for those it does not name."""
    folders = {"input": "", "includes": "_includes", "data": "_data", "output": "_site", "layouts": ""}
    for match in _DIR_KEY.finditer(text):
        folders[match.group(1)] = match.group(3).strip().strip("./").strip("/") if match.group(3) != "." else ""
    return folders


#: ``templateFormats: ["njk", "md"]`` in the returned object, or ``setTemplateFormats("md,njk")`` /
#: ``setTemplateFormats(["md", "njk"])``, as written.
_FORMATS = lazy_regex(
    r"""(?:\btemplateFormats\s*:\s*|\bsetTemplateFormats\s*\(\s*)(\[[^\]]{0,300}\]|(["'`])[^"'`\n]{0,300}\2)"""
)
_FORMAT = lazy_regex(r"[A-Za-z0-9.]+")


def template_formats(text: str) -> frozenset[str]:
    """The template formats the config names (https://www.11ty.dev/docs/config/#template-formats), as file
    extensions (``11ty.js`` is ``js``); empty when it names none or computes them."""
    found = _FORMATS.search(_COMMENT.sub("", text))
    if found is None:
        return frozenset()
    names = {name.lower().rsplit(".", 1)[-1] for name in _FORMAT.findall(found.group(1).strip("[]\"'`"))}
    return frozenset(names)


def input_folder(text: str) -> str:
    """The input folder the config names (``""`` for the project's folder); never one that leaves it."""
    folder = dir_folders(text)["input"]
    return "" if ".." in folder.split("/") else folder


@dataclass
class EleventyContent(ContentRules):
    """What Eleventy reads as content (https://www.11ty.dev/docs/config/#input-directory): the files in its
    input folder, except its includes, layouts and data folders (``_includes``, ``_data``), its output
    (``_site``), ``node_modules`` and what ``.eleventyignore`` lists. The folders are read from the config's
    ``dir`` object as written (the JavaScript is never run), so a computed value is not seen."""

    input: str = ""
    ignored: list[str] = field(default_factory=list)
    never: list[str] = field(default_factory=list)
    #: The file extensions the config names as template formats (``templateFormats: ["njk", "md"]``), lower
    #: case; empty when it names none (Eleventy's defaults, ``.html`` among them).
    formats: frozenset[str] = frozenset()

    @classmethod
    def read(cls, root: Path, config: Path) -> EleventyContent:
        text = read_text(config) if config.name != "package.json" else None
        folders = dir_folders(text or "")
        rules = cls(input=folders["input"], formats=template_formats(text or ""))
        inside = (folders["input"] + "/") if folders["input"] else ""
        rules.never = [inside + folders[name] for name in ("includes", "layouts", "data") if folders[name]] + [
            folders["output"] or "_site",
            "node_modules",
        ]
        ignore = read_text(root / ".eleventyignore")
        for line in (ignore or "").splitlines():
            entry = line.strip()
            if entry and not entry.startswith(("#", "!")):
                rules.ignored.append(entry.removeprefix("./").rstrip("/"))
        return rules

    def is_content(self, relative: str, fs_path: Path) -> bool:
        if self.input and not relative.startswith(self.input + "/"):
            return False
        if self.formats and fs_path.suffix.lower().lstrip(".") not in self.formats:
            return False  # not a template format: copied (a passthrough file) or left out, never rendered
        if any(relative == f or relative.startswith(f + "/") for f in self.never):
            return False
        parts = relative.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return not any(fnmatchcase(p, pattern) for p in prefixes for pattern in self.ignored)
