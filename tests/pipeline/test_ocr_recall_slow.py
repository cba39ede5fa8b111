"""Name recall of the reader's OCR on generated scans (issue 16: >= 0.99 at 300 dpi, >= 0.97 at 200 dpi).

Pages from `pipeline/evaluation/corpus/scans.py` (Faker en_GB seeded names in review-like
sentences, rotated up to 3 degrees, noise, specks, JPEG), read through `read_pdf` as the
pipeline reads them; every printed mention of a full name must come back in a unit's text.
Seeds differ from the benchmark's (benchmarks/ocr.py uses 16001 onwards).
"""

from __future__ import annotations

import pytest

from pipeline.evaluation.corpus import scans
from pipeline.read import ocr
from pipeline.read.pdf import read_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed (.ci/apt-packages.txt)"),
]

PAGES = 10


@pytest.mark.parametrize(("dpi", "floor"), [(300, 0.99), (200, 0.97)])
def test_name_recall_on_generated_scans(tmp_path, dpi, floor):
    found = printed = 0
    for seed in range(16201, 16201 + PAGES):
        scan = scans.scanned_page(seed, dpi)
        path = tmp_path / f"scan-{seed}-{dpi}.pdf"
        path.write_bytes(scan.pdf)
        document = read_pdf(path)
        assert [s.page for s in document.scanned_pages] == [1]
        text = "\n".join(u.text for u in document.units.values())
        found += scans.names_found(text, scan.names)
        printed += len(scan.names)
    recall = found / printed
    print(f"{dpi} dpi: {found}/{printed} name mentions read, recall {recall:.4f}")
    assert recall >= floor
