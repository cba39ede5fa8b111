"""DOCX content the rebuilt PDF would not show is never dropped silently (issue 14, item 5).

Imported documents (w:altChunk) that are HTML, plain text or another DOCX are read as part of
the document, in their place; one in RTF, MHTML or an unknown format is listed in the log as
not read. Charts, SmartArt, embedded (OLE) objects and unread imported parts are listed in the
log by default and refused by a `--strict` run, in one line naming the file and the kinds of
content, never their text; the rest of the batch carries on. Names are generated (Faker en_GB).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree
from pypdf import PdfReader

from pipeline.cli import main
from pipeline.errors import UnsupportedDocumentError
from pipeline.model import Action, Category, Decision, HiddenKind, Style
from pipeline.read.docx import read_docx
from pipeline.redact import refuse_not_rendered
from pipeline.render import render
from tests.pipeline.docx_fixtures import fake
from tests.pipeline.test_docx_hidden import NAMES as AWKWARD_NAMES
from tests.pipeline.test_docx_hidden import REL, _inline, _run_xml, add_to_package, build_awkward

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
f = fake(1414)
HTML_NAME, TEXT_NAME, DOCX_NAME, RTF_NAME, SCRIPT_NAME = (f.name() for _ in range(5))
HTML = (
    "<!DOCTYPE html><html><head><title>Imported notes</title><style>p { color: red }</style></head><body>"
    "<h2>Contact history</h2>"
    f"<p>The officer met <b>{HTML_NAME}</b> at the approved premises.</p>"
    "<table><tr><td>Visit one</td><td>Visit two</td></tr></table>"
    f"<script>var who = '{SCRIPT_NAME}';</script>"
    "<ul><li>First action</li><li>Second action</li></ul></body></html>"
).encode()
TEXT = f"A plain note about {TEXT_NAME}.\r\n\r\nIt has two paragraphs.".encode()
RTF = ("{\\rtf1\\ansi{\\fonttbl\\f0 Arial;}\\f0 Referral made by " + RTF_NAME + ".\\par}").encode()


def _inner_docx() -> bytes:
    d = docx.Document()
    d.add_heading("Imported chronology", 1)
    d.add_paragraph(f"The supervising officer spoke to {DOCX_NAME} by telephone.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


CHUNKS = {
    "html": ("afchunk1.htm", "text/html", HTML),
    "text": ("afchunk2.txt", "text/plain", TEXT),
    "docx": ("afchunk3.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _inner_docx()),
    "rtf": ("afchunk4.rtf", "application/rtf", RTF),
}


def chunked_docx(path: Path, kinds: tuple[str, ...] = tuple(CHUNKS)) -> Path:
    """A short review with one imported part of each kind, each between two paragraphs of its own."""
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    for kind in kinds:
        d.add_paragraph(f"Before the {kind} part.")
        d.add_paragraph(f"After the {kind} part.")
    d.save(str(path))
    parts = _parts(path)
    root = etree.fromstring(parts["word/document.xml"])
    types = etree.fromstring(parts["[Content_Types].xml"])
    w = root.nsmap["w"]
    for n, kind in enumerate(kinds, start=1):
        after = next(p for p in root.iter(f"{{{w}}}p") if "".join(p.itertext()) == f"After the {kind} part.")
        after.addprevious(parse_xml(f'<w:altChunk {nsdecls("w")} xmlns:r="{REL}" r:id="rIdChunk{n}"/>'))
        name, content_type, _data = CHUNKS[kind]
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=f"/word/{name}", ContentType=content_type)
    add_to_package(
        path,
        {
            "word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
            "[Content_Types].xml": etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True),
            **{f"word/{CHUNKS[kind][0]}": CHUNKS[kind][2] for kind in kinds},
        },
        [(f"rIdChunk{n}", "aFChunk", CHUNKS[kind][0], False) for n, kind in enumerate(kinds, start=1)],
    )
    return path


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


@pytest.fixture(scope="module")
def chunked(tmp_path_factory):
    path = chunked_docx(tmp_path_factory.mktemp("chunks") / "SFO61414-review.docx")
    return path, read_docx(path)


def _texts(document) -> list[str]:
    return [document.units[b.unit].text for b in document.blocks if hasattr(b, "unit")]


def test_html_text_and_docx_parts_are_read_in_their_place(chunked):
    _, document = chunked
    texts = _texts(document)
    expect = [
        "Before the html part.", "Contact history", f"The officer met {HTML_NAME} at the approved premises.",
        "Visit one", "Visit two", "First action", "Second action", "After the html part.",
        "Before the text part.", f"A plain note about {TEXT_NAME}.", "It has two paragraphs.", "After the text part.",
        "Before the docx part.", "Imported chronology", f"The supervising officer spoke to {DOCX_NAME} by telephone.",
        "After the docx part.",
        "Before the rtf part.", "After the rtf part.",
    ]
    assert texts[1:] == expect  # after the title


def test_imported_headings_keep_their_style_and_scripts_are_not_text(chunked):
    _, document = chunked
    styles = {u.text: u.style for u in document.units.values()}
    assert styles["Contact history"] is Style.HEADING2
    assert styles["Imported chronology"] is Style.HEADING1
    assert styles["First action"] is Style.LIST
    every = "\n".join(u.text for u in document.units.values()) + "\n".join(h.text for h in document.removed)
    assert SCRIPT_NAME not in every and "Imported notes" not in every and "color" not in every


def test_an_rtf_part_is_listed_as_not_read_and_marked_for_strict(chunked):
    _, document = chunked
    listed = [h for h in document.removed if h.not_rendered]
    assert [(h.kind, h.text, h.not_rendered) for h in listed] == [
        (HiddenKind.EMBEDDED, "imported RTF document part (not read)", "imported RTF document")
    ]
    assert RTF_NAME not in listed[0].text


def test_names_in_imported_parts_are_redacted_in_the_rebuilt_pdf(chunked, tmp_path):
    _, document = chunked
    decisions = []
    for uid, unit in document.units.items():
        for name in (HTML_NAME, TEXT_NAME, DOCX_NAME):
            start = unit.text.find(name)
            if start >= 0:
                decisions.append(Decision(uid, start, start + len(name), name, Category.NAME, Action.ANONYMISE, "P1",
                                          "name of a person", "test", 1.0, "test fixture"))
    assert len(decisions) == 3
    pdf = tmp_path / "rebuilt.pdf"
    render(document, decisions, pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "The officer met P1 at the approved premises." in text and "Visit two" in text
    for name in (HTML_NAME, TEXT_NAME, DOCX_NAME):
        assert name not in text and name.split()[-1] not in text


def test_strict_refuses_each_kind_not_rendered_in_one_line_without_its_text(tmp_path):
    document = read_docx(build_awkward(tmp_path / "SFO61234-review.docx"))
    with pytest.raises(UnsupportedDocumentError) as caught:
        refuse_not_rendered(document)
    reason = caught.value.reason
    assert "\n" not in reason
    for kind in ("1 chart", "1 SmartArt diagram", "1 embedded object", "1 imported MHTML document"):
        assert kind in reason
    assert not any(part in reason for name in AWKWARD_NAMES.values() for part in name.split())
    assert "image" not in reason  # pictures are listed in the log, not refused


def test_strict_accepts_what_is_read(tmp_path):
    document = read_docx(chunked_docx(tmp_path / "SFO61415-review.docx", ("html", "text", "docx")))
    refuse_not_rendered(document)  # nothing left out: no error


def test_strict_run_refuses_the_document_and_the_batch_carries_on(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    awkward = build_awkward(inputs / "SFO61234-review.docx")
    readable = chunked_docx(inputs / "SFO61415-review.docx", ("html", "docx"))
    out = tmp_path / "out"
    code = main(["redact", str(awkward), str(readable), "--out", str(out), "--strict"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err + captured.out
    lines = [line for line in captured.err.splitlines() if str(awkward) in line]
    assert len(lines) == 1 and re.match(rf"\[[12]/2\] FAILED {re.escape(str(awkward))}: --strict: ", lines[0]), captured.err
    assert "chart" in lines[0] and "embedded object" in lines[0]
    assert not any(part in captured.err for name in AWKWARD_NAMES.values() for part in name.split())
    assert (out / "SFO61415-review.redacted.pdf").is_file()
    assert not list(out.glob("SFO61234*"))

    # Without --strict the same document is written, and what it leaves out is in its log.
    code = main(["redact", str(awkward), "--out", str(tmp_path / "lenient")])
    capsys.readouterr()
    assert code == 0
    assert (tmp_path / "lenient" / "SFO61234-review.redacted.pdf").is_file()


@pytest.mark.parametrize("damage", ["truncated", "bad XML"])
def test_a_damaged_imported_docx_is_listed_as_not_read(tmp_path, damage):
    inner = _inner_docx()
    if damage == "truncated":
        broken = inner[: len(inner) // 2]
    else:
        # Its chart part, read after its first paragraph, is not XML: what was read of the
        # import so far must not stay behind.
        path = tmp_path / "inner.docx"
        d = docx.Document()
        d.add_paragraph(f"The supervising officer spoke to {DOCX_NAME} by telephone.")
        d.add_paragraph("Chart: ")._p.append(_run_xml(_inline(
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdChart1"/></a:graphicData>',
            101, "Chart 1")))
        d.save(str(path))
        add_to_package(path, {"word/charts/chart1.xml": b"<c:chartSpace><unclosed>"}, [("rIdChart1", "chart", "charts/chart1.xml", False)])
        broken = path.read_bytes()
    original = CHUNKS["docx"]
    CHUNKS["docx"] = (original[0], original[1], broken)
    try:
        document = read_docx(chunked_docx(tmp_path / "SFO61416-review.docx", ("docx", "html")))
    finally:
        CHUNKS["docx"] = original
    assert [h.not_rendered for h in document.removed if h.not_rendered] == ["imported DOCX document"]
    texts = _texts(document)
    assert DOCX_NAME not in " ".join(u.text for u in document.units.values())
    assert f"The officer met {HTML_NAME} at the approved premises." in texts  # the rest is read
    assert len(texts) == len(document.units)  # no unit left outside the blocks
