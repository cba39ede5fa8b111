"""Mixed PDFs for the OCR tests: text pages and generated scanned pages naming invented people."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from pipeline.evaluation.corpus import scans
from tests.pipeline.docx_fixtures import fake


def text_page(doc: pymupdf.Document, lines: list[str]) -> None:
    page = doc.new_page()
    y = 90.0
    for line in lines:
        page.insert_text((72, y), line, fontsize=11)
        y += 18


def mixed_pdf(path: Path, seeds: tuple[int, ...] = (16101, 16102), dpi: int = 300) -> tuple[list[str], list[str]]:
    """Text page, scan, text page, scan: (names printed on the scans, names on the text pages)."""
    f = fake(16100)
    text_names = [f"{f.first_name()} {f.last_name()}" for _ in range(2)]
    doc = pymupdf.open()
    scan_names: list[str] = []
    for n, seed in enumerate(seeds):
        text_page(doc, [
            "Serious Further Offence Review",
            f"Section {n + 1}. {text_names[n]} was interviewed for this review.",
            "The scanned appendix that follows was countersigned.",
        ])  # fmt: skip
        scan = scans.scanned_page(seed, dpi)
        with pymupdf.open("pdf", scan.pdf) as one:
            doc.insert_pdf(one)
        scan_names.extend(scan.names)
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return sorted(set(scan_names)), text_names


def case_yaml(path: Path, case_id: str, names: list[str]) -> Path:
    """A case file naming every person as a third party (so the gate looks for each of them)."""
    lines = [f"case_id: {case_id}", "third_parties:"]
    lines += [f"  - name: {name}\n    relationship: friend" for name in names]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
