"""The cover sheet's region (issue 13 item 1): taken from the review when the case file has
none, and left off (recorded as withheld in the manifest) when the manager withholds it.
"""

from __future__ import annotations

import datetime as dt
import json

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from pipeline.case import load_case
from pipeline.finalise import WITHHELD_REGION, WITHHELD_ROLE, finalise
from pipeline.redact import redact_case

CASE = "case_id: SFO60012\nsupervised_individual:\n  name: Corwin Blathersby\nstaff:\n  - name: Priya Okafor\n    role: PP\n"


def _review(path) -> None:
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    table = d.add_table(rows=2, cols=2)
    for r, (label, value) in enumerate((("Case reference", "SFO60012"), ("Probation region", "Yorkshire and the Humber"))):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value
    d.add_paragraph("This review concerns Corwin Blathersby, supervised by probation practitioner Priya Okafor.")
    d.add_paragraph("The Yorkshire and the Humber region's SFO team completed it.")
    d.add_paragraph("The Head of PDU commissioned the review.")
    d.save(path)


def _draft(tmp_path, engine):
    src = tmp_path / "in"
    src.mkdir()
    (src / "case.yaml").write_text(CASE, encoding="utf-8")
    review = src / "SFO60012_Review.docx"
    _review(review)
    result = redact_case([review], tmp_path / "draft", case=load_case(src / "case.yaml"), engine=engine)
    assert not result.failures
    return next((tmp_path / "draft").glob("*.redaction-log.xlsx"))


def _sign(log, add=()) -> None:
    wb = load_workbook(log)
    sheet = wb["Add redactions"]
    first = next(r for r in range(1, 40) if sheet.cell(row=r, column=1).value in (None, "") and r > 1)
    for n, text in enumerate(add):
        sheet.cell(row=first + n, column=1).value = text
        sheet.cell(row=first + n, column=2).value = "the region would identify the family"
    s = wb["Sign-off"]
    s["B4"], s["B5"], s["B6"], s["B7"] = "Jo Bloggs", "Head of PDU", dt.date.today(), "Yes"
    wb.save(log)


def _finalised(tmp_path, engine, add=()) -> tuple[str, dict, str]:
    """Draft, sign (withholding `add`), finalise: the cover sheet's text, the manifest, the letter's text."""
    log = _draft(tmp_path, engine)
    _sign(log, add=add)
    finalise(log, tmp_path / "pack")
    folder = next((tmp_path / "pack").glob("*-VLU-pack"))
    manifest = json.loads((folder / "manifest.json").read_text())
    letter = docx.Document(str(next(folder.glob("*-letter-to-victim.docx"))))
    return _cover(tmp_path / "pack"), manifest, " ".join(p.text for p in letter.paragraphs)


def _cover(pack) -> str:
    path = next(pack.glob("*-VLU-pack/*-cover-sheet.pdf"))
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(str(path)).pages).split())


def test_the_region_comes_from_the_review(tmp_path, engine):
    cover, manifest, _ = _finalised(tmp_path, engine)
    assert "Yorkshire and the Humber" in cover
    assert manifest["region"] == "Yorkshire and the Humber" and manifest["withheld_fields"] == []
    assert "not recorded" not in cover


def test_a_withheld_region_is_left_off_the_cover_sheet_and_recorded(tmp_path, engine):
    cover, manifest, letter = _finalised(tmp_path, engine, add=["Yorkshire and the Humber"])
    assert "Yorkshire" not in cover and "withheld" in cover
    assert manifest["region"] == WITHHELD_REGION and manifest["withheld_fields"] == ["region"]
    assert "Yorkshire" not in letter


def test_a_withheld_role_is_left_off_the_cover_sheet_and_the_letter(tmp_path, engine):
    cover, manifest, letter = _finalised(tmp_path, engine, add=["Head of PDU"])
    assert "Head of PDU" not in cover and "Jo Bloggs, role withheld by the senior manager" in cover
    assert manifest["withheld_fields"] == ["signed_role"]
    assert manifest["sign_off"]["role"] == WITHHELD_ROLE
    assert "Head of PDU" not in letter


def test_a_short_role_is_not_withheld_by_a_word_containing_it():
    from types import SimpleNamespace

    from pipeline.finalise import _withheld

    assert not _withheld("PP", [SimpleNamespace(text="Pepper")])
    assert _withheld("Head of PDU", [SimpleNamespace(text="the  head of pdu")])
    assert _withheld("Yorkshire and the Humber", [SimpleNamespace(text="Yorkshire")])
