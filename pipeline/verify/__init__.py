"""Verification: re-extract every output with libraries other than the one that wrote it.

PyMuPDF writes the PDFs. PDFium (pypdfium2, Chrome's PDF engine), pypdf and pdfminer.six
read their text back, and pikepdf (qpdf) reads what lies beneath the extractors: the
strings drawn by the content streams (which catches text whose font has no usable Unicode
mapping), every string object, and every other decodable stream. No removed string may
survive in any of them. The file must carry no metadata, XMP, annotations, outlines, form,
names tree, embedded files, JavaScript or automatic actions, and must be a single revision.
Failures name the kind of problem, the reader and the page, never the text that leaked.

Two reader sets:

- `DRAFT_READERS` (PDFium + pikepdf) checks every draft before it is moved into place.
  PDFium extracts a 40-page review in under 0.1 s; pypdf and pdfminer.six take 2.5 s and
  3.5 s, more than detection itself.
- `FULL_READERS` (all four) checks every final pack (`finalise`) and is what
  `sfo-redact verify` runs: nothing reaches a family without all four readers agreeing.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import LeakDetectedError, SfoRedactError
from pipeline.model import Category
from pipeline.resolve.places import needle_guards
from pipeline.verify.match import _NO_SPACE_CHAR, NeedlePattern, blank, compile_needle, needle_form, views
from pipeline.verify.qpdf import PikeView, info_problem, inspect_pikepdf, page_list

logger = logging.getLogger("sfo_redact")

FULL_READERS = ("pdfium", "pypdf", "pdfminer.six", "pikepdf")
DRAFT_READERS = ("pdfium", "pikepdf")
EXTRACTORS = FULL_READERS


@dataclass(frozen=True)
class Needle:
    """A string that must not be in an output, and what kind of thing it is (safe to report)."""

    text: str
    category: str
    case_sensitive: bool = False
    # A surname that is also a word ("Page", "Mark"): not counted when a number follows
    # ("page 3", "Page 1" in a footer), as detection does not count it either.
    number_may_follow: bool = False
    # Whose name this is (Person.key) and the label standing for it: lets the release
    # check redact a surviving form, and name the person (never the text) when it cannot.
    person: str | None = field(default=None, compare=False)
    label: str = field(default="", compare=False)
    entity: str = field(default="", compare=False)  # the detection entity of an identifier
    ref: str = field(default="", compare=False)  # the log row a final pack's needle came from


@dataclass
class VerifyReport:
    """What verifying one output found: pages, strings checked, extractors used and problems.

    `checks` are not failures: pages a person should look at ("page 3: low OCR confidence;
    check by eye"), which go to the redaction log.
    """

    path: Path
    pages: int
    checked: int
    extractors: tuple[str, ...] = EXTRACTORS
    problems: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def normalise(text: str) -> str:
    """Fold what extractors disagree on, and what hides a string without changing its look.

    Quotes, ligatures and compatibility forms (NFKC), soft hyphens, zero-width and other
    invisible characters, non-breaking and other odd spaces, Cyrillic and Greek look-alikes
    of Latin letters, hyphenated line breaks and runs of whitespace (`pipeline.verify.match`;
    `views` also gives the text with words split at a line end rejoined).
    """
    return views(text)[0]


# ---------------------------------------------------------------- text extractors


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
            problems.append(info_problem(filled, "pypdf"))
    root = reader.trailer["/Root"]
    for key in ("/Outlines", "/AcroForm", "/Names", "/OpenAction", "/Metadata", "/AA"):
        if key in root:
            problems.append(f"catalog holds {key[1:]} (pypdf)")
    for n, page in enumerate(reader.pages, start=1):
        if page.get("/Annots"):
            problems.append(f"page {n} has annotations (pypdf)")
    return texts, problems


_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe (Prefect may run tasks in threads)
# PDFium marks a hyphen it thinks ends a line with U+FFFE (or 0x02); either stands for "-".
_PDFIUM_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-"})


def extract_pdfium(path: Path) -> list[str]:
    """Page texts read with PDFium (pypdfium2): a C++ engine independent of MuPDF."""
    import pypdfium2 as pdfium

    texts = []
    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(doc)):
                page = doc[index]
                textpage = page.get_textpage()
                try:
                    texts.append(textpage.get_text_range().translate(_PDFIUM_HYPHENS))
                finally:
                    textpage.close()
                    page.close()
        finally:
            doc.close()
    return texts


def pdfminer_pages(path: Path):
    """pdfminer.six's pages, one LTPage each, without layout analysis (characters only).

    `pdfminer.high_level.extract_pages` always runs layout analysis, even when its result is
    not read: it cost about five times the parse and is super-linear on fragmented pages.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    with open(path, "rb") as fh:
        for page in PDFPage.get_pages(fh):
            interpreter.process_page(page)
            yield device.get_result()


def extract_pdfminer(path: Path) -> list[str]:
    """Page texts read with pdfminer.six: every character its interpreter draws, in drawing order.

    A leak check needs the characters, not the reading order, so there is no layout
    analysis (`pdfminer_pages`). Lines and word gaps are rebuilt from positions so that
    whole-word matching still sees word boundaries.
    """
    return [_chars_text(layout) for layout in pdfminer_pages(path)]


def _chars_text(layout) -> str:
    """The text of a page's characters (form XObjects included) with line breaks and word gaps."""
    from pdfminer.layout import LTChar, LTContainer

    parts: list[str] = []
    last = None
    stack = [iter(layout)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTChar):
            if last is not None:
                height = max(last.height, obj.height, 1.0)
                if abs(obj.y0 - last.y0) > 0.5 * height or obj.x0 < last.x0 - 0.5 * height:
                    parts.append("\n")
                elif obj.x0 - last.x1 > 0.15 * max(last.width, 1.0):
                    parts.append(" ")
            parts.append(obj.get_text())
            last = obj
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj))
    return "".join(parts)


