"""What a one-file run loads (docs/performance.md, "Start-up"): a pre-commit run is mostly start-up, and
these tests fail when a change makes every run pay for what only some runs need, without timing anything.

Each case runs ``postlint check`` in a fresh interpreter through ``tests/startup_probe.py``, which reports
the pydantic models postlint built, the modules it imported and how many module-level patterns were
compiled. The bounds on patterns leave a little room: raise them on purpose (with a new measurement in
docs/performance.md), or make the new pattern a ``lazy_regex``.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from postlint.core import entrypoints
from postlint.core.lazyre import _Pattern, lazy_regex

PROBE = Path(__file__).with_name("startup_probe.py")
PLAIN_POST = (
    "---\nlayout: post\ntitle: River festival\ndate: 2024-07-08 18:00:00 +08:00\ntags: [river]\n---\n\n"
    "Boats lined the banks at dawn. ![Boats at dawn](https://cdn.example.com/boats.jpg)\n\n"
    "The race started at noon, [as planned](https://example.com/plan).\n"
)
HTML_POST = (
    "---\nlayout: post\ntitle: Harbour\ndate: 2024-07-09 10:00:00 +08:00\n---\n"
    '<p>The ferry ran late.</p>\n<p><img src="https://cdn.example.com/ferry.jpg" alt="The ferry"></p>\n'
)


def _probe(folder: Path, *arguments: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    facts = folder / "facts.json"
    completed = subprocess.run(
        [sys.executable, str(PROBE), str(facts), "check", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    assert facts.is_file(), completed.stderr
    result: dict[str, Any] = json.loads(facts.read_text(encoding="utf-8"))
    result["stderr"] = completed.stderr
    return result


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-07-08-river.md").write_text(PLAIN_POST, encoding="utf-8")
    (tmp_path / "_posts" / "2024-07-09-harbour.html").write_text(HTML_POST, encoding="utf-8")
    return tmp_path


def test_a_one_file_run_builds_only_the_front_matter_model(site: Path) -> None:
    facts = _probe(site, "--no-cache", "--config", os.devnull, "_posts/2024-07-08-river.md")
    assert facts["status"] == 0, facts["stderr"]
    # No config: no Config model, no rule's options class, no pack model; the post's front matter is checked
    # against the jekyll profile, which is the one model a run with a post needs.
    assert facts["built"] == ["JekyllPost"]


def test_a_run_whose_files_come_from_the_cache_builds_no_model(site: Path, tmp_path: Path) -> None:
    arguments = ("--cache-dir", str(tmp_path / "cache"), "--config", os.devnull, "_posts/2024-07-08-river.md")
    first = _probe(site, *arguments)
    again = _probe(site, *arguments)
    assert (first["status"], first["built"]) == (0, ["JekyllPost"])
    assert (again["status"], again["built"]) == (0, [])


def test_a_configured_option_builds_its_class_and_a_wrong_one_names_its_key(site: Path) -> None:
    (site / "postlint.toml").write_text("[rules.date-in-future]\ntolerance-hours = 48\n", encoding="utf-8")
    facts = _probe(site, "--no-cache", "_posts/2024-07-08-river.md")
    assert facts["status"] == 0, facts["stderr"]
    assert "DateInFutureOptions" in facts["built"] and "Config" in facts["built"]
    assert not any(name.endswith("Options") and name != "DateInFutureOptions" for name in facts["built"])
    (site / "postlint.toml").write_text("[rules.date-in-future]\ntolerance-hour = 48\n", encoding="utf-8")
    facts = _probe(site, "--no-cache", "_posts/2024-07-08-river.md")
    assert facts["status"] == 2 and "rules.date-in-future.tolerance-hour: unknown option" in facts["stderr"]


def test_a_plain_run_compiles_few_patterns_and_loads_no_optional_module(site: Path) -> None:
    facts = _probe(site, "--no-cache", "--config", os.devnull, "_posts/2024-07-09-harbour.html")
    assert facts["status"] == 0, facts["stderr"]
    # Measured when this test was written: 51 patterns compiled at import (the HTML tokenizer's among them: every
    # post uses those), 16 of ~185 lazy ones compiled by the run (the readers' and rules' this post reaches).
    assert facts["eager_patterns"] <= 60
    assert facts["lazy_patterns"] >= 150 and facts["lazy_compiled"] <= 45
    loaded = set(facts["modules"])
    # An HTML post needs no Markdown parser and no CSS selector translation; the text report, no other one.
    unneeded = {"markdown_it", "cssselect", "aiohttp", "postlint.online.run", "postlint.reporters.json"}
    assert not unneeded & loaded
    assert "postlint.reporters.text" in loaded


def test_lazy_regex_behaves_as_the_compiled_pattern() -> None:
    lazy = lazy_regex(r"(?P<word>b\w+)", re.I)
    eager = re.compile(r"(?P<word>b\w+)", re.I)
    assert "search" not in vars(lazy)  # nothing compiled yet
    text = "Boats, barges and a ferry"
    assert [m.group("word") for m in lazy.finditer(text)] == [m.group("word") for m in eager.finditer(text)]
    assert "search" in vars(lazy)  # compiled once; its methods are now the instance's own
    assert lazy.sub("x", text) == eager.sub("x", text) and lazy.split(text) == eager.split(text)
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        eager.pattern,
        eager.flags,
        eager.groups,
        eager.groupindex,
    )
    assert lazy.match(text, 7) is not None and lazy.fullmatch("barges") is not None


def _modules(package: str) -> list[str]:
    root = importlib.import_module(package)
    return [
        info.name
        for info in pkgutil.walk_packages(root.__path__, f"{package}.")
        if not info.name.startswith(("postlint.cli.server", "postlint.online"))  # optional dependencies
    ]


def test_every_lazy_pattern_compiles() -> None:
    """A lazy pattern's mistake shows when it is first used: compile every module-level one here."""
    count = 0
    for name in [*_modules("postlint"), *_modules("postlint_rules")]:
        module = importlib.import_module(name)
        for value in vars(module).values():
            for item in value.values() if isinstance(value, dict) else (value,):
                if isinstance(item, _Pattern):
                    assert isinstance(item.pattern, str)  # compiles it (re.error otherwise)
                    count += 1
    assert count >= 150


