"""Sweep the real-file corpus through `sfo-redact redact` and check every output independently.

    PYTHONPATH=$PWD .venv/bin/python tests/realfiles/sweep.py [--jobs N] [--timeout S] [--only ID ...]

For each file of manifest.yaml (fetched first, see fetch.py): one subprocess
``python -m pipeline.cli redact FILE --case cases/<id>.yaml --out OUT`` with a timeout,
measuring wall time and the child's peak RSS. Every redacted output PDF (``*.redacted.pdf``;
the review copies are internal and show the original text by design) is then re-read with
pdftotext (poppler), pypdf, pdfminer.six and a raw search of the decompressed file (pikepdf:
every stream decoded, every string object), looking for each case string and its capitals.
Each file is classified:

    clean     processed, no case string in any output (and `sfo-redact verify --case`
              accepts every output, as the draft check did; a disagreement fails the file)
    LEAK      processed, a case string found (reader, case field, which string)
    refused   the one-line reason printed by the pipeline
    crashed   "internal error", a traceback, or a non-zero exit without a reason
    timeout   killed after --timeout seconds

and judged against the manifest's ``expected`` (``processed`` or ``refused: <reason
substring>``). Prints a table and writes JSON (default .cache/realfiles/sweep.json).
The strings are words of public test files, so printing them is fine.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import fetch  # noqa: E402

CASES = HERE / "cases"
DEFAULT_JSON = fetch.DEFAULT_CACHE / "sweep.json"
READERS = ("pdftotext", "pypdf", "pdfminer", "raw")


# ---------------------------------------------------------------- running the pipeline

def _run(cmd: list[str], env: dict, timeout: float) -> tuple[int | None, str, str, float, float]:
    """(returncode or None on timeout, stdout, stderr, seconds, peak RSS MB) of one child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=str(REPO), start_new_session=True)
        rc = None
        ru = None
        hwm_kb = 0
        while True:
            # VmHWM of the child after exec: ru_maxrss would include this (large) parent's
            # RSS at fork time on Linux, so sample the child's own high-water mark instead.
            try:
                with open(f"/proc/{proc.pid}/status") as st:
                    for line in st:
                        if line.startswith("VmHWM:"):
                            hwm_kb = max(hwm_kb, int(line.split()[1]))
            except (OSError, ValueError):
                pass
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                rc = os.waitstatus_to_exitcode(status)
                proc.returncode = rc
                break
            if time.monotonic() - t0 > timeout:
                try:
                    os.killpg(proc.pid, 9)
                except ProcessLookupError:
                    pass
                _, status, ru = os.wait4(proc.pid, 0)
                proc.returncode = -9
                rc = None
                break
            time.sleep(0.05)
        secs = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        peak_mb = hwm_kb / 1024 if hwm_kb else (ru.ru_maxrss / 1024 if ru else 0.0)
        return rc, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), secs, peak_mb


def _failure_reason(stderr: str) -> str | None:
    for line in stderr.splitlines():
        m = re.search(r"FAILED .*?: (.*)$", line)
        if m:
            return m.group(1).strip()
    return None


# ---------------------------------------------------------------- independent readers

def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\x00", "").replace("\u00ad", "").replace("\u200b", "").replace("\u200c", "").replace("\u200d", "")
    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)  # bidi marks
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)  # de-hyphenate line ends
    return re.sub(r"\s+", " ", text)


def read_pdftotext(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        raise RuntimeError("pdftotext missing (apt-get install -y poppler-utils)")
    return subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, timeout=120).stdout


def read_pypdf(pdf: Path) -> str:
    import pypdf
    r = pypdf.PdfReader(str(pdf))
    parts = [(p.extract_text() or "") for p in r.pages]
    meta = r.metadata or {}
    parts += [str(v) for v in meta.values()]
    for p in r.pages:
        for a in p.get("/Annots", []) or []:
            a = a.get_object()
            parts += [str(a.get(k, "")) for k in ("/Contents", "/T", "/V", "/TU")]
    try:
        for f in (r.get_fields() or {}).values():
            parts.append(str(f.get("/V", "")))
    except Exception:
        pass
    try:
        parts += [o.title for o in _flatten(r.outline)]
    except Exception:
        pass
    return "\n".join(parts)


def _flatten(items):
    for it in items:
        if isinstance(it, list):
            yield from _flatten(it)
        else:
            yield it


def read_pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text
    return extract_text(str(pdf))


