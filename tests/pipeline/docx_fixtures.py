"""Build fictitious SFO review DOCX files at test time (Faker en_GB, seeded).

python-docx writes the ordinary structure; raw WordprocessingML is injected for what it
cannot write (tracked changes, text boxes, content controls, fields, footnotes, custom
properties). Every name and identifier here is generated; none is real.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from faker import Faker
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def fake(seed: int = 1) -> Faker:
    f = Faker("en_GB")
    f.seed_instance(seed)
    return f


def crn(f: Faker) -> str:
    """A fictitious CRN: one letter and six digits."""
    return f.bothify("?######", letters="ABCDEFGHJKLMNPRSTVWXYZ")


@dataclass
class Review:
    """What went into a generated review, so tests can look for (or not find) it."""

    path: Path
    si: str = ""
    pp: str = ""
    victim: str = ""
    crn: str = ""
    body: list[str] = field(default_factory=list)
    nfd: list[str] = field(default_factory=list)
    comment: str = ""
    deleted: str = ""
    moved_from: str = ""
    inserted: str = ""
    field_instruction: str = "AUTHOR \\* MERGEFORMAT"
    field_result: str = ""
    properties: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    footers: dict[str, str] = field(default_factory=dict)
    textbox: str = ""
    footnote: str = ""
    sdt_text: str = ""
    merged: str = ""
    vmerged: str = ""
    nested: list[str] = field(default_factory=list)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def add_tracked(paragraph, inserted: str = "", deleted: str = "", moved_from: str = "") -> None:
    """Append a tracked insertion, deletion and move-from to `paragraph`."""
    p = paragraph._p
    if inserted:
        p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="901" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">{_run(inserted)}</w:ins>'))
    if deleted:
        p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="902" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">'
                f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
            )
        )
    if moved_from:
        p.append(parse_xml(f'<w:moveFrom {nsdecls("w")} w:id="903" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">{_run(moved_from)}</w:moveFrom>'))


def add_field(paragraph, instruction: str, result: str) -> None:
    """Append a complex field (instruction excluded from text, result included)."""
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{result}</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


def add_textbox(paragraph, text: str) -> None:
    """Anchor a text box to `paragraph` the way Word writes it: DrawingML choice, VML fallback."""
    ns = (
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    content = f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>"
    xml = (
        f'<w:r {nsdecls("w")} {ns}><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
        f"</mc:AlternateContent></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def wrap_in_content_control(paragraph) -> None:
    """Put a body paragraph inside a block-level w:sdt content control."""
    p = paragraph._p
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Box"/></w:sdtPr><w:sdtContent/></w:sdt>')
    p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(p)


def add_footnote_reference(paragraph, note_id: int) -> None:
    paragraph._p.append(
        parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>')
    )


def _footnotes_xml(notes: dict[int, str]) -> bytes:
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{_run(" " + t)}</w:p></w:footnote>' for i, t in notes.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {nsdecls("w")}>'
        f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{body}</w:footnotes>"
    ).encode()


def _custom_xml(props: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" name="{k}"><vt:lpwstr>{v}</vt:lpwstr></property>'
        for i, (k, v) in enumerate(props.items())
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>'
    ).encode()


def add_parts(
    path: Path,
    footnotes: dict[int, str] | None = None,
    custom: dict[str, str] | None = None,
    company: str | None = None,
) -> None:
    """Rewrite the saved DOCX with a footnotes part, custom properties and an app.xml Company."""
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    ct = etree.fromstring(parts["[Content_Types].xml"])
    ct_ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    if footnotes:
        parts["word/footnotes.xml"] = _footnotes_xml(footnotes)
        rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
        etree.SubElement(
            rels,
            "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship",
            Id="rIdFn1",
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
            Target="footnotes.xml",
        )
        parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        etree.SubElement(
            ct,
            f"{{{ct_ns}}}Override",
            PartName="/word/footnotes.xml",
            ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        )
    if custom:
        parts["docProps/custom.xml"] = _custom_xml(custom)
        rels = etree.fromstring(parts["_rels/.rels"])
        etree.SubElement(
            rels,
            "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship",
            Id="rIdCustom",
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
            Target="docProps/custom.xml",
        )
        parts["_rels/.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        etree.SubElement(
            ct,
            f"{{{ct_ns}}}Override",
            PartName="/docProps/custom.xml",
            ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml",
        )
    if company and "docProps/app.xml" in parts:
        app = etree.fromstring(parts["docProps/app.xml"])
        ns = app.nsmap.get(None, "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")
        el = app.find(f"{{{ns}}}Company")
        if el is None:
            el = etree.SubElement(app, f"{{{ns}}}Company")
        el.text = company
        parts["docProps/app.xml"] = etree.tostring(app, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["[Content_Types].xml"] = etree.tostring(ct, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)


def nfd_table(document, heading: str, position: int, rows: list[list[str]], columns: int = 4):
    """A chronology table whose column `position` carries `heading`; rows fill the others."""
    table = document.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    titles = ["Date", "Event", "Agency", "Analysis"][: columns - 1]
    titles.insert(position, heading)
    for cell, title in zip(table.rows[0].cells, titles, strict=False):
        cell.text = title
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            cell.text = value
    return table


def build_review(path: Path, seed: int = 7) -> Review:
    """A review with every structure the reader must handle."""
    f = fake(seed)
    r = Review(path=path)
    r.si, r.pp, r.victim = f.name(), f.name(), f.name()
    r.crn = crn(f)
    d = docx.Document()

    d.add_paragraph(f"Serious Further Offence Review {f.bothify('SFO#####')}", style="Title")
    d.add_heading("1. Summary", level=1)
    p = d.add_paragraph(f"{r.si} (CRN {r.crn}) was supervised by {r.pp} from the Eastbrook PDU.")
    r.body.append(p.text)
    r.inserted = f"Inserted note about {f.city()} hostel."
    r.deleted = f"Deleted remark about {f.name()}."
    r.moved_from = f"Moved sentence about {f.name()}."
    add_tracked(p, inserted=" " + r.inserted, deleted=" " + r.deleted, moved_from=" " + r.moved_from)
    run = d.add_paragraph("The comment is anchored here.").runs[0]
    r.comment = f"Check this with {f.name()} before sign-off."
    d.add_comment(run, text=r.comment, author=f.name(), initials="XY")
    d.add_heading("1.1 Background", level=2)
    fp = d.add_paragraph("Field result: ")
    r.field_result = f.name()
    add_field(fp, r.field_instruction, r.field_result)
    tb = d.add_paragraph("Paragraph anchoring a text box.")
    r.textbox = f"Text box about {f.city()}."
    add_textbox(tb, r.textbox)
    d.add_paragraph("")  # empty: no unit, but counted
    d.add_paragraph("First risk factor.", style="List Bullet")
    d.add_paragraph("Second risk factor.", style="List Bullet")
    d.add_heading("1.1.1 Detail", level=3)
    fnp = d.add_paragraph(f"The victim, {r.victim}, was known to services.")
    r.footnote = f"Footnote naming {f.name()}."
    add_footnote_reference(fnp, 1)
    sp = d.add_paragraph(f"Content control text {f.postcode()}.")
    r.sdt_text = sp.text
    wrap_in_content_control(sp)
    tab = d.add_paragraph("Tab")
    tab.add_run().add_tab()
    tab.add_run("after").add_break()
    tab.add_run("next line")

    d.add_heading("2. Chronology", level=1)
    r.nfd = [f"NFD {f.name()} intelligence", f"NFD {f.name()} health"]
    t = nfd_table(
        d,
        "Not for disclosure",
        2,
        [["01/02/2023", f"Home visit by {r.pp}", r.nfd[0], "Probation"], ["05/03/2023", "MAPPA meeting", r.nfd[1], "Police"]],
    )
    row = t.add_row().cells
    row[0].merge(row[3]).text = "Full-width section row"
    # A horizontal merge and a vertical merge.
    t2 = d.add_table(rows=4, cols=3)
    t2.style = "Table Grid"
    for c, title in zip(t2.rows[0].cells, ["Date", "Event", "Agency"], strict=True):
        c.text = title
    r.merged = "Spans two columns"
    t2.cell(1, 1).merge(t2.cell(1, 2)).text = r.merged
    t2.cell(1, 0).text = "10/10/2023"
    r.vmerged = "Spans two rows"
    t2.cell(2, 0).merge(t2.cell(3, 0)).text = r.vmerged
    t2.cell(2, 1).text = "a"
    t2.cell(2, 2).text = "b"
    t2.cell(3, 1).text = "c"
    t2.cell(3, 2).text = "d"
    outer = t2.cell(3, 2)
    inner = outer.add_table(rows=2, cols=2)
    r.nested = ["Inner head A", "Inner head B", "Inner 1", "Inner 2"]
    for cell, text in zip([*inner.rows[0].cells, *inner.rows[1].cells], r.nested, strict=True):
        cell.text = text
    d.add_paragraph("Closing paragraph after the tables.")

    # Headers and footers: default, first page, even page, and a second section unlinked.
    s0 = d.sections[0]
    s0.different_first_page_header_footer = True
    d.settings.odd_and_even_pages_header_footer = True
    r.headers = {
        "default": f"Default header {f.bothify('SFO#####')}",
        "first": "First page header",
        "even": "Even page header",
        "second": "Second section header",
    }
    r.footers = {"default": "Default footer", "first": "First page footer", "even": "Even page footer"}
    s0.header.paragraphs[0].text = r.headers["default"]
    s0.first_page_header.paragraphs[0].text = r.headers["first"]
    s0.even_page_header.paragraphs[0].text = r.headers["even"]
    s0.footer.paragraphs[0].text = r.footers["default"]
    s0.first_page_footer.paragraphs[0].text = r.footers["first"]
    s0.even_page_footer.paragraphs[0].text = r.footers["even"]
    s1 = d.add_section()
    s1.header.is_linked_to_previous = False
    s1.header.paragraphs[0].text = r.headers["second"]
    s1.footer.is_linked_to_previous = False
    s1.footer.paragraphs[0].text = r.footers["default"]  # identical: deduplicated
    d.add_paragraph("Second section body.")

    cp = d.core_properties
    cp.author, cp.last_modified_by = f.name(), f.name()
    cp.title = f"Review of {r.si}"
    cp.subject = f"Subject {f.bothify('SFO#####')}"
    cp.keywords = f"{f.word()} {f.word()}"
    r.properties = [cp.author, cp.last_modified_by, cp.title, cp.subject, cp.keywords]
    d.save(str(path))
    company, custom = f.company(), f"Owner {f.name()}"
    add_parts(path, footnotes={1: r.footnote}, custom={"CaseOwner": custom}, company=company)
    r.properties += [company, custom]
    return r


def build_long(path: Path, pages: int = 40, seed: int = 3) -> None:
    """A review of roughly `pages` A4 pages: headings, paragraphs, a chronology table."""
    f = fake(seed)
    d = docx.Document()
    d.add_paragraph("Serious Further Offence Review", style="Title")
    # About 1.45 sections of this shape fill an A4 page once rebuilt.
    for section in range(int(pages * 1.45)):
        d.add_heading(f"{section + 1}. {f.sentence(nb_words=3).rstrip('.')}", level=1)
        for _ in range(4):
            d.add_paragraph(f"{f.name()} " + f.paragraph(nb_sentences=6))
        d.add_paragraph(f.sentence(), style="List Bullet")
        d.add_paragraph(f.sentence(), style="List Bullet")
        t = nfd_table(d, "Information not for disclosure", 3, [[f.date(), f.sentence(nb_words=12), f.company(), f.sentence()] for _ in range(6)])
        del t
    d.sections[0].header.paragraphs[0].text = "Header"
    d.sections[0].footer.paragraphs[0].text = "Footer"
    d.save(str(path))