@pytest.mark.parametrize("group", ["postlint.rules", "console_scripts", "pydantic", "pytest11"])
def test_declared_entry_points_agree_with_importlib_metadata(group: str) -> None:
    from importlib.metadata import entry_points

    declared = entrypoints.declared(group)
    if declared is None:  # this interpreter's path holds something only importlib.metadata reads
        pytest.skip("entry points not vouched for on this sys.path")
    assert {(name, value) for _, name, value in declared} == {
        (point.name, point.value) for point in entry_points(group=group)
    }


_REPORT = (
    "import json, sys\n"
    "from postlint.core.entrypoints import declared\n"
    "from postlint.engine.registry import _entry_points\n"
    "print(json.dumps([declared('postlint.rules') is None, [name for name, _, _ in _entry_points()],"
    " 'importlib.metadata' in sys.modules]))\n"
)


def _entry_point_report(path: Path) -> list[Any]:
    completed = subprocess.run(
        [sys.executable, "-c", _REPORT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(path)},
        cwd=path.parent,
        check=True,
    )
    result: list[Any] = json.loads(completed.stdout)
    return result


def test_rules_are_found_without_importlib_metadata_and_a_plugin_through_it(tmp_path: Path) -> None:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    assert _entry_point_report(folder) == [False, ["builtin"], False]
    info = folder / "myplugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: myplugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[postlint.rules]\nmine = myplugin\n", encoding="utf-8")
    # Another package declares rules: importlib.metadata is asked, and finds both.
    assert _entry_point_report(folder) == [False, ["builtin", "mine"], True]


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path: Path) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("zipped-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\nVersion: 1.0\n")
        bundle.writestr("zipped-1.0.dist-info/entry_points.txt", "[postlint.rules]\nzipped = zipped\n")
    assert _entry_point_report(archive) == [True, ["builtin", "zipped"], True]


@pytest.mark.parametrize("css", ["nav", "NAV", "h1", "aside", "Footer", "iframe", "nav a", "nav.menu", "a[href]"])
def test_a_bare_element_name_translates_as_cssselect_translates_it(css: str) -> None:
    from cssselect import HTMLTranslator

    from postlint.knowledge.packs.model import translate

    assert translate(css) == HTMLTranslator().css_to_xpath(css)


def test_a_markdown_run_loads_no_package_metadata_reader(site: Path) -> None:
    facts = _probe(site, "--no-cache", "--config", os.devnull, "_posts/2024-07-08-river.md")
    assert facts["status"] == 0, facts["stderr"]
    loaded = set(facts["modules"])
    # importlib.metadata (with email, zipfile, csv and socket) is read neither for pydantic's plugins nor for
    # postlint's own URLs; the packs are read from their folder, not through importlib.resources; a run
    # that writes nothing imports no tempfile, and one that shows no diff and suggests no key no difflib.
    unneeded = {"importlib.metadata", "importlib.resources", "email", "zipfile", "csv", "socket", "tempfile", "difflib"}
    assert not unneeded & loaded
    assert facts["built"] == ["JekyllPost"]
    # Defaults made without inspect reading the text signature of `list` (tokenize's pattern: 2 ms), and
    # content-lost's note pattern (4 ms to compile) left alone: the post holds none of its words.
    assert facts["tokenizer_compiled"] is False
    assert "postlint_rules.content_lost._LOST_NOTE" not in facts["lazy_compiled_names"]


