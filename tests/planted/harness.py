"""Planted-defect rounds: build planted copies of real posts and score postlint on them.

A round file (``rounds/<name>.py``) lists ``PLANTS`` and the small hand-written ``SITES`` some plants go into.
Each plant is one defect put into one copy of a post at a marker, and a look-alike (a legitimate form that must
not be reported) put into another copy at the same place; a third copy stays unplanted.

    python tests/planted/harness.py build r7 OUT
    python tests/planted/harness.py score r7 OUT --postlint .venv/bin/postlint

``build`` writes ``OUT/<plant>/{base,plant,look}`` (a site, or a folder holding the corpus post) and
``OUT/plants.json``; ``score`` runs postlint on each copy and writes ``OUT/score.json``. A plant is *found*
when the planted copy has a finding of an accepted code that the unplanted copy lacks, *exact* when such a
finding starts at the plant's line:column, and its look-alike is a *false alarm* when the look-alike copy has
any finding the unplanted copy lacks. Posts come from ``../shared/corpus/dev`` (beside the project); OUT must
lie outside the project. This file is a script, not a test module: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus" / "dev"
NOW = "2026-11-26T00:00:00Z"
CURSOR = "‸"  # marks, inside a plant's text, where its finding must start (else: the text's start)


@dataclass(frozen=True)
class Plant:
    """One planted defect and its look-alike."""

    id: str
    cls: str
    codes: tuple[str, ...]
    post: str  # a corpus file name, or "<site>:<path in the site>"
    marker: str  # text of the post the plant goes at; "@end" is the end of the file
    text: str
    look: str
    mode: str = "after"  # after | before | replace (the marker)
    group: tuple[str, ...] = ()  # more corpus posts copied beside the post (an archive's habits)
    note: str = ""


@dataclass
class Placed:
    """Where one plant went, to score it."""

    id: str
    cls: str
    codes: list[str]
    file: str  # relative to each copy's folder
    line: int
    col: int
    at: int  # character offset of the edit in the unplanted file
    old_len: int
    plant_len: int
    look_len: int
    note: str = ""
    result: dict[str, object] = field(default_factory=dict)


def load_round(name: str) -> tuple[list[Plant], dict[str, dict[str, str]]]:
    sys.modules.setdefault("harness", sys.modules[__name__])
    path = HERE / "rounds" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"planted_round_{name}", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no round file {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.PLANTS), dict(getattr(module, "SITES", {}))


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def offset_of(text: str, line: int, col: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + col - 1


def edit(text: str, plant: Plant, insert: str) -> tuple[str, int, int, int]:
    """The post with ``insert`` placed at the plant's marker: (text, offset, replaced length, cursor)."""
    cursor = insert.find(CURSOR)
    insert = insert.replace(CURSOR, "")
    if plant.marker == "@end":
        at, old = len(text), 0
    else:
        at = text.find(plant.marker)
        if at < 0:
            raise SystemExit(f"{plant.id}: marker {plant.marker!r} not in {plant.post}")
        old = len(plant.marker) if plant.mode == "replace" else 0
        if plant.mode == "after":
            at += len(plant.marker)
    return text[:at] + insert + text[at + old :], at, old, max(cursor, 0)


def write_copy(
    folder: Path, plant: Plant, sites: dict[str, dict[str, str]], insert: str | None
) -> tuple[str, int, int]:
    """Write one copy of the plant's post (with ``insert`` placed, unless None); return (file, offset, old)."""
    if ":" in plant.post and plant.post.split(":", 1)[0] in sites:
        site, rel = plant.post.split(":", 1)
        for path, content in sites[site].items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="")
        original = sites[site][rel]
    else:
        rel = plant.post
        folder.mkdir(parents=True, exist_ok=True)
        for other in plant.group:
            shutil.copyfile(CORPUS / other, folder / other)
        original = (CORPUS / rel).read_bytes().decode("utf-8")
    if insert is None:
        (folder / rel).write_text(original, encoding="utf-8", newline="")
        return rel, 0, 0
    text, at, old, _ = edit(original, plant, insert)
    (folder / rel).write_text(text, encoding="utf-8", newline="")
    return rel, at, old


def build(name: str, out: Path) -> None:
    if out.resolve().is_relative_to(PROJECT):
        raise SystemExit("OUT must lie outside the project")
    plants, sites = load_round(name)
    ids = Counter(p.id for p in plants)
    if doubled := [i for i, n in ids.items() if n > 1]:
        raise SystemExit(f"plant ids used twice: {doubled}")
    if out.exists():
        shutil.rmtree(out)
    placed = []
    for plant in plants:
        root = out / plant.id
        rel, _, _ = write_copy(root / "base", plant, sites, None)
        _, at, old = write_copy(root / "plant", plant, sites, plant.text)
        write_copy(root / "look", plant, sites, plant.look)
        planted = (root / "plant" / rel).read_text(encoding="utf-8")
        cursor = max(plant.text.find(CURSOR), 0)
        line, col = line_col(planted, at + cursor)
        size = len(plant.text.replace(CURSOR, ""))
        look = len(plant.look.replace(CURSOR, ""))
        placed.append(Placed(plant.id, plant.cls, list(plant.codes), rel, line, col, at, old, size, look, plant.note))
    (out / "plants.json").write_text(json.dumps([asdict(p) for p in placed], ensure_ascii=False, indent=1))
    print(f"built {len(placed)} plants of {name} in {out}")


