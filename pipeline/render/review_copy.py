"""The review copy: the original with each proposed redaction highlighted and tagged.

A senior manager reads it beside the redaction log: every span the log lists is shown in
its original words on a yellow highlight, followed (DOCX) or topped (PDF) by a red tag with
the row's reference and the label that replaces it ("R004: PP1"). Content removed whole
(comments, the not-for-disclosure column) is listed on a last page by reference. Every page
is marked INTERNAL; the copy holds the original text and never enters the VLU pack.
"""

from __future__ import annotations

import html
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pymupdf

from pipeline.errors import RenderError
from pipeline.model import Document, DocumentKind, live_page_text
from pipeline.mupdf_lock import with_mupdf
from pipeline.read.pdf import open_pdf
from pipeline.render.sanitize import save_clean
from pipeline.render.text_operators import expand_text_quotes
from redaction_logs.rows import LogRow

logger = logging.getLogger("sfo_redact")

MARK = "INTERNAL REVIEW COPY - NOT FOR SHARING - OFFICIAL-SENSITIVE"
_HIGHLIGHT = (1.0, 0.85, 0.2)
_DISCLOSE = (0.55, 0.85, 0.55)
_TAG_RED = (0.75, 0.0, 0.0)
_TAG_SIZE = 5.5
REVIEW_CSS = """
.hl { background-color: #ffe066; }
.hd { background-color: #b7e1b0; }
.tag { color: #c00000; font-size: 7pt; font-weight: bold; }
.appx td, .appx th { font-size: 9pt; }
"""
BAND_CSS = "* { font-family: sans-serif; } p { margin: 0; text-align: center; font-size: 8pt; color: #c00000; font-weight: bold; }"


def tag_text(row: LogRow) -> str:
    """What the tag says: the reference and what the reader of the shared copy will see."""
    if row.action == "Disclose":
        return f"{row.ref}: disclose"
    return f"{row.ref}: {row.label}"


_TAG_REF = re.compile(r"\b(R\d{3,}):\s")


def tag_pages(path: Path) -> dict[str, int]:
    """Reference -> the page of the review copy its tag is on (DOCX rows have no page until laid out)."""
    pages: dict[str, int] = {}
    with pymupdf.open(path) as doc:
        for page in doc:
            for ref in _TAG_REF.findall(page.get_text()):
                pages.setdefault(ref, page.number + 1)
    return pages


@with_mupdf
def write_review_copy(document: Document, rows: Sequence[LogRow], out_path: Path, *, title: str = "") -> int:
    """Write the review copy of one document; returns its page count."""
    out_path = Path(out_path)
    if out_path.resolve() == Path(document.path).resolve():
        raise RenderError("the review copy would overwrite the original", document.path)
    spans: dict[str, list[LogRow]] = defaultdict(list)
    hidden: list[LogRow] = []
    for row in rows:
        if row.hidden:
            hidden.append(row)
        elif row.unit_id in document.units:
            spans[row.unit_id].append(row)
    if document.kind is DocumentKind.PDF:
        return _pdf_copy(document, spans, hidden, out_path)
    return _docx_copy(document, spans, hidden, out_path, title)


def _appendix_html(hidden: Sequence[LogRow]) -> str:
    if not hidden:
        return ""
    body = "".join(
        f"<tr><td><p>{html.escape(r.ref)}</p></td><td><p>{html.escape(r.gist)}</p></td><td><p>{html.escape(r.location)}</p></td></tr>"
        for r in hidden
    )
    return (
        "<h2>Removed whole (not shown above)</h2>"
        "<p>These never reach the shared copy. Their text is in the redaction log's internal column.</p>"
        f'<table class="appx"><tr><th><p>Ref</p></th><th><p>What</p></th><th><p>Where</p></th></tr>{body}</table>'
    )


# ---------------------------------------------------------------- DOCX: rebuilt with highlights


def _docx_copy(document: Document, spans: dict[str, list[LogRow]], hidden: Sequence[LogRow], out_path: Path, title: str) -> int:
    from pipeline.render import pdf_rebuild as rd

    class _ReviewHtml(rd._Html):
        """Every unit's original text, with the log's spans highlighted and tagged."""

        def text(self, unit_id: str) -> str:
            unit = self.unit(unit_id)
            out: list[str] = []
            pos = 0
            for row in sorted(spans.get(unit_id, ()), key=lambda r: r.start):
                if row.start < pos or row.end > len(unit.text):
                    continue  # overlapping or stale: the log still lists it
                out.append(rd._escape(unit.text[pos : row.start]))
                cls = "hd" if row.action == "Disclose" else "hl"
                out.append(f'<span class="{cls}">{rd._escape(unit.text[row.start : row.end])}</span>')
                out.append(f'<span class="tag"> [{html.escape(tag_text(row))}]</span>')
                pos = row.end
            out.append(rd._escape(unit.text[pos:]))
            return "".join(out)

    builder = _ReviewHtml(document, {})
    # The running header and footer are shown once, first, so their rows have a place too.
    running = "".join(
        f'<div class="box"><p><b>{what}:</b> {live_page_text(builder.text(u), None, None)}</p></div>'
        for what, units in (("Header", document.header_units), ("Footer", document.footer_units))
        for u in units
        if document.units[u].text.strip()
    )

    def build(flat: bool) -> str:
        builder.flat_tables = flat
        return f"<body>{running}{builder.blocks(document.blocks)}{_appendix_html(hidden)}</body>"

    pdf_bytes = rd.layout_with_fallback(build, rd.CSS + REVIEW_CSS)
    doc = pymupdf.open("pdf", pdf_bytes)
    try:
        total = doc.page_count
        rd.draw_bands(doc, f"<p>{html.escape(MARK)}</p><p>{html.escape(title)}</p>", "", lambda n, total: f"{MARK} - page {n} of {total}", css=BAND_CSS, font="hebo", color=(0.75, 0, 0))
        save_clean(doc, out_path, clean_pages=False)  # written by Story: nothing to filter
    finally:
        doc.close()
    return total


