"""A PDF whose cross-reference table lists a missing object is repaired, never "internal error" (issue 14, item 4).

PyMuPDF's scrub() raised "cannot find object in xref" on such files (pdfplumber's
federal-register-2020-17221.pdf and annotations.pdf). The fixture is generated: a valid PDF
whose extra object's body is blanked out, so the table still lists it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pymupdf
import pytest

from pipeline.cli import main
from pipeline.errors import UnsupportedDocumentError
from pipeline.read import pdf as pdf_reader
from pipeline.read.pdf import open_pdf, read_pdf

NAME = "Perpetua Hollingworth"


def broken_xref_pdf(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), f"The practitioner met {NAME} on Monday.")
    page.insert_text((72, 100), "The review found the plan was followed.")
    base = path.with_name("base.pdf")
    doc.save(base)
    with pikepdf.open(base) as pdf:
        extra = pdf.make_indirect(pikepdf.Dictionary(Note=pikepdf.String("kept")))
        pdf.pages[0].obj.Extra = extra
        num = extra.objgen[0]
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    data = bytearray(path.read_bytes())
    start = re.search(rb"\n%d 0 obj" % num, data).start() + 1
    end = data.index(b"endobj", start) + len(b"endobj")
    data[start:end] = b" " * (end - start)  # same length: the table's offsets stay right
    path.write_bytes(bytes(data))


def test_fixture_has_the_fault(tmp_path):
    path = tmp_path / "broken.pdf"
    broken_xref_pdf(path)
    doc = pymupdf.open(path)
    assert not doc.is_repaired
    with pytest.raises(RuntimeError, match="cannot find object in xref"):
        doc.scrub()


def test_open_pdf_repairs_and_keeps_the_text(tmp_path):
    path = tmp_path / "broken.pdf"
    broken_xref_pdf(path)
    before = path.read_bytes()
    doc = open_pdf(path)
    doc.scrub()  # no longer raises
    assert NAME in doc[0].get_text()
    assert path.read_bytes() == before  # the input is never modified
    assert NAME in " ".join(u.text for u in read_pdf(path).units.values())


def test_redact_writes_a_clean_output(tmp_path, capsys):
    path = tmp_path / "broken.pdf"
    broken_xref_pdf(path)
    case = tmp_path / "case.yaml"
    case.write_text(f"case_id: SFO91998\nsupervised_individual:\n  name: {NAME}\n", encoding="utf-8")
    code = main(["redact", str(path), "--case", str(case), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "internal error" not in err
    (out,) = (tmp_path / "out").glob("*.redacted.pdf")
    with pymupdf.open(out) as doc:
        text = doc[0].get_text()
    assert "Hollingworth" not in text and "The review found the plan was followed." in text


def test_unrepairable_file_is_refused_in_one_line(tmp_path, monkeypatch):
    path = tmp_path / "broken.pdf"
    broken_xref_pdf(path)

    def fail(*args, **kwargs):
        raise pikepdf.PdfError("simulated")

    monkeypatch.setattr(pikepdf, "open", fail)
    with pytest.raises(UnsupportedDocumentError, match="cross-reference table") as info:
        pdf_reader.read_pdf(path)
    assert "\n" not in str(info.value)
