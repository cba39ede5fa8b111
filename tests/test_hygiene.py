"""Personal data hygiene: a verbose run writes names and identifiers nowhere they do not belong.

Generated reviews (DOCX and PDF, three cases) go through the real CLI at DEBUG (`-vv`), once in
this process (Python logging captured at DEBUG, a private TMPDIR) and once as a child process
(its real stdout and stderr). Every gold name and identifier of 4 characters or more is then
looked for in: the log records, stdout and stderr, every file left in the temporary folder
(its name and its bytes), the output folder's file names, the key store's file names and
bytes (mappings are encrypted: the ciphertext must not hold them), and the text of the
redacted PDFs. By design two outputs hold removed text and are not searched: the redaction
log workbook (its internal "Text removed" column) and the `*.review.pdf` review copies (they
show what was removed, for the disclosure lead).

Input names follow the SFO file protocol and so hold the supervised individual's surname. The
CLI echoes an input's own path or name (the user typed it) on its progress and FAILED lines:
those exact strings are taken out of stdout and stderr before searching, and must appear
nowhere else (not in the log records, not in any file name written).
"""

from __future__ import annotations

import base64
import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluation.corpus import generate_case
from pipeline.redact import document_kind_name
from pipeline.verify import read_text

REPO = Path(__file__).resolve().parent.parent
KEY = base64.urlsafe_b64encode(bytes(range(100, 132))).decode("ascii")
# (seed, formats, action plan): a DOCX case, a PDF case, and a case with both formats.
CASES = ((6100, ("docx",), True), (6101, ("pdf",), False), (6102, ("docx", "pdf"), False))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hygiene-corpus")
    cases = [
        generate_case(seed, root / f"case-{seed}", formats=formats, pages=3, with_action_plan=plan)
        for seed, formats, plan in CASES
    ]
    return cases, sorted(p for c in cases for p in c.documents)


def secrets_of(cases) -> list[str]:
    """Every gold name, mention and identifier of 4 characters or more, longest first."""
    found = {m.text for c in cases for m in c.gold.must_go}
    found |= {text for c in cases for p in c.gold.people for text in (p.name, *p.mentions)}
    return sorted((s for s in found if len(s) >= 4), key=lambda s: (-len(s), s))


def leaks(text: str, secrets: list[str]) -> list[str]:
    """The secrets in `text`, exact or in capitals (a heading); reported by count, never quoted."""
    return [s for s in secrets if s in text or s.upper() in text]


def without(text: str, echoed: list[str]) -> str:
    for item in sorted(echoed, key=len, reverse=True):
        text = text.replace(item, "<input>")
    return text


def surname_keys(inputs: list[Path]) -> list[str]:
    """The lower-case surname each protocol file name carries (SFO61234smithJ -> smith)."""
    return [m.group(1) for p in inputs if (m := re.match(r"SFO\d{5}([a-z]+)[A-Z]", p.stem))]


def file_leaks(path: Path, secrets: list[str]) -> list[str]:
    data = path.read_bytes()
    forms = [(s, enc) for s in secrets for enc in ("utf-8", "utf-16-le")]
    return [s for s, enc in forms if s.encode(enc) in data or s.upper().encode(enc) in data]


def assert_temp_clean(tmp: Path, secrets: list[str]) -> None:
    """No temporary file's name or content holds personal data."""
    for path in tmp.rglob("*"):
        assert not leaks(path.name, secrets)
        if path.is_file():
            assert not file_leaks(path, secrets), f"temporary file {path.name} holds personal data"


def assert_key_store_clean(home: Path, secrets: list[str]) -> None:
    for path in home.rglob("*"):
        assert not leaks(path.name, secrets) and not leaks(path.name.title(), secrets)
        if not path.is_file():
            continue
        data = path.read_bytes()
        assert not data.lstrip().startswith((b"{", b"[")), f"{path.name} is not encrypted"
        if path.suffix == ".mapping":
            # A Fernet token is base64 text: search its ciphertext bytes, and its text for the
            # longer secrets only (random base64 holds a given 4-letter word too often).
            raw = base64.urlsafe_b64decode(data)
            assert not [s for s in secrets if s.encode("utf-8") in raw], f"{path.name} holds personal data"
            assert not [s for s in secrets if len(s) >= 8 and s.encode("utf-8") in data]
        else:
            assert not file_leaks(path, secrets), f"{path.name} holds personal data"


