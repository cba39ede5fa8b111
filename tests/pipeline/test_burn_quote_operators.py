"""Text drawn with the ' and " operators keeps its place through the burn (issue 14, item 4).

MuPDF's content filter wrote `'` as a bare T* after folding the leading into a TD, so every
line drawn with `'` or `"` moved off the page and the box over a name on it cut nothing
(pdf.js `visibility_expressions.pdf`). The fixture draws its lines with Tj, `'` and `"`, on
the page and inside a form XObject; a name on one of them is burned, and four readers that
are not MuPDF (pypdf, pdfminer.six, PDFium, pdftotext) must read every other word where it
was, on its own line, and the name nowhere. Invented names only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer
from pypdf import PdfReader

from pipeline.model import Action
from pipeline.read.pdf import read_pdf
from pipeline.render.pdf_burn import burn
from pipeline.render.text_operators import expand_text_quotes
from tests.pipeline.pdf_fixtures import name_decisions

PAGE_HEIGHT = 792
LINES = (
    "Line one opens the chronology",  # Tj after Td
    "second line names Corwin Aldby here",  # '
    "third line names Orla Fenwick too",  # " (word spacing 2, character spacing 1)
    "fourth line closes it",  # '
)
# Leading set before the first Td: the order in which MuPDF's filter loses it.
CONTENT = (
    "BT /F1 12 Tf 14 TL 72 700 Td ({}) Tj ({}) ' 2 1 ({}) \" ({}) ' ET".format(*LINES)
)
# The same page written by hand with T* and Tj: what every reader should read. (pdfminer.six
# 20260107 does not move to the next line for `"`, so it reads the quoted page wrongly itself.)
PLAIN = (
    "BT /F1 12 Tf 14 TL 72 700 Td ({}) Tj T* ({}) Tj 2 Tw 1 Tc T* ({}) Tj T* ({}) Tj ET".format(*LINES)
)


def _quote_pdf(path: Path, in_form: bool, content: str = CONTENT) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, PAGE_HEIGHT))
    page = pdf.pages[0]
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
        Encoding=pikepdf.Name.WinAnsiEncoding,
    ))
    fonts = pikepdf.Dictionary(F1=font)
    if in_form:
        form = pdf.make_stream(content.replace("72 700 Td", "2 100 Td").encode("latin-1"))
        form.Type, form.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        form.BBox = pikepdf.Array([0, 0, 400, 120])
        form.Resources = pikepdf.Dictionary(Font=fonts)
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm1=form))
        page.Contents = pdf.make_stream(b"q 1 0 0 1 70 600 cm /Fm1 Do Q")
    else:
        page.Resources = pikepdf.Dictionary(Font=fonts)
        page.Contents = pdf.make_stream(content.encode("latin-1"))
    pdf.save(path)


# ---------------------------------------------------------------- four readers, with positions
# Each returns the page's words as (word, x0, top) in points from the top-left corner.


def _pdfminer_words(path: Path) -> list[tuple[str, float, float]]:
    """pdfminer's characters (inside form XObjects too), joined into words by their gaps."""
    chars: list[LTChar] = []

    def walk(item):
        if isinstance(item, LTChar):
            chars.append(item)
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    for page in extract_pages(str(path)):
        walk(page)
    words: list[tuple[str, float, float]] = []
    current: list[LTChar] = []
    for ch in sorted(chars, key=lambda c: (round(c.y0), c.x0)):
        joins = current and round(current[-1].y0) == round(ch.y0) and ch.x0 - current[-1].x1 < 0.15 * ch.size
        if current and (not joins or not ch.get_text().strip()):
            words.append(("".join(c.get_text() for c in current), current[0].x0, PAGE_HEIGHT - current[0].y1))
            current = []
        if ch.get_text().strip():
            current.append(ch)
    if current:
        words.append(("".join(c.get_text() for c in current), current[0].x0, PAGE_HEIGHT - current[0].y1))
    return words


