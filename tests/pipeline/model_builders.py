"""Build small documents and detections by hand, for stage tests that need no reader."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.model import Detection, Document, DocumentKind, Paragraph, Provenance, Source, TextUnit


def document(*paragraphs: str) -> Document:
    units = {}
    for i, text in enumerate(paragraphs):
        uid = f"u{i + 1:04d}"
        units[uid] = TextUnit(uid, text, Provenance(Source.BODY, paragraph=i))
    return Document(Path("test.docx"), DocumentKind.DOCX, units, blocks=[Paragraph(u) for u in units])


def person(doc: Document, text: str, recognizer: str = "SpacyRecognizer", occurrence: int = 0, explanation: str = "") -> Detection:
    """A PERSON detection of the n-th occurrence of `text` in the document."""
    seen = 0
    for uid, unit in doc.units.items():
        for m in re.finditer(re.escape(text), unit.text):
            if seen == occurrence:
                return Detection(uid, m.start(), m.end(), "PERSON", 0.85, recognizer, explanation, text)
            seen += 1
    raise AssertionError(f"{text!r} not in document")


def entity(doc: Document, text: str, entity: str, recognizer: str = "Test") -> list[Detection]:
    """A detection of every occurrence of `text`, as a pattern recognizer would give."""
    found = [
        Detection(uid, m.start(), m.end(), entity, 0.9, recognizer, "test", text)
        for uid, unit in doc.units.items()
        for m in re.finditer(re.escape(text), unit.text)
    ]
    assert found, f"{text!r} not in document"
    return found