# A page whose images cover at least this share of it is a picture of text: OCR reads it.
PICTURE_COVERAGE = 0.5
# Output pages are rendered at this resolution for the verification OCR.
_OCR_DPI = 300


def _covered_share(boxes: list[tuple[float, float, float, float]], width: float, height: float, n: int = 40) -> float:
    """The share of a width x height page that the boxes (left, bottom, right, top) cover, on a grid."""
    hits = 0
    for i in range(n):
        y = (i + 0.5) * height / n
        for j in range(n):
            x = (j + 0.5) * width / n
            hits += any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)
    return hits / (n * n)


def extract_ocr(path: Path) -> tuple[dict[int, str], list[str]]:
    """What OCR reads on the output's picture pages, rendered by PDFium (not MuPDF, which wrote them).

    Returns the text of each page that is mostly image (1-based page -> text) and the pages a
    person should check because OCR read them with low confidence. A picture page when no
    OCR engine is installed raises LeakDetectedError: its pixels cannot be checked.
    """
    import numpy as np
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from pipeline.read import ocr

    pictures: dict[int, np.ndarray] = {}
    with _PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(doc)):
                page = doc[index]
                try:
                    width, height = page.get_size()
                    boxes = [obj.get_bounds() for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3)]
                    if boxes and _covered_share(boxes, width, height) >= PICTURE_COVERAGE:
                        bitmap = page.render(scale=_OCR_DPI / 72, grayscale=True)
                        pictures[index + 1] = np.array(bitmap.to_numpy(), copy=True)
                        bitmap.close()
                finally:
                    page.close()
        finally:
            doc.close()
    if pictures and not ocr.available():
        raise LeakDetectedError(
            f"page(s) {page_list(sorted(pictures))} are pictures of text and no OCR engine is installed to check them", path
        )
    texts: dict[int, str] = {}
    checks: list[str] = []
    for number, grey in pictures.items():
        if grey.ndim == 3:
            grey = grey[..., :3].mean(axis=2).astype(np.uint8)
        h, w = grey.shape
        read = ocr.ocr_image(b"P5\n%d %d\n255\n" % (w, h) + grey.tobytes(), _OCR_DPI)
        texts[number] = read.text()
        if read.low_confidence:
            checks.append(f"page {number}: low OCR confidence; check by eye")
    return texts, checks


