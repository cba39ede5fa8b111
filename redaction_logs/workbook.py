"""The Annex I redaction log: one workbook per case, written from the case's log rows.

Sheets: "Redaction log" (one row per redaction, a Decision drop-down), "Add redactions"
(text the software missed), "Summary" (counts and a chart), "Sign-off" (blank until a
senior manager fills it) and a very hidden "Integrity" sheet holding each row's identity and
keyed checksums (integrity.py). Every sheet is protected with only the reviewer's cells
unlocked; protection guards against slips, the checksums detect tampering.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import __version__
from pipeline.digest import key_id
from redaction_logs.integrity import (
    DocumentEntry,
    RowIdentity,
    cells_mac,
    row_mac,
    text_mac,
    workbook_mac,
)
from redaction_logs.rows import ACTIONS, COLUMNS, EDITABLE, LogRow

MARKING = "OFFICIAL-SENSITIVE"
LOG_SHEET = "Redaction log"
ADD_SHEET = "Add redactions"
SUMMARY_SHEET = "Summary"
SIGNOFF_SHEET = "Sign-off"
INTEGRITY_SHEET = "Integrity"
FORMAT_VERSION = "1"
ADD_ROWS = 200  # blank rows offered on "Add redactions"
ADD_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("text", "Text to redact (INTERNAL - type it exactly as it appears)", 40),
    ("reason", "Reason for withholding", 50),
    ("label", "Label to show instead (optional; default [redacted])", 24),
    ("notes", "Reviewer notes", 40),
)
DEFAULT_ADDED_LABEL = "[redacted]"
# Sign-off: (row, label) - the value goes in column B of the same row.
SIGNOFF_FIELDS: tuple[tuple[str, int, str], ...] = (
    ("name", 4, "Senior manager's name"),
    ("role", 5, "Role (e.g. Head of PDU)"),
    ("date", 6, "Date of sign-off (DD/MM/YYYY)"),
    ("declaration", 7, "I confirm every row of the redaction log was reviewed (Yes / No)"),
)
DECLARATION_YES = "Yes"
# Shown when a Decision cell is selected (a spreadsheet program shows at most 255 characters).
DECISION_PROMPT = (
    "Withhold: a black box with the kind of information, e.g. [name removed], [medical information]. "
    "Anonymise: a box with the person's label from 'Replaced by', e.g. PP1. "
    "Disclose: the original text is shared."
)
SIGNOFF_DATE_FORMAT = "D MMMM YYYY"

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1F3864")
_INTERNAL_FILL = PatternFill("solid", fgColor="FCE4D6")
_EDIT_FILL = PatternFill("solid", fgColor="FFF2CC")
_NEW_FILL = PatternFill("solid", fgColor="E2EFDA")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Addition:
    """A reviewer's "Add redactions" row."""

    text: str
    reason: str = ""
    label: str = ""
    notes: str = ""
    cell: str = ""  # where it was read from, for messages


@dataclass(frozen=True)
class SignOff:
    """The Sign-off sheet's inputs, as typed (the date may be a date or text)."""

    name: object = None
    role: object = None
    date: object = None
    declaration: object = None


@dataclass
class CaseLog:
    """Everything one case's workbook holds."""

    case_id: str
    rows: list[LogRow]
    documents: list[DocumentEntry]
    gist_only: bool = False
    region: str = ""
    additions: list[Addition] = field(default_factory=list)
    signoff: SignOff | None = None
    notice: str = ""  # shown on the Sign-off sheet: why a sign-off was cleared
    written: dt.datetime | None = None  # when the draft wrote it (UTC); None: now


def log_columns(gist_only: bool) -> list[tuple[str, str, int]]:
    """The "Redaction log" columns as written (gist-only leaves out the removed text)."""
    return [c for c in COLUMNS if not (gist_only and c[0] == "text")]


def locked_columns(gist_only: bool) -> list[str]:
    """Columns a reviewer may not change; their values are covered by the row checksum."""
    return [attr for attr, _, _ in log_columns(gist_only) if attr not in EDITABLE and attr != "ref"]


def identity_of(row: LogRow, key: bytes) -> RowIdentity:
    """The fields that identify a row, with its text replaced by a keyed MAC."""
    return RowIdentity(row.ref, row.document, row.unit_id, row.start, row.end, row.category, row.label, text_mac(key, row.text))


def _value(row: LogRow, attr: str) -> object:
    value = getattr(row, attr)
    if attr == "page" and value is None:
        return None
    return value


