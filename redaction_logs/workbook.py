"""The Annex I redaction log: one workbook per case, written from the case's log rows.

Sheets: "Redaction log" (one row per redaction, a Decision drop-down), "Add redactions"
(text the software missed), "Summary" (counts and a chart), "Sign-off" (blank until a
senior manager fills it) and a very hidden "Integrity" sheet holding each row's identity and
keyed checksums (integrity.py). Every sheet is protected with only the reviewer's cells
unlocked; protection guards against slips, the checksums detect tampering.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import textwrap
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
from openpyxl.worksheet.pagebreak import Break
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
from redaction_logs.reidentification import PRINT_BREAK_AFTER as REID_PRINT_BREAK_AFTER
from redaction_logs.reidentification import REID_SHEET, ReidRow, integrity_lines, sheet_columns, write_sheet
from redaction_logs.rows import ACTIONS, COLUMNS, EDITABLE, LEGACY_ORDER, PRINT_BREAKS_AFTER, LogRow

MARKING = "OFFICIAL-SENSITIVE"
LOG_SHEET = "Redaction log"
ADD_SHEET = "Add redactions"
SUMMARY_SHEET = "Summary"
SIGNOFF_SHEET = "Sign-off"
INTEGRITY_SHEET = "Integrity"
FORMAT_VERSION = "1"
ADD_ROWS = 200  # blank rows offered on "Add redactions"
ADD_PRINTED_BLANK = 10  # blank rows printed after the additions
ADD_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("text", "Text to redact (INTERNAL - type it exactly as it appears)", 28),
    ("reason", "Reason for withholding", 30),
    ("label", "Label to show instead (optional; default [redacted])", 18),
    ("notes", "Reviewer notes", 20),
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
    "Withhold: a black box showing only the kind of information, e.g. [name removed]. "
    "Anonymise: a black box showing the label in 'Replaced by', e.g. PP1. "
    "Disclose: the original text is shown. Type in the yellow cells only."
)
SIGNOFF_DATE_FORMAT = "D MMMM YYYY"

# A named font on every cell: without one LibreOffice falls back to a serif font. Arial is
# metric-compatible with Liberation Sans, which LibreOffice substitutes where Arial is absent.
FONT_NAME = "Arial"
FONT_SIZE = 10
_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
_BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
_TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
_HEAD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="FFFFFF")
_INTERNAL_HEAD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="9C0006")
_WARN_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="9C0006")
_HEAD_FILL = PatternFill("solid", fgColor="1F3864")
# Locked internal text (the removed text): pale red. Cells a person may type in: yellow, one
# colour on every sheet, which EDIT_COLOUR_NAME names in the sheets' instructions.
_INTERNAL_FILL = PatternFill("solid", fgColor="F2DCDB")
_EDIT_FILL = PatternFill("solid", fgColor="FFFF99")
EDIT_COLOUR_NAME = "yellow"
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
    checks: list[str] = field(default_factory=list)  # shown on the Sign-off sheet: pages to check by eye
    written: dt.datetime | None = None  # when the draft wrote it (UTC); None: now
    # The re-identification check's rows; None: the check was not run (no sheet is written).
    reidentification: list[ReidRow] | None = None


def log_columns(gist_only: bool, *, legacy: bool = False) -> list[tuple[str, str, int]]:
    """The "Redaction log" columns as written (gist-only leaves out the removed text).

    `legacy`: in the order of logs written before the signer's columns came first.
    """
    columns = [c for c in COLUMNS if not (gist_only and c[0] == "text")]
    if legacy:
        columns.sort(key=lambda c: LEGACY_ORDER.index(c[0]))
    return columns


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
    if log.reidentification is not None:
        _reid_sheet(wb.create_sheet(REID_SHEET), log)
    _summary_sheet(wb.create_sheet(SUMMARY_SHEET), log)
    _signoff_sheet(wb.create_sheet(SIGNOFF_SHEET), log)
    _integrity_sheet(wb.create_sheet(INTEGRITY_SHEET), log, key)
    # Structure protection: sheets cannot be added, deleted, renamed or unhidden in Excel.
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = "sfo-redact"
    wb.properties.lastModifiedBy = "sfo-redact"
    wb.properties.title = f"{log.case_id} redaction log (Annex I)"
    # Only the case reference identifies the workbook; never an input's name or path.
    wb.properties.subject = log.case_id
    path = Path(path)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


# Printed text must stay readable: at least MIN_PRINT_PT once scaled. A4 landscape is 842 pt
# wide; with 0.5 inch margins 770 pt is printable.
MIN_PRINT_PT = 8.5
_PRINTABLE_PT = 842 - 72


def column_points(width: float) -> float:
    """A column's printed width in points at 100%.

    Measured from LibreOffice 7.4's PDF of this workbook: 7.0 pt a width unit, no padding.
    Excel prints narrower (7 px + 5 px padding a column, 5.25 pt a unit), so a page planned
    for LibreOffice also fits in Excel.
    """
    return width * 7.0


def print_scale(widths: Sequence[float]) -> int | None:
    """The scale at which the columns fit one page across, or None if the text would be too small."""
    total = sum(column_points(w) for w in widths) or 1
    scale = min(100, int(100 * _PRINTABLE_PT / total))
    return scale if scale * FONT_SIZE / 100 >= MIN_PRINT_PT else None


def _print_setup(
    ws: Worksheet, title: str, header_rows: str | None = "1:1", widths: Sequence[float] | None = None
) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    scale = print_scale(widths) if widths else 100
    if scale is not None:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        # Too wide for one readable page: print at a readable scale, the further columns on the
        # next page across (each page across repeats the Ref column so rows can be matched up).
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = math.ceil(100 * MIN_PRINT_PT / FONT_SIZE)
        ws.page_setup.pageOrder = "overThenDown"
        ws.print_title_cols = "A:A"
    ws.oddHeader.center.text = MARKING
    ws.oddHeader.center.size = 12
    ws.oddHeader.center.font = "Arial,Bold"
    ws.oddFooter.left.text = title
    ws.oddFooter.left.font = "Arial"
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.right.font = "Arial"
    ws.oddFooter.center.text = MARKING
    ws.oddFooter.center.font = "Arial,Bold"
    if header_rows:
        ws.print_title_rows = header_rows


def _name_fonts(ws: Worksheet) -> None:
    """Give every written cell the named font, keeping its size, weight and colour."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None and cell.font.name != FONT_NAME:
                cell.font = Font(
                    name=FONT_NAME, size=cell.font.size or FONT_SIZE, bold=cell.font.bold, color=cell.font.color
                )


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    # Filtering, resizing and reading stay possible; rows and columns cannot be added or removed.
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


