"""`sfo-redact batch`: run the nightly batch once over an inbox, with a progress bar."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `batch` subcommand to the CLI's subparsers."""
    bat = sub.add_parser(
        "batch",
        help="draft every new or changed case of an inbox into an outbox (the nightly batch, once)",
        description=(
            "Run the nightly-batch Prefect flow once. The inbox holds a folder per case (review, optional "
            "action plan, optional case.yaml) or loose documents named with their SFO reference. Unchanged "
            "cases are skipped; inputs that fail are copied to the quarantine with a reason file."
        ),
    )
    bat.add_argument("--inbox", required=True, type=Path, help="folder of incoming cases (only read)")
    bat.add_argument("--outbox", required=True, type=Path, help="folder for the drafts: one folder per case")
    bat.add_argument("--quarantine", type=Path, help="folder for inputs that failed (default: OUTBOX/_quarantine)")
    bat.add_argument("--workers", type=int, default=1, help="cases drafted at once (threads, or Dask workers)")
    where = bat.add_mutually_exclusive_group()
    where.add_argument("--dask", metavar="ADDRESS", help="an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--local-dask", action="store_true", help="start a local Dask cluster for this run")
    bat.add_argument(
        "--processes", action="store_true",
        help="with --local-dask: worker processes instead of threads (needs a Prefect server: PREFECT_API_URL)",
    )
    bat.set_defaults(func=_cmd_batch)


def _cmd_batch(args: argparse.Namespace) -> int:
    import flows  # noqa: F401 - sets Prefect's environment before prefect is imported

    if not args.inbox.is_dir():
        raise ConfigError("the inbox is not a folder", args.inbox)
    if args.workers < 1:
        raise ConfigError("--workers must be 1 or more")
    if args.processes and not args.local_dask:
        raise ConfigError("--processes applies to --local-dask only")
    if args.processes and not os.environ.get("PREFECT_API_URL"):
        raise ConfigError(
            "Dask worker processes need a Prefect server: start one (prefect server start) and set PREFECT_API_URL"
        )
    from flows.nightly import nightly_batch
    from flows.runners import RunnerConfig, build_task_runner

    config = RunnerConfig(args.workers, args.dask, args.local_dask, args.processes)
    print(f"Drafting new and changed cases of {args.inbox} into {args.outbox} ({config.describe()})", flush=True)
    flow = nightly_batch.with_options(task_runner=build_task_runner(config))
    with _Progress():
        totals = flow(str(args.inbox.resolve()), str(args.outbox.resolve()), str(args.quarantine.resolve()) if args.quarantine else None)
    n = sum(totals["redactions"].values())
    print(
        f"Done in {totals['seconds']:.0f}s: {totals['done']} drafted, {totals['partial']} partly drafted, "
        f"{totals['failed']} failed, {totals['skipped']} unchanged (skipped); {totals['pages']} pages, {n} redactions."
    )
    for case_id, kind, reason in totals["failures"]:
        print(f"FAILED {case_id} {kind}: {reason}", file=sys.stderr)
    if totals["failures"]:
        quarantine = args.quarantine or args.outbox / "_quarantine"
        print(f"Failed inputs were copied to {quarantine} with a reason file each.", file=sys.stderr)
    print(f"Drafts and redaction logs: {args.outbox}/<case reference>/")
    return 1 if totals["failures"] else 0


class _Progress:
    """A tqdm bar over the cases being drafted, with a line per case."""

    def __enter__(self):
        from tqdm import tqdm

        from flows.progress import HOOKS

        self.bar = None

        def hook(event: str, data: dict) -> None:
            if event == "planned":
                self.bar = tqdm(total=data["to_run"], unit="case", file=sys.stderr, disable=data["to_run"] == 0)
                return
            line = f"{data['case_id']} {data['status']}: {data.get('documents', 0)} document(s), {data.get('pages', 0)} page(s)"
            if data.get("failures"):
                line += f", {len(data['failures'])} failure(s)"
            self.bar.write(line, file=sys.stdout)
            self.bar.update(1)

        self.hook = hook
        HOOKS.append(hook)
        return self

    def __exit__(self, *exc) -> None:
        from flows.progress import HOOKS

        HOOKS.remove(self.hook)
        if self.bar is not None:
            self.bar.close()
