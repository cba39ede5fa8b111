"""Rebuild a clean A4 PDF from a redacted DOCX model.

The output is laid out afresh from the text units (never from the original file), so only
text that passed through the decisions can appear in it: removed spans are replaced by
their labels, drawn as white text in a black box, and hidden content is simply never
written. The marking, the header and footer units and "page n of N" are stamped on every
page after layout, then the file is saved by sanitize.save_clean (Story sets /Producer).
"""

from __future__ import annotations

import html
import io
import logging
import re
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pymupdf
import regex

from pipeline.errors import RenderError
from pipeline.model import (
    PAGE_COUNT,
    PAGE_NUMBER,
    Block,
    Cell,
    Decision,
    Document,
    Paragraph,
    Source,
    Style,
    Table,
    TextUnit,
    live_page_text,
)
from pipeline.render.arabic import has_arabic, joined_forms
from pipeline.render.replace import segments
from pipeline.render.sanitize import save_clean

logger = logging.getLogger("sfo_redact")

PAGE = pymupdf.paper_rect("a4")  # 595 x 842 pt
MARGIN = 57.0  # 2 cm
# The running header and footer sit inside the top and bottom margins; the body starts below.
HEADER_BAND = pymupdf.Rect(MARGIN, 18, PAGE.width - MARGIN, 60)
FOOTER_BAND = pymupdf.Rect(MARGIN, PAGE.height - 56, PAGE.width - MARGIN, PAGE.height - 16)
BODY = pymupdf.Rect(MARGIN, 70, PAGE.width - MARGIN, PAGE.height - 64)
# A runaway layout (an element that never fits) must stop rather than fill the disk.
MAX_PAGES = 5000

CSS = """
* { font-family: sans-serif; }
body { margin: 0; padding: 0; font-size: 10.5pt; line-height: 1.3; color: #000; }
h1 { font-size: 17pt; font-weight: bold; margin: 0 0 10pt 0; }
h2 { font-size: 13.5pt; font-weight: bold; margin: 12pt 0 5pt 0; }
h3 { font-size: 12pt; font-weight: bold; margin: 10pt 0 4pt 0; }
h4 { font-size: 11pt; font-weight: bold; margin: 8pt 0 4pt 0; }
p { margin: 0 0 6pt 0; }
ul { margin: 0 0 6pt 0; padding-left: 16pt; }
li { margin: 0 0 2pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt 0; }
th, td { border: 0.6pt solid #404040; padding: 0; vertical-align: top; text-align: left; font-size: 10pt; }
th { background-color: #d9d9d9; font-weight: bold; }
td p, th p { margin: 3pt 5pt 3pt 5pt; }
td ul, th ul { margin: 3pt 5pt 3pt 5pt; padding-left: 12pt; }
td table, th table { margin: 3pt 5pt 3pt 5pt; }
td .box, th .box { margin: 3pt 5pt 3pt 5pt; }
.box { border: 0.6pt solid #808080; padding: 4pt 6pt; margin: 0 0 6pt 0; }
.notes { font-size: 9pt; margin-top: 10pt; }
.notes p { margin: 0 0 3pt 0; }
.r { background-color: #000; color: #fff; }
"""

BAND_CSS = """
* { font-family: sans-serif; }
p { margin: 0; text-align: center; font-size: 8.5pt; color: #000; }
p.mark { font-size: 10pt; font-weight: bold; }
.r { background-color: #000; color: #fff; }
"""

_TAG = {Style.TITLE: "h1", Style.HEADING1: "h2", Style.HEADING2: "h3", Style.HEADING3: "h4"}
# Characters no HTML (and no PDF text) should carry; Word lets some through from pasted text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LIGATURE = re.compile(r"f(?=[fil])")
# The layout engine never breaks inside a word: a long unbroken token (a hash, a run of
# characters) would run over the next cell or off the page. A zero-width space every
# 25 characters lets it wrap; extractors read it as a space.
_UNBREAKABLE = re.compile(r"[^\s/\-_.@?&=]{40,}")


def _break_up(match: re.Match[str]) -> str:
    token = match.group(0)
    return "\u200b".join(token[i : i + 25] for i in range(0, len(token), 25))


