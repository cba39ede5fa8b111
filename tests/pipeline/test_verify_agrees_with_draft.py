"""`sfo-redact verify` and the draft check agree on every kind of file the tests build (issue 14, item 4).

On real files `verify` rejected drafts the draft check had accepted (it reported "annotations"
on empty form pages: pdf.js annotation-text-widget.pdf). The two checks share one needle
builder and one matcher but not their readers: the draft check runs PDFium and pikepdf, verify
all four. For each fixture below, two things are compared:

- the same rendered draft and the same needles give the same verdict with the draft's readers
  and with verify's, both when detection works and when it was made to find nothing (then
  both must refuse, because the case file still names the people);
- every draft `sfo-redact redact --case` writes passes `sfo-redact verify --case` and
  `sfo-redact verify --log` with that case file and its own log.

A fixture refused by the draft stage (for a reason that is not a leak) is refused by both
alike. Names are generated (Faker en_GB, seeded) or invented.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
import yaml
from faker import Faker

from pipeline.case import load_case
from pipeline.cli import main
from pipeline.decide.labels import Labeller
from pipeline.errors import LeakDetectedError, SfoRedactError
from pipeline.evaluation.corpus import generate_case
from pipeline.keystore import CaseMapping, load_key
from pipeline.redact import draft_needles, prepare
from pipeline.render import render
from pipeline.verify import DRAFT_READERS, FULL_READERS, find_leaks, verify
from pipeline.verify.needles import case_file_needles
from tests.pipeline import test_burn_quote_operators as quotes
from tests.pipeline.docx_fixtures import build_review
from tests.pipeline.pdf_fixtures import make_review
from tests.pipeline.test_broken_xref import NAME as BROKEN_XREF_NAME
from tests.pipeline.test_broken_xref import broken_xref_pdf
from tests.pipeline.test_docx_hidden import NAMES as AWKWARD_NAMES
from tests.pipeline.test_docx_hidden import build_awkward
from tests.pipeline.test_docx_not_rendered import DOCX_NAME, HTML_NAME, TEXT_NAME, chunked_docx

fake = Faker("en_GB")
fake.seed_instance(1404)
TOC_SI, TOC_PP, WIDGET_SI, WIDGET_PP = (fake.name() for _ in range(4))


def _case(folder: Path, case_id: str, si: str, staff: list[str] = (), victims: list[str] = ()) -> Path:
    data = {"case_id": case_id, "supervised_individual": {"name": si}}
    if staff:
        data["staff"] = [{"name": n, "role": "PP"} for n in staff]
    if victims:
        data["victims"] = [{"name": n} for n in victims]
    path = folder / f"{case_id}.case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _toc_pdf(path: Path) -> None:
    """A contents page with dot leaders, then a page of text (pdflatex and Google Docs exports have both)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Contents", fontsize=14)
    for n, heading in enumerate(["Summary", "Background", "Sentence management", "Risk of harm", "Learning"], start=1):
        page.insert_text((72, 72 + 20 * n), f"{n} {heading} {'.' * (60 - len(heading))} {n + 1}", fontsize=10)
    page = doc.new_page()
    page.insert_text((72, 72), "Summary", fontsize=14)
    page.insert_text((72, 100), f"{TOC_SI} was supervised by {TOC_PP} for two years.", fontsize=10)
    doc.save(path)


