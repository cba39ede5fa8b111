"""read_pdf: units with per-character boxes, the "not for disclosure" column, bad inputs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
import pymupdf
import pytest

from pipeline.errors import UnsupportedDocumentError
from pipeline.model import DocumentKind, HiddenKind, Source, Style
from pipeline.read.pdf import read_pdf
from tests.pipeline.pdf_fixtures import (
    make_drawn_table,
    make_review,
    make_shaded_table,
    make_split_review,
)


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    return make_review(tmp_path_factory.mktemp("read") / "review.pdf", seed=11, table_rows=40)


@pytest.fixture(scope="module")
def document(review):
    return read_pdf(review.path)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_document_shape(document, review):
    assert document.kind is DocumentKind.PDF
    assert document.page_count == len(document.page_sizes) >= 3
    assert document.page_sizes[0] == pytest.approx((595, 842), abs=1)
    assert document.units
    assert len(set(document.units)) == len(document.units)


def test_every_character_has_a_box_except_inserted_spaces(document):
    for unit in document.units.values():
        assert len(unit.boxes) == len(unit.text)
        for ch, box in zip(unit.text, unit.boxes, strict=True):
            if box is None:
                assert ch == " "  # only the space joining two lines has no box


def test_name_found_at_its_offsets_with_boxes_on_its_words(document, review):
    pdf = pymupdf.open(review.path)
    try:
        units = [u for u in document.units.values() if review.si in u.text]
        assert units, "the supervised individual's name is in no unit"
        unit = units[0]
        start = unit.text.index(review.si)
        boxes = [b for b in unit.boxes[start : start + len(review.si)] if b is not None]
        assert len(boxes) == len(review.si)
        name_rect = pymupdf.Rect(boxes[0])
        for b in boxes[1:]:
            name_rect |= b
        hits = pdf[unit.provenance.page - 1].search_for(review.si)
        assert any(
            abs(h.x0 - name_rect.x0) < 1 and abs(h.x1 - name_rect.x1) < 1 and h.intersects(name_rect) for h in hits
        )
    finally:
        pdf.close()


def test_headings_set_style_and_section(document, review):
    units = document.text_units()
    title = units[0]
    assert title.text == "Serious Further Offence Review"
    assert title.style is Style.HEADING1
    summary = next(u for u in units if u.text == "Summary")
    assert summary.style is Style.HEADING2
    body = next(u for u in units if review.si in u.text and u.provenance.source is Source.BODY)
    assert body.style is Style.BODY
    assert body.provenance.section == summary.id
    assert [u.provenance.paragraph for u in units] == list(range(len(units)))


def test_table_cells_are_units_with_row_and_column(document, review):
    person = review.names[2]  # the first chronology row's event
    cell = next(u for u in document.units.values() if person in u.text and u.provenance.source is Source.TABLE)
    assert cell.provenance.table == 0
    assert cell.provenance.row == 1  # row 0 is the header
    assert cell.provenance.column == 1
    assert cell.text == f"{person} attended an appointment."


def test_not_for_disclosure_column_is_removed_on_every_page_of_the_table(document, review):
    unit_text = "\n".join(u.text for u in document.units.values())
    removed = [h for h in document.removed if h.kind is HiddenKind.NOT_FOR_DISCLOSURE]
    removed_text = "\n".join(h.text for h in removed)
    for marker in review.nfd_texts:
        assert marker not in unit_text
        assert marker in removed_text
    pages = sorted({r.page for r in document.removed_regions})
    assert len(pages) >= 3  # header page and two continuation pages without the header row
    assert all(r.kind is HiddenKind.NOT_FOR_DISCLOSURE for r in document.removed_regions)
    # Same column everywhere, and the heading cell's text stays out of `removed`.
    assert len({(round(r.box[0]), round(r.box[2])) for r in document.removed_regions}) == 1
    assert "Not for disclosure" not in removed_text
    assert all(h.provenance.table == 0 and h.provenance.column == 3 for h in removed)


def test_column_found_below_a_title_row(tmp_path):
    review = make_review(tmp_path / "titled.pdf", seed=12, table_rows=30, title_row=True, extras=False)
    document = read_pdf(review.path)
    unit_text = "\n".join(u.text for u in document.units.values())
    removed_text = "\n".join(h.text for h in document.removed)
    assert "Chronology of contact" in unit_text
    for marker in review.nfd_texts:
        assert marker not in unit_text
        assert marker in removed_text
    assert len({r.page for r in document.removed_regions}) >= 2


def test_other_columns_on_continuation_pages_stay_in_units(document):
    later = [u for u in document.units.values() if u.provenance.source is Source.TABLE and u.provenance.page > 1]
    assert later
    assert {u.provenance.column for u in later} == {0, 1, 2}


def test_metadata_annotations_and_form_fields_are_set_aside(document, review):
    by_kind = {}
    for h in document.removed:
        by_kind.setdefault(h.kind, []).append(h.text)
    assert review.metadata_author in by_kind[HiddenKind.METADATA]
    assert any(review.si in t for t in by_kind[HiddenKind.METADATA])  # the title
    assert review.annotation_text in by_kind[HiddenKind.ANNOTATION]
    assert review.field_value in by_kind[HiddenKind.PROPERTY]
    # The form field's visible appearance is not read as page text.
    assert not any(review.field_value in u.text for u in document.units.values())


def test_page_text_under_a_form_field_is_still_read(tmp_path):
    path = tmp_path / "field.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Seen at home by Kim Placeholder today.", fontsize=10)
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "note"
    widget.field_value = "Field Value Person"
    widget.rect = pymupdf.Rect(60, 85, 300, 105)  # right over the sentence
    page.add_widget(widget)
    doc.save(path)
    document = read_pdf(path)
    texts = [u.text for u in document.units.values()]
    assert texts == ["Seen at home by Kim Placeholder today."]
    assert [h.text for h in document.removed if h.kind is HiddenKind.PROPERTY] == ["Field Value Person"]


def test_lines_joined_with_one_boxless_space_but_not_after_a_hyphen(tmp_path):
    path = tmp_path / "hyphen.pdf"
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Seen by Mary Smith-\nJones with post-\ntraumatic stress at the\noffice - then\n- home.", fontsize=10, lineheight=1.0)
    doc.save(path)
    document = read_pdf(path)
    (unit,) = document.units.values()
    # A word broken after its hyphen reads as the DOCX has it; other lines join with a space
    # (a dash between words is not a broken word).
    assert unit.text == "Seen by Mary Smith-Jones with post-traumatic stress at the office - then - home."
    assert len(unit.boxes) == len(unit.text)
    joins = [i for i, box in enumerate(unit.boxes) if box is None]
    assert [unit.text[i] for i in joins] == [" ", " "]
    assert unit.text[joins[0] - 3 : joins[0]] == "the"


def test_input_file_is_not_modified(review):
    before = _sha(review.path)
    read_pdf(review.path)
    assert _sha(review.path) == before


# ---------------------------------------------------------------- split tables


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    return make_split_review(tmp_path_factory.mktemp("split") / "split.pdf", seed=21, table_rows=45)


@pytest.fixture(scope="module")
def split_document(split):
    return read_pdf(split.path)


def _texts(document):
    units = "\n".join(u.text for u in document.units.values())
    removed = "\n".join(h.text for h in document.removed if h.kind is HiddenKind.NOT_FOR_DISCLOSURE)
    return units, removed


def test_split_table_column_is_removed_across_pages(split_document, split):
    units, removed = _texts(split_document)
    assert split_document.page_count >= 2
    for marker in split.nfd_texts:
        assert marker not in units
        assert marker in removed
    for marker in split.kept_texts:
        assert marker in units
    # The heading (wrapped over two lines in its narrow cell) is burned, not listed.
    assert "disclosure" not in removed
    assert not any("disclosure" in u.text and "Information" in u.text for u in split_document.units.values())


def test_split_table_regions_cover_the_column_on_every_page(split_document, split):
    regions = split_document.removed_regions
    assert len({(round(r.box[0]), round(r.box[2])) for r in regions}) == 1  # one column, every page
    pdf = pymupdf.open(split.path)
    try:
        pages_with_rows = set()
        for marker in split.nfd_texts:
            hits = [(n + 1, h) for n, page in enumerate(pdf) for h in page.search_for(marker)]
            assert len(hits) == 1
            number, hit = hits[0]
            pages_with_rows.add(number)
            assert any(r.page == number and pymupdf.Rect(r.box).contains(hit) for r in regions), marker
        heading = pdf[0].search_for("Information")[-1]  # the header cell's first line
        assert any(r.page == 1 and pymupdf.Rect(r.box).intersects(heading) for r in regions)
    finally:
        pdf.close()
    assert len(pages_with_rows) >= 2  # the rows really do cross a page break
    assert {r.page for r in regions} == pages_with_rows
    # No character of any unit lies inside a removed region.
    for unit in split_document.units.values():
        for box in unit.boxes:
            if box is not None:
                centre = pymupdf.Point((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                assert not any(r.page == unit.provenance.page and centre in pymupdf.Rect(r.box) for r in regions)


def test_split_table_rows_are_cells_numbered_on_across_pages(split_document, split):
    cells = {
        marker: u
        for u in split_document.units.values()
        for marker in split.kept_texts
        if u.text.startswith(marker) and u.provenance.source is Source.TABLE
    }
    assert len(cells) == len(split.kept_texts)
    rows = [cells[m].provenance.row for m in split.kept_texts]
    assert rows == list(range(1, len(rows) + 1))  # row 0 is the header table
    assert {cells[m].provenance.table for m in split.kept_texts} == {0}
    assert {cells[m].provenance.column for m in split.kept_texts} == {1}


def test_split_table_ends_where_the_chronology_ends(split_document, split):
    units, removed = _texts(split_document)
    # A later table with different columns keeps all its cells; a cell that only mentions
    # the phrase is neither a heading nor removed.
    for text in split.after_texts:
        assert text in units
        assert text not in removed
    assert split.mention in units


@pytest.mark.parametrize(("header_borders", "gap"), [(True, 0.0), (True, 10.0), (False, 0.0), (False, 10.0)])
def test_drawn_split_table_with_or_without_header_borders(tmp_path, header_borders, gap):
    path = tmp_path / "drawn.pdf"
    nfd, kept = make_drawn_table(path, header_borders=header_borders, gap=gap)
    document = read_pdf(path)
    units, removed = _texts(document)
    for marker in nfd:
        assert marker not in units
        assert marker in removed
    for marker in kept:
        assert marker in units
    assert "Not for disclosure" not in units
    assert "Not for disclosure" not in removed
    assert "The review found that risk was not reassessed." in units
    assert len({(r.box[0], r.box[2]) for r in document.removed_regions}) == 1


def test_stacked_table_with_other_columns_ends_the_column(tmp_path):
    path = tmp_path / "other.pdf"
    other: list[str] = []
    nfd, kept = make_drawn_table(path, other=other)
    document = read_pdf(path)
    units, removed = _texts(document)
    assert all(m not in units and m in removed for m in nfd)
    assert all(m in units for m in kept + other)
    assert not any(m in removed for m in other)
    (region,) = document.removed_regions
    assert region.box[3] <= 100 + 20 * 7 + 1  # header and six rows, not the table below


def test_table_told_apart_by_shading_falls_back_to_find_tables(tmp_path):
    path = tmp_path / "shaded.pdf"
    nfd, kept = make_shaded_table(path)
    document = read_pdf(path)
    units, removed = _texts(document)
    for marker in nfd:
        assert marker not in units
        assert marker in removed
    for marker in kept:
        assert marker in units
    assert len(document.removed_regions) == 1


def test_shaded_table_continued_on_the_next_page(tmp_path):
    path = tmp_path / "shaded2.pdf"
    nfd, kept = make_shaded_table(path, next_page_rows=5)
    document = read_pdf(path)
    units, removed = _texts(document)
    for marker in nfd:
        assert marker not in units
        assert marker in removed
    for marker in kept:
        assert marker in units
    assert "The review found that risk was not reassessed." in units
    assert sorted(r.page for r in document.removed_regions) == [1, 2]


def test_drawn_table_without_any_rules_is_refused(tmp_path):
    path = tmp_path / "Case SFO60002 review.pdf"
    make_drawn_table(path, rules=False)
    with pytest.raises(UnsupportedDocumentError) as info:
        read_pdf(path)
    assert "'not for disclosure' heading but its table column could not be found" in str(info.value)
    assert "Nfddrawn" not in str(info.value)


# ---------------------------------------------------------------- bad inputs


def _empty(path: Path) -> str:
    path.write_bytes(b"")
    return ""


def _truncated(path: Path) -> str:
    review = make_review(path.with_name("whole.pdf"), seed=3, table_rows=4, extras=False)
    data = review.path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return review.si


def _encrypted(path: Path) -> str:
    review = make_review(path.with_name("plain.pdf"), seed=4, table_rows=4, extras=False)
    doc = pymupdf.open(review.path)
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner-secret", user_pw="user-secret")
    return review.si


def _text_renamed(path: Path) -> str:
    secret = "Supervised individual Jane Placeholder, CRN X123456"
    path.write_text(secret + "\n")
    return secret


def _image_only(path: Path) -> str:
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 50, 70), False)
    pix.set_rect(pix.irect, (200, 200, 200))
    page.insert_image(pymupdf.Rect(50, 50, 550, 750), pixmap=pix)
    doc.save(path)
    return ""


def _column_without_table(path: Path) -> str:
    # A "not for disclosure" header row with no rulings: the column cannot be located.
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Date", fontsize=10)
    page.insert_text((200, 100), "Event", fontsize=10)
    page.insert_text((380, 100), "Not for disclosure", fontsize=10)
    page.insert_text((72, 120), "01/02/2024", fontsize=10)
    page.insert_text((200, 120), "Home visit", fontsize=10)
    page.insert_text((380, 120), "Informant Pat Placeholder", fontsize=10)
    doc.save(path)
    return "Informant Pat Placeholder"


def _no_pages(path: Path) -> str:
    pikepdf.new().save(path)
    return ""


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_empty, "empty"),
        (_truncated, "damaged"),
        (_encrypted, "password"),
        (_text_renamed, "not a PDF"),
        (_image_only, "page 1 has no text layer"),
        (_no_pages, "no pages"),
        (_column_without_table, "page 1 has a 'not for disclosure' heading but its table column could not be found"),
    ],
    ids=["empty", "truncated", "encrypted", "text-renamed", "image-only", "no-pages", "column-without-table"],
)
def test_bad_inputs_are_refused_with_a_one_line_reason(tmp_path, make, reason):
    path = tmp_path / "Case SFO60001 review.pdf"
    secret = make(path)
    before = _sha(path)
    with pytest.raises(UnsupportedDocumentError) as info:
        read_pdf(path)
    message = str(info.value)
    assert reason in message
    assert path.name in message
    assert "\n" not in message
    if secret:
        assert secret not in message
        assert not any(word in message for word in secret.split() if len(word) > 3)
    assert _sha(path) == before
