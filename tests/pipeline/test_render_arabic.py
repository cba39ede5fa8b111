"""Arabic in the rebuilt PDF: each letter in its joined form, so the text layer reads back as drawn."""

from __future__ import annotations

import re
import unicodedata

import pymupdf
import pytest

from pipeline.render.arabic import has_arabic, joined_forms
from pipeline.render.pdf_rebuild import _escape, _layout


def _names(text: str) -> list[str]:
    return [unicodedata.name(c).replace("ARABIC LETTER ", "").replace("ARABIC LIGATURE ", "") for c in text]


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        # dual-joining letters: initial, medial, final
        ("\u0628\u0628\u0628", ["BEH INITIAL FORM", "BEH MEDIAL FORM", "BEH FINAL FORM"]),
        # a letter on its own is isolated
        ("\u0628", ["BEH ISOLATED FORM"]),
        # a right-joining letter (dal) ends the join: the beh after it starts again
        ("\u0628\u062f\u0628", ["BEH INITIAL FORM", "DAL FINAL FORM", "BEH ISOLATED FORM"]),
        # lam + alef is one mandatory ligature, final after a joining letter
        ("\u0644\u0627", ["LAM WITH ALEF ISOLATED FORM"]),
        ("\u0628\u0644\u0627", ["BEH INITIAL FORM", "LAM WITH ALEF FINAL FORM"]),
        # near miss: lam + yeh is not a mandatory ligature (the font's optional one has no Unicode)
        ("\u0644\u064a", ["LAM INITIAL FORM", "YEH FINAL FORM"]),
        # a space breaks the join
        ("\u0628 \u0628", ["BEH ISOLATED FORM", "SPACE", "BEH ISOLATED FORM"]),
        # a mark (fatha) travels with its letter and does not break the join
        ("\u0628\u064e\u0628", ["BEH INITIAL FORM", "ARABIC FATHA", "BEH FINAL FORM"]),
        # Persian peh (Presentation Forms-A)
        ("\u067e\u067e", ["PEH INITIAL FORM", "PEH FINAL FORM"]),
        # ZWNJ stops the join and stays in the text
        ("\u0628\u200c\u0628", ["BEH ISOLATED FORM", "ZERO WIDTH NON-JOINER", "BEH ISOLATED FORM"]),
    ],
)
def test_joined_forms(text, forms):
    clusters = joined_forms(text)
    assert _names("".join(clusters)) == forms
    assert unicodedata.normalize("NFKC", "".join(clusters)) == unicodedata.normalize("NFKC", text)


def test_other_scripts_are_untouched():
    for text in ("Smith", "Сергей", "Νίκος", "王伟", "2022-03-01"):
        assert not has_arabic(text)
        assert "".join(joined_forms(text)) == text
    assert _escape("Smith & Jones") == "Smith &amp; Jones"


@pytest.mark.parametrize(
    "line",
    [
        "كتب أحمد التقرير.",
        "عبد الله محمد خليل",  # the "Allah" ligature and lam before most letters: glyphs without Unicode
        "قال لا إله. Name: Smith",  # mixed with Latin
    ],
)
def test_laid_out_arabic_reads_back_as_written(line):
    pdf = _layout(f"<body><p>{_escape(line)}</p></body>")
    doc = pymupdf.open("pdf", pdf)
    text = doc[0].get_text()
    doc.close()
    read = re.findall(r"\w+", unicodedata.normalize("NFKC", text))
    # Words, not punctuation: a full stop at the end of a right-to-left run reads back before it.
    assert re.findall(r"\w+", line) == read


@pytest.mark.parametrize("char", ["\U0001f680", "\U00020bb7"])  # an emoji; a Han ideograph of extension B
def test_a_character_beyond_the_basic_plane_is_refused_for_that_reason(char):
    from pipeline.errors import RenderError
    from pipeline.render.pdf_rebuild import layout_with_fallback

    with pytest.raises(RenderError, match="beyond Unicode's basic plane"):
        layout_with_fallback(lambda flat: f"<body><p>Launch {char} now.</p></body>")


def test_a_symbol_of_the_basic_plane_is_laid_out():
    from pipeline.render.pdf_rebuild import layout_with_fallback

    assert layout_with_fallback(lambda flat: "<body><p>Done \u2713 \u2192 next \u00a9.</p></body>")
