"""read_docx: reading order, styles, tables, hidden content, and refusal of bad inputs."""

from __future__ import annotations

import hashlib
import random
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.errors import UnsupportedDocumentError
from pipeline.model import Cell, DocumentKind, HiddenKind, Paragraph, Source, Style, Table
from pipeline.read.docx import MAX_UNCOMPRESSED_BYTES, read_docx
from tests.pipeline.docx_fixtures import (
    Review,
    add_footnote_reference,
    add_parts,
    add_textbox,
    build_review,
    fake,
    nfd_table,
)


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Review:
    return build_review(tmp_path_factory.mktemp("review") / "SFO12345_review.docx")


@pytest.fixture(scope="module")
def document(review: Review):
    return read_docx(review.path)


def texts(document) -> list[str]:
    return [u.text for u in document.units.values()]


def all_unit_text(document) -> str:
    return "\n".join(texts(document))


def removed(document, kind: HiddenKind) -> list[str]:
    return [h.text for h in document.removed if h.kind is kind]


def cell_units(document, cell: Cell) -> list[str]:
    out: list[str] = []
    for block in cell.blocks:
        if isinstance(block, Paragraph):
            out.append(document.units[block.unit].text)
        else:
            out.append(f"<table {block.index}>")
    return out


def tables(blocks) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


# ------------------------------------------------------------------------ body


def test_kind_ids_and_reading_order(document, review: Review) -> None:
    assert document.kind is DocumentKind.DOCX
    ids = list(document.units)
    assert ids == [f"u{i:04d}" for i in range(1, len(ids) + 1)]
    body = [document.units[b.unit].text for b in document.blocks if isinstance(b, Paragraph)]
    assert body[0].startswith("Serious Further Offence Review SFO")
    assert body[1:3] == ["1. Summary", body[2]] and body[2].startswith(review.si)
    assert body.index("First risk factor.") < body.index("1.1.1 Detail") < body.index("2. Chronology")
    assert body.index("Closing paragraph after the tables.") < body.index("Second section body.")
    # Blocks in order: the chronology tables sit between the heading and the closing paragraph.
    kinds = ["T" if isinstance(b, Table) else document.units[b.unit].text for b in document.blocks]
    at = kinds.index("2. Chronology")
    assert kinds[at + 1 : at + 4] == ["T", "T", "Closing paragraph after the tables."]


def test_styles(document) -> None:
    style = {u.text: u.style for u in document.units.values()}
    assert style["1. Summary"] is Style.HEADING1
    assert style["1.1 Background"] is Style.HEADING2
    assert style["1.1.1 Detail"] is Style.HEADING3
    assert style["First risk factor."] is Style.LIST
    assert style["Closing paragraph after the tables."] is Style.BODY
    assert [u.style for u in document.units.values()][0] is Style.TITLE


def test_section_is_nearest_heading_and_paragraphs_count_empty_ones(document) -> None:
    by_text = {u.text: u for u in document.units.values()}
    detail = by_text["1.1.1 Detail"]
    assert by_text["First risk factor."].provenance.section == by_text["1.1 Background"].id
    assert detail.provenance.section == detail.id
    # The empty paragraph before the list is not a unit but keeps its number.
    box = next(u for u in document.units.values() if u.provenance.source is Source.TEXTBOX)
    assert by_text["First risk factor."].provenance.paragraph == box.provenance.paragraph + 2
    cell = by_text["MAPPA meeting"].provenance
    assert (cell.source, cell.table, cell.row, cell.column) == (Source.TABLE, 0, 2, 1)
    assert cell.section == by_text["2. Chronology"].id


def test_tracked_changes_insertions_count_deletions_do_not(document, review: Review) -> None:
    text = all_unit_text(document)
    assert review.inserted in text
    assert review.deleted.strip() not in text and review.moved_from.strip() not in text
    gone = removed(document, HiddenKind.DELETED_TEXT)
    assert [g.strip() for g in gone] == [review.deleted, review.moved_from]