# ---------------------------------------------------------------- finding needles


def revisions(path: Path) -> int:
    """How many revisions the file holds (an incremental save adds an %%EOF)."""
    data = path.read_bytes()
    return max(1, len(re.findall(rb"%%EOF", data)))


def _patterns(needle: Needle) -> list[NeedlePattern]:
    """A needle's patterns; a case-sensitive name is also looked for in capitals."""
    forms = {needle.text}
    if needle.case_sensitive:
        forms.add(needle.text.upper())
    name = needle.category == Category.NAME.value
    return [
        compile_needle(f, needle.case_sensitive, needle.number_may_follow, needle_guards(f) if name else ("", ""))
        for f in sorted(forms)
    ]


_TOKEN = re.compile(r"\w+")


def find_leaks(texts: Iterable[str], needles: Iterable[Needle]) -> list[tuple[Needle, int]]:
    """Needles found in any of the texts, with the 1-based index of the text they were found in.

    Matches whole words (script-aware: no boundary is needed inside Chinese text), across
    line breaks, odd spacing and words split by a hyphen at a line end, after folding both
    sides (`pipeline.verify.match`); a case-sensitive needle (a name) is found in capitals
    too, and with a possessive.
    """
    pages = [views(t) for t in texts]
    lowered = [[v.lower() for v in p] for p in pages]
    # The words of each view (letters of no-space scripts blanked, as patterns see them): a
    # one-word needle is found only as a whole word, so "lee" is looked for only on pages
    # with the word "lee", not on every page with "sleep" (a guideline's reference list made
    # a million searches of whole pages for short surnames before this).
    words = [[set(_TOKEN.findall(blank(lv))) for lv in low] for low in lowered]
    # A second view with no spaces catches text an extractor split into letters.
    squashed = [p[0].lower().replace(" ", "") for p in pages]
    found = []
    for needle in needles:
        norm = needle_form(needle.text)
        if len(norm) < 3 and not (norm and all(_no_space(c) for c in norm) and len(norm) >= 2):
            continue
        patterns = _patterns(needle)
        compact = norm.replace(" ", "").lower()
        # Every word of the pattern appears, as it is, in any match (words are joined by
        # optional spaces); a substring test for the longest (fast, in C) skips the pages
        # where it cannot, which is nearly all of them. "Mr" would skip none.
        key = max(norm.lower().split(), key=len)
        prefilter = key.isascii()
        whole_word = prefilter and " " not in norm and key.isalnum() and all(p.blanked for p in patterns)
        min_len = 6 if any(c.isdigit() for c in compact) else 8
        for n, (page, low, flat, page_words) in enumerate(zip(pages, lowered, squashed, words, strict=True), start=1):
            if any(
                (key in ws if whole_word else (not prefilter or key in lv)) and any(p.search(v) for p in patterns)
                for v, lv, ws in zip(page, low, page_words, strict=True)
            ):
                found.append((needle, n))
                break
            if len(compact) >= min_len and not needle.case_sensitive and compact in flat and _split_apart(low[0], compact):
                found.append((needle, n))
                break
    return found


def _split_apart(text: str, compact: str) -> bool:
    """Whether `compact` is in `text` with its spaces removed only where it is split apart
    ("c h e m o", "chemo therapy"): found whole in one word ("radiotherapy" inside
    "chemoradiotherapy"), it is part of another word, which the word patterns have judged.
    """
    positions = [i for i, c in enumerate(text) if c != " "]
    flat = "".join(text[i] for i in positions)
    start = flat.find(compact)
    while start >= 0:
        if positions[start + len(compact) - 1] - positions[start] + 1 > len(compact):
            return True
        start = flat.find(compact, start + 1)
    return False


