"""Burn redactions into a copy of the source PDF: the text under each box is removed.

Each withheld or anonymised span becomes one black box per line over its characters, with
its label in white in the first box it fits in; each RemovedRegion (the "not for disclosure"
column) is blacked out whole. MuPDF's apply_redactions deletes the glyphs under the boxes
(and blanks image pixels under them); save_clean then strips every hidden place and writes
one revision. Disclose decisions change nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from pipeline.errors import RenderError
from pipeline.model import Action, Box, Decision, Document, DocumentKind
from pipeline.render.sanitize import save_clean

log = logging.getLogger("sfo_redact")

# What apply_redactions removes: MuPDF deletes every glyph whose box (the font's full
# ascender-to-descender height, taller than the line pitch of tightly set text) touches a
# redaction rect at all. A box shrunk by a fixed 15% still touched the lines above and below
# on a page set at line-height 1.0 (719 of 5,148 untouched words deleted; unshrunk boxes
# with TOOLS.set_small_glyph_heights(True): 486). So the rect that cuts (`_Mark.cut`) is the
# span's line box, shrunk 15% and then clipped clear of the glyph boxes of the neighbouring
# lines (0 of 5,148 deleted, 0 leaks); it still crosses every glyph of its own line, which
# is all MuPDF needs to delete them. The black box a reader sees (`_Mark.fill`) is drawn
# separately after the glyphs are gone, over where the ink was.
_SHRINK = 0.15
# The visible box: glyph boxes reach well above capitals (the font's ascender) and a little
# below the descenders; trimming 25% off the top and 10% off the bottom leaves a box over
# the ink that does not cover the descenders of the line above on tightly set text.
_FILL_TOP = 0.25
_FILL_BOTTOM = 0.10
_CLEARANCE = 0.25  # points kept between a cut and a neighbouring line's glyph boxes
_MIN_CUT = 0.5  # points; a cut thinner than this is centred on the line instead
# Two boxes belong to one line when their vertical centres are this close (fraction of height).
_SAME_LINE = 0.5
_BLACK = (0.0, 0.0, 0.0)
_WHITE = (1.0, 1.0, 1.0)
_LABEL_FONT = "helv"
_MIN_LABEL_SIZE = 4.0  # points; smaller is not legible on paper
_MAX_LABEL_SIZE = 11.0
_REGION_LABEL = "[not for disclosure: removed]"
_REGION_LABEL_SIZE = 8.0
# Helvetica's ascender and descender (1.075 + 0.299 em): a label of size s needs this height.
_ASCENDER = 1.075
_LABEL_HEIGHT_EM = 1.374


@dataclass(frozen=True)
class _Mark:
    """One box to burn: where glyphs are cut, what is blacked out, and its label."""

    cut: pymupdf.Rect
    fill: pymupdf.Rect
    label: str | None = None
    label_size: float | None = None


def burn(document: Document, decisions: Sequence[Decision], out_path: Path) -> int:
    """Write `document` to `out_path` with `decisions` burned in; return the page count.

    The source file is opened read-only and never written. Disclose decisions are skipped.
    """
    out_path = Path(out_path)
    started = time.perf_counter()
    if document.kind is not DocumentKind.PDF:
        raise RenderError("only PDF documents can be burned", document.path)
    if out_path.resolve() == Path(document.path).resolve():
        raise RenderError("the output would overwrite the original", document.path)
    marks_by_page = _boxes(document, decisions)
    try:
        doc = pymupdf.open(document.path, filetype="pdf")
    except Exception:
        log.debug("MuPDF could not open the input", exc_info=True)
        raise RenderError("the original can no longer be opened", document.path) from None
    try:
        sizes = [(p.rect.width, p.rect.height) for p in doc]
        same = len(sizes) == len(document.page_sizes) and all(
            abs(w - w0) < 0.5 and abs(h - h0) < 0.5 for (w, h), (w0, h0) in zip(sizes, document.page_sizes, strict=True)
        )
        if doc.needs_pass or doc.page_count != document.page_count or not same:
            raise RenderError("the original changed since it was read", document.path)
        count = 0
        for page in doc:
            marks = marks_by_page.get(page.number + 1, [])
            if marks:
                count += _redact_page(page, marks)
        save_clean(doc, out_path)
        pages = doc.page_count
    finally:
        doc.close()
    log.info(
        "burned %s: %d boxes on %d pages in %.2f s",
        out_path.name,
        count,
        pages,
        time.perf_counter() - started,
    )
    return pages


# ---------------------------------------------------------------- boxes to redact


def _boxes(document: Document, decisions: Sequence[Decision]) -> dict[int, list[_Mark]]:
    """Per page, the marks to burn: one per line of every span, then the removed regions."""
    spans: dict[int, list[tuple[list[pymupdf.Rect], str | None]]] = defaultdict(list)  # None: a region
    for d in decisions:
        if d.action is Action.DISCLOSE:
            continue
        unit = document.units.get(d.unit_id)
        if unit is None:
            raise RenderError(f"a decision refers to unit {d.unit_id}, which the document does not have", document.path)
        if unit.boxes is None or unit.provenance.page is None:
            raise RenderError(f"unit {d.unit_id} has no character boxes", document.path)
        if not (0 <= d.start < d.end <= len(unit.text)) or unit.text[d.start : d.end] != d.text:
            raise RenderError(
                f"a decision on unit {d.unit_id} does not match its text (stale decision?)", document.path
            )
        rects = line_boxes(unit.boxes[d.start : d.end])
        if not rects:
            # Nothing to burn would mean the text stays: fail closed.
            raise RenderError(
                f"no character boxes for a span of unit {d.unit_id} ({d.start}-{d.end}); it cannot be burned",
                document.path,
            )
        spans[unit.provenance.page].append((rects, d.label))
    for region in document.removed_regions:
        spans[region.page].append(([pymupdf.Rect(region.box)], None))
    if not spans:
        return {}
    neighbours = _page_lines(document, set(spans))
    marks: dict[int, list[_Mark]] = defaultdict(list)
    for page, items in spans.items():
        lines = neighbours.get(page, [])
        for rects, label in items:
            if label is None:
                mark = _mark(rects[0], lines, region=True)
                marks[page].append(_labelled(mark, _REGION_LABEL, _REGION_LABEL_SIZE))
                continue
            span = [_mark(rect, lines) for rect in rects]
            # The label goes in the first box of the span it fits in legibly (the first box
            # may hold only "Dr" at the end of a line); if it fits in none, no label.
            for n, mark in enumerate(span):
                labelled = _labelled(mark, label, _MAX_LABEL_SIZE)
                if labelled.label is not None:
                    span[n] = labelled
                    break
            marks[page].extend(span)
    return marks


def _labelled(mark: _Mark, label: str, largest: float) -> _Mark:
    """`mark` with `label` if it fits legibly, else unchanged."""
    size = _label_size(mark.fill, label, largest)
    return dataclasses.replace(mark, label=label, label_size=size) if size else mark


def line_boxes(boxes: Sequence[Box | None]) -> list[pymupdf.Rect]:
    """Merge character boxes into one box per line (boxes of None are skipped)."""
    lines: list[list[float]] = []  # plain floats: pymupdf.Rect arithmetic is slow in bulk
    for box in boxes:
        if box is None:
            continue  # a joining space the reader inserted; it has nothing to burn
        x0, y0, x1, y1 = box
        if lines:
            last = lines[-1]
            centre_gap = abs((y0 + y1) / 2 - (last[1] + last[3]) / 2)
            if centre_gap <= _SAME_LINE * max(last[3] - last[1], y1 - y0) and x0 >= last[0] - 1:
                last[:] = min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1)
                continue
        lines.append([x0, y0, x1, y1])
    return [pymupdf.Rect(line) for line in lines]


def _page_lines(document: Document, pages: set[int]) -> dict[int, list[Box]]:
    """Line boxes of all text on the given pages: the neighbours a cut must stay clear of."""
    lines: dict[int, list[Box]] = defaultdict(list)
    for unit in document.units.values():
        page = unit.provenance.page
        if page in pages and unit.boxes:
            lines[page].extend(tuple(r) for r in line_boxes(unit.boxes))
    return lines


def _mark(rect: pymupdf.Rect, lines: list[Box], region: bool = False) -> _Mark:
    """Cut and fill rects for one line box (or a removed region), clear of the lines around it."""
    x0, y0, x1, y1 = rect
    height = y1 - y0
    cy = (y0 + y1) / 2
    if region:
        # A whole column: everything inside goes; only text above and below it is spared.
        top, bottom = fill_top, fill_bottom = y0, y1
        reach = 0.0
    else:
        top, bottom = y0 + height * _SHRINK, y1 - height * _SHRINK
        fill_top, fill_bottom = y0 + height * _FILL_TOP, y1 - height * _FILL_BOTTOM
        reach = height  # lines further away than one line height cannot be touched
    for ox0, oy0, ox1, oy1 in lines:
        if ox1 <= x0 or ox0 >= x1 or oy1 < y0 - reach or oy0 > y1 + reach:
            continue
        oc = (oy0 + oy1) / 2
        if region:
            if y0 <= oc <= y1:
                continue  # the column's own text
        elif abs(oc - cy) <= _SAME_LINE * max(height, oy1 - oy0):
            continue  # the span's own line
        if oc < cy:
            top = max(top, oy1 + _CLEARANCE)
            if not region:
                fill_top = max(fill_top, oy1)  # below the descenders of the line above
        else:
            bottom = min(bottom, oy0 - _CLEARANCE)
            if not region:
                # Above the capitals of the line below (its box starts well above them).
                fill_bottom = min(fill_bottom, oy0 + (oy1 - oy0) * _FILL_TOP)
    if bottom - top < _MIN_CUT:
        # Lines so tight that no strip is clear of both neighbours: cut through the middle
        # (never leave the span's own glyphs); verification reports any damage.
        log.debug("line pitch too tight for a clean cut; neighbouring glyphs may be removed")
        top, bottom = cy - _MIN_CUT / 2, cy + _MIN_CUT / 2
    return _Mark(
        pymupdf.Rect(x0, top, x1, bottom),
        pymupdf.Rect(x0, min(fill_top, top), x1, max(fill_bottom, bottom)),
    )


# ---------------------------------------------------------------- one page


def _redact_page(page: pymupdf.Page, marks: list[_Mark]) -> int:
    """Cut, black out and label one page's marks; return how many were burned."""
    no_change = {"graphics": pymupdf.PDF_REDACT_LINE_ART_NONE}  # 2 would delete table borders
    # Pixels of images under a black box are blanked, or the original picture would stay in
    # the file under the fill. This pass covers the whole visible box and leaves text alone.
    images = page.get_image_info()
    if any(pymupdf.Rect(info["bbox"]).intersects(m.fill) for info in images for m in marks):
        for mark in marks:
            page.add_redact_annot(mark.fill, cross_out=False)
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS, text=pymupdf.PDF_REDACT_TEXT_NONE, **no_change)
    for mark in marks:
        page.add_redact_annot(mark.cut, cross_out=False)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, text=pymupdf.PDF_REDACT_TEXT_REMOVE, **no_change)
    # The black boxes and labels are drawn after the glyphs are gone. PyMuPDF's own label
    # placement (add_redact_annot(text=...)) needs about 2.2 times the font size in height,
    # so a 10 pt line would get a label under 5 pt; placing the baseline ourselves lets the
    # label fill the box. Labels are real text, so they are extractable.
    shape = page.new_shape()
    for mark in marks:
        shape.draw_rect(mark.fill)
    shape.finish(fill=_BLACK, color=_BLACK, width=0)
    for mark in marks:
        rect = mark.fill
        if mark.label is None or mark.label_size is None:
            if mark.label != _REGION_LABEL:
                # A box with no label still gets (invisible) spaces, so that text extractors see
                # the line run on through it instead of breaking it into two pieces.
                size = min(rect.height * 0.7, 10.0)
                pad = _padding("", rect.width - 1, size)
                if pad and size >= 1:
                    baseline = rect.y0 + (rect.height - size * _LABEL_HEIGHT_EM) / 2 + size * _ASCENDER
                    shape.insert_text((rect.x0 + 0.5, baseline), pad, fontname=_LABEL_FONT, fontsize=size, color=_WHITE)
            continue
        size = mark.label_size
        text = mark.label
        if mark.label == _REGION_LABEL:
            rect = pymupdf.Rect(rect.x0, rect.y0, rect.x1, rect.y0 + size * _LABEL_HEIGHT_EM + 2)
        else:
            # Spaces after the label fill the box: extractors (pdfminer groups characters into
            # lines by their gaps) then read the label as part of its line, in reading order.
            text += _padding(text, rect.width - 1, size)
        # Centre the label's em box (ascender to descender) vertically in the box.
        baseline = rect.y0 + (rect.height - size * _LABEL_HEIGHT_EM) / 2 + size * _ASCENDER
        shape.insert_text((rect.x0 + 0.5, baseline), text, fontname=_LABEL_FONT, fontsize=size, color=_WHITE)
    shape.commit()
    return len(marks)


