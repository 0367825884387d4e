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
from typing import TYPE_CHECKING

from postlint.core.lazyre import lazy_regex
from postlint.knowledge.siteindex import PathStarts, start_key, url_key
from postlint.reading.sitefacts import SiteFacts
from postlint.sites.base import (
    ContentRules,
    SiteGenerator,
    SiteLayout,
    UrlRules,
    read_config,
    read_text,
)

if TYPE_CHECKING:
    from postlint.knowledge.pages import PageFacts

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

    url_config_files = config_files

    def base_url(self, config: Path) -> str:
        """The config's ``pathPrefix`` when written as a literal (https://www.11ty.dev/docs/config/#deploy-to-a-subdirectory-with-a-path-prefix):
        the site is served below it."""
        text = read_text(config) if config.name != "package.json" else None
        found = _PATH_PREFIX.search(_COMMENT.sub("", text or ""))
        return found.group(2) if found else ""

    def url_rules(self, root: Path | None, config: Path | None) -> EleventyUrls:
        if root is None:
            return EleventyUrls(builds_urls=False)
        return EleventyUrls.read(root, config)

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


#: ``pathPrefix: "/blog/"`` in the config's returned object.
_PATH_PREFIX = lazy_regex(r"""\bpathPrefix\s*:\s*(["'`])(/?[\w./-]{0,200})\1""")
#: What decides every page's URL from outside the pages: a global ``permalink`` (or computed data).
_GLOBAL_PERMALINK = lazy_regex(r"""addGlobalData\s*\(\s*["'`](?:permalink|eleventyComputed)\b""")
#: The template languages Eleventy renders by default, and those its common plugins add (WebC, MDX, JSX).
_TEMPLATES = ("md", "html", "njk", "liquid", "hbs", "mustache", "ejs", "haml", "pug", "webc", "mdx")
#: What the site pass reads of a site (postlint's default `include`): these templates' URLs come from their
#: facts; the others' from :meth:`EleventyUrls._read_file`.
_POSTS = frozenset(("md", "markdown", "html", "htm"))
_JS_TEMPLATE = lazy_regex(r"\.11ty\.(?:js|cjs|mjs|ts|mts|jsx|tsx)$")
#: A file name's leading date, which ``page.fileSlug`` leaves out (and the default URL keeps).
_FILE_DATE = lazy_regex(r"^\d{4}-\d{2}-\d{2}-")
_URL_FILTER = lazy_regex(r"\s*\|\s*url\s*$")
#: A template tag in a permalink, and the variables postlint fills: ``{{ page.fileSlug }}``.
_TAG = lazy_regex(r"\{\{-?\s*(.*?)\s*-?\}\}|\{%.*?%\}", re.S)
#: ``permalink: "/feed.xml"`` (or ``false``, or a constant's name) in JavaScript, or ``let permalink = "..."``
#: in JavaScript front matter, read as a literal.
_JS_PERMALINK = lazy_regex(
    r"""\bpermalink["']?\s*[:=]\s*(?:(["'`])([^"'`$\n]{0,300})\1|(false)\b|([A-Za-z_$][\w$]{0,100})\s*[,;}\n])"""
)
#: A ``permalink`` in YAML front matter: at the top level, or (indented) in ``eleventyComputed``.
_FRONT_PERMALINK = lazy_regex(r"^[ \t]*permalink[ \t]*:", re.M)
#: The extensions of what Eleventy's plugins write besides the templates (feeds, sitemaps, bundles).
_GENERATED = lazy_regex(r"\.(?:xml|json|txt|rss|atom|ics|webmanifest|xsl|css|js)$", re.I)
#: A permalink (or a part of the data cascade holding one) that postlint cannot read: computed in JavaScript.
UNSURE = "\x00unsure"
#: How many files of the input folder are looked at for data files and JavaScript front matter.
_WALK_LIMIT = 50_000