def test_fields_text_boxes_content_controls_breaks(document, review: Review) -> None:
    text = all_unit_text(document)
    assert f"Field result: {review.field_result}" in texts(document)
    assert "AUTHOR" not in text and "MERGEFORMAT" not in text
    # The text box is its own unit, straight after its host paragraph, and only once.
    order = texts(document)
    host = order.index("Paragraph anchoring a text box.")
    assert order[host + 1] == review.textbox
    assert text.count(review.textbox) == 1
    assert document.units[list(document.units)[host + 1]].provenance.source is Source.TEXTBOX
    assert review.sdt_text in order
    assert "Tab\tafter\nnext line" in order


def test_footnotes_appended_at_the_end(document, review: Review) -> None:
    notes = [u for u in document.units.values() if u.provenance.source is Source.FOOTNOTE]
    # Word's reference mark is kept, in the text and at the start of the note.
    assert [n.text for n in notes] == [f"[1] {review.footnote}"]
    assert f"The victim, {review.victim}, was known to services.[1]" in texts(document)
    last_block = document.blocks[-1]
    assert isinstance(last_block, Paragraph) and last_block.unit == notes[0].id


def test_comments_and_properties_only_in_removed(document, review: Review) -> None:
    text = all_unit_text(document)
    assert review.comment not in text
    assert removed(document, HiddenKind.COMMENT) == [review.comment]
    props = removed(document, HiddenKind.PROPERTY)
    for value in review.properties:
        assert value in props
        assert value not in text


# ------------------------------------------------------------------------ tables


def test_merged_and_nested_cells(document, review: Review) -> None:
    grid = tables(document.blocks)[1]
    header, spanned, restart, continued = grid.rows
    assert all(c.header for c in header) and not any(c.header for c in spanned)
    assert [c.col_span for c in spanned] == [1, 2]
    assert cell_units(document, spanned[1]) == [review.merged]
    assert cell_units(document, restart[0]) == [review.vmerged]
    # The vertical continuation is an empty cell: the merged text appears once.
    assert continued[0].blocks == () and all_unit_text(document).count(review.vmerged) == 1
    nested = [b for b in continued[2].blocks if isinstance(b, Table)]
    assert len(nested) == 1
    inner = nested[0]
    assert [[cell_units(document, c) for c in row] for row in inner.rows] == [
        [[review.nested[0]], [review.nested[1]]],
        [[review.nested[2]], [review.nested[3]]],
    ]
    assert inner.rows[0][0].header
    unit = next(u for u in document.units.values() if u.text == review.nested[3])
    assert (unit.provenance.table, unit.provenance.row, unit.provenance.column) == (inner.index, 1, 1)


def test_nfd_column_removed_with_spanning_row_kept(document, review: Review) -> None:
    chronology = tables(document.blocks)[0]
    assert [cell_units(document, c) for c in chronology.rows[0]] == [["Date"], ["Event"], ["Agency"]]
    assert all(len(row) == 3 for row in chronology.rows[:3])
    # The full-width row spanned the removed column and the others: kept, one column narrower.
    assert [c.col_span for c in chronology.rows[3]] == [3]
    text = all_unit_text(document)
    hidden = removed(document, HiddenKind.NOT_FOR_DISCLOSURE)
    for value in review.nfd:
        assert value not in text
        assert value in hidden


HEADINGS = ["Not for disclosure", "Information not for disclosure", "NOT FOR DISCLOSURE (removed before sharing)"]