def read_raw(pdf: Path) -> str:
    """Every decoded stream and every string object of the file, as text in several encodings."""
    import pikepdf
    chunks: list[str] = []
    with pikepdf.open(str(pdf)) as p:
        for obj in p.objects:
            try:
                if isinstance(obj, pikepdf.Stream):
                    try:
                        data = obj.read_bytes()
                    except Exception:
                        data = obj.read_raw_bytes()
                    chunks.append(data.decode("latin-1"))
                    chunks.append(data.decode("utf-8", "ignore"))
                    if b"\xfe\xff" in data[:2]:
                        chunks.append(data.decode("utf-16-be", "ignore"))
                    _strings_of(obj.stream_dict, chunks)
                else:
                    _strings_of(obj, chunks)
            except Exception:
                continue
    return "\n".join(chunks)


def _strings_of(obj, chunks: list[str], depth: int = 0) -> None:
    import pikepdf
    if depth > 20:
        return
    if isinstance(obj, pikepdf.String):
        chunks.append(str(obj))
        chunks.append(bytes(obj).decode("latin-1"))
    elif isinstance(obj, pikepdf.Dictionary):
        for k in list(obj.keys()):
            v = obj.get(k)
            if not (isinstance(v, pikepdf.Object) and v.is_indirect):
                _strings_of(v, chunks, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for v in obj:
            if not (isinstance(v, pikepdf.Object) and v.is_indirect):
                _strings_of(v, chunks, depth + 1)


READ = {"pdftotext": read_pdftotext, "pypdf": read_pypdf, "pdfminer": read_pdfminer, "raw": read_raw}


def case_strings(case: dict) -> list[tuple[str, str]]:
    """(case field, string) for every name and alias of the case file."""
    out: list[tuple[str, str]] = []
    si = case.get("supervised_individual") or {}
    for s in [si.get("name")] + list(si.get("aliases") or []):
        if s:
            out.append(("supervised_individual", str(s)))
    for field in ("victims", "staff", "third_parties"):
        for p in case.get(field) or []:
            for s in [p.get("name")] + list(p.get("aliases") or []):
                if s:
                    out.append((field, str(s)))
    return out


def variants(s: str) -> list[str]:
    vs = [s, s.upper()]
    return list(dict.fromkeys(_norm(v).strip() for v in vs))


def find_leaks(pdf: Path, strings: list[tuple[str, str]]) -> tuple[list[dict], list[str]]:
    leaks: list[dict] = []
    errors: list[str] = []
    for reader in READERS:
        try:
            text = _norm(READ[reader](pdf))
        except Exception as exc:  # a reader that cannot open the output is worth reporting
            errors.append(f"{reader}: {type(exc).__name__}: {str(exc)[:120]}")
            continue
        spaceless = text.replace(" ", "")
        for field, s in strings:
            for v in variants(s):
                how = None
                if v in text:
                    how = "exact"
                elif " " in v and v.replace(" ", "") in spaceless:
                    how = "spaceless"
                if how:
                    leaks.append({"reader": reader, "field": field, "string": s, "variant": v, "match": how})
                    break
    return leaks, errors


# ---------------------------------------------------------------- one file

def sweep_one(entry: dict, src: Path, python: str, timeout: float, workdir: Path) -> dict:
    case_path = CASES / f"{entry['id']}.yaml"
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    out = workdir / entry["id"]
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("SFO_REDACT_HOME", str(workdir / "_home"))
    cmd = [python, "-m", "pipeline.cli", "redact", str(src), "--case", str(case_path), "--out", str(out)]
    rc, so, se, secs, peak = _run(cmd, env, timeout)
    res = {"id": entry["id"], "kind": entry["kind"], "expected": entry["expected"], "returncode": rc,
           "seconds": round(secs, 1), "peak_mb": round(peak), "reason": None, "leaks": [], "reader_errors": [],
           "outputs": []}
    reason = _failure_reason(se)
    if rc is None:
        res["outcome"] = "timeout"
    elif reason is not None and "internal error" not in reason.lower() and "Traceback" not in se:
        res["outcome"] = "refused"
        res["reason"] = reason
    elif rc != 0 or reason is not None or "Traceback" in se:
        res["outcome"] = "crashed"
        tb = [ln for ln in se.splitlines() if ln.strip()]
        exc = next((ln for ln in reversed(tb) if re.match(r"^\w[\w.]*(Error|Exception|Exit)\b", ln)), None)
        res["reason"] = reason or exc or (tb[-1] if tb else f"exit status {rc}, no message")
        res["stderr_tail"] = tb[-12:]
    else:
        outs = sorted(out.glob("*.redacted.pdf"))
        res["outputs"] = [o.name for o in outs]
        if not outs:
            res["outcome"] = "crashed"
            res["reason"] = "exit status 0 but no redacted PDF was written"
        else:
            strings = case_strings(case)
            for o in outs:
                leaks, errs = find_leaks(o, strings)
                res["leaks"] += [dict(lk, output=o.name) for lk in leaks]
                res["reader_errors"] += [f"{o.name}: {e}" for e in errs]
            res["outcome"] = "LEAK" if res["leaks"] else "clean"
            # The draft check accepted these outputs: `sfo-redact verify --case` must agree.
            vcmd = [python, "-m", "pipeline.cli", "verify", *map(str, outs), "--case", str(case_path)]
            vrc, _vso, vse, _vsecs, _vpeak = _run(vcmd, env, timeout)
            if vrc != 0:
                lines = [ln for ln in vse.splitlines() if ln.strip()]
                res["verify_disagrees"] = lines[-1] if lines else f"exit status {vrc}"
    res["verdict"] = judge(entry, res)
    return res


def judge(entry: dict, res: dict) -> str | None:
    """None when the outcome is the true expected one, else why not (for the test)."""
    exp = entry["expected"]
    o = res["outcome"]
    if o == "LEAK":
        where = sorted({f"{lk['reader']}:{lk['field']}:{lk['string']}" for lk in res["leaks"]})
        return "leak " + ", ".join(where)
    if o in ("crashed", "timeout"):
        return f"{o}: {res.get('reason') or ''}".strip()
    if res.get("verify_disagrees"):
        return f"sfo-redact verify rejects a draft the draft check accepted: {res['verify_disagrees']}"
    if exp == "processed":
        if o == "refused":
            return f"refused ({res['reason']}) but expected processed"
        return None
    want = exp.split(":", 1)[1].strip() if ":" in exp else ""
    if o == "clean":
        return f"processed but expected refused ({want})"
    if want and want.lower() not in (res["reason"] or "").lower():
        return f"refused ({res['reason']}) but expected reason containing '{want}'"
    return None


# ---------------------------------------------------------------- table

def table(results: list[dict]) -> str:
    rows = [("id", "outcome", "s", "MB", "ok?", "reason / leaks")]
    for r in results:
        detail = r.get("reason") or ""
        if r["leaks"]:
            detail = "; ".join(sorted({f"{lk['reader']}/{lk['field']}: {lk['string']!r}" + (" (spaceless)" if lk['match'] == 'spaceless' else "") for lk in r["leaks"]}))
        rows.append((r["id"], r["outcome"], f"{r['seconds']:.1f}", str(r["peak_mb"]),
                     "ok" if r["verdict"] is None else "FAIL", detail[:150]))
    w = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(row[i].ljust(w[i]) for i in range(5)) + "  " + row[5] for row in rows]
    counts: dict[str, int] = {}
    for r in results:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    bad = sum(r["verdict"] is not None for r in results)
    lines.append("")
    lines.append("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) +
                 f"; {bad} of {len(results)} differ from the expected outcome")
    return "\n".join(lines)


