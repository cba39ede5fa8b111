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

    A double-barrelled name broken over two lines reads "Smith-Jones" (the reader joins a
    line ending in a hyphen without a space); "Smith- Jones" is matched too.
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


# ---------------------------------------------------------------- split tables

_SPLIT_CSS = """
body { font-family: sans-serif; font-size: 10pt; }
p { margin-top: 0; margin-bottom: 6pt; }
table { border-collapse: collapse; margin: 0; }
th, td { border: 1px solid black; padding: 3pt; vertical-align: top; font-size: 9pt; }
th { background-color: #d9d9d9; font-weight: bold; text-align: left; }
"""


@dataclass
class SplitReview:
    """A review whose chronology is a header table plus one small table per row (all fictitious)."""

    path: Path
    heading: str
    nfd_texts: list[str] = field(default_factory=list)  # one marker per "not for disclosure" cell
    kept_texts: list[str] = field(default_factory=list)  # one marker per event cell (must stay)
    after_texts: list[str] = field(default_factory=list)  # cells of a later, different table
    mention: str = ""  # an analysis cell that mentions the phrase (not a heading)


def make_split_review(
    path: Path,
    seed: int = 1,
    table_rows: int = 40,
    heading: str = "Information not for disclosure",
    nfd_width: float = 80.0,
) -> SplitReview:
    """Write a review whose chronology is laid out as Word splits a table: a header table, then
    one bordered one-row table per row, stacked with no gap and flowing over pages; the
    header cells are shaded (MuPDF draws the shading word by word, in thin slivers) and the
    narrow last column wraps its heading over two lines. A section with a 3-column table
    follows the chronology."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    review = SplitReview(path, heading)
    esc = html.escape
    widths = (70.0, 150.0, 130.0, nfd_width)

    def cell(tag, text, w):
        return f'<{tag} style="width:{w:.0f}pt">{text}</{tag}>'

    parts = [
        "<p><b>Chronology</b></p>",
        f"<p>{esc(fake.paragraph(nb_sentences=3))}</p>",
        "<table><tr>" + "".join(cell("th", esc(h), w) for h, w in zip(("Date", "Event", "Analysis", heading), widths, strict=True))
        + "</tr></table>",
    ]  # fmt: skip
    for i in range(table_rows):
        nfd = f"Nfdsplit{seed:02d}x{i:03d}"
        kept = f"Keptsplit{seed:02d}x{i:03d}"
        review.nfd_texts.append(nfd)
        review.kept_texts.append(kept)
        analysis = esc(fake.sentence(nb_words=8))
        if i == 3:
            review.mention = "Marked not for disclosure."
            analysis = review.mention
        row = (fake.date(), f"{kept} {esc(fake.sentence(nb_words=5))}", analysis, f"{nfd} {esc(fake.sentence(nb_words=4))}")
        parts.append("<table><tr>" + "".join(cell("td", t, w) for t, w in zip(row, widths, strict=True)) + "</tr></table>")
    parts.append("<p><b>Action plan</b></p>")
    parts.append(f"<p>{esc(fake.paragraph(nb_sentences=2))}</p>")
    rows = []
    for i in range(4):
        texts = [f"Aftersplit{seed:02d}x{i}c{c}" for c in range(3)]
        review.after_texts.extend(texts)
        rows.append("<tr>" + "".join(cell("td", t, w) for t, w in zip(texts, (100.0, 150.0, 150.0), strict=True)) + "</tr>")
    parts.append("<table>" + "".join(rows) + "</table>")
    story = pymupdf.Story(html="<body>" + "".join(parts) + "</body>", user_css=_SPLIT_CSS)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    mediabox = pymupdf.paper_rect("a4")
    more = 1
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(mediabox + (56, 70, -56, -62))
        story.draw(device)
        writer.end_page()
    writer.close()
    path.write_bytes(buf.getvalue())
    return review


def make_drawn_table(
    path: Path,
    header_borders: bool = True,
    gap: float = 0.0,
    rows: int = 6,
    rules: bool = True,
    other: list[str] | None = None,
) -> tuple[list[str], list[str]]:
    """One page with a 3-column chronology drawn line by line: the header row with or without
    borders, then one bordered table per row, `gap` points apart (an empty paragraph between
    the halves of a split Word table). With `other` (a list to fill), a 2-column table with
    different column edges follows, stacked right under the last row. Returns (column
    markers, kept markers)."""
    doc = pymupdf.open()
    page = doc.new_page()
    edges = (60.0, 160.0, 360.0, 540.0)
    page.insert_text((60, 80), "Chronology of key events", fontsize=11)
    y = 100.0
    for x, text in zip(edges, ("Date", "Event", "Not for disclosure"), strict=False):
        page.insert_text((x + 4, y + 14), text, fontsize=10)
    if header_borders and rules:
        page.draw_rect(pymupdf.Rect(edges[0], y, edges[-1], y + 20), width=1)
        for x in edges[1:-1]:
            page.draw_line((x, y), (x, y + 20), width=1)
    y += 20 + (4 if not header_borders else 0)
    nfd, kept = [], []
    for i in range(rows):
        nfd.append(f"Nfddrawn{i:02d}")
        kept.append(f"Keptdrawn{i:02d}")
        page.insert_text((edges[0] + 4, y + 14), f"0{i + 1}/02/2024", fontsize=10)
        page.insert_text((edges[1] + 4, y + 14), f"{kept[-1]} home visit", fontsize=10)
        page.insert_text((edges[2] + 4, y + 14), f"{nfd[-1]} informant", fontsize=10)
        if rules:
            page.draw_rect(pymupdf.Rect(edges[0], y, edges[-1], y + 20), width=1)
            for x in edges[1:-1]:
                page.draw_line((x, y), (x, y + 20), width=1)
        y += 20 + gap
    if other is not None:
        y -= gap
        for i in range(3):
            other.extend([f"Otherdrawn{i}a", f"Otherdrawn{i}b"])
            page.insert_text((edges[0] + 4, y + 14), other[-2], fontsize=10)
            page.insert_text((300 + 4, y + 14), other[-1], fontsize=10)
            page.draw_rect(pymupdf.Rect(edges[0], y, edges[-1], y + 20), width=1)
            page.draw_line((300, y), (300, y + 20), width=1)
            y += 20
    page.insert_text((60, y + 30), "The review found that risk was not reassessed.", fontsize=10)
    doc.save(path)
    return nfd, kept


def make_shaded_table(path: Path, rows: int = 6, next_page_rows: int = 0) -> tuple[list[str], list[str]]:
    """A chronology whose cells are told apart by shading alone (no thin rules): alternating
    grey row bands split into columns by white gutters; with `next_page_rows` it fills page 1
    and continues at the top of page 2 without its header row. Returns (column markers, kept
    markers)."""
    doc = pymupdf.open()
    edges = (60.0, 160.0, 360.0, 540.0)
    nfd: list[str] = []
    kept: list[str] = []

    def band(page: pymupdf.Page, top: float, shade: float, texts: tuple[str, ...]) -> None:
        page.draw_rect(pymupdf.Rect(edges[0], top, edges[-1], top + 24), color=None, fill=(shade,) * 3)
        for x in edges[1:-1]:
            page.draw_rect(pymupdf.Rect(x - 2.5, top, x + 2.5, top + 24), color=None, fill=(1, 1, 1))
        for x, text in zip(edges, texts, strict=False):
            page.insert_text((x + 6, top + 16), text, fontsize=10)

    def row(page: pymupdf.Page, top: float, shade: float) -> None:
        n = len(nfd) + 1
        nfd.append(f"Nfdshaded{n:02d}")
        kept.append(f"Keptshaded{n:02d}")
        band(page, top, shade, ("01/02/2024", kept[-1], f"{nfd[-1]} informant"))

    page = doc.new_page()
    band(page, 100.0, 0.8, ("Date", "Event", "Not for disclosure"))
    count = 26 if next_page_rows else rows  # 26 rows reach the foot of page 1
    for i in range(count):
        row(page, 124.0 + 24 * i, 0.95 if i % 2 == 0 else 0.8)
    if next_page_rows:
        page = doc.new_page()
        for i in range(next_page_rows):
            row(page, 90.0 + 24 * i, 0.95 if i % 2 == 0 else 0.8)
        page.insert_text((60, 120 + 24 * next_page_rows), "The review found that risk was not reassessed.", fontsize=10)
    doc.save(path)
    return nfd, kept
