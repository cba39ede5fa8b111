"""Images: what happens to pictures in each kind of input.

DOCX: the review is rebuilt from its text, so pictures are removed: the redacted PDF holds no
image at all, and each picture is listed in `Document.removed` (and so in the log) for a
person to check. PDF: the original page is kept, so an image under a redaction box has its
pixels under the box blanked in the file itself (not just covered), while the rest of that
image and every other image are left unchanged. Names are generated (Faker en_GB, seeded).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import docx
import openpyxl
import pymupdf
import pytest
from pypdf import PdfReader

from pipeline.model import HiddenKind
from pipeline.read.docx import read_docx
from pipeline.read.pdf import read_pdf
from pipeline.redact import redact_case
from pipeline.render import render
from tests.pipeline.docx_fixtures import fake
from tests.pipeline.pdf_fixtures import name_decisions

f = fake(44)
SI, PP = f.name(), f.name()


def noise(width: int, height: int, seed: int) -> pymupdf.Pixmap:
    """An RGB image of random pixels: any change to it shows."""
    rng = random.Random(seed)
    return pymupdf.Pixmap(pymupdf.csRGB, width, height, bytes(rng.randrange(256) for _ in range(width * height * 3)), False)


# ---------------------------------------------------------------- DOCX: removed


def docx_with_picture(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    d.add_paragraph(f"{SI} was supervised by {PP}.")
    picture = d.add_paragraph().add_run().add_picture(io.BytesIO(noise(40, 30, 1).tobytes("png")))
    picture._inline.docPr.set("descr", f"Photograph of {SI}")
    d.add_paragraph("The chronology follows.")
    d.save(str(path))
    return path


def test_docx_picture_is_removed_from_the_rebuilt_pdf_and_listed(tmp_path):
    document = read_docx(docx_with_picture(tmp_path / "SFO61111-review.docx"))
    listed = [h.text for h in document.removed if h.kind is HiddenKind.EMBEDDED]
    assert listed == [f"image: Photograph of {SI}"]
    out = tmp_path / "rebuilt.pdf"
    render(document, [], out)
    reader = PdfReader(out)
    assert "The chronology follows." in reader.pages[0].extract_text()
    assert all(not page.images for page in reader.pages)
    doc = pymupdf.open(out)
    try:
        assert all(not page.get_images(full=True) for page in doc)
    finally:
        doc.close()


def test_docx_picture_gets_a_row_in_the_redaction_log(tmp_path, engine):
    source = docx_with_picture(tmp_path / "SFO61111-review.docx")
    result = redact_case([source], tmp_path / "out", case_id="SFO61111", engine=engine)
    assert not result.failures
    assert all(not page.images for page in PdfReader(result.documents[0].pdf).pages)
    wb = openpyxl.load_workbook(tmp_path / "out" / "SFO61111.redaction-log.xlsx", read_only=True)
    rows = list(wb["Redaction log"].iter_rows(values_only=True))
    wb.close()
    header = list(rows[0])
    gist, text = header.index("Gist of what was removed"), header.index("Text removed (INTERNAL - never shared)")
    pictures = [r for r in rows[1:] if r[gist] == HiddenKind.EMBEDDED.value]
    assert [r[text] for r in pictures] == [f"image: Photograph of {SI}"]


# ---------------------------------------------------------------- PDF: pixels blanked


@pytest.fixture(scope="module")
def burned(tmp_path_factory):
    """A page with an image under the SI's name and another image away from any name."""
    folder = tmp_path_factory.mktemp("images")
    source = folder / "SFO61112-review.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), f"Review. {SI} was supervised by the probation service.", fontsize=11)
    page.insert_text((72, 400), "The risk assessment was reviewed and MAPPA level 2 confirmed.", fontsize=11)
    hit = page.search_for(SI)[0]
    under = pymupdf.Rect(hit.x0 - 20, hit.y0 - 10, hit.x1 + 60, hit.y1 + 10)
    page.insert_image(under, pixmap=noise(120, 30, 2), overlay=False)
    elsewhere = pymupdf.Rect(72, 200, 272, 300)
    page.insert_image(elsewhere, pixmap=noise(100, 50, 3), overlay=False)
    doc.save(source, garbage=3, deflate=True)
    doc.close()

    document = read_pdf(source)
    decisions = name_decisions(document, [SI])
    assert decisions
    out = folder / "redacted.pdf"
    render(document, decisions, out)
    return source, out, document, under, elsewhere


