"""Writing a generated document as an A4 PDF with PyMuPDF's Story (HTML laid out into pages).

The PDF holds what a reader of the finished Word document sees: inserted tracked-change text
is there, deleted text and comments are not. Header lines, the OFFICIAL-SENSITIVE marking and
page numbers are stamped on each page after layout.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from pathlib import Path

import pymupdf

from pipeline.evaluation.corpus.model import Inline, Para, TableBlock, Written

_CSS = """
body { font-family: sans-serif; font-size: 10pt; }
p.title { font-size: 18pt; font-weight: bold; margin-bottom: 8pt; }
p.h1 { font-size: 13pt; font-weight: bold; margin-top: 8pt; margin-bottom: 4pt; }
p.h2 { font-size: 11pt; font-weight: bold; margin-top: 6pt; margin-bottom: 3pt; }
p { margin-top: 0; margin-bottom: 6pt; text-align: justify; }
li { margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%; margin: 0; }
p.after { margin-bottom: 4pt; }
th, td { border: 1px solid black; padding: 3pt; vertical-align: top; font-size: 9pt; }
th { background-color: #d9d9d9; font-weight: bold; text-align: left; }
"""
_PAGE = pymupdf.paper_rect("a4")
_BODY = _PAGE + (56, 70, -56, -62)  # margins: left, top, right, bottom (points)
_MAX_PAGES = 400
# (extra bottom margin in points, column width factor) tried in turn until a layout loses nothing.
_ATTEMPTS = ((0, 0.95), (9, 0.95), (18, 0.92), (5, 0.9), (27, 0.95), (13, 0.88), (31, 0.85))
# Headings are styled paragraphs: MuPDF's Story drops content when an <h2> falls at a page end.
_CLASSES = {"title": ' class="title"', "heading1": ' class="h1"', "heading2": ' class="h2"', "body": ""}


def write_pdf(written: Written, path: Path) -> None:
    """Write `written` to `path` as a PDF.

    MuPDF's Story occasionally drops a stretch of text at a page break, or clips a letter at a
    cell edge. Every layout is therefore checked word for word against its HTML, and redone
    with slightly different margins or column widths until nothing is lost: the gold depends
    on every word being there.
    """
    for bottom, width_factor in _ATTEMPTS:
        source = _html(written, width_factor)
        data = _layout(source, _BODY + (0, 0, 0, -bottom))
        if data is not None and not _lost_words(source, data):
            break
    else:
        raise RuntimeError("PDF layout lost text in every attempt")
    doc = pymupdf.open("pdf", data)
    header = ["".join(s.text for s in line) for line in written.header]
    footer = ["".join(s.text for s in line) for line in written.footer]
    total = doc.page_count
    for number, page in enumerate(doc, start=1):
        for i, line in enumerate(header):
            _stamp(page, 26 + 10 * i, line)
        for i, line in enumerate(footer):
            _stamp(page, _PAGE.height - 22 + 10 * i, line)
        page.insert_text(
            (_PAGE.width - 110, _PAGE.height - 22), f"Page {number} of {total}", fontsize=8, fontname="helv"
        )
    doc.set_metadata({"title": f"{written.case_id} {written.title}", "author": written.author, "creator": "sfo-redact corpus",
                      "producer": "PyMuPDF", "creationDate": "D:20240101090000Z", "modDate": "D:20240101090000Z"})  # fmt: skip
    doc.save(path, garbage=3, deflate=True, no_new_id=True)
    doc.close()


def _layout(source: str, body: pymupdf.Rect) -> bytes | None:
    """The HTML laid out on A4 pages, or None when the layout ran away."""
    story = pymupdf.Story(source, user_css=_CSS)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    pages = 0
    more = True
    while more:
        pages += 1
        device = writer.begin_page(_PAGE)
        more, filled = story.place(body)
        story.draw(device)
        writer.end_page()
        # A filled area far below the page, or no end in sight, is the Story bug at work.
        if pages > _MAX_PAGES or filled[3] > _PAGE.height + 100:
            writer.close()
            return None
    writer.close()
    return buffer.getvalue()


def _lost_words(source: str, data: bytes) -> bool:
    """True when some word of the HTML is missing from the laid-out pages."""
    expected = Counter(html.unescape(re.sub(r"<[^>]+>", " ", source)).split())
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP  # ligatures expanded
    with pymupdf.open("pdf", data) as doc:
        text = "\n".join(page.get_text(flags=flags) for page in doc)
    found = Counter(text.replace("-\n", "-").split())
    return bool(expected - found)


def _stamp(page: pymupdf.Page, baseline: float, line: str) -> None:
    """One line of header or footer; the Base-14 font only covers Latin-1, so others go via HTML."""
    try:
        line.encode("latin-1")
    except UnicodeEncodeError:
        box = pymupdf.Rect(56, baseline - 9, _PAGE.width - 120, baseline + 3)
        page.insert_htmlbox(box, html.escape(line), css="* {font-family: sans-serif; font-size: 8pt;}")
        return
    page.insert_text((56, baseline), line, fontsize=8, fontname="helv")


def _text(spans: Inline) -> str:
    return html.escape("".join(s.text for s in spans), quote=False)


def _html(written: Written, width_factor: float = 1.0) -> str:
    parts: list[str] = []
    open_list: str | None = None
    for block in written.blocks:
        kind = None
        if isinstance(block, Para) and block.style in ("bullet", "number"):
            kind = "ul" if block.style == "bullet" else "ol"
        if open_list and open_list != kind:
            parts.append(f"</{open_list}>")
            open_list = None
        if kind and open_list is None:
            parts.append(f"<{kind}>")
            open_list = kind
        if isinstance(block, TableBlock):
            parts.append(_table(block, width_factor))
        elif kind:
            parts.append(f"<li>{_para_text(block)}</li>")
        else:
            parts.append(f"<p{_CLASSES[block.style]}>{_para_text(block)}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "<body>" + "\n".join(parts) + "</body>"


def _para_text(block: Para) -> str:
    text = _text(block.spans)
    for rev in block.revisions:
        if rev.kind == "ins":
            text += _text(list(rev.spans))
    return text


def _table(block: TableBlock, width_factor: float = 1.0) -> str:
    """The table as one HTML table per row (header first), widths fixed so the columns line up.

    MuPDF's Story can cycle for ever when a multi-row table breaks across pages; a table of
    one row never breaks, and stacked with no gap they print as one bordered table.
    """
    widths = block.widths or (1,) * len(block.header)
    total = sum(widths)
    # Absolute widths (Story honours points, not percentages, reliably); 8pt per cell is padding and borders.
    usable = (_BODY.width - 8 * len(widths)) * width_factor
    percent = [f"{usable * w / total:.1f}pt" for w in widths]
    head = "".join(f'<th style="width:{p}">{html.escape(h, quote=False)}</th>' for h, p in zip(block.header, percent, strict=True))
    tables = [f'<table class="grid"><tr>{head}</tr></table>']
    for row in block.rows:
        cells = "".join(f'<td style="width:{p}">{_text(cell)}</td>' for cell, p in zip(row, percent, strict=True))
        tables.append(f'<table class="grid"><tr>{cells}</tr></table>')
    return "\n".join(tables) + '<p class="after"></p>'
