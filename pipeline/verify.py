"""Verification: re-extract every output with libraries other than the one that wrote it.

PyMuPDF writes the PDFs; pypdf and pdfminer.six read them back. No removed string may
survive in the text either finds, in the metadata, or in annotations, outlines, forms,
embedded files or JavaScript, and the file must be a single revision. Failures name the
category and the extractor, never the text that leaked.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import LeakDetectedError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Needle:
    """A string that must not be in an output, and what kind of thing it is (safe to report)."""

    text: str
    category: str
    case_sensitive: bool = False


@dataclass
class VerifyReport:
    path: Path
    pages: int
    checked: int
    extractors: tuple[str, ...] = ("pypdf", "pdfminer.six")
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "\u00ad": "", "‐": "-", "–": "-"})


def normalise(text: str) -> str:
    """Fold what extractors disagree on: quotes, spaces, ligatures, soft hyphens, line breaks."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = re.sub(r"[\u200b-\u200f\u2060\ufeff]", "", text)
    text = re.sub(r"-\s*\n\s*", "-", text)
    return " ".join(text.split())


def extract_pypdf(path: Path) -> tuple[list[str], list[str]]:
    """Page texts and structural problems, read with pypdf."""
    from pypdf import PdfReader

    problems: list[str] = []
    reader = PdfReader(str(path))
    texts = [page.extract_text() or "" for page in reader.pages]
    meta = reader.metadata
    if meta:
        filled = [k for k, v in meta.items() if str(v).strip()]
        if filled:
            problems.append(f"metadata entries present: {', '.join(sorted(filled))}")
    root = reader.trailer["/Root"]
    for key in ("/Outlines", "/AcroForm", "/Names", "/OpenAction", "/Metadata", "/AA"):
        if key in root:
            problems.append(f"catalog holds {key[1:]}")
    for n, page in enumerate(reader.pages, start=1):
        if "/Annots" in page and page["/Annots"]:
            problems.append(f"page {n} has annotations")
    return texts, problems


def extract_pdfminer(path: Path) -> list[str]:
    """Page texts read with pdfminer.six."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    pages = []
    for layout in extract_pages(str(path)):
        pages.append("".join(el.get_text() for el in layout if isinstance(el, LTTextContainer)))
    return pages


def revisions(path: Path) -> int:
    """How many revisions the file holds (an incremental save adds an %%EOF)."""
    data = path.read_bytes()
    return max(1, len(re.findall(rb"%%EOF", data)))


def _compile(needle: Needle) -> re.Pattern[str]:
    body = r"\s*".join(re.escape(part) for part in normalise(needle.text).split())
    flags = 0 if needle.case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


def find_leaks(texts: Iterable[str], needles: Iterable[Needle]) -> list[tuple[Needle, int]]:
    """Needles found in any of the texts, with the 1-based page they were found on."""
    pages = [normalise(t) for t in texts]
    # A second view with no spaces catches text an extractor split into letters.
    squashed = [p.replace(" ", "") for p in pages]
    found = []
    for needle in needles:
        if len(normalise(needle.text)) < 3:
            continue
        pattern = _compile(needle)
        compact = normalise(needle.text).replace(" ", "")
        for n, (page, flat) in enumerate(zip(pages, squashed, strict=True), start=1):
            if pattern.search(page):
                found.append((needle, n))
                break
            min_len = 6 if any(c.isdigit() for c in compact) else 8
            if len(compact) >= min_len and not needle.case_sensitive and compact.lower() in flat.lower():
                found.append((needle, n))
                break
    return found


def verify(path: Path, needles: Iterable[Needle]) -> VerifyReport:
    """Check an output; raise LeakDetectedError (without any document text) if anything survives."""
    needles = list(needles)
    try:
        pypdf_texts, problems = extract_pypdf(path)
        miner_texts = extract_pdfminer(path)
    except Exception as exc:  # an unreadable output is a failed output
        raise LeakDetectedError(f"output cannot be re-read for verification ({type(exc).__name__})", path) from None
    report = VerifyReport(path=path, pages=len(pypdf_texts), checked=len(needles), problems=list(problems))
    if revisions(path) > 1:
        report.problems.append("file holds more than one revision (incremental update)")
    for name, texts in (("pypdf", pypdf_texts), ("pdfminer.six", miner_texts)):
        leaks = find_leaks(texts, needles)
        if leaks:
            cats = sorted({n.category for n, _ in leaks})
            pages = sorted({p for _, p in leaks})
            report.problems.append(
                f"{len(leaks)} removed string(s) ({', '.join(cats)}) found by {name} on page(s) {', '.join(map(str, pages[:10]))}"
            )
    if report.problems:
        raise LeakDetectedError("verification failed: " + "; ".join(report.problems), path)
    logger.debug("verified %s: %d pages, %d strings checked", path.name, report.pages, report.checked)
    return report


def read_text(path: Path) -> str:
    """The whole text of a PDF as pdfminer.six reads it (for evaluation and tests)."""
    return "\n".join(extract_pdfminer(path))


__all__ = ["Needle", "VerifyReport", "verify", "find_leaks", "normalise", "read_text"]
