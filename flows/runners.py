"""The task runner, chosen by configuration.

- threads on this machine (default): `ThreadPoolTaskRunner(max_workers=N)`; the threads
  share one detection engine (`pipeline.detect.engine.get_engine()` caches one per process);
- an existing Dask scheduler: `DaskTaskRunner(address="tcp://host:8786")`; each Dask
  worker process builds its own engine once and reuses it;
- a local Dask cluster: `DaskTaskRunner(cluster_kwargs={"n_workers": N, "processes": ...})`.
  With `processes=False` (threads) it works under Prefect's embedded server. With worker
  processes each worker talks to the Prefect API itself, which needs a real Prefect server
  (`prefect server start` and `PREFECT_API_URL`): against the embedded server every worker
  starts its own and they fight over one SQLite file ("database is locked").

Prefect 3 has no process-pool runner of its own; processes on one machine mean a local
Dask cluster with processes (and a Prefect server).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from prefect.futures import wait
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from flows.errors import NoDaskWorkersError

# How long a batch waits with no Dask worker at all before it fails (a worker being restarted
# comes back within this; a cluster that lost every worker does not). SFO_REDACT_NO_WORKER_WAIT.
NO_WORKER_WAIT_SECONDS = float(os.environ.get("SFO_REDACT_NO_WORKER_WAIT", "300"))
POLL_SECONDS = 5.0
# The local Dask cluster's HTTP servers (scheduler dashboard, workers' status pages).
LOOPBACK_HTTP = {"dashboard_address": "127.0.0.1:0", "worker_dashboard_address": "127.0.0.1:0"}


@dataclass(frozen=True)
class RunnerConfig:
    """How a batch's tasks run: threads, a local Dask cluster, or an existing scheduler."""

    workers: int = 1
    dask_address: str | None = None  # an existing scheduler, e.g. tcp://10.0.0.5:8786
    local_dask: bool = False  # start a local Dask cluster for this run
    processes: bool = False  # local Dask cluster with worker processes (needs a Prefect server)

    def describe(self) -> str:
        """The runner in words, for the log."""
        if self.dask_address:
            return f"Dask scheduler at {self.dask_address}"
        if self.local_dask:
            kind = "processes" if self.processes else "threads"
            return f"local Dask cluster, {self.workers} worker(s) ({kind})"
        return f"{self.workers} thread(s)"


def runner_config_from_env() -> RunnerConfig:
    """Configuration for served deployments: SFO_REDACT_WORKERS, SFO_REDACT_DASK_ADDRESS."""
    return RunnerConfig(
        workers=int(os.environ.get("SFO_REDACT_WORKERS", "1")),
        dask_address=os.environ.get("SFO_REDACT_DASK_ADDRESS") or None,
    )


def build_task_runner(config: RunnerConfig) -> TaskRunner:
    """The Prefect task runner that `config` describes."""
    if config.workers < 1:
        raise ValueError("workers must be 1 or more")
    if config.dask_address or config.local_dask:
        from prefect_dask import DaskTaskRunner

        if config.dask_address:
            return DaskTaskRunner(address=config.dask_address)
        if config.processes:
            kwargs = {"n_workers": config.workers, "processes": True, "threads_per_worker": 1}
        else:
            kwargs = {"n_workers": 1, "processes": False, "threads_per_worker": config.workers}
        # Loopback only. dashboard_address=None did NOT close the port: the scheduler still
        # listened on 0.0.0.0:8787 and each worker on 0.0.0.0:<random> (their HTTP servers, seen
        # with `ss -ltnp`, issue 15). Both are bound to 127.0.0.1 on a free port instead.
        return DaskTaskRunner(cluster_kwargs={**kwargs, **LOOPBACK_HTTP})
    return ThreadPoolTaskRunner(max_workers=config.workers)


def dask_worker_count() -> int | None:
    """Workers of the running flow's Dask cluster, or None when its tasks do not run on Dask."""
    from prefect.context import FlowRunContext

    ctx = FlowRunContext.get()
    client = getattr(getattr(ctx, "task_runner", None), "_client", None)
    if client is None:
        return None
    try:
        return len(client.scheduler_info().get("workers", {}))
    except Exception:  # noqa: BLE001 - a scheduler that cannot answer counts as unknown, not as none
        return None


def settle_all(
    futures: list,
    *,
    no_worker_wait: float | None = None,
    poll: float = POLL_SECONDS,
    workers: Callable[[], int | None] = dask_worker_count,
    wait_fn=wait,
) -> Iterator:
    """Yield each future as it finishes, as `as_completed` does, but never wait forever.

    If the Dask cluster has had no worker for `no_worker_wait` seconds, raise
    NoDaskWorkersError: the batch ends Failed with a clear message instead of hanging.
    """
    limit = NO_WORKER_WAIT_SECONDS if no_worker_wait is None else no_worker_wait
    pending = set(futures)
    none_since = None
    while pending:
        done, not_done = wait_fn(list(pending), timeout=poll)
        yield from done
        pending = set(not_done)
        if not pending:
            return
        count = workers()
        if count == 0:
            none_since = none_since or time.monotonic()
            if time.monotonic() - none_since >= limit:
                raise NoDaskWorkersError(
                    f"the Dask cluster has had no worker for {limit:.0f} s; {len(pending)} case(s) not run "
                    "(start a worker and run the batch again)"
                )
        else:
            none_since = None