Key = tuple[str, str, int, int]  # file, code, line, column


def findings(postlint: str, folder: Path) -> list[dict[str, object]]:
    cmd = [postlint, "check", "--format", "json", "--no-cache", "--jobs", "1", "--now", NOW, str(folder)]
    run = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        raise SystemExit(f"postlint failed on {folder}: {run.stderr[-2000:]}")
    found: list[dict[str, object]] = json.loads(run.stdout)["findings"]
    for item in found:
        item["file"] = str(Path(str(item["path"])).resolve().relative_to(folder.resolve()))
    return found


def new_findings(
    base: list[dict[str, object]], copy: list[dict[str, object]], p: Placed, size: int, folder: Path
) -> list[dict[str, object]]:
    """The findings of ``copy`` that the unplanted copy lacks, its positions moved past the edit."""
    original = (folder / "base" / p.file).read_text(encoding="utf-8")
    changed = (folder / ("plant" if size == p.plant_len else "look") / p.file).read_text(encoding="utf-8")
    moved: Counter[Key] = Counter()
    for f in base:
        line, col = int(str(f["line"])), int(str(f["column"]))
        if f["file"] == p.file:
            at = offset_of(original, line, col)
            if at >= p.at + p.old_len:
                line, col = line_col(changed, at - p.old_len + size)
        moved[(str(f["file"]), str(f["code"]), line, col)] += 1
    fresh = []
    for f in copy:
        key = (str(f["file"]), str(f["code"]), int(str(f["line"])), int(str(f["column"])))
        if moved[key]:
            moved[key] -= 1
        else:
            fresh.append(f)
    return fresh


def score(name: str, out: Path, postlint: str) -> None:
    placed = [Placed(**p) for p in json.loads((out / "plants.json").read_text())]
    by_class: dict[str, Counter[str]] = {}
    for p in placed:
        folder = out / p.id
        base = findings(postlint, folder / "base")
        planted = new_findings(base, findings(postlint, folder / "plant"), p, p.plant_len, folder)
        looked = new_findings(base, findings(postlint, folder / "look"), p, p.look_len, folder)
        hits = [f for f in planted if f["code"] in p.codes]
        exact = any((f["file"], f["line"], f["column"]) == (p.file, p.line, p.col) for f in hits)
        alarms = [f"{f['code']}@{f['line']}:{f['column']} {f['message']}" for f in looked]
        p.result = {
            "found": bool(hits),
            "exact": exact,
            "false_alarm": bool(looked),
            "plant": [f"{f['code']}@{f['line']}:{f['column']}" for f in planted],
            "look": alarms,
        }
        tally = by_class.setdefault(p.cls, Counter())
        tally.update(plants=1, found=int(bool(hits)), exact=int(exact), fa=int(bool(looked)))
        mark = "EXACT" if exact else "found" if hits else "MISS "
        fa = "  FALSE ALARM " + "; ".join(alarms) if alarms else ""
        print(f"{mark} {p.id:28} want {','.join(p.codes)}@{p.line}:{p.col} got {p.result['plant']}{fa}")
    total: Counter[str] = sum(by_class.values(), Counter())
    print(f"\n{'class':16} plants found exact FA")
    for cls, t in [*sorted(by_class.items()), ("TOTAL", total)]:
        print(f"{cls:16} {t['plants']:6} {t['found']:5} {t['exact']:5} {t['fa']:2}")
    n = max(total["plants"], 1)
    summary = {k: f"{total[k]} ({100 * total[k] / n:.1f}%)" for k in ("found", "exact", "fa")}
    print(f"{name}: {total['plants']} plants, found {summary['found']}, exact {summary['exact']}, FA {summary['fa']}")
    report = {"round": name, "summary": summary, "by_class": by_class, "plants": [asdict(p) for p in placed]}
    (out / "score.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "score"])
    parser.add_argument("round")
    parser.add_argument("out", type=Path)
    parser.add_argument("--postlint", default=shutil.which("postlint") or "postlint")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the dev corpus ({CORPUS}) is absent; planted rounds need ../shared beside the project")
        return
    if args.command == "build":
        build(args.round, args.out)
    else:
        score(args.round, args.out, args.postlint)


if __name__ == "__main__":
    main()
