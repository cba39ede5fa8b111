"""Every column of the log survives a write and a read back (issue 11): the table is columns.py."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from redaction_logs.columns import TABLE
from redaction_logs.integrity import DocumentEntry, cell_value
from redaction_logs.read_back import read_log
from redaction_logs.rows import LogRow
from redaction_logs.workbook import CaseLog, log_columns, write_log

KEY = b"c" * 32
DOC = "SFO60001-review.redacted.pdf"


def _row() -> LogRow:
    """A row whose every shown field holds a value of its own."""
    values = {}
    for f in dataclasses.fields(LogRow):
        if f.name == "page":
            values[f.name] = 3
        elif f.name == "score":
            values[f.name] = 0.75
        elif f.name in ("start", "end"):
            values[f.name] = 10 if f.name == "start" else 14
        elif f.name == "ref":
            values[f.name] = "R001"
        elif f.name == "document":
            values[f.name] = DOC
        elif f.name == "action":
            values[f.name] = "Anonymise"
        else:
            values[f.name] = f"value of {f.name}"
    return LogRow(**values)


def test_every_column_is_a_logrow_field_once():
    fields = {f.name for f in dataclasses.fields(LogRow)}
    names = [c.field for c in TABLE]
    assert len(names) == len(set(names)) and set(names) <= fields
    assert len({c.heading for c in TABLE}) == len(TABLE)


@pytest.mark.parametrize("gist_only", [False, True], ids=["full", "gist-only"])
def test_every_column_round_trips(tmp_path, gist_only):
    row = _row()
    entry = DocumentEntry(DOC, "SFO60001-review", "", "0" * 64, "docx")
    path = tmp_path / "SFO60001.redaction-log.xlsx"
    written = dt.datetime(2026, 11, 19, tzinfo=dt.UTC)
    write_log(CaseLog("SFO60001", [row], [entry], gist_only=gist_only, written=written), path, KEY)
    log = read_log(path, KEY, strict=True)
    [back] = log.rows
    shown = [attr for attr, _, _ in log_columns(gist_only)]
    assert set(shown) == {c.field for c in TABLE} - ({"text"} if gist_only else set())
    for attr in shown:
        assert cell_value(back.values[attr]) == cell_value(getattr(row, attr)), attr
    assert (back.action, back.argument_for, back.argument_against, back.notes) == (
        row.action, row.argument_for, row.argument_against, row.notes,
    )
