"""The wheel carries the engine, the built-in rules (found through the entry point) and the examples."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_lints_examples(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = wheels.glob("postlint-*.whl")
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # No network in tests: the fresh venv borrows this environment's dependencies (pydantic, lxml, ...)
    # through a .pth file. postlint itself comes from the wheel (the venv's own site-packages is searched first).
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    paths = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site / "_borrowed_dependencies.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")

    # Run from outside the checkout: `python -c` puts the current folder first on sys.path.
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import postlint, postlint_rules; print(postlint.__file__); print(postlint_rules.__file__)",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.split()
    assert all(path.startswith(str(target)) for path in where), where

    postlint = str(target / "bin" / "postlint")
    examples = str(ROOT / "examples")
    result = subprocess.run(
        [postlint, "check", examples, "--format", "json", "--now", "2026-01-01T00:00:00Z"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["files_checked"] >= 40
    assert {"PL104", "PL201", "PL011"} <= set(document["summary"]["by_rule"])

    explained = subprocess.run(
        [postlint, "explain", "front-matter-key-typo"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert "Example of a problem (bad.md)" in explained.stdout

    # postlint.testing ships in the wheel: a plugin's tests run against the installed package.
    script = (
        "from pathlib import Path; import postlint_examples; from postlint.testing import check_example; "
        "print(check_example(Path(postlint_examples.__file__).parent / 'front-matter-key-typo' / 'bad.md')[0].code)"
    )
    tested = subprocess.run([str(python), "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert tested.stdout.strip() == "PL104", tested.stderr


def test_pre_commit_hooks_file() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    postlint = next(hook for hook in hooks if hook["id"] == "postlint")
    assert postlint["language"] == "python"
    assert postlint["entry"].startswith("postlint check")
    assert set(postlint["types_or"]) == {"markdown", "html"}
