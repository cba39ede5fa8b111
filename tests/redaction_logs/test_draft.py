from openpyxl import load_workbook

from pipeline.model import (
    Action, Category, Decision, HiddenContent, HiddenKind, Provenance, Source, Style, TextUnit,
)
from redaction_logs.draft import write_draft
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


def test_rows_have_stable_refs_locations_and_reasons():
    doc, decisions = sample()
    from pipeline.redact import section_titles

    rows = rows_for("SFO60001-review.redacted.pdf", doc, decisions, section_titles(doc, decisions))
    assert [r.ref for r in rows] == ["R001", "R002", "R003", "R004"]
    assert rows[1].location == "paragraph 2"
    assert rows[1].section == "CONTACT WITH KT"  # the heading as redacted, never the name
    assert rows[2].label == "[CRN]" and "s.37" in rows[2].reason
    assert rows[3].category == "hidden content" and rows[3].gist == "comment"
    assert all(r.action in ("Withhold", "Anonymise") for r in rows)


def test_workbook_layout_and_gist_only(tmp_path):
    doc, decisions = sample()
    rows = rows_for("x.pdf", doc, decisions, {})
    full, gist = tmp_path / "full.xlsx", tmp_path / "gist.xlsx"
    write_draft(rows, full)
    write_draft(rows, gist, gist_only=True)
    ws = load_workbook(full)["Redaction log"]
    headings = [c.value for c in ws[1]]
    assert headings[0] == "Ref" and "Decision" in headings
    assert any("INTERNAL" in h for h in headings)
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref
    assert ws.max_row == len(rows) + 1
    assert ws.data_validations.dataValidation[0].formula1 == '"Withhold,Disclose,Anonymise"'
    assert ws.page_setup.orientation == "landscape"
    values = {c.value for row in ws.iter_rows() for c in row}
    assert "X123456" in values
    ws2 = load_workbook(gist)["Redaction log"]
    values2 = {c.value for row in ws2.iter_rows() for c in row}
    assert not any(isinstance(v, str) and ("X123456" in v or "Quarrington" in v) for v in values2)
    assert not list(tmp_path.glob(".*partial"))