# Row heights: LibreOffice and Excel do not fit a row to wrapped text written by openpyxl, so
# the lines are estimated. A column width is in widths of "0" of the default font (about 7 px);
# Arial 10 averages about 6 px a character in Excel, so a width of w holds about 1.2 w
# characters (LibreOffice, at 7 pt a unit, about 1.5 w). 1.1 w is used: a slightly tall row is
# harmless, a short one hides text (the LibreOffice test checks no row is cut).
_CHARS_PER_WIDTH = 1.1
_BOLD_CHARS_PER_WIDTH = 0.85
_LINE_PT = 12.75  # one line of Arial 10 with LibreOffice's and Excel's leading
_MAX_ROW_PT = 409  # the largest row height either program accepts


def wrapped_lines(text: object, width: float, *, bold: bool = False) -> int:
    """How many lines `text` takes in a wrapped cell `width` wide (an estimate that errs high)."""
    if text is None or text == "":
        return 1
    per_line = max(1, int((width - 1) * (_BOLD_CHARS_PER_WIDTH if bold else _CHARS_PER_WIDTH)))
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += max(1, len(textwrap.wrap(paragraph, per_line, break_long_words=True, break_on_hyphens=True)))
    return lines


def fitted_height(lines: int) -> float:
    """A row height in points for `lines` lines of text."""
    return min(_MAX_ROW_PT, math.ceil(lines * _LINE_PT + 4))


def heading_width(heading: str, width: int) -> float:
    """A column width at which no word of the bold heading is broken ("Confidenc e")."""
    longest = max((len(w) for w in heading.split()), default=0)
    return max(width, math.ceil(longest / _BOLD_CHARS_PER_WIDTH) + 2)


