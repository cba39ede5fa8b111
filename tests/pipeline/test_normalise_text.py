"""Cleaning text for detection: invisible characters out, look-alikes folded, offsets kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Document, DocumentKind, Provenance, Source, TextUnit
from pipeline.read.normalise import clean_document, clean_text, clean_unit, fold


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("Sarah Jenkins", "Sarah Jenkins"),
        ("Sa\u200brah Jen\u200bkins", "Sarah Jenkins"),  # zero-width space
        ("Sa\u200c\u200drah", "Sarah"),  # zero-width non-joiner and joiner
        ("Sarah\u00a0Jenkins", "Sarah Jenkins"),  # non-breaking space
        ("Sarah\u202fJenkins\u3000x", "Sarah Jenkins x"),  # narrow no-break, ideographic space
        ("S\u0430r\u0430h J\u0435nkins", "Sarah Jenkins"),  # Cyrillic a and e
        ("\u0391nna", "Anna"),  # Greek capital alpha
        ("Jen\u00adkins", "Jenkins"),  # soft hyphen
        ("\ufeffSarah\u2060", "Sarah"),  # BOM, word joiner
        ("\x00S\x00a", "Sa"),  # NULs between UTF-16 bytes
        ("Ｓａｒａｈ", "Sarah"),  # fullwidth
        ("line\nbreak\ttab", "line\nbreak\ttab"),  # layout whitespace is kept
    ],
)
def test_clean_text(text, cleaned):
    assert clean_text(text).text == cleaned
    assert fold(text) == cleaned


def test_unchanged_text_has_no_map():
    result = clean_text("Nothing to clean here, 12/03/1990.")
    assert not result.changed
    assert result.to_original(8, 13) == (8, 13)


def test_spans_map_back_over_removed_characters():
    text = "Ms Sa\u200brah Jen\u200bkins visited"
    result = clean_text(text)
    start = result.text.index("Sarah Jenkins")
    s, e = result.to_original(start, start + len("Sarah Jenkins"))
    assert text[s:e] == "Sa\u200brah Jen\u200bkins"  # the invisible characters are inside the span
    assert result.to_original(0, 2) == (0, 2)
    assert result.to_original(len(result.text), len(result.text)) == (len(text), len(text))


def test_span_outside_the_text_is_an_error():
    with pytest.raises(ValueError):
        clean_text("a\u200bb").to_original(0, 5)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("\u200b\u00a0\u0430\u00ad\ufeff"))))
def test_every_cleaned_character_maps_to_its_original(text):
    result = clean_text(text)
    assert len(result.text) <= len(text)
    for i, c in enumerate(result.text):
        s, e = result.to_original(i, i + 1)
        # A look-alike in a word with no Latin letter keeps its script (issue 14).
        assert e - s == 1 and c in (text[s], fold(text[s]))
    assert clean_text(result.text).text == result.text  # cleaning is idempotent


def test_detection_on_cleaned_text_finds_a_split_name(engine):
    text = "The PP, Sa\u200brah Jen\u200bkins, met Mr Cal\u200blum F\u0435rriday at the office."
    raw = engine.analyzer.analyze(text=text, language="en", entities=["PERSON"])
    assert not any(text[r.start : r.end].startswith("Sa\u200brah Jen") for r in raw)  # why cleaning is needed
    cleaned = clean_text(text)
    spans = set()
    for r in engine.analyzer.analyze(text=cleaned.text, language="en", entities=["PERSON"]):
        s, e = cleaned.to_original(r.start, r.end)
        spans.add(text[s:e])
    assert "Sa\u200brah Jen\u200bkins" in spans
    assert "Mr Cal\u200blum F\u0435rriday" in spans


def test_clean_unit_keeps_the_boxes_of_the_remaining_characters():
    text = "Sa\u200brah"
    boxes = tuple((float(i), 0.0, float(i) + 1, 10.0) for i in range(len(text)))
    unit = TextUnit("p1-b0", text, Provenance(Source.BODY, page=1), boxes=boxes)
    cleaned = clean_unit(unit)
    assert cleaned.text == "Sarah"
    assert cleaned.boxes == boxes[:2] + boxes[3:]
    assert clean_unit(cleaned) is cleaned  # nothing left to clean: the same unit


def test_clean_document_cleans_every_unit():
    units = {
        "u1": TextUnit("u1", "Ms Sa\u200brah Jen\u200bkins", Provenance(Source.BODY)),
        "u2": TextUnit("u2", "Plain text.", Provenance(Source.BODY)),
    }
    document = clean_document(Document(path=None, kind=DocumentKind.DOCX, units=units))
    assert [u.text for u in document.text_units()] == ["Ms Sarah Jenkins", "Plain text."]


def test_a_removed_character_joining_two_words_does_not_leave_a_second_cleaning_to_do():
    # hypothesis found it: "A", a control character, then a Cyrillic "Ү" are one word once
    # the control character is gone, and that word has a Latin letter
    result = clean_text("A\x1f\u04ae")
    assert result.text == "AY"
    assert clean_text(result.text).text == result.text
