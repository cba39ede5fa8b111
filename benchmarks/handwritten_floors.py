"""Measure the hand-written set (tests/handwritten) and write its floors: python benchmarks/handwritten_floors.py tests/handwritten/floors.json.

Run it only after a change that raises the figures; the floors are a ratchet (tests/test_handwritten_slow.py).
"""
import json
import sys
from pathlib import Path

from pipeline.detect.engine import get_engine
from pipeline.evaluation.score import evaluate

eng = get_engine()
out = {}
for wcf in (True, False):
    r = evaluate(Path("tests/handwritten/cases"), with_case_files=wcf, engine=eng)
    print(r.table(), flush=True)
    out["with_case_files" if wcf else "without_case_files"] = {
        "documents": r.documents, "failed_documents": r.failed_documents,
        "recall": round(r.recall_overall, 4), "keep": round(r.keep_overall, 4),
        "consistency": round(r.consistency, 4),
        "recall_per_category": {k: round(v.rate, 4) for k, v in sorted(r.recall.items())},
    }
Path(sys.argv[1]).write_text(json.dumps(out, indent=2) + "\n")
