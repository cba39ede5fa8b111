"""Re-running the draft keeps the reviewer's work: decisions by reference, new rows marked."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from pipeline.model import Action, Category, Decision
from redaction_logs.draft import STATUS_NEW, DraftDocument, build_case_log
from redaction_logs.integrity import DocumentEntry
from redaction_logs.workbook import write_log
from tests.redaction_logs.test_draft import sample

KEY = b"k" * 32
ENTRY = DocumentEntry("SFO60001-review.redacted.pdf", "SFO60001-review", "/x/review.docx", "0" * 64, "docx")


def draft(path, decisions=None):
    doc, base = sample()
    log = build_case_log("SFO60001", [DraftDocument(ENTRY, doc, decisions or base, {})], KEY, previous=path)
    write_log(log, path, KEY)
    return log


def review(path, signed=True):
    wb = load_workbook(path)
    ws = wb["Redaction log"]
    ws["H3"] = "Disclose"  # R002
    ws["O3"] = "Family asked."
    ws["J4"] = "Checked with RM."  # R003
    wb["Add redactions"]["A2"], wb["Add redactions"]["B2"] = "Crooked Billet", "locates the family"
    if signed:
        s = wb["Sign-off"]
        s["B4"], s["B5"], s["B6"], s["B7"] = "Jo Bloggs", "Head of PDU", dt.date(2026, 11, 20), "Yes"
    wb.save(path)


def test_rerun_without_changes_keeps_everything_including_sign_off(tmp_path):
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    draft(path)
    review(path)
    log = draft(path)
    assert [r.ref for r in log.rows] == ["R001", "R002", "R003", "R004"]
    assert [r.action for r in log.rows] == ["Anonymise", "Disclose", "Withhold", "Withhold"]
    assert log.rows[1].argument_for == "Family asked." and log.rows[2].notes == "Checked with RM."
    assert all(r.status == "" for r in log.rows) and not log.notice
    assert log.signoff.name == "Jo Bloggs" and log.additions[0].text == "Crooked Billet"


def test_rerun_with_a_new_finding_marks_it_and_clears_the_sign_off(tmp_path):
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    draft(path)
    review(path)
    _, base = sample()
    extra = Decision("u0002", 16, 18, "'s", Category.NAME, Action.WITHHOLD, "[x]", "test", "Test", 0.5, "test")
    log = draft(path, base[:1] + base[1:2] + [extra] + base[2:])
    by_ref = {r.ref: r for r in log.rows}
    assert by_ref["R002"].action == "Disclose" and by_ref["R002"].status == ""
    new = [r for r in log.rows if r.status == STATUS_NEW]
    assert [r.ref for r in new] == ["R005"] and new[0].label == "[x]"
    assert log.signoff.name is None and "1 new row(s)" in log.notice
    assert log.additions[0].text == "Crooked Billet"  # the reviewer's additions survive
    wb = load_workbook(path)
    assert wb["Sign-off"]["B4"].value is None and "Sign-off cleared" in wb["Sign-off"]["B9"].value
    statuses = [c.value for c in wb["Redaction log"]["I"][1:]]  # the Status column
    assert statuses.count(STATUS_NEW) == 1
    assert (tmp_path / "SFO60001.redaction-log.xlsx").exists()


def test_rows_no_longer_found_clear_the_sign_off(tmp_path):
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    draft(path)
    review(path)
    _, base = sample()
    log = draft(path, base[:2])  # the CRN finding is gone
    assert [r.ref for r in log.rows] == ["R001", "R002", "R004"]
    assert "no longer found" in log.notice and log.signoff.name is None