def _js_permalink(text: str) -> str | bool | None:
    """The permalink a JavaScript data file or template sets: ``None`` when it names none, the literal (or
    ``False``) when every mention is one literal, else :data:`UNSURE`."""
    mentions = text.count("permalink")
    if not mentions:
        return None
    values: set[str | bool] = set()
    for _, value, false, name in _JS_PERMALINK.findall(text):
        if name:  # `permalink: PERMALINK` with `const PERMALINK = "/firehose/firehose.rss";` above
            constant = re.search(
                r"\b(?:const|let|var)\s+" + re.escape(name) + r"""\s*=\s*(["'`])([^"'`$\n]{0,300})\1""", text
            )
            if constant is None:
                return UNSURE
            value = constant.group(2)
        values.add(False if false else value)
        mentions -= 1
    if mentions == 1 and not values:
        computed = _returned(text)
        if computed is not None:
            return computed
    if mentions or len(values) != 1:
        return UNSURE
    return values.pop()


#: A permalink computed by a function (``permalink: function (data) { return `/tags/${...}/`; }`` or
#: ``permalink: (data) => "/x/"``): the string it returns, as far as it is literal.
_JS_RETURNED = lazy_regex(
    r"""\bpermalink["']?\s*[:=(][^\n]{0,120}?(?:=>\s*|\{[^{}]{0,400}?\breturn\s+)(["'`])([^"'`$\n]{0,300})(.)"""
)


def _returned(text: str) -> str | None:
    """The permalink a JavaScript function returns, with what it computes (``${...}``) as a template tag
    postlint does not fill; ``None`` when it does not return a string."""
    found = _JS_RETURNED.search(text)
    if found is None:
        return None
    if found.group(3) == found.group(1):
        return found.group(2)
    return found.group(2) + "{{ computed }}" if found.group(3) == "$" else None


def _data_permalink(data: object) -> str | bool | None:
    """The permalink a JSON data file (or front matter's values) sets, :data:`UNSURE` for a computed one."""
    if not isinstance(data, dict):
        return None
    computed = data.get("eleventyComputed")
    if isinstance(computed, dict) and "permalink" in computed:
        value = computed["permalink"]
        return value if isinstance(value, str) else UNSURE
    if "permalink" not in data:
        return None
    value = data["permalink"]
    if value is False:
        return False
    if isinstance(value, str):
        return value
    build = value.get("build") if isinstance(value, dict) else None
    return build if isinstance(build, str) else UNSURE  # Eleventy 1 and 2: `permalink: {build: "/x/"}`


