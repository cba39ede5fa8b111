"""Opening a redaction log by the format it was saved in: .xlsx as written, or .ods.

LibreOffice offers .ods by default when a manager presses Save, so a log saved that way is
read (with python-calamine, a maintained reader of OpenDocument) into an in-memory workbook
and then checked exactly as an .xlsx is. Every other format is refused in one line: .xls
drops the hidden integrity sheet's protection and openpyxl cannot read it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from redaction_logs.errors import RedactionLogError

XLSX_SUFFIXES = (".xlsx", ".xlsm")
ODS_SUFFIX = ".ods"


def open_workbook(path: Path) -> Workbook:
    """The workbook at `path`, or a one-line refusal naming the format to save it in."""
    suffix = path.suffix.lower()
    if suffix not in (*XLSX_SUFFIXES, ODS_SUFFIX):
        what = f"a {suffix} file" if suffix else "a file with no .xlsx ending"
        raise RedactionLogError(
            f"the redaction log is {what}, which cannot be checked; open it in your spreadsheet program "
            "and save it as .xlsx (Excel 2007-365), then run finalise on that file",
            path,
        )
    if not path.is_file():
        raise RedactionLogError("redaction log not found", path)
    if suffix == ODS_SUFFIX:
        return _load_ods(path)
    try:
        return load_workbook(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RedactionLogError(f"not a readable Excel workbook ({type(exc).__name__}); save it as .xlsx", path) from None


def _load_ods(path: Path) -> Workbook:
    """Copy every sheet's values (hidden sheets too) into a workbook the reader can check."""
    import python_calamine

    try:
        source = python_calamine.CalamineWorkbook.from_path(str(path))
        wb = Workbook()
        wb.remove(wb.active)
        for name in source.sheet_names:
            ws = wb.create_sheet(name)
            for r, values in enumerate(source.get_sheet_by_name(name).to_python(skip_empty_area=False), start=1):
                for c, value in enumerate(values, start=1):
                    # calamine gives "" for an empty cell, where openpyxl gives None.
                    if value != "":
                        ws.cell(row=r, column=c, value=value)
        return wb
    except (python_calamine.CalamineError, zipfile.BadZipFile, ValueError, OSError) as exc:
        raise RedactionLogError(
            f"not a readable OpenDocument spreadsheet ({type(exc).__name__}); save it as .xlsx", path
        ) from None
