"""Rendering: a registry of renderers keyed by (input kind, output format).

The product writes one format, PDF: a DOCX review is rebuilt as a clean PDF, a PDF review
has its redactions burned in. `redact`, `finalise` and `verify` name no format themselves:
they ask the registry for the renderer (and verification for the matching reader,
`pipeline.verify.register_reader`), so a second output format is one renderer, one reader
and their registration (tests/pipeline/test_output_formats.py shows one in plain text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ConfigError
from pipeline.model import Decision, Document, DocumentKind
from pipeline.mupdf_lock import with_mupdf

PDF = "pdf"
# A draft's name: `{stem}.redacted{suffix}` ("SFO60001-review.redacted.pdf").
REDACTED = ".redacted"

# Writes the redacted output of a document to a path; returns its page count.
Writer = Callable[[Document, Sequence[Decision], Path], int]


@dataclass(frozen=True)
class Renderer:
    """How one kind of input is written in one output format, and the suffix of its files."""

    kind: DocumentKind
    format: str
    suffix: str
    write: Writer


_RENDERERS: dict[tuple[DocumentKind, str], Renderer] = {}


def register_renderer(renderer: Renderer) -> None:
    """Add (or replace) the renderer for its (input kind, output format)."""
    _RENDERERS[(renderer.kind, renderer.format)] = renderer


def unregister_renderer(kind: DocumentKind, fmt: str) -> None:
    """Remove a renderer (a test's format, once the test is done)."""
    _RENDERERS.pop((kind, fmt), None)


def renderer_for(kind: DocumentKind, fmt: str = PDF) -> Renderer:
    """The renderer for a kind of input in a format; none registered is a ConfigError."""
    try:
        return _RENDERERS[(kind, fmt)]
    except KeyError:
        raise ConfigError(f"no renderer writes {kind.value} input as {fmt}") from None


def render(document: Document, decisions: Sequence[Decision], out_path: Path, fmt: str = PDF) -> int:
    """Write the redacted output in `fmt` (PDF unless told); returns its page count."""
    return renderer_for(document.kind, fmt).write(document, decisions, out_path)


def output_name(stem: str, kind: DocumentKind, fmt: str = PDF) -> str:
    """A draft's file name: the stem, `.redacted`, and the format's suffix."""
    return f"{stem}{REDACTED}{renderer_for(kind, fmt).suffix}"


def stem_of(name: str) -> str:
    """The stem of a draft's file name (`output_name` undone), whatever its format."""
    for renderer in _RENDERERS.values():
        ending = REDACTED + renderer.suffix
        if name.endswith(ending):
            return name.removesuffix(ending)
    return name


@with_mupdf
def _burn(document: Document, decisions: Sequence[Decision], out_path: Path) -> int:
    from pipeline.render.pdf_burn import burn

    return burn(document, decisions, out_path)


@with_mupdf
def _rebuild(document: Document, decisions: Sequence[Decision], out_path: Path) -> int:
    from pipeline.render.pdf_rebuild import rebuild

    return rebuild(document, decisions, out_path)


register_renderer(Renderer(DocumentKind.PDF, PDF, ".pdf", _burn))
register_renderer(Renderer(DocumentKind.DOCX, PDF, ".pdf", _rebuild))
