"""`sfo-redact finalise`: from a signed-off redaction log to the VLU pack."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `finalise` subcommand to the CLI's subparsers."""
    fin = sub.add_parser(
        "finalise",
        help="apply a signed-off redaction log and write the VLU pack",
        description=(
            "Read the redaction log a senior manager edited and signed off, rebuild the redacted "
            "documents as decided (Disclose puts the original text back; 'Add redactions' rows are "
            "removed everywhere), verify them, and write the VLU pack folder and zip."
        ),
    )
    fin.add_argument("log", type=Path, metavar="LOG.xlsx", help="the case's redaction log (CASE.redaction-log.xlsx)")
    fin.add_argument("--out", required=True, type=Path, help="folder for the pack (created if missing)")
    fin.add_argument(
        "--inputs", nargs="+", type=Path, metavar="ORIGINAL",
        help="the original documents, if they moved since the draft (matched by content, not name)",
    )
    fin.add_argument("--region", help="region for the cover sheet, when the case file did not give one")
    fin.set_defaults(func=_cmd_finalise)


def _cmd_finalise(args: argparse.Namespace) -> int:
    from pipeline.finalise import finalise
    from pipeline.model import long_date

    result = finalise(args.log, args.out, inputs=args.inputs, region=args.region)
    print(
        f"Finalised {result.case_id}: {result.disclosed} row(s) disclosed, {result.withheld} kept removed, "
        f"{result.added} span(s) added"
        + (f", {result.rewritten} reference(s) to staff made gender-neutral" if result.rewritten else "")
        + f"; signed off by {result.signoff.role} on {long_date(result.signoff.date)}."
    )
    print(f"VLU pack: {result.pack.folder} and {result.pack.zip.name} ({', '.join(result.pack.files)})")
    return 0
