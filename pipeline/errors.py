"""Errors raised at the pipeline's boundaries.

Every message is written for a disclosure lead and names the file and the condition.
No message may contain document text: names, identifiers or quotations.
"""

from __future__ import annotations

from pathlib import Path


class SfoRedactError(Exception):
    """Base of every error this project raises on purpose."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        """Keep the condition (`reason`) and the file it concerns; the message shows the file name, not its path."""
        self.path = Path(path) if path is not None else None
        self.reason = message
        super().__init__(f"{self.path.name}: {message}" if self.path else message)


class UnsupportedDocumentError(SfoRedactError):
    """The input is not a readable DOCX or text-layer PDF (wrong type, corrupt, encrypted, empty)."""


class CaseFileError(SfoRedactError):
    """The case file is missing fields, has unknown keys or values of the wrong shape."""


class ConfigError(SfoRedactError):
    """A configuration file (NLP engine, recognizers) is invalid."""


class KeyStoreError(SfoRedactError):
    """The label key or a case mapping cannot be read, or does not match."""


class LeakDetectedError(SfoRedactError):
    """Independent re-extraction found removed text, or hidden content, in an output."""


class RenderError(SfoRedactError):
    """An output could not be written."""


class SignOffIncompleteError(SfoRedactError):
    """The redaction log is not signed off yet: a log waiting for its reviewer, not a fault.

    Callers that run many cases (the finalise-packs flow) tell waiting from failed by this
    type, never by the wording of the message.
    """
