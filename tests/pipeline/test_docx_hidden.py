"""Hidden and awkward DOCX content: everything the reader drops is listed for a person to check.

The rebuilt PDF leaves out pictures, charts, SmartArt, embedded objects, imported documents,
hyperlink addresses and field codes. Each must appear in `Document.removed` with a description
that is never empty (so `hidden_rows` gives it a log row), must carry any text it holds (alt
text and chart labels can name people), and must never reach the rebuilt PDF. Text Word does
show (headers and footers of first and even pages, footnotes, endnotes, text boxes, field
results) must be read as units. Every name is generated (Faker en_GB, seeded).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree
from pypdf import PdfReader

from pipeline.model import HiddenKind, Source
from pipeline.read.docx import read_docx
from pipeline.render import render
from redaction_logs.rows import hidden_rows
from tests.pipeline.docx_fixtures import add_field, build_review, fake

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
    f'xmlns:r="{REL}"'
)
VML_NS = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' f'xmlns:r="{REL}"'

f = fake(61)
NAMES = {key: f.name() for key in ("alt", "title", "file", "chart", "smartart", "ole", "tip", "custom", "vml", "group")}
EMAIL = f"{f.user_name()}@example.org"
FIELD_EMAIL = f"{f.user_name()}@example.net"
VISIBLE_LINK = "email the offender manager"


def png(shade: int = 180) -> bytes:
    """A small grey PNG; python-docx stores identical images once, so each picture gets its own shade."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 24, 16), 0)
    pix.clear_with(shade)
    return pix.tobytes("png")


def _run_xml(inner: str, ns: str = DRAWING_NS) -> etree._Element:
    return parse_xml(f'<w:r {nsdecls("w")} {ns}>{inner}</w:r>')


def _inline(graphic: str, doc_id: int, name: str, descr: str = "") -> str:
    descr_attr = f' descr="{descr}"' if descr else ""
    return (
        f'<w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        f'<wp:docPr id="{doc_id}" name="{name}"{descr_attr}/>'
        f"<a:graphic>{graphic}</a:graphic></wp:inline></w:drawing>"
    )


def _chart_part(title: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich>'
        f"<a:p><a:r><a:t>Contacts with {title}</a:t></a:r></a:p></c:rich></c:tx></c:title>"
        '<c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>March</c:v></c:pt>'
        '</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache><c:pt idx="0"><c:v>4</c:v></c:pt>'
        "</c:numCache></c:numRef></c:val></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>"
    ).encode()


def _diagram_part(text: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
        f'<dgm:pt modelId="1"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></dgm:t></dgm:pt>'
        "</dgm:ptLst></dgm:dataModel>"
    ).encode()