@functools.lru_cache(maxsize=4096)
def text_width(text: str, fontname: str) -> float:
    """Width of `text` at 1 pt in a base-14 font (widths scale with the size).

    pymupdf.get_text_length gathers the font's metrics in Python on every call: a 41-page
    PDF with its labels and padding made 5,400 calls costing about 0.3 s; labels repeat.
    """
    return pymupdf.get_text_length(text, fontname=fontname, fontsize=1)


def _padding(label: str, width: float, size: float) -> str:
    """Spaces that make `label` about `width` wide at `size` points."""
    used = text_width(label, _LABEL_FONT) * size if label else 0.0
    space = text_width(" ", _LABEL_FONT) * size
    if space <= 0 or width - used < space:
        return ""
    return " " * int((width - used) / space)


def _label_size(rect: pymupdf.Rect, label: str, largest: float) -> float | None:
    """The largest font size at which `label` fits inside `rect`, or None below 4 pt."""
    if not label.strip():
        return None
    width_at_1pt = text_width(label, _LABEL_FONT)
    if width_at_1pt <= 0:
        return None
    size = min(largest, (rect.width - 1) / width_at_1pt, rect.height / _LABEL_HEIGHT_EM)
    return round(size, 2) if size >= _MIN_LABEL_SIZE else None
