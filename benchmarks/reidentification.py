"""Re-identification check on generated documents: planted combinations flagged, false flags per document.

    python benchmarks/reidentification.py [N] [SEED] [--pipeline]

`--pipeline` writes each document as a DOCX with its case file and runs the whole draft on it
(detection included), reading the flags back from the log's Re-identification sheet.

Each document plants three details of one person and spreads the same kinds over three others
(pipeline/evaluation/reidentification.py). Issue 16's bar: >= 0.9 flagged, at most one false
flag in any document.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from pipeline.evaluation.reidentification import measure, measure_pipeline


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 200
    seed = int(args[1]) if len(args) > 1 else 16_300
    started = time.perf_counter()
    if "--pipeline" in sys.argv:
        import tempfile

        from pipeline.detect.engine import get_engine

        with tempfile.TemporaryDirectory() as tmp:
            os.environ.setdefault("SFO_REDACT_HOME", str(Path(tmp) / "home"))
            m = measure_pipeline(n, Path(tmp), seed, engine=get_engine())
    else:
        m = measure(n, seed)
    seconds = time.perf_counter() - started
    print(f"documents                  {m.documents}")
    print(f"planted flagged            {m.planted_flagged} ({m.flag_rate:.3f})")
    print(f"false flags                {m.false_flags} ({m.false_per_document:.3f} per document; most in one: {m.max_false_in_one})")
    if m.intact is not None:
        print(f"planted details all left   {m.intact} documents; flagged {m.intact_flagged} of them "
              f"({m.intact_flagged / m.intact if m.intact else 0:.3f})")
    print(f"seconds                    {seconds:.2f} ({m.documents / seconds:.0f} documents/s)")


if __name__ == "__main__":
    main()
