"""The draft stage's log: the case's rows numbered, the reviewer's earlier work carried over.

A re-run of the draft on a case whose log was already edited matches each row to the old
log by its identity (document, unit, offsets, category, label, keyed hash of the text), keeps
its reference, decision, arguments and notes, and marks rows that are new or changed in the
Status column. The sign-off is cleared when anything a senior manager signed for changed.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.model import Decision, Document
from redaction_logs.errors import RedactionLogError
from redaction_logs.integrity import DocumentEntry, cell_value, text_mac
from redaction_logs.read_back import ReviewedLog, read_log
from redaction_logs.reidentification import ReidRow
from redaction_logs.rows import LogRow, rows_for
from redaction_logs.workbook import (
    CaseLog,
    SignOff,
    identity_of,
    locked_columns,
    write_log,
)

logger = logging.getLogger("sfo_redact")

STATUS_NEW = "new since last draft"
STATUS_CHANGED = "changed since last draft"
_REF = re.compile(r"^R(\d+)$")


@dataclass
class DraftDocument:
    """One document's part of the case log."""

    entry: DocumentEntry
    document: Document
    decisions: Sequence[Decision]
    section_titles: dict[str, str]


def log_name(case_id: str) -> str:
    """The file name of a case's redaction log."""
    return f"{case_id}.redaction-log.xlsx"


def build_case_log(
    case_id: str,
    documents: Sequence[DraftDocument],
    key: bytes,
    *,
    previous: Path | None = None,
    gist_only: bool = False,
    region: str = "",
    reidentification: list[ReidRow] | None = None,
) -> CaseLog:
    """Rows for every document of the case, with references (carried over from `previous` if it exists)."""
    rows: list[LogRow] = []
    for d in documents:
        rows.extend(rows_for(d.entry.output, d.document, d.decisions, d.section_titles))
    old: ReviewedLog | None = None
    if previous is not None and previous.exists():
        try:
            old = read_log(previous, key, strict=False)
        except RedactionLogError as exc:
            # An unreadable or foreign log cannot be carried over; the new one starts afresh.
            logger.warning("the earlier redaction log could not be carried over: %s", exc.reason)
    log = CaseLog(case_id, [], [d.entry for d in documents], gist_only=gist_only, region=region)
    carry_over(log, rows, old, key)
    if reidentification is not None:
        carry_reidentification(log, reidentification, old, key)
    return log


def carry_reidentification(log: CaseLog, rows: list[ReidRow], old: ReviewedLog | None, key: bytes) -> None:
    """The Re-identification rows with the manager's earlier decisions; new rows clear the sign-off."""
    previous = {}
    if old is not None and old.reidentification is not None:
        previous = {(r.row.person, r.text_mac, r.row.places): r.row for r in old.reidentification.rows}
    out, new = [], 0
    for row in rows:
        prev = previous.get((row.person, text_mac(key, row.text), row.places))
        if prev is None:
            new += 1
            out.append(row)
        else:
            out.append(replace(row, action=prev.action, generalisation=prev.generalisation or row.generalisation, notes=prev.notes))
    log.reidentification = out
    if old is not None and old.reidentification is not None and new and log.signoff is not None and log.signoff != SignOff():
        today = dt.date.today().strftime("%d/%m/%Y")
        log.signoff = SignOff()
        log.notice = (
            f"Sign-off cleared by the draft re-run on {today}: {new} new re-identification row(s). "
            "Review the 'Re-identification' sheet, then sign off again."
        )


def carry_over(log: CaseLog, rows: list[LogRow], old: ReviewedLog | None, key: bytes) -> None:
    """Give `rows` their references and the reviewer's earlier decisions; fill `log`."""
    if old is None:
        log.rows = [replace(r, ref=f"R{n:03d}", status="") for n, r in enumerate(rows, start=1)]
        return
    by_identity = {r.identity.key(): r for r in old.rows if r.locked_ok}
    used = [int(m.group(1)) for r in old.rows if (m := _REF.match(r.identity.ref))]
    next_ref = max(used, default=0) + 1
    # The page of a DOCX row comes from the review copy's layout, which a re-run may shift.
    locked = [a for a in locked_columns(log.gist_only) if a not in ("status", "page")]
    matched: set[str] = set()
    new = changed = 0
    out: list[LogRow] = []
    for row in rows:
        prev = by_identity.get(identity_of(row, key).key())
        if prev is None or prev.identity.ref in matched:
            out.append(replace(row, ref=f"R{next_ref:03d}", status=STATUS_NEW))
            next_ref += 1
            new += 1
            continue
        matched.add(prev.identity.ref)
        fresh = replace(row, ref=prev.identity.ref)
        differs = any(
            cell_value(getattr(fresh, a)) != cell_value(prev.values.get(a)) for a in locked if a in prev.values
        )
        changed += differs
        out.append(
            replace(
                fresh,
                action=prev.action,
                argument_for=prev.argument_for or row.argument_for,
                argument_against=prev.argument_against or row.argument_against,
                notes=prev.notes,
                status=STATUS_CHANGED if differs else "",
            )
        )
    gone = len([r for r in old.rows if r.identity.ref not in matched])
    log.rows = out
    log.additions = list(old.additions)
    reasons = []
    if new:
        reasons.append(f"{new} new row(s)")
    if changed:
        reasons.append(f"{changed} changed row(s)")
    if gone:
        reasons.append(f"{gone} earlier row(s) no longer found")
    if old.problems:
        reasons.append(
            f"{len(old.problems)} earlier row(s) could not be carried over (changed outside the reviewer's "
            "columns, or an invalid decision) and were reset to the proposal"
        )
    if reasons:
        today = dt.date.today().strftime("%d/%m/%Y")
        log.signoff = SignOff()
        log.notice = (
            f"Sign-off cleared by the draft re-run on {today}: {', '.join(reasons)}. "
            "Review the rows marked in the Status column, then sign off again."
        )
    else:
        log.signoff = old.signoff
    logger.info("carried over %d decisions; %d new, %d changed, %d gone", len(matched), new, changed, gone)


def write_case_log(log: CaseLog, path: Path, key: bytes) -> None:
    """Write the workbook (a thin wrapper so the draft stage has one import)."""
    write_log(log, path, key)


__all__ = ["STATUS_CHANGED", "STATUS_NEW", "DraftDocument", "build_case_log", "carry_over", "log_name", "write_case_log"]