@dataclass
class EleventyUrls(UrlRules):
    """The URL a template builds on an Eleventy site (https://www.11ty.dev/docs/permalinks/, checked against
    Eleventy 3.1): its path below the input folder without the extension, as a folder (``posts/a.md`` is
    ``/posts/a/``, keeping a leading date); ``index`` and a file named like its folder
    (``posts/same/same.md``) build the folder's URL. A ``permalink`` replaces it, from the template's front
    matter, else its template data file (``a.11tydata.json``), else the nearest directory data file
    (``posts/posts.11tydata.json``); ``false`` builds nothing. A permalink template is filled when it uses
    ``page.fileSlug`` or ``page.filePathStem`` only; any other tag (``{{ title | slugify }}``, a paginated
    template, JavaScript front matter or data) makes the URL one postlint does not compute, and only the
    literal start before the tag is certain. A global permalink (in ``_data`` or layouts' front matter, or
    ``addGlobalData``) leaves the whole site's URLs unknown. Data files and JavaScript are read as text,
    never run."""

    builds_urls: bool = True
    input: str = ""
    never: tuple[str, ...] = ()
    #: The permalink each directory data file sets, by folder (below the site's folder).
    folders: dict[str, str | bool] = field(default_factory=dict)
    #: The permalink template data files, JavaScript templates and JavaScript front matter set, by the
    #: template's path without its extension (``posts/a``) or, for the last two, its path.
    files: dict[str, str | bool] = field(default_factory=dict)
    #: The templates whose JavaScript front matter paginates them (one URL per page of data).
    paged: set[str] = field(default_factory=set)
    #: The URL keys the templates that are not posts build (``.njk``, ``.webc``, ``.11ty.js``: the site
    #: pass reads Markdown and HTML only), and the certain starts of those it cannot compute.
    others: set[str] = field(default_factory=set)
    other_starts: PathStarts = field(default_factory=PathStarts)

    #: The text values of the global data's JSON files (``_data/metadata.json``), by their dotted names
    #: (``metadata.jsonfeed.path``), which permalinks may print.
    data: dict[str, str] = field(default_factory=dict)
    #: Whether the config adds Eleventy's InputPath-to-URL plugin (links to ``x.md`` become its URL).
    input_paths: bool = False
    #: The templates the site pass does not read, with their front matter's permalink and pagination, until
    #: their URLs are worked out.
    _unread: dict[str, tuple[str | bool | None, bool]] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, root: Path, config: Path | None) -> EleventyUrls:
        text = read_text(config) if config is not None and config.name != "package.json" else None
        code = _COMMENT.sub("", text or "")
        folders = dir_folders(code)
        content = EleventyContent.read(root, config) if config is not None else EleventyContent()
        rules = cls(input=input_folder(code), never=tuple(content.never))
        rules.input_paths = "InputPathToUrl" in code
        if _GLOBAL_PERMALINK.search(code):
            rules.builds_urls = False
            return rules
        inside = (folders["input"] + "/") if folders["input"] else ""
        data = os.path.normpath(inside + folders["data"])
        for name in ("permalink", "eleventyComputed"):
            for suffix in (".json", ".js", ".cjs", ".mjs", ".yaml", ".yml"):
                if (root / data / (name + suffix)).is_file():
                    rules.builds_urls = False  # a global permalink (or computed data) for every template
                    return rules
        rules.data = global_texts(root / data)
        layouts = [os.path.normpath(inside + folders[k]) for k in ("includes", "layouts") if folders[k]]
        if not rules._walk(root, layouts):
            rules.builds_urls = False
        for relative, (front, paged) in rules._unread.items():
            url, start = rules._url_from(relative, front, paged)
            if url is not None:
                rules.others.add(url_key(url))
            elif start is not None:
                rules.other_starts.add(start_key(start))
        rules._unread.clear()
        return rules

    def _walk(self, root: Path, layouts: list[str]) -> bool:
        """Reads the data files, JavaScript templates and JavaScript front matter of the input folder, and the
        layouts' front matter; ``False`` when a layout sets a permalink or there are too many files."""
        count = 0
        never = {*self.never, *layouts}
        for base in layouts:
            if base.split("/")[0] == ".." or not (root / base).is_dir():
                continue
            for folder, dirs, names in os.walk(root / base):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
                for name in names:
                    count += 1
                    if count > _WALK_LIMIT or _front_sets_permalink(os.path.join(folder, name)):
                        return False
        for folder, dirs, names in os.walk(root / self.input if self.input else root):
            relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
            relative_folder = "" if relative_folder == "." else relative_folder
            lead = relative_folder + "/" if relative_folder else ""
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and d not in ("node_modules", "_site") and lead + d not in never
            )
            for name in sorted(names):
                count += 1
                if count > _WALK_LIMIT:
                    return False
                self._read_file(os.path.join(folder, name), lead + name, relative_folder, name)
        return True

    def _read_file(self, path: str, relative: str, relative_folder: str, name: str) -> None:
        base = os.path.basename(relative_folder)
        stem, _, suffix = name.partition(".")
        if suffix in ("11tydata.json", "json", "11tydata.js", "11tydata.cjs", "11tydata.mjs"):
            text = read_text(Path(path))
            if text is None:
                return
            if suffix.endswith("json"):
                try:
                    value = _data_permalink(json.loads(text))
                except ValueError:
                    value = None
            else:
                value = _js_permalink(text)
            if value is None:
                return
            if stem == base:
                self.folders[relative_folder] = value
            self.files[(relative_folder + "/" if relative_folder else "") + stem] = value
            return
        if _JS_TEMPLATE.search(name):
            text = read_text(Path(path))
            value = _js_permalink(text or "")
            if value is not None:
                self.files[relative] = value
            self._unread[relative] = (None, "pagination" in (text or ""))
            return
        kind = suffix.rsplit(".", 1)[-1].lower()
        if kind in _TEMPLATES and kind not in _POSTS:
            self._unread[relative] = _front_permalink(path)
        if kind in _TEMPLATES:
            try:
                with open(path, "rb") as handle:
                    head = handle.read(16).removeprefix(b"\xef\xbb\xbf")
            except OSError:
                return
            if head.startswith((b"---js", b"---javascript")):
                text = read_text(Path(path)) or ""
                end = text.find("\n---", 5)
                value = _js_permalink(text[: end if end >= 0 else len(text)])
                if value is not None:
                    self.files[relative] = value
                if "pagination" in text[: end if end >= 0 else len(text)]:
                    self.paged.add(relative)

    def is_template(self, relative: str) -> bool:
        return any(relative == f or relative.startswith(f + "/") for f in self.never) or super().is_template(relative)

    def _inner(self, relative: str) -> tuple[str, str] | None:
        """The template's path below the input folder, and the same without its extension; ``None`` for a
        file that is no template or lies outside the input folder."""
        if self.input:
            if not relative.startswith(self.input + "/"):
                return None
            inner = relative[len(self.input) + 1 :]
        else:
            inner = relative
        if self.is_template(relative):
            return None
        name = inner.rsplit("/", 1)[-1]
        js = _JS_TEMPLATE.search(name)
        if js:
            return inner, inner[: len(inner) - len(js.group(0))]
        stem, dot, suffix = inner.rpartition(".")
        if not dot or "/" in suffix or suffix.lower() not in _TEMPLATES or not stem.rsplit("/", 1)[-1]:
            return None
        return inner, stem

    def _permalink(self, relative: str, front: str | bool | None) -> str | bool | None:
        """The permalink the data cascade gives the template (``None``: the default URL), ``front`` being
        its front matter's."""
        own = self.files.get(relative)
        if own is not None:
            return own
        if front is not None:
            return front
        folder = relative.rpartition("/")[0]
        for key in (relative.rpartition(".")[0], stem_full(relative)):
            if key in self.files:
                return self.files[key]
        while True:
            if folder in self.folders:
                return self.folders[folder]
            if not folder or (self.input and folder == self.input):
                return None
            folder = folder.rpartition("/")[0]

    def _url(self, relative: str, page: PageFacts) -> tuple[str | None, str | None]:
        return self._url_from(relative, _data_permalink(page.front), "pagination" in page.front)

    def _url_from(self, relative: str, front: str | bool | None, paged: bool) -> tuple[str | None, str | None]:
        """The URL the template builds, or (when it cannot be computed) the certain start of it."""
        found = self._inner(relative)
        if found is None:
            return None, None
        _, stem_path = found
        *folders, stem = stem_path.split("/")
        if stem == "index" or (folders and stem == folders[-1]):
            default = "/" + "".join(f + "/" for f in folders)
        else:
            default = "/" + "".join(f + "/" for f in folders) + stem + "/"
        permalink = self._permalink(relative, front)
        paginated = paged or relative in self.paged
        if permalink is None:
            return (None, default) if paginated else (default, None)
        if permalink is False:
            return None, None
        if not isinstance(permalink, str) or permalink == UNSURE or not permalink.strip():
            return None, "/"
        slug = folders[-1] if stem == "index" and folders else "" if stem == "index" else stem
        values = {
            "page.fileSlug": _FILE_DATE.sub("", slug),
            "page.filePathStem": "/" + stem_path,
        }
        filled: list[str] = []
        at = 0
        for tag in _TAG.finditer(permalink):
            expression = _URL_FILTER.sub("", tag.group(1) or "")  # the `url` filter adds only pathPrefix
            value = values.get(expression) or self.data.get(expression)
            if value is None:
                return None, "/" + ("".join(filled) + permalink[at : tag.start()]).lstrip("/")
            filled.append(permalink[at : tag.start()] + value)
            at = tag.end()
        url = "/" + ("".join(filled) + permalink[at:]).strip().lstrip("/")
        if "//" in url:  # Eleventy reads `/bb//a/b.html` as a host `a` and writes `/bb/b.html`: not followed here
            return None, url[: url.index("//") + 1]
        if paginated:
            return None, url if url.endswith("/") else url.rpartition("/")[0] + "/"
        return url, None

    def url_for(self, relative: str, page: PageFacts) -> str | None:
        return self._url(relative, page)[0]

    def unsure_prefix(self, relative: str, page: PageFacts) -> str | None:
        return self._url(relative, page)[1]

    def generated(self, key: str) -> bool:
        """What the templates the site pass does not read build (``.njk``, ``.webc``, ``.11ty.js``: see
        :meth:`_read_file`), what Eleventy's plugins write besides the
        templates (a feed at ``/feed/feed.xml``, a sitemap, bundles), and, with the InputPath-to-URL plugin, a
        template's file path, which becomes its URL."""
        if key in self.others or self.other_starts.covers(key):
            return True
        name = key.rsplit("/", 1)[-1]
        if _GENERATED.search(name):
            return True
        return self.input_paths and "." in name and name.rsplit(".", 1)[-1].lower() in _TEMPLATES