def _custom_xml_item(value: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><caseData><caseOwner>{value}</caseOwner></caseData>'.encode()


def add_to_package(path: Path, parts: dict[str, bytes], relationships: list[tuple[str, str, str, bool]]) -> None:
    """Add parts, and relationships (id, type, target, external) of word/document.xml."""
    with zipfile.ZipFile(path) as zin:
        content = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    rels = etree.fromstring(content["word/_rels/document.xml.rels"])
    for rid, rel_type, target, external in relationships:
        el = etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=rid, Type=f"{REL}/{rel_type}", Target=target)
        if external:
            el.set("TargetMode", "External")
    content["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    content.update(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in content.items():
            zout.writestr(name, data)


def build_awkward(path: Path) -> Path:
    """A short review holding one of each object the rebuilt PDF leaves out."""
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    d.add_paragraph("The chronology follows.")
    # Pictures: with a description and title, with a typed file name, and with nothing at all.
    described = d.add_paragraph("Photograph: ").add_run().add_picture(io.BytesIO(png(180)))
    described._inline.docPr.set("descr", f"Photograph of {NAMES['alt']}")
    described._inline.docPr.set("title", NAMES["title"])
    named = path.with_name(f"{NAMES['file'].replace(' ', '_')}.png")
    named.write_bytes(png(120))
    d.add_paragraph().add_run().add_picture(str(named))  # python-docx names the picture after its file
    d.add_paragraph().add_run().add_picture(io.BytesIO(png(60)))  # "image.png": nothing to list
    # A chart and a SmartArt diagram whose words live in their own parts.
    chart = d.add_paragraph("Chart: ")
    chart._p.append(_run_xml(_inline(
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdChart1"/></a:graphicData>',
        101, "Chart 1")))
    smart = d.add_paragraph("Diagram: ")
    smart._p.append(_run_xml(_inline(
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        '<dgm:relIds r:dm="rIdDgm1" r:lo="rIdDgm2" r:qs="rIdDgm3" r:cs="rIdDgm4"/></a:graphicData>',
        102, "Diagram 1")))
    # An embedded Excel worksheet (OLE) with alternative text on its VML picture, and a VML image.
    ole = d.add_paragraph("Embedded: ")
    ole._p.append(_run_xml(
        f'<w:object><v:shape id="_x0000_i1025" alt="Contacts kept by {NAMES["ole"]}"><v:imagedata r:id="rIdOlePic" o:title=""/></v:shape>'
        '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" r:id="rIdOle1"/></w:object>', VML_NS))
    vml = d.add_paragraph("Old picture: ")
    vml._p.append(_run_xml(f'<w:pict><v:shape id="s2"><v:imagedata r:id="rIdOlePic" o:title="{NAMES["vml"]}"/></v:shape></w:pict>', VML_NS))
    # A hyperlink: its words are document text, its address and screen tip are not.
    link = d.add_paragraph("Contact: ")
    link._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w")} xmlns:r="{REL}" r:id="rIdLink1" w:tooltip="Write to {NAMES["tip"]}">'
        f'<w:r><w:t xml:space="preserve">{VISIBLE_LINK}</w:t></w:r></w:hyperlink>'))
    add_field(d.add_paragraph("Or: "), f'HYPERLINK "mailto:{FIELD_EMAIL}"', "the team mailbox")
    # A page-number field: no address, nothing to list.
    add_field(d.add_paragraph("Page "), "PAGE", "1")
    # A shape group holding a picture (listed) and a text box (read as text).
    group = d.add_paragraph("Group: ")
    group._p.append(_run_xml(_inline(
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
        '<wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="7" name="Picture 7" descr="{NAMES["group"]}"/></pic:nvPicPr></pic:pic>'
        '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Grouped caption text.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
        "</wpg:wgp></a:graphicData>",
        103, "Group 3")))
    d.add_paragraph("End of review.")
    d.save(str(path))
    # An imported document (altChunk) after the last paragraph.
    with zipfile.ZipFile(path) as zin:
        main = zin.read("word/document.xml")
    root = etree.fromstring(main)
    body = root.find(f"{{{root.nsmap['w']}}}body")
    body.insert(len(body) - 1, parse_xml(f'<w:altChunk {nsdecls("w")} xmlns:r="{REL}" r:id="rIdChunk1"/>'))
    add_to_package(
        path,
        {
            "word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
            "word/charts/chart1.xml": _chart_part(NAMES["chart"]),
            "word/diagrams/data1.xml": _diagram_part(f"Referral by {NAMES['smartart']}"),
            "word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK\x05\x06" + b"\x00" * 18,
            "word/afchunk.mht": b"MIME-Version: 1.0\r\n\r\nImported text",
            "customXml/item1.xml": _custom_xml_item(NAMES["custom"]),
        },
        [
            ("rIdChart1", "chart", "charts/chart1.xml", False),
            ("rIdDgm1", "diagramData", "diagrams/data1.xml", False),
            ("rIdOle1", "package", "embeddings/Microsoft_Excel_Worksheet.xlsx", False),
            ("rIdOlePic", "image", "media/image1.png", False),
            ("rIdLink1", "hyperlink", f"mailto:{EMAIL}", True),
            ("rIdChunk1", "aFChunk", "afchunk.mht", False),
        ],
    )
    return path


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    folder = tmp_path_factory.mktemp("awkward")
    path = build_awkward(folder / "SFO61234-review.docx")
    document = read_docx(path)
    pdf = folder / "rebuilt.pdf"
    render(document, [], pdf)
    return document, pdf


def embedded(document) -> list[str]:
    return [h.text for h in document.removed if h.kind is HiddenKind.EMBEDDED]


def pdf_text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


@pytest.mark.parametrize(
    "kind, holds",
    [
        ("image", [f"Photograph of {NAMES['alt']}", NAMES["title"]]),
        ("image", [NAMES["file"].replace(" ", "_")]),
        ("image (no description)", []),
        ("chart", [f"Contacts with {NAMES['chart']}", "March"]),
        ("SmartArt diagram", [f"Referral by {NAMES['smartart']}"]),
        ("embedded object (Excel.Sheet.12)", [f"Contacts kept by {NAMES['ole']}"]),
        ("image", [NAMES["vml"]]),
        ("hyperlink", [f"mailto:{EMAIL}", f"Write to {NAMES['tip']}"]),
        ("field code HYPERLINK", [f"mailto:{FIELD_EMAIL}"]),
        ("group of shapes with picture(s)", [NAMES["group"]]),
        ("imported MHTML document part", []),
    ],
    ids=["described image", "image named after its file", "bare image", "chart", "SmartArt", "OLE object",
         "VML image", "hyperlink", "HYPERLINK field", "group with picture", "altChunk"],
)
def test_left_out_object_is_listed_with_the_text_it_holds(awkward, kind, holds):
    document, _ = awkward
    matches = [t for t in embedded(document) if t.startswith(kind) and all(h in t for h in holds)]
    assert len(matches) == 1, embedded(document)


