"""What qpdf (through pikepdf) sees in a PDF: its structure, and the text beneath the extractors.

The structural checks name every hidden place by kind: document information and XMP
metadata, annotations, outlines, named destinations, the AcroForm and its field values, the
names tree, embedded files, JavaScript and automatic actions, and more than one revision
(qpdf's trailer /Prev as well as the end-of-file markers in the bytes). The text views are
what content streams draw (as raw bytes, as UTF-16 and through each font's ToUnicode map,
read here rather than by an extractor), every string object, and every other decodable
stream. Nothing here returns document text in a problem message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Document information keys defined by ISO 32000 (7.9.8); any other key is reported only as
# a count, because a custom key's name is free text.
_INFO_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate", "Trapped")


def info_problem(keys: Iterable[str], reader: str) -> str:
    """A problem line naming the filled metadata keys (standard ones by name, others counted)."""
    keys = [k.lstrip("/") for k in keys]
    known = sorted(k for k in keys if k in _INFO_KEYS)
    custom = len(keys) - len(known)
    parts = known + ([f"{custom} custom"] if custom else [])
    return f"metadata (document information, {reader}) entries present: {', '.join(parts)}"



@dataclass
class PikeView:
    """What pikepdf sees: structural problems and the text found beneath the extractors."""

    pages: int
    problems: list[str] = field(default_factory=list)
    content: list[str] = field(default_factory=list)  # per page: strings its content streams draw
    forms: list[str] = field(default_factory=list)  # strings drawn by form XObjects (any page)
    strings: list[str] = field(default_factory=list)  # every string object in the file
    streams: list[str] = field(default_factory=list)  # other decodable streams (XMP, files, scripts)


# Operators that set the text position (or start a text object): the next string may be a
# new word or line.
_MOVES = frozenset({"Td", "TD", "Tm", "T*", "BT", "ET"})
# A TJ adjustment below this (thousandths of an em, negative moves right) is a word space.
_TJ_SPACE = -200
# Streams whose bytes are not text: images and font programs.
_FONT_STREAM_KEYS = ("/Length1", "/Length2", "/Length3")
_FONT_SUBTYPES = ("/Type1C", "/CIDFontType0C", "/OpenType")
# Streams that hold the file's own structure: object streams and cross-reference streams.
_STRUCTURE_STREAMS = ("/ObjStm", "/XRef")


def _string_views(data: bytes) -> list[str]:
    """Ways a string's bytes may encode text: byte = character, and UTF-16 when it has NULs."""
    views = [data.decode("latin-1")]
    if len(data) >= 2 and data.count(0) * 4 >= len(data):
        views.append(data.decode("utf-16-be", errors="ignore"))
    return views


def _drawn_text(instructions, fonts: dict[str, _Decoder] | None = None) -> str:
    """The strings a content stream draws, in drawing order, in every decoding that applies.

    Three views, one after another: each byte as a character (simple fonts in a standard
    encoding), UTF-16 when the bytes hold NULs (two-byte codes equal to Unicode), and the
    current font's ToUnicode map when it has one (read here, not by an extractor's code).
    """
    import pikepdf

    fonts = fonts or {}
    latin: list[str] = []
    wide: list[str] = []
    mapped: list[str] = []
    decoder: _Decoder | None = None

    def add(data: bytes, sep: str) -> None:
        views = _string_views(data)
        latin.append(sep + views[0])
        if len(views) > 1:
            wide.append(sep + views[1])
        if decoder is not None:
            mapped.append(sep + decoder.decode(data))

    # A show operator continues where the last one stopped unless the text position was set
    # between them (Td, TD, Tm, T*, a new text object): "Cooper" Tj "ative" Tj is one word,
    # and a space there made a surname of it. A move may still be a kern, so it stays a space.
    sep = " "
    for operands, operator in instructions:
        op = str(operator)
        if op == "Tf" and operands:
            decoder = fonts.get(str(operands[0]))
        elif op in _MOVES:
            sep = " "
        elif op == "Tj" and operands:
            add(bytes(operands[-1]), sep)
            sep = ""
        elif op in ("'", '"') and operands:
            add(bytes(operands[-1]), " ")  # these move to the next line first
            sep = ""
        elif op == "TJ" and operands:
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    add(bytes(item), sep)
                    sep = ""
                else:
                    sep = " " if float(item) < _TJ_SPACE else sep
    return "\n".join(("".join(latin), "".join(wide), "".join(mapped)))


# ToUnicode CMaps (ISO 32000 9.10.3): bfchar pairs and bfrange triples of hex strings.
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]+)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])")
# A range longer than this is not a font's (a hostile CMap could ask for billions).
_MAX_RANGE = 65536


def _hex(data: bytes) -> bytes:
    return bytes.fromhex(re.sub(rb"\s", b"", data).decode("ascii"))


def _utf16(data: bytes) -> str:
    return _hex(data).decode("utf-16-be", errors="ignore")