@pytest.mark.parametrize("heading", HEADINGS)
@pytest.mark.parametrize("position", [1, 3], ids=["middle", "last"])
def test_nfd_variants_and_positions(tmp_path: Path, heading: str, position: int) -> None:
    f = fake(11)
    d = docx.Document()
    d.add_paragraph("Chronology")
    secret = [f"{f.name()} told police", f"{f.name()} medication"]
    rows = []
    for s in secret:
        values = [f.date(), "Home visit", "Probation"]
        values.insert(position, s)
        rows.append(values)
    nfd_table(d, heading, position, rows)
    # A second table, its column in the other position, to show each table is handled.
    other = 3 if position == 1 else 1
    values = ["2024-01-01", "MAPPA", "Police"]
    second_secret = f"{f.name()} address"
    values.insert(other, second_secret)
    nfd_table(d, heading, other, [values])
    path = tmp_path / "review.docx"
    d.save(str(path))

    document = read_docx(path)
    text = all_unit_text(document)
    hidden = removed(document, HiddenKind.NOT_FOR_DISCLOSURE)
    for s in [*secret, second_secret]:
        assert s not in text
        assert s in hidden
    assert heading not in text
    for table in tables(document.blocks):
        assert all(len(row) == 3 for row in table.rows)
        assert [cell_units(document, c) for c in table.rows[0]] == [["Date"], ["Event"], ["Agency"]]


def test_no_nfd_column_keeps_every_column(tmp_path: Path) -> None:
    d = docx.Document()
    nfd_table(d, "Analysis of disclosure", 1, [["a", "b", "c", "d"]])
    path = tmp_path / "plain.docx"
    d.save(str(path))
    document = read_docx(path)
    assert len(tables(document.blocks)[0].rows[1]) == 4
    assert not removed(document, HiddenKind.NOT_FOR_DISCLOSURE)


def test_repeated_header_rows_are_header_cells(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=2)
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    for tr in t._tbl.tr_lst[:2]:
        tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    path = tmp_path / "hdr.docx"
    d.save(str(path))
    rows = tables(read_docx(path).blocks)[0].rows
    assert [[c.header for c in row] for row in rows] == [[True, True], [True, True], [False, False]]


# ------------------------------------------------------------------------ headers, footers


def test_headers_and_footers_of_every_section(document, review: Review) -> None:
    headers = [document.units[u].text for u in document.header_units]
    footers = [document.units[u].text for u in document.footer_units]
    assert sorted(headers) == sorted(review.headers.values())
    # The second section's footer repeats the first's text: one set of units.
    assert sorted(footers) == sorted(review.footers.values())
    assert all(document.units[u].provenance.source is Source.HEADER for u in document.header_units)
    assert all(document.units[u].provenance.source is Source.FOOTER for u in document.footer_units)
    in_blocks = {b.unit for b in document.blocks if isinstance(b, Paragraph)}
    assert not in_blocks & set(document.header_units + document.footer_units)


