"""Reading an edited redaction log back, and refusing one that cannot be trusted.

Every refusal names the sheet and the cell (never their text) and says what to do. Strict
reading is for finalisation: the sign-off, every decision cell and every checksum must be
right. Lenient reading is for a re-run of the draft: rows whose checksum fails are simply
not carried over.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.digest import key_id
from pipeline.model import long_date
from redaction_logs.errors import RedactionLogError, SignOffMissingError
from redaction_logs.formats import open_workbook
from redaction_logs.integrity import (
    DocumentEntry,
    RowIdentity,
    cell_value,
    cells_mac,
    row_mac,
    workbook_mac,
)
from redaction_logs.reidentification import ReidCheck, integrity_refs, read_sheet
from redaction_logs.rows import ACTIONS
from redaction_logs.workbook import (
    ADD_COLUMNS,
    ADD_SHEET,
    DECLARATION_YES,
    INTEGRITY_SHEET,
    LOG_SHEET,
    SIGNOFF_FIELDS,
    SIGNOFF_SHEET,
    Addition,
    SignOff,
    locked_columns,
    log_columns,
)

MIN_ADDED_LENGTH = 3  # shorter text would remove parts of ordinary words and initials everywhere
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


@dataclass
class ReviewedRow:
    """One row of the edited log: its identity, the reviewer's decision and what they wrote."""

    identity: RowIdentity
    row: int  # the worksheet row
    action: str
    argument_for: str
    argument_against: str
    notes: str
    values: dict[str, object]  # every visible column by attribute, as read
    locked_ok: bool = True  # lenient mode: False when a locked cell was changed


@dataclass(frozen=True)
class SignOffDetails:
    """Who signed the log off, in what role, and when."""

    name: str
    role: str
    date: dt.date


@dataclass
class ReviewedLog:
    """An edited redaction log as read back: its documents, rows, additions and sign-off."""

    path: Path
    case_id: str
    meta: dict[str, str]
    documents: list[DocumentEntry]
    rows: list[ReviewedRow]
    additions: list[Addition]
    signoff: SignOff
    problems: list[str] = field(default_factory=list)  # lenient mode: what was not trusted
    reidentification: ReidCheck | None = None  # the Re-identification sheet; None: a log from before the check

    @property
    def gist_only(self) -> bool:
        """True when the log was drafted with `--gist-only` (the removed text left out of it)."""
        return self.meta.get("gist_only") == "yes"

    @property
    def written(self) -> dt.date | None:
        """The day (UTC) the draft wrote this log, as its hidden sheet records it; None if unknown."""
        try:
            return dt.datetime.fromisoformat(self.meta.get("written", "")).date()
        except ValueError:
            return None

    @property
    def region(self) -> str:
        """The region recorded in the log, or an empty string."""
        return self.meta.get("region") or ""


def read_log(path: Path, key: bytes, *, strict: bool = True) -> ReviewedLog:
    """Read and check an edited log; `strict` refuses on the first problem, else notes it."""
    path = Path(path)
    wb = open_workbook(path)
    for name in (LOG_SHEET, ADD_SHEET, SIGNOFF_SHEET, INTEGRITY_SHEET):
        if name not in wb.sheetnames:
            what = "its integrity data" if name == INTEGRITY_SHEET else f"the sheet '{name}'"
            raise RedactionLogError(
                f"the workbook has lost {what}; it was not written by sfo-redact or was rebuilt. "
                "Re-run the draft (sfo-redact redact) and review the new log",
                path,
            )
    meta, documents, identities, stored_mac = _integrity(wb[INTEGRITY_SHEET], path)
    if meta.get("key_id") != key_id(key):
        raise RedactionLogError(
            "this log was written with a different label key; finalise it on the machine (or with the "
            "SFO_REDACT_KEY) that wrote it",
            path,
        )
    case_id = meta.get("case_id", "")
    core = {k: meta.get(k, "") for k in ("format", "case_id", "key_id", "gist_only", "region")}
    refs = [i.ref for i, _ in identities] + integrity_refs(wb[INTEGRITY_SHEET])
    if workbook_mac(key, case_id, core, documents, refs) != stored_mac:
        raise RedactionLogError(
            "the log's checksum does not match: rows were added or removed, or its hidden integrity data "
            "was altered. Re-run the draft and review the new log",
            path,
            sheet=INTEGRITY_SHEET,
        )
    log = ReviewedLog(path, case_id, meta, documents, [], [], SignOff())
    trusted: dict[str, tuple[RowIdentity, dict[str, str]]] = {}
    for identity, cells in identities:
        stored_row = cells.pop("__mac__", "")
        if row_mac(key, case_id, identity, cells) != stored_row:
            _problem(log, strict, f"the identity of row {identity.ref} was altered", INTEGRITY_SHEET, None)
            continue
        trusted[identity.ref] = (identity, cells)
    _log_rows(wb[LOG_SHEET], log, trusted, key, strict)
    log.additions = _additions(wb[ADD_SHEET], log, strict)
    log.reidentification = read_sheet(
        wb, key, case_id, log.gist_only, strict, lambda message, sheet, cell: _problem(log, strict, message, sheet, cell)
    )
    ws = wb[SIGNOFF_SHEET]
    log.signoff = SignOff(**{name: ws.cell(row=row, column=2).value for name, row, _ in SIGNOFF_FIELDS})
    return log


