"""`sfo-redact eval`: measure recall, keep rate, label consistency and speed on generated reviews."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `eval` subcommand to the CLI's subparsers."""
    ev = sub.add_parser("eval", help="evaluate detection on a generated corpus with gold annotations")
    src = ev.add_mutually_exclusive_group()
    src.add_argument("--corpus", type=Path, help="a corpus folder (one sub-folder per case, each with gold.json)")
    src.add_argument("--generate", type=int, metavar="N", help="generate N cases (default 40)")
    ev.add_argument("--seed", type=int, default=1, help="seed for --generate (use a fresh one to test generalisation)")
    ev.add_argument("--pages", type=int, help="approximate pages per generated review (default: 3 to 15)")
    cf = ev.add_mutually_exclusive_group()
    cf.add_argument("--with-case-files", dest="case_files", action="store_true", default=True, help="use each case's case.yaml (default)")
    cf.add_argument("--without-case-files", dest="case_files", action="store_false", help="detect without case files")
    ev.add_argument("--json", type=Path, default=Path("eval-results.json"), help="where to write the figures (default eval-results.json)")
    ev.add_argument("--check", action="store_true", help="exit 1 if a bar (recall, keep rate, consistency) is missed")
    ev.add_argument("--engine-config", type=Path, help="detection engine configuration")
    ev.set_defaults(func=_cmd_eval)


def _cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.detect.engine import get_engine

    if not args.corpus:
        try:
            import faker  # noqa: F401 - the generator's names
        except ImportError:
            print("sfo-redact: eval --generate needs the generator: pip install 'sfo-redact[eval]'", file=sys.stderr)
            return 2
    from pipeline.evaluation.score import evaluate, shortfalls, write_json

    engine = get_engine(args.engine_config)

    def progress(i: int, n: int) -> None:
        print(f"\r  evaluated {i}/{n} cases", end="", file=sys.stderr, flush=True)

    report = evaluate(
        args.corpus,
        generate=None if args.corpus else (args.generate or 40),
        seed=args.seed,
        with_case_files=args.case_files,
        engine=engine,
        pages=args.pages,
        progress=progress,
    )
    print(file=sys.stderr)
    print(report.table())
    previous = args.json if args.json.exists() else None
    data = write_json(report, args.json, previous)
    if "change_since_previous" in data:
        change = ", ".join(f"{k} {v:+}" for k, v in data["change_since_previous"].items())
        print(f"change since the previous run in {args.json}: {change}")
    print(f"figures written to {args.json}")
    misses = shortfalls(report)
    for miss in misses:
        print(f"below the bar: {miss}")
    return 1 if (args.check and misses) else 0