@dataclass
class _Decoder:
    """Character codes of one font to Unicode, from its ToUnicode CMap."""

    mapping: dict[bytes, str]
    widths: tuple[int, ...]  # code lengths in bytes, shortest first

    def decode(self, data: bytes) -> str:
        out: list[str] = []
        i = 0
        while i < len(data):
            for width in self.widths:
                text = self.mapping.get(data[i : i + width])
                if text is not None:
                    out.append(text)
                    i += width
                    break
            else:
                i += self.widths[-1]  # an unmapped code: skip it
        return "".join(out)


def _decoder(font) -> _Decoder | None:
    """A font's ToUnicode decoder, or None (no map, or one that cannot be read)."""
    import pikepdf

    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        cmap = stream.read_bytes()
        mapping: dict[bytes, str] = {}
        for block in _BFCHAR.findall(cmap):
            items = _HEX.findall(block)
            for src, dst in zip(items[0::2], items[1::2], strict=False):
                mapping[_hex(src)] = _utf16(dst)
        for block in _BFRANGE.findall(cmap):
            for lo, hi, dst in _RANGE.findall(block):
                lo_b = _hex(lo)
                first, last = int.from_bytes(lo_b, "big"), int.from_bytes(_hex(hi), "big")
                if not 0 <= last - first < _MAX_RANGE:
                    continue
                width = len(lo_b)
                if dst.startswith(b"["):
                    for k, item in enumerate(_HEX.findall(dst)):
                        mapping[(first + k).to_bytes(width, "big")] = _utf16(item)
                    continue
                base = _hex(dst[1:-1])
                if len(base) < 2:
                    continue
                start = int.from_bytes(base[-2:], "big")
                for k in range(last - first + 1):
                    # The last UTF-16 unit counts up through the range.
                    unit = ((start + k) & 0xFFFF).to_bytes(2, "big")
                    mapping[(first + k).to_bytes(width, "big")] = (base[:-2] + unit).decode("utf-16-be", errors="ignore")
    except (pikepdf.PdfError, ValueError, OverflowError):
        return None
    if not mapping:
        return None
    return _Decoder(mapping, tuple(sorted({len(k) for k in mapping})))


def _font_decoders(resources, cache: dict) -> dict[str, _Decoder]:
    """Resource name ('/F1') -> decoder for the fonts of a page or form that have ToUnicode."""
    out: dict[str, _Decoder] = {}
    fonts = resources.get("/Font") if resources is not None else None
    if fonts is None:
        return out
    for name in fonts:
        font = fonts.get(name)
        key = font.objgen if font.is_indirect else id(font)
        if key not in cache:
            cache[key] = _decoder(font)
        if cache[key] is not None:
            out[name] = cache[key]
    return out


def _walk(obj) -> Iterator:
    """Every direct object reachable inside `obj` without following indirect references."""
    import pikepdf

    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary | pikepdf.Stream):
            for key in item:
                child = item.get(key)
                if child is not None and not getattr(child, "is_indirect", False):
                    stack.append(child)
                    yield key, child
        elif isinstance(item, pikepdf.Array):
            for child in item:
                if not getattr(child, "is_indirect", False):
                    stack.append(child)
                    yield None, child


def _is_binary_stream(stream) -> bool:
    if stream.get("/Subtype") == "/Image":
        return True
    return any(k in stream for k in _FONT_STREAM_KEYS) or str(stream.get("/Subtype", "")) in _FONT_SUBTYPES


def inspect_pikepdf(path: Path) -> PikeView:
    """Structure and raw text of a PDF as qpdf reads it."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        return PikeView(pages=0, problems=["the output is encrypted (pikepdf)"])
    with pdf:
        view = PikeView(pages=len(pdf.pages))
        problems = view.problems
        if pdf.get_warnings():
            problems.append(f"qpdf had to repair the file ({len(pdf.get_warnings())} warning(s))")
        if pdf.is_encrypted:
            problems.append("the output is encrypted (pikepdf)")
        _check_revisions(path, pdf, problems)
        _check_structure(pdf, problems)
        # Text beneath the extractors: what each page's content draws, then every string
        # object and every other stream in the file.
        page_content = _page_content_ids(pdf)
        decoders: dict = {}
        for n, page in enumerate(pdf.pages, start=1):
            try:
                fonts = _font_decoders(page.obj.get("/Resources"), decoders)
                view.content.append(_drawn_text(pikepdf.parse_content_stream(page), fonts))
            except (pikepdf.PdfError, TypeError):
                view.content.append("")
                problems.append(f"page {n} content cannot be parsed (pikepdf)")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Type") in _STRUCTURE_STREAMS:
                continue  # their objects are read one by one; /ID bytes are random
            if isinstance(obj, pikepdf.Stream):
                if obj.get("/Subtype") == "/Form":
                    try:
                        fonts = _font_decoders(obj.get("/Resources"), decoders)
                        view.forms.append(_drawn_text(pikepdf.parse_content_stream(obj), fonts))
                    except (pikepdf.PdfError, TypeError):
                        problems.append("a form XObject cannot be parsed (pikepdf)")
                elif not _is_binary_stream(obj) and obj.objgen not in page_content:
                    try:
                        data = obj.read_bytes()
                    except pikepdf.PdfError:
                        problems.append("a stream cannot be decoded (pikepdf)")
                        continue
                    view.streams.extend(_string_views(data))
                    view.streams.append(data.decode("utf-8", errors="ignore"))
            for _key, child in _walk(obj):
                if isinstance(child, pikepdf.String):
                    view.strings.append(str(child))
                    view.strings.extend(_string_views(bytes(child)))
            if isinstance(obj, pikepdf.String):
                view.strings.append(str(obj))
    return view


def _page_content_ids(pdf) -> set[tuple[int, int]]:
    """Object ids of the streams that are some page's /Contents (read through the page)."""
    import pikepdf

    ids: set[tuple[int, int]] = set()
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        items = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        ids.update(c.objgen for c in items if c is not None and c.is_indirect)
    return ids


