"""The `sfo-redact` command."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pipeline import __version__
from pipeline.errors import SfoRedactError

logger = logging.getLogger("pipeline")


def _setup_logging(verbosity: int) -> None:
    level = logging.WARNING - 10 * verbosity
    logging.basicConfig(level=max(level, logging.DEBUG), format="sfo-redact: %(levelname)s: %(message)s")
    # Libraries log document text at DEBUG (spaCy, presidio); keep them at WARNING.
    for name in ("presidio-analyzer", "presidio-anonymizer", "spacy", "pdfminer", "pypdf", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)


# Each command lives in its own module with a register(subparsers) function.
COMMAND_MODULES = (
    "pipeline.cli.redact",
    "pipeline.cli.eval",
    "pipeline.cli.finalise",
    "pipeline.cli.verify",
    "pipeline.cli.batch",
    "pipeline.cli.finalise_all",
    "pipeline.cli.serve",
)


def build_parser() -> argparse.ArgumentParser:
    """The `sfo-redact` argument parser, with every command module's subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="sfo-redact",
        description="Redact SFO reviews for disclosure to victims and their families.",
    )
    parser.add_argument("--version", action="version", version=f"sfo-redact {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (counts and timings only)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the `sfo-redact` command line; the exit status is 2 for a named error, 130 when interrupted."""
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


