"""Read a text-layer PDF into a Document whose every character keeps its box on the page.

One text unit per text block (lines joined with a space that has no box), or per table cell
for tables that carry a "not for disclosure" column. That column is taken out here: its area
becomes a RemovedRegion (burned whole later) and its text goes to `Document.removed`, never
into a unit. The table is found from the page's rules around the heading naming the column
(find_tables only when the rules do not give it) and followed down through the tables
stacked under it (a split Word table prints as one small table per row) and over page breaks,
until body text, a gap in its rules or the end of its outer rules. A heading that names the
column where no column can be located stops the read (fail closed). Annotations, form-field
values and document metadata are set aside too, so verification can prove they are absent
from the output.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import pymupdf

from pipeline.errors import UnsupportedDocumentError
from pipeline.model import (
    Box,
    Document,
    DocumentKind,
    HiddenContent,
    HiddenKind,
    Provenance,
    RemovedRegion,
    ScannedPage,
    Source,
    Style,
    TextUnit,
)
from pipeline.read.columns import is_not_for_disclosure

log = logging.getLogger("sfo_redact")

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
# A table stacked under another with at most this much empty space between them (an empty
# paragraph between the halves of a split Word table) continues it (points).
_STACK_GAP = 24.0

# Whitespace MuPDF emits as characters (counted out of "letters").
_SPACES = (" ", "\t", "\xa0", "\u2002", "\u2003", "\u2009")

# Hyphens (ASCII, Unicode hyphen, non-breaking hyphen) that join a word broken over two lines.
_HYPHENS = ("-", "\u2010", "\u2011")

# Fields of a "rawdict" character.
_CHAR = itemgetter("c")
_BBOX = itemgetter("bbox")

# How _place files a character.
_UNIT, _HIDDEN, _DROP = "unit", "hidden", "drop"

_METADATA_KEYS = ("title", "author", "subject", "keywords")


def read_pdf(path: Path) -> Document:
    """Read a PDF with a text layer; raise UnsupportedDocumentError for anything else."""
    with _gc_paused():
        return _read_pdf(Path(path))


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a PDF is read.

    MuPDF's "rawdict" makes one dict per character; the collector's scans of them took about a
    fifth of the read time (40 pages: 94 -> 120 pages/s without them). They hold no reference
    cycles and are freed by reference counting as usual; the collector runs again afterwards.
    It is switched back on only if it was on (another thread may be reading too).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_pdf(path: Path) -> Document:
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
            scanned_pages=[pc.scan for pc in pages if pc.scan is not None],
        )
    finally:
        for copy in scratch:
            copy.close()
        doc.close()
    # Counts only: an input's file name holds a surname (the SFO file protocol).
    log.info(
        "read PDF: %d pages, %d units, %d removed items, %d removed regions in %.2f s",
        document.page_count,
        len(document.units),
        len(document.removed),
        len(document.removed_regions),
        time.perf_counter() - started,
    )
    return document


# ---------------------------------------------------------------- opening and checking


def open_pdf(path: Path) -> pymupdf.Document:
    """Open an input PDF for reading or burning, repairing a cross-reference table that lists missing objects.

    MuPDF opens such a file but raises "cannot find object in xref" when scrub() or garbage
    collection reach the missing object. A reference to a missing object is the null object
    (ISO 32000-2, 7.3.10), which is what qpdf writes when it re-saves the file; so the file is
    re-saved with pikepdf into memory (the input is never modified) and that copy is opened.
    The reader and the burner both open through here, so they see the same objects.
    Raises UnsupportedDocumentError in one line if the repair fails.
    """
    doc = pymupdf.open(path, filetype="pdf")
    if doc.needs_pass or doc.is_repaired or not _lists_missing_objects(path, doc):
        return doc
    doc.close()
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            buf = io.BytesIO()
            pdf.save(buf, fix_metadata_version=False, deterministic_id=True)
    except Exception:  # noqa: BLE001 - qpdf's errors name no document text; the cause is logged
        log.debug("qpdf could not repair the cross-reference table", exc_info=True)
        raise UnsupportedDocumentError(
            "the PDF is damaged (its cross-reference table lists objects the file does not hold) "
            "and could not be repaired", path) from None
    log.info("input's cross-reference table listed missing objects; re-saved with qpdf before processing")
    return pymupdf.open("pdf", buf.getvalue())


# The reader, the burner and the review copy each open the same input: the object scan is
# made once per file (inputs are never modified; size and mtime guard a replaced file).
_MISSING_SEEN: dict[tuple[str, int, int], bool] = {}


def _lists_missing_objects(path: Path, doc: pymupdf.Document) -> bool:
    """Whether the input's cross-reference table lists objects it does not hold (scanned once per file)."""
    st = Path(path).stat()
    key = (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)
    found = _MISSING_SEEN.get(key)
    if found is None:
        if len(_MISSING_SEEN) > 256:
            _MISSING_SEEN.clear()
        found = _MISSING_SEEN[key] = bool(_missing_objects(doc))
    return found


