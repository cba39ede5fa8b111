"""Optical character recognition of a page image: words, their boxes and how sure the engine is.

The one place the OCR engine is chosen (`ENGINE`, `DPI`). The choice was made by measurement
(benchmarks/ocr.py, figures in benchmarks/README.md): Tesseract 5 from Debian's
`tesseract-ocr` and `tesseract-ocr-eng` packages, whose English model is inside the package,
so nothing is downloaded at run time. It runs as a subprocess (`tesseract - - tsv`) fed the
rendered page on standard input; its TSV output gives every word with its box in pixels and
a confidence from 0 to 100.

Used by the PDF reader (pages with no text layer, or an image over most of their text area),
by the scan renderer (none: it only paints the boxes the reader's words gave) and by
verification, which reads each output page image again.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import pymupdf

from pipeline.errors import UnsupportedDocumentError
from pipeline.model import Box

log = logging.getLogger("sfo_redact")

ENGINE = "tesseract"
# Pages are rendered at this resolution for OCR: 300 dpi gave the best name recall on the
# benchmark's generated scans (benchmarks/README.md, "OCR").
DPI = 300
# A word is trusted when the engine's confidence is at least this (0-100).
WORD_CONFIDENCE = 60.0
# A page whose trusted words hold fewer letters than this is blank or garbage: unreadable.
MIN_READABLE_LETTERS = 20
# A page read with a mean word confidence below this goes to a person ("check by eye").
LOW_PAGE_CONFIDENCE = 80.0
# Tesseract's page segmentation mode 6, one uniform block of text: mode 3 (automatic layout)
# lost whole paragraphs of pages scanned 3 degrees askew (benchmarks/README.md, "OCR").
_PSM = "6"
# One page must never hang a batch. A text page took about 1 s at 300 dpi; a blank page of
# sensor noise took 25 s (Tesseract tries every speck as a letter).
_TIMEOUT_SECONDS = 90


class OcrUnavailableError(UnsupportedDocumentError):
    """The OCR engine is not installed on this machine."""


@dataclass(frozen=True)
class OcrWord:
    """One word the engine read, with its box in PDF points (page space, origin top-left)."""

    text: str
    box: Box
    confidence: float  # 0-100
    block: int  # Tesseract's block and paragraph: the unit it belongs to
    paragraph: int
    line: int  # page-wide line number, in reading order


@dataclass(frozen=True)
class OcrPage:
    """What OCR read on one page, in reading order."""

    words: tuple[OcrWord, ...]
    dpi: int
    engine: str = ENGINE

    @property
    def confidence(self) -> float:
        """Mean word confidence weighted by letters (0 when nothing was read)."""
        weights = [(w.confidence, sum(c.isalnum() for c in w.text)) for w in self.words]
        total = sum(n for _, n in weights)
        return sum(c * n for c, n in weights) / total if total else 0.0

    @property
    def readable_letters(self) -> int:
        """Letters and digits in the words read with at least WORD_CONFIDENCE."""
        return sum(sum(c.isalnum() for c in w.text) for w in self.words if w.confidence >= WORD_CONFIDENCE)

    @property
    def readable(self) -> bool:
        """Whether anything on the page was read with confidence (not blank, not garbage)."""
        return self.readable_letters >= MIN_READABLE_LETTERS

    @property
    def low_confidence(self) -> bool:
        """Whether a person should look at the page: read, but not surely."""
        return self.confidence < LOW_PAGE_CONFIDENCE

    def text(self) -> str:
        """The words, a line break between lines (for verification and benchmarks)."""
        out: list[str] = []
        last = None
        for w in self.words:
            if last is not None:
                out.append("\n" if w.line != last else " ")
            out.append(w.text)
            last = w.line
        return "".join(out)


@functools.lru_cache(maxsize=1)
def _tesseract() -> str:
    found = shutil.which("tesseract")
    if found is None:
        raise OcrUnavailableError(
            "this page needs OCR, but Tesseract is not installed (Debian packages tesseract-ocr and tesseract-ocr-eng)"
        )
    return found


def available() -> bool:
    """Whether the OCR engine can run here."""
    try:
        _tesseract()
    except OcrUnavailableError:
        return False
    return True


def render(page: pymupdf.Page, dpi: int = DPI, grey: bool = False) -> pymupdf.Pixmap:
    """The page as an RGB (or grey) image at `dpi`, as a person sees it (annotations left out)."""
    return page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY if grey else pymupdf.csRGB, alpha=False, annots=False)


def ocr_page(page: pymupdf.Page, dpi: int = DPI) -> OcrPage:
    """Render `page` and read it; boxes come back in the page's own coordinates (points)."""
    return ocr_pixmap(render(page, dpi, grey=True), dpi, origin=(page.rect.x0, page.rect.y0))