def stem_full(relative: str) -> str:
    """``posts/a.11tydata`` style keys: the path without everything after the file name's first dot."""
    folder, _, name = relative.rpartition("/")
    return (folder + "/" if folder else "") + name.split(".", 1)[0]


def _front_sets_permalink(path: str) -> bool:
    """Whether a layout's front matter sets ``permalink`` (or computed data), which its pages inherit."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192).decode("utf-8", "replace").removeprefix("\ufeff")
    except OSError:
        return False
    if not head.startswith("---"):
        return False
    end = head.find("\n---", 3)
    front = head[: end if end >= 0 else len(head)]
    return bool(_FRONT_PERMALINK.search(front)) or (head.startswith("---js") and "permalink" in front)


#: A top-level ``permalink:`` (or ``pagination:``, ``eleventyComputed:``) line of YAML front matter.
_YAML_KEY = lazy_regex(r"^(permalink|pagination|eleventyComputed)[ \t]*:([^\n]*)$", re.M)


def _front_permalink(path: str) -> tuple[str | bool | None, bool]:
    """A template's front-matter permalink as written (``False`` for ``false``, :data:`UNSURE` for one that
    is not a one-line literal, or computed), and whether it paginates; read as text from its first 8 KB."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192).decode("utf-8", "replace").removeprefix("\ufeff")
    except OSError:
        return None, False
    if not head.startswith("---"):
        return None, False
    end = head.find("\n---", 3)
    front = head[: end if end >= 0 else len(head)]
    if head.startswith(("---js", "---javascript", "---json")):
        return UNSURE if "permalink" in front else None, "pagination" in front
    value: str | bool | None = None
    paged = False
    for key, written in _YAML_KEY.findall(front):
        if key == "pagination":
            paged = True
        elif key == "eleventyComputed":
            if re.search(r"^[ \t]+permalink[ \t]*:", front, re.M):
                value = UNSURE
        else:
            text = written.split(" #", 1)[0].strip()
            if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
                value = text[1:-1]
            else:  # unquoted: a block (`|`, `>`), a flow collection, an alias or a tag is not a one-line text
                value = False if text == "false" else text if text and text[0] not in "|>{[&*!'\"" else UNSURE
    return value, paged


def global_texts(folder: Path, limit: int = 200) -> dict[str, str]:
    """The text values of the JSON files of Eleventy's global data folder (at most ``limit`` files, each
    value at most 300 characters, 4 levels deep), by dotted name: ``metadata.json`` holding
    ``{"jsonfeed": {"path": "/feed/feed.json"}}`` gives ``metadata.jsonfeed.path``."""
    found: dict[str, str] = {}

    def walk(value: object, name: str, depth: int) -> None:
        if isinstance(value, str) and len(value) <= 300:
            found[name] = value
        elif isinstance(value, dict) and depth < 4:
            for key, item in list(value.items())[:500]:
                walk(item, f"{name}.{key}", depth + 1)

    try:
        names = sorted(os.listdir(folder))[:limit] if folder.is_dir() else []
    except OSError:
        return found
    for name in names:
        if name.endswith(".json") and "." not in name[:-5]:
            try:
                walk(json.loads(read_text(folder / name) or "null"), name[:-5], 0)
            except ValueError:
                continue
    return found
