"""Review-copy tags never cover other text (issue 13 item 6).

A tag used to sit above its span's first line: for a span that starts a cell's second
line (or any line of dense text) it was printed over the line above.
"""

from __future__ import annotations

import pymupdf

from pipeline.case import load_case
from pipeline.redact import redact_case

CASE = "case_id: SFO60011\nsupervised_individual:\n  name: Corwin Blathersby\nstaff:\n  - name: Priya Okafor\n    role: PP\n"
LINES = [
    "Serious Further Offence Review",
    "The allocated practitioner reviewed the sentence plan with the team on Monday and",
    "Corwin Blathersby was seen the next day by Priya Okafor, who recorded the visit and",
    "Priya Okafor wrote to the police about Corwin Blathersby on the same afternoon, as",
    "agreed with the manager; Corwin Blathersby did not attend the following appointment.",
]


def _pdf(path):
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 80
    for line in LINES:
        page.insert_text((57, y), line, fontname="helv", fontsize=10)
        y += 12  # dense: the line above is 12 pt away, as in a table cell
    doc.save(path)


def test_no_tag_covers_any_text(tmp_path, engine):
    src = tmp_path / "in"
    src.mkdir()
    (src / "case.yaml").write_text(CASE, encoding="utf-8")
    review = src / "SFO60011_Review.pdf"
    _pdf(review)
    result = redact_case([review], tmp_path / "draft", case=load_case(src / "case.yaml"), engine=engine)
    assert not result.failures
    original = [pymupdf.Rect(w[:4]) for w in pymupdf.open(review)[0].get_text("words")]
    copy = pymupdf.open(next((tmp_path / "draft").glob("*.review.pdf")))[0]
    tags = []
    for block in copy.get_text("dict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                if span["color"] == 0xBF0000 and span["text"].strip().startswith("R0"):
                    tags.append(pymupdf.Rect(span["bbox"]))
    assert len(tags) >= 5
    covered = [t for t in tags if any(t.intersects(w) for w in original)]
    assert not covered, f"{len(covered)} of {len(tags)} tags cover text"
    assert not any(a.intersects(b) for i, a in enumerate(tags) for b in tags[i + 1 :]), "tags overlap each other"


def test_docx_review_copy_tags_in_wrapped_cells_cover_no_other_line(tmp_path, engine):
    """A DOCX review copy: a span starting a narrow cell's second line keeps its tag on its own line."""
    import docx

    src = tmp_path / "in"
    src.mkdir()
    (src / "case.yaml").write_text(CASE, encoding="utf-8")
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    table = d.add_table(rows=3, cols=3)
    for r in range(3):
        table.cell(r, 0).text = "Contact"
        table.cell(r, 1).text = "The practitioner met with the team on the Monday; Corwin Blathersby was seen by Priya Okafor."
        table.cell(r, 2).text = "Priya Okafor wrote to the police about Corwin Blathersby on the same afternoon."
    review = src / "SFO60011_Review.docx"
    d.save(review)
    result = redact_case([review], tmp_path / "draft", case=load_case(src / "case.yaml"), engine=engine)
    assert not result.failures
    page = pymupdf.open(next((tmp_path / "draft").glob("*.review.pdf")))[0]
    tags, lines = [], []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", ()):
            others = [s for s in line["spans"] if not (s["color"] == 0xC00000 and "R0" in s["text"])]
            for span in line["spans"]:
                if span["color"] == 0xC00000 and "R0" in span["text"]:
                    tags.append((pymupdf.Rect(span["bbox"]), pymupdf.Rect(line["bbox"])))
            if others:
                lines.append(pymupdf.Rect(line["bbox"]))
    assert len(tags) >= 6
    for tag, own in tags:
        # A tag may touch its own line, never another line's text (1 pt of leading allowed).
        inner = pymupdf.Rect(tag.x0, tag.y0 + 1, tag.x1, tag.y1 - 1)
        assert not any(inner.intersects(other) and other != own and abs(other.y0 - own.y0) > 2 for other in lines)
