"""Read a DOCX into the document model: text units in reading order, blocks, hidden content.

The XML is walked directly (python-docx hides tracked changes and text boxes) so that the
text detection sees is the text a reader of the accepted document would see: insertions
count, deletions and moved-from text never do, field instructions are dropped and field
results kept. Everything that must not reach an output (comments, deletions, document
properties, the "not for disclosure" column) goes to `Document.removed`, and so does a
description of everything the rebuilt PDF leaves out (pictures with their alternative text,
charts, SmartArt, embedded objects, imported documents, hyperlink addresses, the targets of
address-bearing field codes), so that a person checks each of them in the log.
"""

from __future__ import annotations

import dataclasses
import logging
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.errors import UnsupportedDocumentError
from pipeline.model import (
    PAGE_COUNT,
    PAGE_NUMBER,
    Block,
    Cell,
    Document,
    DocumentKind,
    HiddenContent,
    HiddenKind,
    Paragraph,
    Provenance,
    Source,
    Style,
    Table,
    TextUnit,
)
from pipeline.read.columns import is_not_for_disclosure

# What a damaged zip raises while it is opened or a member is read: a bad header, a
# "version 12.0" the zipfile module does not know, a deflate stream that does not inflate
# (zlib.error, found by tests/test_fuzz_files_slow.py as an "internal error").
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error)
logger = logging.getLogger("sfo_redact")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
O_NS = "urn:schemas-microsoft-com:office:office"
V_NS = "urn:schemas-microsoft-com:vml"
# ISO 29500 Strict documents use other namespaces throughout; Word saves them only on request.
_STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# A real review is a few MB unzipped; anything declaring more is refused before parsing.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# OLE compound file signature: an encrypted DOCX (the package sits inside an OLE container)
# or a legacy Word 97-2003 .doc.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream that only an encrypted OOXML package has, as its UTF-16LE directory name.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

# Parts whose text is a document property; the values are people's names, titles, companies.
_CORE_PROPS = "docProps/core.xml"
_APP_PROPS = "docProps/app.xml"
_CUSTOM_PROPS = "docProps/custom.xml"
# Elements of app.xml that carry free text rather than counts or the application's name.
_APP_TEXT_FIELDS = ("Company", "Manager", "HyperlinkBase", "Template")

_HEADING_STYLES = {0: Style.HEADING1, 1: Style.HEADING2}

# What the rebuilt PDF leaves out, by the graphic's type (DrawingML graphicData uri).
_GRAPHIC_KINDS = {
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "image",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "chart",
    "http://schemas.microsoft.com/office/drawing/2014/chartex": "chart",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "SmartArt diagram",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape": "shape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup": "group of shapes",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas": "drawing canvas",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas": "drawing canvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingInk": "ink drawing",
}
# Names Word and python-docx give objects themselves ("Picture 3", "image1.png"); any other
# name was typed by someone (or is the inserted file's name) and is listed with the object.
_GENERIC_OBJECT_NAME = re.compile(
    r"(?i)(?:picture|image|chart|diagram|text ?box|rectangle|group|canvas|shape|graphic|object|drawing|ink)"
    r"[\s_-]*\d*(?:\.\w{2,4})?"
)
# Field codes whose argument is an address or free text the rebuilt output never shows.
_ADDRESS_FIELD = re.compile(
    r"^\s*(?:HYPERLINK|INCLUDEPICTURE|INCLUDETEXT|LINK|AUTHOR|TITLE|SUBJECT|KEYWORDS|COMMENTS|USERNAME|USERADDRESS)\b",
    re.IGNORECASE,
)
# Content with text of its own that the rebuilt PDF does not show, by the kind
# _describe_object names: a --strict run refuses a document that has any. (Pictures and
# shapes are listed in the log for a person to check, but not refused.)
_STRICT_KINDS = {
    "chart": "chart", "SmartArt diagram": "SmartArt diagram", "form control": "form control",
    "embedded object": "embedded object",
}
_OBJECT_TAGS = {f"{{{W_NS}}}drawing", f"{{{W_NS}}}pict", f"{{{W_NS}}}object"}

# Never part of the visible text of the accepted document.
_DELETED = {_w("del"), _w("moveFrom")}
_SKIPPED = {_w("pPr"), _w("rPr"), _w("sdtPr"), _w("sdtEndPr"), _w("instrText"), _w("delInstrText")}


# ------------------------------------------------------------------------ package access


