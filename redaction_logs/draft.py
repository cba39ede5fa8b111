"""The draft redaction log: an .xlsx a person can read beside the redacted PDF."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from redaction_logs.rows import COLUMNS, LogRow

MARKING = "OFFICIAL-SENSITIVE"


def write_draft(rows: Sequence[LogRow], path: Path, *, gist_only: bool = False) -> None:
    """Write the draft log; `gist_only` leaves out the column holding the removed text."""
    columns = [c for c in COLUMNS if not (gist_only and c[0] == "text")]
    wb = Workbook()
    ws = wb.active
    ws.title = "Redaction log"
    ws.append([heading for _, heading, _ in columns])
    for row in rows:
        ws.append([getattr(row, attr) for attr, _, _ in columns])
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F3864")
    internal = PatternFill("solid", fgColor="FCE4D6")
    for i, (attr, _, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = cell.column_letter
        ws.column_dimensions[letter].width = width
        for r in range(2, len(rows) + 2):
            c = ws.cell(row=r, column=i)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if attr == "text":
                c.fill = internal
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    action_col = [i for i, (attr, _, _) in enumerate(columns, start=1) if attr == "action"][0]
    if rows:
        dv = DataValidation(type="list", formula1='"Withhold,Disclose,Anonymise"', allow_blank=False)
        letter = ws.cell(row=1, column=action_col).column_letter
        dv.add(f"{letter}2:{letter}{len(rows) + 1}")
        ws.add_data_validation(dv)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.oddHeader.center.text = MARKING
    ws.oddFooter.center.text = "Draft redaction log - page &P of &N"
    ws.print_title_rows = "1:1"
    wb.properties.creator = "sfo-redact"
    wb.properties.lastModifiedBy = "sfo-redact"
    tmp = path.with_name(f".{path.name}.partial")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
