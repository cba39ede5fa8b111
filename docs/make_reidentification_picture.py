"""Regenerate docs/reidentification-sheet.png: draft an invented review, render its Re-identification sheet.

    python docs/make_reidentification_picture.py

Needs LibreOffice (`soffice`) and poppler (`pdftoppm`). The people are invented (the same text
as tests/pipeline/test_reidentify_finalise.py); the key store is a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    """Draft the invented review in a temporary folder and write the picture beside this script."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["SFO_REDACT_HOME"] = str(tmp / "home")
        from openpyxl import load_workbook

        from pipeline.case import load_case
        from pipeline.redact import redact_case
        from tests.pipeline.drafts import review_docx
        from tests.pipeline.test_reidentify_finalise import CASE, REVIEW

        review = review_docx(tmp / "SFO60002prestageL_Review.docx", REVIEW)
        (tmp / "case.yaml").write_text(CASE, encoding="utf-8")
        redact_case([review], tmp / "out", case=load_case(tmp / "case.yaml"))
        wb = load_workbook(tmp / "out" / "SFO60002.redaction-log.xlsx")
        for name in list(wb.sheetnames):
            if name != "Re-identification":
                del wb[name]
        sheet = tmp / "sheet.xlsx"
        wb.save(sheet)
        profile = f"-env:UserInstallation=file://{tmp / 'lo'}"
        subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(sheet)], check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(tmp / "sheet.pdf"), str(tmp / "sheet")], check=True)
        shutil.copy(tmp / "sheet.png", HERE / "reidentification-sheet.png")
        print(HERE / "reidentification-sheet.png")


if __name__ == "__main__":
    main()