def test_input_is_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    build_review(path, seed=5)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    read_docx(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


# ------------------------------------------------------------------------ bad inputs

SECRET = "Zebedee Quigley-Marchbank"  # fictitious text that must never reach a message


def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _random(path: Path) -> None:
    path.write_bytes(b"\x13" + random.Random(4).randbytes(4000) + SECRET.encode())


def _truncated(path: Path) -> None:
    build_review(path, seed=2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _text_file(path: Path) -> None:
    path.write_text(f"Notes for the family meeting with {SECRET}.\n", encoding="utf-8")


def _encrypted(path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le") + bytes(1024))


def _legacy_doc(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + SECRET.encode())


def _no_document_part(path: Path) -> None:
    _zip(path, {"[Content_Types].xml": b"<Types/>", "word/other.xml": SECRET.encode()})


def _bad_xml(path: Path) -> None:
    _zip(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": f"<w:document>{SECRET}".encode()})


def _zip_bomb(path: Path) -> None:
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f"<w:document xmlns:w='x'><w:body>{SECRET}</w:body></w:document>")
        with zf.open("word/media/filler.bin", "w", force_zip64=True) as fh:
            for _ in range(MAX_UNCOMPRESSED_BYTES // len(chunk) + 1):
                fh.write(chunk)


BAD = {
    "empty": (_empty, "empty"),
    "random bytes": (_random, "not a Word document"),
    "truncated": (_truncated, "corrupt or truncated"),
    "text file": (_text_file, "not a Word document"),
    "encrypted": (_encrypted, "password-protected"),
    "legacy doc": (_legacy_doc, ".doc"),
    "no word/document.xml": (_no_document_part, "word/document.xml"),
    "bad xml": (_bad_xml, "not valid XML"),
    "zip bomb": (_zip_bomb, "zip bomb"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_inputs_are_refused_without_document_text(tmp_path: Path, case: str) -> None:
    make, expected = BAD[case]
    path = tmp_path / f"SFO99999_{case.replace(' ', '_').replace('/', '_')}.docx"
    make(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(UnsupportedDocumentError) as info:
        read_docx(path)
    message = str(info.value)
    assert path.name in message
    assert expected in message
    assert "\n" not in message
    assert SECRET not in message and "Zebedee" not in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_content_control_wrapped_table_rows(tmp_path: Path) -> None:
    """Rows and cells inside content controls are still read, and the NFD column still found."""
    d = docx.Document()
    t = nfd_table(d, "Not for disclosure", 1, [["01/01/2024", SECRET, "Visit", "PP", "Police"][:4]])
    tr = t._tbl.tr_lst[1]
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tr.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(tr)
    path = tmp_path / "sdt.docx"
    d.save(str(path))
    document = read_docx(path)
    assert SECRET not in all_unit_text(document)
    assert SECRET in removed(document, HiddenKind.NOT_FOR_DISCLOSURE)
    assert "01/01/2024" in texts(document)


def test_hidden_text_takes_its_notes_and_text_boxes_with_it(tmp_path: Path) -> None:
    """A footnote or text box anchored in removed text is removed too, never a unit."""
    f = fake(13)
    visible, in_nfd, in_deletion, orphan, box = (f"Note {f.name()}" for _ in range(5))
    d = docx.Document()
    p = d.add_paragraph("Visible paragraph.")
    add_footnote_reference(p, 1)
    deleted = parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:delText>gone</w:delText></w:r><w:r><w:footnoteReference w:id="3"/></w:r></w:del>'
    )
    p._p.append(deleted)
    t = nfd_table(d, "Not for disclosure", 1, [["01/01/2024", "secret cell", "Visit", "Police"]])
    cell_p = t.rows[1].cells[1].paragraphs[0]
    add_footnote_reference(cell_p, 2)
    add_textbox(cell_p, box)
    path = tmp_path / "notes.docx"
    d.save(str(path))
    add_parts(path, footnotes={1: visible, 2: in_nfd, 3: in_deletion, 4: orphan})

    document = read_docx(path)
    text = all_unit_text(document)
    assert visible in text
    for hidden in (in_nfd, in_deletion, orphan, box, "secret cell"):
        assert hidden not in text
    assert any(in_nfd in h for h in removed(document, HiddenKind.NOT_FOR_DISCLOSURE))
    assert any(box in h for h in removed(document, HiddenKind.NOT_FOR_DISCLOSURE))
    assert any(in_deletion in h for h in removed(document, HiddenKind.DELETED_TEXT))
    assert any(orphan in h for h in removed(document, HiddenKind.DELETED_TEXT))


def test_document_variables_and_custom_xml_are_properties(tmp_path: Path) -> None:
    f = fake(17)
    variable, sharepoint = f"Case owner {f.name()}", f"Reviewer {f.name()}"
    path = tmp_path / "vars.docx"
    d = docx.Document()
    d.add_paragraph("Body.")
    d.settings.element.append(
        parse_xml(f'<w:docVars {nsdecls("w")}><w:docVar w:name="owner" w:val="{variable}"/></w:docVars>')
    )
    d.save(str(path))
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("customXml/item99.xml", f"<p:properties xmlns:p='urn:x'><Owner>{sharepoint}</Owner></p:properties>")
    document = read_docx(path)
    props = removed(document, HiddenKind.PROPERTY)
    assert variable in props and sharepoint in props
    assert variable not in all_unit_text(document) and sharepoint not in all_unit_text(document)