def _no_space(c: str) -> bool:
    return bool(_NO_SPACE_CHAR.match(c))


# A pypdf problem (by a word in it) and the words of qpdf's report of the same thing.
_SAME_PROBLEM = (
    ("metadata (document information", "metadata (document information"),
    ("Outlines", "outlines"),
    ("AcroForm", "AcroForm"),
    ("Names", "names tree"),
    ("OpenAction", "OpenAction"),
    ("Metadata", "XMP metadata"),
    ("AA", "additional actions"),
    ("annotations", "annotations present"),
)


def _covered(problem: str, reported: list[str]) -> bool:
    """True when qpdf's problems already name what pypdf found."""
    for pypdf_word, qpdf_words in _SAME_PROBLEM:
        if re.search(rf"\b{re.escape(pypdf_word)}\b", problem):
            return any(qpdf_words in r for r in reported)
    return False


def _leak_problem(leaks: list[tuple[Needle, int]], reader: str, where: str | None = None) -> str:
    cats = sorted({n.category for n, _ in leaks})
    place = where or "on page(s) " + page_list(sorted({p for _, p in leaks}))
    refs = sorted({n.ref for n, _ in leaks if n.ref})
    # What the manager can act on: the rows whose text survived, never the text itself.
    rows = f" (from {', '.join(refs[:8])}{' and more' if len(refs) > 8 else ''})" if refs else ""
    return f"{len(leaks)} removed string(s) ({', '.join(cats)}){rows} found by {reader} {place}"


# ---------------------------------------------------------------- readers per output format


@dataclass(frozen=True)
class Reader:
    """How verification reads one output format back, with none of the library that wrote it.

    `pages` gives the page texts (the release check places a surviving form from them);
    `check` is the format's whole check. Without one, the check is the needle search over
    `pages` (a format with no structure to hide text in).
    """

    format: str
    suffix: str
    pages: Callable[[Path], list[str]]
    check: Callable[[Path, list[Needle], tuple[str, ...]], VerifyReport] | None = None


_READERS: dict[str, Reader] = {}


def register_reader(reader: Reader) -> None:
    """Add (or replace) the reader of the files whose name ends in `reader.suffix`."""
    _READERS[reader.suffix.lower()] = reader


def unregister_reader(suffix: str) -> None:
    """Remove a reader (a test's format, once the test is done)."""
    _READERS.pop(suffix.lower(), None)


def reader_for(path: Path) -> Reader:
    """The reader for a file, by its suffix; any other file is checked as a PDF (and fails closed)."""
    return _READERS.get(Path(path).suffix.lower(), _READERS[".pdf"])


def page_texts(path: Path) -> list[str]:
    """An output's page texts, read by its format's reader."""
    return reader_for(path).pages(Path(path))


def verify(path: Path, needles: Iterable[Needle], readers: tuple[str, ...] = FULL_READERS) -> VerifyReport:
    """Check an output with its format's reader; raise LeakDetectedError (without any document text) if anything survives.

    `readers` chooses among a PDF's readers; another format has its own.
    """
    path = Path(path)
    needles = list(needles)
    reader = reader_for(path)
    if reader.check is not None:
        return reader.check(path, needles, readers)
    try:
        texts = reader.pages(path)
    except Exception as exc:  # noqa: BLE001 - an unreadable output is a failed output, whatever the cause
        raise LeakDetectedError(f"output cannot be re-read for verification ({type(exc).__name__})", path) from None
    leaks = find_leaks(texts, needles)
    if leaks:
        raise LeakDetectedError("verification failed: " + _leak_problem(leaks, reader.format), path)
    return VerifyReport(path=path, pages=len(texts), checked=len(needles), extractors=(reader.format,))