def write_log(log: CaseLog, path: Path, key: bytes) -> None:
    """Write the case's workbook to `path` (atomically: a temporary name, then a rename)."""
    wb = Workbook()
    ws = wb.active
    ws.title = LOG_SHEET
    _log_sheet(ws, log)
    _add_sheet(wb.create_sheet(ADD_SHEET), log.additions)
    _summary_sheet(wb.create_sheet(SUMMARY_SHEET), log)
    _signoff_sheet(wb.create_sheet(SIGNOFF_SHEET), log)
    _integrity_sheet(wb.create_sheet(INTEGRITY_SHEET), log, key)
    # Structure protection: sheets cannot be added, deleted, renamed or unhidden in Excel.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = "sfo-redact"
    wb.properties.lastModifiedBy = "sfo-redact"
    wb.properties.title = f"{log.case_id} redaction log (Annex I)"
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _print_setup(ws: Worksheet, title: str, header_rows: str | None = "1:1") -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = MARKING
    ws.oddHeader.center.size = 12
    ws.oddHeader.center.font = "Arial,Bold"
    ws.oddFooter.left.text = title
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.center.text = MARKING
    if header_rows:
        ws.print_title_rows = header_rows


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    # Filtering, resizing and reading stay possible; rows and columns cannot be added or removed.
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _header(ws: Worksheet, columns: Sequence[tuple[str, str, int]], row: int = 1) -> None:
    for i, (attr, heading, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=i, value=heading)
        cell.font = _HEAD_FONT
        cell.fill = _INTERNAL_FILL if attr == "text" else _HEAD_FILL
        if attr == "text":
            cell.font = Font(bold=True, color="9C0006")
        cell.alignment = _WRAP
        cell.border = _BOX
        ws.column_dimensions[cell.column_letter].width = width
    ws.row_dimensions[row].height = 45


def _log_sheet(ws: Worksheet, log: CaseLog) -> None:
    columns = log_columns(log.gist_only)
    _header(ws, columns)
    # Setting a style attribute looks it up in the workbook's tables each time; a log has
    # thousands of cells but a handful of distinct styles, so each is built once and copied.
    styles: dict[tuple, StyleArray] = {}
    for r, row in enumerate(log.rows, start=2):
        for c, (attr, _, _) in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=c, value=_value(row, attr))
            kind = (attr in EDITABLE, attr == "text", attr == "status" and bool(row.status), attr == "score" and row.score is not None)
            style = styles.get(kind)
            if style is not None:
                cell._style = copy(style)
                continue
            cell.alignment = _WRAP
            cell.border = _BOX
            if attr in EDITABLE:
                cell.protection = _UNLOCKED
                cell.fill = _EDIT_FILL
            elif attr == "text":
                cell.fill = _INTERNAL_FILL
            elif attr == "status" and row.status:
                cell.fill = _NEW_FILL
            if attr == "score" and row.score is not None:
                cell.number_format = "0.00"
            styles[kind] = copy(cell._style)
    last = len(log.rows) + 1
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(columns)).column_letter}{max(last, 2)}"
    action_col = next(i for i, (attr, _, _) in enumerate(columns, start=1) if attr == "action")
    letter = ws.cell(row=1, column=action_col).column_letter
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(ACTIONS) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Decision",
        error="Choose Withhold, Disclose or Anonymise.",
        promptTitle="Decision",
        prompt=DECISION_PROMPT,
        showInputMessage=True,
    )
    dv.add(f"{letter}2:{letter}{max(last, 2)}")
    ws.add_data_validation(dv)
    _print_setup(ws, f"{log.case_id} redaction log (Annex I)")
    _protect(ws)


def _add_sheet(ws: Worksheet, additions: Sequence[Addition]) -> None:
    _header(ws, ADD_COLUMNS)
    styles: dict[bool, StyleArray] = {}  # built once, then copied (see _log_sheet)
    for r in range(2, ADD_ROWS + 2):
        addition = additions[r - 2] if r - 2 < len(additions) else None
        for c, (attr, _, _) in enumerate(ADD_COLUMNS, start=1):
            cell = ws.cell(row=r, column=c, value=getattr(addition, attr) or None if addition else None)
            style = styles.get(attr == "text")
            if style is not None:
                cell._style = copy(style)
                continue
            cell.protection = _UNLOCKED
            cell.alignment = _WRAP
            cell.fill = _INTERNAL_FILL if attr == "text" else _EDIT_FILL
            styles[attr == "text"] = copy(cell._style)
    guide = ws.cell(
        row=1,
        column=len(ADD_COLUMNS) + 2,
        value=(
            "Type here anything the software missed, one item a row, with a reason. At finalisation "
            "each text is removed everywhere it appears in every document of the case (whole words, "
            "any capitals)."
        ),
    )
    guide.alignment = _WRAP
    ws.column_dimensions[guide.column_letter].width = 50
    ws.freeze_panes = "A2"
    _print_setup(ws, "Redactions added by the reviewer")
    _protect(ws)


