"""Verification refuses every hidden place a name can survive in, and every disguise of it.

Each test builds a bad PDF at test time (PyMuPDF or pikepdf) holding an invented name and
checks that verify() refuses it with a message naming the kind of problem, never the name.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pymupdf
import pytest
from pikepdf import Array, Dictionary, Name

from pipeline.errors import LeakDetectedError
from pipeline.render.sanitize import save_clean
from pipeline.verify import DRAFT_READERS, FULL_READERS, Needle, extract_pdfium, find_leaks, normalise, verify

NAME = "Zebedee Quarrington"  # invented
NEEDLES = [
    Needle(NAME, "name", case_sensitive=True),
    Needle("Zebedee", "name", case_sensitive=True),
    Needle("Quarrington", "name", case_sensitive=True),
    Needle("X123456", "identifier"),
]
BODY = "Contact with PP1 on 3 May 2023; the risk assessment was reviewed."


def clean_pdf(path: Path, text: str = BODY) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text)
    save_clean(doc, path)
    return path


def refused(path: Path, needles=NEEDLES) -> str:
    """verify's message for a refused file (all readers); fails the test if the file passed.

    The draft readers (PDFium and pikepdf only) must refuse it too.
    """
    messages = {}
    for readers in (FULL_READERS, DRAFT_READERS):
        with pytest.raises(LeakDetectedError) as info:
            verify(path, needles, readers=readers)
        messages[readers] = str(info.value)
        for needle in needles:
            assert needle.text.lower() not in messages[readers].lower(), "the message quotes document text"
    return messages[FULL_READERS]


def full_save(doc: pymupdf.Document, path: Path) -> Path:
    doc.save(path, garbage=4, deflate=True)
    return path


# ---------------------------------------------------------------- a clean file passes


def test_clean_output_passes_every_reader(tmp_path):
    report = verify(clean_pdf(tmp_path / "clean.pdf"), NEEDLES)
    assert report.ok and report.pages == 1 and report.checked == len(NEEDLES)
    assert report.extractors == FULL_READERS == ("pdfium", "pypdf", "pdfminer.six", "pikepdf")
    draft = verify(clean_pdf(tmp_path / "clean.pdf"), NEEDLES, readers=DRAFT_READERS)
    assert draft.ok and draft.extractors == ("pdfium", "pikepdf")


def test_pdfium_reads_the_text_and_finds_a_visible_name(tmp_path):
    path = clean_pdf(tmp_path / "leak.pdf", f"Contact with {NAME} on 3 May 2023.")
    (text,) = extract_pdfium(path)
    assert NAME in " ".join(text.split())
    with pytest.raises(LeakDetectedError) as info:
        verify(path, NEEDLES, readers=DRAFT_READERS)
    assert "found by pdfium on page(s) 1" in str(info.value) and NAME not in str(info.value)


def test_unknown_reader_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="unknown readers"):
        verify(clean_pdf(tmp_path / "clean.pdf"), NEEDLES, readers=("pdfium", "pdftotext"))


def test_a_longer_word_holding_a_name_is_not_a_leak(tmp_path):
    path = clean_pdf(tmp_path / "clean.pdf", "Quarringtonshire services and Zebedees were contacted.")
    assert verify(path, NEEDLES).ok


# ---------------------------------------------------------------- hidden places


def test_document_information_metadata(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), BODY)
    doc.set_metadata({"author": NAME, "title": "Review"})
    message = refused(full_save(doc, tmp_path / "info.pdf"))
    assert "metadata (document information" in message and "Author" in message
    assert "string objects" in message  # the name itself is found too, by pikepdf


def test_xmp_metadata(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), BODY)
    doc.set_xml_metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{NAME}</dc:creator>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    message = refused(full_save(doc, tmp_path / "xmp.pdf"))
    assert "XMP metadata" in message
    assert "other streams" in message


def test_annotation_contents(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), BODY)
    page.add_text_annot((300, 300), f"Check with {NAME} before sharing")
    message = refused(full_save(doc, tmp_path / "annot.pdf"))
    assert "annotations present on page(s) 1" in message
    assert "string objects" in message


def test_outline_title(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), BODY)
    doc.set_toc([[1, f"Interview with {NAME}", 1]])
    message = refused(full_save(doc, tmp_path / "outline.pdf"))
    assert "outlines (bookmarks) present" in message
    assert "string objects" in message


def test_form_field_value(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), BODY)
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "si_name"
    widget.field_value = NAME
    widget.rect = pymupdf.Rect(72, 100, 300, 120)
    page.add_widget(widget)
    message = refused(full_save(doc, tmp_path / "form.pdf"))
    assert "form (AcroForm) present with 1 field(s), 1 with a value" in message


def test_form_field_value_left_after_its_widget_was_deleted(tmp_path):
    # PyMuPDF keeps a deleted widget's value in /AcroForm /Fields (STACK-NOTES).
    path = tmp_path / "form.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    field = pdf.make_indirect(Dictionary(FT=Name.Tx, T=pikepdf.String("si"), V=pikepdf.String(NAME)))
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    pdf.save(path)
    message = refused(path)
    assert "form (AcroForm)" in message and "string objects" in message


def test_embedded_file(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), BODY)
    doc.embfile_add("notes.txt", f"Notes about {NAME}, CRN X123456".encode(), filename="notes.txt")
    message = refused(full_save(doc, tmp_path / "embedded.pdf"))
    assert "embedded files present" in message
    assert "other streams" in message  # the attachment's bytes were searched


def test_javascript_open_action(tmp_path):
    path = clean_pdf(tmp_path / "base.pdf")
    with pikepdf.open(path) as pdf:
        pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=pikepdf.String(f"app.alert('{NAME}');"))
        pdf.save(tmp_path / "js.pdf")
    message = refused(tmp_path / "js.pdf")
    assert "JavaScript present" in message and "OpenAction" in message


def test_javascript_in_names_tree(tmp_path):
    path = clean_pdf(tmp_path / "base.pdf")
    with pikepdf.open(path) as pdf:
        action = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=pdf.make_stream(b"var x = 1;")))
        pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([pikepdf.String("init"), action])))
        pdf.save(tmp_path / "js.pdf")
    message = refused(tmp_path / "js.pdf", [])
    assert "JavaScript present (names tree)" in message


def test_incremental_update_with_an_xref_stream(tmp_path):
    path = tmp_path / "incr.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), BODY)
    doc.save(path, garbage=4, use_objstms=1)  # a cross-reference stream, not a table
    assert b"/XRef" in path.read_bytes()
    doc = pymupdf.open(path)
    doc[0].insert_text((72, 200), "Later addition.")
    doc.saveIncr()
    message = refused(path, [])
    assert "more than one revision" in message
    assert "trailer points to an earlier cross-reference section" in message  # qpdf's view


def test_incremental_update_without_a_second_eof_marker(tmp_path):
    # Counting %%EOF alone misses an update whose marker was cut off; qpdf still sees /Prev.
    path = tmp_path / "incr.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), BODY)
    doc.save(path, garbage=4, use_objstms=1)
    doc = pymupdf.open(path)
    doc.set_metadata({"title": "Review"})
    doc.saveIncr()
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"%%EOF")])
    message = refused(path, [])
    assert "trailer points to an earlier cross-reference section" in message


# ---------------------------------------------------------------- text beneath the extractors


def test_text_in_a_font_without_unicode_mapping(tmp_path):
    # A CID font with Identity-H encoding and no ToUnicode: extractors cannot map the codes
    # reliably, but the drawn bytes spell the name (as UTF-16 codes).
    path = tmp_path / "cid.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    cid = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.CIDFontType2,
            BaseFont=Name("/Arial"),
            CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0),
        )
    )
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/Arial"), Encoding=Name("/Identity-H"), DescendantFonts=Array([cid]))
    )
    page = pdf.pages[0]
    page.Resources = Dictionary(Font=Dictionary(F1=font))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td <" + f"Met {NAME} today".encode("utf-16-be").hex().encode() + b"> Tj ET")
    pdf.save(path)
    message = refused(path)
    assert "found by pikepdf in page content streams on page(s) 1" in message


def test_pikepdf_reads_text_through_the_fonts_tounicode_map(tmp_path):
    # Story writes CID fonts: the drawn bytes are glyph ids, readable only through ToUnicode.
    path = tmp_path / "story.pdf"
    story = pymupdf.Story(html=f"<p>Contact with {NAME} on 3 May 2023.</p>")
    writer = pymupdf.DocumentWriter(str(path))
    device = writer.begin_page(pymupdf.paper_rect("a4"))
    story.place(pymupdf.paper_rect("a4") + (50, 50, -50, -50))
    story.draw(device)
    writer.end_page()
    writer.close()
    with pikepdf.open(path) as pdf:
        drawn = b"".join(
            bytes(op) for ops, _ in pikepdf.parse_content_stream(pdf.pages[0]) for op in ops if isinstance(op, pikepdf.String)
        )
    assert NAME.encode() not in drawn
    assert "found by pikepdf in page content streams" in refused(path)


def test_tounicode_ranges_are_read(tmp_path):
    # Two-byte codes offset from Unicode (as in a subset font), mapped back by bfrange entries,
    # one with a hex start and one with an array of targets.
    path = tmp_path / "ranges.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"2 beginbfrange\n<0024> <005D> <0041>\n<0003> <0004> [<0020> <0027>]\nendbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    cid = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.CIDFontType2,
            BaseFont=Name("/Invented"),
            CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0),
        )
    )
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type0,
            BaseFont=Name("/Invented"),
            Encoding=Name("/Identity-H"),
            DescendantFonts=Array([cid]),
            ToUnicode=pdf.make_stream(cmap),
        )
    )
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    codes = b"".join((3 if c == " " else ord(c) - 29).to_bytes(2, "big") for c in f"Met {NAME}")
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td <" + codes.hex().encode() + b"> Tj ET")
    pdf.save(path)
    assert "found by pikepdf in page content streams" in refused(path)


def test_text_in_a_form_xobject_never_drawn(tmp_path):
    # A form XObject the page does not paint: no extractor reads it, but it is in the file.
    path = clean_pdf(tmp_path / "base.pdf")
    with pikepdf.open(path) as pdf:
        font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
        form = pdf.make_stream(
            f"BT /F9 12 Tf 10 10 Td ({NAME}) Tj ET".encode(),
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=Array([0, 0, 200, 50]),
            Resources=Dictionary(Font=Dictionary(F9=font)),
        )
        pdf.pages[0].Resources.XObject = Dictionary(Fx=form)
        pdf.save(tmp_path / "form.pdf")
    message = refused(tmp_path / "form.pdf")
    assert "found by pikepdf in form XObjects" in message


def test_kerned_text_is_read_as_words(tmp_path):
    path = tmp_path / "kern.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td [(Met) -250 (Zeb) 15 (edee) -300 (Quarrington)] TJ ET")
    pdf.save(path)
    message = refused(path)
    assert "pikepdf in page content streams" in message


# ---------------------------------------------------------------- disguised names


@pytest.mark.parametrize(
    "text",
    [
        "Met ZEBEDEE QUARRINGTON today",  # capitals
        "Zebedee's mother called",  # possessive
        "QUARRINGTON'S ASSESSMENT",  # capitals and possessive
        "Quarrington’s assessment",  # curly apostrophe
        "Met Zeb\u200bedee Quar\u200crington",  # zero-width space / non-joiner
        "Met Zeb\u2060edee\u00a0Quarrington",  # word joiner, non-breaking space
        "Met Zebedee\u202fQuarrington",  # narrow no-break space
        "Met Z\u0435b\u0435d\u0435\u0435 Qu\u0430rrington",  # Cyrillic е and а
        "Met Zebedee Qu\u03b1rrington",  # Greek alpha
        "Met Ζebedee",  # Greek capital zeta
        "Met Zebe\u00addee",  # soft hyphen
        "Met Ｚｅｂｅｄｅｅ",  # fullwidth
    ],
)
def test_disguised_names_are_found(text):
    assert find_leaks([text], NEEDLES), "a disguised name was not found"


def test_folding_is_the_same_on_both_sides():
    assert normalise("Z\u0435b\u200bedee\u00a0QUARRINGTON") == "Zebedee QUARRINGTON"
    # A needle written with a look-alike is folded too, so it still matches plain text.
    assert find_leaks(["Met Zebedee today"], [Needle("Z\u0435bedee", "name", True)])


def test_lower_case_common_words_are_not_names():
    assert not find_leaks(["he will go"], [Needle("Will", "name", True)])


def test_homoglyph_name_in_a_pdf_is_refused(tmp_path):
    path = tmp_path / "homoglyph.pdf"
    doc = pymupdf.open()
    # A CJK fallback font carries Cyrillic glyphs; both extractors return the Cyrillic text.
    doc.new_page().insert_text((72, 72), "Met Z\u0435b\u0435d\u0435\u0435 Qu\u0430rrington", fontname="china-s")
    save_clean(doc, path)
    message = refused(path)
    assert "found by pypdf" in message and "found by pdfminer.six" in message


def test_zero_width_split_name_in_a_pdf_is_refused(tmp_path):
    path = tmp_path / "zw.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Met Zeb\u200bedee Quar\u200brington", fontname="china-s")
    save_clean(doc, path)
    message = refused(path)
    assert "removed string(s) (name)" in message
