"""Read a text-layer PDF into a Document whose every character keeps its box on the page.

One text unit per text block (lines joined with a space that has no box), or per table cell
for tables read on pages that carry a "not for disclosure" column. That column is taken out
here: its area becomes a RemovedRegion (burned whole later) and its text goes to
`Document.removed`, never into a unit. Annotations, form-field values and document
metadata are set aside too, so verification can prove they are absent from the output.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pymupdf

from pipeline.columns import is_not_for_disclosure
from pipeline.errors import UnsupportedDocumentError
from pipeline.model import (
    Box,
    Document,
    DocumentKind,
    HiddenContent,
    HiddenKind,
    Provenance,
    RemovedRegion,
    Source,
    Style,
    TextUnit,
)

log = logging.getLogger(__name__)

# find_tables prints a one-time advertisement on stdout; a batch job's output is no place for it.
pymupdf.no_recommend_layout()

# Whitespace kept so offsets match what is drawn; ligatures NOT preserved so "ﬃ" comes out
# as "ffi" (a name like "Griffiths" must reach detection spelled normally); images not
# extracted (their bytes are not needed and cost most of the extraction time).
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP

# A block is a heading when its font is this much larger than the body text...
_HEADING1_RATIO = 1.5
_HEADING2_RATIO = 1.15
# ... or when it is bold and at most this long (and outside a table).
_SHORT_HEADING_CHARS = 80
# Column edges of a table continued on the next page must agree within this (points).
_EDGE_TOLERANCE = 2.0
# Running headers and footers live in these bands (fraction of page height); text there does
# not stop a table from counting as continuing over the page break.
_MARGIN_BAND = 0.1
# A table's header row may start this far above the line naming the column (points).
_HEADER_ROW_ALLOWANCE = 60.0
# The heading naming the column is looked for in this many rows at the top of a table.
_HEADING_ROWS = 3
# Table borders are drawn as lines or thin filled rectangles at most this wide (points).
_RULE_WIDTH = 3.0

# Whitespace MuPDF emits as characters (counted out of "letters").
_SPACES = (" ", "\t", "\xa0", "\u2002", "\u2003", "\u2009")

# How _place files a character.
_UNIT, _HIDDEN, _DROP = "unit", "hidden", "drop"

_METADATA_KEYS = ("title", "author", "subject", "keywords")


def read_pdf(path: Path) -> Document:
    """Read a PDF with a text layer; raise UnsupportedDocumentError for anything else."""
    path = Path(path)
    started = time.perf_counter()
    doc = _open(path)
    scratch: list[pymupdf.Document] = []  # annotation-free copies of pages, closed below
    try:
        pages = [_page_chars(doc, page, scratch) for page in doc]
        body_size = _body_font_size(pages)
        reader = _Reader(path, doc, body_size)
        for page_chars in pages:
            reader.read_page(page_chars)
        document = Document(
            path=path,
            kind=DocumentKind.PDF,
            units=reader.units,
            removed=reader.removed + _hidden_extras(doc),
            removed_regions=reader.regions,
            page_count=doc.page_count,
            page_sizes=[(p.rect.width, p.rect.height) for p in doc],
        )
    finally:
        for copy in scratch:
            copy.close()
        doc.close()
    log.info(
        "read %s: %d pages, %d units, %d removed items, %d removed regions in %.2f s",
        path.name,
        document.page_count,
        len(document.units),
        len(document.removed),
        len(document.removed_regions),
        time.perf_counter() - started,
    )
    return document


# ---------------------------------------------------------------- opening and checking


def _open(path: Path) -> pymupdf.Document:
    """Open `path` as a PDF, failing with a one-line reason a disclosure lead can act on."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise UnsupportedDocumentError(f"cannot be read ({exc.strerror or type(exc).__name__})", path) from None
    if size == 0:
        raise UnsupportedDocumentError("the file is empty (0 bytes)", path)
    # The PDF header may follow a little junk, but it must be near the start (ISO 32000 7.5.2
    # allows readers to look in the first 1024 bytes); MuPDF would "repair" anything else.
    if b"%PDF-" not in head:
        raise UnsupportedDocumentError("not a PDF file (no PDF header)", path)
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception:  # MuPDF raises several types for unreadable files; the cause is logged
        log.debug("MuPDF could not open %s", path.name, exc_info=True)
        raise UnsupportedDocumentError("not a readable PDF (corrupt or truncated)", path) from None
    try:
        if doc.needs_pass:
            raise UnsupportedDocumentError("the PDF is encrypted and needs a password; save an unprotected copy", path)
        # A repaired file has lost its cross-reference table (truncated or corrupt); what it
        # shows may not be what its author saw, so it is not redacted automatically.
        if doc.is_repaired:
            raise UnsupportedDocumentError("the PDF is damaged (truncated or corrupt) and had to be repaired", path)
        if doc.page_count == 0:
            raise UnsupportedDocumentError("the PDF has no pages", path)
    except BaseException:
        doc.close()
        raise
    return doc


