"""The review copy: the original with every proposed redaction highlighted and tagged."""

from __future__ import annotations

import pymupdf

from pipeline.read import read
from pipeline.render.review_copy import MARK, write_review_copy
from redaction_logs.rows import rows_for
from tests.pipeline.pdf_fixtures import make_review, name_decisions


def test_pdf_review_copy_keeps_the_page_and_tags_every_row(tmp_path):
    review = make_review(tmp_path / "in.pdf", seed=4, table_rows=6, dense_paragraphs=3)
    document = read(review.path)
    decisions = name_decisions(document, review.names)
    rows = rows_for("SFO60001-review.redacted.pdf", document, decisions, {})
    out = tmp_path / "SFO60001-review.review.pdf"
    pages = write_review_copy(document, rows, out, title="SFO60001-review")
    doc = pymupdf.open(out)
    text = "".join(page.get_text() for page in doc)
    assert pages == doc.page_count >= document.page_count
    assert MARK in doc[0].get_text()
    assert review.si in text  # the original words stay readable under the highlight
    for row in rows:
        if not row.hidden:
            assert f"{row.ref}: {row.label}" in text
    # Content removed whole is listed by reference on the last page.
    hidden = [r for r in rows if r.hidden]
    if hidden:
        assert hidden[0].ref in doc[-1].get_text()
    # No annotations or metadata survive: the copy is saved clean like every PDF written.
    assert not any(list(page.annots()) for page in doc) and not any(v for k, v in doc.metadata.items() if k != "format")
    assert review.path.read_bytes()[:5] == b"%PDF-"  # the input is untouched
    doc.close()
