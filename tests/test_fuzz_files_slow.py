"""Mutated PDFs and DOCX files (issue 14 item 7): for a time budget (2 minutes by default,
SFO_FUZZ_SECONDS), truncate, flip bytes in, and drop objects from generated reviews, and
redact each (the DOCX also with imported HTML and DOCX parts). Never a traceback or an "internal error", never a partial output, never a leak:
each mutant is either redacted and clean by an independent reader, or refused in one line.
"""

from __future__ import annotations

import io
import os
import random
import re
import time
import zipfile

import pytest

from pipeline.case import load_case
from pipeline.redact import redact_case
from pipeline.verify import find_leaks, read_text
from pipeline.verify.needles import case_file_needles

pytestmark = pytest.mark.slow
BUDGET = float(os.environ.get("SFO_FUZZ_SECONDS", "120"))
SEED = 20261203


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) // 10, len(data))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        i = rng.randrange(len(out))
        out[i] = rng.randrange(256)
    return bytes(out)


def _drop_object(data: bytes, rng: random.Random) -> bytes:
    objs = [m.span() for m in re.finditer(rb"\d+ 0 obj.*?endobj", data, re.DOTALL)]
    if not objs:
        return _flip(data, rng)
    s, e = rng.choice(objs)
    return data[:s] + data[e:]


def _docx_member(data: bytes, rng: random.Random) -> bytes:
    """Rewrite the zip with one member damaged (flipped, truncated or left out)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    victim = rng.choice(names)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in names:
            body = src.read(name)
            if name == victim:
                how = rng.choice(("flip", "cut", "drop"))
                if how == "drop":
                    continue
                body = _flip(body, rng) if how == "flip" else body[: rng.randrange(max(1, len(body)))]
            out.writestr(name, body)
    return buf.getvalue()


MUTATORS = {"pdf": (_truncate, _flip, _drop_object), "docx": (_truncate, _flip, _docx_member)}


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    from pipeline.evaluation.corpus import generate_case

    folder = tmp_path_factory.mktemp("fuzz-originals")
    generate_case(4711, folder, formats=("docx", "pdf"), pages=2)
    files = {p.suffix.lstrip("."): p for p in folder.iterdir() if p.suffix in (".pdf", ".docx")}
    assert set(files) == {"pdf", "docx"}
    files["docx with imported parts"] = _with_imported_parts(files["docx"], folder / "imported.docx", load_case(folder / "case.yaml"))
    return folder, files


def _with_imported_parts(src, path, case):
    """The generated DOCX with an HTML and a DOCX part imported (altChunk), each naming the
    supervised individual: the imports are read, so their names must be redacted too."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from lxml import etree

    from tests.pipeline.test_docx_hidden import REL, add_to_package

    name = case.supervised_individual.name
    inner = docx.Document()
    inner.add_paragraph(f"Imported: a telephone call with {name} was recorded.")
    buf = io.BytesIO()
    inner.save(buf)
    path.write_bytes(src.read_bytes())
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    body = root.find(f"{{{root.nsmap['w']}}}body")
    for n in (1, 2):
        body.insert(n * 3, parse_xml(f'<w:altChunk {nsdecls("w")} xmlns:r="{REL}" r:id="rIdChunk{n}"/>'))
    add_to_package(
        path,
        {
            "word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
            "word/chunk1.htm": f"<html><body><p>Imported note: {name} attended.</p></body></html>".encode(),
            "word/chunk2.docx": buf.getvalue(),
        },
        [("rIdChunk1", "aFChunk", "chunk1.htm", False), ("rIdChunk2", "aFChunk", "chunk2.docx", False)],
    )
    return path


def test_mutants_are_redacted_clean_or_refused_in_one_line(originals, tmp_path, engine):
    folder, files = originals
    case = load_case(folder / "case.yaml")
    needles = case_file_needles(case)
    rng = random.Random(SEED)
    started, tried, refused, processed = time.monotonic(), 0, 0, 0
    while time.monotonic() - started < BUDGET:
        kind = rng.choice(sorted(files))
        mutate = rng.choice(MUTATORS[files[kind].suffix.lstrip(".")])
        work = tmp_path / f"m{tried:04d}"
        work.mkdir()
        mutant = work / f"SFO{case.case_id[3:]}-mutant{files[kind].suffix}"
        mutant.write_bytes(mutate(files[kind].read_bytes(), rng))
        out = work / "out"
        result = redact_case([mutant], out, case=case, engine=engine)
        tried += 1
        for _, reason in result.failures:
            assert "internal error" not in reason, f"mutant {tried} ({kind}, {mutate.__name__}): {reason}"
            assert "\n" not in reason and reason.strip()
        if result.documents:
            processed += 1
            pdf = result.documents[0].pdf
            try:
                text = read_text(pdf)
            except Exception:  # noqa: BLE001 - a mutant's broken font (a ToUnicode CMap) can stop pdfminer.six
                # The draft passed PDFium and pikepdf; finalise's four readers refuse such a
                # file in one line (verify: "an unreadable output is a failed output"). Its
                # text is still checked, with PDFium.
                from pipeline.verify import extract_pdfium

                text = "\n".join(extract_pdfium(pdf))
            leaks = find_leaks([text], needles)
            assert not leaks, f"mutant {tried} ({kind}, {mutate.__name__}) leaked {[n.category for n, _ in leaks]}"
        else:
            refused += 1
            assert not list(out.glob("*.redacted.pdf")), "a refused document left an output"
        # never a partial or temporary file
        assert not [p for p in out.rglob("*") if p.name.startswith(".") or ".partial" in p.name or p.suffix == ".tmp"] if out.exists() else True
        mutant.unlink()
    print(f"fuzz: {tried} mutants in {time.monotonic() - started:.0f} s: {processed} redacted clean, {refused} refused in one line")
    assert tried >= 10
