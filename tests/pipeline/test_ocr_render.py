"""Scanned pages out: redactions burned into the pixels, a text layer with the labels, checked by OCR.

A mixed PDF (text pages and two generated scanned pages naming invented people, Faker en_GB
seeded) goes through `redact_case` with a case file naming everyone. The output's scanned
pages are checked three ways: the pixels inside every box of the page's image are black
(replaced, not covered), OCR of the output finds no name, and the text layer (pypdf) reads
the page's words with the labels in their places.
"""

from __future__ import annotations

import re
from collections import defaultdict

import openpyxl
import pymupdf
import pytest
from pypdf import PdfReader

from pipeline.case import load_case
from pipeline.errors import LeakDetectedError
from pipeline.evaluation.corpus import scans
from pipeline.model import Action
from pipeline.read import ocr, read
from pipeline.redact import redact_case
from pipeline.render import render
from pipeline.render.pdf_burn import line_boxes
from pipeline.render.replace import replaced_text
from pipeline.verify import extract_ocr, verify
from pipeline.verify.needles import case_file_needles
from tests.pipeline.scan_fixtures import case_yaml, mixed_pdf

pytestmark = pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed (.ci/apt-packages.txt)")


@pytest.fixture(scope="module")
def redacted(tmp_path_factory, engine):
    folder = tmp_path_factory.mktemp("scans")
    source = folder / "SFO60030-review.pdf"
    scan_names, text_names = mixed_pdf(source)
    case = load_case(case_yaml(folder / "case.yaml", "SFO60030", scan_names + text_names))
    result = redact_case([source], folder / "out", case=case, engine=engine)
    assert not result.failures, result.failures
    (doc,) = result.documents
    return source, doc, case, scan_names, text_names


def _scanned(doc) -> list[int]:
    return [s.page for s in doc.document.scanned_pages]


def test_every_scanned_name_is_gone_from_the_pixels(redacted):
    _source, doc, _case, scan_names, _ = redacted
    assert _scanned(doc) == [2, 4]
    texts, _checks = extract_ocr(doc.pdf)
    assert sorted(texts) == [2, 4]
    seen = "\n".join(texts.values())
    assert scans.names_found(seen, scan_names) == 0
    for name in scan_names:
        for part in re.split(r"[\s-]", name):
            if len(part) >= 4:
                assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", seen), "a part of a scanned name was read"
    # The rest of the page is still there to read.
    assert "safeguarding" in seen or "supervised" in seen or "appointment" in seen


def _page_image(path, page_number: int) -> tuple[pymupdf.Rect, pymupdf.Pixmap, int]:
    with pymupdf.open(path) as doc:
        page = doc[page_number - 1]
        (info,) = page.get_image_info(xrefs=True)
        pix = pymupdf.Pixmap(doc, info["xref"])
        if pix.n != 1:
            pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
        return pymupdf.Rect(info["bbox"]), pix, info["xref"]


def _mean(pix: pymupdf.Pixmap, area: pymupdf.IRect) -> float:
    samples = pix.samples
    total = count = 0
    for y in range(area.y0, area.y1):
        row = samples[y * pix.stride + area.x0 : y * pix.stride + area.x1]
        total += sum(row)
        count += len(row)
    return total / max(count, 1)


def test_boxes_are_painted_into_the_page_image_and_the_original_image_is_gone(redacted):
    source, doc, *_ = redacted
    boxes = defaultdict(list)
    for d in doc.decisions:
        unit = doc.document.units[d.unit_id]
        if d.action is not Action.DISCLOSE and unit.provenance.page in _scanned(doc):
            boxes[unit.provenance.page].extend(line_boxes(unit.boxes[d.start : d.end]))
    assert set(boxes) == {2, 4}
    for page_number, rects in boxes.items():
        where, pix, _xref = _page_image(doc.pdf, page_number)
        src_where, src_pix, _ = _page_image(source, page_number)
        sx, sy = pix.w / where.width, pix.h / where.height
        tx, ty = src_pix.w / src_where.width, src_pix.h / src_where.height
        for r in rects:
            # Inside the box, a pixel in from its edge (JPEG blurs the edge by a pixel or two).
            inner = pymupdf.IRect(int(r.x0 * sx) + 2, int(r.y0 * sy) + 2, int(r.x1 * sx) - 2, int(r.y1 * sy) - 2)
            if inner.is_empty:
                continue
            assert _mean(pix, inner) < 20, f"page {page_number}: pixels under a box are not black"
            # The same place in the original has ink on paper: the image was changed, not covered.
            orig = pymupdf.IRect(int(r.x0 * tx), int(r.y0 * ty), int(r.x1 * tx), int(r.y1 * ty))
            assert _mean(src_pix, orig) > 120
    with pymupdf.open(doc.pdf) as out:
        for page_number in boxes:
            page = out[page_number - 1]
            # One image, nothing drawn over it but text: no overlay rectangles hide anything.
            assert len(page.get_images(full=True)) == 1
            assert not page.get_drawings()
        # No image of the input survives anywhere in the file.
        with pymupdf.open(source) as src:
            originals = {src.xref_stream_raw(x[0]) for p in src for x in p.get_images(full=True)}
        kept = {out.xref_stream_raw(x[0]) for p in out for x in p.get_images(full=True)}
        assert not originals & kept


