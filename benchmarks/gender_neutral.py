"""Benchmark: gender-neutral references to staff on generated reviews (issue 16 part 2).

    .venv/bin/python benchmarks/gender_neutral.py [--reviews 100] [--seed 91001] [--no-case-files]

Generates reviews (pipeline/evaluation/gender.py, Faker en_GB, fixed seeds), runs the real
detect, resolve and decide stages over them, and prints recall and precision of the
proposed rewrites, the non-staff pronouns changed, and the rows that ask the manager.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100)
    parser.add_argument("--seed", type=int, default=91001)
    parser.add_argument("--no-case-files", action="store_true", help="roles from the text alone")
    args = parser.parse_args(argv)

    from pipeline.detect.engine import get_engine
    from pipeline.evaluation.gender import evaluate, generate

    engine = get_engine()
    reviews = [generate(seed) for seed in range(args.seed, args.seed + args.reviews)]
    started = time.perf_counter()
    report = evaluate(reviews, engine, with_case_files=not args.no_case_files)
    seconds = time.perf_counter() - started
    print(f"gender-neutral staff references, seeds {args.seed}-{args.seed + args.reviews - 1}, "
          f"{'without' if args.no_case_files else 'with'} case files")
    for line in report.lines():
        print("  " + line)
    print(f"  {seconds:.1f}s for detect, resolve and decide ({seconds / max(1, report.reviews) * 1000:.0f} ms a review)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
