"""Snapshot what the pipeline writes, so a refactor can be shown to change no result.

`snapshot` redacts the bundled example and a generated corpus through the real CLI (one
fixed key, a fresh key store each run) and records, per output, the text of every page as
pypdf reads it and every row of every sheet of each redaction log, minus the cells that
hold a time of writing or a checksum over one. `compare` prints the differences between
two snapshots and exits 1 if there are any.

    python benchmarks/compare_outputs.py snapshot OUT.json [--cases 10 --seed 4242]
    python benchmarks/compare_outputs.py compare BEFORE.json AFTER.json

The snapshots hold generated (invented) people only; keep them out of the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A fixed, published test key: labels must come out the same in both runs.
TEST_KEY = "c25hcHNob3Qta2V5LWJlZm9yZS1hbmQtYWZ0ZXItMDA="
# Cells that differ between two runs of the same code: when the log was written, and the
# keyed checksums and file hashes that cover them.
VOLATILE_SHEETS = {"Integrity"}


def _redact(inputs: list[Path], case: Path | None, out: Path, env: dict[str, str]) -> None:
    cmd = [sys.executable, "-m", "pipeline.cli", "redact", *map(str, inputs), "--out", str(out)]
    if case is not None:
        cmd += ["--case", str(case)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)


def _pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def _log_rows(path: Path) -> dict[str, list[list[str]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    sheets: dict[str, list[list[str]]] = {}
    for ws in wb.worksheets:
        if ws.title in VOLATILE_SHEETS:
            continue
        rows = []
        for row in ws.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            rows.append(cells)
        sheets[ws.title] = rows
    return sheets


def snapshot(out_json: Path, cases: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from pipeline.evaluation.corpus.generate import generate_corpus
    except ImportError:  # before the restructure
        from pipeline.evaluation.corpus.generate import generate_corpus

    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        env = dict(os.environ, SFO_REDACT_HOME=str(tmp / "home"), SFO_REDACT_KEY=TEST_KEY,
                   PYTHONPATH=str(ROOT))
        jobs: list[tuple[str, list[Path], Path | None]] = [
            ("example", sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in {".pdf", ".docx"}),
             ROOT / "examples" / "case.yaml"),
        ]
        corpus = tmp / "corpus"
        generate_corpus(cases, seed, corpus)
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            docs = sorted(p for p in folder.iterdir() if p.suffix in {".pdf", ".docx"})
            case = folder / "case.yaml"
            jobs.append((folder.name, docs, case if case.exists() else None))
        for name, docs, case in jobs:
            out = tmp / "out" / name
            _redact(docs, case, out, env)
            entry: dict[str, object] = {}
            for path in sorted(out.rglob("*")):
                rel = str(path.relative_to(out))
                if path.suffix == ".pdf":
                    entry[rel] = _pdf_text(path)
                elif path.suffix == ".xlsx":
                    entry[rel] = _log_rows(path)
            result[name] = entry
            print(f"{name}: {len(entry)} outputs", file=sys.stderr)
        shutil.rmtree(tmp / "home", ignore_errors=True)
    out_json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


def _drop_written_time(rows: list[list[str]]) -> list[list[str]]:
    # The Sign-off and Summary sheets state when the draft was made.
    return [[c for c in row if not _looks_like_timestamp(c)] for row in rows]


def _looks_like_timestamp(cell: str) -> bool:
    return len(cell) >= 16 and cell[4:5] == "-" and cell[10:11] in {" ", "T"} and cell[13:14] == ":"


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    differences = 0
    outputs = 0
    for case in sorted(set(a) | set(b)):
        ca, cb = a.get(case, {}), b.get(case, {})
        for out in sorted(set(ca) | set(cb)):
            outputs += 1
            va, vb = ca.get(out), cb.get(out)
            if isinstance(va, dict) and isinstance(vb, dict):
                va = {k: _drop_written_time(v) for k, v in va.items()}
                vb = {k: _drop_written_time(v) for k, v in vb.items()}
            if va != vb:
                differences += 1
                print(f"DIFFERENT {case}/{out}")
    print(f"{outputs} outputs compared across {len(set(a) | set(b))} cases: {differences} differ")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("out", type=Path)
    s.add_argument("--cases", type=int, default=10)
    s.add_argument("--seed", type=int, default=4242)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.cases, args.seed)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