class _Html:
    """Turns units and blocks into Story HTML; every unit's text goes through its decisions."""

    def __init__(self, document: Document, by_unit: dict[str, list[Decision]]) -> None:
        self.document = document
        self.by_unit = by_unit

    def unit(self, unit_id: str) -> TextUnit:
        try:
            return self.document.units[unit_id]
        except KeyError:
            raise RenderError(f"block refers to unknown unit {unit_id}", self.document.path) from None

    def text(self, unit_id: str) -> str:
        """The unit's output text as escaped HTML, labels in black boxes."""
        unit = self.unit(unit_id)
        parts: list[str] = []
        for seg in segments(unit.text, self.by_unit.get(unit_id, ())):
            escaped = _escape(seg.text)
            parts.append(f'<span class="r">{escaped}</span>' if seg.redacted else escaped)
        return "".join(parts)

    def blocks(self, blocks: Sequence[Block], in_cell: bool = False, width: float = 0.0) -> str:
        out: list[str] = []
        in_list = False
        in_notes = False
        for block in blocks:
            is_list = isinstance(block, Paragraph) and self.unit(block.unit).style is Style.LIST
            if in_list and not is_list:
                out.append("</ul>")
                in_list = False
            if isinstance(block, Table):
                out.append(self.table(block, width or BODY.width))
                continue
            unit = self.unit(block.unit)
            if unit.provenance.source is Source.FOOTNOTE and not in_notes and not in_cell:
                # Notes were appended after the body: set them apart as a notes section.
                out.append('<div class="notes"><hr/>')
                in_notes = True
            text = self.text(block.unit)
            if is_list:
                if not in_list:
                    out.append("<ul>")
                    in_list = True
                out.append(f"<li>{text}</li>")
            elif unit.provenance.source is Source.TEXTBOX:
                out.append(f'<div class="box">{text}</div>')
            elif unit.style in _TAG and not in_cell and unit.provenance.source is Source.BODY:
                tag = _TAG[unit.style]
                out.append(f"<{tag}>{text}</{tag}>")
            elif unit.style in _TAG:
                out.append(f"<p><b>{text}</b></p>")
            else:
                out.append(f"<p>{text}</p>")
        if in_list:
            out.append("</ul>")
        if in_notes:
            out.append("</div>")
        return "".join(out)

    flat_tables = False  # tables as paragraphs: the fallback when a row is taller than a page

    def table(self, table: Table, width: float) -> str:
        if self.flat_tables:
            rows = []
            for row in table.rows:
                cells = [self.blocks(cell.blocks, in_cell=True, width=width) for cell in row]
                rows.append('<div class="box">' + "".join(c for c in cells if c) + "</div>")
            return "".join(rows)
        columns = self._column_text(table)
        # Borders are drawn outside the widths given: leave room for them.
        widths = _column_widths(columns, width - 1.0 * (len(columns) + 1))
        rows: list[str] = []
        for row in table.rows:
            cells: list[str] = []
            column = 0
            for cell in row:
                span_width = sum(widths[column : column + cell.col_span]) or width / max(len(widths), 1)
                cells.append(self.cell(cell, span_width))
                column += cell.col_span
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return "<table>" + "".join(rows) + "</table>"

    def cell(self, cell: Cell, width: float) -> str:
        tag = "th" if cell.header else "td"
        span = f' colspan="{cell.col_span}"' if cell.col_span > 1 else ""
        inner = self.blocks(cell.blocks, in_cell=True, width=width - _CELL_INSET) or "<p>&#160;</p>"
        # Widths in points: Story ignores percentages on cells.
        return f'<{tag}{span} style="width:{width:.1f}pt">{inner}</{tag}>'

    def _column_text(self, table: Table) -> list[list[tuple[float, float]]]:
        """Measured text of each single-column cell, per grid column: what sizes the columns."""
        columns: list[list[tuple[float, float]]] = []
        for row in table.rows:
            column = 0
            for cell in row:
                while len(columns) < column + cell.col_span:
                    columns.append([])
                if cell.col_span == 1:
                    texts = self._cell_texts(cell.blocks)
                    measured = [_measure(t, cell.header) for t in texts] or [(0.0, 0.0)]
                    columns[column].append((max(m[0] for m in measured), max(m[1] for m in measured)))
                column += cell.col_span
        return columns

    def _cell_texts(self, blocks: Sequence[Block]) -> list[str]:
        out: list[str] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                out.append(self.unit(block.unit).text)
            else:
                for row in block.rows:
                    for cell in row:
                        out.extend(self._cell_texts(cell.blocks))
        return out