def ocr_pixmap(pix: pymupdf.Pixmap, dpi: int, origin: tuple[float, float] = (0.0, 0.0)) -> OcrPage:
    """Read an image rendered at `dpi`; boxes in points from `origin`."""
    import numpy as np

    if pix.n != 1 or pix.alpha:
        pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)  # Tesseract binarises a grey image itself
    grey = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.stride)[:, : pix.w]
    return ocr_grey(grey, dpi, origin)


def ocr_grey(grey, dpi: int, origin: tuple[float, float] = (0.0, 0.0)) -> OcrPage:
    """Read a grey image (a 2-D numpy array of 0-255) scanned at `dpi`, straightened first if askew.

    Dust and sensor noise are taken out first with a 3 x 3 median (Tesseract read specks as
    full stops and lost first names after them: 200 dpi recall 0.964 -> 0.989, 300 dpi
    0.986 -> 0.993 on seeds 16201-16210, with the straightening below). Mode 6 reads the page
    as horizontal lines: on a page scanned 2 to 3 degrees askew the ends
    of long lines drift into the next line, and the first letters of names were lost (300 dpi
    recall 0.979 on the reader's path). The page is turned straight (nearest pixel), read,
    and every word's box turned back onto the page as the box around its four corners.
    """
    grey = _despeckled(grey)
    angle = skew_angle(grey, dpi)
    if abs(angle) < _MIN_DESKEW_DEGREES:
        return _ocr_array(grey, dpi, origin, None)
    return _ocr_array(_rotated(grey, angle), dpi, origin, angle)


def _ocr_array(grey, dpi: int, origin: tuple[float, float], angle: float | None) -> OcrPage:
    h, w = grey.shape
    image = b"P5\n%d %d\n255\n" % (w, h) + grey.tobytes()
    read = ocr_image(image, dpi)
    if angle is None:
        words = read.words
    else:
        words = tuple(
            OcrWord(word.text, _turned_back(word.box, angle, w, h, dpi), word.confidence, word.block, word.paragraph, word.line)
            for word in read.words
        )
    ox, oy = origin
    if ox or oy:
        words = tuple(
            OcrWord(wd.text, (wd.box[0] + ox, wd.box[1] + oy, wd.box[2] + ox, wd.box[3] + oy), wd.confidence, wd.block,
                    wd.paragraph, wd.line)
            for wd in words
        )  # fmt: skip
    return OcrPage(words, dpi)


def _despeckled(grey):
    """`grey` through a 3 x 3 median filter (about 0.65 s for an A4 page at 300 dpi)."""
    import numpy as np

    h, w = grey.shape
    padded = np.pad(grey, 1, mode="edge")
    stack = np.stack([padded[i : i + h, j : j + w] for i in range(3) for j in range(3)])
    return np.partition(stack, 4, axis=0)[4]


# Skew is looked for within this many degrees either way, first in steps of _SKEW_STEP, then
# in tenths around the best; below _MIN_DESKEW_DEGREES the page is read as it is.
_MAX_SKEW_DEGREES = 4.0
_SKEW_STEP = 0.5
_MIN_DESKEW_DEGREES = 0.3
# Skew is measured on the image thinned to about this resolution.
_SKEW_DPI = 75