def _open_package(path: Path) -> zipfile.ZipFile:
    """Open the DOCX zip, refusing anything that is not a sound Word package."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise UnsupportedDocumentError(f"cannot be opened ({exc.strerror or 'I/O error'})", path) from None
    if not head:
        raise UnsupportedDocumentError("the file is empty", path)
    if head == _OLE_MAGIC:
        # Both encrypted packages and legacy .doc files are OLE containers; only the former
        # has an EncryptedPackage stream.
        if _ENCRYPTED_STREAM in path.read_bytes():
            raise UnsupportedDocumentError(
                "the document is password-protected (encrypted); remove the password in Word and resubmit",
                path,
            )
        raise UnsupportedDocumentError(
            "this is a legacy Word 97-2003 .doc file; save it as .docx in Word and resubmit", path
        )
    if not head.startswith(b"PK"):
        raise UnsupportedDocumentError("not a Word document (not a DOCX zip package)", path)
    try:
        package = zipfile.ZipFile(path)
        infos = package.infolist()
    except _ZIP_ERRORS:
        raise UnsupportedDocumentError("the DOCX package is corrupt or truncated", path) from None
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED_BYTES:
        package.close()
        raise UnsupportedDocumentError(
            f"the package declares {declared // (1024 * 1024)} MB uncompressed "
            f"(limit {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB); refused as a possible zip bomb",
            path,
        )
    return package


@dataclass
class _Package:
    """The parts of a DOCX this reader uses, parsed on demand."""

    path: Path
    zf: zipfile.ZipFile
    _names: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._names = set(self.zf.namelist())

    def has(self, name: str) -> bool:
        return name in self._names

    def names(self) -> set[str]:
        return set(self._names)

    def xml(self, name: str) -> etree._Element | None:
        """The part's root element, or None when the part does not exist."""
        if name not in self._names:
            return None
        try:
            data = self.zf.read(name)
        except _ZIP_ERRORS:
            raise UnsupportedDocumentError("the DOCX package is corrupt or truncated", self.path) from None
        # No entity expansion, no network: the XML is untrusted.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            raise UnsupportedDocumentError(
                "a part of the DOCX package is not valid XML (corrupt file)", self.path
            ) from None

    def data(self, name: str) -> bytes | None:
        """The part's bytes, or None when the part does not exist."""
        if name not in self._names:
            return None
        try:
            info = self.zf.getinfo(name)
            if info.file_size > MAX_UNCOMPRESSED_BYTES:
                raise UnsupportedDocumentError("a part of the DOCX package is too large to read", self.path)
            return self.zf.read(name)
        except _ZIP_ERRORS:
            raise UnsupportedDocumentError("the DOCX package is corrupt or truncated", self.path) from None

    def content_type(self, name: str) -> str:
        """The part's content type from [Content_Types].xml (lower case; "" when not declared)."""
        types = self.xml("[Content_Types].xml")
        if types is None:
            return ""
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        default = ""
        for el in types:
            if _local(el) == "Override" and el.get("PartName", "").lstrip("/") == name:
                return el.get("ContentType", "").lower()
            if _local(el) == "Default" and el.get("Extension", "").lower() == ext:
                default = el.get("ContentType", "").lower()
        return default

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Map of rId -> (relationship type suffix, target part name) for `part`."""
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        out: dict[str, tuple[str, str]] = {}
        if rels is None:
            return out
        for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], resolved)
        return out


def _external_targets(pkg: _Package, part: str) -> dict[str, str]:
    """Map of rId -> target of `part`'s external relationships (hyperlinks, linked pictures)."""
    folder, name = posixpath.split(part)
    rels = pkg.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
    if rels is None:
        return {}
    return {
        rel.get("Id", ""): rel.get("Target", "")
        for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship")
        if rel.get("TargetMode") == "External"
    }


def _main_part(pkg: _Package) -> str:
    """The main document part's name, from the package relationships (usually word/document.xml)."""
    for rel_type, target in pkg.relationships("").values():
        if rel_type == "officeDocument" and pkg.has(target):
            return target
    if pkg.has("word/document.xml"):
        return "word/document.xml"
    raise UnsupportedDocumentError("not a Word document (the package has no word/document.xml)", pkg.path)


# ------------------------------------------------------------------------ styles


@dataclass(frozen=True)
class _StyleInfo:
    name: str
    based_on: str | None
    outline: int | None
    numbered: bool


class _Styles:
    """Paragraph style lookup: style id -> Style, following basedOn chains."""

    def __init__(self, root: etree._Element | None) -> None:
        self._info: dict[str, _StyleInfo] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(_w("style")):
            if st.get(_w("type")) not in (None, "paragraph"):
                continue
            sid = st.get(_w("styleId"), "")
            name_el = st.find(_w("name"))
            based = st.find(_w("basedOn"))
            outline = st.find(f"{_w('pPr')}/{_w('outlineLvl')}")
            num = st.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
            self._info[sid] = _StyleInfo(
                name=(name_el.get(_w("val"), sid) if name_el is not None else sid).strip().lower(),
                based_on=based.get(_w("val")) if based is not None else None,
                outline=_int(outline.get(_w("val"))) if outline is not None else None,
                numbered=num is not None and num.get(_w("val")) not in (None, "0"),
            )
            if st.get(_w("default")) in ("1", "true", "on"):
                self.default = sid

    def _chain(self, sid: str | None) -> Iterator[_StyleInfo]:
        seen: set[str] = set()
        while sid is not None and sid not in seen and sid in self._info:
            seen.add(sid)
            info = self._info[sid]
            yield info
            sid = info.based_on

    def style(self, sid: str | None) -> Style:
        """The model style for a paragraph style id (None: the default paragraph style)."""
        sid = sid if sid is not None else self.default
        if sid not in self._info:
            # No styles part (or an unknown id): fall back on Word's built-in ids.
            return _style_from_name((sid or "").lower().replace("heading", "heading "), None, False)
        chain = list(self._chain(sid))
        outline = next((i.outline for i in chain if i.outline is not None), None)
        numbered = any(i.numbered for i in chain)
        return _style_from_name(chain[0].name, outline, numbered or any("list" in i.name for i in chain))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _style_from_name(name: str, outline: int | None, is_list: bool) -> Style:
    name = " ".join(name.split())
    if name == "title":
        return Style.TITLE
    if name.startswith("heading "):
        level = _int(name.removeprefix("heading ").strip())
        if level is not None and level >= 1:
            return {1: Style.HEADING1, 2: Style.HEADING2}.get(level, Style.HEADING3)
    if outline is not None and 0 <= outline <= 8:
        return _HEADING_STYLES.get(outline, Style.HEADING3)
    if is_list or "list" in name:
        return Style.LIST
    return Style.BODY


# ------------------------------------------------------------------------ paragraph text


