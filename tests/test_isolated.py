"""Configuration from a stranger: ``--isolated`` reads no config file and runs no code from the repository.

Without it, a repository's config and rule folders are trusted like its build (the tests below show that
too, so the README's warning stays true). Every planted module writes a marker file when imported: its
absence proves no code ran, and a control run proves the module would have run if loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT_POST = (
    "---\nlayout: post\ntitle: t\nauther: x\ndate: 2024-03-18 09:30:00 +08:00\n---\nHello\n\n"
    '<script src="https://evil.example/x.js"></script>\n'
)
SCRIPT = "_posts/x/2024-03-18-a.md:9:1: PL705"
TYPO = "_posts/x/2024-03-18-a.md:4:1: PL104"


def _plant(path: Path, marker: Path) -> None:
    """A Python file that leaves ``marker`` behind when it is imported."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")


def _run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    completed = subprocess.run(
        [sys.executable, "-m", "postlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    return completed.returncode, completed.stdout, completed.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A pull request's checkout: a post with a <script> and a nested config that silences it."""
    site = tmp_path / "site"
    (site / "_posts" / "x").mkdir(parents=True)
    (site / "_posts" / "x" / "2024-03-18-a.md").write_text(SCRIPT_POST, encoding="utf-8")
    (site / "_posts" / "x" / ".postlint.toml").write_text('select = ["PL901"]\n', encoding="utf-8")
    return site


def test_a_nested_config_cannot_silence_a_script_under_isolated(repo: Path) -> None:
    status, out, _ = _run(repo, "check", "_posts")
    assert status == 0 and "PL705" not in out  # trusted: the nested config applies
    status, out, err = _run(repo, "check", "--isolated", "_posts")
    assert status == 1 and SCRIPT in out and TYPO in out, err
    status, out, err = _run(repo, "baseline", "write", "--isolated", "base.json", "_posts")
    assert status == 0, err
    recorded = json.loads((repo / "base.json").read_text(encoding="utf-8"))
    assert "PL705" in json.dumps(recorded)
    status, _, err = _run(repo, "report", "--isolated", "_posts", "-o", "report.html")
    assert status == 0, err
    assert "PL705" in (repo / "report.html").read_text(encoding="utf-8")


def test_isolated_runs_no_rule_folder(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "rule-dir-ran"
    (repo / "_posts" / "x" / ".postlint.toml").write_text('rule-dirs = ["lint_rules"]\n', encoding="utf-8")
    _plant(repo / "_posts" / "x" / "lint_rules" / "evil.py", marker)
    for args in (["check", "--isolated", "_posts"], ["report", "--isolated", "_posts", "-o", "r.html"]):
        status, out, err = _run(repo, *args)
        assert not marker.exists(), args
        assert status == (1 if args[0] == "check" else 0), err
    _, out, _ = _run(repo, "check", "--isolated", "_posts")
    assert SCRIPT in out
    # Control: without --isolated the repository's rule folder is loaded (its code runs, as documented).
    _run(repo, "check", "_posts")
    assert marker.read_text() == "ran"


def test_isolated_imports_no_model_and_python_m_no_module_from_the_working_folder(repo: Path, tmp_path: Path) -> None:
    model_marker, yaml_marker, click_marker = (tmp_path / n for n in ("model-ran", "yaml-ran", "click-ran"))
    (repo / "postlint.toml").write_text("[front-matter]\nmodel = 'evilmodel:Post'\n", encoding="utf-8")
    (repo / "_posts" / "x" / ".postlint.toml").unlink()
    _plant(repo / "evilmodel.py", model_marker)
    # Modules that shadow postlint's own dependencies, planted where `python -m` looks first.
    _plant(repo / "yaml.py", yaml_marker)
    _plant(repo / "click" / "__init__.py", click_marker)
    status, out, err = _run(repo, "check", "--isolated", "_posts")
    assert status == 1 and SCRIPT in out, err
    for args in (["check", "_posts"], ["schema"], ["rules", "--format", "json"]):
        status, out, err = _run(repo, *args)
        # `rules` reads no model; the others fail to import it, as the `postlint` command always did.
        expected = 0 if args[0] == "rules" else 2
        assert status == expected and ("cannot load 'evilmodel:Post'" in err) == (expected == 2), args
    assert not model_marker.exists() and not yaml_marker.exists() and not click_marker.exists()
    # Control: the planted modules do run when imported from that folder.
    subprocess.run([sys.executable, "-c", "import yaml, click, evilmodel"], cwd=repo, check=True)
    assert model_marker.exists() and yaml_marker.exists() and click_marker.exists()


def test_isolated_loads_no_installed_rule_package(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "plugin-ran"
    site_packages = tmp_path / "site-packages"
    info = site_packages / "evilplugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evilplugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[postlint.rules]\nevil = evilplugin\n", encoding="utf-8")
    _plant(site_packages / "evilplugin.py", marker)
    env = {"PYTHONPATH": str(site_packages)}
    status, out, err = _run(repo, "check", "--isolated", "_posts", env=env)
    assert status == 1 and SCRIPT in out and not marker.exists(), err
    status, out, _ = _run(repo, "rules", "--isolated", "--format", "json", env=env)
    assert status == 0 and not marker.exists()
    assert "html-script" in {rule["name"] for rule in json.loads(out)}
    _run(repo, "rules", env=env)  # control: installed, it is loaded
    assert marker.exists()


def test_isolated_with_an_explicit_config_uses_that_file_alone(repo: Path, tmp_path: Path) -> None:
    trusted = tmp_path / "trusted.toml"  # e.g. taken from the base branch, outside the checkout
    trusted.write_text('ignore = ["PL705"]\n', encoding="utf-8")
    status, out, err = _run(repo, "check", "--isolated", "--config", str(trusted), "_posts")
    # The file applies (PL705 ignored); the nested config does not (it would have hidden PL104).
    assert status == 1 and TYPO in out and "PL705" not in out, err


@pytest.mark.parametrize(
    ("name", "text", "key"),
    [
        ("ci.toml", 'rule-dirs = ["lint_rules"]\n', "rule-dirs: not allowed with --isolated"),
        ("ci.toml", "[front-matter]\nmodel = 'evilmodel:Post'\n", "front-matter.model: not allowed with --isolated"),
        ("pyproject.toml", '[tool.postlint]\nrule-dirs = ["r"]\n', "tool.postlint.rule-dirs: not allowed"),
    ],
)
def test_isolated_refuses_code_from_an_explicit_config(
    repo: Path, tmp_path: Path, name: str, text: str, key: str
) -> None:
    marker = tmp_path / "ran"
    _plant(repo / "lint_rules" / "evil.py", marker)
    _plant(repo / "r" / "evil.py", marker)
    _plant(repo / "evilmodel.py", marker)
    (repo / name).write_text(text, encoding="utf-8")
    for command in (["check", "_posts"], ["rules"], ["schema"]):
        status, out, err = _run(repo, *command, "--isolated", "--config", name)
        assert status == 2 and key in err and out == "", (command, err)
        assert "Traceback" not in err
    assert not marker.exists()


def test_bad_cache_dir_exits_2_naming_the_flag(repo: Path) -> None:
    (repo / "a-file").write_text("", encoding="utf-8")
    status, out, err = _run(repo, "check", "--isolated", "--cache-dir", "a-file", "_posts")
    assert status == 2 and "--cache-dir" in err and out == ""
