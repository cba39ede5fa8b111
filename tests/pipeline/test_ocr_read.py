"""Reading scanned pages: OCR turns them into the same text units, with boxes, as a text page.

A page with no text layer, or with an image over most of its text area, is read by OCR
(pipeline/read/ocr.py); an unreadable scan is refused in one line. Scans are generated
(pipeline/evaluation/corpus/scans.py, Faker en_GB seeded names).
"""

from __future__ import annotations

import hashlib

import pymupdf
import pytest

from pipeline.errors import UnsupportedDocumentError
from pipeline.evaluation.corpus import scans
from pipeline.read import ocr, read
from pipeline.read.pdf import read_pdf, scan_coverage
from pipeline.redact import redact_case
from tests.pipeline.docx_fixtures import fake
from tests.pipeline.scan_fixtures import mixed_pdf

pytestmark = pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed (.ci/apt-packages.txt)")


def test_mixed_pdf_reads_text_pages_from_text_and_scans_by_ocr(tmp_path):
    path = tmp_path / "SFO60010-review.pdf"
    scan_names, text_names = mixed_pdf(path)
    document = read(path)
    assert [s.page for s in document.scanned_pages] == [2, 4]
    assert all(s.engine == "tesseract" and s.dpi == ocr.DPI for s in document.scanned_pages)
    by_page: dict[int, str] = {}
    for unit in document.units.values():
        by_page[unit.provenance.page] = by_page.get(unit.provenance.page, "") + " " + unit.text
        # Every character OCR read has a box on its page (the scan renderer paints by them).
        assert unit.boxes is not None and len(unit.boxes) == len(unit.text)
        width, height = document.page_sizes[unit.provenance.page - 1]
        for box in unit.boxes:
            if box is not None:
                assert 0 <= box[0] <= box[2] <= width + 1 and 0 <= box[1] <= box[3] <= height + 1
    assert text_names[0] in by_page[1] and text_names[1] in by_page[3]
    scanned = by_page[2] + by_page[4]
    found = scans.names_found(scanned, scan_names)
    assert found == len(scan_names), f"{len(scan_names) - found} of the scanned names not read"
    # Units are paragraphs: the scan's title line is a unit of its own.
    assert sum(1 for u in document.units.values() if u.provenance.page == 2) >= 2


def test_a_name_boxes_cover_its_ink(tmp_path):
    """The boxes a name's characters get lie where the name is printed: OCR of that area reads it."""
    path = tmp_path / "SFO60011-review.pdf"
    scan_names, _ = mixed_pdf(path, seeds=(16103,))
    document = read(path)
    unit = next(u for u in document.units.values() if u.provenance.page == 2 and any(n in u.text for n in scan_names))
    name = next(n for n in scan_names if n in unit.text)
    start = unit.text.index(name)
    boxes = [b for b in unit.boxes[start : start + len(name)] if b is not None]
    area = pymupdf.Rect(min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    with pymupdf.open(path) as doc:
        pix = doc[1].get_pixmap(dpi=300, clip=area + (-4, -4, 4, 4), colorspace=pymupdf.csGRAY)
        words = ocr.ocr_pixmap(pix, 300).text()
    assert name.split()[-1] in words


def test_image_over_the_text_area_is_read_from_its_pixels_not_its_text_layer(tmp_path):
    """A page whose text layer says one thing and whose picture shows another is read from the picture."""
    f = fake(16120)
    hidden, shown = f"{f.first_name()} {f.last_name()}", f"{f.first_name()} {f.last_name()}"
    doc = pymupdf.open()
    page = doc.new_page()
    printed = pymupdf.open()
    p = printed.new_page()
    p.insert_textbox(pymupdf.Rect(72, 100, 520, 400), f"The review panel met {shown} at the probation office.", fontsize=14)
    pix = p.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    page.insert_image(page.rect, pixmap=pix)
    # An "OCR layer" of a scan that disagrees with it (render mode 3: invisible).
    page.insert_text((72, 120), f"The review panel met {hidden} at the probation office.", fontsize=14, render_mode=3)
    path = tmp_path / "SFO60012-review.pdf"
    doc.save(path)
    assert scan_coverage(doc[0]) > 0.9
    doc.close()
    document = read_pdf(path)
    text = " ".join(u.text for u in document.units.values())
    assert document.scanned_pages and shown in text
    assert hidden not in text


def test_small_pictures_do_not_make_a_page_a_scan(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "The chronology is set out below.", fontsize=11)
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 40, 40), False)
    pix.clear_with(128)
    page.insert_image(pymupdf.Rect(72, 200, 272, 300), pixmap=pix)
    path = tmp_path / "SFO60013-review.pdf"
    doc.save(path)
    doc.close()
    document = read_pdf(path)
    assert not document.scanned_pages
    assert "The chronology is set out below." in [u.text for u in document.units.values()]


def test_unreadable_scan_is_refused_in_one_line_and_writes_nothing(tmp_path, engine):
    path = tmp_path / "SFO60014-review.pdf"
    path.write_bytes(scans.unreadable_scan(16130))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(UnsupportedDocumentError) as info:
        read_pdf(path)
    message = str(info.value)
    assert "page 1 has no text layer" in message and "OCR could read no text" in message
    assert "\n" not in message and path.name in message
    out = tmp_path / "out"
    result = redact_case([path], out, engine=engine)
    assert [reason for _, reason in result.failures] == [info.value.reason]
    assert not list(out.glob("*.pdf")) and not list(out.glob("*.xlsx"))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