def assert_outputs_clean(out: Path, cases, inputs: list[Path], secrets: list[str]) -> None:
    keys = surname_keys(inputs)
    assert keys
    for path in out.iterdir():
        assert not path.name.startswith("."), f"temporary file left: {path.name}"
        low = path.name.lower()
        assert not leaks(path.name, secrets) and not [k for k in keys if k in low], "an output's name holds a name"
    for case in cases:
        for document in case.documents:
            kind = document_kind_name(document)
            pdfs = sorted(out.glob(f"{case.case_id}-{kind}*.redacted.pdf"))
            assert pdfs
            must_go = [m.text for m in case.gold.must_go_for(document.name) if len(m.text) >= 4]
            for pdf in pdfs:
                text = read_text(pdf)
                assert not [s for s in must_go if s in text], f"{pdf.name}: removed text in the output"


def test_verbose_run_in_process_leaks_nothing(tmp_path, corpus, caplog, capsys, monkeypatch, engine):
    cases, inputs = corpus
    secrets = secrets_of(cases)
    home, out, tmp = tmp_path / "home", tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("SFO_REDACT_HOME", str(home))
    monkeypatch.setenv("SFO_REDACT_KEY", KEY)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    caplog.set_level(logging.DEBUG)

    code = main(["-vv", "redact", *map(str, inputs), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err[-2000:]
    assert caplog.records, "nothing was logged at DEBUG"
    assert any(r.levelno == logging.DEBUG for r in caplog.records)

    records = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    assert not leaks(records, secrets), "a log record holds personal data"
    keys = surname_keys(inputs)
    echoed = [str(p) for p in inputs] + [p.name for p in inputs]
    for stream in (captured.out, captured.err):
        assert not leaks(without(stream, echoed), secrets), "stdout/stderr holds personal data"
        assert not [k for k in keys if k in without(stream, echoed).lower()]
    assert_temp_clean(tmp, secrets)
    assert_key_store_clean(home, secrets)
    assert_outputs_clean(out, cases, inputs, secrets)
    # Last, so that everything above is checked whatever happens here: the log records must
    # not hold the input names either (nobody typed them into a log file).
    named = sorted({r.name for r in caplog.records if any(k in r.getMessage().lower() for k in keys)})
    assert not named, f"log records of {named} hold an input's name"


def test_verbose_run_as_a_process_leaks_nothing_on_stdout_or_stderr(tmp_path, corpus):
    cases, inputs = corpus
    secrets = secrets_of(cases)
    home, out, tmp = tmp_path / "home", tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, SFO_REDACT_HOME=str(home), SFO_REDACT_KEY=KEY, TMPDIR=str(tmp))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "-vv", "redact", *map(str, inputs), "--out", str(out)],
        check=False, cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "DEBUG" in run.stderr  # -vv really logged at DEBUG
    echoed = [str(p) for p in inputs] + [p.name for p in inputs]
    keys = surname_keys(inputs)
    # Log lines ("sfo-redact: LEVEL: ...") may not echo an input's name; progress lines may.
    log_lines = [line for line in run.stderr.splitlines() if line.startswith("sfo-redact: ")]
    assert log_lines
    for stream in (run.stdout, run.stderr):
        cleaned = without(stream, echoed)
        assert not leaks(cleaned, secrets), "stdout/stderr holds personal data"
        assert not [k for k in keys if k in cleaned.lower()], "stdout/stderr holds an input's surname"
    assert_temp_clean(tmp, secrets)
    assert_key_store_clean(home, secrets)
    assert_outputs_clean(out, cases, inputs, secrets)
    named = [line.split(":")[1].strip() for line in log_lines if any(k in line.lower() for k in keys)]
    assert not named, f"{len(named)} log line(s) on stderr hold an input's name"
