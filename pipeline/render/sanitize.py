"""Strip every hidden place of a PDF and save it as one clean revision."""

from __future__ import annotations

import os
import re
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
    _neutral_font_names(doc)
    doc.set_metadata({})
    doc.del_xml_metadata()
    # The trailer's /Info dictionary may survive set_metadata as an empty object; drop it.
    if doc.xref_get_key(-1, "Info")[0] != "null":
        doc.xref_set_key(-1, "Info", "null")


_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")
# A subset tag: six capitals and a plus (ISO 32000 9.6.4).
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_NAME_PART = re.compile(r"[A-Za-z0-9]{4,}")
# Words of a font's style, not its name: left in the program (a glyph may share a name with
# one, and overwriting it there would break the glyph).
_STYLE_WORDS = frozenset({"regular", "bold", "italic", "oblique", "light", "medium", "roman", "book", "black", "semibold",
                          "condensed", "narrow", "thin", "heavy", "normal", "bolditalic", "boldoblique", "demi"})


def _neutral_font_names(doc: pymupdf.Document) -> None:
    """Give every embedded font a neutral name, in its dictionaries and in its program.

    A font's name is text too: a custom font can be named after a person (a handwriting
    font, "Jane Smith Hand"), and a raw search of the file finds it in /BaseFont, /FontName
    and the font program's own name table. An embedded font is drawn from its program, so
    its name does no work; a font that is not embedded (Helvetica) keeps its name, which is
    how a viewer finds it. Inside the program each part of the old names is overwritten by
    as many filler letters, so no offset or length changes.
    """
    # FontDescriptor xref -> (its font program's xref, the new name, the old names)
    embedded: dict[int, tuple[int, str, set[str]]] = {}
    fonts: list[int] = []
    for xref in range(1, doc.xref_length()):
        try:
            kind = doc.xref_get_key(xref, "Type")[1]
            if kind == "/Font":
                fonts.append(xref)
                continue
            if kind != "/FontDescriptor":
                continue
            files = [doc.xref_get_key(xref, k) for k in _FONT_FILES]
            name = doc.xref_get_key(xref, "FontName")
        except Exception:  # noqa: BLE001 - a free or broken object: nothing to rename
            continue
        # /FontFamily is an optional string ("Times New Roman") that only helps a viewer
        # substitute a missing font; a raw search of the file finds a surname in it
        # ("Roman"), and BaseFont still names the font. Dropped from every descriptor.
        if doc.xref_get_key(xref, "FontFamily")[0] != "null":
            doc.xref_set_key(xref, "FontFamily", "null")
        program = next((int(v.split()[0]) for t, v in files if t == "xref"), None)
        if program is None or name[0] != "name":
            continue
        tag = _SUBSET.match(name[1].lstrip("/"))
        new = (tag.group(0) if tag else "") + f"Font{xref}"
        embedded[xref] = (program, new, {name[1]})
        doc.xref_set_key(xref, "FontName", f"/{new}")
    if not embedded:
        return

    def descriptor(font: int) -> int | None:
        kind, value = doc.xref_get_key(font, "FontDescriptor")
        if kind == "xref":
            return int(value.split()[0])
        kind, value = doc.xref_get_key(font, "DescendantFonts")
        found = re.search(r"(\d+) 0 R", value) if kind in ("array", "xref") else None
        if kind == "xref" and found:  # the array itself is indirect
            found = re.search(r"(\d+) 0 R", doc.xref_object(int(found.group(1))))
        return descriptor(int(found.group(1))) if found and int(found.group(1)) != font else None

    for font in fonts:
        try:
            base = doc.xref_get_key(font, "BaseFont")
            desc = descriptor(font)
        except Exception:  # noqa: BLE001
            continue
        if base[0] == "name" and desc in embedded:
            embedded[desc][2].add(base[1])
            doc.xref_set_key(font, "BaseFont", f"/{embedded[desc][1]}")
    for program, _, names in embedded.values():
        parts: set[str] = set()
        for name in names:
            plain = re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), _SUBSET.sub("", name.lstrip("/")))
            parts |= {p for p in _NAME_PART.findall(plain) if not p.isdigit() and p.lower() not in _STYLE_WORDS}
        if not parts:
            continue
        data = doc.xref_stream(program)
        for part in sorted(parts, key=len, reverse=True):
            for enc in ("latin-1", "utf-16-be"):
                data = data.replace(part.encode(enc), ("X" * len(part)).encode(enc))
        doc.update_stream(program, data)


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