def image_at(path: Path, area: pymupdf.Rect) -> tuple[pymupdf.Rect, pymupdf.Pixmap]:
    """The one image of page 1 drawn inside `area` (insert_image keeps proportions): where, and its RGB pixels."""
    doc = pymupdf.open(path)
    try:
        (info,) = [i for i in doc[0].get_image_info(xrefs=True) if (area + (-1, -1, 1, 1)).contains(pymupdf.Rect(i["bbox"]))]
        pix = pymupdf.Pixmap(doc, info["xref"])
        if pix.n != 3 or pix.alpha:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pix, 0)
        return pymupdf.Rect(info["bbox"]), pix
    finally:
        doc.close()


def box_of(document, text: str) -> pymupdf.Rect:
    unit = next(u for u in document.units.values() if text in u.text)
    start = unit.text.index(text)
    return pymupdf.Rect(unit.boxes[start]) | unit.boxes[start + len(text) - 1]


def image_pixels(pix: pymupdf.Pixmap, bbox: pymupdf.Rect, rect: pymupdf.Rect) -> list[tuple[int, ...]]:
    """The image's pixels whose centres fall inside `rect` (page coordinates)."""
    out = []
    for py in range(pix.height):
        y = bbox.y0 + (py + 0.5) / pix.height * bbox.height
        for px in range(pix.width):
            x = bbox.x0 + (px + 0.5) / pix.width * bbox.width
            if rect.contains(pymupdf.Point(x, y)):
                out.append(pix.pixel(px, py)[:3])
    return out


def test_pdf_image_elsewhere_is_unchanged(burned):
    source, out, _, _, elsewhere = burned
    (_, before), (_, after) = image_at(source, elsewhere), image_at(out, elsewhere)
    assert (after.width, after.height) == (before.width, before.height)
    assert after.samples == before.samples


def test_pdf_image_pixels_under_the_box_are_blanked_in_the_file(burned):
    source, out, document, under, _ = burned
    (bbox, before), (after_bbox, after) = image_at(source, under), image_at(out, under)
    assert after_bbox == bbox
    name = box_of(document, SI)
    inner = pymupdf.Rect(name.x0 + 2, name.y0 + 2, name.x1 - 2, name.y1 - 2)  # clear of the box's edge
    was, now = image_pixels(before, bbox, inner), image_pixels(after, bbox, inner)
    assert was and len(set(was)) > 1
    assert len(set(now)) == 1, "pixels under the box still differ: the picture was only covered"
    assert now != was
    # Pixels of the same image well away from the box are untouched.
    aside = pymupdf.Rect(name.x1 + 25, bbox.y0 + 2, bbox.x1 - 2, bbox.y1 - 2)
    assert image_pixels(before, bbox, aside)
    assert image_pixels(after, bbox, aside) == image_pixels(before, bbox, aside)


def test_pdf_box_area_renders_black(burned):
    _, out, document, _, _ = burned
    name = box_of(document, SI)
    doc = pymupdf.open(out)
    try:
        pix = doc[0].get_pixmap(dpi=72, clip=pymupdf.Rect(name.x0 + 3, name.y0 + 4, name.x1 - 3, name.y1 - 3))
        dark = sum(1 for i in range(0, len(pix.samples), pix.n) if max(pix.samples[i:i + 3]) < 60)
        # The label is drawn in white inside the box; most of the box is black.
        assert dark / (pix.width * pix.height) > 0.5
    finally:
        doc.close()
