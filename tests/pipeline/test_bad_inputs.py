"""Bad inputs, generated at test time, run through the real CLI beside one good review.

Each bad input must give exit status 1, one line on stderr naming the file with the reason,
no traceback, no output of its own (and no temporary files left), and must not stop the
good review in the same batch from being processed. Names are invented or Faker en_GB
(seeded); nothing here is real.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pymupdf
import pytest
from faker import Faker
from pikepdf import Array, Dictionary, Name

from pipeline.cli import main
from pipeline.read.docx import MAX_UNCOMPRESSED_BYTES

GOOD_CASE = "SFO60001"
fake = Faker("en_GB")
fake.seed_instance(3)
SI, PP = fake.name_male(), fake.name_female()


def good_docx(path: Path) -> Path:
    """A small review: a heading, a paragraph naming people, a chronology without an NFD column."""
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    d.add_paragraph(f"{SI} was supervised by PP {PP}. His CRN is X123456.")
    table = d.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "Event", "Analysis"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("3 May 2023", f"Mr {SI.split()[-1]} attended.", "Appropriate."), strict=True):
        cell.text = text
    d.save(path)
    return path


def good_pdf(path: Path, pages: int = 1) -> Path:
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"Review page {n + 1}. {SI} met PP {PP} on 3 May 2023.")
        page.insert_text((72, 90), "The risk assessment was reviewed; MAPPA level 2 was confirmed.")
    doc.save(path, garbage=3, deflate=True)
    return path


# ---------------------------------------------------------------- bad input builders


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated_docx(path: Path) -> None:
    data = good_docx(path.with_name("src.docx")).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def corrupted_docx(path: Path) -> None:
    # A sound zip whose main part is not XML.
    src = good_docx(path.with_name("src.docx"))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2] + b"\x00\xff<<garbage"
            zout.writestr(item, data)


def truncated_pdf(path: Path) -> None:
    data = good_pdf(path.with_name("src.pdf")).read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])


def corrupted_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")


def encrypted_pdf(path: Path) -> None:
    doc = pymupdf.open(good_pdf(path.with_name("src.pdf")))
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="user", owner_pw="owner")


def zip_bomb_docx(path: Path) -> None:
    # A real review's parts plus one entry that inflates past the reader's limit.
    src = good_docx(path.with_name("src.docx"))
    chunk = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        with zout.open("word/media/image1.bin", "w") as f:
            for _ in range(MAX_UNCOMPRESSED_BYTES // len(chunk) + 2):
                f.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk, huge inflated


def image_only_pdf(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    pix.clear_with(230)
    page.insert_image(pymupdf.Rect(50, 50, 545, 792), pixmap=pix)
    doc.save(path)


def type3_pdf(path: Path) -> None:
    """Text drawn in a Type3 font with no ToUnicode and glyph names no reader can map."""
    text = f"{SI} was seen by the probation practitioner on Monday"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    chars = sorted(set(text))
    codes = {c: 33 + i for i, c in enumerate(chars)}  # codes unrelated to the letters
    procs = Dictionary()
    for c in chars:
        procs[f"/g{codes[c]}"] = pdf.make_stream(b"500 0 0 0 400 600 d1 0 0 400 600 re f")
    font = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 500, 700]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=procs,
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([33, *(Name(f"/g{codes[c]}") for c in chars)])),
            FirstChar=33,
            LastChar=32 + len(chars),
            Widths=Array([500] * len(chars)),
            Resources=Dictionary(),
        )
    )
    pdf.pages[0].Resources = Dictionary(Font=Dictionary(F1=font))
    data = bytes(codes[c] for c in text).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (" + data + b") Tj ET")
    pdf.save(path)


BAD_INPUTS = {
    # id: (file name, builder, what the line on stderr says)
    "empty DOCX": ("notes.docx", empty, "empty"),
    "empty PDF": ("notes.pdf", empty, "empty"),
    "truncated DOCX": ("draft-review.docx", truncated_docx, "corrupt or truncated"),
    "corrupted DOCX": ("draft-review.docx", corrupted_docx, "not valid XML"),
    "truncated PDF": ("draft-review.pdf", truncated_pdf, "damaged"),
    "corrupted PDF": ("draft-review.pdf", corrupted_pdf, "PDF"),
    "encrypted PDF": ("locked-review.pdf", encrypted_pdf, "encrypted"),
    "DOCX zip bomb": ("big-review.docx", zip_bomb_docx, "zip bomb"),
    "PDF without a text layer": ("scanned-review.pdf", image_only_pdf, "no text layer"),
    "plain text named .docx": ("review.docx", lambda p: p.write_text("Just some notes.\n"), "not a DOCX or PDF"),
    "folder": ("folder.docx", lambda p: p.mkdir(), "folder"),
}


def run_batch(capsys, *inputs: Path, out: Path, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    code = main(["redact", *map(str, inputs), "--out", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_only_good_outputs(out: Path, *cases: str) -> None:
    names = sorted(os.listdir(out))
    assert names, "nothing was written"
    for name in names:
        assert not name.startswith("."), f"temporary file left: {name}"
        assert "partial" not in name
        assert name.startswith(cases), f"output that does not belong to a good input: {name}"
    for case in cases:
        assert f"{case}-review.redacted.pdf" in names


@pytest.mark.parametrize("kind", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_fails_alone(tmp_path, capsys, kind):
    name, build, reason = BAD_INPUTS[kind]
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = good_docx(inputs / f"{GOOD_CASE}-review.docx")
    bad = inputs / name
    build(bad)
    code, out, err = run_batch(capsys, good, bad, out=tmp_path / "out")
    assert code == 1
    assert "Traceback" not in err + out
    lines = [line for line in err.splitlines() if str(bad) in line]
    assert len(lines) == 1, err
    assert re.match(rf"\[[12]/2\] FAILED {re.escape(str(bad))}: ", lines[0]) and reason in lines[0]
    for secret in (*SI.split(), *PP.split()):
        assert secret not in err
    assert f"{good.name} -> {GOOD_CASE}-review.redacted.pdf" in out  # the good one was processed
    assert_only_good_outputs(tmp_path / "out", GOOD_CASE)


@pytest.mark.parametrize(
    "name, build",
    [("SFO60002-review.docx", good_pdf), ("SFO60002-review.pdf", good_docx)],
    ids=["PDF named .docx", "DOCX named .pdf"],
)
def test_wrong_extension_simply_works(tmp_path, capsys, name, build):
    good = good_docx(tmp_path / f"{GOOD_CASE}-review.docx")
    misnamed = build(tmp_path / name)
    code, _, err = run_batch(capsys, good, misnamed, out=tmp_path / "out")
    assert code == 0, err
    assert "FAILED" not in err
    assert_only_good_outputs(tmp_path / "out", GOOD_CASE, "SFO60002")


def test_review_without_a_not_for_disclosure_column_works(tmp_path, capsys):
    # good_docx's chronology has Date / Event / Analysis only.
    code, _, err = run_batch(capsys, good_docx(tmp_path / f"{GOOD_CASE}-review.docx"), out=tmp_path / "out")
    assert code == 0, err
    assert_only_good_outputs(tmp_path / "out", GOOD_CASE)


@pytest.mark.parametrize(
    "content, reason",
    [
        ("victims:\n  - name: [unclosed\n", "not valid YAML at line"),
        ("victim:\n  - name: Someone Invented\n", "unknown key(s) victim"),
        ("- just\n- a list\n", "must be a mapping"),
        ("supervised_individual:\n  name: A Person\n  crn: 12345\n", "crn is not in the expected form"),
    ],
)
def test_malformed_case_file_stops_before_any_document(tmp_path, capsys, content, reason):
    # The case file applies to every input, so a broken one is a usage error (exit 2) before
    # anything is read: no document is redacted with the wrong people.
    case = tmp_path / "case.yaml"
    case.write_text(content, encoding="utf-8")
    good = good_docx(tmp_path / f"{GOOD_CASE}-review.docx")
    code, out, err = run_batch(capsys, good, out=tmp_path / "out", extra=("--case", str(case)))
    assert code == 2 and not out
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sfo-redact: case.yaml: ") and reason in lines[0]
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() or not os.listdir(tmp_path / "out")


def test_pdf_font_without_unicode_mapping_is_refused(tmp_path, capsys):
    good = good_docx(tmp_path / f"{GOOD_CASE}-review.docx")
    bad = tmp_path / "odd-font-review.pdf"
    type3_pdf(bad)
    code, _, err = run_batch(capsys, good, bad, out=tmp_path / "out")
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith(f"[2/2] FAILED {bad}: ")]
    assert len(lines) == 1 and "internal error" not in lines[0]  # a reason, not a crash
    assert "without a Unicode mapping" in lines[0]
    assert_only_good_outputs(tmp_path / "out", GOOD_CASE)


def test_pdf_font_without_unicode_mapping_reads_as_garbage():
    """Why such a PDF is refused: MuPDF returns punctuation for the Type3 text, so no name in it could be found."""
    path = Path(os.environ["SFO_REDACT_HOME"]) / "odd.pdf"
    type3_pdf(path)
    text = pymupdf.open(path)[0].get_text()
    letters = sum(c.isalpha() for c in text)
    assert letters < len(text.strip()) / 2
    assert SI.split()[-1] not in text


@pytest.mark.slow
def test_500_page_review_is_processed(tmp_path, capsys):
    review = good_pdf(tmp_path / "SFO60003-review.pdf", pages=500)
    code, out, err = run_batch(capsys, review, out=tmp_path / "out")
    assert code == 0, err
    assert "(500 pages," in out
    assert_only_good_outputs(tmp_path / "out", "SFO60003")


def disguised_names_docx(path: Path) -> Path:
    first, last = SI.split()[0], SI.split()[-1]
    d = docx.Document()
    d.add_paragraph(f"{first[:2]}\u200b{first[2:]} {last[:2]}\u200b{last[2:]} was supervised by PP {PP}.")
    d.add_paragraph(f"Later {SI} was recalled.")
    d.save(path)
    return path


def test_name_split_by_zero_width_characters_is_refused_or_redacted(tmp_path, capsys):
    # Today detection sees only part of the disguised name and verification refuses the
    # output; never a release with the name in it.
    good = good_docx(tmp_path / f"{GOOD_CASE}-review.docx")
    disguised = disguised_names_docx(tmp_path / "SFO60004-review.docx")
    code, _, err = run_batch(capsys, good, disguised, out=tmp_path / "out")
    if code == 1:
        assert f"FAILED {disguised}: verification failed" in err
        assert_only_good_outputs(tmp_path / "out", GOOD_CASE)
    else:
        assert code == 0, err
        assert_only_good_outputs(tmp_path / "out", GOOD_CASE, "SFO60004")


def test_name_split_by_zero_width_characters_is_redacted_as_one_person(tmp_path, capsys):
    from pipeline.verify import read_text

    disguised = disguised_names_docx(tmp_path / "SFO60004-review.docx")
    code, _, err = run_batch(capsys, disguised, out=tmp_path / "out")
    assert code == 0, err
    text = read_text(tmp_path / "out" / "SFO60004-review.redacted.pdf")
    for part in SI.split():
        assert part not in text
    first_label = re.search(r"^(.*?) was supervised", text, re.MULTILINE).group(1).strip()
    second_label = re.search(r"Later (.*?) was recalled", text).group(1).strip()
    assert first_label == second_label  # one person, one label
