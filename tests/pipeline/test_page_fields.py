"""Word's page-number fields (PAGE, NUMPAGES; complex and simple forms) are live on every page
of the draft and the final pack, not the number Word cached (issue 13 item 6).
"""

from __future__ import annotations

import datetime as dt
import re

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from faker import Faker
from openpyxl import load_workbook
from pypdf import PdfReader

from pipeline.case import load_case
from pipeline.finalise import finalise
from pipeline.model import PAGE_COUNT, PAGE_NUMBER
from pipeline.read import read
from pipeline.redact import redact_case


def _complex_field(paragraph, code: str, cached: str) -> None:
    def run_with(tag: str, **attrs):
        r = paragraph.add_run()._r
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if tag == "w:instrText":
            el.text = code
        r.append(el)

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText")
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run(cached)  # what Word cached: "1" on every page
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _simple_field(paragraph, code: str, cached: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), code)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = cached
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _review(path, si: str, pp: str) -> None:
    fake = Faker("en_GB")
    fake.seed_instance(4711)
    d = docx.Document()
    section = d.sections[0]
    header = section.header.paragraphs[0]
    header.add_run("Serious Further Offence Review, sheet ")
    _simple_field(header, " PAGE ", "1")
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _complex_field(footer, " PAGE \\* MERGEFORMAT ", "1")
    footer.add_run(" of ")
    _complex_field(footer, " NUMPAGES ", "1")
    d.add_heading("Serious Further Offence Review", 0)
    d.add_paragraph(f"This review concerns {si}, supervised by probation practitioner {pp}.")
    for _ in range(60):
        d.add_paragraph(fake.paragraph(nb_sentences=6))
    d.save(path)


def _page_texts(pdf) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf)).pages]


def _check(pdf) -> None:
    pages = _page_texts(pdf)
    total = len(pages)
    assert total >= 3
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {total}" in text, (n, text[-120:])
        assert f"sheet {n}" in text, n
        assert PAGE_NUMBER not in text and PAGE_COUNT not in text


def test_the_reader_marks_page_fields_in_running_text_only(tmp_path):
    path = tmp_path / "review.docx"
    _review(path, "Corwin Blathersby", "Priya Okafor")
    doc = read(path)
    footer = "".join(doc.units[u].text for u in doc.footer_units)
    header = "".join(doc.units[u].text for u in doc.header_units)
    assert footer == f"Page {PAGE_NUMBER} of {PAGE_COUNT}"
    assert header.endswith(f"sheet {PAGE_NUMBER}")
    body = " ".join(u.text for uid, u in doc.units.items() if uid not in doc.footer_units + doc.header_units)
    assert PAGE_NUMBER not in body and PAGE_COUNT not in body


def test_every_page_of_the_draft_and_the_final_pack_has_its_own_number(tmp_path, engine):
    src = tmp_path / "in"
    src.mkdir()
    (src / "case.yaml").write_text(
        "case_id: SFO60009\nregion: North East\nsupervised_individual:\n  name: Corwin Blathersby\n"
        "staff:\n  - name: Priya Okafor\n    role: PP\n",
        encoding="utf-8",
    )
    review = src / "SFO60009_Review.docx"
    _review(review, "Corwin Blathersby", "Priya Okafor")
    result = redact_case([review], tmp_path / "draft", case=load_case(src / "case.yaml"), engine=engine)
    assert not result.failures
    _check(result.documents[0].pdf)
    copy = " ".join(_page_texts(next((tmp_path / "draft").glob("*.review.pdf"))))
    assert "Page [page] of [pages]" in copy and not re.search(r"Footer: Page 1 of 1\b", copy)
    log = next((tmp_path / "draft").glob("*.xlsx"))
    wb = load_workbook(log)
    s = wb["Sign-off"]
    s["B4"], s["B5"], s["B6"], s["B7"] = "Jo Bloggs", "Head of PDU", dt.date.today(), "Yes"
    wb.save(log)
    finalise(log, tmp_path / "pack")
    final = next((tmp_path / "pack" / "SFO60009-VLU-pack").glob("SFO60009-review*.pdf"))
    _check(final)