def _problem(log: ReviewedLog, strict: bool, message: str, sheet: str | None, cell: str | None) -> None:
    if strict:
        raise RedactionLogError(message, log.path, sheet=sheet, cell=cell)
    log.problems.append(f"{sheet} {cell or ''}: {message}".strip())


def _integrity(
    ws: Worksheet, path: Path
) -> tuple[dict[str, str], list[DocumentEntry], list[tuple[RowIdentity, dict[str, str]]], str]:
    meta: dict[str, str] = {}
    documents: list[DocumentEntry] = []
    rows: list[tuple[RowIdentity, dict[str, str]]] = []
    stored = ""
    try:
        for values in ws.iter_rows(values_only=True):
            kind = values[0]
            if kind == "meta":
                meta[str(values[1])] = "" if values[2] is None else str(values[2])
            elif kind == "document":
                documents.append(DocumentEntry(*("" if v is None else str(v) for v in values[1:6])))
            elif kind == "row":
                ref, document, unit_id, start, end, category, label, tmac, cells, mac = values[1:11]
                identity = RowIdentity(
                    str(ref), str(document), str(unit_id), int(start), int(end), str(category), str(label or ""), str(tmac)
                )
                parsed = dict(part.split("=", 1) for part in str(cells or "").split(";") if "=" in part)
                parsed["__mac__"] = str(mac)
                rows.append((identity, parsed))
            elif kind == "workbook":
                stored = str(values[1])
    except (TypeError, ValueError, IndexError):
        raise RedactionLogError(
            "the hidden integrity data is damaged; re-run the draft and review the new log", path, sheet=INTEGRITY_SHEET
        ) from None
    if not stored or "case_id" not in meta:
        raise RedactionLogError(
            "the hidden integrity data is incomplete; re-run the draft and review the new log", path, sheet=INTEGRITY_SHEET
        )
    return meta, documents, rows, stored


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _headings_match(ws: Worksheet, columns: Sequence[tuple[str, str, int]]) -> bool:
    return all(
        cell_value(ws.cell(row=1, column=c).value) == cell_value(heading) for c, (_, heading, _) in enumerate(columns, start=1)
    )


def _log_rows(
    ws: Worksheet, log: ReviewedLog, trusted: dict[str, tuple[RowIdentity, dict[str, str]]], key: bytes, strict: bool
) -> None:
    columns = log_columns(log.gist_only)
    if not _headings_match(ws, columns) and _headings_match(ws, log_columns(log.gist_only, legacy=True)):
        columns = log_columns(log.gist_only, legacy=True)  # a log written before the columns were reordered
    for c, (_, heading, _) in enumerate(columns, start=1):
        if cell_value(ws.cell(row=1, column=c).value) != cell_value(heading):
            raise RedactionLogError(
                "the column headings were changed or columns moved; undo the change or re-run the draft",
                log.path,
                sheet=LOG_SHEET,
                cell=f"{get_column_letter(c)}1",
            )
    position = {attr: i for i, (attr, _, _) in enumerate(columns, start=1)}
    locked = locked_columns(log.gist_only)
    seen: set[str] = set()
    for r in range(2, ws.max_row + 1):
        values = {attr: ws.cell(row=r, column=c).value for attr, c in position.items()}
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        ref_cell = f"A{r}"
        ref = _text(values["ref"])
        if ref not in trusted and strict:
            raise RedactionLogError(
                f"row {r} is not one the software wrote (reference missing, changed or added); "
                "only the Decision, argument and notes cells may be changed. Undo the change or re-run the draft",
                log.path,
                sheet=LOG_SHEET,
                cell=ref_cell,
            )
        if ref not in trusted:
            continue
        if ref in seen:
            _problem(log, strict, f"reference {ref} appears twice (a row was copied)", LOG_SHEET, ref_cell)
            continue
        seen.add(ref)
        identity, cells = trusted[ref]
        locked_ok = True
        for attr in locked:
            if cells_mac(key, ref, attr, values[attr]) != cells.get(attr):
                locked_ok = False
                cell = f"{get_column_letter(position[attr])}{r}"
                _problem(
                    log, strict,
                    f"row {ref}: a cell a reviewer may not change was altered; only Decision, the arguments "
                    "and notes may be edited. Undo the change",
                    LOG_SHEET, cell,
                )
                break
        raw_action = _text(values["action"])
        action = next((a for a in ACTIONS if a.lower() == raw_action.lower()), None)
        action_cell = f"{get_column_letter(position['action'])}{r}"
        if action is None:
            _problem(
                log, strict,
                f"row {ref}: the Decision must be Withhold, Disclose or Anonymise"
                + (" (the cell is empty)" if not raw_action else ""),
                LOG_SHEET, action_cell,
            )
            continue
        if action == "Disclose" and identity.unit_id.startswith("hidden:"):
            _problem(
                log, strict,
                f"row {ref}: comments, deleted tracked changes, document properties and the not-for-disclosure "
                "column are never part of the shared review and cannot be disclosed; choose Withhold",
                LOG_SHEET, action_cell,
            )
            continue
        log.rows.append(
            ReviewedRow(
                identity, r, action, _text(values.get("argument_for")), _text(values.get("argument_against")),
                _text(values.get("notes")), values, locked_ok,
            )
        )
    missing = [ref for ref in trusted if ref not in seen]
    if missing and strict:
        raise RedactionLogError(
            f"{len(missing)} row(s) were removed from the log (first: {missing[0]}); undo the deletion or re-run the draft",
            log.path,
            sheet=LOG_SHEET,
        )