def skew_angle(grey, dpi: int) -> float:
    """The angle (degrees) of the text lines in `grey`, by projection profiles.

    For each candidate angle the dark pixels are summed along lines of that slope; the
    lines of text are sharpest (the profile's variance highest) at the page's skew.
    Positive: lines run down to the right in image coordinates.
    """
    import numpy as np

    step = max(1, dpi // _SKEW_DPI)
    dark = (grey[::step, ::step] < 128).astype(np.int32)
    h, w = dark.shape
    if not dark.any():
        return 0.0
    cols = np.arange(w)

    def score(angle: float) -> float:
        shifts = np.round(cols * np.tan(np.radians(angle))).astype(np.int64)
        rows = np.arange(-abs(shifts).max(), h + abs(shifts).max())
        ys = rows[:, None] + shifts[None, :]
        inside = (ys >= 0) & (ys < h)
        profile = (dark[np.clip(ys, 0, h - 1), cols[None, :]] * inside).sum(axis=1)
        return float(np.var(profile))

    coarse = np.arange(-_MAX_SKEW_DEGREES, _MAX_SKEW_DEGREES + 1e-9, _SKEW_STEP)
    best = max(coarse, key=score)
    fine = np.arange(best - _SKEW_STEP, best + _SKEW_STEP + 1e-9, 0.1)
    return round(float(max(fine, key=score)), 2)


def _rotated(grey, angle: float):
    """`grey` turned about its centre so lines of slope `angle` become level (nearest pixel, white outside)."""
    import numpy as np

    h, w = grey.shape
    a = np.radians(angle)
    cos, sin = np.cos(a), np.sin(a)
    cx, cy = (w - 1) / 2, (h - 1) / 2
    ys, xs = np.indices((h, w), dtype=np.float32)
    dx, dy = xs - cx, ys - cy
    sx = np.rint(cos * dx - sin * dy + cx).astype(np.int32)
    sy = np.rint(sin * dx + cos * dy + cy).astype(np.int32)
    inside = (sx >= 0) & (sx < w) & (sy >= 0) & (sy < h)
    out = np.full((h, w), 255, dtype=np.uint8)
    out[inside] = grey[sy[inside], sx[inside]]
    return out


def _turned_back(box: Box, angle: float, w: int, h: int, dpi: int) -> Box:
    """A box read on the straightened image (points) as the box around it on the original page."""
    import math

    scale = dpi / 72
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy = (w - 1) / 2, (h - 1) / 2
    xs, ys = [], []
    for px, py in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = px * scale - cx, py * scale - cy
        xs.append((cos * dx - sin * dy + cx) / scale)
        ys.append((sin * dx + cos * dy + cy) / scale)
    return (min(xs), min(ys), max(xs), max(ys))


def ocr_image(image: bytes, dpi: int, origin: tuple[float, float] = (0.0, 0.0)) -> OcrPage:
    """Read an encoded image (PNG, PNM, TIFF...) scanned at `dpi`."""
    env = dict(os.environ)
    # One thread per page: Tesseract's OpenMP threads fight over the two cores with the other
    # worker process (and made a page slower, not faster, in the benchmark).
    env["OMP_THREAD_LIMIT"] = "1"
    try:
        done = subprocess.run(
            [_tesseract(), "-", "-", "-l", "eng", "--psm", _PSM, "--dpi", str(dpi), "tsv"],
            input=image,
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise UnsupportedDocumentError(
            f"OCR could not read the page within {_TIMEOUT_SECONDS} s (noise or garbage, not text?)"
        ) from None
    if done.returncode != 0:
        log.debug("tesseract exited with %d", done.returncode)
        raise UnsupportedDocumentError(f"OCR failed on a page image (Tesseract exit status {done.returncode})")
    return OcrPage(_parse_tsv(done.stdout.decode("utf-8", "replace"), 72.0 / dpi, origin), dpi)


# "!", "|" and "1" read where a word's letters go on are a lower-case l the engine misread
# ("Chery!" for Cheryl, "Wi|liams"): the reader's OCR read "Chery!" where verification's OCR
# of the output read "Cheryl", and the draft was refused. Both sides read through here.
_L_CONFUSION = re.compile(r"(?<=[a-z])[!|1](?=[a-z]|[.,;:')]*$)")


def corrected(word: str) -> str:
    """`word` with the engine's l-for-! confusions inside or at the end of a lower-case word put right."""
    return _L_CONFUSION.sub("l", word) if any(c in word for c in "!|1") else word


def _parse_tsv(tsv: str, scale: float, origin: tuple[float, float]) -> tuple[OcrWord, ...]:
    """Words of Tesseract's TSV (level 5 rows) with boxes scaled to points."""
    words: list[OcrWord] = []
    lines: dict[tuple[int, int, int], int] = {}
    ox, oy = origin
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = corrected(cols[11].strip())
        if not text:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        left, top, width, height = (int(c) for c in cols[6:10])
        number = lines.setdefault((block, par, line), len(lines))
        box = (ox + left * scale, oy + top * scale, ox + (left + width) * scale, oy + (top + height) * scale)
        words.append(OcrWord(text, box, float(cols[10]), block, par, number))
    return tuple(words)


__all__ = [
    "DPI", "ENGINE", "LOW_PAGE_CONFIDENCE", "OcrPage", "OcrUnavailableError", "OcrWord", "available", "corrected", "ocr_image",
    "ocr_grey", "ocr_page", "ocr_pixmap", "render", "skew_angle",
]
