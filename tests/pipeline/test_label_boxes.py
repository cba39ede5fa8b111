"""Labels fit inside their black boxes in PDFs rebuilt from DOCX (issue 13 item 6).

Story paints a redaction's background one em tall and word by word: the brackets of
"[date of birth]" stood out above and below it, with hair gaps between words. Checked on
the rendered pixels, as a reader sees the page.
"""

from __future__ import annotations

import pymupdf

from pipeline.model import Action, Category, Decision
from pipeline.render.pdf_rebuild import rebuild
from tests.pipeline.model_builders import document

TEXT = [
    "Born on 12 March 1990 in Leigh, CRN X123456, supervised by Priya Okafor since 2021 and seen often.",
    "A second paragraph with descenders gjpqy and [ordinary brackets] that are not redacted at all.",
]
LABELS = {"12 March 1990": "[date of birth]", "X123456": "[CRN]", "Priya Okafor": "[name of probation practitioner]"}


def _decisions(doc) -> list[Decision]:
    out = []
    for uid, unit in doc.units.items():
        for text, label in LABELS.items():
            i = unit.text.find(text)
            if i >= 0:
                out.append(Decision(uid, i, i + len(text), text, Category.IDENTIFIER, Action.WITHHOLD, label, "test", "Test", 1.0, "test"))
    return out


def _boxes(page) -> list[pymupdf.Rect]:
    """Black fills, joined where they touch: one box per label run on a line."""
    out: list[pymupdf.Rect] = []
    for f in sorted((pymupdf.Rect(d["rect"]) for d in page.get_drawings() if d.get("fill") == (0.0, 0.0, 0.0)), key=lambda r: r.x0):
        for g in out:
            if g.intersects(f) or (abs(g.y0 - f.y0) < 2 and 0 <= f.x0 - g.x1 < 1):
                g |= f
                break
        else:
            out.append(pymupdf.Rect(f))
    return out


def _label_ink(page) -> list[pymupdf.Rect]:
    """The ink of every character drawn in white (the labels), from its font's glyph box."""
    font = pymupdf.Font("helv")  # Story's sans-serif is Nimbus Sans, Helvetica's metrics
    out = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                if span["color"] != 0xFFFFFF:
                    continue
                for ch in span["chars"]:
                    if ch["c"].isspace():
                        continue
                    g = font.glyph_bbox(ord(ch["c"]))
                    x, y = ch["origin"]
                    size = span["size"]
                    out.append(pymupdf.Rect(x + g.x0 * size, y - g.y1 * size, x + g.x1 * size, y - g.y0 * size))
    return out


def test_label_glyphs_stay_inside_one_unbroken_box(tmp_path):
    doc = document(*TEXT)
    out = tmp_path / "out.pdf"
    rebuild(doc, _decisions(doc), out)
    page = pymupdf.open(out)[0]
    boxes = _boxes(page)
    ink = _label_ink(page)
    assert len(ink) > 40
    outside = [r for r in ink if not any(b.contains(pymupdf.Rect(r.x0 + 0.01, r.y0 + 0.01, r.x1 - 0.01, r.y1 - 0.01)) for b in boxes)]
    assert not outside, f"{len(outside)} label glyphs reach outside their box"
    # no seam between the words of a label: one box per label line, black all along
    zoom = 6
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY)
    for box in (b for b in boxes if b.y0 > 60):
        y = int((box.y0 + 0.4) * zoom)
        light = [x for x in range(int(box.x0 * zoom) + 2, int(box.x1 * zoom) - 2) if pix.pixel(x, y)[0] > 15]
        assert not light, "a gap in the box"
    text = page.get_text()
    assert "[date of birth]" in text and "[CRN]" in text