@dataclass
class _ParagraphText:
    """What one w:p yields: its visible text, its deleted text and the text boxes it anchors."""

    text: list[str] = field(default_factory=list)
    deleted: list[list[str]] = field(default_factory=list)  # one list per w:del / w:moveFrom
    textboxes: list[etree._Element] = field(default_factory=list)
    footnotes: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, id, offset in text)
    deleted_footnotes: list[tuple[str, str]] = field(default_factory=list)
    objects: list[etree._Element] = field(default_factory=list)  # drawings, VML pictures, OLE objects
    links: list[etree._Element] = field(default_factory=list)  # w:hyperlink elements
    instructions: list[str] = field(default_factory=list)  # field codes, one per field
    # Headers and footers: PAGE, NUMPAGES and SECTIONPAGES become live page-number marks
    # (pipeline.model.PAGE_NUMBER, PAGE_COUNT) instead of the number Word cached.
    live_fields: bool = False
    fields: list[list] = field(default_factory=list)  # open complex fields: [code, showing result, live]


_LIVE_FIELD = re.compile(r"^\s*(PAGE|NUMPAGES|SECTIONPAGES)\b", re.IGNORECASE)


def _live_mark(code: str) -> str | None:
    m = _LIVE_FIELD.match(code or "")
    if m is None:
        return None
    return PAGE_NUMBER if m.group(1).upper() == "PAGE" else PAGE_COUNT


def _paragraph_text(p: etree._Element, live_fields: bool = False) -> _ParagraphText:
    out = _ParagraphText(live_fields=live_fields)
    _collect(p, out, deleted=False)
    return out


def _collect(el: etree._Element, out: _ParagraphText, deleted: bool) -> None:
    for child in el:
        tag = child.tag
        if tag == _w("instrText"):
            # Not text of the document, but a HYPERLINK or INCLUDEPICTURE code holds an address.
            if not out.instructions:
                out.instructions.append("")
            out.instructions[-1] += child.text or ""
            if out.fields:
                out.fields[-1][0] += child.text or ""
            continue
        if tag == _w("fldChar"):
            kind = child.get(_w("fldCharType"))
            if kind == "begin":
                out.instructions.append("")
                out.fields.append(["", False, None])
            elif kind == "separate" and out.fields:
                top = out.fields[-1]
                top[1] = True
                top[2] = _live_mark(top[0]) if out.live_fields else None
                if top[2] and not deleted:
                    out.text.append(top[2])
            elif kind == "end" and out.fields:
                top = out.fields.pop()
                if out.live_fields and not top[1] and not deleted and (mark := _live_mark(top[0])):
                    out.text.append(mark)  # a field with no cached result at all
            continue
        if tag == _w("fldSimple") and out.live_fields and (mark := _live_mark(child.get(_w("instr"), ""))):
            out.instructions.append(child.get(_w("instr"), ""))
            if not deleted:
                out.text.append(mark)
            continue  # the cached number inside is not shown
        if tag in (_w("t"), _w("delText")) and out.fields and out.fields[-1][1] and out.fields[-1][2]:
            continue  # the cached result of a live page field
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag in _OBJECT_TAGS and not any(a.tag in _OBJECT_TAGS for a in child.iterancestors()):
            out.objects.append(child)
        elif tag == _w("hyperlink"):
            out.links.append(child)
        elif tag == _w("fldSimple"):
            out.instructions.append(child.get(_w("instr"), ""))
        if deleted and not out.deleted:
            out.deleted.append([])
        sink = out.deleted[-1] if deleted else out.text
        if tag in (_w("t"), _w("delText")):
            # delText only ever sits inside w:del, so it lands in the deleted sink.
            sink.append(child.text or "")
        elif tag == _w("tab") or tag == _w("ptab"):
            sink.append("\t")
        elif tag in (_w("br"), _w("cr")):
            sink.append("\n")
        elif tag == _w("noBreakHyphen"):
            sink.append("-")
        elif tag in _DELETED:
            if not deleted:
                out.deleted.append([])
            _collect(child, out, deleted=True)
        elif tag == _w("txbxContent"):
            # A text box becomes its own units after the host paragraph; its deleted text is
            # gathered when those units are read.
            if not deleted:
                out.textboxes.append(child)
            else:
                _collect(child, out, deleted=True)
        elif tag == f"{{{MC_NS}}}AlternateContent":
            # Choice and Fallback hold the same content twice (DrawingML and VML text boxes):
            # read the first choice only.
            first = child.find(f"{{{MC_NS}}}Choice")
            if first is None:
                first = child.find(f"{{{MC_NS}}}Fallback")
            if first is not None:
                _collect(first, out, deleted)
        elif tag in (_w("footnoteReference"), _w("endnoteReference")):
            kind = "footnote" if tag == _w("footnoteReference") else "endnote"
            if deleted:
                out.deleted_footnotes.append((kind, child.get(_w("id"), "")))
            else:
                out.footnotes.append((kind, child.get(_w("id"), ""), sum(len(t) for t in out.text)))
        elif tag == f"{{{M_NS}}}t":
            sink.append(child.text or "")
        elif tag == _w("p"):
            # A paragraph nested in a run-level structure (inside a text box handled above, or
            # an unusual producer's output): keep its text on its own line.
            _collect(child, out, deleted)
            sink.append("\n")
        else:
            # Runs, w:ins, hyperlinks, inline content controls, drawings: descend.
            _collect(child, out, deleted)


# ------------------------------------------------------------------------ imported parts (altChunk)

