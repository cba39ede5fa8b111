"""`sfo-redact verify PDF... (--case | --log)` on PDFs generated here (Faker en_GB, seeded)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pymupdf
import pytest
import yaml
from faker import Faker
from openpyxl import Workbook

from pipeline.case import parse_case
from pipeline.cli import main
from pipeline.cli.verify import case_needles
from pipeline.render.sanitize import save_clean

fake = Faker("en_GB")
fake.seed_instance(6061)
SI_FIRST, SI_LAST = fake.first_name_male(), fake.last_name()
PP_FIRST, PP_LAST = fake.first_name_female(), fake.last_name()
VICTIM = fake.name()
CRN = "X" + fake.numerify("######")
PNC = "2009/0" + fake.numerify("######") + "A"
DOB = dt.date(1990, 5, 3)
SAFE = "PP1 met the supervised individual (HT) at the approved premises on 3 June 2023. MAPPA level 2. The SPO agreed."


def write_pdf(path: Path, *lines: str) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    for n, line in enumerate(lines):
        page.insert_text((72, 72 + 16 * n), line)
    save_clean(doc, path)
    return path


@pytest.fixture
def case_file(tmp_path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "case_id": "SFO60001",
                "supervised_individual": {
                    "name": f"{SI_FIRST} {SI_LAST}",
                    "crn": CRN,
                    "pnc": PNC,
                    "date_of_birth": DOB.isoformat(),
                },
                "victims": [{"name": VICTIM}],
                "staff": [{"name": f"{PP_FIRST} {PP_LAST}", "role": "PP"}],
            }
        ),
        encoding="utf-8",
    )
    return path


def run(capsys, *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(["verify", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def assert_no_document_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    for secret in (SI_FIRST, SI_LAST, PP_FIRST, PP_LAST, *VICTIM.split(), CRN, PNC):
        assert secret not in text and secret.upper() not in text


# ---------------------------------------------------------------- --case


def test_case_needles_hold_every_variant_and_identifier(case_file):
    case = parse_case(yaml.safe_load(case_file.read_text()))
    texts = {n.text for n in case_needles(case)}
    for variant in (f"{SI_FIRST} {SI_LAST}", SI_FIRST, SI_LAST, SI_LAST.upper(), f"{SI_FIRST[0]}. {SI_LAST}", PP_LAST):
        assert variant in texts
    assert {CRN, PNC, PNC[2:4] + "/" + str(int(PNC[5:-1])) + "A"} <= texts
    assert {"03/05/1990", "3 May 1990", "1990-05-03"} <= texts


def test_clean_pdfs_pass(tmp_path, case_file, capsys):
    a = write_pdf(tmp_path / "a.pdf", SAFE)
    b = write_pdf(tmp_path / "b.pdf", "Victim A was informed by the VLO.")
    code, out, err = run(capsys, str(a), str(b), "--case", str(case_file))
    assert code == 0, err
    assert len(out) == 2
    assert out[0].startswith(f"OK {a}: 1 pages, ") and out[0].endswith("strings checked, pdfium+pypdf+pdfminer.six+pikepdf")
    assert not err


@pytest.mark.parametrize(
    "leak, category",
    [
        (lambda: f"Seen by {PP_FIRST} {PP_LAST}.", "name"),
        (lambda: f"{SI_LAST.upper()} WAS RECALLED", "name"),  # capitals
        (lambda: f"{SI_FIRST}'s licence was revoked.", "name"),  # first name, possessive
        (lambda: f"CRN {CRN} on nDelius", "identifier"),
        (lambda: f"PNC {PNC[2:4]}/{int(PNC[5:-1])}A", "identifier"),  # two-digit year form
        (lambda: "born 03/05/1990 in Leeds", "date of birth"),
    ],
)
def test_a_leak_fails_with_its_kind(tmp_path, case_file, capsys, leak, category):
    good = write_pdf(tmp_path / "good.pdf", SAFE)
    bad = write_pdf(tmp_path / "bad.pdf", SAFE, leak())
    code, out, err = run(capsys, str(good), str(bad), "--case", str(case_file))
    assert code == 1
    assert out == [line for line in out if line.startswith(f"OK {good}")] and len(out) == 1
    assert len(err) == 1 and err[0].startswith(f"FAILED {bad}: verification failed")
    assert f"({category})" in err[0] or f", {category}" in err[0] or f"{category}," in err[0]
    assert_no_document_text(out + err)


def test_hidden_places_fail_too(tmp_path, case_file, capsys):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), SAFE)
    doc.set_metadata({"author": f"{PP_FIRST} {PP_LAST}"})
    path = tmp_path / "meta.pdf"
    doc.save(path)
    code, _, err = run(capsys, str(path), "--case", str(case_file))
    assert code == 1 and "metadata" in err[0]
    assert_no_document_text(err)


def test_missing_and_unreadable_files_fail_alone(tmp_path, case_file, capsys):
    good = write_pdf(tmp_path / "good.pdf", SAFE)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nnot really")
    code, out, err = run(capsys, str(tmp_path / "missing.pdf"), str(junk), str(good), "--case", str(case_file))
    assert code == 1
    assert len(out) == 1 and out[0].startswith(f"OK {good}")
    assert err[0] == f"FAILED {tmp_path / 'missing.pdf'}: file not found"
    assert err[1].startswith(f"FAILED {junk}: ") and "cannot be re-read" in err[1]
    assert not any("Traceback" in line for line in err)


def test_malformed_case_file_exits_2(tmp_path, capsys):
    case = tmp_path / "case.yaml"
    case.write_text("victim:\n  - name: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, str(write_pdf(tmp_path / "a.pdf", SAFE)), "--case", str(case))
    assert code == 2 and not out
    assert len(err) == 1 and "case.yaml" in err[0] and "not valid YAML" in err[0]


def test_case_or_log_is_required(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["verify", str(tmp_path / "a.pdf")])
    assert info.value.code == 2


# ---------------------------------------------------------------- --log


def write_log(path: Path, rows: list[tuple[str, str, str]], *, text_column: bool = True, title_row: bool = False) -> Path:
    """A log laid out as the pipeline's (by heading): category, text, decision among others."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Redaction log"
    wb.create_sheet("Sign-off")
    if title_row:
        ws.append(["SFO Redaction Log - OFFICIAL-SENSITIVE"])
    headings = ["Ref", "Category", "Gist of what was removed"]
    if text_column:
        headings.append("Text removed (INTERNAL - never shared)")
    headings += ["Replaced by", "Decision", "Reviewer notes"]
    ws.append(headings)
    for n, (category, text, decision) in enumerate(rows, start=1):
        row = [f"R{n:03d}", category, f"{category} removed"]
        if text_column:
            row.append(text)
        row += ["[label]", decision, None]
        ws.append(row)
    wb.save(path)
    return path


