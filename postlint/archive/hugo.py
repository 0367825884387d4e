"""The URL a file builds on a Hugo site (https://gohugo.io/content-management/urls/), from its path below
``content/``, its front matter (``url``, ``slug``, ``draft``) and the site config (``[permalinks]``,
``uglyURLs``, ``contentDir``). Leaf bundles (``index.md``) build their folder's URL, branch bundles
(``_index.md``) their section's."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from postlint.archive.facts import PageFacts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_MARKUP = (".md", ".markdown", ".mdown", ".html", ".htm", ".adoc", ".org", ".rst", ".pandoc")
_URLIZE_DROP = re.compile(r"[^\w\-./~]+", re.U)


@dataclass
class HugoSite:
    content_dir: str = "content"
    permalinks: dict[str, str] = field(default_factory=dict)
    ugly: bool = False

    @classmethod
    def read(cls, config: Path | None) -> HugoSite:
        site = cls()
        if config is None:
            return site
        try:
            text = config.read_bytes()[:1_000_000].decode("utf-8", "replace")
            if config.suffix == ".toml":
                data: Any = tomllib.loads(text)
            elif config.suffix == ".json":
                data = json.loads(text)
            else:
                import yaml

                data = yaml.safe_load(text)
        except Exception:  # a broken config is Hugo's to report: defaults, never a crash
            return site
        if not isinstance(data, dict):
            return site
        lowered = {str(k).lower(): v for k, v in data.items()}
        if isinstance(lowered.get("contentdir"), str):
            site.content_dir = lowered["contentdir"].strip("/") or "content"
        module = lowered.get("module")
        mounts = module.get("mounts") if isinstance(module, dict) else None
        for mount in mounts if isinstance(mounts, list) else []:
            # A module mount can put another folder where content is read from (`content/en` on hugoDocs).
            if isinstance(mount, dict) and mount.get("target") == "content" and isinstance(mount.get("source"), str):
                site.content_dir = mount["source"].strip("/") or site.content_dir
                break
        if isinstance(lowered.get("uglyurls"), bool):
            site.ugly = lowered["uglyurls"]
        links = lowered.get("permalinks")
        if isinstance(links, dict):
            page = links["page"] if isinstance(links.get("page"), dict) else links
            site.permalinks = {str(k): v for k, v in page.items() if isinstance(v, str)}
        return site


def urlize(text: str) -> str:
    """Hugo's ``urlize``: spaces to hyphens, lower case (``disablePathToLower`` aside), odd characters dropped."""
    return _URLIZE_DROP.sub("", text.strip().replace(" ", "-")).lower()


def content_path(rel: str, site: HugoSite) -> str | None:
    """``rel`` below the content folder, or ``None`` when the file is not content."""
    prefix = site.content_dir + "/"
    return rel[len(prefix) :] if rel.startswith(prefix) else None


def url_for(rel: str, page: PageFacts, site: HugoSite) -> str | None:
    inner = content_path(rel, site)
    if inner is None:
        return None
    parts = inner.split("/")
    stem, _, suffix = parts[-1].rpartition(".")
    if not stem or "." + suffix.lower() not in _MARKUP:
        return None
    front = page.front
    if front.get("draft") is True:
        return None
    url = front.get("url")
    if isinstance(url, str) and url.strip():
        value = url.strip()
        return value if value.startswith("/") else "/" + value
    folders = parts[:-1]
    if stem == "_index":
        return "/" + "".join(urlize(f) + "/" for f in folders)
    bundle = stem == "index"
    if bundle:
        if not folders:
            return "/"
        name = folders[-1]
        folders = folders[:-1]
    else:
        name = stem
    slug = front.get("slug")
    last = urlize(str(slug)) if isinstance(slug, str) and slug.strip() else urlize(name)
    section = folders[0] if folders else ""
    pattern = site.permalinks.get(section)
    if pattern and folders:
        day = _day(page.date)
        values = {
            "year": f"{day.year:04d}" if day else "",
            "month": f"{day.month:02d}" if day else "",
            "monthname": day.strftime("%B").lower() if day else "",
            "day": f"{day.day:02d}" if day else "",
            "weekday": str(day.isoweekday() % 7) if day else "",
            "yearday": str(day.timetuple().tm_yday) if day else "",
            "section": urlize(section),
            "sections": "/".join(urlize(f) for f in folders),
            "title": urlize(page.title or name) if page.title else urlize(name),
            "slug": last,
            "slugorfilename": last,
            "slugorcontentbasename": last,
            "filename": urlize(name),
            "contentbasename": urlize(name),
        }
        filled = re.sub(r":([a-z]+)", lambda m: values.get(m.group(1), m.group(0)), pattern)
        filled = re.sub(r"/{2,}", "/", "/" + filled.lstrip("/"))
        return filled if filled.endswith("/") or site.ugly else filled + "/"
    path = "/" + "".join(urlize(f) + "/" for f in folders) + last
    return path + (".html" if site.ugly and not bundle else "/")


def ref_keys(rel: str, site: HugoSite) -> list[str]:
    """What ``ref``/``relref`` accept for the file: its path below content (with and without the leading
    ``/`` and the extension), and for a bundle its folder."""
    inner = content_path(rel, site)
    if inner is None:
        return []
    stem = inner.rpartition(".")[0] or inner
    keys = [inner, stem]
    if stem.endswith("/index") or stem.endswith("/_index"):
        keys.append(stem.rpartition("/")[0])
    return [k.lower() for k in keys]


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
