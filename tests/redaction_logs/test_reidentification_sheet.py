"""The "Re-identification" sheet: written, read back, and refused when tampered with."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from redaction_logs.errors import RedactionLogError
from redaction_logs.integrity import DocumentEntry
from redaction_logs.read_back import read_log
from redaction_logs.reidentification import REID_SHEET, ReidPlace, ReidRow
from redaction_logs.rows import rows_for
from redaction_logs.workbook import CaseLog, write_log
from tests.redaction_logs.test_draft import sample

KEY = b"k" * 32
DOC = "SFO60001-review.redacted.pdf"
ROWS = [
    ReidRow("I001", "A", "a victim", "age", "aged 17", "I002 school or college (score 3.5)", "SFO60001-review: paragraph 3",
            "in her late teens", (ReidPlace(DOC, "u0003", 10, 17),)),
    ReidRow("I002", "A", "a victim", "school or college", "Tanbridge Academy", "I001 age (score 3.5)",
            "SFO60001-review: paragraph 4; SFO60001-review: paragraph 6", "a school",
            (ReidPlace(DOC, "u0004", 0, 17), ReidPlace(DOC, "u0006", 5, 22))),
]


def _write(tmp_path, rows=ROWS, gist_only=False):
    doc, decisions = sample()
    entry = DocumentEntry(DOC, "SFO60001-review", "/x/review.docx", "0" * 64, "docx")
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    log = CaseLog("SFO60001", rows_for(DOC, doc, decisions, {}), [entry], gist_only=gist_only, reidentification=list(rows))
    write_log(log, path, KEY)
    return path


def _edit(path, fn):
    wb = load_workbook(path)
    fn(wb)
    wb.save(path)


def _heads(ws):
    return {ws.cell(row=2, column=c).value: c for c in range(1, ws.max_column + 1)}


def test_rows_read_back_with_the_managers_decisions(tmp_path):
    path = _write(tmp_path)

    def decide(wb):
        ws = wb[REID_SHEET]
        h = _heads(ws)
        assert [ws.cell(row=r, column=h["Decision"]).value for r in (3, 4)] == ["Keep", "Keep"]
        ws.cell(row=3, column=h["Decision"]).value = "generalise"  # any capitals
        ws.cell(row=3, column=h["Generalise to (suggested; you may edit)"]).value = "a teenager"
        ws.cell(row=4, column=h["Decision"]).value = "Withhold"
        ws.cell(row=4, column=h["Reviewer notes"]).value = "Names the school."

    _edit(path, decide)
    check = read_log(path, KEY).reidentification
    assert [(r.row.ref, r.row.action, r.row.generalisation) for r in check.rows] == [
        ("I001", "Generalise", "a teenager"), ("I002", "Withhold", "a school"),
    ]
    assert check.rows[1].row.places == ROWS[1].places and check.rows[1].row.notes == "Names the school."
    assert check.people == 1


def test_a_gist_only_log_leaves_the_detail_out_and_still_reads_back(tmp_path):
    path = _write(tmp_path, gist_only=True)
    wb = load_workbook(path)
    assert "Tanbridge Academy" not in [c.value for row in wb[REID_SHEET].iter_rows() for c in row]
    assert len(read_log(path, KEY).reidentification.rows) == 2


def test_an_empty_check_says_so_and_reads_back_empty(tmp_path):
    path = _write(tmp_path, rows=[])
    assert "No person was flagged" in str(load_workbook(path)[REID_SHEET]["A3"].value)
    assert read_log(path, KEY).reidentification.rows == []


def test_a_log_written_before_the_check_has_no_sheet_and_reads_back(tmp_path):
    doc, decisions = sample()
    entry = DocumentEntry(DOC, "SFO60001-review", "/x/review.docx", "0" * 64, "docx")
    path = tmp_path / "old.xlsx"
    write_log(CaseLog("SFO60001", rows_for(DOC, doc, decisions, {}), [entry]), path, KEY)
    assert read_log(path, KEY).reidentification is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda ws, h: setattr(ws.cell(row=3, column=h["Decision"]), "value", None), "Decision must be"),
        (lambda ws, h: setattr(ws.cell(row=3, column=h["Decision"]), "value", "Disclose"), "Decision must be"),
        (lambda ws, h: (setattr(ws.cell(row=3, column=h["Decision"]), "value", "Generalise"),
                        setattr(ws.cell(row=3, column=h["Generalise to (suggested; you may edit)"]), "value", " ")), "Generalise needs"),
        (lambda ws, h: setattr(ws.cell(row=4, column=h["Kind of detail"]), "value", "age"), "may not change"),
        (lambda ws, h: setattr(ws.cell(row=4, column=1), "value", "I009"), "not one the software wrote"),
        (lambda ws, h: [setattr(ws.cell(row=4, column=c), "value", None) for c in range(1, 11)], "removed"),
    ],
)
def test_each_change_outside_the_managers_cells_is_refused(tmp_path, change, message):
    path = _write(tmp_path)
    _edit(path, lambda wb: change(wb[REID_SHEET], _heads(wb[REID_SHEET])))
    with pytest.raises(RedactionLogError, match=message) as info:
        read_log(path, KEY)
    assert info.value.sheet == REID_SHEET


def test_a_moved_place_or_a_dropped_row_in_the_hidden_sheet_is_refused(tmp_path):
    path = _write(tmp_path)

    def move(wb):
        ws = wb["Integrity"]
        for row in ws.iter_rows():
            if row[0].value == "reid" and row[1].value == "I001":
                row[2].value = row[2].value.replace("|10|17", "|11|18")

    _edit(path, move)
    with pytest.raises(RedactionLogError, match="re-identification row I001 was altered"):
        read_log(path, KEY)
    path = _write(tmp_path)

    def drop(wb):
        ws = wb["Integrity"]
        for row in ws.iter_rows():
            if row[0].value == "reid" and row[1].value == "I002":
                for cell in row:
                    cell.value = None

    _edit(path, drop)
    with pytest.raises(RedactionLogError, match="checksum does not match"):
        read_log(path, KEY)


def test_a_lenient_read_notes_the_problem_and_keeps_the_good_rows(tmp_path):
    path = _write(tmp_path)
    _edit(path, lambda wb: setattr(wb[REID_SHEET].cell(row=3, column=_heads(wb[REID_SHEET])["Decision"]), "value", "Maybe"))
    log = read_log(path, KEY, strict=False)
    assert [r.row.ref for r in log.reidentification.rows] == ["I002"] and log.problems
