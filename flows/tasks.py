"""Prefect tasks: one case's draft, and one case's VLU pack.

What Prefect keeps about a task is its run name, its state (with a message when it fails),
its logs and its result. So the tasks take folders and case references (never a file path:
SFO file names carry the supervised individual's surname), are named after the case, keep
no results (`persist_result=False`, no cache) and log counts only.

States tell the truth: a case that failed raises `CaseFailedError` (its task run is Failed,
and the error carries the case's counts for the batch's totals); a log waiting for sign-off
is a Completed run named "Waiting for sign-off", told apart by the type
`SignOffIncompleteError`, never by a message. Only transient I/O is retried
(`retry_condition_fn`), and every task has a timeout.
"""

from __future__ import annotations

import errno
import os
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed

from flows.errors import CaseFailedError, PackFailedError, TransientIOError
from flows.inbox import (
    InboxCase,
    case_lock,
    case_outbox,
    find_case,
    inputs_digest,
    is_quarantined,
    is_unchanged,
    quarantine,
    remember_quarantine,
    scrub_reason,
    write_state,
)

TASK_OPTIONS = {"persist_result": False, "cache_policy": NO_CACHE, "log_prints": False}

# Timeouts, sized from the bench: 100 cases (about 420 pages) took 209 to 219 s on one thread,
# about 0.5 s a page. A 300-page case is then about 150 s; the limit is six times that.
REDACT_TIMEOUT_SECONDS = float(os.environ.get("SFO_REDACT_CASE_TIMEOUT", "900"))
FINALISE_TIMEOUT_SECONDS = float(os.environ.get("SFO_REDACT_FINALISE_TIMEOUT", "300"))
RETRIES, RETRY_DELAY_SECONDS = 2, [10, 60]


# Error numbers of I/O that may pass if tried again (a network share busy, stale or dropped).
_TRANSIENT_ERRNOS = {errno.EIO, errno.EAGAIN, errno.EBUSY, errno.ETIMEDOUT, errno.ESTALE, errno.EINTR,
                     errno.ECONNRESET, errno.ECONNABORTED, errno.EHOSTUNREACH, errno.ENETUNREACH}


def transient_io(exc: BaseException) -> TransientIOError | None:
    """The retryable form of an OS error that may pass, or None for any other error."""
    if isinstance(exc, TimeoutError | InterruptedError | BlockingIOError | ConnectionError) or (
        isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS
    ):
        name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
        return TransientIOError(f"transient I/O error ({name}); tried again")
    return None


def retry_transient_io(task, task_run, state) -> bool:
    """`retry_condition_fn`: retry a task only when it failed with TransientIOError."""
    try:
        state.result()
    except TransientIOError:
        return True
    except BaseException:  # noqa: BLE001 - any other failure is final
        return False
    return False


@dataclass
class CaseSummary:
    """What a batch learns about one case: counts and labels only."""

    case_id: str
    status: str  # done, partial (some documents failed), failed, skipped, quarantined (unchanged since it failed)
    documents: int = 0
    pages: int = 0
    redactions: dict[str, int] = field(default_factory=dict)  # category -> count
    failures: list[tuple[str, str]] = field(default_factory=list)  # (document kind, reason)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """The summary as a plain dict."""
        return asdict(self)


def _kind(path: Path) -> str:
    from pipeline.redact import document_kind_name

    return "case file" if path.suffix.lower() in (".yaml", ".yml") else document_kind_name(path)


