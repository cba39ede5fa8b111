"""The senior manager's part in a real spreadsheet program: LibreOffice Calc, driven through UNO.

Open the draft log, change two decisions, add a redaction, sign off, save as .xlsx and as
.ods, then finalise; a wrong date and a tampered locked cell are refused. And the draft log
printed by LibreOffice is at least 8 pt with no wrapped cell cut. Skipped, with the reason,
where soffice or the system's python3-uno is absent (.ci/apt-packages.txt installs them).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.finalise import finalise
from redaction_logs.errors import RedactionLogError
from tests.pipeline import test_finalise as base

drafted = base.drafted  # the generated case, drafted (a fixture of this module)
SOFFICE = shutil.which("soffice")
UNO_PYTHON = next(
    (p for p in ("/usr/lib/libreoffice/program/python", "/usr/bin/python3")
     if Path(p).exists() and subprocess.run([p, "-c", "import uno"], capture_output=True).returncode == 0),
    None,
) if SOFFICE else None
DRIVER = Path(__file__).with_name("calc_driver.py")
_reason = (
    "LibreOffice (soffice) is not installed; apt-get install libreoffice-calc" if SOFFICE is None
    else "no python with the UNO bridge; apt-get install python3-uno"
)
pytestmark = [pytest.mark.slow, pytest.mark.skipif(UNO_PYTHON is None, reason=_reason)]
if UNO_PYTHON is None:
    print(f"skipping the LibreOffice Calc tests: {_reason}")

LOG = "SFO60001.redaction-log.xlsx"
TEXT = "Text removed (INTERNAL - never shared)"
# pdftotext -bbox gives a word the height of the font's ascent plus descent, not its size:
# measured with LibreOffice 7.4 and Liberation Sans (Arial's substitute), 8, 10 and 12 pt text
# come out 10.39, 13.01 and 15.59 pt high, 1.299 times the size. So "at least 8 pt" is a
# height of at least 8 x 1.299 = 10.39; 10.3 leaves 1% for rounding.
MIN_WORD_HEIGHT = 10.3


def _calc(tmp: Path, spec: dict) -> None:
    """Run the UNO driver with the system's python (the venv has no UNO bridge)."""
    spec = {"soffice": SOFFICE, "profile": str(tmp / "lo-profile"), **spec}
    path = tmp / f"spec-{len(list(tmp.glob('spec-*')))}.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    subprocess.run([UNO_PYTHON, str(DRIVER), str(path)], check=True, timeout=240)