def _widget_pdf(path: Path) -> None:
    """A page of text with an empty form field on it (pdf.js annotation-text-widget.pdf)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), f"{WIDGET_SI} was supervised by {WIDGET_PP}.", fontsize=11)
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "notes"
    widget.rect = pymupdf.Rect(72, 120, 300, 140)
    page.add_widget(widget)
    doc.new_page()  # and an empty page
    doc.save(path)


def _generated(seed: int, fmt: str):
    def build(folder: Path) -> tuple[Path, Path]:
        case = generate_case(seed, folder / "case", formats=(fmt,), pages=1)
        return case.documents[0], folder / "case" / "case.yaml"
    return build


def _review_pdf(folder: Path) -> tuple[Path, Path]:
    review = make_review(folder / "SFO60101-review.pdf", seed=5, table_rows=6, dense_paragraphs=2)
    return review.path, _case(folder, "SFO60101", review.si, staff=[review.pp])


def _review_docx(folder: Path) -> tuple[Path, Path]:
    review = build_review(folder / "SFO60102-review.docx")
    return review.path, _case(folder, "SFO60102", review.si, staff=[review.pp], victims=[review.victim])


def _quoted(folder: Path) -> tuple[Path, Path]:
    path = folder / "SFO60103-review.pdf"
    quotes._quote_pdf(path, in_form=False)
    return path, _case(folder, "SFO60103", "Corwin Aldby", victims=["Orla Fenwick"])


def _broken_xref(folder: Path) -> tuple[Path, Path]:
    path = folder / "SFO60104-review.pdf"
    broken_xref_pdf(path)
    return path, _case(folder, "SFO60104", BROKEN_XREF_NAME)


def _awkward(folder: Path) -> tuple[Path, Path]:
    path = build_awkward(folder / "SFO60105-review.docx")
    return path, _case(folder, "SFO60105", AWKWARD_NAMES["chart"], victims=[AWKWARD_NAMES["smartart"]])


def _chunked(folder: Path) -> tuple[Path, Path]:
    path = chunked_docx(folder / "SFO60106-review.docx")
    return path, _case(folder, "SFO60106", HTML_NAME, staff=[DOCX_NAME], victims=[TEXT_NAME])


def _toc(folder: Path) -> tuple[Path, Path]:
    path = folder / "SFO60107-review.pdf"
    _toc_pdf(path)
    return path, _case(folder, "SFO60107", TOC_SI, staff=[TOC_PP])


def _widget(folder: Path) -> tuple[Path, Path]:
    path = folder / "SFO60108-review.pdf"
    _widget_pdf(path)
    return path, _case(folder, "SFO60108", WIDGET_SI, staff=[WIDGET_PP])


FIXTURES = {
    "generated docx": _generated(6100, "docx"),
    "generated pdf": _generated(6101, "pdf"),
    "review pdf": _review_pdf,
    "review docx": _review_docx,
    "quote operators pdf": _quoted,
    "broken xref pdf": _broken_xref,
    "awkward docx": _awkward,
    "imported parts docx": _chunked,
    "dot-leader contents pdf": _toc,
    "empty form field pdf": _widget,
}


def _verdict(path: Path, needles, readers) -> str | None:
    """None when the check passes, else the kinds of its problems (reader names left out)."""
    try:
        verify(path, needles, readers=readers)
    except LeakDetectedError as exc:
        return exc.reason
    return None


@pytest.mark.parametrize("blind", [False, True], ids=["detection", "detection finds nothing"])
@pytest.mark.parametrize("fixture", list(FIXTURES), ids=list(FIXTURES))
def test_draft_readers_and_verify_readers_give_the_same_verdict(fixture, blind, tmp_path, engine):
    source, case_path = FIXTURES[fixture](tmp_path)
    case = load_case(case_path)
    key = load_key()
    labeller = Labeller(CaseMapping.load(case.case_id, key), key)
    try:
        prepared = prepare(source, case=case, engine=engine, labeller=labeller, stem="draft")
    except SfoRedactError as exc:
        pytest.fail(f"{fixture} is refused before any check runs: {exc.reason}")
    if blind:
        prepared.decisions = []
    draft = tmp_path / "draft.pdf"
    render(prepared.document, prepared.decisions, draft)
    for needles in (draft_needles(prepared), case_file_needles(case)):
        draft_verdict = _verdict(draft, needles, DRAFT_READERS)
        verify_verdict = _verdict(draft, needles, FULL_READERS)
        assert (draft_verdict is None) == (verify_verdict is None), (
            f"{fixture}: the draft check says {draft_verdict or 'OK'}; verify says {verify_verdict or 'OK'}"
        )
    shown = find_leaks([u.text for u in prepared.document.units.values()], case_file_needles(case))
    if blind and shown:  # (the awkward DOCX names its people only in what the PDF leaves out)
        assert _verdict(draft, case_file_needles(case), FULL_READERS) is not None, f"{fixture}: a blind draft passed"


@pytest.mark.parametrize("fixture", list(FIXTURES), ids=list(FIXTURES))
def test_every_draft_written_passes_sfo_redact_verify(fixture, tmp_path, capsys):
    source, case_path = FIXTURES[fixture](tmp_path)
    out = tmp_path / "out"
    code = main(["redact", str(source), "--case", str(case_path), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, f"{fixture}: {captured.err}"
    drafts = sorted(out.glob("*.redacted.pdf"))
    logs = sorted(out.glob("SFO?????.redaction-log.xlsx"))
    assert len(drafts) == 1 and len(logs) == 1
    for how in (["--case", str(case_path)], ["--log", str(logs[0])]):
        code = main(["verify", str(drafts[0]), *how])
        captured = capsys.readouterr()
        assert code == 0, f"{fixture}: the draft check passed it, verify {how[0]} says: {captured.err}"
