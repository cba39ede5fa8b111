"""Redact a scanned page in its pixels, then give it a text layer that carries the labels.

A page the reader OCR'd (`Document.scanned_pages`) is rendered again at the resolution it was
read at, so the reader's word boxes fall on the same pixels. Every withheld or anonymised
span, and every removed region, is painted black into that image: the pixels are replaced,
never covered by an overlay that could be lifted off. The original page is then dropped
whole (its images, its content and any text layer it had) and a new page of the same size
takes its place with the painted image and an invisible text layer (render mode 3): the
page's words where OCR found them, each label in place of the words it stands for, in
reading order. Labels are also drawn visibly, in white on their box, as on a text page.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence

import pymupdf

from pipeline.model import Action, Decision, Document, ScannedPage, TextUnit
from pipeline.read import ocr

log = logging.getLogger("sfo_redact")

# Painted boxes reach this far past a span's OCR box (points): a word box is the engine's
# guess at the ink, and a scan's edges are soft.
_PAD_X = 1.5
_PAD_Y = 1.5
_WHITE = (1.0, 1.0, 1.0)
_FONT = "helv"
_MIN_LABEL_SIZE = 4.0  # points: a label smaller than this is not drawn visibly (it stays in the text layer)
_MAX_LABEL_SIZE = 11.0
# The redrawn image is stored as a JPEG of this quality: a scan stored losslessly at 300 dpi
# took megabytes a page. The black boxes are painted before compression, so nothing of what
# was under them is in the file.
_JPEG_QUALITY = 85


def redraw_scanned_pages(doc: pymupdf.Document, document: Document, decisions: Sequence[Decision]) -> int:
    """Redraw every scanned page of `doc` with its redactions in the pixels; return the boxes painted."""
    by_unit: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        if d.action is not Action.DISCLOSE:
            by_unit[d.unit_id].append(d)
    painted = 0
    for scan in document.scanned_pages:
        units = [u for u in document.units.values() if u.provenance.page == scan.page and u.boxes is not None]
        regions = [pymupdf.Rect(r.box) for r in document.removed_regions if r.page == scan.page]
        painted += _redraw(doc, scan, units, by_unit, regions)
    return painted


def _redraw(
    doc: pymupdf.Document,
    scan: ScannedPage,
    units: list[TextUnit],
    by_unit: dict[str, list[Decision]],
    regions: list[pymupdf.Rect],
) -> int:
    from pipeline.render.pdf_burn import line_boxes, text_width

    index = scan.page - 1
    page = doc[index]
    rect = pymupdf.Rect(page.rect)
    # A grey scan stays grey (a third of the size); anything in colour keeps its colour.
    grey = all(info.get("colorspace") == 1 for info in page.get_image_info())
    pix = ocr.render(page, scan.dpi, grey=grey)
    scale = scan.dpi / 72
    tokens: list[tuple[list[tuple[str, bool]], pymupdf.Rect]] = []  # ([(text, is a label)], where) in reading order
    boxes: list[pymupdf.Rect] = list(regions)
    for unit in units:
        spans = sorted(by_unit.get(unit.id, ()), key=lambda d: d.start)
        for d in spans:
            lines = line_boxes(unit.boxes[d.start : d.end])
            boxes.extend(pymupdf.Rect(r.x0 - _PAD_X, r.y0 - _PAD_Y, r.x1 + _PAD_X, r.y1 + _PAD_Y) for r in lines)
        tokens.extend(_tokens(unit, spans, line_boxes))
    _paint(pix, [((b.x0 - rect.x0) * scale, (b.y0 - rect.y0) * scale, (b.x1 - rect.x0) * scale, (b.y1 - rect.y0) * scale) for b in boxes])
    image = pix.tobytes("jpg", jpg_quality=_JPEG_QUALITY)
    # The original page goes whole: its image, its content streams and any text layer of its own.
    doc.delete_page(index)
    new = doc.new_page(index, width=rect.width, height=rect.height)
    new.insert_image(new.rect, stream=image)
    shape = new.new_shape()
    for pieces, where in tokens:
        where = where - (rect.x0, rect.y0, rect.x0, rect.y0)
        text = "".join(piece for piece, _ in pieces)
        label = any(is_label for _, is_label in pieces)
        width = text_width(text, _FONT)
        if width <= 0 or where.width <= 0:
            continue
        size = min(where.width / width, where.height * (0.8 if label else 1.25))
        if label:
            size = min(size, _MAX_LABEL_SIZE)
        size = max(size, 1.0)
        visible = label and size >= _MIN_LABEL_SIZE
        # Baseline: a label is centred in its box; a word's box is its ink, descenders below.
        baseline = where.y0 + (where.height + size * 0.7) / 2 if label else where.y1 - where.height * 0.18
        x = where.x0 + (0.5 if label else 0)
        # Only the label itself is drawn in white; what runs on from it ("," after "PP1") is
        # in the picture already and stays invisible text, placed right after the label.
        for piece, is_label in pieces:
            shape.insert_text(
                (x, baseline), piece, fontname=_FONT, fontsize=size, color=_WHITE,
                render_mode=0 if visible and is_label else 3,
            )  # fmt: skip
            x += text_width(piece, _FONT) * size
    shape.commit()
    log.debug("scanned page %d redrawn: %d boxes painted, %d words in its text layer", scan.page, len(boxes), len(tokens))
    return len(boxes)


def _paint(pix: pymupdf.Pixmap, boxes: list[tuple[float, float, float, float]]) -> None:
    """Set every pixel in `boxes` (pixel coordinates, rounded outwards) to black, in the pixmap's own buffer.

    Pixmap.set_rect fills pixel by pixel in Python (0.23 s a box at 300 dpi); the buffer seen
    through numpy is the pixmap's own memory, so the same fill takes microseconds.
    """
    import numpy as np

    samples = np.frombuffer(pix.samples_mv, dtype=np.uint8).reshape(pix.h, pix.w, pix.n)
    for x0, y0, x1, y1 in boxes:
        left, top = max(0, int(x0)), max(0, int(y0))
        right, bottom = min(pix.w, int(x1) + 1), min(pix.h, int(y1) + 1)
        if right > left and bottom > top:
            samples[top:bottom, left:right, :] = 0


def _tokens(unit: TextUnit, spans: list[Decision], line_boxes) -> list[tuple[list[tuple[str, bool]], pymupdf.Rect]]:
    """The unit's words and labels in order, each with its box; a span becomes its label once.

    A token is followed by a space only where the text has one, so "PP1," reads as the
    redacted text does ("PP1 ," would not).
    """
    out: list[tuple[list[tuple[str, bool]], pymupdf.Rect]] = []
    text, boxes = unit.text, unit.boxes or ()
    starts = {d.start: d for d in spans}
    word: list[int] = []

    def spaced(token: str, end: int) -> str:
        return token + " " if end >= len(text) or text[end].isspace() else token

    def flush() -> None:
        if word:
            found = [boxes[i] for i in word if boxes[i] is not None]
            if found:
                out.append(([(spaced("".join(text[i] for i in word), word[-1] + 1), False)], _union(found)))
            word.clear()

    i = 0
    while i < len(text):
        d = starts.get(i)
        if d is not None:
            flush()
            lines = line_boxes(boxes[d.start : d.end])
            if lines:
                out.append(([(spaced(d.label, d.end), True)], pymupdf.Rect(lines[0])))
            i = max(d.end, i + 1)
            continue
        if text[i].isspace() or boxes[i] is None:
            flush()
        else:
            word.append(i)
        i += 1
    flush()
    # A token with no space after it runs on into the next ("PP1" + ","): one piece of text, so
    # extractors do not put a space between them.
    merged: list[tuple[list[tuple[str, bool]], pymupdf.Rect]] = []
    for pieces, box in out:
        if merged and not merged[-1][0][-1][0].endswith(" "):
            merged[-1] = (merged[-1][0] + pieces, merged[-1][1] | box)
        else:
            merged.append((pieces, box))
    return merged


def _union(boxes: list) -> pymupdf.Rect:
    return pymupdf.Rect(min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
