"""A one-review case drafted through `redact_case`, and the manager's sign-off of its log.

Shared by the tests that take a draft on to `finalise` (and by docs/make_reidentification_picture.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import docx

from pipeline.case import load_case
from pipeline.redact import CaseResult, redact_case


def review_docx(path: Path, paragraphs: Sequence[str]) -> Path:
    """A review as a DOCX: the usual title, then one paragraph each."""
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


def draft_case(folder: Path, name: str, paragraphs: Sequence[str], case_yaml: str, engine=None, **kwargs) -> tuple[Path, CaseResult]:
    """Write the review (`folder/in/name`) and its case file, draft them into `folder/draft`.

    Returns the draft folder and the result; fails the test if any document failed.
    """
    src = folder / "in"
    src.mkdir()
    review = review_docx(src / name, paragraphs)
    (src / "case.yaml").write_text(case_yaml, encoding="utf-8")
    out = folder / "draft"
    result = redact_case([review], out, case=load_case(src / "case.yaml"), engine=engine, **kwargs)
    assert not result.failures, result.failures
    return out, result


def sign_off(wb, name: str = "Jo Bloggs", role: str = "Head of PDU", date: dt.date | None = None) -> None:
    """Fill the Sign-off sheet of an open log workbook (the caller saves it)."""
    s = wb["Sign-off"]
    s["B4"], s["B5"], s["B6"], s["B7"] = name, role, date or dt.date.today(), "Yes"
