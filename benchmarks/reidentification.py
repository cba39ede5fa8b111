"""Re-identification check on generated documents: planted combinations flagged, false flags per document.

    python benchmarks/reidentification.py [N] [SEED]

Each document plants three details of one person and spreads the same kinds over three others
(pipeline/evaluation/reidentification.py). Issue 16's bar: >= 0.9 flagged, at most one false
flag in any document.
"""

from __future__ import annotations

import sys
import time

from pipeline.evaluation.reidentification import measure


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 16_300
    started = time.perf_counter()
    m = measure(n, seed)
    seconds = time.perf_counter() - started
    print(f"documents                  {m.documents}")
    print(f"planted flagged            {m.planted_flagged} ({m.flag_rate:.3f})")
    print(f"false flags                {m.false_flags} ({m.false_per_document:.3f} per document; most in one: {m.max_false_in_one})")
    print(f"seconds                    {seconds:.2f} ({m.documents / seconds:.0f} documents/s)")


if __name__ == "__main__":
    main()
