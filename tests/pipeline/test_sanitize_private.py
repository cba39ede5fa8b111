"""The sanitizer removes private dictionaries, inline annotations and catalog trees (issue 14, item 4).

Each test writes a small PDF with pikepdf holding one kind of hidden place, runs it through
sanitize.save_clean, and reads the result back with pikepdf (an independent reader).
"""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pymupdf
import pytest

from pipeline.render.sanitize import save_clean

SECRET = "Ottoline Quarrendon"


def _base(tmp_path: Path) -> pikepdf.Pdf:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Visible body text of the page.")
    src = tmp_path / "base.pdf"
    doc.save(src)
    return pikepdf.open(src)


def _clean(pdf: pikepdf.Pdf, tmp_path: Path) -> pikepdf.Pdf:
    mid = tmp_path / "in.pdf"
    pdf.save(mid)
    out = tmp_path / "out.pdf"
    doc = pymupdf.open(mid)
    save_clean(doc, out)
    doc.close()
    assert SECRET.encode() not in out.read_bytes()
    return pikepdf.open(out)


def _form_xobject(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    xobj = pdf.make_stream(b"0 0 10 10 re f")
    xobj.Type = pikepdf.Name.XObject
    xobj.Subtype = pikepdf.Name.Form
    xobj.BBox = [0, 0, 10, 10]
    page = pdf.pages[0]
    page.obj.Resources.XObject = pikepdf.Dictionary(Fx0=xobj)
    page.contents_add(pdf.make_stream(b"q /Fx0 Do Q"))
    return xobj


def test_ptex_infodict_on_a_form_xobject_is_removed(tmp_path):
    pdf = _base(tmp_path)
    xobj = _form_xobject(pdf)
    xobj[pikepdf.Name("/PTEX.InfoDict")] = pdf.make_indirect(pikepdf.Dictionary(Author=SECRET))
    xobj[pikepdf.Name("/PTEX.FileName")] = pikepdf.String(f"./{SECRET}.pdf")
    xobj[pikepdf.Name("/PTEX.PageNumber")] = 1
    out = _clean(pdf, tmp_path)
    for obj in out.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            assert not [k for k in obj.keys() if k.startswith("/PTEX.")]
    assert "/Fx0" in out.pages[0].obj.Resources.XObject  # the figure itself stays


def test_pieceinfo_on_pages_and_xobjects_is_removed(tmp_path):
    pdf = _base(tmp_path)
    xobj = _form_xobject(pdf)
    private = pikepdf.Dictionary(Illustrator=pikepdf.Dictionary(Private=pikepdf.String(SECRET)))
    xobj.PieceInfo = private
    pdf.pages[0].obj.PieceInfo = pdf.make_indirect(private)
    pdf.Root.PieceInfo = private
    out = _clean(pdf, tmp_path)
    for obj in out.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            assert "/PieceInfo" not in obj


def test_inline_annotation_dictionaries_are_removed(tmp_path):
    pdf = _base(tmp_path)
    # Written directly inside /Annots, not as an indirect object.
    pdf.pages[0].obj.Annots = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 30, 30],
        Contents=pikepdf.String(SECRET))])
    out = _clean(pdf, tmp_path)
    assert not out.pages[0].obj.get("/Annots")


def test_catalog_dests_are_removed(tmp_path):
    pdf = _base(tmp_path)
    pdf.Root.Dests = pikepdf.Dictionary({"/" + SECRET.replace(" ", ""): [pdf.pages[0].obj, pikepdf.Name.Fit]})
    out = _clean(pdf, tmp_path)
    assert "/Dests" not in out.Root


@pytest.mark.parametrize("tree", ["/Dests", "/AP", "/IDS", "/URLS", "/Renditions"])
def test_names_trees_are_removed(tmp_path, tree):
    pdf = _base(tmp_path)
    pdf.Root.Names = pikepdf.Dictionary({tree: pikepdf.Dictionary(
        Names=[pikepdf.String(SECRET), pdf.pages[0].obj])})
    out = _clean(pdf, tmp_path)
    assert "/Names" not in out.Root


def test_page_labels_are_removed(tmp_path):
    pdf = _base(tmp_path)
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(P=pikepdf.String(SECRET))])
    out = _clean(pdf, tmp_path)
    assert "/PageLabels" not in out.Root


def test_catalog_keeps_only_the_whitelist(tmp_path):
    pdf = _base(tmp_path)
    pdf.Root[pikepdf.Name("/VendorPrivate")] = pikepdf.String(SECRET)
    pdf.Root.Collection = pikepdf.Dictionary(View=pikepdf.Name.D)
    pdf.Root.Lang = pikepdf.String("en-GB")
    out = _clean(pdf, tmp_path)
    assert set(out.Root.keys()) <= {"/Type", "/Pages", "/Version", "/Lang"}
    assert str(out.Root.Lang) == "en-GB"
    assert len(out.pages) == 1


def test_embedded_fonts_get_neutral_names_and_still_draw(tmp_path):
    """A font's name can be a person's (a handwriting font): gone from /BaseFont, /FontName and its program."""
    font = pymupdf.Font("tiro")  # MuPDF's built-in Nimbus Roman, embedded from its buffer
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="F0", fontbuffer=font.buffer)
    page.insert_text((72, 72), "Hello there", fontname="F0", fontsize=12)
    page.insert_text((72, 100), "Plain words", fontname="helv", fontsize=12)
    src = tmp_path / "fonts.pdf"
    doc.save(src)
    doc.close()
    raw_in = pymupdf.open(src).tobytes(expand=255)
    assert b"Nimbus" in raw_in
    doc = pymupdf.open(src)
    out = tmp_path / "out.pdf"
    save_clean(doc, out)
    doc.close()
    expanded = pymupdf.open(out).tobytes(expand=255)
    assert b"Nimbus" not in expanded and "Nimbus".encode("utf-16-be") not in expanded
    assert b"Helvetica" in expanded  # not embedded: its name is how a viewer finds it
    text = pymupdf.open(out)[0].get_text()
    assert "Hello there" in text and "Plain words" in text


def test_font_family_strings_are_removed(tmp_path):
    """/FontFamily ("Times New Roman") is an optional substitution hint: a surname ("Roman")
    a raw search finds in it refused a real guideline. Every descriptor loses it; the text
    still draws."""
    pdf = _base(tmp_path)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font:
            desc = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/Helvetica"), FontFamily=pikepdf.String(SECRET), Flags=32))
            obj.FontDescriptor = desc
    out = _clean(pdf, tmp_path)
    assert not any(isinstance(o, pikepdf.Dictionary) and "/FontFamily" in o for o in out.objects)
    assert "Visible body text" in pymupdf.open(tmp_path / "out.pdf")[0].get_text()
