"""The "font without a Unicode mapping" refusal is judged by what text extraction yields (issue 14, item 4).

A table of contents with dot leaders is read, not refused; a Type3 font whose glyph names no
reader can map, or one whose names map to the right letters, is judged by what it yields.
"""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pymupdf
import pytest
from pikepdf import Array, Dictionary, Name

from pipeline.errors import UnsupportedDocumentError
from pipeline.read.pdf import read_pdf


def _toc_pdf(path: Path, leader: str) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    y = 72
    page.insert_text((72, y), "Table of Contents", fontsize=14)
    for n, heading in enumerate(["Summary", "Background", "Sentence management", "Risk of harm",
                                 "Findings", "Learning", "Action plan"], start=1):
        y += 20
        dots = leader * ((60 - len(heading)) // len(leader))
        page.insert_text((72, y), f"{n} {heading} {dots} {n + 2}", fontsize=10)
    doc.save(path)


@pytest.mark.parametrize("leader", [".", ". ", "_", "\u2026"])
def test_dot_leader_table_of_contents_is_read(tmp_path, leader):
    path = tmp_path / "toc.pdf"
    _toc_pdf(path, leader)
    document = read_pdf(path)
    text = " ".join(u.text for u in document.units.values())
    assert "Sentence management" in text and "Action plan" in text


def _type3_pdf(path: Path, text: str, glyph_name) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    chars = sorted(set(text))
    codes = {c: 33 + i for i, c in enumerate(chars)}
    procs = Dictionary()
    for c in chars:
        procs["/" + glyph_name(c, codes[c])] = pdf.make_stream(b"500 0 0 0 400 600 d1 0 0 400 600 re f")
    font = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=Array([0, 0, 500, 700]),
        FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]), CharProcs=procs,
        Encoding=Dictionary(Type=Name.Encoding,
                            Differences=Array([33, *(Name("/" + glyph_name(c, codes[c])) for c in chars)])),
        FirstChar=33, LastChar=32 + len(chars), Widths=Array([500] * len(chars)), Resources=Dictionary()))
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    data = bytes(codes[c] for c in text).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (" + data + b") Tj ET")
    pdf.save(path)


TEXT = "Contact with the practitioner was recorded on Monday"


def test_unmapped_font_that_yields_glyph_codes_is_refused(tmp_path):
    path = tmp_path / "odd.pdf"
    _type3_pdf(path, TEXT, lambda c, code: f"g{code}")
    with pytest.raises(UnsupportedDocumentError, match="without a Unicode mapping"):
        read_pdf(path)


def test_unmapped_font_whose_glyph_names_yield_words_is_read(tmp_path):
    # No /ToUnicode, but standard glyph names ("a", "space"): extraction yields the words.
    names = {" ": "space"}
    path = tmp_path / "named.pdf"
    _type3_pdf(path, TEXT, lambda c, code: names.get(c, c))
    extracted = pymupdf.open(path)[0].get_text()
    assert "practitioner" in extracted  # the premise: MuPDF maps the names
    document = read_pdf(path)
    assert "practitioner" in " ".join(u.text for u in document.units.values())
