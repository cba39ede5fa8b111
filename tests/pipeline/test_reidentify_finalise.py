"""The re-identification check from draft to pack: a flagged victim, the manager's decisions, finalise honours them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.case import load_case
from pipeline.finalise import finalise
from pipeline.redact import redact_case
from pipeline.verify import normalise, read_text
from redaction_logs.errors import RedactionLogError
from tests.pipeline.drafts import draft_case, sign_off

# Invented people; nothing here is real.
REVIEW = [
    "Case reference: SFO60002",
    "This review concerns Lyndon Prestage, who was supervised by probation practitioner Ffion Haldane-Moss.",
    "The victim, Corinna Waddilove, aged 17, lived on Marrowfield Road with her grandmother.",
    "Corinna Waddilove attended Tanbridge Academy and she had a Saturday job at the Tesco on Marrowfield Road.",
    "Lyndon Prestage was known to the police and Ffion Haldane-Moss recorded the concerns in March 2022.",
]
CASE = """case_id: SFO60002
region: Wales
supervised_individual:
  name: Lyndon Prestage
victims:
  - name: Corinna Waddilove
staff:
  - name: Ffion Haldane-Moss
    role: PP
"""


@pytest.fixture()
def drafted(tmp_path, engine):
    out, _ = draft_case(tmp_path, "SFO60002prestageL_Review.docx", REVIEW, CASE, engine)
    return out / "SFO60002.redaction-log.xlsx"


def _sheet(log: Path):
    wb = load_workbook(log)
    ws = wb["Re-identification"]
    heads = {ws.cell(row=2, column=c).value: c for c in range(1, ws.max_column + 1)}
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value]
    return wb, ws, heads, rows


def _decide(log: Path, decisions: dict[str, str], sign: bool = True) -> dict[str, str]:
    """Set the Decision of the rows whose detail kind is a key; returns kind -> detail text."""
    wb, ws, heads, rows = _sheet(log)
    texts = {}
    for r in rows:
        kind = ws.cell(row=r, column=heads["Kind of detail"]).value
        texts[kind] = ws.cell(row=r, column=heads["Detail as written (INTERNAL - never shared)"]).value
        if kind in decisions:
            ws.cell(row=r, column=heads["Decision"]).value = decisions[kind]
    if sign:
        sign_off(wb)
    wb.save(log)
    return texts


def test_the_draft_flags_the_victim_with_every_detail_defaulting_to_keep(drafted):
    _, ws, heads, rows = _sheet(drafted)
    people = {ws.cell(row=r, column=heads["Person (label)"]).value for r in rows}
    assert people == {"A"}
    kinds = {ws.cell(row=r, column=heads["Kind of detail"]).value for r in rows}
    assert {"age", "school or college", "street, estate or village"} <= kinds
    assert {ws.cell(row=r, column=heads["Decision"]).value for r in rows} == {"Keep"}
    age = next(r for r in rows if ws.cell(row=r, column=heads["Kind of detail"]).value == "age")
    assert ws.cell(row=age, column=heads["Generalise to (suggested; you may edit)"]).value == "in her late teens"
    assert "paragraph" in ws.cell(row=age, column=heads["Where (document, page, location)"]).value


def test_finalise_generalises_withholds_and_keeps_as_decided(drafted, tmp_path):
    texts = _decide(drafted, {"age": "Generalise", "school or college": "Withhold"})
    result = finalise(drafted, tmp_path / "pack")
    folder = tmp_path / "pack" / "SFO60002-VLU-pack"
    final = normalise(read_text(folder / "SFO60002-review.pdf"))
    assert "in her late teens" in final and texts["age"] not in final
    assert texts["school or college"] not in final and "[detail removed]" in final
    assert "Marrowfield Road" in final  # kept: nothing changes without a decision
    cover = normalise(read_text(folder / "SFO60002-cover-sheet.pdf"))
    assert "re-identification check" in cover and "1 person was flagged" in cover
    assert "1 detail(s) were made more general and 1 removed" in cover
    assert result.documents == ["SFO60002-review"]


def test_every_keep_leaves_the_review_as_drafted(drafted, tmp_path):
    texts = _decide(drafted, {})
    finalise(drafted, tmp_path / "pack")
    final = normalise(read_text(tmp_path / "pack" / "SFO60002-VLU-pack" / "SFO60002-review.pdf"))
    assert texts["age"] in final and "[detail removed]" not in final


def test_an_empty_decision_is_refused_naming_the_cell(drafted, tmp_path):
    wb, ws, heads, rows = _sheet(drafted)
    ws.cell(row=rows[0], column=heads["Decision"]).value = None
    sign_off(wb)
    wb.save(drafted)
    with pytest.raises(RedactionLogError) as err:
        finalise(drafted, tmp_path / "pack")
    assert err.value.sheet == "Re-identification" and "Decision" in str(err.value)
    assert not (tmp_path / "pack" / "SFO60002-VLU-pack").exists()


def test_a_changed_detail_cell_is_refused(drafted, tmp_path):
    wb, ws, heads, rows = _sheet(drafted)
    ws.cell(row=rows[0], column=heads["Where (document, page, location)"]).value = "elsewhere"
    sign_off(wb)
    wb.save(drafted)
    with pytest.raises(RedactionLogError, match="may not change"):
        finalise(drafted, tmp_path / "pack")


def test_a_re_draft_keeps_the_managers_decisions(drafted, tmp_path, engine):
    _decide(drafted, {"age": "Generalise"}, sign=False)
    src = drafted.parent.parent / "in"
    redact_case([src / "SFO60002prestageL_Review.docx"], drafted.parent, case=load_case(src / "case.yaml"), engine=engine)
    _, ws, heads, rows = _sheet(drafted)
    decided = {ws.cell(row=r, column=heads["Kind of detail"]).value: ws.cell(row=r, column=heads["Decision"]).value for r in rows}
    assert decided["age"] == "Generalise" and decided["school or college"] == "Keep"


@pytest.fixture()
def drafted_pdf(tmp_path, engine):
    from tests.pipeline.pdf_fixtures import _story_pdf

    src = tmp_path / "in"
    src.mkdir()
    review = src / "SFO60002prestageL_Review.pdf"
    review.write_bytes(_story_pdf("<h1>Serious Further Offence Review</h1>" + "".join(f"<p>{p}</p>" for p in REVIEW)))
    (src / "case.yaml").write_text(CASE, encoding="utf-8")
    out = tmp_path / "draft"
    result = redact_case([review], out, case=load_case(src / "case.yaml"), engine=engine)
    assert not result.failures
    return out / "SFO60002.redaction-log.xlsx"


def test_a_pdf_review_is_generalised_in_its_burned_boxes(drafted_pdf, tmp_path):
    texts = _decide(drafted_pdf, {"age": "Generalise", "school or college": "Withhold"})
    finalise(drafted_pdf, tmp_path / "pack")
    final = normalise(read_text(tmp_path / "pack" / "SFO60002-VLU-pack" / "SFO60002-review.pdf"))
    assert "in her late teens" in final and texts["age"] not in final
    assert texts["school or college"] not in final and "Marrowfield Road" in final


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_log_saved_as_ods_keeps_the_decisions(drafted, tmp_path):
    from tests.pipeline.test_finalise_formats import _to_ods

    texts = _decide(drafted, {"age": "Withhold"})
    ods = _to_ods(drafted, tmp_path / "ods")
    finalise(ods, tmp_path / "pack")
    final = normalise(read_text(tmp_path / "pack" / "SFO60002-VLU-pack" / "SFO60002-review.pdf"))
    assert texts["age"] not in final and "[detail removed]" in final
