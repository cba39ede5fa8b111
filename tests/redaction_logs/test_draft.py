from openpyxl import load_workbook

from pipeline.model import (
    Action,
    Category,
    Decision,
    HiddenContent,
    HiddenKind,
    Provenance,
    Source,
    Style,
    TextUnit,
)
from redaction_logs.rows import rows_for
from tests.pipeline.model_builders import document


def sample():
    doc = document("CONTACT WITH ZEB QUARRINGTON", "Zeb Quarrington's CRN is X123456.")
    doc.units["u0001"] = TextUnit("u0001", doc.units["u0001"].text, Provenance(Source.BODY, paragraph=0), Style.HEADING1)
    doc.units["u0002"] = TextUnit("u0002", doc.units["u0002"].text, Provenance(Source.BODY, paragraph=1, section="u0001"))
    decisions = [
        Decision("u0001", 13, 28, "ZEB QUARRINGTON", Category.NAME, Action.ANONYMISE, "KT", "name of the supervised individual", "SpacyRecognizer", 0.85, "NER", "p1", "PERSON"),
        Decision("u0002", 0, 15, "Zeb Quarrington", Category.NAME, Action.ANONYMISE, "KT", "name of the supervised individual", "NameVariant", 0.9, "variant", "p1", "PERSON"),
        Decision("u0002", 25, 32, "X123456", Category.IDENTIFIER, Action.WITHHOLD, "[CRN]", "case reference number (CRN)", "CrnRecognizer", 0.6, "pattern crn", None, "UK_CRN"),
    ]
    doc.removed.append(HiddenContent(HiddenKind.COMMENT, "Check this with Zeb's mother", Provenance(Source.BODY)))
    return doc, decisions


def test_rows_have_stable_refs_locations_reasons_and_identity():
    doc, decisions = sample()
    from pipeline.redact import section_titles

    rows = rows_for("SFO60001-review.redacted.pdf", doc, decisions, section_titles(doc, decisions))
    assert [r.ref for r in rows] == ["R001", "R002", "R003", "R004"]
    assert rows[1].location == "paragraph 2"
    assert rows[1].section == "CONTACT WITH KT"  # the heading as redacted, never the name
    assert rows[2].label == "[CRN]" and "s.37" in rows[2].reason
    assert rows[3].category == "hidden content" and rows[3].gist == "comment"
    assert all(r.action in ("Withhold", "Anonymise") for r in rows)
    assert (rows[2].unit_id, rows[2].start, rows[2].end) == ("u0002", 25, 32)
    assert rows[3].hidden and rows[3].unit_id == "hidden:0" and not rows[2].hidden


def test_workbook_layout_and_gist_only(tmp_path):
    from redaction_logs.integrity import DocumentEntry
    from redaction_logs.workbook import CaseLog, write_log

    doc, decisions = sample()
    rows = rows_for("x.pdf", doc, decisions, {})
    entry = DocumentEntry("x.pdf", "x", "/nowhere/x.docx", "0" * 64, "docx")
    full, gist = tmp_path / "full.xlsx", tmp_path / "gist.xlsx"
    key = b"k" * 32
    write_log(CaseLog("SFO60001", rows, [entry]), full, key)
    write_log(CaseLog("SFO60001", rows, [entry], gist_only=True), gist, key)
    wb = load_workbook(full)
    assert wb.sheetnames == ["Redaction log", "Add redactions", "Summary", "Sign-off", "Integrity"]
    ws = wb["Redaction log"]
    headings = [c.value for c in ws[1]]
    assert headings[0] == "Ref" and "Decision" in headings and "Reviewer notes" in headings
    assert any("INTERNAL" in h for h in headings)
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref
    assert ws.max_row == len(rows) + 1
    assert ws.data_validations.dataValidation[0].formula1 == '"Withhold,Disclose,Anonymise"'
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert ws.protection.sheet and wb.security.lockStructure
    decision_col = headings.index("Decision") + 1
    assert ws.cell(row=2, column=decision_col).protection.locked is False
    assert ws.cell(row=2, column=headings.index("Replaced by") + 1).protection.locked is True
    assert ws.cell(row=2, column=1).alignment.wrap_text
    assert wb["Integrity"].sheet_state == "veryHidden"
    assert wb["Sign-off"]["B4"].value is None and wb["Sign-off"]["B4"].protection.locked is False
    assert wb["Add redactions"]["A2"].protection.locked is False
    assert wb["Summary"]._charts
    values = {c.value for row in ws.iter_rows() for c in row}
    assert "X123456" in values
    wb2 = load_workbook(gist)
    values2 = {c.value for name in wb2.sheetnames for row in wb2[name].iter_rows() for c in row}
    assert not any(isinstance(v, str) and ("X123456" in v or "Quarrington" in v) for v in values2)
    assert not list(tmp_path.glob(".*partial"))
