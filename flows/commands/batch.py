"""`sfo-redact batch`: run the nightly batch once over an inbox, with a progress bar."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from pipeline.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `batch` command to the CLI (entry-point group sfo_redact.commands)."""
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
    # --processes needs a real Prefect server (not the embedded one): without PREFECT_API_URL the
    # batch starts a local one (flows.local_server), which the Dask worker processes share.
    from flows.nightly import nightly_batch
    from flows.runners import RunnerConfig, build_task_runner

    config = RunnerConfig(args.workers, args.dask, args.local_dask, args.processes)
    print(f"Drafting new and changed cases of {args.inbox} into {args.outbox} ({config.describe()})", flush=True)
    from flows.errors import BatchFailedError
    from flows.local_server import prefect_api

    flow = nightly_batch.with_options(task_runner=build_task_runner(config))
    # Without PREFECT_API_URL: serve's local server if it runs, else one started for this batch
    # (on 127.0.0.1, dying with this process even on kill -9), rather than the embedded server.
    with prefect_api(), _progress():
        try:
            totals = flow(str(args.inbox.resolve()), str(args.outbox.resolve()), str(args.quarantine.resolve()) if args.quarantine else None)
        except BatchFailedError as exc:  # the run is Failed in Prefect; the counts are still printed
            totals = exc.totals
    n = sum(totals["redactions"].values())
    print(
        f"Done in {totals['seconds']:.0f}s: {totals['done']} drafted, {totals['partial']} partly drafted, "
        f"{totals['failed']} failed, {totals['skipped']} unchanged (skipped), "
        f"{totals['quarantined']} held in quarantine (unchanged since they failed); {totals['pages']} pages, {n} redactions."
    )
    for case_id, kind, reason in totals["failures"]:
        print(f"FAILED {case_id} {kind}: {reason}", file=sys.stderr)
    if totals["failures"]:
        quarantine = args.quarantine or args.outbox / "_quarantine"
        print(f"Failed inputs were copied to {quarantine} with a reason file each.", file=sys.stderr)
    print(f"Drafts and redaction logs: {args.outbox}/<case reference>/")
    return 1 if totals["failures"] else 0


class _progress:  # noqa: N801 - used as a context manager, read as a phrase
    """Progress of the cases: a rich bar on a terminal, plain lines when redirected.

    One line per case, printed once. On a terminal the lines are printed through the bar's
    own console, above the bar, so they never run into it; redirected output (a log file,
    cron's mail) gets plain lines without control codes and no bar. Hooks may be called from
    several task threads, so printing is under a lock.
    """

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stdout
        self.progress = None
        self.bar = None
        self.lock = threading.Lock()

    def hook(self, event: str, data: dict) -> None:
        with self.lock:
            if event == "planned":
                self._start(data["to_run"])
            elif event == "case":
                self._line(data)

    def _start(self, total: int) -> None:
        if not total or not self.stream.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream, highlight=False)
        self.progress = Progress(
            TextColumn("drafting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
        )
        self.progress.start()
        self.bar = self.progress.add_task("cases", total=total)

    def _line(self, data: dict) -> None:
        line = f"{data['case_id']} {data['status']}: {data.get('documents', 0)} document(s), {data.get('pages', 0)} page(s)"
        if data.get("failures"):
            line += f", {len(data['failures'])} failure(s)"
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            self.progress.advance(self.bar)
        else:
            print(line, file=self.stream, flush=True)

    def __enter__(self):
        from flows.progress import HOOKS

        HOOKS.append(self.hook)
        return self

    def __exit__(self, *exc) -> None:
        from flows.progress import HOOKS

        HOOKS.remove(self.hook)
        if self.progress is not None:
            self.progress.stop()
