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
from decimal import Decimal
from pathlib import Path

import pymupdf

from pipeline.errors import RenderError
from pipeline.model import Action, Box, Decision, Document, DocumentKind
from pipeline.read.pdf import open_pdf
from pipeline.render.sanitize import save_clean
from pipeline.render.scan import redraw_scanned_pages
from pipeline.render.text_operators import expand_text_quotes

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
        doc = open_pdf(Path(document.path))  # the same repair the reader made, if any
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
        # Before any MuPDF filter runs (apply_redactions, save_clean): it moves text drawn
        # with ' and ", and the boxes would then cut nothing.
        expand_text_quotes(doc, Path(document.path))
        # Scanned pages are redrawn from their pixels (pipeline/render/scan.py); the rest are burned here.
        scanned = {s.page for s in document.scanned_pages}
        count = redraw_scanned_pages(doc, document, decisions) if scanned else 0
        for page in doc:
            marks = marks_by_page.get(page.number + 1, [])
            if marks and page.number + 1 not in scanned:
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
    # Labels whose gap in the line's text is found are written there, in reading order,
    # with their boxes (see _labels_in_stream); the rest are drawn after the page.
    in_stream = _labels_in_stream(page, marks)
    shape = page.new_shape()
    for n, mark in enumerate(marks):
        if n not in in_stream:
            shape.draw_rect(mark.fill)
    shape.finish(fill=_BLACK, color=_BLACK, width=0)
    for n, mark in enumerate(marks):
        if n in in_stream:
            continue
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


# ---------------------------------------------------------------- labels in reading order
# apply_redactions leaves the removed glyphs' advance as one number in the line's TJ array
# ("[(notified that Mr )-5890( had been charged)]TJ"). A label drawn in a stream appended at
# the end of the page is read by pypdf, PDFium and PyMuPDF's default order after the whole
# page. So each label whose gap can be found is written into that TJ, at the gap: the label's
# text in white, then the rest of the gap, then the line's own font, colour and spacing
# again. Its black box is drawn just before the text object, in default user space. A label
# whose gap cannot be matched (a page with rotation, a line whose gaps do not pair with its
# boxes) is drawn as before, after the page.

_SHOW_OPS = {"Tj", "TJ", "'", '"'}
_FILL_OPS = {"g", "rg", "k", "sc", "scn", "cs"}
_LABEL_RESOURCE = "SfoLabel"


def _labels_in_stream(page: pymupdf.Page, marks: list[_Mark]) -> set[int]:
    """Write the labels of `marks` into the page content at their gaps; return those placed."""
    try:
        import pikepdf
    except ImportError:  # pragma: no cover - pinned in pyproject
        return set()
    if page.rotation or not any(m.label for m in marks):
        return set()
    page.clean_contents()
    xrefs = page.get_contents()
    if len(xrefs) != 1:
        return set()
    original = page.parent.xref_stream(xrefs[0])
    before = _words(page)
    try:
        placed = _rewrite_content(page, marks, pikepdf)
    except Exception:
        log.debug("labels could not be placed in the content; drawn after it", exc_info=True)
        placed = set()
    if placed:
        # Every word the page had must still be where it was (a gap paired with the wrong box
        # would move the rest of its line); if not, the content goes back as it was.
        labels = {w for k in placed for w in marks[k].label.split()}
        words = page.get_text("words")
        after = sorted((round(w[0]), round(w[1]), w[4]) for w in words if w[4] not in labels)
        # ... and every label must start in its own box.
        lost = [
            k for k in placed
            if not any(
                w[4] == marks[k].label.split()[0]
                and marks[k].fill.x0 - 2 <= w[0] <= marks[k].fill.x0 + 3
                and marks[k].fill.y0 - 1 <= (w[1] + w[3]) / 2 <= marks[k].fill.y1 + 1
                for w in words
            )
        ]
        if after != before or lost:
            log.debug("labels in the content moved other text; drawn after it")
            page.parent.update_stream(xrefs[0], original)
            placed = set()
    return placed


def _words(page: pymupdf.Page) -> list[tuple[str, float, float]]:
    """The page's words and where they start, rounded (for the check above)."""
    return sorted((round(w[0]), round(w[1]), w[4]) for w in page.get_text("words"))


