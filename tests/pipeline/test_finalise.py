"""From draft to VLU pack: a senior manager edits the log in Excel (openpyxl), signs off, finalises."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from pipeline.case import load_case
from pipeline.finalise import finalise
from pipeline.model import long_date
from pipeline.redact import redact_case
from pipeline.verify import normalise, read_text
from redaction_logs.draft import STATUS_NEW
from redaction_logs.errors import RedactionLogError

# Invented people; nothing here is real.
REVIEW = [
    "Case reference: SFO60001",
    "This review concerns Darren Quilliam, who was supervised by probation practitioner Priya Okonkwo-Hale.",
    "Darren Quilliam's CRN is X123456 and he lived at 14 Larkspur Close, Gateshead NE8 4QT.",
    "Ms Okonkwo-Hale discussed the case with SPO Malcolm Treverton in March 2022.",
    "His partner Shona Pettifer reported concerns to the police.",
    "The victim, Ellen Varga, was known to the family.",
    "Friends called him Tazzer and he drank at the Crooked Billet with Shona Pettifer.",
]
PLAN = [
    "Action plan for SFO60001",
    "PP Priya Okonkwo-Hale to complete training on risk assessment.",
    "SPO Malcolm Treverton to audit the cases held by the team.",
    "Check any intelligence about TAZZER and the crooked  billet with the police.",
]
CASE = """case_id: SFO60001
region: North East
supervised_individual:
  name: Darren Quilliam
  crn: X123456
victims:
  - name: Ellen Varga
staff:
  - name: Priya Okonkwo-Hale
    role: PP
  - name: Malcolm Treverton
    role: SPO
third_parties:
  - name: Shona Pettifer
    relationship: partner
