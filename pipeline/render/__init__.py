"""Rendering: DOCX reviews are rebuilt as a clean PDF; PDF reviews have redactions burned in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.model import Decision, Document, DocumentKind
from pipeline.mupdf_lock import with_mupdf


@with_mupdf
def render(document: Document, decisions: Sequence[Decision], out_path: Path) -> int:
    """Write the redacted PDF; returns its page count."""
    if document.kind is DocumentKind.PDF:
        from pipeline.render.pdf_burn import burn

        return burn(document, decisions, out_path)
    from pipeline.render.pdf_rebuild import rebuild

    return rebuild(document, decisions, out_path)
