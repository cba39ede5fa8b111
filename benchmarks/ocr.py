"""OCR engines on generated scans: character accuracy, name recall and pages per second on CPU.

Pages come from `pipeline/evaluation/corpus/scans.py`: review-like sentences naming invented
people (Faker en_GB, seeded), printed with PyMuPDF, rendered at 200 and 300 dpi with a
rotation of up to 3 degrees either way, grey paper, Gaussian sensor noise and specks. Each
engine reads the scan image itself (at the scan's resolution) in this process, one page at a
time, after one warm-up page; the clock runs around the engine call only.

Engines (each only if it can run here; nothing downloads a model):
- `tesseract-psm3`, `tesseract-psm6`: Debian's Tesseract 5 through pipeline/read/ocr.py on
  the scan as it is, page segmentation 3 (automatic layout) and 6 (one uniform block of text).
- `tesseract-pipeline`: mode 6 on the scan despeckled and straightened first, as the reader
  and verification read a page (`ocr.ocr_pixmap`).
- `rapidocr`: RapidOCR on onnxruntime (`rapidocr-onnxruntime`, models in the wheel), if
  importable. It is not a project dependency: install it into a separate virtualenv with
  pymupdf==1.28.2 and faker to measure it, and run this script with that interpreter and
  PYTHONPATH set to the repository.

Usage: `python benchmarks/ocr.py [--pages 10] [--engines tesseract-psm3,tesseract-psm6,rapidocr]
[--json benchmarks/results/ocr-latest.json]`
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pymupdf  # noqa: E402

from pipeline.evaluation.corpus import scans  # noqa: E402

DPIS = (200, 300)
SEED0 = 16001


def tesseract(psm: str, prepared: bool = False) -> Callable[[pymupdf.Pixmap, int], str]:
    """Tesseract in mode `psm`: on the scan as it is, or `prepared` as the pipeline reads a page."""
    import numpy as np

    from pipeline.read import ocr

    def run(pix: pymupdf.Pixmap, dpi: int) -> str:
        ocr._PSM = psm  # the benchmark compares modes; the pipeline uses the module's own
        if prepared:  # despeckled and straightened first (ocr.ocr_pixmap, what the reader calls)
            return ocr.ocr_pixmap(pix, dpi).text()
        grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.stride)[:, : pix.w]
        return ocr._ocr_array(grey, dpi, (0.0, 0.0), None).text()

    return run


def rapidocr() -> Callable[[pymupdf.Pixmap, int], str]:
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()

    def run(pix: pymupdf.Pixmap, dpi: int) -> str:
        rgb = pymupdf.Pixmap(pymupdf.csRGB, pix) if pix.n == 1 else pix
        img = np.frombuffer(rgb.samples, dtype=np.uint8).reshape(rgb.h, rgb.w, rgb.n)
        result, _ = engine(img)
        # Lines come back top to bottom; each is (box, text, score).
        return "\n".join(text for _box, text, _score in (result or []))

    return run


ENGINES: dict[str, Callable[[], Callable[[pymupdf.Pixmap, int], str]]] = {
    "tesseract-psm3": lambda: tesseract("3"),
    "tesseract-psm6": lambda: tesseract("6"),
    "tesseract-pipeline": lambda: tesseract("6", prepared=True),
    "rapidocr": rapidocr,
}


def measure(name: str, pages: int) -> list[dict]:
    try:
        run = ENGINES[name]()
    except Exception as exc:  # noqa: BLE001 - an engine that cannot run here is reported as such
        print(f"{name}: not available here ({type(exc).__name__}: {exc})", file=sys.stderr)
        return []
    rows = []
    for dpi in DPIS:
        images = [scans.scan_image(SEED0 + i, dpi) for i in range(pages)]
        run(images[0][0], dpi)  # warm-up: loading models, first-call costs
        accs, found, names, seconds, cpu = [], 0, 0, 0.0, 0.0
        for pix, text, mentioned, _angle in images:
            c0 = time.process_time() + sum(os.times()[2:4])  # children: Tesseract runs as a subprocess
            t0 = time.perf_counter()
            read = run(pix, dpi)
            seconds += time.perf_counter() - t0
            cpu += time.process_time() + sum(os.times()[2:4]) - c0
            accs.append(scans.character_accuracy(text, read))
            found += scans.names_found(read, mentioned)
            names += len(mentioned)
        row = {
            "engine": name,
            "dpi": dpi,
            "pages": pages,
            "char_accuracy_mean": round(statistics.fmean(accs), 4),
            "char_accuracy_min": round(min(accs), 4),
            "names": names,
            "names_found": found,
            "name_recall": round(found / names, 4) if names else None,
            "pages_per_s": round(pages / seconds, 3),
            "pages_per_cpu_s": round(pages / cpu, 3) if cpu else None,
        }
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10, help="pages per resolution (default 10)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--json", type=Path, default=None, help="write the rows here")
    args = parser.parse_args(argv)
    started = os.getloadavg()[0]
    rows = []
    for name in args.engines.split(","):
        rows.extend(measure(name.strip(), args.pages))
    print()
    print(f"{'engine':18} {'dpi':>4} {'char acc':>9} {'min':>7} {'names':>9} {'recall':>7} {'pages/s':>8} {'pages/CPU s':>11}")
    for r in rows:
        print(
            f"{r['engine']:18} {r['dpi']:>4} {r['char_accuracy_mean']:>9.4f} {r['char_accuracy_min']:>7.4f} "
            f"{r['names_found']:>4}/{r['names']:<4} {r['name_recall']:>7.4f} {r['pages_per_s']:>8.3f} {r['pages_per_cpu_s']:>11.3f}"
        )
    meta = {
        "python": platform.python_version(),
        "pymupdf": pymupdf.VersionBind,
        "nproc": os.cpu_count(),
        "loadavg_at_start": round(started, 2),
        "loadavg_at_end": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(meta))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        existing = json.loads(args.json.read_text()) if args.json.exists() else {"runs": []}
        existing["runs"].append({"meta": meta, "rows": rows})
        args.json.write_text(json.dumps(existing, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
