"""Keyed checksums that bind a log row to the span it stands for.

A row's identity (document, unit, offsets, category, label and a keyed hash of the removed
text) and the values of the cells a reviewer may not change are covered by an HMAC under
`derive(key, "redaction-log")`; a workbook-level HMAC covers the case, the documents and the
list of references, so added or removed rows are detected. The removed text is hashed with
the key too, so a gist-only log does not carry a dictionary-guessable digest of a name.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.digest import derive

PURPOSE = "redaction-log"


@dataclass(frozen=True)
class DocumentEntry:
    """One document of the case, as the hidden sheet records it (the input path is internal)."""

    output: str  # the draft PDF's name, e.g. SFO60001-review.redacted.pdf
    stem: str  # SFO60001-review
    input_path: str
    input_sha256: str
    kind: str  # docx or pdf


@dataclass(frozen=True)
class RowIdentity:
    """What a row stands for; `text_mac` is a keyed hash of the removed text."""

    ref: str
    document: str
    unit_id: str
    start: int
    end: int
    category: str
    label: str
    text_mac: str

    def key(self) -> tuple:
        """Identity without the reference: what matches a row across draft runs."""
        return (self.document, self.unit_id, self.start, self.end, self.category, self.label, self.text_mac)


@functools.lru_cache(maxsize=8)
def _k(key: bytes) -> bytes:
    return derive(key, PURPOSE)


def _mac(key: bytes, payload: Any) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return hmac.new(_k(key), data, hashlib.sha256).hexdigest()


def text_mac(key: bytes, text: str) -> str:
    """Keyed hash of a removed text."""
    return _mac(key, ["text", text])[:32]


def cell_value(value: Any) -> str:
    """A cell's value as compared: Excel may turn 3 into 3.0 and newlines into CR LF."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def cells_mac(key: bytes, ref: str, column: str, value: Any) -> str:
    """A short keyed checksum of one locked cell (short: it only has to name the cell changed)."""
    return _mac(key, ["cell", ref, column, cell_value(value)])[:12]


def row_mac(key: bytes, case_id: str, identity: RowIdentity, cells: dict[str, str]) -> str:
    """The row's checksum: its identity and the checksums of its locked cells."""
    return _mac(key, ["row", case_id, identity.ref, list(identity.key()), sorted(cells.items())])


def workbook_mac(
    key: bytes,
    case_id: str,
    meta: dict[str, str],
    documents: Sequence[DocumentEntry],
    refs: Iterable[str],
) -> str:
    """The checksum over the whole log: case, settings, documents, and the references in order."""
    docs = [[d.output, d.stem, d.input_sha256, d.kind] for d in documents]
    return _mac(key, ["workbook", case_id, sorted(meta.items()), docs, list(refs)])


def file_sha256(data: bytes) -> str:
    """The SHA-256 of `data`, in hex."""
    return hashlib.sha256(data).hexdigest()