def _rewrite_content(page: pymupdf.Page, marks: list[_Mark], pikepdf) -> set[int]:
    doc = page.parent
    xrefs = page.get_contents()
    scratch = pikepdf.new()  # kept alive while its stream is parsed
    ops = pikepdf.parse_content_stream(pikepdf.Stream(scratch, doc.xref_stream(xrefs[0])))
    to_page = page.transformation_matrix  # PDF default user space -> MuPDF page space
    # Pass 1: every big gap in a TJ, with its line's baseline in page space.
    gaps = []  # (op index, array index, baseline point, gap width in page space, state)
    shows = []  # (op index, baseline point, state, items in its array): Tj and TJ
    for index, state, operands, op in _walk(ops):
        if op not in _SHOW_OPS:
            continue
        trm = state["Tm"] * state["CTM"] * to_page
        origin = pymupdf.Point(0, 0) * trm
        scale_x = abs(trm.a) if abs(trm.a) > 1e-6 else abs(trm.b)
        if op == "TJ":
            for j, item in enumerate(operands[0]):
                if isinstance(item, (int, float, Decimal)) and not isinstance(item, bool):
                    n = float(item)
                    width = -n / 1000 * state["Tfs"] * state["Tz"] / 100 * scale_x
                    if width > 0:
                        gaps.append((index, j, origin, width, dict(state)))
        if op in ("Tj", "TJ") and _line_ends_after(ops, index):
            shows.append((index, origin, dict(state), len(operands[0]) if op == "TJ" else 1))
    # Pair gaps with marks: same line, then left to right, widths alike.
    placed: dict[int, tuple[int, int, _Mark, dict, float]] = {}
    used: set[tuple[int, int]] = set()
    for k, mark in sorted(enumerate(marks), key=lambda km: (km[1].cut.y0, km[1].cut.x0)):
        if mark.label is None or mark.label == _REGION_LABEL or mark.label_size is None:
            continue
        fill = mark.fill
        for index, j, origin, width, state in gaps:
            if (index, j) in used:
                continue
            if not (fill.y0 - 1 <= origin.y <= fill.y1 + fill.height * 0.6):
                continue
            if origin.x > mark.cut.x0 + 1 or abs(width - mark.cut.width) > 0.35 * mark.cut.width + 2:
                continue
            used.add((index, j))
            placed[k] = (index, j, mark, state, width)
            break
        else:
            # Removed from the end of a line: MuPDF dropped the glyphs and left no gap, so the
            # label goes after the line's last text, where they began.
            line = [s for s in shows if fill.y0 - 1 <= s[1].y <= fill.y1 + fill.height * 0.6]
            if line and line[-1][1].x <= mark.cut.x0 + 1 and (line[-1][0], line[-1][3]) not in used:
                index, _origin, state, size = line[-1]
                used.add((index, size))
                placed[k] = (index, size, mark, state, None)
    if not placed:
        return set()
    font = _label_font(page)
    if font is None:
        return set()
    by_op: dict[int, list[tuple[int, _Mark, dict, float]]] = defaultdict(list)
    for index, j, mark, state, width in placed.values():
        by_op[index].append((j, mark, state, width))
    bt_of = _text_object_starts(ops)
    boxes_before: dict[int, list[_Mark]] = defaultdict(list)
    for index, items in by_op.items():
        boxes_before[bt_of[index]].extend(m for _, m, _, _ in items)
    from_page = ~to_page
    out = []
    for index, (operands, op) in enumerate(ops):
        if index in boxes_before:
            for mark in boxes_before[index]:
                r = mark.fill * from_page
                r.normalize()
                out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("q")))
                ctm_inv = ~_ctm_at(ops, index)
                out.append(pikepdf.ContentStreamInstruction([*_six(ctm_inv)], pikepdf.Operator("cm")))
                out.append(pikepdf.ContentStreamInstruction([0], pikepdf.Operator("g")))
                out.append(pikepdf.ContentStreamInstruction([r.x0, r.y0, r.width, r.height], pikepdf.Operator("re")))
                out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("f")))
                out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("Q")))
        if index not in by_op:
            out.append(pikepdf.ContentStreamInstruction(operands, op))
            continue
        items = sorted(by_op[index], key=lambda t: t[0])
        array = list(operands[0]) if str(op) == "TJ" else [operands[0]]
        pos = 0
        lead: list = []  # the rest of the previous gap, in the line's units
        for j, mark, state, width in items:
            if j > pos or lead:
                out.append(pikepdf.ContentStreamInstruction([pikepdf.Array(lead + array[pos:j])], pikepdf.Operator("TJ")))
            label_ops, rest = _label_ops(mark, state, width, font, to_page, pikepdf)
            out.extend(label_ops)
            lead = [rest] if width is not None else []
            pos = j + 1
        if pos < len(array) or lead:
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Array(lead + array[pos:])], pikepdf.Operator("TJ")))
    doc.update_stream(xrefs[0], pikepdf.unparse_content_stream(out))
    return set(placed)


