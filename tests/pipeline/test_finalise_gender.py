"""Gendered references to staff through draft, log and finalise: the rewrite is the default,
Disclose keeps the original, and a row that asks the manager keeps it until told otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.finalise import finalise
from pipeline.model import Category
from pipeline.verify import normalise, read_text
from tests.pipeline.drafts import draft_case, sign_off

# Invented people; nothing here is real.
REVIEW = [
    "Case reference: SFO60002",
    "This review concerns Darren Quilliam. He was supervised by Ms Priya Okonkwo-Hale.",
    "Ms Okonkwo-Hale was new in post. She said her caseload was high.",
    "Ms Okonkwo-Hale told Ellen Varga that she would call back.",
    "Mrs Ellen Varga said she was frightened.",
]
CASE = """case_id: SFO60002
supervised_individual: {name: Darren Quilliam}
victims: [{name: Ellen Varga}]
staff: [{name: Priya Okonkwo-Hale, role: PP}]
"""
CATEGORY = Category.GENDERED_STAFF.value


@pytest.fixture()
def drafted(tmp_path, engine):
    out, _ = draft_case(tmp_path, "SFO60002quilliamD_Review.docx", REVIEW, CASE, engine)
    return out


def _rows(ws):
    col = {c.value: c.column for c in ws[1]}
    for r in range(2, ws.max_row + 1):
        yield r, {h: ws.cell(row=r, column=c).value for h, c in col.items()}, col


def test_rewrites_are_log_rows_and_finalise_honours_each_decision(drafted, tmp_path):
    out = drafted
    draft = normalise(read_text(out / "SFO60002-review.redacted.pdf"))
    assert "PP1 was new in post. PP1 said PP1's caseload was high." in draft
    assert "said she was frightened" in draft  # the victim's pronoun
    assert "PP1 told A that she would call back" in draft  # unsure: kept until the manager decides
    log = out / "SFO60002.redaction-log.xlsx"
    wb = load_workbook(log)
    ws = wb["Redaction log"]
    rows = [(r, v, col) for r, v, col in _rows(ws) if v["Category"] == CATEGORY]
    proposed = sorted((v["Text removed (INTERNAL - never shared)"], v["Replaced by"], v["Decision"]) for _, v, _ in rows)
    assert proposed == [("She", "PP1", "Anonymise"), ("her", "PP1's", "Anonymise"), ("she", "PP1", "Disclose")]
    assert all("check the referent" in v["Gist of what was removed"] for _, v, _ in rows if v["Decision"] == "Disclose")
    # The manager keeps "her" as written and accepts the unsure one.
    for r, v, col in rows:
        if v["Text removed (INTERNAL - never shared)"] == "her":
            ws.cell(row=r, column=col["Decision"]).value = "Disclose"
        if v["Decision"] == "Disclose":
            ws.cell(row=r, column=col["Decision"]).value = "Anonymise"
    sign_off(wb)
    wb.save(log)
    result = finalise(log, tmp_path / "pack")
    # Rewrites are counted apart: no name was disclosed, two references made neutral.
    assert (result.disclosed, result.rewritten) == (0, 2)
    final = normalise(read_text(tmp_path / "pack" / "SFO60002-VLU-pack" / "SFO60002-review.pdf"))
    assert "PP1 was new in post. PP1 said her caseload was high." in final
    assert "PP1 told A that PP1 would call back" in final
    assert "said she was frightened" in final
    assert "Okonkwo" not in final


def test_a_disclosed_name_keeps_its_pronouns(drafted, tmp_path):
    log = drafted / "SFO60002.redaction-log.xlsx"
    wb = load_workbook(log)
    ws = wb["Redaction log"]
    for r, v, col in _rows(ws):
        if v["Category"] == Category.NAME.value and v["Replaced by"] == "PP1":
            ws.cell(row=r, column=col["Decision"]).value = "Disclose"
    sign_off(wb)
    wb.save(log)
    finalise(log, tmp_path / "pack")
    final = normalise(read_text(Path(tmp_path / "pack" / "SFO60002-VLU-pack" / "SFO60002-review.pdf")))
    assert "Okonkwo-Hale was new in post. She said her caseload was high." in final
    assert "PP1" not in final


def test_a_burned_pdf_reads_with_the_labels(tmp_path, engine):
    import pymupdf

    from pipeline.case import parse_case
    from pipeline.redact import redact_file

    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(["Serious Further Offence Review SFO60003", *REVIEW[1:3], REVIEW[4]]):
        page.insert_text((50, 80 + i * 20), line, fontsize=10)
    doc.save(tmp_path / "SFO60003_review.pdf")
    case = parse_case({**_case_dict(), "case_id": "SFO60003"})
    result = redact_file(tmp_path / "SFO60003_review.pdf", tmp_path / "out", case=case, engine=engine)
    text = normalise(read_text(result.pdf))
    assert "PP1 was new in post. PP1 said PP1's caseload was high." in text
    assert "said she was frightened" in text


def _case_dict() -> dict:
    import yaml

    return yaml.safe_load(CASE)