def _summary_sheet(ws: Worksheet, log: CaseLog) -> None:
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 12
    ws["A1"] = f"Redaction log summary: {log.case_id}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Region: {log.region or 'not recorded'}"
    by_category = Counter(r.category for r in log.rows)
    by_document = Counter(r.document for r in log.rows)
    row = 4
    cat_head = row
    for col, text in ((1, "Category"), (2, "Redactions")):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
    for category, n in sorted(by_category.items(), key=lambda kv: (-kv[1], kv[0])):
        row += 1
        ws.cell(row=row, column=1, value=category)
        ws.cell(row=row, column=2, value=n)
    cat_last = row
    row += 2
    for col, text in ((1, "Document"), (2, "Redactions")):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
    doc_head = row
    for doc in log.documents:
        row += 1
        ws.cell(row=row, column=1, value=doc.output)
        ws.cell(row=row, column=2, value=by_document.get(doc.output, 0))
    doc_last = row
    row += 2
    for col, text in ((1, "Decision (updates as the log is edited)"), (2, "Rows")):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
    columns = log_columns(log.gist_only)
    action_letter = ws.cell(row=1, column=[a for a, _, _ in columns].index("action") + 1).column_letter
    for action in ACTIONS:
        row += 1
        ws.cell(row=row, column=1, value=action)
        ws.cell(row=row, column=2, value=f"=COUNTIF('{LOG_SHEET}'!{action_letter}:{action_letter},\"{action}\")")
    if cat_last > cat_head:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Redactions by category"
        chart.legend = None
        chart.y_axis.title = "Redactions"
        chart.add_data(Reference(ws, min_col=2, min_row=cat_head, max_row=cat_last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=cat_head + 1, max_row=cat_last))
        chart.height, chart.width = 7.5, 15
        ws.add_chart(chart, "D4")
    if doc_last > doc_head:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Redactions by document"
        chart.legend = None
        chart.add_data(Reference(ws, min_col=2, min_row=doc_head, max_row=doc_last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=doc_head + 1, max_row=doc_last))
        chart.height, chart.width = 6, 15
        ws.add_chart(chart, "D21")
    _print_setup(ws, "Summary", header_rows=None)
    _protect(ws)


def _signoff_sheet(ws: Worksheet, log: CaseLog) -> None:
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 40
    ws["A1"] = f"Senior manager sign-off: {log.case_id}"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        "All exemptions and the rationale for them must be signed off by a senior manager before the "
        "review is shared (SFO operational guidance 7.2, Annex I). Fill in every yellow cell."
    )
    ws["A2"].alignment = _WRAP
    ws.merge_cells("A2:B2")
    ws.row_dimensions[2].height = 45
    signoff = log.signoff or SignOff()
    for name, row, label in SIGNOFF_FIELDS:
        ws.cell(row=row, column=1, value=label).alignment = _WRAP
        cell = ws.cell(row=row, column=2, value=getattr(signoff, name))
        cell.protection = _UNLOCKED
        cell.fill = _EDIT_FILL
        cell.border = _BOX
        if name == "date":
            # The month as a word, so a date typed in another locale's order is shown back
            # unambiguously (01/12/2026 is 12 January in en-US).
            cell.number_format = SIGNOFF_DATE_FORMAT
    date_cell = f"B{dict((n, r) for n, r, _ in SIGNOFF_FIELDS)['date']}"
    date_dv = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 1 January 2000 as a spreadsheet serial number
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Date of sign-off",
        error="Type a date, for example 1/12/2026; it is shown back with the month as a word.",
        promptTitle="Date of sign-off",
        prompt="The day you signed the log off. Check that the month shown is the one you meant.",
    )
    date_dv.add(date_cell)
    ws.add_data_validation(date_dv)
    dv = DataValidation(type="list", formula1=f'"{DECLARATION_YES},No"', allow_blank=True)
    dv.add(f"B{SIGNOFF_FIELDS[-1][1]}")
    ws.add_data_validation(dv)
    if log.notice:
        ws["A9"] = "Status"
        ws["A9"].font = Font(bold=True)
        ws["B9"] = log.notice
        ws["B9"].alignment = _WRAP
        ws["B9"].font = Font(bold=True, color="9C0006")
        ws.row_dimensions[9].height = 60
    _print_setup(ws, "Sign-off", header_rows=None)
    _protect(ws)


def _integrity_sheet(ws: Worksheet, log: CaseLog, key: bytes) -> None:
    """Very hidden: the identity of every row and document, with keyed checksums."""
    meta = {
        "format": FORMAT_VERSION,
        "case_id": log.case_id,
        "key_id": key_id(key),
        "gist_only": "yes" if log.gist_only else "no",
        "region": log.region,
    }
    for name, value in meta.items():
        ws.append(["meta", name, value])
    ws.append(["meta", "tool_version", __version__])
    written = log.written or dt.datetime.now(dt.UTC)
    ws.append(["meta", "written", written.isoformat(timespec="seconds")])
    for d in log.documents:
        ws.append(["document", d.output, d.stem, d.input_path, d.input_sha256, d.kind])
    locked = locked_columns(log.gist_only)
    for row in log.rows:
        identity = identity_of(row, key)
        cells = {attr: cells_mac(key, row.ref, attr, _value(row, attr)) for attr in locked}
        ws.append(
            [
                "row", identity.ref, identity.document, identity.unit_id, identity.start, identity.end,
                identity.category, identity.label, identity.text_mac,
                ";".join(f"{a}={m}" for a, m in cells.items()),
                row_mac(key, log.case_id, identity, cells),
            ]
        )
    ws.append(["workbook", workbook_mac(key, log.case_id, meta, log.documents, [r.ref for r in log.rows])])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