def _additions(ws: Worksheet, log: ReviewedLog, strict: bool) -> list[Addition]:
    out: list[Addition] = []
    for r in range(2, ws.max_row + 1):
        values = {attr: _text(ws.cell(row=r, column=c).value) for c, (attr, _, _) in enumerate(ADD_COLUMNS, start=1)}
        if not values["text"]:
            continue
        text = " ".join(values["text"].split())
        if len(text) < MIN_ADDED_LENGTH:
            _problem(log, strict, f"text to redact must be at least {MIN_ADDED_LENGTH} characters", ADD_SHEET, f"A{r}")
            continue
        if not values["reason"]:
            _problem(log, strict, "give a reason for withholding this text", ADD_SHEET, f"B{r}")
            continue
        out.append(Addition(text, values["reason"], values["label"], values["notes"], f"A{r}"))
    return out


def parse_date(value: object) -> dt.date | None:
    """A sign-off date typed as an Excel date or as text (DD/MM/YYYY, YYYY-MM-DD, 26 November 2026)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = re.sub(r"\s+", " ", _text(value))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def check_signoff(log: ReviewedLog, today: dt.date | None = None) -> SignOffDetails:
    """The completed sign-off, or a refusal naming the empty or wrong cell."""
    today = today or dt.date.today()
    cells = {name: f"B{row}" for name, row, _ in SIGNOFF_FIELDS}
    s = log.signoff
    name, role = _text(s.name), _text(s.role)
    if not name:
        raise SignOffMissingError("sign-off is incomplete: type the senior manager's name", log.path, sheet=SIGNOFF_SHEET, cell=cells["name"])
    if not role:
        raise SignOffMissingError("sign-off is incomplete: type the senior manager's role", log.path, sheet=SIGNOFF_SHEET, cell=cells["role"])
    if s.date is None or _text(s.date) == "":
        raise SignOffMissingError("sign-off is incomplete: enter the date of sign-off", log.path, sheet=SIGNOFF_SHEET, cell=cells["date"])
    date = parse_date(s.date)
    if date is None:
        raise RedactionLogError(
            "the sign-off date is not a date; write it as DD/MM/YYYY", log.path, sheet=SIGNOFF_SHEET, cell=cells["date"]
        )
    if date > today:
        raise RedactionLogError(
            f"the sign-off date ({long_date(date)}) is after today; check the day and month were not swapped",
            log.path, sheet=SIGNOFF_SHEET, cell=cells["date"],
        )
    written = log.written
    if written is not None and date < written:
        raise RedactionLogError(
            f"the sign-off date ({long_date(date)}) is before this log was written ({long_date(written)}); "
            "check the day and month were not swapped, and type the date the log was signed",
            log.path, sheet=SIGNOFF_SHEET, cell=cells["date"],
        )
    if _text(s.declaration).lower() != DECLARATION_YES.lower():
        raise SignOffMissingError(
            "sign-off is incomplete: confirm that every row was reviewed by choosing Yes",
            log.path,
            sheet=SIGNOFF_SHEET,
            cell=cells["declaration"],
        )
    return SignOffDetails(name, role, date)
