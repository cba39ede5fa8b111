"""Reading an edited log back: what a reviewer may change, and the refusals for everything else."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from redaction_logs.errors import RedactionLogError
from redaction_logs.integrity import DocumentEntry
from redaction_logs.read_back import check_signoff, read_log
from redaction_logs.rows import rows_for
from redaction_logs.workbook import CaseLog, write_log
from tests.redaction_logs.test_draft import sample

KEY = b"k" * 32
TODAY = dt.date(2026, 11, 26)
WRITTEN = dt.datetime(2026, 11, 19, 16, 30, tzinfo=dt.UTC)  # when the draft wrote the log
# Columns of "Redaction log" (full log): A Ref, E removed text, F Replaced by, H Decision, I Status, J notes, O arguments for.
DECISION, LABEL, ARG_FOR, NOTES = "H", "F", "O", "J"


@pytest.fixture()
def log_path(tmp_path):
    doc, decisions = sample()
    rows = rows_for("SFO60001-review.redacted.pdf", doc, decisions, {})
    entry = DocumentEntry("SFO60001-review.redacted.pdf", "SFO60001-review", "/x/review.docx", "0" * 64, "docx")
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    write_log(CaseLog("SFO60001", rows, [entry], region="North East", written=WRITTEN), path, KEY)
    return path


def edit(path, fn):
    wb = load_workbook(path)
    fn(wb)
    wb.save(path)


def sign(wb, name="Jo Bloggs", role="Head of PDU", date=dt.date(2026, 11, 20), declaration="Yes"):
    ws = wb["Sign-off"]
    ws["B4"], ws["B5"], ws["B6"], ws["B7"] = name, role, date, declaration


def refusal(path, today=TODAY) -> RedactionLogError:
    with pytest.raises(RedactionLogError) as info:
        check_signoff(read_log(path, KEY), today)
    return info.value


def test_unedited_log_reads_back_and_reviewer_edits_are_allowed(log_path):
    def review(wb):
        ws = wb["Redaction log"]
        assert ws[f"{DECISION}1"].value == "Decision" and ws[f"{LABEL}1"].value == "Replaced by"
        ws[f"{DECISION}2"] = "disclose"  # any capitals
        ws[f"{ARG_FOR}3"] = "The family asked about this."
        ws[f"{NOTES}4"] = "Discussed with the RM."
        wb["Add redactions"]["A2"], wb["Add redactions"]["B2"] = "Crooked Billet", "locates the family"
        sign(wb, date="20/11/2026")

    edit(log_path, review)
    log = read_log(log_path, KEY)
    assert [r.identity.ref for r in log.rows] == ["R001", "R002", "R003", "R004"]
    assert [r.action for r in log.rows] == ["Disclose", "Anonymise", "Withhold", "Withhold"]
    assert log.rows[1].argument_for == "The family asked about this." and log.rows[2].notes == "Discussed with the RM."
    assert log.additions[0].text == "Crooked Billet" and log.additions[0].cell == "A2"
    assert log.region == "North East" and log.case_id == "SFO60001"
    signed = check_signoff(log, TODAY)
    assert (signed.name, signed.role, signed.date) == ("Jo Bloggs", "Head of PDU", dt.date(2026, 11, 20))


def test_unsigned_log_is_refused_naming_the_cell(log_path):
    err = refusal(log_path)
    assert "'Sign-off'" in str(err) and "B4" in str(err) and err.cell == "B4"


@pytest.mark.parametrize(
    "changes, cell, words",
    [
        ({"role": None}, "B5", "role"),
        ({"date": None}, "B6", "date"),
        ({"date": "next Tuesday"}, "B6", "DD/MM/YYYY"),
        ({"date": dt.date(2027, 1, 1)}, "B6", "1 January 2027) is after today"),
        ({"date": dt.date(2026, 11, 18)}, "B6", "before this log was written (19 November 2026)"),
        ({"declaration": "No"}, "B7", "Yes"),
        ({"declaration": None}, "B7", "every row was reviewed"),
    ],
)
def test_incomplete_sign_off_is_refused(log_path, changes, cell, words):
    edit(log_path, lambda wb: sign(wb, **changes))
    err = refusal(log_path)
    assert err.sheet == "Sign-off" and err.cell == cell and words in str(err)


def test_decision_other_than_the_three_values_is_refused(log_path):
    def bad(wb):
        wb["Redaction log"][f"{DECISION}3"] = "Maybe"
        sign(wb)

    edit(log_path, bad)
    err = refusal(log_path)
    assert err.sheet == "Redaction log" and err.cell == f"{DECISION}3" and "R002" in str(err)
    edit(log_path, lambda wb: wb["Redaction log"].__setitem__(f"{DECISION}3", None))
    assert "empty" in str(refusal(log_path))


def test_hidden_content_cannot_be_disclosed(log_path):
    def bad(wb):
        wb["Redaction log"][f"{DECISION}5"] = "Disclose"  # R004: a comment
        sign(wb)

    edit(log_path, bad)
    err = refusal(log_path)
    assert err.cell == f"{DECISION}5" and "cannot be disclosed" in str(err)


@pytest.mark.parametrize(
    "tamper, sheet, cell, words",
    [
        (lambda wb: wb["Redaction log"].__setitem__(f"{LABEL}3", "XX"), "Redaction log", f"{LABEL}3", "may not change"),
        (lambda wb: wb["Redaction log"].__setitem__("E4", "something else"), "Redaction log", "E4", "may not change"),
        (lambda wb: wb["Redaction log"].__setitem__("A3", "R777"), "Redaction log", "A3", "not one the software wrote"),
        (lambda wb: wb["Redaction log"].delete_rows(3), "Redaction log", None, "removed"),
        (lambda wb: wb["Redaction log"].append(["R099", "", "SFO60001-review.redacted.pdf"]), "Redaction log", "A6", "not one the software wrote"),
        (lambda wb: wb["Redaction log"].append([c.value for c in wb["Redaction log"][2]]), "Redaction log", "A6", "twice"),
        (lambda wb: wb["Redaction log"].__setitem__("H1", "Gist"), "Redaction log", "H1", "headings"),
    ],
    ids=["label", "removed-text", "ref", "deleted-row", "added-row", "copied-row", "heading"],
)
def test_tampered_log_is_refused_naming_sheet_and_cell(log_path, tamper, sheet, cell, words):
    def apply(wb):
        tamper(wb)
        sign(wb)

    edit(log_path, apply)
    err = refusal(log_path)
    assert err.sheet == sheet and err.cell == cell and words in str(err), str(err)
    assert "X123456" not in str(err) and "Quarrington" not in str(err)


def test_altered_identity_in_the_hidden_sheet_is_refused(log_path):
    def shift(wb):
        ws = wb["Integrity"]
        for row in ws.iter_rows():
            if row[0].value == "row" and row[1].value == "R003":
                row[4].value = row[4].value + 1  # start offset: would redact the wrong text
        sign(wb)

    edit(log_path, shift)
    err = refusal(log_path)
    assert err.sheet == "Integrity" and "R003" in str(err)


def test_removing_a_row_everywhere_breaks_the_workbook_checksum(log_path):
    def drop(wb):
        hidden = wb["Integrity"]
        for n, row in enumerate(hidden.iter_rows(), start=1):
            if row[0].value == "row" and row[1].value == "R004":
                hidden.delete_rows(n)
                break
        wb["Redaction log"].delete_rows(5)
        sign(wb)

    edit(log_path, drop)
    err = refusal(log_path)
    assert err.sheet == "Integrity" and "added or removed" in str(err)


def test_a_log_written_with_another_key_is_refused(log_path):
    with pytest.raises(RedactionLogError, match="different label key"):
        read_log(log_path, b"z" * 32)


def test_not_a_workbook_is_refused(tmp_path):
    bad = tmp_path / "SFO60001.redaction-log.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(RedactionLogError, match="not a readable Excel workbook"):
        read_log(bad, KEY)


@pytest.mark.parametrize("text, reason, cell, words", [("Kez", "", "B2", "reason"), ("Jo", "x", "A2", "at least")])
def test_bad_additions_are_refused(log_path, text, reason, cell, words):
    def add(wb):
        wb["Add redactions"]["A2"], wb["Add redactions"]["B2"] = text, reason or None
        sign(wb)

    edit(log_path, add)
    err = refusal(log_path)
    assert err.sheet == "Add redactions" and err.cell == cell and words in str(err)


def test_lenient_reading_notes_problems_instead_of_refusing(log_path):
    edit(log_path, lambda wb: wb["Redaction log"].__setitem__(f"{LABEL}3", "XX"))
    log = read_log(log_path, KEY, strict=False)
    assert log.problems and [r.locked_ok for r in log.rows] == [True, False, True, True]


def test_sign_off_date_is_checked_against_the_draft_and_shown_with_the_month_as_a_word(tmp_path):
    doc, decisions = sample()
    rows = rows_for("SFO60001-review.redacted.pdf", doc, decisions, {})
    entry = DocumentEntry("SFO60001-review.redacted.pdf", "SFO60001-review", "/x/review.docx", "0" * 64, "docx")
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    # Written late on 1 December 2026 (UTC); signed the same day, and again as an en-US
    # spreadsheet program stores 01/12/2026 (12 January).
    written = dt.datetime(2026, 12, 1, 23, 10, tzinfo=dt.UTC)
    write_log(CaseLog("SFO60001", rows, [entry], written=written), path, KEY)
    ws = load_workbook(path)["Sign-off"]
    assert ws["B6"].number_format == "D MMMM YYYY"
    (dv,) = [v for v in ws.data_validations.dataValidation if "B6" in str(v.sqref)]
    assert dv.type == "date" and dv.showErrorMessage
    edit(path, lambda wb: sign(wb, date=dt.date(2026, 12, 1)))
    assert check_signoff(read_log(path, KEY), dt.date(2026, 12, 1)).date == dt.date(2026, 12, 1)
    edit(path, lambda wb: sign(wb, date=dt.date(2026, 1, 12)))
    err = refusal(path, today=dt.date(2026, 12, 2))
    assert err.cell == "B6" and "(12 January 2026) is before this log was written (1 December 2026)" in str(err)
    assert len(str(err).splitlines()) == 1


@pytest.mark.parametrize(
    "day, text", [(dt.date(2026, 12, 1), "1 December 2026"), (dt.date(2027, 5, 31), "31 May 2027")]
)
def test_long_date_has_no_leading_zero_and_the_month_as_a_word(day, text):
    from pipeline.model import long_date

    assert long_date(day) == text


def test_a_log_in_the_order_before_the_signer_columns_came_first_still_reads(tmp_path, monkeypatch):
    import redaction_logs.workbook as workbook
    from redaction_logs.rows import COLUMNS, LEGACY_ORDER

    monkeypatch.setattr(workbook, "COLUMNS", tuple(sorted(COLUMNS, key=lambda c: LEGACY_ORDER.index(c[0]))))
    doc, decisions = sample()
    rows = rows_for("SFO60001-review.redacted.pdf", doc, decisions, {})
    entry = DocumentEntry("SFO60001-review.redacted.pdf", "SFO60001-review", "", "0" * 64, "docx")
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    write_log(CaseLog("SFO60001", rows, [entry], written=WRITTEN), path, KEY)
    monkeypatch.undo()
    edit(path, lambda wb: wb["Redaction log"].__setitem__("Q2", "Disclose"))  # Decision was column Q
    log = read_log(path, KEY, strict=True)
    assert log.rows[0].action == "Disclose"