def _header(ws: Worksheet, columns: Sequence[tuple[str, str, int]], row: int = 1) -> list[float]:
    widths: list[float] = []
    lines = 1
    for i, (attr, heading, width) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=i, value=heading)
        cell.font = _INTERNAL_HEAD_FONT if attr == "text" else _HEAD_FONT
        cell.fill = _INTERNAL_FILL if attr == "text" else _HEAD_FILL
        cell.alignment = _WRAP
        cell.border = _BOX
        fitted = heading_width(heading, width)
        ws.column_dimensions[cell.column_letter].width = fitted
        widths.append(fitted)
        lines = max(lines, wrapped_lines(heading, fitted, bold=True))
    ws.row_dimensions[row].height = fitted_height(lines)
    return widths


def _log_sheet(ws: Worksheet, log: CaseLog) -> None:
    columns = log_columns(log.gist_only)
    widths = _header(ws, columns)
    # Setting a style attribute looks it up in the workbook's tables each time; a log has
    # thousands of cells but a handful of distinct styles, so each is built once and copied.
    styles: dict[tuple, StyleArray] = {}
    for r, row in enumerate(log.rows, start=2):
        lines = 1
        for c, (attr, _, _) in enumerate(columns, start=1):
            value = _value(row, attr)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                lines = max(lines, wrapped_lines(value, widths[c - 1]))
            kind = (attr in EDITABLE, attr == "text", attr == "status" and bool(row.status), attr == "score" and row.score is not None)
            style = styles.get(kind)
            if style is not None:
                cell._style = copy(style)
                continue
            cell.font = _FONT
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
        ws.row_dimensions[r].height = fitted_height(lines)
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
    _print_setup(ws, f"{log.case_id} redaction log (Annex I)", widths=widths)
    if not ws.sheet_properties.pageSetUpPr.fitToPage:
        # The signer's columns on the first page across, whatever the program's own breaks.
        for attr in PRINT_BREAKS_AFTER:
            ws.col_breaks.append(Break(id=[a for a, _, _ in columns].index(attr) + 1))
    _protect(ws)


ADD_GUIDE = (
    "Type in the yellow cells anything the software missed, one item a row, with a reason. At "
    "finalisation each text is removed everywhere it appears in every document of the case (whole "
    "words, any capitals). Column A is internal: it is never shared."
)


def _add_sheet(ws: Worksheet, additions: Sequence[Addition]) -> None:
    widths = _header(ws, ADD_COLUMNS)
    styles: dict[bool, StyleArray] = {}  # built once, then copied (see _log_sheet)
    for r in range(2, ADD_ROWS + 2):
        addition = additions[r - 2] if r - 2 < len(additions) else None
        lines = 1
        for c, (attr, _, _) in enumerate(ADD_COLUMNS, start=1):
            value = getattr(addition, attr) or None if addition else None
            cell = ws.cell(row=r, column=c, value=value)
            lines = max(lines, wrapped_lines(value, widths[c - 1]))
            style = styles.get(attr == "text")
            if style is not None:
                cell._style = copy(style)
                continue
            cell.font = _FONT
            cell.protection = _UNLOCKED
            cell.alignment = _WRAP
            cell.border = _BOX
            cell.fill = _EDIT_FILL
            styles[attr == "text"] = copy(cell._style)
        if addition is not None:
            ws.row_dimensions[r].height = fitted_height(lines)
    # The guide sits right of the columns, in the first row, so it is on screen at 1366x768
    # and stays there as the rows scroll: LibreOffice shows a width unit as about 9.3 px (Excel
    # 7 px), so the 96 units of columns, the gap and the guide's 36 end near 1,300 px.
    guide_col = len(ADD_COLUMNS) + 2
    guide = ws.cell(row=1, column=guide_col, value=ADD_GUIDE)
    guide.alignment = _WRAP
    guide.font = _BOLD
    guide_width = 36
    ws.column_dimensions[guide.column_letter].width = guide_width
    ws.column_dimensions[ws.cell(row=1, column=guide_col - 1).column_letter].width = 2
    ws.row_dimensions[1].height = max(ws.row_dimensions[1].height or 0, fitted_height(wrapped_lines(ADD_GUIDE, guide_width, bold=True)))
    ws.freeze_panes = "A2"
    _print_setup(ws, "Redactions added by the reviewer", widths=widths)
    # Print the rows in use and a few blank ones to write on, not 200 empty rows.
    printed = max(len(additions), 0) + ADD_PRINTED_BLANK + 1
    ws.print_area = f"A1:{ws.cell(row=1, column=len(ADD_COLUMNS)).column_letter}{printed}"
    _protect(ws)


