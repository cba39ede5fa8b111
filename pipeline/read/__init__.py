"""Reading: a DOCX or text-layer PDF becomes a Document. The type is taken from the bytes."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import UnsupportedDocumentError
from pipeline.model import Document
from pipeline.mupdf_lock import with_mupdf

# Word's encrypted (password-protected) files and legacy .doc files are OLE compound files.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str:
    """'docx' or 'pdf' from the file's first bytes; anything else is refused."""
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except FileNotFoundError:
        raise UnsupportedDocumentError("file not found", path) from None
    except IsADirectoryError:
        raise UnsupportedDocumentError("is a folder, not a document", path) from None
    except OSError as exc:
        raise UnsupportedDocumentError(f"cannot be read ({exc.strerror or type(exc).__name__})", path) from None
    if not head:
        raise UnsupportedDocumentError("file is empty", path)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(_OLE):
        raise UnsupportedDocumentError(
            "password-protected Word document or legacy .doc; remove the password or save as .docx", path
        )
    raise UnsupportedDocumentError("not a DOCX or PDF document", path)


@with_mupdf
def read(path: Path) -> Document:
    """Read a review or action plan.

    Every unit's text is cleaned of zero-width and formatting characters, odd spaces and
    look-alike letters from other scripts (normalise_text), so that a name written
    "Sa\u200brah" or with a Cyrillic "а" is found, labelled and verified as the same name
    as everywhere else. PDF character boxes follow their characters.
    """
    from pipeline.read.normalise import clean_document

    kind = sniff(path)
    if kind == "pdf":
        from pipeline.read.pdf import read_pdf

        return clean_document(read_pdf(path))
    from pipeline.read.docx import read_docx

    return clean_document(read_docx(path))
