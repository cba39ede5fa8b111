"""Independent text extraction for checking generated documents against their gold.

DOCX: every w:t and w:delText of the body, headers, footers and comments parts (read from the
XML, so deleted tracked changes and comments are seen). PDF: PyMuPDF text with ligatures
expanded and line breaks joined, so a name broken across lines is found whole.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pymupdf
from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|comments)\.xml$")


def normalise(text: str) -> str:
    """Collapse whitespace; a hyphen at a line end joins the two lines."""
    return " ".join(text.replace("-\n", "-").split())


def docx_text(path: Path) -> str:
    """All text of a DOCX, including comments and deleted text, one paragraph per line."""
    lines: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not _PARTS.match(name):
                continue
            root = etree.fromstring(archive.read(name))
            for para in root.iter(f"{_W}p"):
                lines.append("".join(t.text or "" for t in para.iter(f"{_W}t", f"{_W}delText")))
    return normalise("\n".join(lines))


def docx_visible_text(path: Path) -> str:
    """DOCX body, header and footer text without comments or deleted text."""
    lines: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if _PARTS.match(name) and "comments" not in name:
                root = etree.fromstring(archive.read(name))
                for para in root.iter(f"{_W}p"):
                    lines.append("".join(t.text or "" for t in para.iter(f"{_W}t")))
    return normalise("\n".join(lines))


def pdf_text(path: Path) -> str:
    """All page text of a PDF, ligatures expanded; body text first, so a paragraph running over
    a page break is not interrupted by the stamped header and footer lines."""
    flags = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    body: list[str] = []
    margins: list[str] = []
    with pymupdf.open(path) as doc:
        for page in doc:
            # Headers are stamped above y=45 and footers below height-32 (see pdf_writer).
            area = pymupdf.Rect(0, 45, page.rect.width, page.rect.height - 32)
            body.append(page.get_text(flags=flags, clip=area))
            margins.append(page.get_text(flags=flags, clip=pymupdf.Rect(0, 0, page.rect.width, 45)))
            margins.append(
                page.get_text(
                    flags=flags, clip=pymupdf.Rect(0, page.rect.height - 32, page.rect.width, page.rect.height)
                )
            )
    return normalise("\n".join(body) + "\n" + "\n".join(margins))


def document_text(path: Path) -> str:
    """Text of a generated DOCX or PDF."""
    return docx_text(path) if path.suffix == ".docx" else pdf_text(path)
