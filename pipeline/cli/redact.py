"""`sfo-redact redact`: redact documents into PDFs with draft redaction logs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `redact` subcommand to the CLI's subparsers."""
    red = sub.add_parser("redact", help="redact reviews into PDFs, review copies and the case's redaction log")
    red.add_argument("inputs", nargs="+", metavar="INPUT", help="DOCX or PDF reviews / action plans")
    red.add_argument("--out", required=True, type=Path, help="folder for the outputs (created if missing)")
    red.add_argument("--case", type=Path, help="case file (YAML) naming the people and identifiers of the case")
    red.add_argument("--gist-only", action="store_true", help="leave the removed text out of the log")
    red.add_argument(
        "--strict", action="store_true",
        help="refuse a DOCX with content the PDF does not show (charts, SmartArt, embedded objects, "
        "imported parts that cannot be read) instead of listing it in the log",
    )
    red.add_argument("--engine-config", type=Path, help="detection engine configuration (default: the shipped one)")
    red.set_defaults(func=_cmd_redact)


def _cmd_redact(args: argparse.Namespace) -> int:
    from pipeline.case import load_case
    from pipeline.detect.engine import get_engine
    from pipeline.redact import case_id_for, redact_case

    case = load_case(args.case) if args.case else None
    inputs = [Path(p) for p in args.inputs]
    total = len(inputs)
    failures = 0
    done = 0
    # Documents of one case share labels: with a case file every input is that case; without
    # one, inputs are grouped by the SFO reference in their names.
    groups: dict[str, list[Path]] = {}
    for path in inputs:
        if not path.is_file():
            done += 1
            failures += 1
            reason = "is a folder, not a document" if path.is_dir() else "file not found"
            print(f"[{done}/{total}] FAILED {path}: {reason}", file=sys.stderr)
            continue
        try:
            cid = case_id_for(path, case)
        except OSError as exc:
            done += 1
            failures += 1
            print(f"[{done}/{total}] FAILED {path}: cannot be read ({exc.strerror})", file=sys.stderr)
            continue
        groups.setdefault(cid, []).append(path)
    engine = get_engine(args.engine_config) if groups else None

    def report(path: Path, result, reason: str | None) -> None:
        nonlocal done, failures
        done += 1
        if reason is not None:
            failures += 1
            print(f"[{done}/{total}] FAILED {path}: {reason}", file=sys.stderr)
            return
        n = sum(result.counts.values())
        print(
            f"[{done}/{total}] {path.name} -> {result.pdf.name} "
            f"({result.pages} pages, {n} redactions, {result.seconds:.1f}s)",
            flush=True,
        )

    for cid, paths in groups.items():
        outcome = redact_case(paths, args.out, case=case, case_id=cid, engine=engine, gist_only=args.gist_only, on_done=report, strict=args.strict)
        reported = set(paths)
        for where, reason in outcome.failures:
            if where not in reported:  # the case's log and review copies, written after the documents
                failures += 1
                print(f"FAILED {where.name}: {reason}", file=sys.stderr)
        if outcome.documents and not any(where not in reported for where, _ in outcome.failures):
            print(f"{cid}: redaction log {cid}.redaction-log.xlsx and review copies written", flush=True)
    if failures:
        print(f"{failures} of {total} input(s) failed; the others were written to {args.out}", file=sys.stderr)
        return 1
    print(f"Done: {total} document(s) redacted into {args.out}")
    return 0