def _missing_objects(doc: pymupdf.Document) -> int:
    """How many objects the cross-reference table lists that cannot be loaded."""
    from pymupdf import mupdf

    pdf = pymupdf._as_pdf_document(doc)
    display = pymupdf.TOOLS.mupdf_display_errors()
    pymupdf.TOOLS.mupdf_display_errors(False)  # one stderr line per missing object otherwise
    missing = 0
    try:
        for num in range(1, mupdf.pdf_xref_len(pdf)):
            try:
                mupdf.pdf_load_object(pdf, num)
            except Exception:  # noqa: BLE001 - FzErrorFormat "cannot find object in xref"
                missing += 1
    finally:
        pymupdf.TOOLS.mupdf_display_errors(display)
    return missing


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
        doc = open_pdf(path)
    except UnsupportedDocumentError:
        raise
    except Exception:  # MuPDF raises several types for unreadable files; the cause is logged
        log.debug("MuPDF could not open the input", exc_info=True)
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
    rulings: _Rulings | None = field(default=None, repr=False)  # read when a table is looked for
    scan: ScannedPage | None = None  # set when the page was read by OCR

    @property
    def text(self) -> str:
        """The page's text, lines separated by spaces (for the column heading test only)."""
        return " ".join(line.text for line in self.lines)


def _page_chars(doc: pymupdf.Document, page: pymupdf.Page, scratch: list[pymupdf.Document]) -> _PageChars:
    """Every line of a page with its characters' boxes, in the content's order."""
    lines: list[_Line] = []
    by_font: defaultdict[str, list[str]] = defaultdict(list)  # the text each font yields
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
            sizes: dict[float, int] = {}
            bold = True
            for span in line["spans"]:
                span_chars = span["chars"]
                span_text = list(map(_CHAR, span_chars))
                piece = "".join(span_text)
                by_font[span["font"]].append(piece)
                chars.extend(span_text)  # one entry per box, whatever its length
                boxes.extend(map(_BBOX, span_chars))
                letters = len(piece) - sum(piece.count(w) for w in _SPACES)
                if letters:
                    key = round(span["size"], 1)
                    sizes[key] = sizes.get(key, 0) + letters
                    bold = bold and (bool(span["flags"] & pymupdf.TEXT_FONT_BOLD) or "bold" in span["font"].lower())
            if not chars:
                continue
            letters = sum(sizes.values())
            size = max(sizes, key=sizes.__getitem__) if sizes else 0.0  # the first of equals, as Counter
            text = "".join(chars)
            bbox = tuple(line["bbox"])
            lines.append(_Line(block["number"], len(lines), chars, boxes, text, size, bold and letters > 0, letters, bbox))
    number += 1
    no_text = not any(line.letters for line in lines)
    images = page.get_image_info()
    if images and (no_text or scan_coverage(page, images) >= SCAN_COVERAGE):
        # A scan, or a picture over most of the text area (an OCR'd scan's invisible text layer
        # is never trusted as the only view of what the page shows): read from its pixels.
        return _scanned_page_chars(doc, page, number, no_text)
    if lines and not _text_is_readable(page, {font: "".join(parts) for font, parts in by_font.items()}):
        raise UnsupportedDocumentError(
            f"page {number} text cannot be read reliably (a font without a Unicode mapping); "
            "it cannot be redacted automatically",
            doc.name,
        )
    return _PageChars(number, page.rect, lines, page)


# ---------------------------------------------------------------- scanned pages

# A page whose images cover at least this share of its text area is read as a scan.
SCAN_COVERAGE = 0.5
# The text area: the page less margins of this share of its width and height on each side.
_TEXT_AREA_MARGIN = 0.08
# Between two lines of a scan, a gap this many times a line's ink height starts a new paragraph.
_PARAGRAPH_GAP = 0.9
# Image coverage is sampled on a grid of this many points each way.
_COVERAGE_GRID = 40


def scan_coverage(page: pymupdf.Page, images: Sequence[dict] | None = None) -> float:
    """The share of the page's text area that its images cover (0 to 1)."""
    rects = [pymupdf.Rect(info["bbox"]) & page.rect for info in (page.get_image_info() if images is None else images)]
    rects = [r for r in rects if not r.is_empty]
    if not rects:
        return 0.0
    area = page.rect
    mx, my = area.width * _TEXT_AREA_MARGIN, area.height * _TEXT_AREA_MARGIN
    x0, y0, w, h = area.x0 + mx, area.y0 + my, area.width - 2 * mx, area.height - 2 * my
    n = _COVERAGE_GRID
    hits = 0
    for i in range(n):
        y = y0 + (i + 0.5) * h / n
        for j in range(n):
            x = x0 + (j + 0.5) * w / n
            hits += any(r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1 for r in rects)
    return hits / (n * n)


