"""Mutated PDFs and DOCX files (issue 14 item 7): for a time budget (2 minutes by default,
SFO_FUZZ_SECONDS), truncate, flip bytes in, and drop objects from generated reviews, and
redact each. Never a traceback or an "internal error", never a partial output, never a leak:
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
    return folder, files


def test_mutants_are_redacted_clean_or_refused_in_one_line(originals, tmp_path, engine):
    folder, files = originals
    case = load_case(folder / "case.yaml")
    needles = case_file_needles(case)
    rng = random.Random(SEED)
    started, tried, refused, processed = time.monotonic(), 0, 0, 0
    while time.monotonic() - started < BUDGET:
        kind = rng.choice(sorted(files))
        mutate = rng.choice(MUTATORS[kind])
        work = tmp_path / f"m{tried:04d}"
        work.mkdir()
        mutant = work / f"SFO{case.case_id[3:]}-mutant.{kind}"
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
            leaks = find_leaks([read_text(pdf)], needles)
            assert not leaks, f"mutant {tried} ({kind}, {mutate.__name__}) leaked {[n.category for n, _ in leaks]}"
        else:
            refused += 1
            assert not list(out.glob("*.redacted.pdf")), "a refused document left an output"
        # never a partial or temporary file
        assert not [p for p in out.rglob("*") if p.name.startswith(".") or ".partial" in p.name or p.suffix == ".tmp"] if out.exists() else True
        mutant.unlink()
    print(f"fuzz: {tried} mutants in {time.monotonic() - started:.0f} s: {processed} redacted clean, {refused} refused in one line")
    assert tried >= 10
