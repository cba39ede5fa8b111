"""Strip every hidden place of a PDF and save it as one clean revision."""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf
from pymupdf import mupdf

# Catalog entries that can carry text or behaviour the pages do not show.
_CATALOG_KEYS = ("AcroForm", "Names", "OpenAction", "Metadata", "Outlines", "PageLabels", "AA", "StructTreeRoot", "MarkInfo")


def strip_hidden(doc: pymupdf.Document, clean_pages: bool = True) -> None:
    """Remove metadata, XMP, outlines, annotations, links, form fields, embedded files, JavaScript.

    `clean_pages` rewrites every page's content stream through MuPDF's filter; a document
    that Story has just written from redacted text has nothing there to clean, and skips it
    (about 3 ms a page).
    """
    doc.set_toc([])
    for page in doc:
        for link in page.get_links():
            page.delete_link(link)
        for widget in list(page.widgets() or []):
            page.delete_widget(widget)
        # Re-read first_annot each time: deleting a comment also deletes its popup, so the
        # annotation delete_annot() returns may already be gone.
        while (annot := page.first_annot) is not None:
            page.delete_annot(annot)
    # scrub() covers /Info, XMP, links, embedded files, JavaScript and thumbnails; it keeps
    # text layers with hidden_text=False (OCR layers are text we already redacted).
    doc.scrub(
        attached_files=True,
        clean_pages=clean_pages,
        embedded_files=True,
        hidden_text=False,
        javascript=True,
        metadata=True,
        redactions=True,
        redact_images=0,
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    # Remove the entries outright: set to null they stay as keys, which other readers
    # (pypdf: `key in root`) still see.
    root = mupdf.pdf_dict_get(mupdf.pdf_trailer(pymupdf._as_pdf_document(doc)), mupdf.PDF_ENUM_NAME_Root)
    for key in _CATALOG_KEYS:
        mupdf.pdf_dict_dels(root, key)
    doc.set_metadata({})
    doc.del_xml_metadata()
    # The trailer's /Info dictionary may survive set_metadata as an empty object; drop it.
    if doc.xref_get_key(-1, "Info")[0] != "null":
        doc.xref_set_key(-1, "Info", "null")


def save_clean(doc: pymupdf.Document, path: Path, *, clean_pages: bool = True) -> None:
    """Strip hidden content and write `doc` to `path` as a full rewrite, atomically.

    The file is written beside `path` under a temporary name and renamed into place, so a
    crash never leaves a partial output under the final name.
    """
    strip_hidden(doc, clean_pages=clean_pages)
    tmp = path.with_name(f".{path.name}.partial")
    try:
        doc.save(tmp, garbage=4, deflate=True, clean=True, incremental=False, no_new_id=True)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