# ---------------------------------------------------------------- characters of a page


class _Line(NamedTuple):
    """One extracted line: its characters and their boxes, and what headings are judged by."""

    block: int
    number: int  # page-wide: a change of line is a line break
    chars: list[str]
    boxes: list[Box]
    text: str
    size: float  # the font size most of its characters are written in
    bold: bool  # all its non-space characters are bold
    letters: int  # non-space characters
    bbox: Box


@dataclass
class _PageChars:
    number: int  # 1-based
    rect: pymupdf.Rect
    lines: list[_Line]
    page: pymupdf.Page = field(repr=False)

    @property
    def text(self) -> str:
        """The page's text, lines separated by spaces (for the column heading test only)."""
        return " ".join(line.text for line in self.lines)


def _page_chars(doc: pymupdf.Document, page: pymupdf.Page, scratch: list[pymupdf.Document]) -> _PageChars:
    """Every line of a page with its characters' boxes, in the content's order."""
    lines: list[_Line] = []
    if page.first_annot or page.first_widget:
        # MuPDF extracts the appearance text of annotations and form fields with the page;
        # that text goes to `removed` (see _hidden_extras) and is deleted on output, so the
        # page is read from an in-memory copy without them (same coordinates). Dropping the
        # characters under their rectangles instead would also drop page text beneath them.
        copy = pymupdf.open()
        copy.insert_pdf(doc, from_page=page.number, to_page=page.number, links=0, annots=0, widgets=0)
        scratch.append(copy)
        number = page.number
        page = copy[0]
    else:
        number = page.number
    raw = page.get_text("rawdict", flags=_TEXT_FLAGS)
    for block in raw["blocks"]:
        if block.get("type", 0) != 0:
            continue
        for line in block["lines"]:
            chars: list[str] = []
            boxes: list[Box] = []
            sizes: Counter = Counter()
            bold = True
            for span in line["spans"]:
                span_bold = bool(span["flags"] & pymupdf.TEXT_FONT_BOLD) or "bold" in span["font"].lower()
                span_chars = span["chars"]
                span_text = [ch["c"] for ch in span_chars]
                piece = "".join(span_text)
                chars.extend(span_text)  # one entry per box, whatever its length
                boxes.extend([ch["bbox"] for ch in span_chars])
                letters = len(piece) - sum(piece.count(w) for w in _SPACES)
                if letters:
                    sizes[round(span["size"], 1)] += letters
                    bold = bold and span_bold
            if not chars:
                continue
            letters = sum(sizes.values())
            size = sizes.most_common(1)[0][0] if sizes else 0.0
            text = "".join(chars)
            bbox = tuple(line["bbox"])
            lines.append(_Line(block["number"], len(lines), chars, boxes, text, size, bold and letters > 0, letters, bbox))
    number += 1
    if not any(line.letters for line in lines) and page.get_image_info():
        raise UnsupportedDocumentError(
            f"page {number} has no text layer (scanned?); it cannot be redacted automatically", doc.name
        )
    return _PageChars(number, page.rect, lines, page)


def _body_font_size(pages: list[_PageChars]) -> float:
    """The font size most characters are written in."""
    sizes: Counter = Counter()
    for p in pages:
        for line in p.lines:
            sizes[line.size] += line.letters
    return sizes.most_common(1)[0][0] if sizes else 0.0


# ---------------------------------------------------------------- tables and the column


@dataclass(frozen=True)
class _Grid:
    """A table read on one page: cell boxes by (row, column), and where the column goes."""

    index: int  # document-wide table number
    bbox: Box
    cells: tuple[tuple[int, int, Box], ...]  # (row, column, box)
    columns: tuple[tuple[float, float], ...]  # x0, x1 of each column, left to right
    removed_column: int | None
    removed_box: Box | None
    header_row: int | None  # the row holding the column heading (-1: above the table); None if continued