# An imported DOCX may import another; deeper than this is listed, not read.
_MAX_CHUNK_DEPTH = 3
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK_TYPES = (
    (_HTML_TYPES, "HTML"),
    (("text/plain",), "text"),
    (("application/rtf", "text/rtf"), "RTF"),
    (("message/rfc822", "multipart/related"), "MHTML"),
    (("application/vnd.openxmlformats-officedocument.wordprocessingml",), "DOCX"),
    (("application/xml", "text/xml"), "XML"),
)
_HTML_SKIP = {"head", "script", "style", "template", "noscript", "title", "meta", "link", "object", "embed", "iframe"}
_HTML_BLOCKS = {
    "p", "div", "li", "dt", "dd", "td", "th", "caption", "pre", "blockquote", "address", "section", "article",
    "header", "footer", "aside", "nav", "main", "figure", "figcaption", "table", "tr", "ul", "ol", "dl", "body",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr",
}
_HTML_HEADINGS = {"h1": Style.HEADING1, "h2": Style.HEADING2, "h3": Style.HEADING3, "h4": Style.HEADING3,
                  "h5": Style.HEADING3, "h6": Style.HEADING3}


def _chunk_kind(content_type: str, data: bytes) -> str:
    """What an imported part is: "HTML", "text", "RTF", "MHTML", "DOCX", "XML" or "unknown"."""
    for prefixes, kind in _CHUNK_TYPES:
        if content_type.startswith(prefixes):
            return kind
    head = data[:512].lstrip().lower()
    if head.startswith(b"{\\rtf"):
        return "RTF"
    if head.startswith(b"pk\x03\x04"):
        return "DOCX"
    if b"<html" in head or head.startswith(b"<!doctype html"):
        return "HTML"
    if head.startswith(b"mime-version"):
        return "MHTML"
    return "unknown"


def _chunk_paragraphs(data: bytes, kind: str) -> list[tuple[str, Style]]:
    """The paragraphs of an imported HTML or plain-text part, in order, with their styles."""
    if kind == "text":
        text = data.decode("utf-8-sig", errors="replace")
        return [(" ".join(p.split()), Style.BODY) for p in re.split(r"\r?\n\s*\r?\n|\r?\n", text) if p.strip()]
    from lxml import html as lxml_html

    # No network and no entities: the part is as untrusted as the rest of the package.
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return []
    out: list[tuple[str, Style]] = []
    buffer: list[str] = []
    style = [Style.BODY]

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text:
            out.append((text, style[0]))
        buffer.clear()

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _HTML_SKIP or not tag:
            return
        block = tag in _HTML_BLOCKS
        if block:
            flush()
            style[0] = _HTML_HEADINGS.get(tag, Style.LIST if tag == "li" else Style.BODY)
        buffer.append(el.text or "")
        for child in el:
            walk(child)
            buffer.append(child.tail or "")
        if tag in ("td", "th"):
            buffer.append(" ")
        if block:
            flush()
            style[0] = Style.BODY

    walk(root)
    flush()
    return out


# ------------------------------------------------------------------------ the walk