def _cells(log: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Column letters by heading, and the sheet row of each gist's first row."""
    ws = load_workbook(log)["Redaction log"]
    col = {c.value: c.column_letter for c in ws[1]}
    gist_col = [c.value for c in ws[1]].index("Gist of what was removed") + 1
    rows: dict[str, int] = {}
    for r in range(2, ws.max_row + 1):
        rows.setdefault(ws.cell(row=r, column=gist_col).value, r)
    return col, rows


def _signed_edits(col: dict[str, str], rows: dict[str, int], date: str) -> list[list[str]]:
    decision = col["Decision"]
    return [
        ["Redaction log", f"{decision}{rows['name of senior probation officer']}", "Disclose"],
        ["Redaction log", f"{decision}{rows['name of probation practitioner']}", "Withhold"],
        ["Add redactions", "A2", "Tazzer"],
        ["Add redactions", "B2", "a nickname that identifies him"],
        ["Sign-off", "B4", "Jo Bloggs"],
        ["Sign-off", "B5", "Head of PDU"],
        ["Sign-off", "B6", date],  # typed as ISO, a date in every locale
        ["Sign-off", "B7", "Yes"],
    ]


def test_a_manager_in_libreoffice_calc_reviews_signs_and_finalises(drafted, tmp_path):
    _, out, _ = drafted
    log = out / LOG
    col, rows = _cells(log)
    today = dt.date.today().isoformat()
    saved = tmp_path / "saved"
    saved.mkdir()
    xlsx, ods = saved / LOG, saved / "SFO60001.redaction-log.ods"
    _calc(tmp_path, {"open": str(log), "edits": _signed_edits(col, rows, today), "save_as": [str(xlsx), str(ods)]})

    for path, pack in ((xlsx, tmp_path / "pack-xlsx"), (ods, tmp_path / "pack-ods")):
        result = finalise(path, pack)
        assert result.pack.zip.exists() and result.disclosed >= 1 and result.added >= 1
        assert result.signoff.name == "Jo Bloggs" and result.signoff.date == dt.date.today()
        for text in base._texts(result.pack.folder / "SFO60001-review.pdf"):  # pypdf, pdfminer.six
            assert "Malcolm Treverton" in text  # disclosed
            assert "Okonkwo-Hale" not in text and "[name removed]" in text  # withheld: the category shows
            assert "tazzer" not in text.lower()  # added on "Add redactions"
            assert "Darren Quilliam" not in text and "X123456" not in text
        cover = [p for p in result.pack.folder.iterdir() if p.name.endswith("cover-sheet.pdf")]
        for text in base._texts(cover[0]):
            assert "Jo Bloggs" in text

    # A date before the draft was written is refused, naming the cell.
    early = saved / "early" / LOG
    early.parent.mkdir()
    _calc(tmp_path, {"open": str(xlsx), "edits": [["Sign-off", "B6", "2020-01-01"]], "save_as": [str(early)]})
    with pytest.raises(RedactionLogError, match=r"sheet 'Sign-off', cell B6"):
        finalise(early, tmp_path / "pack-early")
    assert not (tmp_path / "pack-early" / "SFO60001-VLU-pack.zip").exists()

    # A locked cell changed after removing the sheet's protection (it has no password) is refused.
    tampered = saved / "tampered" / LOG
    tampered.parent.mkdir()
    cell = f"{col['Replaced by']}2"
    _calc(tmp_path, {"open": str(xlsx), "unprotect": ["Redaction log"], "edits": [["Redaction log", cell, "[changed]"]], "save_as": [str(tampered)]})
    with pytest.raises(RedactionLogError, match=rf"sheet 'Redaction log', cell {cell}: .*may not change"):
        finalise(tampered, tmp_path / "pack-tampered")


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes, from pdftotext -bbox."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        pages.append([
            (float(a), float(b), float(c), float(d), html.unescape(w))
            for a, b, c, d, w in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)
        ])
    return pages


def _tokens(text: object) -> list[str]:
    return re.findall(r"\w+", str(text))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_printed_log_is_at_least_8_pt_and_no_wrapped_cell_is_cut(drafted, tmp_path):
    _, out, _ = drafted
    log = out / LOG
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(log)],
        check=True, capture_output=True, timeout=240,
    )
    pages = _words(tmp_path / (log.stem + ".pdf"))
    small = [(n, w) for n, page in enumerate(pages, 1) for (_, y0, _, y1, w) in page if y1 - y0 < MIN_WORD_HEIGHT]
    assert not small, f"{len(small)} words print under 8 pt, e.g. page {small[0][0]}"

    # Not cut: every word of a row is printed inside that row. A row starts where its Ref is
    # printed (each page across repeats the Ref column); text clipped by a short row would
    # fall below the next row's Ref and be counted with that row, or be missing.
    wb = load_workbook(log)
    ws = wb["Redaction log"]
    headings = [c.value for c in ws[1]]
    expected: dict[str, Counter] = {}
    for r in range(2, ws.max_row + 1):
        ref = ws.cell(row=r, column=1).value
        words: Counter = Counter()
        for c, heading in enumerate(headings[1:], start=2):
            value = ws.cell(row=r, column=c).value
            if value is not None:
                words.update(_tokens(f"{value:.2f}" if heading == "Confidence" else value))
        expected[ref] = words
    printed: dict[str, Counter] = {ref: Counter() for ref in expected}
    heads: Counter = Counter()
    for page in pages:
        body = [w for w in page if 50 < w[1] < 540]  # leave out the page header and footer
        starts = sorted((y0, w) for (x0, y0, _, _, w) in body if w in expected and x0 < 60)
        if not starts:
            continue  # another sheet
        for _x0, y0, _, _, w in body:
            above = [ref for top, ref in starts if top <= y0 + 0.5]
            if not above:
                heads.update(_tokens(w))
            elif not (w == above[-1] and w in expected):
                printed[above[-1]].update(_tokens(w))
    for ref, words in expected.items():
        assert printed[ref] == words, f"row {ref}: printed words differ (cut or overflowing): {sorted((words - printed[ref]) + (printed[ref] - words))[:5]}"
    missing = Counter(t for h in headings for t in _tokens(h)) - heads
    assert not missing, f"headings cut: {sorted(missing)}"
