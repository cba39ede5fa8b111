"""rebuild: the redacted PDF, checked with extractors other than PyMuPDF (pypdf, pdfminer.six)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

import docx
import pymupdf
import pytest
from pdfminer.high_level import extract_text as pdfminer_text
from pypdf import PdfReader

from pipeline.errors import RenderError
from pipeline.model import Action, Category, Decision, Document
from pipeline.read.docx import read_docx
from pipeline.render.pdf_rebuild import rebuild
from tests.pipeline.docx_fixtures import Review, build_review


def decision(document: Document, unit_id: str, text: str, label: str, category: Category) -> Decision:
    start = document.units[unit_id].text.index(text)
    return Decision(
        unit_id=unit_id,
        start=start,
        end=start + len(text),
        text=text,
        category=category,
        action=Action.ANONYMISE if category is Category.NAME else Action.WITHHOLD,
        label=label,
        gist=f"{category.value} removed",
        recognizer="test",
        score=1.0,
        reason="built by hand",
    )


def decisions_for(document: Document, text: str, label: str, category: Category) -> list[Decision]:
    """One decision per occurrence of `text` in every unit."""
    out: list[Decision] = []
    for unit in document.units.values():
        for m in re.finditer(re.escape(text), unit.text):
            out.append(
                replace(decision(document, unit.id, text, label, category), start=m.start(), end=m.end())
            )
    return out


def squash(text: str) -> str:
    """Whitespace folded, so a name broken over two lines still matches."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("render")
    review = build_review(folder / "SFO12345_review.docx", seed=21)
    before = hashlib.sha256(review.path.read_bytes()).hexdigest()
    document = read_docx(review.path)
    header = document.header_units[0]
    header_ref = document.units[header].text.split()[-1]
    decisions = [
        *decisions_for(document, review.pp, "PP1", Category.NAME),
        *decisions_for(document, review.si, "JK", Category.NAME),
        *decisions_for(document, review.crn, "[CRN]", Category.IDENTIFIER),
        *decisions_for(document, review.victim, "A", Category.NAME),
        decision(document, header, header_ref, "[SFO ref]", Category.IDENTIFIER),
    ]
    out = folder / "SFO12345_redacted.pdf"
    pages = rebuild(document, decisions, out)
    reader = PdfReader(out)
    return {
        "review": review,
        "document": document,
        "out": out,
        "pages": pages,
        "before": before,
        "header_ref": header_ref,
        "reader": reader,
        "pypdf": squash(" ".join(p.extract_text() for p in reader.pages)),
        "pdfminer": squash(pdfminer_text(str(out))),
    }


EXTRACTORS = ["pypdf", "pdfminer"]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_labels_and_kept_text_present(rendered, extractor: str) -> None:
    text = rendered[extractor]
    for label in ("PP1", "JK", "[CRN]", "[SFO ref]"):
        assert label in text
    for kept in (
        "Serious Further Offence Review",
        "1. Summary",
        "MAPPA meeting",
        "Home visit by PP1",
        "Full-width section row",
        "Closing paragraph after the tables.",
        rendered["review"].textbox,
        rendered["review"].footnote,
        rendered["review"].nested[3],
        "from the Eastbrook PDU",
    ):
        assert squash(kept) in text, kept
    # No ligature glyphs: text searches for "ff", "fi", "fl" must work on the output.
    assert not re.search("[\ufb00-\ufb06]", text)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_removed_and_hidden_text_absent(rendered, extractor: str) -> None:
    text = rendered[extractor]
    review: Review = rendered["review"]
    for gone in (review.pp, review.si, review.crn, review.victim, rendered["header_ref"]):
        assert gone not in text
    for value in (*review.nfd, review.comment, review.deleted, review.moved_from, *review.properties):
        assert squash(value) not in text, value
    # Everything the reader set aside, whatever its kind.
    for hidden in rendered["document"].removed:
        assert squash(hidden.text) not in text, hidden.kind
    assert "AUTHOR" not in text


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_marking_headers_footers_and_page_numbers(rendered, extractor: str) -> None:
    text = rendered[extractor]
    pages = rendered["pages"]
    assert text.count("OFFICIAL-SENSITIVE") >= pages
    for n in range(1, pages + 1):
        assert f"page {n} of {pages}" in text
    review: Review = rendered["review"]
    assert "First page header" in text and "Even page footer" in text
    assert review.headers["second"] in text


def test_page_count_size_and_metadata(rendered) -> None:
    reader: PdfReader = rendered["reader"]
    assert rendered["pages"] == len(reader.pages) >= 1
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert not reader.metadata
    assert "/Info" not in reader.trailer
    assert "/Outlines" not in reader.trailer["/Root"] and "/AcroForm" not in reader.trailer["/Root"]


def test_input_unchanged(rendered) -> None:
    review: Review = rendered["review"]
    assert hashlib.sha256(review.path.read_bytes()).hexdigest() == rendered["before"]


