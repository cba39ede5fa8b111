"""PERSON from spaCy: the filter that drops agency words, prisons and postcodes."""

from __future__ import annotations

import pytest

from recognizers.spacy_person import SpacyPersonRecognizer


@pytest.mark.parametrize(
    "span, plausible",
    [
        ("Sarah Jenkins", True),
        ("Daniel O'Connor", True),
        ("Si Chen", True),
        ("MAPPA", False),
        ("OASys", False),
        ("Probation Officer", False),
        ("HMP Wandsworth", False),
        ("Leeds LS6 2AB", False),
        ("PP", False),
        ("Senior Probation Officer", False),
        ("Community Order", False),
        ("Victim Summary Report", False),
    ],
)
def test_is_plausible_name(span, plausible):
    assert SpacyPersonRecognizer.is_plausible_name(span) is plausible


def test_defaults_to_person_only():
    assert SpacyPersonRecognizer().supported_entities == ["PERSON"]


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("Mr Quenby later said", "Quenby later", "Quenby"),
        ("with de Souza today", "de Souza today", "de Souza"),
        ("and then Marta Quenby", "then Marta Quenby", "Marta Quenby"),
        ("all lower case words", "lower case", None),
        ("Guy Quenby' PNC number", "Guy Quenby' PNC", "Guy Quenby'"),
        ("Tom Quenby's MAPPA level", "Tom Quenby's MAPPA", "Tom Quenby's"),
        ("seen by Tom Quenby PNC", "Tom Quenby PNC", "Tom Quenby"),
    ],
)
def test_lower_case_words_are_trimmed_from_the_ends(text, span, expected):
    start = text.index(span)
    got = SpacyPersonRecognizer.trimmed(text, start, start + len(span))
    assert (None if got is None else text[got[0] : got[1]]) == expected


@pytest.mark.parametrize(
    "span, expected",
    [
        ("Frank and Lewis", ["Frank", "Lewis"]),
        ("Anna de Souza", ["Anna de Souza"]),
        ("Tom Quenby later", ["Tom Quenby"]),
        ("Tom and Ann Quenby's", ["Tom", "Ann Quenby's"]),
    ],
)
def test_a_span_holding_two_names_gives_both(span, expected):
    text = f"Seen by {span} today"
    start = text.index(span)
    got = SpacyPersonRecognizer.pieces(text, start, start + len(span))
    assert [text[s:e] for s, e in got] == expected