"""
WITHHELD = ["Darren Quilliam", "Quilliam", "X123456", "Larkspur Close", "Okonkwo-Hale", "Shona Pettifer", "Pettifer", "Ellen Varga"]


def _docx(path: Path, title: str, paragraphs: list[str]) -> Path:
    d = docx.Document()
    d.add_heading(title, 0)
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


@pytest.fixture()
def drafted(tmp_path, engine):
    src = tmp_path / "in"
    src.mkdir()
    review = _docx(src / "SFO60001quilliamD_Review.docx", "Serious Further Offence Review", REVIEW)
    plan = _docx(src / "SFO60001quilliamD_ActionPlan.docx", "Action Plan", PLAN)
    (src / "case.yaml").write_text(CASE, encoding="utf-8")
    out = tmp_path / "draft"
    result = redact_case([review, plan], out, case=load_case(src / "case.yaml"), engine=engine)
    assert not result.failures
    return src, out, [review, plan]


def _columns(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1]}


def _edit(
    log: Path,
    *,
    disclose_gist: str | None = None,
    add: list[tuple[str, str]] = (),
    sign: bool = True,
    date: dt.date | None = None,
) -> list[str]:
    """Edit the log as a person would in Excel; returns the texts of the rows set to Disclose."""
    wb = load_workbook(log)
    ws = wb["Redaction log"]
    col = _columns(ws)
    disclosed = []
    for r in range(2, ws.max_row + 1):
        if disclose_gist and ws.cell(row=r, column=col["Gist of what was removed"]).value == disclose_gist:
            ws.cell(row=r, column=col["Decision"]).value = "Disclose"
            ws.cell(row=r, column=col["Reviewer notes"]).value = "Professional failing: named at the family's request."
            disclosed.append(ws.cell(row=r, column=col["Text removed (INTERNAL - never shared)"]).value)
    for n, (text, reason) in enumerate(add, start=2):
        wb["Add redactions"].cell(row=n, column=1).value = text
        wb["Add redactions"].cell(row=n, column=2).value = reason
    if sign:
        s = wb["Sign-off"]
        s["B4"], s["B5"], s["B6"], s["B7"] = "Jo Bloggs", "Head of PDU", date or dt.date.today(), "Yes"
    wb.save(log)
    return disclosed


def _texts(path: Path) -> tuple[str, str]:
    pypdf_text = "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    return normalise(pypdf_text), normalise(read_text(path))


def test_draft_writes_one_log_for_the_case_and_review_copies(drafted):
    _, out, _ = drafted
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "SFO60001-action-plan.redacted.pdf", "SFO60001-action-plan.review.pdf",
        "SFO60001-review.redacted.pdf", "SFO60001-review.review.pdf", "SFO60001.redaction-log.xlsx",
    ]
    wb = load_workbook(out / "SFO60001.redaction-log.xlsx")
    ws = wb["Redaction log"]
    refs = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert refs == [f"R{n:03d}" for n in range(1, len(refs) + 1)]  # one numbering across the case
    col = _columns(ws)
    pages = [ws.cell(row=r, column=col["Page (review copy)"]).value for r in range(2, ws.max_row + 1)
             if ws.cell(row=r, column=col["Category"]).value != "hidden content"]
    assert pages and all(p == 1 for p in pages), pages  # DOCX rows get the page their tag is on in the review copy
    docs = {ws.cell(row=r, column=col["Document"]).value for r in range(2, ws.max_row + 1)}
    assert docs == {"SFO60001-review.redacted.pdf", "SFO60001-action-plan.redacted.pdf"}
    copy = _texts(out / "SFO60001-review.review.pdf")[0]  # pypdf: the marking is in a form XObject
    assert "INTERNAL REVIEW COPY" in copy and "Darren Quilliam" in copy and "R001: " in copy
    # Nothing the draft wrote keeps the original's name (it holds the surname).
    assert not any("quilliam" in n.lower() for n in names)


def test_finalise_honours_decisions_and_additions_and_writes_the_pack(drafted, tmp_path):
    _, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    disclosed = _edit(
        log,
        disclose_gist="name of senior probation officer",
        add=[("Tazzer", "nickname identifies him"), ("Crooked Billet", "locates the family")],
    )
    assert disclosed and all("Malcolm Treverton" in t for t in disclosed)
    draft_plan = read_text(out / "SFO60001-action-plan.redacted.pdf")
    assert "TAZZER" in draft_plan  # the software missed it there: the senior manager adds it
    pack_dir = tmp_path / "pack"
    result = finalise(log, pack_dir)
    folder = pack_dir / "SFO60001-VLU-pack"
    assert sorted(p.name for p in folder.iterdir()) == [
        "SFO60001-action-plan.pdf", "SFO60001-cover-sheet.pdf", "SFO60001-letter-to-victim.docx", "SFO60001-review.pdf", "manifest.json",
    ]
    for name in ("SFO60001-review.pdf", "SFO60001-action-plan.pdf"):
        for text in _texts(folder / name):
            assert "Malcolm Treverton" in text  # exactly the disclosed items reappear
            low = text.lower()
            assert "tazzer" not in low and "crooked billet" not in low and "crooked billet" not in low.replace("  ", " ")
            for withheld in WITHHELD:
                assert withheld.lower() not in low, (name, withheld)
            assert "SPO1" not in text  # the disclosed name's label is gone with it
    review = _texts(folder / "SFO60001-review.pdf")[1]
    assert "PP1" in review and "[CRN]" in review and "[redacted]" in review
    assert "[redacted]" in _texts(folder / "SFO60001-action-plan.pdf")[1]
    assert result.disclosed == len(disclosed) and result.added >= 2
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sign_off"] == {"name": "Jo Bloggs", "role": "Head of PDU", "date": dt.date.today().isoformat()}
    assert manifest["region"] == "North East" and manifest["tool_version"] and manifest["created"]
    assert manifest["redaction_log"]["sha256"] == hashlib.sha256(log.read_bytes()).hexdigest()
    for f in manifest["files"]:
        assert hashlib.sha256((folder / f["name"]).read_bytes()).hexdigest() == f["sha256"]
    with zipfile.ZipFile(pack_dir / "SFO60001-VLU-pack.zip") as zf:
        assert sorted(zf.namelist()) == sorted(f"SFO60001-VLU-pack/{p.name}" for p in folder.iterdir())
    cover = read_text(folder / "SFO60001-cover-sheet.pdf")
    assert "SFO60001" in cover and "North East" in cover and "Jo Bloggs" in cover and "Data Protection Act 2018" in cover
    assert f"on {long_date(dt.date.today())}" in " ".join(cover.split())  # the month as a word
    assert "PP1" in cover and "probation practitioner" in cover and "the victim" in cover
    assert "SPO1" not in cover  # not used in the final documents
    for withheld in WITHHELD:
        assert withheld not in cover
    # The Appendix 3 letter: what the pipeline knows filled in, the VLO's fields marked, no one else named.
    letter = " ".join(p.text for p in DocxDocument(str(folder / "SFO60001-letter-to-victim.docx")).paragraphs)
    assert "SFO60001" in letter and "Jo Bloggs" in letter and "Head of PDU" in letter and "North East" in letter
    assert "[Insert Victim Name]" in letter and "[Insert Victim Address]" in letter
    assert "when he committed the offence" in letter  # the review calls the SI "Mr"
    for withheld in WITHHELD:
        assert withheld not in letter
    # Never the log, a review copy or an original.
    assert not list(pack_dir.rglob("*.xlsx")) and not list(pack_dir.rglob("*.review.pdf"))
    assert [p.name for p in pack_dir.rglob("*.docx")] == ["SFO60001-letter-to-victim.docx"]
    assert not [p for p in pack_dir.iterdir() if p.name.startswith(".")]


def test_finalise_refuses_unsigned_log_and_writes_nothing(drafted, tmp_path):
    _, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    _edit(log, sign=False)
    with pytest.raises(RedactionLogError, match=r"sheet 'Sign-off', cell B4"):
        finalise(log, tmp_path / "pack")
    assert not (tmp_path / "pack").exists() or not any((tmp_path / "pack").iterdir())


def test_finalise_refuses_a_changed_or_moved_original_and_accepts_inputs(drafted, tmp_path):
    src, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    _edit(log)
    moved = tmp_path / "moved"
    shutil.move(str(src), moved)
    with pytest.raises(RedactionLogError, match="no longer where the draft read it.*--inputs") as info:
        finalise(log, tmp_path / "pack")
    assert "quilliam" not in str(info.value).lower()
    result = finalise(log, tmp_path / "pack", inputs=sorted(moved.glob("*.docx")))
    assert result.pack.zip.exists()
    _docx(moved / "SFO60001quilliamD_Review.docx", "Serious Further Offence Review", REVIEW + ["An added line."])
    with pytest.raises(RedactionLogError, match="none of the files given with --inputs is the original of SFO60001-review"):
        finalise(log, tmp_path / "pack2", inputs=sorted(moved.glob("*.docx")))
    shutil.move(str(moved), src)
    with pytest.raises(RedactionLogError, match="has changed since the draft"):
        finalise(log, tmp_path / "pack2")


def test_rerunning_the_draft_keeps_decisions_and_marks_new_rows(drafted, engine):
    src, out, inputs = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    disclosed = _edit(log, disclose_gist="name of senior probation officer", add=[("Tazzer", "nickname")])
    before = {c.value for c in load_workbook(log)["Redaction log"]["A"][1:]}
    # The RM adds a sentence to the action plan; the draft is run again.
    _docx(inputs[1], "Action Plan", PLAN + ["Ellen Varga's family to be offered a meeting."])
    result = redact_case(inputs, out, case=load_case(src / "case.yaml"), engine=engine)
    assert not result.failures
    wb = load_workbook(log)
    ws = wb["Redaction log"]
    col = _columns(ws)
    rows = [{h: ws.cell(row=r, column=c).value for h, c in col.items()} for r in range(2, ws.max_row + 1)]
    kept = [r for r in rows if r["Ref"] in before]
    assert len(kept) == len(before)  # every earlier reference survives
    # A row asking about a staff member's pronoun proposes Disclose too (keep it as written).
    assert sum(r["Decision"] == "Disclose" and r["Category"] != "gendered reference to staff" for r in rows) == len(disclosed)
    new = [r for r in rows if r["Status"] == STATUS_NEW]
    assert new and all(r["Ref"] not in before for r in new)
    assert any(r["Text removed (INTERNAL - never shared)"] == "Ellen Varga" for r in new)
    assert wb["Sign-off"]["B4"].value is None and "new row" in wb["Sign-off"]["B9"].value
    assert wb["Add redactions"]["A2"].value == "Tazzer"
    assert (out / "SFO60001.redaction-log.previous.xlsx").exists()


def test_cli_finalise(drafted, tmp_path, capsys):
    from pipeline.cli import main

    _, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    assert main(["finalise", str(log), "--out", str(tmp_path / "pack")]) == 2
    assert "sheet 'Sign-off', cell B4" in capsys.readouterr().err
    # A date before the draft was written (day and month swapped, say) is refused at its cell.
    _edit(log, date=dt.date.today() - dt.timedelta(days=1))
    assert main(["finalise", str(log), "--out", str(tmp_path / "pack")]) == 2
    err = capsys.readouterr().err.strip()
    assert "sheet 'Sign-off', cell B6" in err and "before this log was written" in err and len(err.splitlines()) == 1
    _edit(log)
    assert main(["finalise", str(log), "--out", str(tmp_path / "pack")]) == 0
    printed = capsys.readouterr().out
    assert "SFO60001-VLU-pack" in printed and f"on {long_date(dt.date.today())}." in printed


def test_gist_only_log_holds_no_removed_text_and_still_finalises(tmp_path, engine):
    src = tmp_path / "in"
    src.mkdir()
    review = _docx(src / "SFO60001quilliamD_Review.docx", "Serious Further Offence Review", REVIEW)
    (src / "case.yaml").write_text(CASE, encoding="utf-8")
    out = tmp_path / "draft"
    assert not redact_case([review], out, case=load_case(src / "case.yaml"), engine=engine, gist_only=True).failures
    log = out / "SFO60001.redaction-log.xlsx"
    wb = load_workbook(log)
    values = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    for secret in WITHHELD + ["quilliam"]:
        assert not any(secret.lower() in v.lower() for v in values), secret
    _edit(log)
    with pytest.raises(RedactionLogError, match="--gist-only.*--inputs"):
        finalise(log, tmp_path / "pack")
    result = finalise(log, tmp_path / "pack", inputs=[review])
    text = read_text(result.pack.folder / "SFO60001-review.pdf")
    assert "X123456" not in text and "[CRN]" in text


def test_an_added_text_found_nowhere_is_refused(drafted, tmp_path):
    _, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    _edit(log, add=[("Tazzer", "nickname"), ("Crooked Bilet", "typo of the pub's name")])
    with pytest.raises(RedactionLogError, match=r"sheet 'Add redactions', cell A3: this text was not found"):
        finalise(log, tmp_path / "pack")


def _pdf(path: Path, title: str, paragraphs: list[str]) -> Path:
    import html
    import io

    import pymupdf

    body = f"<h1>{html.escape(title)}</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    story = pymupdf.Story(html=body)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    more = 1
    while more:
        device = writer.begin_page(pymupdf.paper_rect("a4"))
        more, _ = story.place(pymupdf.Rect(57, 57, 538, 785))
        story.draw(device)
        writer.end_page()
    writer.close()
    path.write_bytes(buf.getvalue())
    return path


def test_pdf_original_is_burned_again_with_the_decisions(tmp_path, engine):
    src = tmp_path / "in"
    src.mkdir()
    review = _pdf(src / "SFO60001quilliamD_Review.pdf", "Serious Further Offence Review", REVIEW)
    (src / "case.yaml").write_text(CASE, encoding="utf-8")
    out = tmp_path / "draft"
    assert not redact_case([review], out, case=load_case(src / "case.yaml"), engine=engine).failures
    copy = _texts(out / "SFO60001-review.review.pdf")[0]
    assert "Darren Quilliam" in copy and "R001: " in copy
    log = out / "SFO60001.redaction-log.xlsx"
    disclosed = _edit(log, disclose_gist="name of senior probation officer", add=[("Crooked Billet", "locates the family")])
    assert disclosed
    result = finalise(log, tmp_path / "pack")
    for text in _texts(result.pack.folder / "SFO60001-review.pdf"):
        assert "Malcolm Treverton" in text and "crooked billet" not in text.lower() and "[redacted]" in text
        for withheld in WITHHELD:
            assert withheld.lower() not in text.lower(), withheld


def test_no_part_of_the_log_holds_an_input_file_name_or_path(drafted, tmp_path):
    src, out, inputs = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    with zipfile.ZipFile(log) as z:
        parts = {name: z.read(name).decode("utf-8", "replace").lower() for name in z.namelist()}
    assert any("integrity" in p or "sheet" in n for n, p in parts.items())
    # The removed text ("Darren Quilliam") is in the log by design; the file names are not.
    needles = [str(src).lower(), "quilliamd"] + [p.name.lower() for p in inputs] + [p.stem.lower() for p in inputs]
    for name, text in parts.items():
        for needle in needles:
            assert needle not in text, f"{name} holds an input's name or path"
    # Finalise still finds the originals without --inputs: by hash, from the key store's record.
    _edit(log)
    result = finalise(log, tmp_path / "pack")
    assert result.pack.zip.exists()