@dataclass
class _Reader:
    pkg: _Package
    styles: _Styles
    units: dict[str, TextUnit] = field(default_factory=dict)
    removed: list[HiddenContent] = field(default_factory=list)
    paragraph_count: int = 0
    table_count: int = 0
    section: str | None = None
    note_refs: list[tuple[str, str]] = field(default_factory=list)
    # Notes anchored in hidden text (the removed column) are hidden with it.
    hidden_note_refs: dict[tuple[str, str], HiddenKind] = field(default_factory=dict)
    note_marks: dict[tuple[str, str], str] = field(default_factory=dict)
    part: str = ""  # the package part being read: relationship ids are resolved against it
    chunk_depth: int = 0  # imported DOCX parts being read inside one another

    def _new_id(self) -> str:
        return f"u{len(self.units) + 1:04d}"

    def add_unit(self, text: str, provenance: Provenance, style: Style = Style.BODY) -> str:
        uid = self._new_id()
        self.units[uid] = TextUnit(id=uid, text=text, provenance=provenance, style=style)
        return uid

    # -- blocks ------------------------------------------------------------------------

    def blocks(
        self,
        container: etree._Element,
        source: Source,
        where: dict[str, int] | None = None,
        hide: HiddenKind | None = None,
    ) -> list[Block]:
        """Blocks of a body, cell, text box or note, in order.

        `where` is the enclosing table cell (table/row/column) for provenance; `hide` means
        every text met is set aside as that kind of hidden content instead of becoming a unit.
        """
        out: list[Block] = []
        for el in _block_elements(container):
            if el.tag == _w("p"):
                out.extend(self.paragraph(el, source, where, hide))
            elif el.tag == _w("altChunk"):
                out.extend(self.alt_chunk(el, source, where, hide))
            else:
                table = self.table(el, hide)
                if table is not None:
                    out.append(table)
        return out

    def alt_chunk(
        self, el: etree._Element, source: Source, where: dict[str, int] | None, hide: HiddenKind | None
    ) -> list[Block]:
        """An imported document (w:altChunk) that Word shows inline: read when it is HTML, plain
        text or another DOCX; otherwise listed as content the output leaves out.
        """
        rels = self.pkg.relationships(self.part)
        target = rels.get(el.get(f"{{{R_NS}}}id", ""), ("", ""))[1]
        data = self.pkg.data(target) if target else None
        kind = _chunk_kind(self.pkg.content_type(target), data) if data is not None else None
        if kind == "DOCX" and self.chunk_depth < _MAX_CHUNK_DEPTH:
            blocks = self._docx_chunk(data, source, where, hide)
            if blocks is not None:
                return blocks
        elif kind in ("HTML", "text"):
            return [b for text, style in _chunk_paragraphs(data, kind) for b in self.paragraph_of(text, style, source, where, hide)]
        what = f"imported {kind} document" if kind else "imported document"
        prov = Provenance(source, section=self.section, paragraph=self.paragraph_count, **(where or {}))
        self.removed.append(HiddenContent(HiddenKind.EMBEDDED, f"{what} part (not read)", prov, not_rendered=what))
        logger.warning("DOCX has an %s part that is not read; it is listed in the log", what)
        return []

    def _docx_chunk(self, data: bytes, source: Source, where: dict[str, int] | None, hide: HiddenKind | None) -> list[Block] | None:
        """The blocks of an imported DOCX, read as part of this document (None if it cannot be)."""
        import io

        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except _ZIP_ERRORS:
            return None
        with zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED_BYTES:
                return None
            pkg = _Package(self.pkg.path, zf)
            try:
                main = _main_part(pkg)
                root = pkg.xml(main)
            except UnsupportedDocumentError:
                return None
            body = root.find(_w("body")) if root is not None else None
            if body is None:
                return None
            saved = self.pkg, self.part, self.styles
            # A damaged part inside the imported package leaves this document as it was
            # before the import (the import is then listed as not read).
            units, removed = dict(self.units), list(self.removed)
            counts = self.paragraph_count, self.table_count, self.section, list(self.note_refs)
            self.chunk_depth += 1
            try:
                styles_part = next((t for k, t in pkg.relationships(main).values() if k == "styles"), None)
                self.pkg, self.part, self.styles = pkg, main, _Styles(pkg.xml(styles_part) if styles_part else None)
                return self.blocks(body, source, where, hide)
            except UnsupportedDocumentError:
                self.units.clear()
                self.units.update(units)
                self.removed[:] = removed
                self.paragraph_count, self.table_count, self.section, self.note_refs[:] = counts
                return None
            finally:
                self.pkg, self.part, self.styles = saved
                self.chunk_depth -= 1

    def paragraph_of(
        self, text: str, style: Style, source: Source, where: dict[str, int] | None, hide: HiddenKind | None
    ) -> list[Block]:
        """A paragraph of plain text (from an imported HTML or text part): a unit, or hidden with `hide`."""
        index = self.paragraph_count
        self.paragraph_count += 1
        provenance = Provenance(source, section=self.section, paragraph=index, **(where or {}))
        if hide is not None:
            self.removed.append(HiddenContent(hide, text, provenance))
            return []
        heading = style in (Style.TITLE, Style.HEADING1, Style.HEADING2, Style.HEADING3) and source is Source.BODY
        uid = self._new_id()
        section = uid if heading else self.section
        self.add_unit(text, Provenance(source, section=section, paragraph=index, **(where or {})), style)
        if heading:
            self.section = uid
        return [Paragraph(uid)]

    def paragraph(
        self, p: etree._Element, source: Source, where: dict[str, int] | None, hide: HiddenKind | None
    ) -> list[Block]:
        index = self.paragraph_count
        self.paragraph_count += 1
        got = _paragraph_text(p, live_fields=source in (Source.HEADER, Source.FOOTER))
        text = "".join(got.text)
        if hide is None and got.footnotes:
            text = self._mark_notes(text, got.footnotes)
        style = self._style(p) if source in (Source.BODY, Source.TABLE, Source.TEXTBOX) else Style.BODY
        prov_kwargs = dict(paragraph=index, **(where or {}))
        provenance = Provenance(source, section=self.section, **prov_kwargs)
        for piece in got.deleted:
            deleted = "".join(piece)
            if deleted.strip():
                self.removed.append(HiddenContent(HiddenKind.DELETED_TEXT, deleted, provenance))
        for description, not_rendered in self._left_out(got):
            self.removed.append(HiddenContent(HiddenKind.EMBEDDED, description, provenance, not_rendered=not_rendered))
        out: list[Block] = []
        if text.strip():
            if hide is not None:
                self.removed.append(HiddenContent(hide, text, provenance))
            else:
                heading = style in (Style.TITLE, Style.HEADING1, Style.HEADING2, Style.HEADING3)
                uid = self._new_id()
                # A heading opens its own section.
                section = uid if heading and source is Source.BODY else self.section
                self.add_unit(text, Provenance(source, section=section, **prov_kwargs), style)
                if heading and source is Source.BODY:
                    self.section = uid
                out.append(Paragraph(uid))
        refs = [(kind, note_id) for kind, note_id, _ in got.footnotes]
        if hide is None:
            self.note_refs.extend(refs)
        else:
            self.hidden_note_refs.update((ref, hide) for ref in refs)
        self.hidden_note_refs.update((ref, HiddenKind.DELETED_TEXT) for ref in got.deleted_footnotes)
        for box in got.textboxes:
            out.extend(self.blocks(box, Source.TEXTBOX, where, hide))
        return out

    def _left_out(self, got: _ParagraphText) -> Iterator[tuple[str, str | None]]:
        """A description of each thing in the paragraph the rebuilt PDF leaves out (never empty),
        with the kind of content a --strict run refuses for (None for pictures, links, fields).
        """
        for obj in got.objects:
            described = _describe_object(obj, self.pkg, self.part)
            if described:
                kind, description = described
                yield description, _STRICT_KINDS.get(kind.split(" (")[0])
        external = _external_targets(self.pkg, self.part) if got.links else {}
        for link in got.links:
            parts = []
            target = external.get(link.get(f"{{{R_NS}}}id", ""), "")
            if target:
                parts.append(f"address {target}")
            if (link.get(_w("tooltip")) or "").strip():
                parts.append(f"screen tip {link.get(_w('tooltip')).strip()}")
            if parts:
                yield "hyperlink " + "; ".join(parts), None
        for instruction in got.instructions:
            code = " ".join(instruction.split())
            if _ADDRESS_FIELD.match(code) and '"' in code:
                yield f"field code {code}", None

    def _mark_notes(self, text: str, refs: list[tuple[str, str, int]]) -> str:
        """Put each note's reference mark ("[1]", endnotes "[i]") where Word shows it."""
        for kind, note_id, offset in sorted(refs, key=lambda r: r[2], reverse=True):
            mark = self.note_marks.get((kind, note_id))
            if mark is None:
                n = 1 + sum(1 for k, _ in self.note_marks if k == kind)
                mark = str(n) if kind == "footnote" else _roman(n)
                self.note_marks[(kind, note_id)] = mark
            text = f"{text[:offset]}[{mark}]{text[offset:]}"
        return text

    def _style(self, p: etree._Element) -> Style:
        ppr = p.find(_w("pPr"))
        sid = None
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            sid = ps.get(_w("val")) if ps is not None else None
        style = self.styles.style(sid)
        if ppr is not None and style not in (Style.TITLE, Style.HEADING1, Style.HEADING2, Style.HEADING3):
            lvl = ppr.find(_w("outlineLvl"))
            outline = _int(lvl.get(_w("val"))) if lvl is not None else None
            if outline is not None and 0 <= outline <= 8:
                return _HEADING_STYLES.get(outline, Style.HEADING3)
            num = ppr.find(f"{_w('numPr')}/{_w('numId')}")
            if num is not None and num.get(_w("val")) not in (None, "0"):
                return Style.LIST
        return style

    # -- tables ------------------------------------------------------------------------

    def table(self, tbl: etree._Element, hide: HiddenKind | None) -> Table | None:
        index = self.table_count
        self.table_count += 1
        grid = _table_grid(tbl)
        nfd = set() if hide is not None else _nfd_columns(grid)
        if nfd:
            logger.info("table %d: removing %d not-for-disclosure grid column(s)", index, len(nfd))
        header_rows = {r for r, row in enumerate(grid) if r == 0 or row.repeat_header}
        rows: list[tuple[Cell, ...]] = []
        for r, row in enumerate(grid):
            cells: list[Cell] = []
            for gc in row.cells:
                covered = set(range(gc.column, gc.column + gc.span))
                where = {"table": index, "row": r, "column": gc.column}
                if covered and covered <= nfd:
                    # Wholly inside the removed column: its text is set aside, never a unit.
                    self.blocks(gc.element, Source.TABLE, where, HiddenKind.NOT_FOR_DISCLOSURE)
                    continue
                span = gc.span - len(covered & nfd)
                if gc.continuation:
                    # Vertically merged continuation: the text lives in the first cell only.
                    cells.append(Cell(blocks=(), col_span=span, header=r in header_rows))
                    continue
                blocks = self.blocks(gc.element, Source.TABLE, where, hide)
                cells.append(Cell(blocks=tuple(blocks), col_span=span, header=r in header_rows))
            if cells:
                rows.append(tuple(cells))
        if hide is not None or not rows:
            return None
        return Table(rows=tuple(rows), index=index)


