"""`nightly-batch`: every new or changed case in the inbox, drafted concurrently."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from prefect import flow, get_run_logger

from flows.errors import BatchFailedError
from flows.inbox import (
    default_quarantine,
    files_digest,
    inputs_digest,
    is_quarantined,
    is_unchanged,
    quarantine,
    remember_quarantine,
    scan_inbox,
)
from flows.progress import emit
from flows.recovery import claim_run
from flows.report import batch_totals, publish_batch_artifact
from flows.runners import build_task_runner, runner_config_from_env, settle_all
from flows.tasks import redact_case_task, settled


def _run_name() -> str:
    return f"nightly-batch-{dt.datetime.now():%Y%m%d-%H%M%S}"


def plan_batch(inbox: Path, outbox: Path, quarantine_dir: Path) -> tuple[list[str], list[dict]]:
    """Case references to draft, and summaries of the skipped, held and rejected entries.

    A case or inbox entry whose inputs already failed, unchanged since, is held in the
    quarantine: counted as "quarantined", not tried again and not a failure of this run.
    """
    found = scan_inbox(inbox)
    to_run, others = [], []
    for case_id, case in found.cases.items():
        if is_unchanged(outbox, case):
            others.append({"case_id": case_id, "status": "skipped"})
        elif is_quarantined(quarantine_dir, case_id, inputs_digest(case)):
            others.append({"case_id": case_id, "status": "quarantined"})
        else:
            to_run.append(case_id)
    for rej in found.rejected:
        digest = files_digest(rej.paths)
        if is_quarantined(quarantine_dir, rej.case_id, digest):
            others.append({"case_id": rej.case_id, "status": "quarantined"})
            continue
        for p in rej.paths:
            quarantine(quarantine_dir, rej.case_id, p, kind="inbox entry", reason=rej.reason)
        remember_quarantine(quarantine_dir, rej.case_id, digest, 1)
        others.append({"case_id": rej.case_id, "status": "failed", "failures": [("inbox entry", rej.reason)]})
    return to_run, others


@flow(
    name="nightly-batch",
    flow_run_name=_run_name,
    task_runner=build_task_runner(runner_config_from_env()),
    persist_result=False,
    log_prints=False,
)
def nightly_batch(inbox: str, outbox: str, quarantine_dir: str | None = None) -> dict:
    """Draft every new or changed case of the inbox; returns the batch's counts.

    When any case failed, every other case is still drafted, the artifact is published, and
    then the flow raises BatchFailedError (with the counts): the run is Failed, so Prefect's
    automations and notifications on a failed run fire.
    """
    claim_run()  # a kill -9 leaves this run RUNNING; the next start marks it Crashed
    logger = get_run_logger()
    started = time.perf_counter()
    inbox_p, outbox_p = Path(inbox), Path(outbox)
    quarantine_p = Path(quarantine_dir) if quarantine_dir else default_quarantine(outbox_p)
    outbox_p.mkdir(parents=True, exist_ok=True)
    to_run, others = plan_batch(inbox_p, outbox_p, quarantine_p)
    logger.info("%d case(s) to draft, %d unchanged, %d held in quarantine, %d inbox entr(ies) rejected",
                len(to_run), sum(o["status"] == "skipped" for o in others),
                sum(o["status"] == "quarantined" for o in others), sum(o["status"] == "failed" for o in others))
    emit("planned", {"to_run": len(to_run), "others": others})
    futures = {redact_case_task.submit(str(inbox_p), cid, str(outbox_p), str(quarantine_p)): cid for cid in to_run}
    summaries = []
    for fut in settle_all(list(futures)):
        summary = settled(fut, futures[fut])
        summaries.append(summary)
        emit("case", summary)
    summaries = sorted(summaries, key=lambda s: s["case_id"]) + others
    totals = batch_totals(summaries, time.perf_counter() - started)
    publish_batch_artifact(summaries, totals, key="nightly-batch")
    logger.info("batch finished: %d done, %d partial, %d failed, %d skipped, %d pages, %.1fs",
                totals["done"], totals["partial"], totals["failed"], totals["skipped"], totals["pages"], totals["seconds"])
    emit("finished", totals)
    raise_if_failed(totals)
    return totals


def raise_if_failed(totals: dict) -> None:
    """BatchFailedError with the counts, when any case of the batch failed."""
    failed = totals["failed"] + totals["partial"]
    if failed:
        raise BatchFailedError(
            f"{failed} of {totals['cases']} case(s) failed ({totals['partial']} partly drafted); "
            "their inputs are quarantined and the artifact lists them",
            totals,
        )
