"""Generated scanned pages: review-like text with invented names, printed, then "scanned".

A page of sentences naming invented people (Faker en_GB, seeded) is laid out with PyMuPDF,
rendered at a scanner's resolution with a small rotation (up to 3 degrees), then given sensor
noise, dust specks and JPEG compression, and placed alone on a PDF page with no text layer.
The benchmark (benchmarks/ocr.py) and the OCR tests read these pages and score what comes
back against the text that was printed. Every name is invented; any likeness is chance.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import pymupdf

# Sentences as a review's chronology or analysis would write them. {a} and {b} are full names.
_TEMPLATES = (
    "{a} was supervised by {b} from the start of the licence period.",
    "On the day of release {a} reported to the approved premises, where {b} completed the induction.",
    "The home visit was carried out by {b}, who recorded that {a} appeared settled.",
    "{b} discussed the risk management plan with {a} at the supervision appointment.",
    "A referral to the domestic abuse programme was made for {a}; {b} noted no response by the deadline.",
    "Information from the police was shared with {b} after {a} was stopped in a vehicle.",
    "{a} told {b} that the relationship with a new partner had ended in the spring.",
    "The senior probation officer, {b}, countersigned the OASys assessment completed for {a}.",
    "There is no record that {b} checked the address {a} gave at the appointment.",
    "{b} recorded that {a} had missed two appointments without an acceptable reason.",
    "The MAPPA meeting chaired by {b} agreed that {a} should remain at level 2.",
    "A safeguarding enquiry was made to children's services by {b} about the household of {a}.",
)
_TITLE = "Serious Further Offence Review: Appendix {n} (scanned copy)"
_FONTS = ("helv", "tiro")  # Helvetica and Times: a sans and a serif page
_A4 = pymupdf.paper_rect("a4")


@dataclass(frozen=True)
class GeneratedScan:
    """A generated scan: the PDF page with no text layer, what was printed, and the names in it."""

    pdf: bytes  # one page, one image, no text
    text: str  # what was printed, whitespace as laid out
    names: tuple[str, ...]  # every full name printed, once per mention
    dpi: int
    angle: float


def _names(rng: random.Random, count: int) -> list[str]:
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(rng.randrange(1 << 30))
    out = []
    for _ in range(count):
        surname = fake.last_name()
        if rng.random() < 0.15:
            surname = f"{surname}-{fake.last_name()}"  # double-barrelled names are common in SFO cases
        out.append(f"{fake.first_name()} {surname}")
    return out


def page_text(seed: int, sentences: int = 14) -> tuple[str, str, list[str]]:
    """(title, body, names mentioned in order) for one generated page."""
    rng = random.Random(seed)
    cast = _names(rng, 6)
    parts: list[str] = []
    mentioned: list[str] = []
    for _ in range(sentences):
        a, b = rng.sample(cast, 2)
        template = rng.choice(_TEMPLATES)
        parts.append(template.format(a=a, b=b))
        mentioned.extend(n for _, n in sorted(((template.index("{a}"), a), (template.index("{b}"), b))))
    # Two or three sentences a paragraph.
    paragraphs, i = [], 0
    while i < len(parts):
        k = rng.choice((2, 3))
        paragraphs.append(" ".join(parts[i : i + k]))
        i += k
    return _TITLE.format(n=seed % 9 + 1), "\n".join(paragraphs), mentioned


def printed_page(seed: int, fontsize: float = 11.0) -> tuple[pymupdf.Document, str, list[str]]:
    """A one-page PDF with the generated text as real text, the text, and the names."""
    title, body, names = page_text(seed)
    font = _FONTS[seed % len(_FONTS)]
    doc = pymupdf.open()
    page = doc.new_page(width=_A4.width, height=_A4.height)
    page.insert_text((72, 80), title, fontsize=fontsize + 3, fontname=font)
    rect = pymupdf.Rect(72, 110, _A4.width - 72, _A4.height - 72)
    left = page.insert_textbox(rect, body, fontsize=fontsize, fontname=font, lineheight=1.35)
    if left < 0:
        raise ValueError("generated text does not fit the page")
    printed = page.get_text("text", sort=True)
    return doc, printed, names


def noisy_scan(pix: pymupdf.Pixmap, rng: random.Random, noise: float = 12.0, specks: float = 0.0015) -> pymupdf.Pixmap:
    """`pix` (grey) with Gaussian sensor noise and dark and light specks."""
    import numpy as np

    gen = np.random.default_rng(rng.randrange(1 << 30))
    img = np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.h, pix.w).astype(np.float32)
    img = img * 0.92 + 10  # a scanner's grey paper and less than black ink
    img += gen.normal(0.0, noise, img.shape)
    spots = gen.random(img.shape)
    img[spots < specks / 2] = 30
    img[spots > 1 - specks / 2] = 255
    out = np.clip(img, 0, 255).astype(np.uint8)
    return pymupdf.Pixmap(pymupdf.csGRAY, pix.w, pix.h, out.tobytes(), False)


def scan_image(seed: int, dpi: int, max_angle: float = 3.0) -> tuple[pymupdf.Pixmap, str, list[str], float]:
    """The generated page scanned at `dpi`, rotated by up to `max_angle` degrees either way."""
    rng = random.Random(seed * 7919 + dpi)
    doc, text, names = printed_page(seed)
    angle = rng.uniform(-max_angle, max_angle)
    try:
        zoom = dpi / 72
        pix = doc[0].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom).prerotate(angle), colorspace=pymupdf.csGRAY, alpha=False)
    finally:
        doc.close()
    return noisy_scan(pix, rng), text, names, angle


def scanned_page(seed: int, dpi: int, max_angle: float = 3.0) -> GeneratedScan:
    """A PDF page holding only the scan (as a JPEG, as scanners write them)."""
    pix, text, names, angle = scan_image(seed, dpi, max_angle)
    doc = pymupdf.open()
    try:
        # The rotated scan is a little larger than A4; the page takes its size at `dpi`.
        page = doc.new_page(width=pix.w * 72 / dpi, height=pix.h * 72 / dpi)
        page.insert_image(page.rect, stream=pix.tobytes("jpg", jpg_quality=80))
        pdf = doc.tobytes(garbage=3, deflate=True)
    finally:
        doc.close()
    return GeneratedScan(pdf, text, tuple(names), dpi, angle)


def unreadable_scan(seed: int, dpi: int = 200) -> bytes:
    """A one-page PDF whose only image holds no text: the smudged blotches of a failed copy."""
    import numpy as np

    gen = np.random.default_rng(seed)
    w, h = int(_A4.width * dpi / 72), int(_A4.height * dpi / 72)
    cell = max(8, dpi // 5)
    small = (gen.random((h // cell + 1, w // cell + 1)) * 255).astype(np.uint8)
    big = np.ascontiguousarray(np.kron(small, np.ones((cell, cell), dtype=np.uint8))[:h, :w])
    pix = pymupdf.Pixmap(pymupdf.csGRAY, w, h, big.tobytes(), False)
    doc = pymupdf.open()
    try:
        page = doc.new_page(width=_A4.width, height=_A4.height)
        page.insert_image(page.rect, stream=pix.tobytes("jpg", jpg_quality=80))
        return doc.tobytes(garbage=3, deflate=True)
    finally:
        doc.close()


# ---------------------------------------------------------------- scoring


def flat(text: str) -> str:
    """Whitespace collapsed to single spaces (layout is not what is scored)."""
    return " ".join(text.split())


def character_accuracy(truth: str, read: str) -> float:
    """1 - edit distance / characters printed, on whitespace-collapsed text (can be below 0)."""
    a, b = flat(truth), flat(read)
    if not a:
        return 1.0 if not b else 0.0
    return 1.0 - _edit_distance(a, b) / len(a)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute: cost 1 each)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        append = current.append
        for j, cb in enumerate(b, start=1):
            append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def names_found(read: str, names: list[str] | tuple[str, ...]) -> int:
    """How many of the printed name mentions the read text holds, each word exactly.

    Mentions are counted with their multiplicity: a name printed three times must be read
    three times. A line-end hyphen the engine kept ("Smith-" at a line end, "Jones" on the next) is joined first.
    """
    text = flat(read.replace("-\n", "-"))
    found = 0
    for name in set(names):
        pattern = r"(?<![\w-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w-])"
        found += min(len(re.findall(pattern, text)), list(names).count(name))
    return found


__all__ = [
    "GeneratedScan", "character_accuracy", "flat", "names_found", "noisy_scan", "page_text", "printed_page",
    "scan_image", "scanned_page", "unreadable_scan",
]