def _block_elements(container: etree._Element) -> Iterator[etree._Element]:
    """w:p and w:tbl children in order, looking through block-level content controls."""
    for el in container:
        if el.tag in (_w("p"), _w("tbl"), _w("altChunk")):
            yield el
        elif el.tag in (_w("sdt"), _w("sdtContent"), _w("customXml"), _w("ins"), _w("moveTo")):
            # Content controls (their sdtPr holds no document text) and block-level wrappers.
            yield from _block_elements(el)


@dataclass
class _GridCell:
    element: etree._Element
    column: int
    span: int
    continuation: bool


@dataclass
class _GridRow:
    cells: list[_GridCell]
    repeat_header: bool


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml"), _w("sdtContent")):
            yield from _children(child, tag)


def _table_grid(tbl: etree._Element) -> list[_GridRow]:
    """Each row's cells placed on the table grid (gridBefore, gridSpan, vMerge)."""
    rows: list[_GridRow] = []
    for tr in _children(tbl, _w("tr")):
        trpr = tr.find(_w("trPr"))
        column = 0
        repeat = False
        if trpr is not None:
            before = trpr.find(_w("gridBefore"))
            if before is not None:
                column = _int(before.get(_w("val"))) or 0
            hdr = trpr.find(_w("tblHeader"))
            repeat = hdr is not None and hdr.get(_w("val"), "true") not in ("0", "false", "off")
        cells: list[_GridCell] = []
        for tc in _children(tr, _w("tc")):
            tcpr = tc.find(_w("tcPr"))
            span = 1
            continuation = False
            if tcpr is not None:
                gs = tcpr.find(_w("gridSpan"))
                span = max(1, _int(gs.get(_w("val"))) or 1) if gs is not None else 1
                vm = tcpr.find(_w("vMerge"))
                continuation = vm is not None and vm.get(_w("val"), "continue") == "continue"
                hm = tcpr.find(_w("hMerge"))
                if hm is not None and hm.get(_w("val"), "continue") == "continue" and cells:
                    # Legacy horizontal merge: fold into the cell on the left.
                    cells[-1].span += span
                    column += span
                    continue
            cells.append(_GridCell(tc, column, span, continuation))
            column += span
        rows.append(_GridRow(cells, repeat))
    return rows


def _cell_text(tc: etree._Element) -> str:
    return " ".join("".join(_paragraph_text(p).text) for p in tc.iter(_w("p")))


def _nfd_columns(grid: list[_GridRow]) -> set[int]:
    """Grid columns under a "not for disclosure" heading in the table's header row(s)."""
    if not grid:
        return set()
    width = max((c.column + c.span for row in grid for c in row.cells), default=0)
    candidates = [0] + [r for r, row in enumerate(grid) if row.repeat_header]
    # A first row that is one full-width title cell defines no columns: look at the next.
    first = grid[0].cells
    if len(first) == 1 and first[0].span >= width and len(grid) > 1:
        candidates.append(1)
    out: set[int] = set()
    for r in sorted(set(candidates)):
        for gc in grid[r].cells:
            if width > 1 and gc.span >= width:
                continue  # a full-width heading names the table, not a column
            if is_not_for_disclosure(_cell_text(gc.element)):
                out.update(range(gc.column, gc.column + gc.span))
    return out


