"""`sfo-redact finalise-all`: a VLU pack for every signed-off redaction log in an outbox."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `finalise-all` subcommand to the CLI's subparsers."""
    fin = sub.add_parser(
        "finalise-all",
        help="finalise every signed-off redaction log in an outbox that has no VLU pack yet",
        description=(
            "Run the finalise-packs Prefect flow once. Logs not yet signed off are listed as waiting, "
            "not as failures. Each pack is written to OUTBOX/<case reference>/<case reference>-VLU-pack."
        ),
    )
    fin.add_argument("--outbox", required=True, type=Path, help="the outbox the batch drafted into")
    fin.add_argument("--workers", type=int, default=1, help="cases finalised at once (threads)")
    fin.set_defaults(func=_cmd_finalise_all)


def _cmd_finalise_all(args: argparse.Namespace) -> int:
    import flows  # noqa: F401 - sets Prefect's environment before prefect is imported

    if not args.outbox.is_dir():
        raise ConfigError("the outbox is not a folder", args.outbox)
    from flows.errors import BatchFailedError
    from flows.finalise_packs import finalise_packs
    from flows.runners import RunnerConfig, build_task_runner

    flow = finalise_packs.with_options(task_runner=build_task_runner(RunnerConfig(workers=max(1, args.workers))))
    try:
        totals = flow(str(args.outbox.resolve()))
    except BatchFailedError as exc:  # the run is Failed in Prefect; the counts are still printed
        totals = exc.totals
    print(
        f"{totals['packed']} pack(s) written, {totals['waiting']} log(s) waiting for sign-off, "
        f"{totals['failed']} failed ({totals['seconds']:.0f}s)."
    )
    for case_id, reason in totals["failures"]:
        print(f"FAILED {case_id}: {reason}", file=sys.stderr)
    return 1 if totals["failed"] else 0