LOG_ROWS = [
    ("name", f"{SI_FIRST} {SI_LAST}", "Anonymise"),
    ("name", f"Ms {PP_LAST}", "Withhold"),
    ("name", f"SPO {VICTIM}", "Anonymise"),  # a role prefix logged with a name is not a name
    ("identifier", CRN, "Withhold"),
    ("name", "Dr Okonkwo-Baptiste", "Disclose"),  # a disclosed name may stay
    ("hidden content", "OK", "Withhold"),  # short hidden comments are not checked
    ("removed column", "Not for disclosure", "Withhold"),  # the column heading may be quoted
    ("medical", "olanzapine", ""),  # no decision yet: checked (fail closed)
]


def test_log_clean_pdf_passes_and_disclosed_text_may_stay(tmp_path, capsys):
    log = write_log(tmp_path / "log.xlsx", LOG_ROWS, title_row=True)
    pdf = write_pdf(tmp_path / "a.pdf", SAFE, "Reviewed with Dr Okonkwo-Baptiste. OK. Not for disclosure.")
    code, out, err = run(capsys, str(pdf), "--log", str(log))
    assert code == 0, err
    assert out[0].startswith(f"OK {pdf}: 1 pages, ")


@pytest.mark.parametrize(
    "leak",
    [
        lambda: f"Met {SI_FIRST} {SI_LAST}.",
        lambda: f"Spoke to {PP_LAST.upper()} today",  # a word of a logged name, in capitals
        lambda: f"Record {CRN}",
        lambda: "He was prescribed olanzapine.",
    ],
)
def test_log_withheld_text_fails(tmp_path, capsys, leak):
    log = write_log(tmp_path / "log.xlsx", LOG_ROWS)
    pdf = write_pdf(tmp_path / "a.pdf", SAFE, leak())
    code, out, err = run(capsys, str(pdf), "--log", str(log))
    assert code == 1 and not out
    assert len(err) == 1 and err[0].startswith(f"FAILED {pdf}: verification failed")
    assert_no_document_text(err)
    assert "olanzapine" not in err[0]


def test_gist_only_log_is_refused(tmp_path, capsys):
    log = write_log(tmp_path / "log.xlsx", LOG_ROWS, text_column=False)
    code, out, err = run(capsys, str(write_pdf(tmp_path / "a.pdf", SAFE)), "--log", str(log))
    assert code == 2 and not out
    assert len(err) == 1 and "gist-only" in err[0]


def test_not_a_workbook_is_refused(tmp_path, capsys):
    log = tmp_path / "log.xlsx"
    log.write_bytes(b"not a workbook")
    code, _, err = run(capsys, str(write_pdf(tmp_path / "a.pdf", SAFE)), "--log", str(log))
    assert code == 2 and "cannot be read as an .xlsx workbook" in err[0]


# ---------------------------------------------------------------- the pipeline's own outputs


def test_pipeline_outputs_pass_verify_by_case_and_by_log(tmp_path, case_file, capsys):
    import docx

    review = tmp_path / "SFO60001-review.docx"
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    d.add_paragraph(f"{SI_FIRST} {SI_LAST} (CRN {CRN}, born 03/05/1990) was supervised by PP {PP_FIRST} {PP_LAST}.")
    d.add_paragraph(f"Mr {SI_LAST} met {PP_FIRST} on 3 June 2023. {VICTIM} was not known to the service.")
    d.save(review)
    out = tmp_path / "out"
    assert main(["redact", str(review), "--case", str(case_file), "--out", str(out)]) == 0
    capsys.readouterr()
    pdfs = sorted(str(p) for p in out.glob("*.redacted.pdf"))
    logs = sorted(out.glob("*.xlsx"))
    assert pdfs and logs
    code, lines, err = run(capsys, *pdfs, "--case", str(case_file))
    assert code == 0, err
    code, lines, err = run(capsys, *pdfs, "--log", str(logs[0]))
    assert code == 0, err
    assert all(line.startswith("OK ") for line in lines)