# ------------------------------------------------------------------------ left-out objects


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _alt_texts(obj: etree._Element) -> list[str]:
    """Alternative text, titles and typed names of an object and what it groups (may hold names)."""
    out: list[str] = []
    for el in obj.iter():
        if _local(el) in ("docPr", "cNvPr"):
            values = [el.get("descr"), el.get("title")]
            name = (el.get("name") or "").strip()
            if name and not _GENERIC_OBJECT_NAME.fullmatch(name):
                values.append(name)
        elif _local(el) in ("shape", "rect", "imagedata", "roundrect", "oval"):
            values = [el.get("alt"), el.get(f"{{{O_NS}}}title")]
        else:
            continue
        for value in values:
            value = " ".join((value or "").split())
            if value and value not in out:
                out.append(value)
    return out


def _part_strings(pkg: _Package, part: str | None, limit: int = 40) -> list[str]:
    """The words of a chart or SmartArt part: titles, labels, series names (not numbers)."""
    root = pkg.xml(part) if part else None
    out: list[str] = []
    if root is None:
        return out
    for el in root.iter():
        if _local(el) in ("t", "v") and (el.text or "").strip():
            value = " ".join(el.text.split())
            if not re.fullmatch(r"[-+0-9.,%Ee ]+", value) and value not in out:
                out.append(value)
                if len(out) >= limit:
                    break
    return out


def _describe_object(obj: etree._Element, pkg: _Package, part: str) -> tuple[str, str] | None:
    """(kind, description): ('image', 'image: <alt text>'), ('chart', 'chart (no description); contents: ...');
    None for a text box (read as units).
    """
    has_textbox = obj.find(f".//{_w('txbxContent')}") is not None
    if obj.tag == _w("object"):
        ole = obj.find(f".//{{{O_NS}}}OLEObject")
        control = obj.find(_w("control"))
        if ole is not None:
            kind = f"embedded object ({ole.get('ProgID') or 'unknown type'})"
        elif control is not None:
            kind = "form control"
        else:
            kind = "embedded object"
    elif obj.tag == _w("pict"):
        if obj.find(f".//{{{V_NS}}}imagedata") is not None:
            kind = "image"
        elif has_textbox:
            return None
        else:
            kind = "shape"
    else:
        data = obj.find(f".//{{{A_NS}}}graphicData")
        kind = _GRAPHIC_KINDS.get(data.get("uri", "") if data is not None else "", "drawing")
        has_picture = any(_local(el) == "pic" for el in obj.iter())
        if kind in ("shape", "group of shapes", "drawing canvas") and has_picture:
            kind = f"{kind} with picture(s)"
        elif has_textbox:
            return None
    texts = _alt_texts(obj)
    # Chart and SmartArt words live in their own parts; a linked picture's address is external.
    rels = pkg.relationships(part) if part else {}
    external = _external_targets(pkg, part) if part else {}
    inner: list[str] = []
    for el in obj.iter():
        for attr in (f"{{{R_NS}}}id", f"{{{R_NS}}}dm", f"{{{R_NS}}}link"):
            rid = el.get(attr)
            if not rid:
                continue
            if rid in external:
                inner.append(f"linked from {external[rid]}")
            elif _local(el) in ("chart", "relIds") and rid in rels:
                inner.extend(_part_strings(pkg, rels[rid][1]))
    description = kind + (": " + "; ".join(texts) if texts else " (no description)")
    if inner:
        description += "; contents: " + " / ".join(inner)
    return kind, description


# ------------------------------------------------------------------------ other parts


def _properties(pkg: _Package) -> list[HiddenContent]:
    out: list[HiddenContent] = []
    prov = Provenance(Source.BODY)
    core = pkg.xml(_CORE_PROPS)
    if core is not None:
        for el in core.iter():
            if isinstance(el.tag, str) and len(el) == 0 and el.text and el.text.strip():
                local = etree.QName(el).localname
                if local in ("created", "modified", "lastPrinted", "revision"):
                    continue  # dates and counters: not text anyone could be identified by
                out.append(HiddenContent(HiddenKind.PROPERTY, el.text.strip(), prov))
    app = pkg.xml(_APP_PROPS)
    if app is not None:
        for el in app:
            if isinstance(el.tag, str) and etree.QName(el).localname in _APP_TEXT_FIELDS and (el.text or "").strip():
                out.append(HiddenContent(HiddenKind.PROPERTY, el.text.strip(), prov))
    # Custom properties, SharePoint metadata kept in customXml items, and document variables
    # all carry free text (case owners, references) that must never reach an output.
    custom = [_CUSTOM_PROPS, *sorted(n for n in pkg.names() if re.fullmatch(r"customXml/item\d+\.xml", n))]
    for part in custom:
        root = pkg.xml(part)
        if root is None:
            continue
        for value in root.iter():
            if isinstance(value.tag, str) and len(value) == 0 and (value.text or "").strip():
                out.append(HiddenContent(HiddenKind.PROPERTY, value.text.strip(), prov))
    settings = pkg.xml("word/settings.xml")
    if settings is not None:
        for var in settings.iter(_w("docVar")):
            if (var.get(_w("val")) or "").strip():
                out.append(HiddenContent(HiddenKind.PROPERTY, var.get(_w("val"), "").strip(), prov))
    return out


def _comments(pkg: _Package, part: str) -> list[HiddenContent]:
    root = pkg.xml(part)
    if root is None:
        return []
    out: list[HiddenContent] = []
    for comment in root.iter(_w("comment")):
        for p in comment.iter(_w("p")):
            got = _paragraph_text(p)
            text = "".join(got.text) + "".join("".join(piece) for piece in got.deleted)
            if text.strip():
                out.append(HiddenContent(HiddenKind.COMMENT, text, Provenance(Source.BODY)))
    return out


