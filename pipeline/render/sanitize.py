"""Strip every hidden place of a PDF and save it as one clean revision."""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf
from pymupdf import mupdf

# The catalog keeps only these entries; every other one (/Names, /Dests, /PageLabels,
# /Outlines, /AcroForm, /OpenAction, /AA, /StructTreeRoot, /PieceInfo, vendor keys, ...) can
# carry text or behaviour the pages do not show, and is removed. A whitelist, so an entry we
# have never heard of is removed too. We write no /Names tree of our own.
_CATALOG_KEEP = frozenset({"Type", "Pages", "Version", "Lang"})
# Removed from every dictionary in the file (pages, form and image XObjects, fonts, ...):
# private application data (/PieceInfo, pdfTeX's /PTEX.InfoDict, /PTEX.FileName, ...) holds
# authors, file paths and titles of embedded figures; /Metadata is XMP anywhere.
_PRIVATE_KEYS = frozenset({"PieceInfo", "Metadata", "LastModified"})
_PRIVATE_PREFIXES = ("PTEX.",)
# Removed from every page: annotations (indirect or written inline in /Annots), actions,
# thumbnails and private data.
_PAGE_KEYS = ("Annots", "AA", "Thumb", "PieceInfo", "B")


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
    pdf = pymupdf._as_pdf_document(doc)
    root = mupdf.pdf_dict_get(mupdf.pdf_trailer(pdf), mupdf.PDF_ENUM_NAME_Root)
    for key in _dict_keys(root):
        if key not in _CATALOG_KEEP:
            mupdf.pdf_dict_dels(root, key)
    for page in doc:
        page_obj = mupdf.pdf_load_object(pdf, page.xref)
        for key in _PAGE_KEYS:
            mupdf.pdf_dict_dels(page_obj, key)
    _strip_private(pdf)
    doc.set_metadata({})
    doc.del_xml_metadata()
    # The trailer's /Info dictionary may survive set_metadata as an empty object; drop it.
    if doc.xref_get_key(-1, "Info")[0] != "null":
        doc.xref_set_key(-1, "Info", "null")


def _dict_keys(obj) -> list[str]:
    """The key names of a MuPDF dictionary object."""
    return [mupdf.pdf_to_name(mupdf.pdf_dict_get_key(obj, i)) for i in range(mupdf.pdf_dict_len(obj))]


def _strip_private(pdf) -> None:
    """Delete private dictionaries and XMP from every object of the file, direct ones included."""
    seen: set[int] = set()

    def clean(obj, depth: int = 0) -> None:
        if depth > 64:
            return
        if mupdf.pdf_is_indirect(obj):
            num = mupdf.pdf_to_num(obj)
            if num in seen:
                return
            seen.add(num)
            obj = mupdf.pdf_resolve_indirect(obj)
        if mupdf.pdf_is_dict(obj):
            for key in _dict_keys(obj):
                if key in _PRIVATE_KEYS or key.startswith(_PRIVATE_PREFIXES):
                    mupdf.pdf_dict_dels(obj, key)
            for i in range(mupdf.pdf_dict_len(obj)):
                child = mupdf.pdf_dict_get_val(obj, i)
                if mupdf.pdf_is_dict(child) or mupdf.pdf_is_array(child):
                    clean(child, depth + 1)
        elif mupdf.pdf_is_array(obj):
            for i in range(mupdf.pdf_array_len(obj)):
                child = mupdf.pdf_array_get(obj, i)
                if mupdf.pdf_is_dict(child) or mupdf.pdf_is_array(child):
                    clean(child, depth + 1)

    for num in range(1, mupdf.pdf_xref_len(pdf)):
        if num in seen:
            continue
        obj = mupdf.pdf_new_indirect(pdf, num, 0)
        try:
            clean(obj)
        except Exception:  # noqa: BLE001 - a free or missing object: nothing to clean
            continue


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