def run_case(inbox: Path, case_id: str, outbox: Path, quarantine_dir: Path, *, force: bool = False) -> CaseSummary:
    """Draft one case under its lock; skipped if another run holds the lock or already drafted it.

    The check that the case is still to do is made again under the lock: a task that Dask
    runs a second time after its worker died, or a second batch overlapping the first, finds
    the case drafted from the same inputs and leaves it alone. `force` drafts it anyway
    (the on-demand flow), still under the lock.
    """
    with case_lock(outbox, case_id) as held:
        if not held:
            return CaseSummary(case_id, "skipped")
        case_in = find_case(inbox, case_id)
        if case_in is not None and not force:
            if is_unchanged(outbox, case_in):
                return CaseSummary(case_id, "skipped")
            if is_quarantined(quarantine_dir, case_id, inputs_digest(case_in)):
                return CaseSummary(case_id, "quarantined")
        if case_in is None:
            return CaseSummary(case_id, "failed", failures=[("case", "no longer in the inbox")])
        digest = inputs_digest(case_in)
        summary = _draft_case(case_in, digest, outbox, quarantine_dir)
        if summary.failures:
            remember_quarantine(quarantine_dir, case_id, digest, len(summary.failures))
        return summary


def _draft_case(case_in: InboxCase, digest: str, outbox: Path, quarantine_dir: Path) -> CaseSummary:
    """Draft one case from the inbox into the outbox; failed inputs are copied to the quarantine."""
    from pipeline.case import load_case
    from pipeline.detect.engine import get_engine
    from pipeline.errors import SfoRedactError
    from pipeline.redact import redact_case

    started = time.perf_counter()
    case_id = case_in.case_id
    paths = [*case_in.documents, *([case_in.case_file] if case_in.case_file else [])]
    try:
        case = load_case(case_in.case_file) if case_in.case_file else None
    except SfoRedactError as exc:
        # A broken case file fails the whole case: without it people could be mislabelled.
        reason = scrub_reason(f"case file: {exc.reason}", paths)
        for p in paths:
            quarantine(quarantine_dir, case_id, p, kind=_kind(p), reason=reason)
        return CaseSummary(case_id, "failed", failures=[("case file", reason)], seconds=time.perf_counter() - started)
    # The process's engine (built once per worker process, shared by its threads).
    engine = get_engine()
    result = redact_case(case_in.documents, case_outbox(outbox, case_id), case=case, case_id=case_id, engine=engine)
    counts: Counter[str] = Counter()
    for doc in result.documents:
        counts.update(doc.counts)
    failures = []
    for where, reason in result.failures:
        where = Path(where)
        reason = scrub_reason(reason, paths)
        kind = _kind(where) if where in case_in.documents else "redaction log"
        failures.append((kind, reason))
        if where in case_in.documents:
            quarantine(quarantine_dir, case_id, where, kind=kind, reason=reason)
    pages = sum(d.pages for d in result.documents)
    if not failures:
        status = "done"
        write_state(outbox, case_id, digest, documents=len(result.documents), pages=pages)
    else:
        status = "partial" if result.documents else "failed"
    return CaseSummary(
        case_id, status, len(result.documents), pages, dict(sorted(counts.items())), failures, time.perf_counter() - started
    )


def settled(future, case_id: str, *, packs: bool = False) -> dict:
    """A task's summary: returned, carried by its CaseFailedError, or a failure without text
    if the task itself did not finish (a lost worker, a timeout, I/O still failing after retries).
    """
    result = future.result(raise_on_failure=False)
    if isinstance(result, dict):
        return result
    if isinstance(result, CaseFailedError) and result.summary:
        return result.summary
    reason = f"the task did not finish ({type(result).__name__}); it is tried again next run"
    if packs:
        return PackSummary(case_id, "failed", reason).as_dict()
    return CaseSummary(case_id, "failed", failures=[("case", reason)]).as_dict()


def case_failed(summary: CaseSummary) -> CaseFailedError:
    """The error a failed or partly drafted case raises: its reference, kinds and counts only."""
    kinds = ", ".join(sorted({kind for kind, _ in summary.failures})) or "case"
    return CaseFailedError(
        f"case {summary.case_id} {summary.status}: {len(summary.failures)} failure(s) ({kinds}); inputs quarantined",
        summary.as_dict(),
    )


