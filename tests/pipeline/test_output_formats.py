"""A second output format is one renderer, one reader and their registration (issue 11).

Plain text stands in for it here; it is not a product feature. Once registered, `redact`,
`finalise` and `verify` write and check it without a change to any of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.errors import ConfigError, LeakDetectedError
from pipeline.finalise import finalise
from pipeline.model import Decision, Document, DocumentKind
from pipeline.render import Renderer, register_renderer, renderer_for, stem_of, unregister_renderer
from pipeline.render.replace import replaced_text
from pipeline.verify import Needle, Reader, page_texts, register_reader, unregister_reader, verify
from tests.pipeline.drafts import draft_case, sign_off

TEXT = "text"
# Invented people; nothing here is real.
REVIEW = [
    "Case reference: SFO60002",
    "This review concerns Darren Quilliam. He was supervised by probation practitioner Priya Okonkwo-Hale.",
    "Priya Okonkwo-Hale recorded the concerns in March 2022.",
]
CASE = """case_id: SFO60002
supervised_individual: {name: Darren Quilliam}
staff: [{name: Priya Okonkwo-Hale, role: PP}]
"""


def write_text(document: Document, decisions: Sequence[Decision], out_path: Path) -> int:
    """The renderer: every unit's text with its decisions applied, one line each, on one page."""
    by_unit: dict[str, list[Decision]] = {}
    for d in decisions:
        by_unit.setdefault(d.unit_id, []).append(d)
    lines = [replaced_text(unit.text, by_unit.get(uid, [])) for uid, unit in document.units.items()]
    out_path.write_text("\n".join(lines), encoding="utf-8")
    return 1


def read_pages(path: Path) -> list[str]:
    """The reader: pages are separated by form feeds."""
    return path.read_text(encoding="utf-8").split("\f")


@pytest.fixture()
def text_format():
    for kind in DocumentKind:
        register_renderer(Renderer(kind, TEXT, ".txt", write_text))
    register_reader(Reader(TEXT, ".txt", read_pages))
    yield
    for kind in DocumentKind:
        unregister_renderer(kind, TEXT)
    unregister_reader(".txt")


def test_a_case_is_drafted_checked_and_finalised_in_the_registered_format(text_format, tmp_path, engine):
    out, result = draft_case(tmp_path, "SFO60002quilliamD_Review.docx", REVIEW, CASE, engine, fmt=TEXT)
    (draft,) = result.documents
    assert draft.pdf == out / "SFO60002-review.redacted.txt" and stem_of(draft.pdf.name) == "SFO60002-review"
    text = "\n".join(page_texts(draft.pdf))
    assert "PP1 recorded the concerns" in text and "Okonkwo" not in text and "Quilliam" not in text
    assert (out / "SFO60002-review.review.pdf").is_file()  # review copies stay PDFs
    log = out / "SFO60002.redaction-log.xlsx"
    wb = load_workbook(log)
    assert any(cell.value == "SFO60002-review.redacted.txt" for ws in wb.worksheets for row in ws.iter_rows() for cell in row)
    sign_off(wb)
    wb.save(log)
    packed = finalise(log, tmp_path / "pack", fmt=TEXT)
    final = tmp_path / "pack" / "SFO60002-VLU-pack" / "SFO60002-review.txt"
    assert final.is_file() and packed is not None
    assert "PP1" in final.read_text(encoding="utf-8") and "Okonkwo" not in final.read_text(encoding="utf-8")


def test_verify_reads_the_format_with_its_reader_and_names_no_text(text_format, tmp_path):
    out = tmp_path / "leaky.txt"
    out.write_text("page one\fPP1 met Priya Okonkwo-Hale", encoding="utf-8")
    with pytest.raises(LeakDetectedError) as err:
        verify(out, [Needle("Okonkwo-Hale", "Name", case_sensitive=True)])
    assert "found by text on page(s) 2" in str(err.value) and "Okonkwo" not in str(err.value)
    clean = tmp_path / "clean.txt"
    clean.write_text("PP1 met the supervised individual", encoding="utf-8")
    report = verify(clean, [Needle("Okonkwo-Hale", "Name", case_sensitive=True)])
    assert report.ok and report.extractors == (TEXT,)


def test_a_renderer_that_leaks_is_refused_and_writes_nothing(tmp_path, engine):
    def leaky(document: Document, decisions: Sequence[Decision], out_path: Path) -> int:
        return write_text(document, [], out_path)

    register_renderer(Renderer(DocumentKind.DOCX, "leaky", ".txt", leaky))
    register_reader(Reader("leaky", ".txt", read_pages))
    try:
        src = tmp_path / "case"
        src.mkdir()
        with pytest.raises(AssertionError, match="release check|verification failed"):
            draft_case(src, "SFO60002quilliamD_Review.docx", REVIEW, CASE, engine, fmt="leaky")
        assert not list((src / "draft").glob("*.redacted.*"))
    finally:
        unregister_renderer(DocumentKind.DOCX, "leaky")
        unregister_reader(".txt")


def test_a_format_nobody_registered_is_a_config_error():
    with pytest.raises(ConfigError, match="no renderer writes docx input as odt"):
        renderer_for(DocumentKind.DOCX, "odt")