def test_numbers_and_generic_names_are_not_listed(awkward):
    document, _ = awkward
    items = embedded(document)
    assert not any("Picture 1" in t or "Chart 1" in t or "; 4" in t for t in items)
    assert not any(t.startswith("field code PAGE") for t in items)  # no address, nothing to check
    assert len(items) == 11


def test_custom_xml_part_is_a_removed_property(awkward):
    document, _ = awkward
    assert NAMES["custom"] in [h.text for h in document.removed if h.kind is HiddenKind.PROPERTY]


def test_visible_text_of_links_and_groups_is_still_read(awkward):
    document, _ = awkward
    text = "\n".join(u.text for u in document.units.values())
    assert VISIBLE_LINK in text and "the team mailbox" in text and "Grouped caption text." in text
    assert EMAIL not in text and FIELD_EMAIL not in text


def test_every_removed_item_gets_a_log_row(awkward):
    document, _ = awkward
    assert all(h.text.strip() for h in document.removed)
    rows = hidden_rows("SFO61234-review.redacted.pdf", document.removed, 1)
    assert len(rows) == len(document.removed)
    assert {r.gist for r in rows if r.text in embedded(document)} == {HiddenKind.EMBEDDED.value}


def test_nothing_removed_reaches_the_rebuilt_pdf(awkward):
    _, pdf = awkward
    text = pdf_text(pdf)
    assert VISIBLE_LINK in text  # the rebuilt PDF was read
    for secret in (*NAMES.values(), NAMES["file"].replace(" ", "_"), EMAIL, FIELD_EMAIL, "Imported text", "March"):
        assert secret not in text
    reader = PdfReader(pdf)
    assert all(not page.images for page in reader.pages)
    assert not reader.attachments


# ------------------------------------------------------------- text Word shows is read


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    path = tmp_path_factory.mktemp("shown") / "SFO12345_review.docx"
    r = build_review(path)
    endnote = add_endnote(path, f"Endnote naming {f.name()}.")
    document = read_docx(path)
    pdf = path.with_name("rebuilt.pdf")
    render(document, [], pdf)
    return r, endnote, document, pdf


def add_endnote(path: Path, text: str) -> str:
    """An endnotes part, and a reference to its note at the end of the last body paragraph."""
    with zipfile.ZipFile(path) as zin:
        main = zin.read("word/document.xml")
    root = etree.fromstring(main)
    w = root.nsmap["w"]
    last = root.findall(f".//{{{w}}}body/{{{w}}}p")[-1]
    last.append(parse_xml(f'<w:r {nsdecls("w")}><w:endnoteReference w:id="1"/></w:r>'))
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:endnotes {nsdecls("w")}>'
        f'<w:endnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:endnote></w:endnotes>'
    ).encode()
    add_to_package(
        path,
        {"word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), "word/endnotes.xml": notes},
        [("rIdEn1", "endnotes", "endnotes.xml", False)],
    )
    return text


def test_shown_text_is_read_as_units_and_rebuilt(review):
    r, endnote, document, pdf = review
    by_source = {}
    for unit in document.units.values():
        by_source.setdefault(unit.provenance.source, []).append(unit.text)
    headers, footers = "\n".join(by_source[Source.HEADER]), "\n".join(by_source[Source.FOOTER])
    for kind in ("default", "first", "even", "second"):
        assert r.headers[kind] in headers
    for kind in ("default", "first", "even"):
        assert r.footers[kind] in footers
    notes = "\n".join(by_source[Source.FOOTNOTE])
    assert r.footnote in notes and endnote in notes
    assert any(r.textbox in t for t in by_source[Source.TEXTBOX])
    body = "\n".join(u.text for u in document.units.values())
    assert r.field_result in body and "AUTHOR" not in body  # field result read, instruction not
    rebuilt = " ".join(pdf_text(pdf).split())
    for shown in (r.headers["default"], r.footers["default"], r.footnote, endnote, r.textbox, r.field_result):
        assert " ".join(shown.split()) in rebuilt


def test_field_code_without_an_address_is_not_listed(review):
    _, _, document, _ = review
    assert not any("AUTHOR" in h.text for h in document.removed)