@task(
    name="redact-case",
    task_run_name="redact-{case_id}",
    timeout_seconds=REDACT_TIMEOUT_SECONDS,
    retries=RETRIES,
    retry_delay_seconds=RETRY_DELAY_SECONDS,
    retry_condition_fn=retry_transient_io,
    **TASK_OPTIONS,
)
def redact_case_task(inbox: str, case_id: str, outbox: str, quarantine_dir: str, force: bool = False) -> dict:
    """Draft one case; a failure raises CaseFailedError (a Failed task run), without text."""
    logger = get_run_logger()
    try:
        summary = run_case(Path(inbox), case_id, Path(outbox), Path(quarantine_dir), force=force)
    except Exception as exc:  # noqa: BLE001 - the message could hold text or a file name
        retry = transient_io(exc)
        if retry is not None:
            raise retry from None
        summary = CaseSummary(case_id, "failed", failures=[("case", f"internal error ({type(exc).__name__}); please report it")])
    logger.info(
        "%s %s: %d document(s), %d page(s), %d redaction(s), %d failure(s), %.1fs",
        summary.case_id, summary.status, summary.documents, summary.pages,
        sum(summary.redactions.values()), len(summary.failures), summary.seconds,
    )
    if summary.status in ("failed", "partial"):
        raise case_failed(summary)
    return summary.as_dict()


@dataclass
class PackSummary:
    """The outcome of packing one case: packed, waiting for sign-off, or failed (with the reason)."""

    case_id: str
    status: str  # packed, waiting (not signed off), failed
    reason: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """The summary as a plain dict."""
        return asdict(self)


def pack_folder(outbox: Path, case_id: str) -> Path:
    """The folder a case's VLU pack is written to."""
    return case_outbox(outbox, case_id) / f"{case_id}-VLU-pack"


def run_finalise(outbox: Path, case_id: str) -> PackSummary:
    """Finalise one case's signed-off log into its VLU pack in the case's outbox folder."""
    from pipeline.errors import SfoRedactError, SignOffIncompleteError
    from pipeline.finalise import finalise
    from pipeline.keystore import load_key
    from redaction_logs.draft import log_name
    from redaction_logs.read_back import check_signoff, read_log

    started = time.perf_counter()
    folder = case_outbox(outbox, case_id)
    log = folder / log_name(case_id)
    try:
        check_signoff(read_log(log, load_key(create=False), strict=False))
    except SignOffIncompleteError:
        return PackSummary(case_id, "waiting", "waiting for sign-off", time.perf_counter() - started)
    except SfoRedactError as exc:
        return PackSummary(case_id, "failed", exc.reason, time.perf_counter() - started)
    try:
        finalise(log, folder)
    except SfoRedactError as exc:
        # .reason, not str(exc): the latter names the file, which may be an original.
        return PackSummary(case_id, "failed", exc.reason, time.perf_counter() - started)
    return PackSummary(case_id, "packed", "", time.perf_counter() - started)


WAITING_STATE = "Waiting for sign-off"


@task(
    name="finalise-case",
    task_run_name="finalise-{case_id}",
    timeout_seconds=FINALISE_TIMEOUT_SECONDS,
    retries=RETRIES,
    retry_delay_seconds=RETRY_DELAY_SECONDS,
    retry_condition_fn=retry_transient_io,
    **TASK_OPTIONS,
)
def finalise_case_task(outbox: str, case_id: str):
    """Write one case's VLU pack from its signed-off log.

    Packed: Completed. Waiting for sign-off: a Completed state named "Waiting for sign-off".
    Failed: PackFailedError, a Failed task run.
    """
    logger = get_run_logger()
    try:
        summary = run_finalise(Path(outbox), case_id)
    except Exception as exc:  # noqa: BLE001 - the message could hold text
        retry = transient_io(exc)
        if retry is not None:
            raise retry from None
        summary = PackSummary(case_id, "failed", f"internal error ({type(exc).__name__}); please report it")
    logger.info("%s %s (%.1fs)", summary.case_id, summary.status, summary.seconds)
    if summary.status == "failed":
        raise PackFailedError(f"case {case_id}: the VLU pack could not be written: {summary.reason}", summary.as_dict())
    if summary.status == "waiting":
        return Completed(name=WAITING_STATE, message=f"case {case_id} is waiting for sign-off", data=summary.as_dict())
    return summary.as_dict()