def _scanned_page_chars(doc: pymupdf.Document, page: pymupdf.Page, number: int, no_text: bool) -> _PageChars:
    """A scanned page's lines, read by OCR: one character box per letter, split from its word's box."""
    from pipeline.read import ocr

    what = "has no text layer" if no_text else "is a scan (an image covers its text area)"
    try:
        read = ocr.ocr_page(page)
    except ocr.OcrUnavailableError as exc:
        raise UnsupportedDocumentError(f"page {number} {what}; {exc.reason}", doc.name) from None
    except UnsupportedDocumentError as exc:
        raise UnsupportedDocumentError(f"page {number} {what}; {exc.reason}", doc.name) from None
    if not read.readable:
        raise UnsupportedDocumentError(
            f"page {number} {what} and OCR could read no text on it (blank, unreadable, or confidence too low "
            "everywhere); it cannot be redacted automatically",
            doc.name,
        )
    lines: list[_Line] = []
    by_line: dict[int, list[ocr.OcrWord]] = defaultdict(list)
    for word in read.words:
        by_line[word.line].append(word)
    block, last_key, last_bottom = -1, None, None
    for words in by_line.values():
        # A unit per paragraph: a new one where the engine says so, or after a gap taller than
        # a line's ink (mode 6 reads the page as one block of one paragraph).
        key = (words[0].block, words[0].paragraph)
        top = min(w.box[1] for w in words)
        ink = sorted(w.box[3] - w.box[1] for w in words)[len(words) // 2]
        if key != last_key or last_bottom is None or top - last_bottom > _PARAGRAPH_GAP * ink:
            block += 1
        last_key, last_bottom = key, max(w.box[3] for w in words)
        chars: list[str] = []
        boxes: list[Box] = []
        for k, word in enumerate(words):
            if k:
                prev = words[k - 1].box
                # The gap between two words is the space's box, so a span of several words is one box.
                chars.append(" ")
                boxes.append((prev[2], min(prev[1], word.box[1]), max(prev[2], word.box[0]), max(prev[3], word.box[3])))
            x0, y0, x1, y1 = word.box
            step = (x1 - x0) / len(word.text)
            for i, c in enumerate(word.text):
                chars.append(c)
                boxes.append((x0 + i * step, y0, x0 + (i + 1) * step, y1))
        heights = sorted(w.box[3] - w.box[1] for w in words)
        # A word's box is its ink: about 0.72 of the font size for capitals and ascenders.
        size = round(heights[len(heights) // 2] / 0.72, 1)
        letters = sum(not c.isspace() for c in chars)
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        lines.append(_Line(block, len(lines), chars, boxes, "".join(chars), size, False, letters, bbox))
    log.info(
        "page %d read by OCR (%s, %d dpi): %d words, mean confidence %.0f", number, read.engine, read.dpi,
        len(read.words), read.confidence,
    )
    scan = ScannedPage(number, read.dpi, round(read.confidence, 1), read.engine, read.low_confidence)
    return _PageChars(number, page.rect, lines, page, scan=scan)


# Dot leaders of a table of contents ("Heading ........ 4"), rules drawn with characters.
_LEADERS = re.compile(r"(?:[.\u00b7\u2024\u2026_\-\u2010\u2013\u2014=~*](?:[ \xa0]?)){3,}")
# Picture fonts: their glyphs are symbols (bullets, arrows, ticks), never letters of a name,
# and many have no Unicode mapping at all.
_SYMBOL_FONT = re.compile(r"dingbat|webding|wingding|symbol|marlett|fontawesome|bookshelf", re.IGNORECASE)
# What a font without a mapping may yield and still be trusted: bullets and simple marks.
_MARKS = frozenset("•◦▪▫■□●○‣∙·-–—*+>→✓✔✗✘☐☑☒")
# Simple-font encodings whose codes map to Unicode by name without a /ToUnicode.
_STANDARD_ENCODINGS = ("WinAnsiEncoding", "MacRomanEncoding", "StandardEncoding", "PDFDocEncoding", "MacExpertEncoding")


def _without_leaders(text: str) -> list[str]:
    """The visible characters of `text`, dot leaders and character rules left out."""
    return [c for c in _LEADERS.sub(" ", text) if not c.isspace()]


def _looks_like_words(visible: list[str]) -> bool:
    """At least half letters or digits: what words yield, not glyph codes."""
    return sum(c.isalnum() for c in visible) * 2 >= len(visible)


def _text_is_readable(page: pymupdf.Page, by_font: dict[str, str]) -> bool:
    """Whether the extracted text is the page's words, not glyph codes a reader cannot map.

    Judged by what text extraction yields, font by font. A font without a Unicode mapping (a
    Type3 font, a composite or symbolic font with no ToUnicode) extracts as punctuation or
    replacement characters, so names in it could never be found: fail closed on such a page.
    Dot leaders are not words and are left out of the judgement (a table of contents is
    read); picture fonts (Webdings, Zapf Dingbats, ...) draw symbols, and their replacement
    characters are not text that was lost.
    """
    unmapped = _unmapped_fonts(page)
    everything: list[str] = []
    for font, text in by_font.items():
        if _SYMBOL_FONT.search(font):
            continue
        if "\ufffd" in text:
            return False
        visible = _without_leaders(text)
        everything.extend(visible)
        if _strip_subset(font) in unmapped and visible and not set(visible) <= _MARKS:
            # No mapping in the file: trust what the font yields only if it reads as words.
            if not any(c.isalpha() for c in visible) or not _looks_like_words(visible):
                return False
    return not (len(everything) >= 20 and not _looks_like_words(everything))


def _strip_subset(name: str) -> str:
    """A font name without its subset tag ("ABCDEF+Arial" -> "Arial")."""
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def _unmapped_fonts(page: pymupdf.Page) -> set[str]:
    """Names of the page's fonts whose codes have no Unicode mapping in the file."""
    doc = page.parent
    names: set[str] = set()
    for font in page.get_fonts():
        xref, _, kind, basefont, _, encoding = font[:6]
        if doc.xref_get_key(xref, "ToUnicode")[0] != "null":
            continue
        if kind == "Type3" or encoding.startswith("Identity") or not encoding.startswith(_STANDARD_ENCODINGS):
            names.add(_strip_subset(basefont))
    return names


def _body_font_size(pages: list[_PageChars]) -> float:
    """The font size most characters are written in (sizes OCR estimated count only where no page has text)."""
    sizes: Counter = Counter()
    text_pages = [p for p in pages if p.scan is None]
    for p in text_pages or pages:
        for line in p.lines:
            sizes[line.size] += line.letters
    return sizes.most_common(1)[0][0] if sizes else 0.0


# ---------------------------------------------------------------- tables and the column


@dataclass(frozen=True)
class _Grid:
    """A table read on one page: cell boxes by (row, column), and where the column goes."""

    index: int  # document-wide table number
    bbox: Box
    cells: tuple[tuple[int, int, Box, bool], ...]  # (row, column, box, in the removed column)
    edges: tuple[float, ...]  # x of every column edge, left to right: the table's structure
    removed_column: int
    removed_boxes: tuple[Box, ...]  # the column's area on this page, one box per unbroken stretch
    heading: Box | None  # the column heading's text: burned with the column, kept out of `removed`
    next_row: int  # the number the table's next row gets (on the next page)


@dataclass(frozen=True)
class _Carry:
    """A "not for disclosure" table that reached the bottom of its page."""

    index: int
    edges: tuple[float, ...]
    column: int
    next_row: int


class _Rulings(NamedTuple):
    """A page's table borders: vertical (x, y0, y1) and horizontal (y, x0, x1) rules."""

    verticals: list[tuple[float, float, float]]
    horizontals: list[tuple[float, float, float]]


def _rulings(page: pymupdf.Page) -> _Rulings:
    """Thin lines and thin filled rectangles, without the slivers of text highlighting.

    Word and MuPDF draw the shading behind a word as one rectangle per word and per space; a
    space's rectangle is as thin as a border. Such slivers lie inside or against a wider
    rectangle of the same fill, which a border does not, so they are left out.
    """
    thin: list[tuple[Box, object]] = []
    wide: dict[object, list[Box]] = defaultdict(list)
    segments: list[tuple[float, float, float, float]] = []
    for path in page.get_cdrawings():
        kind = path.get("type") or ""
        if "f" in kind:
            colour = path.get("fill")
            rects = [tuple(item[1]) for item in path["items"] if item[0] == "re"]
            if len(rects) != len(path["items"]):
                rects = [tuple(path["rect"])]  # a polygon: judged by its outline
            for x0, y0, x1, y1 in rects:
                x0, x1 = min(x0, x1), max(x0, x1)
                y0, y1 = min(y0, y1), max(y0, y1)
                if min(x1 - x0, y1 - y0) <= _RULE_WIDTH:
                    thin.append(((x0, y0, x1, y1), colour))
                else:
                    wide[colour].append((x0, y0, x1, y1))
        if "s" in kind:
            for item in path["items"]:
                if item[0] == "l":
                    (ax, ay), (bx, by) = item[1], item[2]
                    segments.append((ax, ay, bx, by))
                elif item[0] == "re":
                    x0, y0, x1, y1 = item[1]
                    segments += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
                elif item[0] == "qu":
                    ul, ur, ll, lr = item[1]
                    segments += [(*ul, *ur), (*ll, *lr), (*ul, *ll), (*ur, *lr)]
    verticals: list[tuple[float, float, float]] = []
    horizontals: list[tuple[float, float, float]] = []
    for box, colour in thin:
        if colour == (1.0, 1.0, 1.0) or _sliver(box, wide.get(colour, ())):
            continue
        segments.append(((box[0] + box[2]) / 2, box[1], (box[0] + box[2]) / 2, box[3]) if box[2] - box[0] <= box[3] - box[1]
                        else (box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2))
    for ax, ay, bx, by in segments:
        width, height = abs(bx - ax), abs(by - ay)
        if width <= _RULE_WIDTH < height:
            verticals.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
        elif height <= _RULE_WIDTH < width:
            horizontals.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
    return _Rulings(verticals, horizontals)


def _sliver(box: Box, wide: Sequence[Box]) -> bool:
    """True when `box` lies inside, or against the side of, a wider rectangle of its colour."""
    x0, y0, x1, y1 = box
    vertical = x1 - x0 <= y1 - y0
    for a0, b0, a1, b1 in wide:
        if a0 - 0.5 <= x0 and x1 <= a1 + 0.5 and b0 - 0.5 <= y0 and y1 <= b1 + 0.5:
            return True
        if vertical:
            if (abs(a1 - x0) <= 0.3 or abs(a0 - x1) <= 0.3) and min(y1, b1) - max(y0, b0) > (y1 - y0) / 2:
                return True
        elif (abs(b1 - y0) <= 0.3 or abs(b0 - y1) <= 0.3) and min(x1, a1) - max(x0, a0) > (x1 - x0) / 2:
            return True
    return False


def _merge(intervals: Iterable[tuple[float, float]]) -> list[list[float]]:
    """Overlapping or touching (within the tolerance) intervals joined."""
    merged: list[list[float]] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1] + _EDGE_TOLERANCE:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def _ruled(rulings: _Rulings, x: float) -> list[list[float]]:
    """The stretches (y0, y1) over which a vertical rule runs at `x`."""
    return _merge((y0, y1) for vx, y0, y1 in rulings.verticals if abs(vx - x) <= _EDGE_TOLERANCE)


def _covers(stretches: list[list[float]], y: float) -> bool:
    return any(a - _EDGE_TOLERANCE <= y <= b + _EDGE_TOLERANCE for a, b in stretches)


def _both(first: list[list[float]], second: list[list[float]]) -> list[list[float]]:
    """Where both sets of stretches run."""
    return _merge(
        (max(a0, b0), min(a1, b1)) for a0, a1 in first for b0, b1 in second if min(a1, b1) - max(a0, b0) > _EDGE_TOLERANCE
    )


def _edges_at(rulings: _Rulings, y: float) -> tuple[float, ...]:
    """The x of the vertical rules crossing height `y`, left to right, near-equal ones merged."""
    edges: list[float] = []
    for x in sorted(vx for vx, y0, y1 in rulings.verticals if y0 - _EDGE_TOLERANCE <= y <= y1 + _EDGE_TOLERANCE):
        if not edges or x - edges[-1] > _EDGE_TOLERANCE:
            edges.append(x)
    return tuple(edges)


def _columns(table: pymupdf.table.Table) -> tuple[tuple[float, float], ...]:
    """x0, x1 of each column of a table, from its row with the most separate cells."""
    row = max(table.rows, key=lambda r: sum(c is not None for c in r.cells))
    return tuple((cell[0], cell[2]) for cell in row.cells if cell is not None)


def _inside(box: Box, area: Box) -> bool:
    """True when the centre of `box` lies in `area` (glyph boxes overlap their neighbours)."""
    cx = (box[0] + box[2]) / 2
    cy = (box[1] + box[3]) / 2
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


def _overlaps(box: Box, area: Box) -> bool:
    """True when the boxes share any point (touching counts)."""
    return box[0] <= area[2] and area[0] <= box[2] and box[1] <= area[3] and area[1] <= box[3]


def _contains(area: Box, box: Box) -> bool:
    """True when `box` lies wholly inside `area` (so the centre of every glyph in it does too)."""
    return area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] and box[3] <= area[3]


def _union(boxes: Iterable[Box]) -> Box:
    x0s, y0s, x1s, y1s = zip(*boxes, strict=True)
    return min(x0s), min(y0s), max(x1s), max(y1s)


def _in_column(box: Box, grid: _Grid) -> bool:
    """True when `box` lies in the grid's removed column or its heading."""
    return any(_inside(box, area) for area in grid.removed_boxes) or (
        grid.heading is not None and _inside(box, grid.heading)
    )


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

    def _break(self, line: _Line, first: str) -> None:
        # Lines of one block or cell are joined with a single space that has no box, except
        # after a hyphen between letters or digits: "Smith-" + "Jones" -> "Smith-Jones" and
        # "post-" + "traumatic" -> "post-traumatic", as the DOCX and every extractor read them
        # (with a space, detection missed "post- traumatic stress disorder").
        if self.last_line is not None and line.number != self.last_line and self.chars and not self.chars[-1].isspace():
            chars = self.chars
            if not (chars[-1] in _HYPHENS and len(chars) > 1 and chars[-2].isalnum() and first.isalnum()):
                chars.append(" ")
                self.boxes.append(None)
        self.last_line = line.number

    def add_line(self, line: _Line) -> None:
        self._break(line, line.chars[0] if line.chars else "")
        self.chars.extend(line.chars)
        self.boxes.extend(line.boxes)
        if line.letters:
            self.sizes[line.size] += line.letters
            self.bold = self.bold and line.bold

    def add_char(self, c: str, box: Box, line: _Line) -> None:
        self._break(line, c)
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
        """Tables on this page with a "not for disclosure" column, read cell by cell.

        A table is followed down its page through every table stacked under it whose column
        has the same edges (Word and the generator split a table into one small table per row)
        and on to the next page while it reaches the bottom; it ends at body text, at a gap in
        its rules, or where its column's rules stop.
        """
        carry, self.carry = self.carry, None
        headings = self._headings(pc) if is_not_for_disclosure(pc.text) else []
        grids: list[_Grid] = []
        if carry is not None:
            continued = self._build(
                pc, carry.edges, carry.column, pc.rect.y0, pc.rect.height, carry.next_row, None, carry.index,
                continued=True, headings=headings,
            )  # fmt: skip
            if continued is None:
                continued = self._found_continuation(pc, carry)
            if continued is not None:
                log.debug("page %d: table %d continues; column %d removed", pc.number, carry.index + 1, carry.column + 1)
                grids.append(continued)
        for heading in headings:
            if any(_inside(heading, g.bbox) or _in_column(heading, g) for g in grids):
                continue  # a repeated header row, or a cell that mentions the phrase
            grid = self._ruled_grid(pc, heading) or self._found_grid(pc, heading)
            if grid is not None:
                grids.append(grid)
        if headings or is_not_for_disclosure(pc.text):
            self._check_headings_removed(pc, grids)
        grids.sort(key=lambda g: g.bbox[1])
        if grids and self._reaches_bottom(pc, grids[-1].bbox):
            last = grids[-1]
            self.carry = _Carry(last.index, last.edges, last.removed_column, last.next_row)
        return grids

    def _check_headings_removed(self, pc: _PageChars, grids: list[_Grid]) -> None:
        """Fail closed when a short block names the column but none of it lies in a column found.

        A block inside a table already read (a cell that mentions the phrase) does not count.
        """
        blocks: dict[int, list[_Line]] = defaultdict(list)
        for line in pc.lines:
            blocks[line.block].append(line)
        for lines in blocks.values():
            text = " ".join(line.text for line in lines)
            if len(text) > _SHORT_HEADING_CHARS or not is_not_for_disclosure(text):
                continue
            boxes = [box for line in lines for c, box in zip(line.chars, line.boxes, strict=True) if not c.isspace()]
            if any(_in_column(box, g) for g in grids for box in boxes):
                continue
            if boxes and any(all(_inside(box, g.bbox) for box in boxes) for g in grids):
                continue
            # The page heads a "not for disclosure" column we could not find (a table without
            # rulings, say): its text would otherwise reach the units.
            raise UnsupportedDocumentError(
                f"page {pc.number} has a 'not for disclosure' heading but its table column could not be"
                " found; it cannot be redacted automatically",
                self.path,
            )

    @staticmethod
    def _headings(pc: _PageChars) -> list[Box]:
        """Boxes of the text naming the column: a line, or up to three lines of one cell."""
        found: list[Box] = []
        lines = pc.lines
        for i, line in enumerate(lines):
            if not line.letters:
                continue
            if is_not_for_disclosure(line.text):
                found.append(line.bbox)
                continue
            text, group = line.text, [line.bbox]
            for following in lines[i + 1 : i + 8]:
                if following.block != line.block or len(group) == 3:
                    break
                last = group[-1]
                pitch = last[3] - last[1]
                if not (last[1] + 1 <= following.bbox[1] <= last[3] + pitch) or following.bbox[0] >= last[2] or following.bbox[2] <= last[0]:
                    continue  # not the next line of the same cell
                if is_not_for_disclosure(following.text):
                    break  # found on its own
                text += " " + following.text
                group.append(following.bbox)
                if is_not_for_disclosure(text):
                    found.append(_union(group))
                    break
        return found

    def _page_rulings(self, pc: _PageChars) -> _Rulings:
        if pc.rulings is None:
            pc.rulings = _rulings(pc.page)
        return pc.rulings

    def _ruled_grid(self, pc: _PageChars, heading: Box) -> _Grid | None:
        """The table under `heading`, read from the page's rules.

        The column's edges are the vertical rules either side of the heading; a header row
        drawn without borders over a ruled table takes them from the rules just below it.
        """
        rulings = self._page_rulings(pc)
        cy = (heading[1] + heading[3]) / 2
        edges = _edges_at(rulings, cy)
        start, reach, external = cy, 0.0, False
        if len(edges) < 3:
            tops = sorted(y0 for _, y0, _ in rulings.verticals if cy < y0 <= heading[3] + _HEADER_ROW_ALLOWANCE)
            if not tops or self._text_between(pc, heading[3], tops[0], pc.rect.x0, pc.rect.x1):
                return None
            start, reach, external = tops[0], _EDGE_TOLERANCE, True
            edges = _edges_at(rulings, tops[0] + 2 * _EDGE_TOLERANCE)
        if len(edges) < 3:
            return None  # a column needs a table of at least two columns around it
        lefts = [i for i, x in enumerate(edges) if x <= heading[0] + _EDGE_TOLERANCE]
        rights = [i for i, x in enumerate(edges) if x >= heading[2] - _EDGE_TOLERANCE]
        if not lefts or not rights or rights[0] != lefts[-1] + 1:
            return None
        column = lefts[-1]
        x0, x1 = edges[column], edges[column + 1]
        for line in pc.lines:
            # Other header text between the same rules: the column's own rules are missing.
            lx = (line.bbox[0] + line.bbox[2]) / 2
            ly = (line.bbox[1] + line.bbox[3]) / 2
            if line.letters and heading[1] <= ly <= heading[3] and x0 <= lx <= x1 and (line.bbox[2] <= heading[0] or line.bbox[0] >= heading[2]):
                return None
        return self._build(pc, edges, column, start, reach, 1 if external else 0, heading, None)

    def _build(
        self,
        pc: _PageChars,
        edges: tuple[float, ...],
        column: int,
        start: float,
        reach: float,
        first_row: int,
        heading: Box | None,
        index: int | None,
        continued: bool = False,
        headings: Sequence[Box] = (),
    ) -> _Grid | None:
        """The ruled table with these column edges whose rules start within `reach` below `start`.

        It runs down through every table stacked under it (touching, or with an empty gap of
        at most _STACK_GAP) whose column has the same two edges. Rows are the bands between
        horizontal rules. Records the removed regions.
        """
        if not 0 <= column < len(edges) - 1:
            return None
        rulings = self._page_rulings(pc)
        # The table runs as far as its column's two edges are ruled: a table stacked under it
        # with the same column continues it, whatever its other columns.
        stretches = [
            s for s in _both(_ruled(rulings, edges[column]), _ruled(rulings, edges[column + 1]))
            if s[1] > start + _EDGE_TOLERANCE
        ]  # fmt: skip
        if not stretches or stretches[0][0] > start + reach + _EDGE_TOLERANCE:
            return None
        top, bottom = stretches[0]
        if continued:
            top_band = pc.rect.y0 + pc.rect.height * _MARGIN_BAND
            # Body text above the table means it is a new table, not the old one continuing.
            if any(line.letters and line.bbox[3] <= top and line.bbox[1] > top_band for line in pc.lines):
                return None
        for a, b in stretches[1:]:
            # Tables stacked under it, touching or with only an empty gap, continue it.
            if a - bottom > _STACK_GAP or self._text_between(pc, bottom, a, edges[0], edges[-1]):
                break
            bottom = b
        ys = sorted(
            y for y, a, b in rulings.horizontals
            if a < edges[-1] - _EDGE_TOLERANCE and b > edges[0] + _EDGE_TOLERANCE and top < y < bottom
        )  # fmt: skip
        bounds = [top]
        for y in ys:
            if y - bounds[-1] > _EDGE_TOLERANCE:
                bounds.append(y)
        if bottom - bounds[-1] > _EDGE_TOLERANCE:
            bounds.append(bottom)
        else:
            bounds[-1] = bottom
        ruled = [_ruled(rulings, x) for x in edges]
        last = len(edges) - 1
        cells: list[tuple[int, int, Box, bool]] = []
        removed: list[Box] = []
        first_band_gone = False
        for r in range(len(bounds) - 1):
            b0, b1 = bounds[r], bounds[r + 1]
            mid = (b0 + b1) / 2
            present = [i for i in range(len(edges)) if i in (0, last) or _covers(ruled[i], mid)]
            for i, j in pairwise(present):
                gone = i == column and j == column + 1
                box = (edges[i], b0, edges[j], b1)
                cells.append((first_row + r, i, box, gone))
                if not gone:
                    continue
                first_band_gone = first_band_gone or r == 0
                if removed and abs(removed[-1][3] - b0) <= _EDGE_TOLERANCE:
                    removed[-1] = (removed[-1][0], removed[-1][1], removed[-1][2], b1)
                else:
                    removed.append(box)
        if heading is not None and not continued:
            cy = (heading[1] + heading[3]) / 2
            if cy < top:
                if not first_band_gone:
                    return None
                # The heading sits above the table's first rule: its area goes with the column.
                removed[0] = (removed[0][0], min(removed[0][1], heading[1] - 1), removed[0][2], removed[0][3])
            elif not any(gone and _inside(heading, box) for _, _, box, gone in cells):
                return None  # the heading's cell is not a cell of the column: a different structure
        elif continued and not first_band_gone:
            return None  # its first row does not have the column: not the same table
        if heading is None:
            heading = next((h for h in headings if any(_inside(h, box) for box in removed)), None)  # a repeated header
        if index is None:
            index = self.tables
            self.tables += 1
        self.regions.extend(RemovedRegion(pc.number, box) for box in removed)
        return _Grid(
            index, (edges[0], top, edges[-1], bottom), tuple(cells), edges, column, tuple(removed), heading,
            first_row + len(bounds) - 1,
        )  # fmt: skip

    def _text_between(self, pc: _PageChars, y0: float, y1: float, x0: float, x1: float) -> bool:
        """True when a line with letters lies between heights y0 and y1 across x0..x1."""
        return any(
            line.letters and y0 < (line.bbox[1] + line.bbox[3]) / 2 < y1 and line.bbox[0] < x1 and line.bbox[2] > x0
            for line in pc.lines
        )

    def _found_grid(self, pc: _PageChars, heading: Box) -> _Grid | None:
        """The table under `heading` found by find_tables (the costly fallback).

        The table under `heading` as find_tables sees it, for tables whose rules are not
        thin lines (cells told apart by shading, say). Costly: only when the rules fail.
        """
        clip = pymupdf.Rect(pc.rect.x0, max(pc.rect.y0, heading[1] - _HEADER_ROW_ALLOWANCE), pc.rect.x1, pc.rect.y1)
        for table in pc.page.find_tables(clip=clip).tables:
            found = self._heading_cell(pc, table)
            if found is None:
                continue
            row, column, cell = found
            if not pymupdf.Rect(cell).intersects(pymupdf.Rect(heading)):
                continue
            box = (cell[0], cell[1], cell[2], table.bbox[3])
            # A heading found in an external header sits above the table, as row 0 of no grid
            # row; the table's own rows are then numbered from 1.
            first_row = 1 if row < 0 else 0
            cells = tuple(
                (first_row + r, c, tuple(cb), c == column)
                for r, table_row in enumerate(table.rows)
                for c, cb in enumerate(table_row.cells)
                if cb is not None
            )
            edges: list[float] = []
            for x in sorted({x for pair in _columns(table) for x in pair}):
                if not edges or x - edges[-1] > _EDGE_TOLERANCE:
                    edges.append(x)
            at = [i for i, x in enumerate(edges) if abs(x - cell[0]) <= _EDGE_TOLERANCE]
            index = self.tables
            self.tables += 1
            self.regions.append(RemovedRegion(pc.number, box))
            return _Grid(
                index, tuple(table.bbox), cells, tuple(edges), at[0] if at else -1, (box,), tuple(cell),
                first_row + len(table.rows),
            )  # fmt: skip
        return None

    def _found_continuation(self, pc: _PageChars, carry: _Carry) -> _Grid | None:
        """The previous page's table continued at the top of this one, found by find_tables.

        Last page's table continuing at the top of this one, as find_tables sees it: for
        tables whose rules are not thin lines. Its column must have the carried column's edges.
        """
        if not 0 <= carry.column < len(carry.edges) - 1:
            return None
        x0, x1 = carry.edges[carry.column], carry.edges[carry.column + 1]
        tables = sorted(pc.page.find_tables().tables, key=lambda t: t.bbox[1])
        if not tables:
            return None
        table = tables[0]
        top, bottom = table.bbox[1], table.bbox[3]
        top_band = pc.rect.y0 + pc.rect.height * _MARGIN_BAND
        if any(line.letters and line.bbox[3] <= top and line.bbox[1] > top_band for line in pc.lines):
            return None  # body text above it: a new table
        cells = tuple(
            (carry.next_row + r, c, tuple(cb), abs(cb[0] - x0) <= _EDGE_TOLERANCE and abs(cb[2] - x1) <= _EDGE_TOLERANCE)
            for r, table_row in enumerate(table.rows)
            for c, cb in enumerate(table_row.cells)
            if cb is not None
        )
        if not any(gone for *_, gone in cells):
            return None  # no column with the carried edges: a different table
        box = (x0, top, x1, bottom)
        self.regions.append(RemovedRegion(pc.number, box))
        return _Grid(
            carry.index, tuple(table.bbox), cells, carry.edges, carry.column, (box,), None,
            carry.next_row + len(table.rows),
        )  # fmt: skip

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
                    for ch, box in zip(line.chars, line.boxes, strict=True) if _inside(box, cell)
                )
                if is_not_for_disclosure(text):
                    return r, c, tuple(cell)
        return None

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
            placed = self._place_line(line, grids)
            if placed is not None:
                # The whole line lies in one cell (or outside every table): no need to place
                # its characters one by one.
                key, kind = placed
                if kind != _DROP:
                    target(key, kind).add_line(line)
                continue
            for c, box in zip(line.chars, line.boxes, strict=True):
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
    def _place_line(line: _Line, grids: list[_Grid]) -> tuple[tuple, str] | None:
        """Where a whole line goes, or None when it must be placed character by character.

        Where a whole line goes when every character of it goes to the same place as `_place`
        would send it; None when it must be placed character by character.
        """
        box = line.bbox
        hit: _Grid | None = None
        for grid in grids:
            areas = (grid.bbox, *grid.removed_boxes) + ((grid.heading,) if grid.heading is not None else ())
            if any(_overlaps(box, area) for area in areas):
                if hit is not None:
                    return None
                hit = grid
        if hit is None:
            return ("block", line.block), _UNIT
        if hit.heading is not None and _overlaps(box, hit.heading):
            return None
        in_column = False
        for area in hit.removed_boxes:
            if _contains(area, box):
                in_column = True
            elif _overlaps(box, area):
                return None  # partly in the column
        for row, col, cell, gone in hit.cells:
            if _contains(cell, box):
                if gone or in_column:
                    return ("hidden", hit.index, row, col), _HIDDEN
                return ("cell", hit.index, row, col), _UNIT
        return None

    @staticmethod
    def _place(box: Box, block: int, grids: list[_Grid]) -> tuple[tuple, str]:
        """Which unit or hidden item a character belongs to, and whether it is kept."""
        for grid in grids:
            in_column = any(_inside(box, area) for area in grid.removed_boxes)
            if not in_column and not _inside(box, grid.bbox):
                continue
            if in_column and grid.heading is not None and _inside(box, grid.heading):
                # The column heading is not personal data; it is burned with the region but
                # kept out of `removed` (a search for it would match the region's own label).
                return ("hidden", grid.index, -1, grid.removed_column), _DROP
            cy = (box[1] + box[3]) / 2
            cx = (box[0] + box[2]) / 2
            for row, col, cell, gone in grid.cells:
                if cell[1] <= cy <= cell[3] and cell[0] <= cx <= cell[2]:
                    if gone or in_column:
                        return ("hidden", grid.index, row, col), _HIDDEN
                    return ("cell", grid.index, row, col), _UNIT
            if in_column:
                # Inside the column but in no cell (a gap between rulings): never into a unit.
                return ("hidden", grid.index, -1, grid.removed_column), _HIDDEN
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