# Cell content sits in margins, not padding: Story redraws a padded cell's background as a
# thin bar on every later page.
_CELL_INSET = 12.0
_MIN_COLUMN = 30.0
# Story's sans-serif is Nimbus Sans, metric-compatible with Helvetica; bold for header cells.
_FONT = pymupdf.Font("helv")
_BOLD = pymupdf.Font("hebo")
_CELL_SIZE = 10.0
# The layout engine breaks lines at spaces, and only sometimes inside a token ("2012-03-23"
# never, a URL after some slashes): size columns by space-separated words.
_BREAKS = re.compile(r"\s+")


def _measure(text: str, bold: bool) -> tuple[float, float]:
    """(longest unbreakable piece, whole text) widths in points at the cell font size."""
    pieces = [p for p in _BREAKS.split(text) if p]
    longest = max((_length(p, bold) for p in pieces), default=0.0)
    return longest, _length(" ".join(text.split()), bold)


_ADVANCE: dict[tuple[str, bool], float] = {}


def _length(text: str, bold: bool) -> float:
    # Font.text_length is slow per call from Python; glyph advances are cached per character.
    total = 0.0
    for ch in text:
        advance = _ADVANCE.get((ch, bold))
        if advance is None:
            advance = (_BOLD if bold else _FONT).glyph_advance(ord(ch)) * _CELL_SIZE
            _ADVANCE[(ch, bold)] = advance
        total += advance
    return total


def _column_widths(columns: list[list[tuple[float, float]]], width: float) -> list[float]:
    """Column widths in points that share `width` by content, as a browser's auto layout would.

    Each column gets at least its longest unbreakable piece (capped, so one URL cannot
    starve the others); what is left goes to the columns whose text would otherwise wrap most.
    """
    if not columns:
        return []
    cap = width * 0.45
    least = [max([_MIN_COLUMN] + [min(lo + _CELL_INSET, cap) for lo, _ in col]) for col in columns]
    most = [max([_MIN_COLUMN] + [hi + _CELL_INSET for _, hi in col]) for col in columns]
    most = [max(a, b) for a, b in zip(least, most, strict=True)]
    if sum(most) <= width:
        grow = width / sum(most)
        return [m * grow for m in most]
    if sum(least) >= width:
        # Even the longest pieces do not fit: share in proportion, long words will wrap.
        return [m * width / sum(least) for m in least]
    spare = width - sum(least)
    extra = [b - a for a, b in zip(least, most, strict=True)]
    return [a + spare * e / sum(extra) for a, e in zip(least, extra, strict=True)]


# A private-use character marks where an Arabic letter ends until the text is escaped. It
# must not be one of the page-number marks (model.PAGE_NUMBER, PAGE_COUNT): those are filled
# in per page after escaping, and a shared character wiped "Page 1 of 4" to "Page of 4".
_CLUSTER_END = "\ue00f"
assert _CLUSTER_END not in (PAGE_NUMBER, PAGE_COUNT)


def _escape(text: str) -> str:
    text = _UNBREAKABLE.sub(_break_up, _CONTROL.sub("", text))
    if has_arabic(text):
        # Each letter in its joined form and laid out alone (an empty inline element between
        # letters): the font's contextual glyphs have no Unicode value (see render/arabic.py).
        clusters = joined_forms(text)
        text = "".join(
            c + (_CLUSTER_END if i + 1 < len(clusters) and (has_arabic(c) or has_arabic(clusters[i + 1])) else "")
            for i, c in enumerate(clusters)
        )
    text = html.escape(text, quote=True)
    text = text.replace(_CLUSTER_END, "<span></span>")
    # The layout engine would draw "ff", "fi", "fl" as ligature glyphs, which extract as
    # U+FB00.. and defeat every later text search (verification looking for a name such as
    # "Griffiths" would not find it). An empty inline element between the letters stops it.
    text = _LIGATURE.sub("f<span></span>", text)
    # A tab has no HTML equivalent: a wide gap keeps "Date:<tab>value" readable.
    return text.replace("\t", "&#160;&#160;&#160; ").replace("\n", "<br/>")


