"""Writing a generated document as DOCX: styles, a real table, header/footer, comments, tracked changes.

Comments use python-docx's `add_comment`; tracked changes are raw `w:ins` / `w:del` elements
(python-docx has no API for them). The ZIP is rewritten with fixed timestamps so that the same
seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from pipeline.evaluation.corpus.model import Inline, Revision, TableBlock, Written

_STYLES = {
    "title": "Title",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "body": "Normal",
    "bullet": "List Bullet",
    "number": "List Number",
}
_FIXED_TIME = dt.datetime(2024, 1, 1, 9, 0, 0)


def write_docx(written: Written, path: Path) -> None:
    """Write `written` to `path` as a Word document."""
    document = docx.Document()
    props = document.core_properties
    props.author = written.author
    props.last_modified_by = written.author
    props.title = f"{written.case_id} {written.title}"
    props.created = props.modified = _FIXED_TIME
    props.revision = 1
    section = document.sections[0]
    for part, lines in ((section.header, written.header), (section.footer, written.footer)):
        for i, line in enumerate(lines):
            # The template's header and footer each start with one empty paragraph: use it.
            _add_runs(part.paragraphs[0] if i == 0 else part.add_paragraph(), line)
    _page_number(section.footer.add_paragraph())
    revision_id = 100
    for block in written.blocks:
        if isinstance(block, TableBlock):
            _add_table(document, block)
            continue
        paragraph = document.add_paragraph(style=_STYLES[block.style])
        runs = _add_runs(paragraph, block.spans)
        for rev in block.revisions:
            revision_id += 1
            paragraph._p.append(_revision(rev, revision_id))
        if block.comment is not None and runs:
            comment = document.add_comment(
                runs, text="".join(s.text for s in block.comment.spans),
                author=block.comment.author, initials=block.comment.initials,
            )  # fmt: skip
            comment._comment_elm.set(qn("w:date"), _FIXED_TIME.isoformat() + "Z")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _add_runs(paragraph: Paragraph, spans: Inline) -> list:
    """One run per span; some names are split over two runs, as Word's editing leaves them."""
    runs = []
    for span in spans:
        if not span.text:
            continue
        checksum = zlib.crc32(span.text.encode("utf-8"))
        if span.category == "name" and len(span.text) > 5 and checksum % 4 == 0:
            cut = 1 + checksum // 4 % (len(span.text) - 2)
            runs += [paragraph.add_run(span.text[:cut]), paragraph.add_run(span.text[cut:])]
        else:
            runs.append(paragraph.add_run(span.text))
    return runs


def _add_table(document: DocxDocument, block: TableBlock) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    _repeat_header(table.rows[0])
    for row in block.rows:
        cells = table.add_row().cells
        for cell, spans in zip(cells, row, strict=True):
            _add_runs(cell.paragraphs[0], spans)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _revision(rev: Revision, revision_id: int):
    """A w:ins or w:del element holding one run of the revision's text."""
    element = OxmlElement("w:ins" if rev.kind == "ins" else "w:del")
    element.set(qn("w:id"), str(revision_id))
    element.set(qn("w:author"), rev.author)
    element.set(qn("w:date"), rev.date)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t" if rev.kind == "ins" else "w:delText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = "".join(s.text for s in rev.spans)
    run.append(text)
    element.append(run)
    return element


def _page_number(paragraph: Paragraph) -> None:
    paragraph.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.runs[0].font.size = Pt(8)


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every member's timestamp fixed (reproducible bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