def _check_revisions(path: Path, pdf, problems: list[str]) -> None:
    """A single revision: qpdf's trailer has no /Prev, and the file one %%EOF and startxref."""
    data = path.read_bytes()
    eofs = len(re.findall(rb"%%EOF", data))
    startxrefs = len(re.findall(rb"startxref", data))
    reasons = []
    if "/Prev" in pdf.trailer:
        reasons.append("trailer points to an earlier cross-reference section")
    if eofs > 1 or startxrefs > 1:
        reasons.append(f"{max(eofs, startxrefs)} end-of-file markers")
    if pdf.is_linearized:
        reasons.append("linearized")
    if reasons:
        problems.append(f"file holds more than one revision (incremental update: {'; '.join(reasons)})")


def _check_structure(pdf, problems: list[str]) -> None:
    """Every hidden place qpdf can see, by kind (never its content)."""
    import pikepdf

    info = pdf.trailer.get("/Info")
    if info is not None:
        filled = [k for k in info if str(info.get(k)).strip()]
        if filled:
            problems.append(info_problem(filled, "pikepdf"))
    root = pdf.Root
    if "/Metadata" in root:
        problems.append("XMP metadata present in the catalog")
    if "/Outlines" in root:
        problems.append("outlines (bookmarks) present")
    if "/Dests" in root:
        problems.append("named destinations present")
    if "/AcroForm" in root:
        form = root.AcroForm
        fields = list(form.get("/Fields", []))
        valued = sum(1 for f in _form_fields(fields) if str(f.get("/V", "")).strip())
        problems.append(f"form (AcroForm) present with {len(fields)} field(s), {valued} with a value")
    if "/Names" in root:
        names = root.Names
        kinds = [k.lstrip("/") for k in names]
        problems.append(f"names tree present ({', '.join(sorted(kinds)) or 'empty'})")
        if "/EmbeddedFiles" in names:
            problems.append("embedded files present (names tree)")
        if "/JavaScript" in names:
            problems.append("JavaScript present (names tree)")
    if "/OpenAction" in root:
        problems.append("automatic action on opening (OpenAction) present")
    if "/AA" in root:
        problems.append("additional actions (AA) present in the catalog")
    annotated = []
    for n, page in enumerate(pdf.pages, start=1):
        if page.obj.get("/Annots"):
            annotated.append(n)
        if "/AA" in page.obj:
            problems.append(f"page {n} has additional actions (AA)")
    if annotated:
        problems.append(f"annotations present on page(s) {page_list(annotated)}")
    # Anywhere in the file, reachable or not: scripts, attachments, XMP streams.
    scripts = files = xmp = 0
    for obj in pdf.objects:
        for _key, child in [(None, obj), *_walk(obj)]:
            if not isinstance(child, pikepdf.Dictionary | pikepdf.Stream):
                continue
            if "/JS" in child or child.get("/S") == "/JavaScript":
                scripts += 1
            if child.get("/Type") in ("/EmbeddedFile", "/Filespec") or "/EF" in child:
                files += 1
            if child.get("/Type") == "/Metadata" or child.get("/Subtype") == "/XML":
                xmp += 1
    if scripts:
        problems.append(f"JavaScript present ({scripts} object(s))")
    if files:
        problems.append(f"embedded files present ({files} object(s))")
    if xmp:
        problems.append(f"XMP metadata streams present ({xmp})")


def _form_fields(fields: list) -> Iterator:
    """Every field of a form, children included."""
    stack = list(fields)
    seen: set[tuple[int, int]] = set()
    while stack:
        f = stack.pop()
        if f.is_indirect:
            if f.objgen in seen:
                continue
            seen.add(f.objgen)
        yield f
        stack.extend(f.get("/Kids", []))


def page_list(numbers: list[int], limit: int = 10) -> str:
    """Page numbers for a message, the first `limit` of them and a count of the rest."""
    shown = ", ".join(map(str, numbers[:limit]))
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")