def test_labels_are_drawn_in_black_boxes(rendered) -> None:
    # Layout check (not an extraction check), so PyMuPDF is fine here.
    with pymupdf.open(rendered["out"]) as pdf:
        page = pdf[0]
        label = page.search_for("PP1")[0]
        black = [d["rect"] for d in page.get_drawings() if d.get("fill") == (0.0, 0.0, 0.0)]
        assert any(r.intersects(label) and r.width < 100 for r in black)


def test_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    build_review(path, seed=3)
    document = read_docx(path)
    with pytest.raises(RenderError):
        rebuild(document, [], path)


def test_stale_decision_is_refused_without_text(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    review = build_review(path, seed=4)
    document = read_docx(path)
    good = decisions_for(document, review.pp, "PP1", Category.NAME)[0]
    stale = replace(good, start=good.start + 1, end=good.end + 1)
    with pytest.raises(RenderError) as info:
        rebuild(document, [stale], tmp_path / "out.pdf")
    assert review.pp not in str(info.value)
    assert not (tmp_path / "out.pdf").exists()
    unknown = replace(good, unit_id="u9999")
    with pytest.raises(RenderError):
        rebuild(document, [unknown], tmp_path / "out.pdf")


def test_html_in_text_is_escaped_and_long_tables_flow(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph('<b>not bold</b> & "quoted" <script>x</script>')
    t = d.add_table(rows=1, cols=3)
    for c, title in zip(t.rows[0].cells, ["Date", "Event", "Agency"], strict=True):
        c.text = title
    for i in range(120):
        cells = t.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = f"{i:02d}/01/2024", f"Event number {i}", "Probation"
    path = tmp_path / "long.docx"
    d.save(str(path))
    out = tmp_path / "long.pdf"
    pages = rebuild(read_docx(path), [], out)
    assert pages > 1
    text = squash(" ".join(p.extract_text() for p in PdfReader(out).pages))
    assert '<b>not bold</b> & "quoted" <script>x</script>' in text
    assert "Event number 119" in text


def test_text_stays_inside_its_cells_and_the_margins(tmp_path: Path) -> None:
    """Long tokens and non-ASCII names wrap inside the page; nothing overlaps (PyMuPDF layout check)."""
    d = docx.Document()
    d.add_paragraph("Names: Łukasz Żółć, Siobhán Ó Súilleabháin, Zoë Brontë, Nguyễn Văn An – “quoted” € ½")
    t = d.add_table(rows=3, cols=4)
    rows = [
        ["Date", "Event", "Contact", "Agency"],
        ["2012-03-23", "Visit", "https://www.example.gov.uk/a/very/long/path/that/goes/on/and/on/x.html", "Probation"],
        ["1999-01-01", "Q" * 150, "short", "Police"],
    ]
    for row, values in zip(t.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "edge.docx"
    d.save(str(path))
    out = tmp_path / "edge.pdf"
    rebuild(read_docx(path), [], out)
    text = squash(" ".join(p.extract_text() for p in PdfReader(out).pages))
    assert "Łukasz Żółć" in text and "Siobhán Ó Súilleabháin" in text
    with pymupdf.open(out) as pdf:
        for page in pdf:
            words = page.get_text("words")
            assert all(57 - 0.5 <= w[0] and w[2] <= page.rect.width - 57 + 0.5 for w in words)
            for a, b in zip(words, words[1:], strict=False):
                same_line = abs(a[1] - b[1]) < 1
                assert not (same_line and a[0] < b[0] < a[2] - 0.5), (a[4], b[4])


def test_header_repeating_the_marking_is_not_doubled(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Body.")
    d.sections[0].header.paragraphs[0].text = "OFFICIAL - SENSITIVE"
    path = tmp_path / "marked.docx"
    d.save(str(path))
    out = tmp_path / "marked.pdf"
    assert rebuild(read_docx(path), [], out) == 1
    text = PdfReader(out).pages[0].extract_text()
    assert text.count("OFFICIAL-SENSITIVE") == 2  # top and bottom
    assert "OFFICIAL - SENSITIVE" not in text


def test_a_table_row_taller_than_a_page_falls_back_to_paragraphs(tmp_path):
    """Story cannot split a table row and would loop for ever; the rebuild must still finish."""
    import docx as _docx

    from pipeline.read.docx import read_docx
    from pipeline.render.pdf_rebuild import rebuild
    from pipeline.verify import read_text

    d = _docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Date"
    table.cell(0, 1).text = "Event"
    table.cell(1, 0).text = "3 May 2023"
    cell = table.cell(1, 1)
    for i in range(140):
        cell.add_paragraph(f"Line {i} of a very long chronology entry that keeps going.")
    src = tmp_path / "long-row.docx"
    d.save(src)
    out = tmp_path / "out.pdf"
    pages = rebuild(read_docx(src), [], out)
    text = read_text(out)
    assert pages >= 2
    assert "Line 0 of" in text and "Line 139 of" in text