# ---------------------------------------------------------------- PDF: the original, marked up


class _Taken:
    """Rectangles already on a page (its words, the tags placed so far), found by band of height.

    pymupdf.Rect.intersects is Python code: testing every candidate against every word cost
    13 s on a 41-page review (cProfile); plain tuples in 20 pt bands cost milliseconds.
    """

    BAND = 20.0

    def __init__(self, rects) -> None:
        self.bands: dict[int, list[tuple[float, float, float, float]]] = defaultdict(list)
        for r in rects:
            self.add(r)

    def add(self, r) -> None:
        box = (float(r[0]), float(r[1]), float(r[2]), float(r[3]))
        for band in range(int(box[1] // self.BAND), int(box[3] // self.BAND) + 1):
            self.bands[band].append(box)

    def hits(self, r: pymupdf.Rect) -> bool:
        for band in range(int(r.y0 // self.BAND), int(r.y1 // self.BAND) + 1):
            for x0, y0, x1, y1 in self.bands.get(band, ()):
                if x0 < r.x1 and r.x0 < x1 and y0 < r.y1 and r.y0 < y1:
                    return True
        return False


def _tag_place(rects: list[pymupdf.Rect], width: float, taken: _Taken, page: pymupdf.Rect) -> tuple[pymupdf.Rect, bool]:
    """Where a span's tag goes so that it covers no text: above the span's first line, below
    its last, or in the margin beside them; (box, True) for the first free place, else the
    place above it (False). A span starting on a cell's second line has the first line's
    text right above it, which a tag there used to cover.
    """
    h = _TAG_SIZE * 1.4  # the tag text's own box: Helvetica's ascender and descender
    first, last = rects[0], rects[-1]
    candidates = [
        pymupdf.Rect(first.x0, first.y0 - h, first.x0 + width, first.y0),
        pymupdf.Rect(last.x0, last.y1, last.x0 + width, last.y1 + h),
        pymupdf.Rect(first.x1 + 1, first.y0 - h, first.x1 + 1 + width, first.y0),
        pymupdf.Rect(first.x1 - width, first.y1, first.x1, first.y1 + h),
    ]
    for line in (first, last):
        candidates.append(pymupdf.Rect(page.x1 - width - 4, line.y0, page.x1 - 4, line.y0 + h))  # right margin
        candidates.append(pymupdf.Rect(4, line.y0, 4 + width, line.y0 + h))  # left margin
    for c in candidates:
        if page.contains(c) and not taken.hits(c):
            return c, True
    return candidates[0], False


def _pdf_copy(document: Document, spans: dict[str, list[LogRow]], hidden: Sequence[LogRow], out_path: Path) -> int:
    from pipeline.render.pdf_burn import line_boxes, text_width

    try:
        doc = open_pdf(Path(document.path))  # the same repair the reader made, if any
    except Exception:  # noqa: BLE001 - MuPDF raises several types for an unreadable file
        raise RenderError("the original can no longer be opened", document.path) from None
    try:
        expand_text_quotes(doc, Path(document.path))  # save_clean's filter would move text drawn with ' and "
        by_page: dict[int, list[tuple[list[pymupdf.Rect], LogRow]]] = defaultdict(list)
        for unit_id, rows in spans.items():
            unit = document.units[unit_id]
            if unit.boxes is None or unit.provenance.page is None:
                continue
            for row in rows:
                rects = line_boxes(unit.boxes[row.start : row.end])
                if rects:
                    by_page[unit.provenance.page].append((rects, row))
        for page in doc:
            page.wrap_contents()  # our drawing must not inherit the page's transformations
            items = by_page.get(page.number + 1, [])
            shape = page.new_shape()
            for rects, row in items:
                for rect in rects:
                    shape.draw_rect(rect)
                    shape.finish(fill=_DISCLOSE if row.action == "Disclose" else _HIGHLIGHT, fill_opacity=0.45, width=0)
            for region in document.removed_regions:
                if region.page == page.number + 1:
                    shape.draw_rect(pymupdf.Rect(region.box))
                    shape.finish(color=_TAG_RED, fill=(1, 0.8, 0.8), fill_opacity=0.3, width=0.8)
            taken = _Taken(w[:4] for w in page.get_text("words"))
            for rects, row in items:
                label = tag_text(row)
                width = text_width(label, "helv") * _TAG_SIZE + 2
                box, clear = _tag_place(rects, width, taken, page.rect)
                taken.add(box)
                if not clear:  # nowhere free on the page: keep the text under it legible
                    shape.draw_rect(box)
                    shape.finish(fill=(1, 1, 1), fill_opacity=0.5, width=0)
                shape.insert_text((box.x0 + 1, box.y1 - 0.3 * _TAG_SIZE), label, fontname="helv", fontsize=_TAG_SIZE, color=_TAG_RED)
            shape.insert_text((12, 12), MARK, fontname="hebo", fontsize=7, color=_TAG_RED)
            shape.commit()
        if hidden:
            page = doc.new_page(width=595, height=842)
            page.insert_htmlbox(
                pymupdf.Rect(57, 57, 538, 785),
                f"<p><b>{html.escape(MARK)}</b></p>{_appendix_html(hidden)}",
                css="* { font-family: sans-serif; font-size: 9pt; } td, th { border: 0.5pt solid #808080; padding: 2pt; }",
            )
        total = doc.page_count
        save_clean(doc, out_path)
    finally:
        doc.close()
    return total