def _pdfium_words(path: Path) -> list[tuple[str, float, float]]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        text_page = pdf[0].get_textpage()
        words, current = [], []
        for i in range(text_page.count_chars()):
            ch = text_page.get_text_range(i, 1)
            if ch.strip():
                current.append((ch, text_page.get_charbox(i)))
                continue
            if current:
                left, _bottom, _right, top = current[0][1]
                words.append(("".join(c for c, _ in current), left, PAGE_HEIGHT - top))
                current = []
        if current:
            left, _bottom, _right, top = current[0][1]
            words.append(("".join(c for c, _ in current), left, PAGE_HEIGHT - top))
        return words
    finally:
        pdf.close()


def _pdftotext_words(path: Path) -> list[tuple[str, float, float]]:
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return [
        (m.group(3), float(m.group(1)), float(m.group(2)))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    ]


def _pypdf_words(path: Path) -> list[tuple[str, float, float]]:
    """pypdf reports each shown string with the text matrix of its line's start: its words get
    that line and no x (-1), so only their lines and order are compared."""
    words = []

    def visit(text, cm, tm, _font, size):
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        words.extend((word, -1.0, PAGE_HEIGHT - y) for word in text.split())  # baseline: a label is smaller

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return words


READERS = {"pypdf": _pypdf_words, "pdfminer": _pdfminer_words, "pdfium": _pdfium_words, "pdftotext": _pdftotext_words}


def _lines(words: list[tuple[str, float, float]]) -> list[list[str]]:
    """Words grouped into lines by their top (within 3 pt), top to bottom, left to right.

    A word without an x (pypdf's after the first of its string) keeps its reading order.
    """
    rows: list[tuple[float, list[tuple[str, float, float]]]] = []
    for word in sorted(words, key=lambda w: w[2]):
        if rows and abs(rows[-1][0] - word[2]) <= 3:
            rows[-1][1].append(word)
        else:
            rows.append((word[2], [word]))
    out = []
    for _top, row in rows:
        if all(w[1] >= 0 for w in row):
            row = sorted(row, key=lambda w: w[1])
        out.append([w[0] for w in row])
    return out


def _near(a: tuple[str, float, float], b: tuple[str, float, float]) -> bool:
    same_x = a[1] < 0 or b[1] < 0 or abs(a[1] - b[1]) <= 1.0
    return a[0] == b[0] and same_x and abs(a[2] - b[2]) <= 1.0


# ---------------------------------------------------------------- the burn


@pytest.fixture(scope="module", params=["page", "form"])
def source(request, tmp_path_factory) -> tuple[Path, Path]:
    """The page drawn with ' and ", and the same page drawn with T* and Tj."""
    folder = tmp_path_factory.mktemp("quotes")
    quoted, plain = folder / f"quoted-{request.param}.pdf", folder / f"plain-{request.param}.pdf"
    _quote_pdf(quoted, in_form=request.param == "form")
    _quote_pdf(plain, in_form=request.param == "form", content=PLAIN)
    return quoted, plain


def test_fixture_draws_with_both_operators_and_readers_read_it(source):
    quoted, plain = source
    with pikepdf.open(quoted) as pdf:
        streams = [pdf.pages[0].Contents] + list(pdf.pages[0].Resources.get("/XObject", {}).values())
        ops = {str(op) for s in streams for _operands, op in pikepdf.parse_content_stream(s)}
    assert {"'", '"'} <= ops
    for reader, words_of in READERS.items():
        assert [" ".join(line) for line in _lines(words_of(plain))] == list(LINES), reader
        if reader != "pdfminer":
            assert [" ".join(line) for line in _lines(words_of(quoted))] == list(LINES), reader


