"""`redact-case`: one case of the inbox, drafted now (unchanged or not)."""

from __future__ import annotations

import time
from pathlib import Path

from prefect import flow

from flows.inbox import default_quarantine
from flows.nightly import raise_if_failed
from flows.recovery import claim_run
from flows.report import batch_totals, publish_batch_artifact
from flows.tasks import redact_case_task, settled


@flow(name="redact-case", flow_run_name="redact-case-{case_id}", persist_result=False, log_prints=False)
def redact_case_flow(inbox: str, case_id: str, outbox: str, quarantine_dir: str | None = None) -> dict:
    """Draft one case (its reference, e.g. SFO60001) from the inbox into the outbox."""
    claim_run()
    started = time.perf_counter()
    quarantine_p = quarantine_dir or str(default_quarantine(Path(outbox)))
    summary = settled(redact_case_task.submit(inbox, case_id, outbox, quarantine_p, force=True), case_id)
    totals = batch_totals([summary], time.perf_counter() - started)
    publish_batch_artifact([summary], totals, key="redact-case")
    raise_if_failed(totals)
    return totals
