"""`finalise-packs`: a VLU pack for every signed-off redaction log in the outbox that has none."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from prefect import flow, get_run_logger

from flows.errors import BatchFailedError
from flows.progress import emit
from flows.recovery import claim_run
from flows.report import publish_packs_artifact
from flows.runners import build_task_runner, runner_config_from_env, settle_all
from flows.tasks import finalise_case_task, pack_folder, settled


def logs_without_pack(outbox: Path) -> list[str]:
    """Case references whose outbox folder holds a redaction log and no VLU pack yet."""
    from redaction_logs.draft import log_name

    return sorted(
        d.name for d in Path(outbox).iterdir()
        if d.is_dir() and (d / log_name(d.name)).is_file() and not pack_folder(outbox, d.name).exists()
    )


def _run_name() -> str:
    return f"finalise-packs-{dt.datetime.now():%Y%m%d-%H%M%S}"


@flow(
    name="finalise-packs",
    flow_run_name=_run_name,
    task_runner=build_task_runner(runner_config_from_env()),
    persist_result=False,
    log_prints=False,
)
def finalise_packs(outbox: str) -> dict:
    """Finalise every signed-off log without a pack; unsigned logs wait, they are not failures."""
    claim_run()
    logger = get_run_logger()
    started = time.perf_counter()
    case_ids = logs_without_pack(Path(outbox)) if Path(outbox).is_dir() else []
    emit("planned", {"to_run": len(case_ids), "others": []})
    futures = {finalise_case_task.submit(outbox, cid): cid for cid in case_ids}
    summaries = []
    for fut in settle_all(list(futures)):
        summaries.append(settled(fut, futures[fut], packs=True))
        emit("case", summaries[-1])
    summaries.sort(key=lambda s: s["case_id"])
    totals = publish_packs_artifact(summaries, time.perf_counter() - started, key="finalise-packs")
    logger.info("%d pack(s) written, %d waiting for sign-off, %d failed",
                totals["packed"], totals["waiting"], totals["failed"])
    emit("finished", totals)
    if totals["failed"]:
        # Waiting logs are not failures; a log that cannot be finalised is, and fails the run.
        raise BatchFailedError(f"{totals['failed']} of {totals['cases']} pack(s) could not be written", totals)
    return totals
