"""`sfo-redact verify`: check redacted PDFs independently against a case file or a redaction log.

The check uses none of the library that wrote the PDFs (see pipeline/verify/__init__.py). With a
case file, every name the case gives (with its first name, surname, initial-and-surname
and capitals) and every identifier and written form of the date of birth must be absent;
with a redaction log, every string the log says was removed, unless its decision is
Disclose. Nothing printed holds document text.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from pipeline.verify import Needle

# One builder for every check (pipeline/verify/needles.py).
from pipeline.verify.needles import LOG_SHEET, LogReadError, log_needles  # noqa: E402,F401
from pipeline.verify.needles import case_file_needles as case_needles  # noqa: E402,F401


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `verify` subcommand to the CLI's subparsers."""
    ver = sub.add_parser(
        "verify",
        help="check redacted PDFs independently for anything the case file or log says was removed",
    )
    ver.add_argument("pdfs", nargs="+", metavar="PDF", type=Path, help="redacted PDFs to check")
    source = ver.add_mutually_exclusive_group(required=True)
    source.add_argument("--case", type=Path, help="case file (YAML): every name, variant and identifier in it")
    source.add_argument("--log", type=Path, help="redaction log (.xlsx): every string removed, unless disclosed")
    ver.set_defaults(func=_cmd_verify)


def verify_files(paths: Iterable[Path], needles: list[Needle]) -> int:
    """Verify each PDF; one line per file; 0 when all passed, else 1."""
    from pipeline.errors import SfoRedactError
    from pipeline.verify import verify

    failed = 0
    for path in paths:
        if not path.is_file():
            failed += 1
            reason = "is a folder, not a PDF" if path.is_dir() else "file not found"
            print(f"FAILED {path}: {reason}", file=sys.stderr)
            continue
        try:
            report = verify(path, needles)
        except SfoRedactError as exc:
            failed += 1
            print(f"FAILED {path}: {exc.reason}", file=sys.stderr)
            continue
        print(f"OK {path}: {report.pages} pages, {report.checked} strings checked, {'+'.join(report.extractors)}", flush=True)
    return 1 if failed else 0


def _cmd_verify(args: argparse.Namespace) -> int:
    if args.case is not None:
        from pipeline.case import load_case

        needles = case_needles(load_case(args.case))  # a broken case file: CaseFileError, exit 2
    else:
        try:
            needles = log_needles(args.log)
        except LogReadError as exc:
            print(f"sfo-redact: {args.log.name}: {exc}", file=sys.stderr)
            return 2
    if not needles:
        print("sfo-redact: nothing to check against: the case file or log names no removed string", file=sys.stderr)
        return 2
    return verify_files(args.pdfs, needles)
