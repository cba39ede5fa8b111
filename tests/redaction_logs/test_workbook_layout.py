"""The workbook as a person sees it: named fonts, fitted rows, one editable colour, readable print."""

from __future__ import annotations

from openpyxl import load_workbook

from redaction_logs.workbook import (
    _EDIT_FILL,
    ADD_SHEET,
    DECISION_PROMPT,
    EDIT_COLOUR_NAME,
    FONT_NAME,
    FONT_SIZE,
    LOG_SHEET,
    MIN_PRINT_PT,
    SIGNOFF_SHEET,
    wrapped_lines,
)
from tests.redaction_logs.test_read_back import log_path  # noqa: F401 (fixture)


def _visible(wb):
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def test_every_written_cell_has_the_named_font(log_path):  # noqa: F811
    wb = load_workbook(log_path)
    for ws in _visible(wb):
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == FONT_NAME, (ws.title, cell.coordinate)


def test_rows_are_as_tall_as_their_wrapped_text(log_path):  # noqa: F811
    ws = load_workbook(log_path)[LOG_SHEET]
    for r in range(1, ws.max_row + 1):
        height = ws.row_dimensions[r].height
        assert height, f"row {r} has no height"
        for cell in ws[r]:
            if isinstance(cell.value, str):
                width = ws.column_dimensions[cell.column_letter].width
                assert height >= wrapped_lines(cell.value, width, bold=r == 1) * 12, (cell.coordinate, height)


def test_headings_are_not_cut_mid_word(log_path):  # noqa: F811
    ws = load_workbook(log_path)[LOG_SHEET]
    for cell in ws[1]:
        width = ws.column_dimensions[cell.column_letter].width
        longest = max(len(w) for w in str(cell.value).split())
        assert width * 0.85 >= longest, cell.value


def test_print_is_landscape_a4_with_titles_and_at_least_8_pt(log_path):  # noqa: F811
    ws = load_workbook(log_path)[LOG_SHEET]
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.print_title_rows == "$1:$1"
    if ws.sheet_properties.pageSetUpPr.fitToPage:
        from redaction_logs.workbook import column_points

        total = sum(column_points(ws.column_dimensions[c.column_letter].width) for c in ws[1])
        assert FONT_SIZE * (842 - 72) / total >= MIN_PRINT_PT
    else:
        assert FONT_SIZE * ws.page_setup.scale / 100 >= MIN_PRINT_PT


def test_editable_cells_have_one_colour_which_the_sheets_name(log_path):  # noqa: F811
    wb = load_workbook(log_path)
    for ws in (wb[LOG_SHEET], wb[ADD_SHEET], wb[SIGNOFF_SHEET]):
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                unlocked = cell.protection.locked is False
                yellow = cell.fill.fgColor.rgb.endswith(_EDIT_FILL.fgColor.rgb[-6:])
                assert unlocked == yellow, (ws.title, cell.coordinate)
    assert f"{EDIT_COLOUR_NAME} cell" in wb[SIGNOFF_SHEET]["A2"].value
    assert EDIT_COLOUR_NAME in wb[ADD_SHEET]["F1"].value


def test_decision_prompt_says_what_each_value_shows(log_path):  # noqa: F811
    ws = load_workbook(log_path)[LOG_SHEET]
    dv = next(d for d in ws.data_validations.dataValidation if d.type == "list")
    assert dv.prompt == DECISION_PROMPT and len(dv.prompt) <= 255
    assert "[name removed]" in dv.prompt and "PP1" in dv.prompt
    for action in ("Withhold", "Anonymise", "Disclose"):
        assert f"{action}:" in dv.prompt