@dataclass(frozen=True)
class _Carry:
    """A "not for disclosure" table that reached the bottom of its page."""

    index: int
    columns: tuple[tuple[float, float], ...]
    column: int
    x0: float
    x1: float
    next_row: int


def _columns(table: pymupdf.table.Table) -> tuple[tuple[float, float], ...]:
    """x0, x1 of each column of a table, from its row with the most separate cells."""
    row = max(table.rows, key=lambda r: sum(c is not None for c in r.cells))
    return tuple((cell[0], cell[2]) for cell in row.cells if cell is not None)


def _inside(box: Box, area: Box) -> bool:
    """True when the centre of `box` lies in `area` (glyph boxes overlap their neighbours)."""
    cx = (box[0] + box[2]) / 2
    cy = (box[1] + box[3]) / 2
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


# ---------------------------------------------------------------- building units


@dataclass
class _Acc:
    """Characters gathered for one unit (or one hidden item) in order."""

    key: tuple
    provenance: Provenance
    chars: list[str] = field(default_factory=list)
    boxes: list[Box | None] = field(default_factory=list)
    sizes: Counter = field(default_factory=Counter)
    bold: bool = True
    last_line: int | None = None

    def _break(self, line: _Line) -> None:
        # Lines of one block or cell are joined with a single space that has no box; a
        # line ending in a hyphen keeps it ("Smith-" + "Jones" -> "Smith- Jones").
        if self.last_line is not None and line.number != self.last_line and self.chars and not self.chars[-1].isspace():
            self.chars.append(" ")
            self.boxes.append(None)
        self.last_line = line.number

    def add_line(self, line: _Line) -> None:
        self._break(line)
        self.chars.extend(line.chars)
        self.boxes.extend(line.boxes)
        if line.letters:
            self.sizes[line.size] += line.letters
            self.bold = self.bold and line.bold

    def add_char(self, c: str, box: Box, line: _Line) -> None:
        self._break(line)
        self.chars.append(c)
        self.boxes.append(box)
        if not c.isspace():
            self.sizes[line.size] += 1
            self.bold = self.bold and line.bold

    def text_and_boxes(self) -> tuple[str, tuple[Box | None, ...]]:
        # Trailing/leading whitespace carries no information; offsets stay aligned with boxes.
        start, end = 0, len(self.chars)
        while start < end and self.chars[start].isspace():
            start += 1
        while end > start and self.chars[end - 1].isspace():
            end -= 1
        return "".join(self.chars[start:end]), tuple(self.boxes[start:end])