def _section_parts(body: etree._Element, rels: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(kind, part) of every header and footer referenced by a section, first use first."""
    out: list[tuple[str, str]] = []
    for sect in body.iter(_w("sectPr")):
        for ref in sect:
            if ref.tag not in (_w("headerReference"), _w("footerReference")):
                continue
            rel = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            if rel is not None and rel[0] in ("header", "footer") and (rel[0], rel[1]) not in out:
                out.append((rel[0], rel[1]))
    # Parts related but referenced by no section still ship in the file; read them too.
    for rel_type, target in rels.values():
        if rel_type in ("header", "footer") and (rel_type, target) not in out:
            out.append((rel_type, target))
    return out


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(n: int) -> str:
    """Lower-case roman numerals: Word's default endnote numbering."""
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _textbox_count(body: etree._Element) -> int:
    """Drawings that are text boxes (read as units), each counted once as Word writes them."""
    count = 0
    for el in body.iter(_w("drawing"), _w("pict")):
        if el.find(f".//{_w('txbxContent')}") is not None:
            count += 1
    return count


# ------------------------------------------------------------------------ entry point


def read_docx(path: Path) -> Document:
    """Read a DOCX file into a Document; raises UnsupportedDocumentError for anything else."""
    path = Path(path)
    with _open_package(path) as zf:
        pkg = _Package(path, zf)
        main = _main_part(pkg)
        root = pkg.xml(main)
        if root is not None and etree.QName(root).namespace == _STRICT_W_NS:
            raise UnsupportedDocumentError(
                "the document is saved as Strict Open XML; save it as an ordinary Word Document (.docx) and resubmit",
                path,
            )
        body = root.find(_w("body")) if root is not None else None
        if body is None:
            raise UnsupportedDocumentError("not a Word document (word/document.xml has no body)", path)
        rels = pkg.relationships(main)
        styles_part = next((t for k, t in rels.values() if k == "styles"), None)
        reader = _Reader(pkg, _Styles(pkg.xml(styles_part) if styles_part else None), part=main)

        blocks = reader.blocks(body, Source.BODY)
        # Notes in the order the visible text refers to them. A note referred to only from
        # hidden text (a deletion, the removed column), or from nowhere, is not shown by Word:
        # it is set aside with that text.
        for kind in ("footnote", "endnote"):
            part = next((t for k, t in rels.values() if k == f"{kind}s"), None)
            notes_root = pkg.xml(part) if part else None
            if notes_root is None:
                continue
            notes = {
                n.get(_w("id"), ""): n
                for n in notes_root.iter(_w(kind))
                if n.get(_w("type"), "normal") == "normal"
            }
            visible = list(dict.fromkeys(i for k, i in reader.note_refs if k == kind and i in notes))
            reader.part = part
            for note_id in visible:
                note_blocks = reader.blocks(notes[note_id], Source.FOOTNOTE)
                first = next((b for b in note_blocks if isinstance(b, Paragraph)), None)
                if first is not None:
                    # The note starts with its mark, as it does at the foot of Word's page.
                    unit = reader.units[first.unit]
                    body_text = unit.text if unit.text.startswith(" ") else f" {unit.text}"
                    mark = reader.note_marks[(kind, note_id)]
                    reader.units[first.unit] = dataclasses.replace(unit, text=f"[{mark}]{body_text}")
                blocks.extend(note_blocks)
            for note_id in notes:
                if note_id not in visible:
                    hide = reader.hidden_note_refs.get((kind, note_id), HiddenKind.DELETED_TEXT)
                    reader.blocks(notes[note_id], Source.FOOTNOTE, hide=hide)

        header_units: list[str] = []
        footer_units: list[str] = []
        seen_texts: set[tuple[str, tuple[str, ...]]] = set()
        for kind, part in _section_parts(body, rels):
            part_root = pkg.xml(part)
            if part_root is None:
                continue
            source = Source.HEADER if kind == "header" else Source.FOOTER
            sub = _Reader(pkg, reader.styles, units={}, removed=reader.removed, part=part)
            sub.blocks(part_root, source)
            texts = tuple(u.text for u in sub.units.values())
            if not texts or (kind, texts) in seen_texts:
                continue  # linked or identical header/footer: one set of units
            seen_texts.add((kind, texts))
            for u in sub.units.values():
                # Tables and text boxes in a header or footer are flattened: still header text.
                prov = Provenance(source, paragraph=u.provenance.paragraph)
                uid = reader.add_unit(u.text, prov, Style.BODY)
                (header_units if kind == "header" else footer_units).append(uid)

        comments = next((t for k, t in rels.values() if k == "comments"), None)
        if comments:
            reader.removed.extend(_comments(pkg, comments))
        reader.removed.extend(_properties(pkg))

        pictures = sum(1 for _ in body.iter(_w("drawing"), _w("pict"), _w("object"))) - _textbox_count(body)
    if pictures > 0:
        # Pictures, charts, SmartArt and embedded objects are not rebuilt; a person should
        # know the shared copy leaves them out (and check none carried needed text).
        logger.warning("DOCX has %d picture(s)/object(s) that the rebuilt PDF leaves out", pictures)
    logger.info(
        "read DOCX: %d units, %d tables, %d hidden items", len(reader.units), reader.table_count, len(reader.removed)
    )
    return Document(
        path=path,
        kind=DocumentKind.DOCX,
        units=reader.units,
        blocks=blocks,
        header_units=header_units,
        footer_units=footer_units,
        removed=reader.removed,
    )
