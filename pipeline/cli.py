"""The `sfo-redact` command."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.errors import SfoRedactError

logger = logging.getLogger("pipeline")


def _setup_logging(verbosity: int) -> None:
    level = logging.WARNING - 10 * verbosity
    logging.basicConfig(level=max(level, logging.DEBUG), format="sfo-redact: %(levelname)s: %(message)s")
    # Libraries log document text at DEBUG (spaCy, presidio); keep them at WARNING.
    for name in ("presidio-analyzer", "presidio-anonymizer", "spacy", "pdfminer", "pypdf", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _cmd_redact(args: argparse.Namespace) -> int:
    from pipeline.case import load_case
    from pipeline.engine import get_engine
    from pipeline.redact import case_id_for, output_stem, redact_file

    case = load_case(args.case) if args.case else None
    inputs = [Path(p) for p in args.inputs]
    engine = get_engine(args.engine_config)
    failures = 0
    taken: set[str] = set()
    total = len(inputs)
    for i, path in enumerate(inputs, start=1):
        try:
            stem = output_stem(path, case_id_for(path, case), taken) if path.is_file() else None
            result = redact_file(path, args.out, case=case, engine=engine, gist_only=args.gist_only, stem=stem)
        except SfoRedactError as exc:
            failures += 1
            print(f"[{i}/{total}] FAILED {path}: {exc.reason}", file=sys.stderr)
            continue
        except Exception as exc:  # one bad input never stops the batch; no document text in the message
            failures += 1
            logger.debug("unexpected failure", exc_info=True) if args.verbose > 1 else None
            print(f"[{i}/{total}] FAILED {path}: internal error ({type(exc).__name__}); please report it", file=sys.stderr)
            continue
        n = sum(result.counts.values())
        print(
            f"[{i}/{total}] {path.name} -> {result.pdf.name}, {result.log.name} "
            f"({result.pages} pages, {n} redactions, {result.seconds:.1f}s)"
        )
    if failures:
        print(f"{failures} of {total} input(s) failed; the others were written to {args.out}", file=sys.stderr)
        return 1
    print(f"Done: {total} document(s) redacted into {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sfo-redact",
        description="Redact SFO reviews for disclosure to victims and their families.",
    )
    parser.add_argument("--version", action="version", version=f"sfo-redact {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (counts and timings only)")
    sub = parser.add_subparsers(dest="command", required=True)

    red = sub.add_parser("redact", help="redact reviews into PDFs with draft redaction logs")
    red.add_argument("inputs", nargs="+", metavar="INPUT", help="DOCX or PDF reviews / action plans")
    red.add_argument("--out", required=True, type=Path, help="folder for the outputs (created if missing)")
    red.add_argument("--case", type=Path, help="case file (YAML) naming the people and identifiers of the case")
    red.add_argument("--gist-only", action="store_true", help="leave the removed text out of the log")
    red.add_argument("--engine-config", type=Path, help="detection engine configuration (default: the shipped one)")
    red.set_defaults(func=_cmd_redact)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return args.func(args)
    except SfoRedactError as exc:
        print(f"sfo-redact: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sfo-redact: interrupted; no partial outputs were left", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