class _Reader:
    """Turns pages of characters into units, removed text and removed regions."""

    def __init__(self, path: Path, doc: pymupdf.Document, body_size: float) -> None:
        self.path = path
        self.doc = doc
        self.body_size = body_size
        self.units: dict[str, TextUnit] = {}
        self.removed: list[HiddenContent] = []
        self.regions: list[RemovedRegion] = []
        self.section: str | None = None
        self.paragraph = 0
        self.tables = 0
        self.carry: _Carry | None = None

    # ---- tables

    def _grids(self, pc: _PageChars) -> list[_Grid]:
        """Tables that need cell-level reading on this page; find_tables only when needed."""
        carry, self.carry = self.carry, None
        grids: list[_Grid] = []
        if carry is not None:
            continued = self._continued_grid(pc, carry)
            if continued is not None:
                grids.append(continued)
        clip = self._heading_clip(pc)
        if clip is not None:
            for table in pc.page.find_tables(clip=clip).tables:
                if grids and pymupdf.Rect(table.bbox).intersects(pymupdf.Rect(grids[0].bbox)):
                    continue  # the continued table, read already from its rulings
                grid = self._nfd_grid(pc, table)
                if grid is not None:
                    grids.append(grid)
        grids.sort(key=lambda g: g.bbox[1])
        if clip is not None and not any(g.removed_column is not None for g in grids) and self._names_column(pc):
            # The page heads a "not for disclosure" column we could not find (a table without
            # rulings, say): its text would otherwise reach the units. Fail closed.
            raise UnsupportedDocumentError(
                f"page {pc.number} has a 'not for disclosure' heading but its table column could not be"
                " found; it cannot be redacted automatically",
                self.path,
            )
        if grids and grids[-1].removed_column is not None and self._reaches_bottom(pc, grids[-1].bbox):
            last = grids[-1]
            self.carry = _Carry(
                last.index,
                last.columns,
                last.removed_column,
                last.removed_box[0],
                last.removed_box[2],
                max(r for r, _, _ in last.cells) + 1 if last.cells else 0,
            )
        return grids

    @staticmethod
    def _heading_clip(pc: _PageChars) -> pymupdf.Rect | None:
        """The part of the page the table under a "not for disclosure" heading can be in.

        find_tables extracts the text of whatever area it is given, character by character,
        which is most of its cost: the area is cut down to the vertical rulings that cross the
        heading line and those joined to them below (the table's extent), when there are any.
        """
        if not is_not_for_disclosure(pc.text):
            return None
        headings = [line.bbox for line in pc.lines if is_not_for_disclosure(line.text)]
        if not headings:
            # A heading broken over lines matches no single line: search the whole page.
            return pymupdf.Rect(pc.rect)
        top = min(b[1] for b in headings)
        clip = pymupdf.Rect(pc.rect.x0, max(pc.rect.y0, top - _HEADER_ROW_ALLOWANCE), pc.rect.x1, pc.rect.y1)
        rulings = [pymupdf.Rect(d["rect"]) for d in pc.page.get_cdrawings()]
        verticals = sorted((r for r in rulings if r.width <= _RULE_WIDTH < r.height), key=lambda r: r.y0)
        crossing = [r for r in verticals if any(r.y0 <= (b[1] + b[3]) / 2 <= r.y1 for b in headings)]
        if not crossing:
            return clip
        y0 = min(r.y0 for r in crossing)
        y1 = max(r.y1 for r in crossing)
        for r in verticals:
            if y0 <= r.y0 <= y1 + _EDGE_TOLERANCE:
                y1 = max(y1, r.y1)  # the next row's rulings join on below
        # The margin keeps an external header (text just above the top ruling) in view.
        return pymupdf.Rect(pc.rect.x0, max(clip.y0, y0 - _HEADER_ROW_ALLOWANCE), pc.rect.x1, min(pc.rect.y1, y1 + 2))

    @staticmethod
    def _names_column(pc: _PageChars) -> bool:
        """True when a short block (a heading, a header row) names the column."""
        blocks: dict[int, list[str]] = defaultdict(list)
        for line in pc.lines:
            blocks[line.block].append(line.text)
        texts = (" ".join(block) for block in blocks.values())
        return any(len(text) <= _SHORT_HEADING_CHARS and is_not_for_disclosure(text) for text in texts)

    def _cells(self, table: pymupdf.table.Table, first_row: int) -> tuple[tuple[int, int, Box], ...]:
        cells: list[tuple[int, int, Box]] = []
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell is not None:
                    cells.append((first_row + r, c, tuple(cell)))
        return tuple(cells)

    def _nfd_grid(self, pc: _PageChars, table: pymupdf.table.Table) -> _Grid | None:
        """A table one of whose heading cells names the "not for disclosure" column."""
        found = self._heading_cell(pc, table)
        if found is None:
            return None
        row, column, cell = found
        box = (cell[0], cell[1], cell[2], table.bbox[3])
        index = self.tables
        self.tables += 1
        self.regions.append(RemovedRegion(pc.number, box))
        # A heading found in an external header sits above the table, as row 0 of no grid
        # row; the table's own rows are then numbered from 1.
        first_row = 1 if row < 0 else 0
        return _Grid(index, tuple(table.bbox), self._cells(table, first_row), _columns(table), column, box, row)

    @staticmethod
    def _heading_cell(pc: _PageChars, table: pymupdf.table.Table) -> tuple[int, int, Box] | None:
        """(row, column, cell box) of the heading naming the column; row -1 for an external header.

        find_tables' own header guess comes first; then the first rows are searched, because a
        title row spanning the table ("Chronology") makes it guess the wrong row.
        """
        header = table.header
        for c, name in enumerate(header.names):
            if name and is_not_for_disclosure(name) and header.cells[c] is not None:
                return (-1 if header.external else 0), c, tuple(header.cells[c])
        for r, row in enumerate(table.rows[:_HEADING_ROWS]):
            for c, cell in enumerate(row.cells):
                if cell is None:
                    continue
                text = "".join(
                    ch for line in pc.lines if line.bbox[1] < cell[3] and line.bbox[3] > cell[1]
                    for ch, box in zip(line.chars, line.boxes) if _inside(box, cell)
                )
                if is_not_for_disclosure(text):
                    return r, c, tuple(cell)
        return None

    def _continued_grid(self, pc: _PageChars, carry: _Carry) -> _Grid | None:
        """Last page's table continuing at the top of this one without its header row.

        Read from the page's rulings at the carried column edges rather than find_tables:
        layout programs often leave out the top border of a continued table, and find_tables
        then drops its first row (whose "not for disclosure" text would reach a unit). It is
        also a hundred times cheaper.
        """
        rulings = [pymupdf.Rect(d["rect"]) for d in pc.page.get_cdrawings()]
        verticals = [r for r in rulings if r.width <= _RULE_WIDTH < r.height]
        horizontals = [r for r in rulings if r.height <= _RULE_WIDTH < r.width]
        edges = sorted({x for column in carry.columns for x in column})
        x_left, x_right = edges[0], edges[-1]

        def at(x: float, r: pymupdf.Rect) -> bool:
            return abs((r.x0 + r.x1) / 2 - x) <= _EDGE_TOLERANCE

        # Every column edge must be ruled, or this is not the same table.
        if not all(any(at(x, r) for r in verticals) for x in edges):
            return None
        segments = sorted((r for r in verticals if any(at(x, r) for x in edges)), key=lambda r: r.y0)
        top, bottom = segments[0].y0, segments[0].y1
        for r in segments[1:]:
            if r.y0 > bottom + _EDGE_TOLERANCE:
                break  # a later table with the same columns
            bottom = max(bottom, r.y1)
        top_band = pc.rect.y0 + pc.rect.height * _MARGIN_BAND
        for line in pc.lines:
            # Body text above the table means it is a new table, not the old one continuing.
            if line.letters and line.bbox[3] <= top and line.bbox[1] > top_band:
                return None
        # Row boundaries: horizontal rulings across the table, between its top and bottom.
        ys = sorted(
            {
                round((r.y0 + r.y1) / 2, 1)
                for r in horizontals
                if r.x0 < x_right and r.x1 > x_left and top < (r.y0 + r.y1) / 2 < bottom
            }
        )
        bounds = [top]
        for y in ys:
            if y - bounds[-1] > _EDGE_TOLERANCE:
                bounds.append(y)
        if bottom - bounds[-1] > _EDGE_TOLERANCE:
            bounds.append(bottom)
        else:
            bounds[-1] = bottom
        cells = tuple(
            (carry.next_row + r, c, (x0, bounds[r], x1, bounds[r + 1]))
            for r in range(len(bounds) - 1)
            for c, (x0, x1) in enumerate(carry.columns)
        )
        box = (carry.x0, top, carry.x1, bottom)
        self.regions.append(RemovedRegion(pc.number, box))
        log.debug("page %d: table %d continues; column %d removed", pc.number, carry.index + 1, carry.column + 1)
        return _Grid(carry.index, (x_left, top, x_right, bottom), cells, carry.columns, carry.column, box, None)

    def _reaches_bottom(self, pc: _PageChars, bbox: Box) -> bool:
        """No body text below the table: it may continue on the next page."""
        bottom_band = pc.rect.y1 - pc.rect.height * _MARGIN_BAND
        return not any(line.letters and line.bbox[1] >= bbox[3] and line.bbox[3] < bottom_band for line in pc.lines)

    # ---- pages

    def read_page(self, pc: _PageChars) -> None:
        grids = self._grids(pc)
        accs: dict[tuple, _Acc] = {}
        order: dict[tuple, None] = {}  # unit keys in first-appearance order; a table counts once
        hidden: dict[tuple, _Acc] = {}

        def target(key: tuple, kind: str) -> _Acc:
            found = hidden if kind == _HIDDEN else accs
            acc = found.get(key)
            if acc is None:
                acc = found[key] = _Acc(key, self._provenance(pc, key))
                if kind == _UNIT:
                    order.setdefault(("table", key[1]) if key[0] == "cell" else key)
            return acc

        for line in pc.lines:
            if not grids:
                # No table to split: a whole line joins its block (the common, fast path).
                target(("block", line.block), _UNIT).add_line(line)
                continue
            for c, box in zip(line.chars, line.boxes):
                key, kind = self._place(box, line.block, grids)
                if kind != _DROP:
                    target(key, kind).add_char(c, box, line)
        for acc in hidden.values():
            text, _ = acc.text_and_boxes()
            if text:
                self.removed.append(HiddenContent(HiddenKind.NOT_FOR_DISCLOSURE, text, acc.provenance))
        for item in order:
            if item[0] == "table":
                cells = sorted((k for k in accs if k[0] == "cell" and k[1] == item[1]), key=lambda k: (k[2], k[3]))
                for k in cells:
                    self._emit(pc, accs[k], in_table=True)
            else:
                self._emit(pc, accs[item], in_table=False)

    @staticmethod
    def _provenance(pc: _PageChars, key: tuple) -> Provenance:
        if key[0] == "block":
            return Provenance(Source.BODY, page=pc.number)
        _, table, row, col = key
        return Provenance(Source.TABLE, page=pc.number, table=table, row=None if row < 0 else row, column=col)

    @staticmethod
    def _place(box: Box, block: int, grids: list[_Grid]) -> tuple[tuple, str]:
        """Which unit or hidden item a character belongs to, and whether it is kept."""
        for grid in grids:
            in_column = grid.removed_box is not None and _inside(box, grid.removed_box)
            if not in_column and not _inside(box, grid.bbox):
                continue
            cy = (box[1] + box[3]) / 2
            cx = (box[0] + box[2]) / 2
            for row, col, cell in grid.cells:
                if cell[1] <= cy <= cell[3] and cell[0] <= cx <= cell[2]:
                    if in_column or col == grid.removed_column:
                        # The column heading is not personal data; it is burned with the
                        # region but kept out of `removed` (a search for it would match
                        # the region's own label).
                        return ("hidden", grid.index, row, col), _DROP if row == grid.header_row else _HIDDEN
                    return ("cell", grid.index, row, col), _UNIT
            if in_column:
                # Inside the column but in no cell (an external header above the table, a
                # gap between rulings): never into a unit.
                above = grid.header_row is not None and box[3] <= grid.bbox[1]
                return ("hidden", grid.index, -1, grid.removed_column), _DROP if above else _HIDDEN
        return ("block", block), _UNIT

    def _emit(self, pc: _PageChars, acc: _Acc, in_table: bool) -> None:
        text, boxes = acc.text_and_boxes()
        if not text:
            return
        style = Style.BODY
        heading = False
        if not in_table and acc.sizes and self.body_size:
            size = acc.sizes.most_common(1)[0][0]
            if size >= self.body_size * _HEADING1_RATIO:
                style, heading = Style.HEADING1, True
            elif size >= self.body_size * _HEADING2_RATIO:
                style, heading = Style.HEADING2, True
            elif acc.bold and len(text) <= _SHORT_HEADING_CHARS:
                style, heading = Style.HEADING3, True
        if acc.key[0] == "cell":
            _, table, row, col = acc.key
            unit_id = f"p{pc.number}-t{table + 1}-r{row + 1}-c{col + 1}"
        else:
            unit_id = f"p{pc.number}-b{acc.key[1]}"
        if heading:
            self.section = unit_id
        prov = acc.provenance
        provenance = Provenance(
            prov.source,
            page=pc.number,
            paragraph=self.paragraph,
            table=prov.table,
            row=prov.row,
            column=prov.column,
            section=self.section,
        )
        self.paragraph += 1
        self.units[unit_id] = TextUnit(unit_id, text, provenance, style, boxes)


# ---------------------------------------------------------------- hidden places


def _hidden_extras(doc: pymupdf.Document) -> list[HiddenContent]:
    """Metadata, annotation texts and form-field values: none of it may reach an output."""
    found: list[HiddenContent] = []
    metadata = doc.metadata or {}
    for key in _METADATA_KEYS:
        value = (metadata.get(key) or "").strip()
        if value:
            found.append(HiddenContent(HiddenKind.METADATA, value, Provenance(Source.BODY)))
    for page in doc:
        number = page.number + 1
        for annot in page.annots() or []:
            info = annot.info
            for key in ("content", "title"):  # title: the comment's author
                value = (info.get(key) or "").strip()
                if value:
                    found.append(HiddenContent(HiddenKind.ANNOTATION, value, Provenance(Source.BODY, page=number)))
        for widget in page.widgets() or []:
            value = widget.field_value
            if isinstance(value, str) and value.strip() and value not in ("Off", "Yes"):
                found.append(HiddenContent(HiddenKind.PROPERTY, value.strip(), Provenance(Source.BODY, page=number)))
    return found
