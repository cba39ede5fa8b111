"""Errors about the redaction log workbook; each names the sheet and the cell, never its text."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import SfoRedactError, SignOffIncompleteError


class RedactionLogError(SfoRedactError):
    """The workbook cannot be used: sign-off incomplete, a bad decision, tampering, a moved original."""

    def __init__(self, message: str, path: Path | str | None = None, *, sheet: str | None = None, cell: str | None = None) -> None:
        """Keep the condition and, when known, the sheet and cell it was found at."""
        self.sheet = sheet
        self.cell = cell
        where = ""
        if sheet and cell:
            where = f"sheet '{sheet}', cell {cell}: "
        elif sheet:
            where = f"sheet '{sheet}': "
        super().__init__(where + message, path)


class SignOffMissingError(RedactionLogError, SignOffIncompleteError):
    """A sign-off field is still empty: the log waits for its reviewer (a RedactionLogError too)."""