def test_the_note_words_guard_content_losts_pattern_exactly() -> None:
    from postlint_rules import content_lost

    words = (
        "[ ] （ ） < > video VİDEO vıdeo ſlideshow Image unavailable 请 原文 观看 视频 图片 無法 顯示 ※ x 。 content"
    )
    words += " map s 元記事で ご覧 ください 此处 有 動画 を 再生 できません"
    pieces = [*words.split(), "is ", "note: ", " ", "embedded ", "the ", "failed to load"]
    generator = random.Random(5)
    matched = 0
    for _ in range(20_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 6)))
        expected = content_lost._LOST_NOTE.fullmatch(text) is not None
        assert content_lost._lost_note(text) == expected, text
        matched += expected
    assert matched > 100  # the pieces make notes often enough for the comparison to mean something


_LOADER_REPORT = (
    "import os, sys\n"
    "from postlint.__main__ import _no_pydantic_plugin_search\n"
    "_no_pydantic_plugin_search()\n"
    "from pydantic import BaseModel\n"
    "class Model(BaseModel):\n"
    "    x: int\n"
    "assert Model.model_validate({'x': 1}).x == 1\n"
    "stand_in = 'importlib.metadata' not in sys.modules\n"
    "import pydantic.plugin._loader as loader\n"
    "plugins = list(loader.get_plugins())\n"
    "del os.environ['PYDANTIC_DISABLE_PLUGINS']\n"
    "again = list(loader.get_plugins())\n"
    "real = sys.modules['pydantic.plugin._loader']\n"
    "print(stand_in, plugins, again, real is not loader and hasattr(real, 'entry_points'))\n"
)


def test_pydantic_plugins_switched_off_are_not_searched_and_switched_on_are(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    completed = subprocess.run(
        [sys.executable, "-c", _LOADER_REPORT], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path
    )
    if entrypoints.declared("pydantic") != []:  # something here declares a plugin: pydantic's own loader runs
        assert completed.returncode == 0 or "KeyError" in completed.stderr
        return
    # Switched off, the stand-in answers without importlib.metadata; switched on, pydantic's loader does.
    assert completed.stdout.split() == ["True", "[]", "[]", "True"], completed.stderr


_METADATA_REPORT = (
    "import json, sys\n"
    "from importlib.metadata import PackageNotFoundError, metadata\n"
    "from postlint.core.entrypoints import metadata_header\n"
    "def expected(name, header):\n"
    "    try:\n"
    "        return metadata(name).get_all(header) or []\n"
    "    except PackageNotFoundError:\n"
    "        return None\n"
    "names = ['postlint', 'pydantic', 'PyYAML', 'markdown_it-py', 'ada-url', 'no-such-thing']\n"
    "print(json.dumps([[metadata_header(n, h), expected(n, h)] for n in names\n"
    "                  for h in ('Project-URL', 'Requires-Dist', 'Name', 'Classifier')]))\n"
)


def test_metadata_headers_agree_with_importlib_metadata(tmp_path: Path) -> None:
    # In a fresh interpreter in an empty folder (the repository's own folder may hold a build's egg-info).
    completed = subprocess.run(
        [sys.executable, "-c", _METADATA_REPORT], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    pairs = json.loads(completed.stdout)
    if entrypoints.declared("postlint.rules") is None:
        pytest.skip("metadata not vouched for on this sys.path")
    vouched = [(read, expected) for read, expected in pairs if read is not None]
    assert len(vouched) == len(pairs) - 4  # all but the distribution that is not installed
    assert all(read == expected for read, expected in vouched)
    assert any(read and "Documentation, " in " ".join(read) for read, _ in vouched)


def test_project_urls_come_from_the_installed_metadata() -> None:
    from importlib.metadata import metadata

    from postlint.core import project

    listed = metadata("postlint").get_all("Project-URL") or []
    documentation = next(value.split(",", 1)[1].strip() for value in listed if value.startswith("Documentation,"))
    assert project.docs_url() == documentation.rstrip("/") + "/"


def test_shipped_packs_are_read_from_their_folder_as_importlib_resources_reads_them() -> None:
    from importlib import resources

    from postlint.knowledge.packs.model import _shipped_files

    root = resources.files("postlint_rules").joinpath("adpacks")
    expected = [
        entry.read_text(encoding="utf-8")
        for entry in sorted(root.iterdir(), key=lambda item: item.name)
        if entry.name.endswith(".toml")
    ]
    assert len(expected) >= 10 and _shipped_files("postlint_rules", "adpacks") == expected