def verify_pdf(path: Path, needles: list[Needle], readers: tuple[str, ...] = FULL_READERS) -> VerifyReport:
    """Check a PDF with `readers`; raise LeakDetectedError (without any document text) if anything survives.

    pikepdf always runs: it gives the structural checks and the text beneath the extractors.
    """
    unknown = set(readers) - set(FULL_READERS)
    if unknown:
        raise ValueError(f"unknown readers: {sorted(unknown)}")
    texts: dict[str, list[str]] = {}
    pypdf_problems: list[str] = []
    try:
        if "pdfium" in readers:
            texts["pdfium"] = extract_pdfium(path)
        if "pypdf" in readers:
            texts["pypdf"], pypdf_problems = extract_pypdf(path)
        if "pdfminer.six" in readers:
            texts["pdfminer.six"] = extract_pdfminer(path)
        pike = inspect_pikepdf(path)
        # Pictures of text (redrawn scans) are read again from their pixels.
        pictures, checks = extract_ocr(path)
    except LeakDetectedError:
        raise
    except SfoRedactError as exc:  # OCR failed on an output page: it cannot be checked
        raise LeakDetectedError(f"output page cannot be checked by OCR ({exc.reason})", path) from None
    except Exception as exc:  # noqa: BLE001 - an unreadable output is a failed output, whatever the cause
        raise LeakDetectedError(f"output cannot be re-read for verification ({type(exc).__name__})", path) from None
    used = (*texts, "pikepdf", *(("ocr",) if pictures else ()))
    report = VerifyReport(path=path, pages=pike.pages, checked=len(needles), extractors=used, checks=checks)
    report.problems.extend(pike.problems)
    # pypdf's structural view is a cross-check: report what qpdf did not already report.
    report.problems.extend(p for p in pypdf_problems if not _covered(p, pike.problems))
    counts = {name: len(t) for name, t in texts.items()} | {"pikepdf": pike.pages}
    if len(set(counts.values())) > 1:
        report.problems.append("readers disagree on the page count (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
    if not any("revision" in p for p in report.problems) and revisions(path) > 1:
        report.problems.append("file holds more than one revision (incremental update)")
    for name, page_texts in (*texts.items(), ("pikepdf", pike.content)):
        leaks = find_leaks(page_texts, needles)
        if leaks:
            where = None if name != "pikepdf" else "in page content streams on page(s) " + page_list(sorted({p for _, p in leaks}))
            report.problems.append(_leak_problem(leaks, name, where))
    if pictures:
        numbers = sorted(pictures)
        leaks = [(n, numbers[p - 1]) for n, p in find_leaks([pictures[k] for k in numbers], needles)]
        if leaks:
            report.problems.append(_leak_problem(leaks, "OCR", "in the pixels of page(s) " + page_list(sorted({p for _, p in leaks}))))
    for strings, where in (
        (pike.forms, "in form XObjects"),
        (pike.strings, "in string objects (metadata, annotations, outlines, form fields or names)"),
        (pike.streams, "in other streams (XMP, embedded files or scripts)"),
    ):
        leaks = find_leaks(["\n".join(strings)], needles) if strings else []
        if leaks:
            report.problems.append(_leak_problem(leaks, "pikepdf", where))
    if report.problems:
        raise LeakDetectedError("verification failed: " + "; ".join(report.problems), path)
    for check in report.checks:
        logger.warning("%s %s", path.name, check)
    logger.debug("verified %s: %d pages, %d strings checked, %s", path.name, report.pages, report.checked, "+".join(used))
    return report


register_reader(Reader("pdf", ".pdf", extract_pdfium, verify_pdf))


def read_text(path: Path) -> str:
    """The whole text of a PDF as pdfminer.six reads it (for evaluation and tests)."""
    return "\n".join(extract_pdfminer(path))


__all__ = ["DRAFT_READERS", "EXTRACTORS", "FULL_READERS", "Needle", "PikeView", "Reader", "VerifyReport", "extract_ocr", "extract_pdfium", "find_leaks", "inspect_pikepdf", "normalise", "page_texts", "pdfminer_pages", "read_text", "reader_for", "register_reader", "unregister_reader", "verify", "verify_pdf"]