def sweep(jobs: int = 1, timeout: float = 300, only: list[str] | None = None,
          python: str = sys.executable, workdir: Path | None = None, progress: bool = True) -> list[dict]:
    files = fetch.fetch(quiet=True)
    if only:
        files = [(e, p) for e, p in files if e["id"] in only]
    own_tmp = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="sfo-realfiles-")) if own_tmp else workdir
    lock = threading.Lock()
    results: list[dict] = []

    def one(ep):
        e, p = ep
        r = sweep_one(e, p, python, timeout, workdir)
        with lock:
            results.append(r)
            if progress:
                print(f"[{len(results)}/{len(files)}] {r['id']}: {r['outcome']} {r['seconds']:.1f}s "
                      f"{r['peak_mb']}MB {r.get('reason') or ''}", flush=True)
        return r

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
            list(ex.map(one, files))
    finally:
        if own_tmp:
            shutil.rmtree(workdir, ignore_errors=True)
    order = {e["id"]: i for i, (e, _) in enumerate(files)}
    return sorted(results, key=lambda r: order[r["id"]])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args(argv)
    try:
        results = sweep(args.jobs, args.timeout, args.only, args.python)
    except fetch.FetchError as exc:
        print(f"sweep.py: {exc}", file=sys.stderr)
        return 2
    print()
    print(table(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nJSON: {args.json}")
    return 1 if any(r["verdict"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