def _reid_sheet(ws: Worksheet, log: CaseLog) -> None:
    write_sheet(
        ws, log.reidentification or [], log.gist_only, font=_FONT, head_font=_HEAD_FONT, head_fill=_HEAD_FILL,
        edit_fill=_EDIT_FILL, internal_fill=_INTERNAL_FILL, internal_head_font=_INTERNAL_HEAD_FONT,
        fitted_height=fitted_height, wrapped_lines=wrapped_lines,
    )
    widths = [w for _, _, w, _ in sheet_columns(log.gist_only)]
    _print_setup(ws, f"{log.case_id} re-identification check", header_rows="2:2", widths=widths)
    if not ws.sheet_properties.pageSetUpPr.fitToPage:
        columns = [f for f, _, _, _ in sheet_columns(log.gist_only)]
        ws.col_breaks.append(Break(id=columns.index(REID_PRINT_BREAK_AFTER) + 1))
    _protect(ws)


def _summary_sheet(ws: Worksheet, log: CaseLog) -> None:
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 12
    ws["A1"] = f"Redaction log summary: {log.case_id}"
    ws["A1"].font = _TITLE_FONT
    ws["A2"] = f"Region: {log.region or 'not recorded'}"
    ws["A2"].font = _FONT
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
    _name_fonts(ws)
    _print_setup(ws, "Summary", header_rows=None)
    _protect(ws)


SIGNOFF_GUIDE = (
    "All exemptions and the rationale for them must be signed off by a senior manager before the "
    "review is shared (SFO operational guidance 7.2, Annex I). Cells you may type in are yellow, on "
    "every sheet: here, fill in every yellow cell; on 'Redaction log', the Decision, the arguments "
    "and the notes; on 'Add redactions', anything the software missed."
)


# The first row of the pages to check by eye on the Sign-off sheet (below the status, row 9).
_CHECKS_ROW = 11


def _signoff_sheet(ws: Worksheet, log: CaseLog) -> None:
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 40
    ws["A1"] = f"Senior manager sign-off: {log.case_id}"
    ws["A1"].font = _TITLE_FONT
    ws["A2"] = SIGNOFF_GUIDE
    ws["A2"].alignment = _WRAP
    ws["A2"].font = _FONT
    ws.merge_cells("A2:B2")
    ws.row_dimensions[2].height = fitted_height(wrapped_lines(SIGNOFF_GUIDE, 88))
    signoff = log.signoff or SignOff()
    for name, row, label in SIGNOFF_FIELDS:
        head = ws.cell(row=row, column=1, value=label)
        head.alignment = _WRAP
        head.font = _FONT
        ws.row_dimensions[row].height = fitted_height(wrapped_lines(label, 48))
        cell = ws.cell(row=row, column=2, value=getattr(signoff, name))
        cell.font = _FONT
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
        ws["A9"].font = _BOLD
        ws["B9"] = log.notice
        ws["B9"].alignment = _WRAP
        ws["B9"].font = _WARN_FONT
        ws.row_dimensions[9].height = fitted_height(wrapped_lines(log.notice, 40, bold=True))
    for n, check in enumerate(log.checks):
        # Pages of scans read with low OCR confidence: the checks could not vouch for them alone.
        row = _CHECKS_ROW + n
        if n == 0:
            ws.cell(row=row, column=1, value="Check by eye before signing off").font = _BOLD
        cell = ws.cell(row=row, column=2, value=check)
        cell.alignment = _WRAP
        cell.font = _WARN_FONT
        ws.row_dimensions[row].height = fitted_height(wrapped_lines(check, 40, bold=True))
    _name_fonts(ws)
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
        # The input's path is never written (SFO file names hold surnames): finalise finds the
        # original by its SHA-256, in the key store's record or among --inputs. The empty
        # column keeps the layout logs written before this had.
        ws.append(["document", d.output, d.stem, "", d.input_sha256, d.kind])
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
    reid = log.reidentification or []
    for line in integrity_lines(reid, key, log.case_id, log.gist_only):
        ws.append(line)
    refs = [r.ref for r in log.rows] + [r.ref for r in reid]
    ws.append(["workbook", workbook_mac(key, log.case_id, meta, log.documents, refs)])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
