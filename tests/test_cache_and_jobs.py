"""Parallel runs print exactly what serial runs print; the cache is fast, safe and never trusted blindly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_engine, run_cli

from postlint.run.cache import CACHE_ENV, CacheUnavailable, FindingsCache, cache_base, open_cache, project_folder

POST = """---
layout: post
title: "Post {n}"
date: 2024-03-{day:02d} 09:30:00
auther: City Desk
---

<figure><img src="https://cdn.example.com/{n}.jpg"></figure>
<div id="dfp-ad-{n}" class="dfp-tag-wrapper"></div>
"""


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "_posts"
    folder.mkdir()
    for n in range(90):
        (folder / f"2024-03-{n % 28 + 1:02d}-post-{n}.md").write_text(POST.format(n=n, day=n % 28 + 1))
    return tmp_path


def test_parallel_output_is_identical_to_serial(archive: Path) -> None:
    common = ["check", "_posts", "--format", "json", "--no-cache", "--now", "2026-01-01T00:00:00Z"]
    serial = run_cli(*common, "--jobs", "1", cwd=archive)
    parallel = run_cli(*common, "--jobs", "2", cwd=archive)
    assert serial[0] == parallel[0] == 1
    assert serial[1] == parallel[1]
    # Per post: PL104 (auther), PL202 (no zone), PL306 (no alt), PL501 (the ad slot); a lone bare figure is a
    # style, not a missing caption (PL401 reports bare figures only where captions are expected).
    assert json.loads(serial[1])["summary"]["total"] == 90 * 4


def test_warm_cache_gives_the_same_findings_outside_the_checkout(archive: Path) -> None:
    cold = run_cli("check", "_posts", "--jobs", "1", cwd=archive)
    # The cache is in the user's cache folder (here $POSTLINT_CACHE_DIR), one folder per project root.
    folder = project_folder(cache_base(), archive)
    assert (folder / ".gitignore").read_text().strip().endswith("*")
    entries = list(folder.rglob("*.json"))
    assert len(entries) == 90
    assert not (archive / ".postlint_cache").exists()
    warm = run_cli("check", "_posts", "--jobs", "1", cwd=archive)
    assert cold == warm
    # A warm run reads the entries, it does not re-lint: an entry's file is read, not rewritten.
    stamps = {entry: entry.stat().st_mtime_ns for entry in entries}
    assert run_cli("check", "_posts", "--jobs", "2", cwd=archive) == cold
    assert {entry: entry.stat().st_mtime_ns for entry in entries} == stamps
    none = run_cli("check", "_posts", "--no-cache", "--cache-dir", str(archive / "elsewhere"), cwd=archive)
    assert none == cold and not (archive / "elsewhere").exists()
    explicit = run_cli("check", "_posts", "--cache-dir", str(archive / "elsewhere"), cwd=archive)
    assert explicit == cold and len(list((archive / "elsewhere").rglob("*.json"))) == 90


def _engine_and_cache(root: Path, config: dict[str, object] | None = None) -> tuple[object, FindingsCache]:
    engine = make_engine(config, start=root)
    return engine, open_cache(root / "cache", engine.fingerprint, root / "key")


def test_corrupt_or_foreign_entries_are_rebuilt(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(POST.format(n=1, day=1))
    engine, cache = _engine_and_cache(tmp_path)
    first = engine.lint_file(post, "p.md", cache)  # type: ignore[attr-defined]
    assert len(first) == 4  # POST: PL104, PL202, PL306, PL501 (a lone bare figure is no PL401)
    [entry] = list((tmp_path / "cache").rglob("*.json"))
    entry.write_text("{not json")
    assert engine.lint_file(post, "p.md", cache) == first  # type: ignore[attr-defined]
    mac, payload = entry.read_text().split("\n", 1)
    document = json.loads(payload)
    document["findings"] = []  # a forged entry: the HMAC no longer matches
    entry.write_text(mac + "\n" + json.dumps(document))
    assert engine.lint_file(post, "p.md", cache) == first  # type: ignore[attr-defined]
    entry.write_text(json.dumps(document))  # the old, unsigned format
    assert engine.lint_file(post, "p.md", cache) == first  # type: ignore[attr-defined]


def test_changing_config_or_content_misses_the_cache(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(POST.format(n=1, day=1))
    engine, cache = _engine_and_cache(tmp_path)
    before = {f.code for f in engine.lint_file(post, "p.md", cache)}  # type: ignore[attr-defined]
    strict, strict_cache = _engine_and_cache(tmp_path, {"ignore": ["PL104"]})
    assert strict.fingerprint != engine.fingerprint  # type: ignore[attr-defined]
    after = {f.code for f in strict.lint_file(post, "p.md", strict_cache)}  # type: ignore[attr-defined]
    assert before - after == {"PL104"}
    post.write_text(POST.format(n=1, day=1).replace("auther", "author"))
    assert "PL104" not in {f.code for f in engine.lint_file(post, "p.md", cache)}  # type: ignore[attr-defined]


def test_cached_missing_image_is_rechecked(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: t\n---\n![A chart](chart.png)\n")
    engine, cache = _engine_and_cache(tmp_path)
    assert [f.code for f in engine.lint_file(post, "p.md", cache)] == ["PL305"]  # type: ignore[attr-defined]
    (tmp_path / "chart.png").write_bytes(b"png")
    assert engine.lint_file(post, "p.md", cache) == []  # type: ignore[attr-defined]


def test_unwritable_cache_does_not_break_the_run(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text(POST.format(n=1, day=1))
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    engine = make_engine(start=tmp_path)
    with pytest.raises(CacheUnavailable, match=r"cannot use .*cache-is-a-file/inside: Not a directory"):
        open_cache(blocker / "inside", engine.fingerprint, tmp_path / "key")
    cache = FindingsCache(blocker / "inside", engine.fingerprint, b"k" * 32)  # folders gone after the check
    assert engine.lint_file(post, "p.md", cache) == engine.lint_file(post, "p.md")
    status, out, err = run_cli("check", "p.md", "--cache-dir", str(blocker / "inside"), cwd=tmp_path)
    assert status == 1 and out.count("p.md:") == 4
    assert err.count("postlint: warning: cache not used: cannot use ") == 1 and "Traceback" not in err


def test_cache_is_kept_per_project_root(tmp_path: Path) -> None:
    import os

    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "postlint.toml").write_text('profile = "jekyll"\n')
    (site / "_posts" / "p.md").write_text(POST.format(n=1, day=1))
    work = tmp_path / "work"
    work.mkdir()
    status, _, _ = run_cli("check", "--config", str(site / "postlint.toml"), str(site / "_posts"), cwd=work)
    assert status == 1 and list(project_folder(cache_base(), site).rglob("*.json"))
    assert not project_folder(cache_base(), work).exists()
    assert not (site / ".postlint_cache").exists() and not (work / ".postlint_cache").exists()
    # A config that is not a file in a folder (the null device): the working folder is the project.
    status, _, _ = run_cli("check", "--config", os.devnull, str(site / "_posts"), cwd=work)
    assert status == 1 and list(project_folder(cache_base(), work).rglob("*.json"))
    assert os.environ[CACHE_ENV] == str(cache_base())
