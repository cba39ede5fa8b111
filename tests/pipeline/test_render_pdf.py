"""burn: redacted text is gone (checked with pypdf and pdfminer.six), nothing else is damaged."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

import pymupdf
import pytest
from pdfminer.high_level import extract_text as pdfminer_text
from pypdf import PdfReader

from pipeline.errors import RenderError
from pipeline.model import Action
from pipeline.read.pdf import read_pdf
from pipeline.render.pdf_burn import burn
from pipeline.verify import Needle, verify
from tests.pipeline.pdf_fixtures import make_review, name_decisions

REGION_LABEL = "[not for disclosure: removed]"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def burned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("burn")
    review = make_review(folder / "review.pdf", seed=21, table_rows=40, dense_paragraphs=30, image_under_name=True)
    before = _sha(review.path)
    document = read_pdf(review.path)
    decisions = name_decisions(document, review.names)
    out = folder / "redacted.pdf"
    pages = burn(document, decisions, out)
    return review, document, decisions, out, pages, before


@pytest.fixture(scope="module")
def texts(burned):
    out = burned[3]
    pypdf_text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    return _squash(pypdf_text), _squash(pdfminer_text(str(out)))


def test_page_count_and_source_untouched(burned):
    review, document, _, out, pages, before = burned
    assert pages == document.page_count
    assert _sha(review.path) == before
    assert out.exists()
    assert not out.with_name(f".{out.name}.partial").exists()


def test_no_redacted_string_survives(burned, texts):
    review, _, decisions, _, _, _ = burned
    assert decisions
    for extracted in texts:
        for name in set(review.names):
            assert name not in extracted
            for word in name.split():
                if len(word) > 3:  # surnames and forenames; titles like "Dr" occur elsewhere
                    assert word not in extracted, "a word of a redacted name survived"


def test_labels_are_written_in_the_boxes(burned, texts):
    _, _, decisions, _, _, _ = burned
    labels = {d.label for d in decisions}
    for extracted in texts:
        found = set(re.findall(r"\bP\d+\b", extracted))
        assert found >= labels
        assert REGION_LABEL in extracted


def test_not_for_disclosure_column_is_gone(burned, texts):
    review = burned[0]
    for extracted in texts:
        for marker in review.nfd_texts:
            assert marker not in extracted


def test_hidden_places_are_stripped(burned):
    review, _, _, out, _, _ = burned
    reader = PdfReader(out)
    assert not any((reader.metadata or {}).values())
    root = reader.trailer["/Root"]
    for key in ("/Outlines", "/AcroForm", "/Names", "/OpenAction", "/Metadata"):
        assert key not in root
    # MuPDF writes its own /Producer on save; nothing from the source may be there.
    info = root.get("/Info") or {}
    assert all(str(v).startswith("MuPDF") for v in info.values())
    for page in reader.pages:
        assert not page.get("/Annots")
    data = out.read_bytes()
    assert review.metadata_author.encode() not in data
    assert review.field_value.encode() not in data


def test_output_passes_verification(burned):
    review, document, _, out, _, _ = burned
    needles = [Needle(name, "name") for name in review.names]
    needles += [Needle(h.text, h.kind.value) for h in document.removed]
    report = verify(out, needles)
    assert report.ok, report.problems


def test_written_as_one_revision(burned):
    data = burned[3].read_bytes()
    assert data.count(b"%%EOF") == 1
    assert b"/Prev" not in data  # no incremental update chained to an earlier xref


def _word_key(word) -> tuple[str, float, float]:
    return word[4], word[0], word[1]


def test_no_collateral_damage(burned):
    """Every word not under a box is still there, in the same place (within 1 pt).

    On this dense page character boxes are 1.47 times the line pitch, so the boxes of
    neighbouring lines overlap: the case where naive redaction deletes innocent words.
    """
    review, document, decisions, out, _, _ = burned
    from pipeline.render.pdf_burn import line_boxes

    boxes: dict[int, list[pymupdf.Rect]] = {}
    for d in decisions:
        unit = document.units[d.unit_id]
        boxes.setdefault(unit.provenance.page, []).extend(line_boxes(unit.boxes[d.start : d.end]))
    for region in document.removed_regions:
        boxes.setdefault(region.page, []).append(pymupdf.Rect(region.box))
    src, dst = pymupdf.open(review.path), pymupdf.open(out)
    damaged = checked = 0
    try:
        for page in src:
            # Annotations and form fields are removed on purpose.
            removed_on_purpose = [a.rect for a in page.annots()] + [w.rect for w in page.widgets()]
            after: dict[str, list] = {}
            for w in dst[page.number].get_text("words"):
                after.setdefault(w[4], []).append(w)
            for w in page.get_text("words"):
                r = pymupdf.Rect(w[:4])
                cy = (r.y0 + r.y1) / 2
                # Under a box: on the redacted line (centre inside its band) and overlapping it.
                # A word of the line above or below whose tall glyph box merely touches a box
                # is NOT under it, and must survive.
                if any(b.y0 <= cy <= b.y1 and r.x0 < b.x1 and r.x1 > b.x0 for b in boxes.get(page.number + 1, [])):
                    continue
                if any(r.intersects(a) for a in removed_on_purpose):
                    continue
                checked += 1
                if not any(abs(o[0] - w[0]) <= 1 and abs(o[1] - w[1]) <= 1 for o in after.get(w[4], [])):
                    damaged += 1
    finally:
        src.close()
        dst.close()
    assert checked > 2000
    assert damaged == 0, f"{damaged} of {checked} untouched words damaged"


def test_dense_page_is_really_dense(burned):
    """The collateral-damage check means something only if lines are tightly set."""
    document = burned[1]
    dense = [u for u in document.units.values() if len(u.text) > 400 and u.provenance.table is None]
    assert dense
    lines = sorted({round(b[1], 1) for b in dense[0].boxes if b is not None})
    pitch = min(b - a for a, b in zip(lines, lines[1:], strict=False))
    height = max(b[3] - b[1] for b in dense[0].boxes if b is not None)
    assert height > pitch  # character boxes overlap the neighbouring lines


def test_image_under_a_box_is_blanked(burned):
    review, document, _, out, _, _ = burned
    doc = pymupdf.open(out)
    try:
        page = doc[0]
        (info,) = page.get_image_info(xrefs=True)
        pix = pymupdf.Pixmap(doc, info["xref"])
        bbox = pymupdf.Rect(info["bbox"])
        unit = next(u for u in document.units.values() if review.si in u.text)
        start = unit.text.index(review.si)
        name = pymupdf.Rect(unit.boxes[start]) | unit.boxes[start + len(review.si) - 1]

        def pixel(x: float, y: float) -> tuple[int, ...]:
            px = int((x - bbox.x0) / bbox.width * pix.width)
            py = int((y - bbox.y0) / bbox.height * pix.height)
            return pix.pixel(min(px, pix.width - 1), min(py, pix.height - 1))

        centre = ((name.x0 + name.x1) / 2, (name.y0 + name.y1) / 2)
        assert pixel(*centre)[:3] != (255, 0, 0)  # under the box: blanked
        assert pixel(bbox.x1 - 2, centre[1])[:3] == (255, 0, 0)  # beside it: untouched
    finally:
        doc.close()


# ---------------------------------------------------------------- spans and failures


def test_span_over_a_line_break_is_burned_on_both_lines(tmp_path):
    path = tmp_path / "two-lines.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Seen by Mary Smith-\nJones at the office.", fontsize=10)
    doc.save(path)
    document = read_pdf(path)
    (unit,) = document.units.values()
    start = unit.text.index("Mary")
    end = unit.text.index(" at")
    decision = dataclasses.replace(
        name_decisions(document, ["Seen"])[0], start=start, end=end, text=unit.text[start:end], label="TP1"
    )
    out = tmp_path / "out.pdf"
    burn(document, [decision], out)
    text = _squash(pdfminer_text(str(out)))
    assert "Mary" not in text and "Smith" not in text and "Jones" not in text
    assert "Seen by" in text and "at the office." in text
    assert "TP1" in text


def test_disclosed_spans_stay(tmp_path, burned):
    review, document, decisions, _, _, _ = burned
    keep = [dataclasses.replace(d, action=Action.DISCLOSE) for d in decisions if d.text == review.si]
    out = tmp_path / "kept.pdf"
    burn(document, keep, out)
    assert review.si in _squash("\n".join(p.extract_text() for p in PdfReader(out).pages))


def test_span_without_any_box_fails_closed(tmp_path, burned):
    _, document, decisions, _, _, _ = burned
    unit = next(u for u in document.units.values() if None in u.boxes)
    join = unit.boxes.index(None)
    bad = dataclasses.replace(decisions[0], unit_id=unit.id, start=join, end=join + 1, text=" ")
    with pytest.raises(RenderError, match="no character boxes"):
        burn(document, [bad], tmp_path / "never.pdf")
    assert not (tmp_path / "never.pdf").exists()


def test_stale_decision_fails_closed(tmp_path, burned):
    review, document, decisions, _, _, _ = burned
    stale = dataclasses.replace(decisions[0], text="something else")
    with pytest.raises(RenderError) as info:
        burn(document, [stale], tmp_path / "never.pdf")
    assert "something else" not in str(info.value)


def test_refuses_to_overwrite_the_original(burned):
    review, document, decisions, _, _, before = burned
    with pytest.raises(RenderError):
        burn(document, decisions, review.path)
    assert _sha(review.path) == before