def test_text_layer_holds_the_words_and_labels_in_reading_order(redacted):
    _source, doc, _case, scan_names, _ = redacted
    reader = PdfReader(doc.pdf)
    by_unit = defaultdict(list)
    for d in doc.decisions:
        by_unit[d.unit_id].append(d)
    for page_number in _scanned(doc):
        expected = " ".join(
            replaced_text(u.text, by_unit.get(u.id, ()))
            for u in doc.document.units.values()
            if u.provenance.page == page_number
        )
        got = reader.pages[page_number - 1].extract_text()
        assert scans.flat(got).split() == scans.flat(expected).split()
        labels = [d.label for d in doc.decisions if doc.document.units[d.unit_id].provenance.page == page_number]
        assert labels and all(label in got for label in labels)
        assert scans.names_found(got, scan_names) == 0
    with pymupdf.open(doc.pdf) as out:
        content = b"".join(out.xref_stream(x) for x in out[1].get_contents())
    assert b"3 Tr" in content  # the words are invisible text (render mode 3) over the picture


def test_verification_ocr_reads_the_output_and_finds_nothing(redacted):
    _source, doc, case, *_ = redacted
    report = verify(doc.pdf, case_file_needles(case))
    assert "ocr" in report.extractors


def test_verification_ocr_finds_a_name_left_in_the_pixels(tmp_path):
    source = tmp_path / "SFO60031-review.pdf"
    scan_names, text_names = mixed_pdf(source, seeds=(16104,))
    document = read(source)
    out = tmp_path / "unredacted.pdf"
    render(document, [], out)  # nothing withheld: every name is still in the picture
    case = load_case(case_yaml(tmp_path / "case.yaml", "SFO60031", scan_names))
    with pytest.raises(LeakDetectedError) as info:
        verify(out, case_file_needles(case))
    assert "found by OCR in the pixels of page(s) 2" in str(info.value)
    assert not any(part in str(info.value) for name in scan_names for part in name.split())


def test_low_confidence_pages_are_listed_in_the_log_for_a_person(tmp_path, engine, monkeypatch):
    source = tmp_path / "SFO60032-review.pdf"
    scan_names, text_names = mixed_pdf(source, seeds=(16105,))
    case = load_case(case_yaml(tmp_path / "case.yaml", "SFO60032", scan_names + text_names))
    # Every page counts as read with low confidence (the threshold above any confidence).
    monkeypatch.setattr(ocr, "LOW_PAGE_CONFIDENCE", 101.0)
    result = redact_case([source], tmp_path / "out", case=case, engine=engine)
    assert not result.failures
    assert result.documents[0].checks == ["page 2: low OCR confidence; check by eye"]
    wb = openpyxl.load_workbook(tmp_path / "out" / "SFO60032.redaction-log.xlsx")
    cells = [c for row in wb["Sign-off"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    wb.close()
    assert "SFO60032-review.redacted.pdf, page 2: low OCR confidence; check by eye" in cells


@pytest.mark.slow
def test_final_pack_of_a_scan_is_read_again_and_verified(tmp_path, engine):
    import datetime as dt

    from pipeline.finalise import finalise

    source = tmp_path / "SFO60033-review.pdf"
    scan_names, text_names = mixed_pdf(source, seeds=(16106,))
    case = load_case(case_yaml(tmp_path / "case.yaml", "SFO60033", scan_names + text_names))
    assert not redact_case([source], tmp_path / "draft", case=case, engine=engine).failures
    log = tmp_path / "draft" / "SFO60033.redaction-log.xlsx"
    wb = openpyxl.load_workbook(log)
    sheet = wb["Sign-off"]
    sheet["B4"], sheet["B5"], sheet["B6"], sheet["B7"] = "Jo Bloggs", "Head of PDU", dt.date.today(), "Yes"
    wb.save(log)
    finalise(log, tmp_path / "pack")
    (final,) = [p for p in (tmp_path / "pack").rglob("*-review.pdf")]
    texts, _checks = extract_ocr(final)
    assert sorted(texts) == [2]
    assert scans.names_found("\n".join(texts.values()), scan_names) == 0
    assert "ocr" in verify(final, case_file_needles(case)).extractors