@pytest.mark.parametrize("name", ["Corwin Aldby", "Orla Fenwick"], ids=["quote", "double-quote"])
def test_burned_name_is_gone_and_every_other_word_keeps_its_place(source, name, tmp_path):
    quoted, plain = source
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is needed for this test")
    document = read_pdf(quoted)
    decisions = [d for d in name_decisions(document, [name]) if d.action is not Action.DISCLOSE]
    assert len(decisions) == 1
    out = tmp_path / "burned.pdf"
    burn(document, decisions, out)
    parts = name.split()
    for reader, words_of in READERS.items():
        before, after = words_of(plain), words_of(out)
        assert not [w for w in after if w[0] in parts], f"{reader} still reads the name"
        kept = [w for w in before if w[0] not in parts]
        moved = [w[0] for w in kept if not any(_near(w, a) for a in after)]
        assert not moved, f"{reader}: {len(moved)} words moved"
        # Each line reads as before, with the label where the name was. (pypdf gives text
        # inside a form XObject in the form's own space, and a label drawn after the page in
        # the page's: its lines are compared without the label.)
        label = decisions[0].label
        want = [line.replace(name, label).split() for line in LINES]
        got = _lines(after)
        if reader == "pypdf":
            want, got = ([[w for w in line if w != label] for line in lines] for lines in (want, got))
            got = [line for line in got if line]
        assert got == want, f"{reader} reads the lines differently"
    # Nor anywhere in the file's decompressed streams.
    with pikepdf.open(out) as pdf:
        raw = b"".join(obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream))
    assert all(part.encode() not in raw for part in parts)


def test_expansion_keeps_what_the_page_shows(source):
    import pymupdf

    with pymupdf.open(source[0]) as doc:
        before = [tuple(round(v, 1) for v in w[:4]) + (w[4],) for w in doc[0].get_text("words")]
        assert expand_text_quotes(doc, source[0]) == 1
        after = [tuple(round(v, 1) for v in w[:4]) + (w[4],) for w in doc[0].get_text("words")]
        again = expand_text_quotes(doc, source[0])
    assert after == before
    assert again == 0  # nothing left to expand


def test_review_copy_keeps_every_line_in_its_place(source, tmp_path):
    """The review copy shows the original text: save_clean's filter must not move it either."""
    from pipeline.render.review_copy import write_review_copy
    from redaction_logs.rows import rows_for

    quoted, plain = source
    document = read_pdf(quoted)
    decisions = name_decisions(document, ["Corwin Aldby"])
    rows = rows_for("SFO60001-review.redacted.pdf", document, decisions, {})
    out = tmp_path / "review.pdf"
    write_review_copy(document, rows, out, title="SFO60001-review")
    before = _pdftotext_words(plain)
    after = _pdftotext_words(out)
    moved = [w[0] for w in before if not any(_near(w, a) for a in after)]
    assert not moved, f"{len(moved)} words moved in the review copy"


def test_a_rewrite_that_would_change_the_text_is_refused_in_one_line(tmp_path, monkeypatch):
    """qpdf's parser skips what it cannot read, with a warning, where MuPDF may still show
    text: a rewrite that changes what the page reads is refused. (Simulated: the rewrite loses
    the last line, as a parser that skipped it would.)"""
    from pipeline.errors import RenderError
    from pipeline.render import text_operators

    path = tmp_path / "SFO60001-review.pdf"
    _quote_pdf(path, in_form=False)
    document = read_pdf(path)
    decisions = [d for d in name_decisions(document, ["Corwin Aldby"]) if d.action is not Action.DISCLOSE]
    expanded = text_operators._expanded
    monkeypatch.setattr(text_operators, "_expanded", lambda ops, pikepdf: expanded(ops, pikepdf)[:-3])
    with pytest.raises(RenderError) as caught:
        burn(document, decisions, tmp_path / "out.pdf")
    assert "cannot be rewritten without changing its text" in caught.value.reason and "\n" not in caught.value.reason
    assert not (tmp_path / "out.pdf").exists()
