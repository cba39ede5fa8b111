"""A log saved by LibreOffice as .ods finalises with the same checks; other formats are refused in one line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.cli import main
from pipeline.finalise import finalise
from redaction_logs.errors import RedactionLogError
from tests.pipeline import test_finalise as base

drafted = base.drafted  # the same drafted case, as a fixture of this module
_columns, _edit = base._columns, base._edit
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; apt-get install libreoffice-calc")


def _to_ods(xlsx: Path, folder: Path) -> Path:
    """Save the workbook as .ods with LibreOffice itself, as a manager pressing Save would."""
    folder.mkdir(exist_ok=True)
    profile = folder / "profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "ods", "--outdir", str(folder), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )
    ods = folder / (xlsx.stem + ".ods")
    assert ods.is_file()
    return ods


@needs_soffice
def test_a_log_saved_as_ods_finalises_and_a_tampered_one_is_refused(drafted, tmp_path):
    _, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    disclosed = _edit(log, disclose_gist="name of senior probation officer")
    assert disclosed
    ods = _to_ods(log, tmp_path / "ods")
    result = finalise(ods, tmp_path / "pack")
    assert result.pack.zip.exists() and result.disclosed == len(disclosed)

    # A locked cell changed before the save as .ods is caught as in an .xlsx.
    wb = load_workbook(log)
    ws = wb["Redaction log"]
    ws.cell(row=2, column=_columns(ws)["Replaced by"]).value = "[changed]"
    tampered = tmp_path / "tampered" / "SFO60001.redaction-log.xlsx"
    tampered.parent.mkdir()
    wb.save(tampered)
    with pytest.raises(RedactionLogError, match=r"sheet 'Redaction log', cell F2: .*may not change"):
        finalise(_to_ods(tampered, tmp_path / "tampered"), tmp_path / "pack2")


@pytest.mark.parametrize("suffix", [".xls", ".csv", ".numbers", ""])
def test_other_formats_are_refused_in_one_line_with_status_2(drafted, tmp_path, capsys, suffix):
    _, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    _edit(log)
    other = tmp_path / ("SFO60001.redaction-log" + suffix)
    shutil.copy(log, other)
    assert main(["finalise", str(other), "--out", str(tmp_path / "pack")]) == 2
    err = capsys.readouterr().err.strip()
    assert "save it as .xlsx" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "pack").exists()
