"""Prefect tasks: one case's draft, and one case's VLU pack.

What Prefect keeps about a task is its run name, its state (with a message when it fails),
its logs and its result. So the tasks take folders and case references (never a file path:
SFO file names carry the supervised individual's surname), are named after the case, keep
no results (`persist_result=False`, no cache), log counts only, and never raise: every
failure comes back as a summary whose reason holds no document text and no file name.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.inbox import (
    case_outbox,
    find_case,
    inputs_digest,
    quarantine,
    scrub_reason,
    write_state,
)

TASK_OPTIONS = {"persist_result": False, "cache_policy": NO_CACHE, "log_prints": False}


@dataclass
class CaseSummary:
    """What a batch learns about one case: counts and labels only."""

    case_id: str
    status: str  # done, partial (some documents failed), failed, skipped
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


def run_case(inbox: Path, case_id: str, outbox: Path, quarantine_dir: Path) -> CaseSummary:
    """Draft one case from the inbox into the outbox; failed inputs are copied to the quarantine."""
    from pipeline.case import load_case
    from pipeline.detect.engine import get_engine
    from pipeline.errors import SfoRedactError
    from pipeline.redact import redact_case

    started = time.perf_counter()
    case_in = find_case(inbox, case_id)
    if case_in is None:
        return CaseSummary(case_id, "failed", failures=[("case", "no longer in the inbox")])
    paths = [*case_in.documents, *([case_in.case_file] if case_in.case_file else [])]
    digest = inputs_digest(case_in)
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
    """A task's summary, or a failure without text if the task itself did not finish (a lost worker)."""
    result = future.result(raise_on_failure=False)
    if isinstance(result, dict):
        return result
    reason = f"the task did not finish ({type(result).__name__}); it is tried again next run"
    if packs:
        return PackSummary(case_id, "failed", reason).as_dict()
    return CaseSummary(case_id, "failed", failures=[("case", reason)]).as_dict()


@task(name="redact-case", task_run_name="redact-{case_id}", **TASK_OPTIONS)
def redact_case_task(inbox: str, case_id: str, outbox: str, quarantine_dir: str) -> dict:
    """Draft one case; never raises (the reason of any failure is returned, without text)."""
    logger = get_run_logger()
    try:
        summary = run_case(Path(inbox), case_id, Path(outbox), Path(quarantine_dir))
    except Exception as exc:  # noqa: BLE001 - the message could hold text; the batch goes on
        summary = CaseSummary(case_id, "failed", failures=[("case", f"internal error ({type(exc).__name__}); please report it")])
    logger.info(
        "%s %s: %d document(s), %d page(s), %d redaction(s), %d failure(s), %.1fs",
        summary.case_id, summary.status, summary.documents, summary.pages,
        sum(summary.redactions.values()), len(summary.failures), summary.seconds,
    )
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
    from pipeline.errors import SfoRedactError
    from pipeline.finalise import finalise
    from pipeline.keystore import load_key
    from redaction_logs.draft import log_name
    from redaction_logs.read_back import check_signoff, read_log

    started = time.perf_counter()
    folder = case_outbox(outbox, case_id)
    log = folder / log_name(case_id)
    try:
        check_signoff(read_log(log, load_key(create=False), strict=False))
    except SfoRedactError as exc:
        if "sign-off is incomplete" in exc.reason:
            return PackSummary(case_id, "waiting", "waiting for sign-off", time.perf_counter() - started)
        return PackSummary(case_id, "failed", exc.reason, time.perf_counter() - started)
    try:
        finalise(log, folder)
    except SfoRedactError as exc:
        # .reason, not str(exc): the latter names the file, which may be an original.
        return PackSummary(case_id, "failed", exc.reason, time.perf_counter() - started)
    return PackSummary(case_id, "packed", "", time.perf_counter() - started)


@task(name="finalise-case", task_run_name="finalise-{case_id}", **TASK_OPTIONS)
def finalise_case_task(outbox: str, case_id: str) -> dict:
    """Write one case's VLU pack from its signed-off log; never raises."""
    logger = get_run_logger()
    try:
        summary = run_finalise(Path(outbox), case_id)
    except Exception as exc:  # noqa: BLE001 - the message could hold text
        summary = PackSummary(case_id, "failed", f"internal error ({type(exc).__name__}); please report it")
    logger.info("%s %s (%.1fs)", summary.case_id, summary.status, summary.seconds)
    return summary.as_dict()
