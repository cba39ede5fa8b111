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
    if pix.n != 1 or pix.alpha:
        pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)  # Tesseract binarises a grey image itself
    return ocr_image(pix.tobytes("pnm"), dpi, origin)


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


def _parse_tsv(tsv: str, scale: float, origin: tuple[float, float]) -> tuple[OcrWord, ...]:
    """Words of Tesseract's TSV (level 5 rows) with boxes scaled to points."""
    words: list[OcrWord] = []
    lines: dict[tuple[int, int, int], int] = {}
    ox, oy = origin
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        left, top, width, height = (int(c) for c in cols[6:10])
        number = lines.setdefault((block, par, line), len(lines))
        box = (ox + left * scale, oy + top * scale, ox + (left + width) * scale, oy + (top + height) * scale)
        words.append(OcrWord(text, box, float(cols[10]), block, par, number))
    return tuple(words)


__all__ = [
    "DPI", "ENGINE", "LOW_PAGE_CONFIDENCE", "OcrPage", "OcrUnavailableError", "OcrWord", "available", "ocr_image",
    "ocr_page", "ocr_pixmap", "render",
]
