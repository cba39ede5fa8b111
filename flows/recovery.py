"""Runs left RUNNING by a killed process are marked Crashed at the next start.

Each of our flows records the process that runs it as the flow run's `infrastructure_pid`
("host:pid", the form Prefect's process worker uses) unless a worker already set one. At the
next `batch` or `serve`, every RUNNING flow run of our flows recorded on this host whose
process is gone is set to Crashed, so a `kill -9` never leaves a run RUNNING forever.
Only host names, process ids and run ids are involved: nothing personal.
"""

from __future__ import annotations

import logging
import os
import socket

import psutil

OUR_FLOWS = ("nightly-batch", "finalise-packs", "redact-case")
logger = logging.getLogger("sfo_redact")


def process_tag() -> str:
    """This process as "host:pid", the form of a flow run's infrastructure_pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_run() -> None:
    """Record this process on the running flow run (no-op outside a flow run or on API errors)."""
    try:
        from prefect.client.orchestration import get_client
        from prefect.context import FlowRunContext

        ctx = FlowRunContext.get()
        if ctx is None or ctx.flow_run is None or ctx.flow_run.infrastructure_pid:
            return
        with get_client(sync_client=True) as client:
            client.update_flow_run(ctx.flow_run.id, infrastructure_pid=process_tag())
    except Exception as exc:  # noqa: BLE001 - bookkeeping must never fail a batch
        logger.debug("could not record the run's process (%s)", type(exc).__name__)


def process_gone(infrastructure_pid: str | None, host: str | None = None) -> bool:
    """True when `infrastructure_pid` names a process of this host that no longer runs."""
    if not infrastructure_pid or ":" not in infrastructure_pid:
        return False
    where, _, pid = infrastructure_pid.rpartition(":")
    if where != (host or socket.gethostname()) or not pid.isdigit():
        return False
    try:
        return psutil.Process(int(pid)).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def mark_crashed_runs() -> int:
    """Set Crashed on our RUNNING flow runs whose process is gone; returns how many."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    marked = 0
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=list(OUR_FLOWS))),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.RUNNING]))
            ),
        )
        for run in runs:
            if process_gone(run.infrastructure_pid):
                client.set_flow_run_state(
                    run.id, Crashed(message="its process ended without reporting (killed); marked at the next start"),
                    force=True,
                )
                marked += 1
    if marked:
        logger.warning("%d flow run(s) left RUNNING by a killed process were marked Crashed", marked)
    return marked
