"""Generated SFO-review-like PDFs for the PDF reader and burner tests.

Everything is made at test time: Faker en_GB names (seeded) and fictitious identifiers.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf
from faker import Faker

NFD_HEADING = "Not for disclosure"

_CSS = """
body { font-size: 10pt; }
h1 { font-size: 20pt; }
h2 { font-size: 14pt; }
table { border-collapse: collapse; }
td, th { border: 1px solid black; padding: 2px; }
p.dense { line-height: 1.0; margin: 0; }
"""


@dataclass
class Review:
    """A generated review and what the tests need to know about it (all fictitious)."""

    path: Path
    si: str  # the supervised individual's name
    pp: str  # the probation practitioner's name
    names: list[str] = field(default_factory=list)  # every person name written in the body
    nfd_texts: list[str] = field(default_factory=list)  # one marker per "not for disclosure" cell
    metadata_author: str = ""
    annotation_text: str = ""
    field_value: str = ""
    image_rect: pymupdf.Rect | None = None  # where an image lies under the SI's name


def _story_pdf(body: str) -> bytes:
    """Lay `body` out on A4 pages with PyMuPDF's Story."""
    story = pymupdf.Story(html=body, user_css=_CSS)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    mediabox = pymupdf.paper_rect("a4")
    where = mediabox + (50, 50, -50, -50)
    more = 1
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return buf.getvalue()


def make_review(
    path: Path,
    seed: int = 1,
    table_rows: int = 24,
    dense_paragraphs: int = 12,
    filler_sections: int = 0,
    extras: bool = True,
    image_under_name: bool = False,
    title_row: bool = False,
) -> Review:
    """Write an SFO-review-like PDF: headings, paragraphs, a 4-column chronology table whose
    last column is "Not for disclosure" (flowing over pages without repeating its header), and
    a dense page with tight line spacing."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    si, pp = fake.name(), fake.name()
    review = Review(path, si, pp, names=[si, pp])
    esc = html.escape
    parts = [
        "<h1>Serious Further Offence Review</h1>",
        "<h2>Summary</h2>",
        f"<p>{esc(si)} (CRN X{seed:06d}) was supervised by {esc(pp)}, a probation practitioner. "
        f"{esc(fake.paragraph(nb_sentences=5))}</p>",
        "<h2>Chronology</h2>",
        "<table>" + ('<tr><td colspan="4">Chronology of contact</td></tr>' if title_row else "")
        + "<tr><th>Date</th><th>Event</th><th>Analysis</th>"
        f"<th>{NFD_HEADING}</th></tr>",
    ]
    for i in range(table_rows):
        person = fake.name()
        review.names.append(person)
        marker = f"Nfdmark{seed:02d}x{i:03d}"
        review.nfd_texts.append(marker)
        parts.append(
            f"<tr><td>{fake.date()}</td><td>{esc(person)} attended an appointment.</td>"
            f"<td>{esc(fake.sentence(nb_words=8))}</td>"
            f"<td>{marker} {esc(fake.sentence(nb_words=6))}</td></tr>"
        )
    parts.append("</table>")
    parts.append("<h2>Analysis</h2>")
    for _ in range(dense_paragraphs):
        sentences = [esc(fake.sentence(nb_words=12)) for _ in range(6)]
        person = fake.name()
        review.names.append(person)
        sentences.insert(2, f"{esc(person)} spoke to {esc(pp)} about it.")
        parts.append(f'<p class="dense">{" ".join(sentences)}</p>')
    for n in range(filler_sections):
        parts.append(f"<h2>Section {n + 1}</h2>")
        for _ in range(4):
            parts.append(f"<p>{esc(fake.paragraph(nb_sentences=8))}</p>")
    data = _story_pdf("".join(parts))

    doc = pymupdf.open("pdf", data)
    if extras:
        review.metadata_author = fake.name()
        doc.set_metadata(
            {"title": f"SFO review {si}", "author": review.metadata_author, "subject": "Case X", "keywords": "Zyx"}
        )
        review.annotation_text = f"Check with {fake.name()}"
        doc[0].add_text_annot((20, 20), review.annotation_text)
        widget = pymupdf.Widget()
        widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
        widget.field_name = "reviewer"
        review.field_value = fake.name()
        widget.field_value = review.field_value
        widget.rect = pymupdf.Rect(400, 20, 560, 40)
        doc[0].add_widget(widget)
        doc.set_toc([[1, "Summary", 1]])
    if image_under_name:
        page = doc[0]
        hit = page.search_for(si)[0]
        rect = pymupdf.Rect(hit.x0 - 5, hit.y0 - 5, hit.x1 + 40, hit.y1 + 5)
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 64, 16), False)
        pix.set_rect(pix.irect, (255, 0, 0))
        page.insert_image(rect, pixmap=pix, overlay=False)
        review.image_rect = rect
    doc.save(path, garbage=3, deflate=True)
    doc.close()
    return review


def name_decisions(document, names: list[str]) -> list:
    """Anonymise every occurrence of every name (longest first, no overlaps), labelled P1, P2...

    A double-barrelled name broken over two lines reads "Smith- Jones" (the reader keeps
    the hyphen and joins the lines with a space), so it is matched that way too.
    """
    from pipeline.model import Action, Category, Decision

    ordered = sorted(set(names), key=lambda name: (-len(name), name))
    labels = {name: f"P{n + 1}" for n, name in enumerate(ordered)}
    patterns = {
        name: re.compile(r"\s".join(re.escape(part).replace("\\-", "-\\s?") for part in name.split()))
        for name in ordered
    }
    decisions = []
    for unit in document.units.values():
        taken: list[tuple[int, int]] = []
        for name in ordered:
            for m in patterns[name].finditer(unit.text):
                start, end = m.span()
                if not any(a < end and start < b for a, b in taken):
                    taken.append((start, end))
                    decisions.append(
                        Decision(unit.id, start, end, m.group(), Category.NAME, Action.ANONYMISE, labels[name],
                                 "name of a person", "test", 1.0, "test fixture")
                    )
    return decisions
