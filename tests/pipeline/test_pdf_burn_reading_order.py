"""Burned labels are read inside their sentences by content-order readers (issue 12, item 7).

pypdf, PDFium (pypdfium2) and PyMuPDF's default get_text() follow the content stream; a label
drawn after the page would be read after every other line. Invented names only.
"""

from __future__ import annotations

import re

import pymupdf
import pypdfium2
import pytest
from pdfminer.high_level import extract_text as pdfminer_text
from pypdf import PdfReader

from pipeline.model import Action
from pipeline.read.pdf import read_pdf
from pipeline.render.pdf_burn import burn
from tests.pipeline.pdf_fixtures import name_decisions

PARAGRAPH = (
    "The family was notified on the Tuesday that Mr Corwin Aldby had been charged with the "
    "offence, and the victim liaison officer wrote to them the same week. His partner, Orla "
    "Fenwick, was told by the police that Corwin Aldby would stay in custody until the trial, "
    "which Orla Fenwick said she had expected after the earlier incidents at the flat."
)
NAMES = ("Corwin Aldby", "Orla Fenwick")
LABELS = {"Corwin Aldby": "QX", "Orla Fenwick": "Partner 1"}


def _squash(text: str) -> str:
    # A label is padded with spaces to its box's width, so " ," after it is a reader's gap.
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", text)).strip()


@pytest.fixture(scope="module")
def burned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("order")
    src = folder / "paragraph.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    assert page.insert_textbox(pymupdf.Rect(72, 72, 420, 400), PARAGRAPH, fontsize=11) > 0
    doc.save(src)
    doc.close()
    document = read_pdf(src)
    decisions = name_decisions(document, NAMES)
    decisions = [
        d.__class__(**{**d.__dict__, "label": LABELS[" ".join(d.text.split())]}) if d.action is not Action.DISCLOSE else d
        for d in decisions
    ]
    assert len([d for d in decisions if d.action is not Action.DISCLOSE]) == 4
    out = folder / "burned.pdf"
    burn(document, decisions, out)
    return out


def _expected() -> str:
    text = PARAGRAPH
    for name, label in LABELS.items():
        text = text.replace(name, label)
    return text


def _readers(path):
    pypdf_text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        pdfium_text = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    with pymupdf.open(path) as doc:
        mupdf_text = doc[0].get_text()
        sorted_text = doc[0].get_text(sort=True)
    return {"pypdf": pypdf_text, "pdfium": pdfium_text, "pymupdf": mupdf_text, "pymupdf sorted": sorted_text}


def test_each_reader_reads_every_label_inside_its_sentence(burned):
    # Lines are joined by the reader where the text wrapped; compare word sequences.
    want = _squash(_expected()).split()
    for reader, text in _readers(burned).items():
        got = _squash(text.replace("\r", "")).split()
        assert got == want, f"{reader} read the paragraph out of order"


def test_nothing_removed_is_recoverable(burned):
    texts = list(_readers(burned).values()) + [pdfminer_text(str(burned))]
    data = burned.read_bytes()
    for name in NAMES:
        for part in name.split():
            assert all(part not in t for t in texts)
            assert part.encode() not in data


def test_labels_are_white_text_on_black_boxes(burned):
    with pymupdf.open(burned) as doc:
        page = doc[0]
        spans = [s for b in page.get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"]]
        label_spans = [s for s in spans if s["text"].strip() in LABELS.values()]
        assert len(label_spans) == 4
        assert all(s["color"] == 0xFFFFFF for s in label_spans)
        # Each label lies inside a black box drawn before it.
        boxes = [pymupdf.Rect(d["rect"]) for d in page.get_drawings() if d.get("fill") == (0.0, 0.0, 0.0)]
        for s in label_spans:
            r = pymupdf.Rect(s["bbox"])
            assert any(b.x0 - 1 <= r.x0 and r.x1 <= b.x1 + 1 and b.y0 - 1 <= r.y0 and r.y1 <= b.y1 + 1 for b in boxes)