_BREAK_OPS = {"Td", "TD", "Tm", "T*", "ET", "'", '"'}
_STATE_OPS = {"Tf", "Tc", "Tw", "Tz", "Ts", "Tr", "TL", "g", "rg", "k", "cs", "sc", "scn", "G", "RG", "K", "CS", "SC", "SCN"}


def _line_ends_after(ops, index: int) -> bool:
    """Whether the text after instruction `index` starts a new line (so a label may follow it)."""
    for _operands, op in ops[index + 1 :]:
        op = str(op)
        if op in _BREAK_OPS:
            return True
        if op not in _STATE_OPS:
            return False
    return True


def _six(m: pymupdf.Matrix) -> list[float]:
    return [m.a, m.b, m.c, m.d, m.e, m.f]


def _label_font(page: pymupdf.Page) -> str | None:
    """The resource name of Helvetica for labels on this page, added if needed."""
    for _xref, _ext, _type, base, name, _enc in page.get_fonts():
        if name == _LABEL_RESOURCE:
            return name if base.endswith("Helvetica") else None
    xref = page.parent.get_new_xref()
    page.parent.update_object(xref, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>")
    kind, fonts = page.parent.xref_get_key(page.xref, "Resources/Font")
    if kind == "dict":
        page.parent.xref_set_key(page.xref, f"Resources/Font/{_LABEL_RESOURCE}", f"{xref} 0 R")
    elif kind == "xref":
        page.parent.xref_set_key(int(fonts.split()[0]), _LABEL_RESOURCE, f"{xref} 0 R")
    elif kind == "null":
        rkind, res = page.parent.xref_get_key(page.xref, "Resources")
        if rkind == "xref":
            page.parent.xref_set_key(int(res.split()[0]), "Font", f"<</{_LABEL_RESOURCE} {xref} 0 R>>")
        else:
            page.parent.xref_set_key(page.xref, "Resources/Font", f"<</{_LABEL_RESOURCE} {xref} 0 R>>")
    else:
        return None
    return _LABEL_RESOURCE


def _label_ops(mark: _Mark, state: dict, gap: float, font: str, to_page: pymupdf.Matrix, pikepdf) -> list:
    """The label shown at the current text position, then the rest of the gap, then the state back."""
    instruction = pikepdf.ContentStreamInstruction
    operator = pikepdf.Operator
    trm = state["Tm"] * state["CTM"] * to_page
    scale = abs(trm.d) if abs(trm.d) > 1e-6 else abs(trm.c)
    scale_x = abs(trm.a) if abs(trm.a) > 1e-6 else abs(trm.b)
    size = mark.label_size / scale  # text-space size that shows as label_size on the page
    # Spaces after the label fill its gap, so that readers grouping characters by their gaps
    # (MuPDF, pdfminer) read the label as part of its line.
    if gap is None:  # at the end of a line: the label and its padding fill the box
        gap = mark.cut.width
    text = mark.label + _padding(mark.label, gap - 1, mark.label_size)
    label_w = text_width(text, _LABEL_FONT) * mark.label_size
    # What is left of the gap after the label, in the line's own units: it goes at the start
    # of the line's next TJ. (A number after the label in the label's own TJ is carried by
    # MuPDF's content filter, run again when the file is cleaned, into the next TJ and read
    # there in the line's font size: the rest of the line moved by points.)
    rest = (gap - label_w) / (state["Tfs"] * state["Tz"] / 100 * scale_x) * 1000
    # Centre the label's em box in its box, as the appended labels are.
    rect = mark.fill
    want = rect.y0 + (rect.height - mark.label_size * _LABEL_HEIGHT_EM) / 2 + mark.label_size * _ASCENDER
    line = (pymupdf.Point(0, 0) * trm).y
    rise = (line - want) / scale
    ops = [
        instruction([1, 1, 1], operator("rg")),
        instruction([pikepdf.Name("/" + font), size], operator("Tf")),
        instruction([0], operator("Tc")), instruction([0], operator("Tw")), instruction([100], operator("Tz")), instruction([0], operator("Tr")), instruction([rise], operator("Ts")),
        instruction([pikepdf.Array([pikepdf.String(text)])], operator("TJ")),
    ]
    # The line's own state again.
    ops += [instruction(list(operands), operator(op)) for operands, op in state["fill"]] or [instruction([0], operator("g"))]
    if state["Tf"] is not None:
        ops.append(instruction([state["Tf"], state["Tfs"]], operator("Tf")))
    ops += [instruction([state["Tc"]], operator("Tc")), instruction([state["Tw"]], operator("Tw")), instruction([state["Tz"]], operator("Tz")), instruction([state["Tr"]], operator("Tr")), instruction([state["Ts"]], operator("Ts"))]
    return ops, -rest


def _initial_state() -> dict:
    return {
        "CTM": pymupdf.Matrix(1, 0, 0, 1, 0, 0), "Tm": pymupdf.Matrix(1, 0, 0, 1, 0, 0), "Tlm": pymupdf.Matrix(1, 0, 0, 1, 0, 0),
        "Tf": None, "Tfs": 1.0, "Tc": 0.0, "Tw": 0.0, "Tz": 100.0, "Tr": 0, "Ts": 0.0, "TL": 0.0, "fill": [],
    }


def _walk(ops):
    """Each instruction with the graphics and text state in force when it runs."""
    state = _initial_state()
    stack = []
    for index, (operands, op) in enumerate(ops):
        op = str(op)
        yield index, state, operands, op
        if op == "q":
            stack.append(dict(state, fill=list(state["fill"])))
        elif op == "Q" and stack:
            state = stack.pop()
        elif op == "cm":
            state["CTM"] = pymupdf.Matrix(*map(float, operands)) * state["CTM"]
        elif op == "BT":
            state["Tm"] = state["Tlm"] = pymupdf.Matrix(1, 0, 0, 1, 0, 0)
        elif op == "Tm":
            state["Tm"] = state["Tlm"] = pymupdf.Matrix(*map(float, operands))
        elif op in ("Td", "TD"):
            tx, ty = map(float, operands)
            if op == "TD":
                state["TL"] = -ty
            state["Tm"] = state["Tlm"] = pymupdf.Matrix(1, 0, 0, 1, tx, ty) * state["Tlm"]
        elif op in ("T*", "'", '"'):
            if op == '"':  # aw ac string ": the word and character spacing are set first
                state["Tw"], state["Tc"] = float(operands[0]), float(operands[1])
            state["Tm"] = state["Tlm"] = pymupdf.Matrix(1, 0, 0, 1, 0, -state["TL"]) * state["Tlm"]
        elif op == "Tf":
            state["Tf"], state["Tfs"] = operands[0], float(operands[1])
        elif op in ("Tc", "Tw", "Tz", "Ts", "TL"):
            state[op] = float(operands[0])
        elif op == "Tr":
            state["Tr"] = int(operands[0])
        elif op in _FILL_OPS:
            if op in ("g", "rg", "k", "cs"):
                state["fill"] = [(list(operands), op)]
            else:
                state["fill"] = [f for f in state["fill"] if f[1] == "cs"] + [(list(operands), op)]
        # The position after shown text is not tracked (it needs the font's widths): only
        # gaps inside one TJ are used, and they need only where the TJ starts.


def _text_object_starts(ops) -> dict[int, int]:
    """For each instruction inside a text object, the index of its BT."""
    out: dict[int, int] = {}
    bt = None
    for index, (_operands, op) in enumerate(ops):
        op = str(op)
        if op == "BT":
            bt = index
        elif op == "ET":
            bt = None
        elif bt is not None:
            out[index] = bt
    return out


def _ctm_at(ops, target: int) -> pymupdf.Matrix:
    for index, state, _operands, _op in _walk(ops):
        if index == target:
            return pymupdf.Matrix(state["CTM"])
    return pymupdf.Matrix(1, 0, 0, 1, 0, 0)