def _by_unit(document: Document, decisions: Sequence[Decision]) -> dict[str, list[Decision]]:
    """Decisions per unit, checked against the units so a stale decision cannot misplace a label."""
    by_unit: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        unit = document.units.get(d.unit_id)
        if unit is None:
            raise RenderError(f"a decision refers to unit {d.unit_id}, which the document does not have", document.path)
        if not (0 <= d.start < d.end <= len(unit.text)) or unit.text[d.start : d.end] != d.text:
            # The decision was made on different text: redacting by offsets could leak.
            raise RenderError(
                f"a decision for unit {d.unit_id} at {d.start}-{d.end} does not match the unit's text", document.path
            )
        by_unit[d.unit_id].append(d)
    return by_unit


class LayoutStuck(RenderError):  # noqa: N818 -- internal retry signal caught in this module (named by condition); renaming would touch other branches
    """Story placed nothing on a page: an element taller than a page (a long table row)."""


def _layout(body_html: str, css: str | None = None) -> bytes:
    """Flow the body over A4 pages with Story; the PDF bytes.

    Story cannot split a table row, and loops for ever producing empty pages when a row is
    taller than a page; a page on which nothing was placed raises LayoutStuck, and callers
    lay the document out again with tables written as paragraphs (layout_with_fallback).
    """
    story = pymupdf.Story(html=body_html, user_css=CSS if css is None else css)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    more, pages, empty = 1, 0, 0
    # A page holds at least ~600 characters of text; far more pages than that means Story is
    # going round in circles (it does, on some tables) rather than laying out text.
    limit = min(MAX_PAGES, 40 + len(_TAG_RE.sub("", body_html)) // 200)
    while more:
        pages += 1
        if pages > limit:
            writer.close()
            raise LayoutStuck(f"layout did not finish within {limit} pages")
        device = writer.begin_page(PAGE)
        more, filled = story.place(BODY)
        story.draw(device)
        writer.end_page()
        filled = pymupdf.Rect(filled)
        empty = empty + 1 if more and (filled.is_empty or filled.height < 1) else 0
        if empty >= 2:
            writer.close()
            raise LayoutStuck("layout placed nothing on a page (an element taller than a page)")
    writer.close()
    return buf.getvalue()


def layout_with_fallback(build, css: str | None = None) -> bytes:
    """Lay out `build(flat_tables)`'s HTML, checking that every paragraph reached the pages.

    Story can get stuck on, or silently drop the rest of, a table row taller than a page.
    Either way the document is laid out again with tables written as paragraphs; if text is
    still missing the output is refused rather than handed over incomplete.
    """
    astral = False
    for flat in (False, True):
        html_text = build(flat)
        try:
            pdf = _layout(html_text, css)
        except LayoutStuck:
            logger.warning("a table row is taller than a page; laying the document out with tables as paragraphs")
            continue
        missing = _missing_paragraphs(html_text, pdf)
        if not missing:
            return pdf
        astral = astral or any(_ASTRAL.search(text) for text in missing)
        logger.warning("layout dropped %d paragraph(s); laying the document out with tables as paragraphs", len(missing))
    if astral:
        # MuPDF draws such a character (an emoji, a rare ideograph) but writes only four hex
        # digits of it in the PDF's text map: U+1F680 reads back as U+1F68. The text layer
        # would not say what the page shows, and no later check could find a name in it.
        raise RenderError(
            "the document has characters beyond Unicode's basic plane (emoji or rare ideographs) that the PDF "
            "layout cannot write so that they read back; remove them, or redact this document by hand"
        )
    raise RenderError("the document could not be laid out without losing text")


# A character outside the Basic Multilingual Plane.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


_BLOCK_RE = re.compile(r"<(p|li|h[1-6])\b[^>]*>(.*?)</\1>", re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")


_SQUASH_RE = regex.compile(r"[\s\p{Cf}]+")


def _squash(text: str) -> str:
    """Text without spaces, ligatures or invisible break characters, for comparison."""
    return _SQUASH_RE.sub("", unicodedata.normalize("NFKC", text))


def _missing_paragraphs(html_text: str, pdf: bytes) -> list[str]:
    """The paragraphs of the HTML (as plain text) that are not in the laid-out PDF's text."""
    doc = pymupdf.open("pdf", pdf)
    try:
        laid = _squash("".join(page.get_text("text", flags=pymupdf.TEXT_PRESERVE_WHITESPACE) for page in doc))
    finally:
        doc.close()
    # Paragraphs come out in the order they went in: look for each from where the last one
    # was found (searching the whole text for each was quadratic: 480 pages took 10 s).
    # One out of place (a table cell laid out beside its row) is looked for from the start.
    missing: list[str] = []
    pos = 0
    for _, inner in _BLOCK_RE.findall(html_text):
        plain = html.unescape(_TAG_RE.sub("", inner))
        want = _squash(plain)
        if not want:
            continue
        if has_arabic(plain):
            # PyMuPDF gives a line that mixes directions partly in drawn order ("قال" as
            # "لاق"): each word must be there, as written or reversed; the order is not compared.
            words = regex.findall(r"\w+", unicodedata.normalize("NFKC", plain))
            if any(w not in laid and w[::-1] not in laid for w in words):
                missing.append(plain)
            continue
        found = laid.find(want, pos)
        if found < 0:
            found = laid.find(want)
        if found < 0:
            missing.append(plain)
        else:
            pos = found
    return missing


# The page number is drawn as text on the footer band's last line; the rest of the band
# holds the footer's own text and the marking.
_PAGE_LINE = 11.0
_PAGE_LINE_SIZE = 8.5


# Story paints a redaction's black background exactly one em tall, and per word, with hair
# gaps between; the brackets of "[date of birth]" reach above and below it. Each run of
# boxes on a line is joined and grown by this share of its height, drawn under the text.
_BOX_GROW = 0.13


def seal_boxes(page: pymupdf.Page) -> int:
    """Join each line's black redaction boxes and grow them to hold the label's glyphs; returns how many."""
    fills = sorted(
        # get_cdrawings: the C listing, 15 times faster than get_drawings (0.7 s on 80 pages)
        (pymupdf.Rect(d["rect"]) for d in page.get_cdrawings() if tuple(d.get("fill") or ()) == (0.0, 0.0, 0.0) and d.get("type") == "f"),
        key=lambda r: (round(r.y0, 1), r.x0),
    )
    runs: list[pymupdf.Rect] = []
    for r in fills:
        last = runs[-1] if runs else None
        if last is not None and abs(last.y0 - r.y0) < 0.5 and abs(last.y1 - r.y1) < 0.5 and r.x0 - last.x1 < 0.75:
            last.x1 = max(last.x1, r.x1)
        else:
            runs.append(pymupdf.Rect(r))
    for r in runs:
        grow = r.height * _BOX_GROW
        page.draw_rect(pymupdf.Rect(r.x0, r.y0 - grow, r.x1, r.y1 + grow), color=None, fill=(0, 0, 0), width=0, overlay=False)
    return len(runs)


def _band_stamp(body: str, rect: pymupdf.Rect, css: str) -> pymupdf.Document | None:
    """One page the size of `rect` holding `body` laid out by Story, or None for no text."""
    if not _TAG_RE.sub("", body).strip():
        return None
    stamp = pymupdf.open()
    page = stamp.new_page(width=rect.width, height=rect.height)
    # scale_low=0: a long header shrinks to fit its band rather than spill onto the body.
    page.insert_htmlbox(page.rect, body, css=css, scale_low=0)
    seal_boxes(page)
    return stamp


def draw_bands(
    doc: pymupdf.Document,
    header_html: str,
    footer_html: str,
    page_line,
    css: str = BAND_CSS,
    font: str = "helv",
    color: tuple[float, float, float] = (0, 0, 0),
) -> None:
    """Draw the running header and footer on every page, and the page line `page_line(n, total)`.

    Each band is laid out once and shown on every page: laying out HTML (Story) is what makes
    insert_htmlbox cost about 3 ms, and doing it twice a page cost a 40-page review 0.25 s.
    """
    footer_rect = pymupdf.Rect(FOOTER_BAND.x0, FOOTER_BAND.y0, FOOTER_BAND.x1, FOOTER_BAND.y1 - _PAGE_LINE)
    total = doc.page_count
    # A band with a page-number field (Word's PAGE, NUMPAGES) is laid out once per distinct
    # text, so each page shows its own number; a band without one, once for all pages.
    stamps: dict[tuple[str, str], pymupdf.Document | None] = {}

    def stamp(html: str, rect: pymupdf.Rect, number: int) -> pymupdf.Document | None:
        text = live_page_text(html, number, total)
        key = (text, "h" if rect is HEADER_BAND else "f")
        if key not in stamps:
            stamps[key] = _band_stamp(text, rect, css)
        return stamps[key]

    try:
        for number, page in enumerate(doc, start=1):
            header = stamp(header_html, HEADER_BAND, number)
            if header is not None:
                page.show_pdf_page(HEADER_BAND, header, 0)
            footer = stamp(footer_html, footer_rect, number)
            if footer is not None:
                page.show_pdf_page(footer_rect, footer, 0)
            text = page_line(number, total)
            width = pymupdf.get_text_length(text, fontname=font, fontsize=_PAGE_LINE_SIZE)
            page.insert_text(((page.rect.width - width) / 2, FOOTER_BAND.y1 - 2), text, fontname=font, fontsize=_PAGE_LINE_SIZE, color=color)
    finally:
        for s in stamps.values():
            if s is not None:
                s.close()


def _running_text(builder: _Html, unit_ids: Sequence[str], marking: str) -> str:
    """Header or footer units on one line, "·" between them; a unit repeating the marking is left out."""
    def key(text: str) -> str:
        return re.sub(r"[\W_]+", "", text).lower()

    parts = [builder.text(u) for u in unit_ids if key(builder.unit(u).text) != key(marking)]
    return f"<p>{' &#183; '.join(parts)}</p>" if parts else ""


def rebuild(
    document: Document,
    decisions: Sequence[Decision],
    out_path: Path,
    marking: str = "OFFICIAL-SENSITIVE",
) -> int:
    """Write the redacted document as a clean A4 PDF at `out_path`; the number of pages.

    Every unit's text is replaced through its decisions; content the reader set aside
    (Document.removed) is never written. The input file is not touched.
    """
    out_path = Path(out_path)
    if out_path.resolve() == Path(document.path).resolve():
        raise RenderError("the output path is the input document; refusing to overwrite the original", out_path)
    started = time.perf_counter()
    by_unit = _by_unit(document, decisions)
    builder = _Html(document, by_unit)

    def build(flat: bool) -> str:
        builder.flat_tables = flat
        return f"<body>{builder.blocks(document.blocks)}</body>"

    pdf = layout_with_fallback(build)
    builder.flat_tables = False

    header_text = _running_text(builder, document.header_units, marking)
    footer_text = _running_text(builder, document.footer_units, marking)
    mark = f'<p class="mark">{_escape(marking)}</p>' if marking else ""
    doc = pymupdf.open("pdf", pdf)
    try:
        total = doc.page_count
        for page in doc:
            seal_boxes(page)
        # "page", not "Page": a name withheld in the document may be the word (Holly Page),
        # and verification would rightly refuse the page line then.
        draw_bands(doc, mark + header_text, footer_text + mark, lambda n, total: f"page {n} of {total}")
        try:
            # Story wrote every page from the redacted text: no content stream to filter.
            save_clean(doc, out_path, clean_pages=False)
        except (RuntimeError, OSError, ValueError) as exc:
            raise RenderError(f"the PDF could not be written ({type(exc).__name__})", out_path) from None
    finally:
        doc.close()
    logger.info(
        "rebuilt %s: %d pages, %d decisions, %.2f s",
        out_path.name,
        total,
        len(decisions),
        time.perf_counter() - started,
    )
    return total
