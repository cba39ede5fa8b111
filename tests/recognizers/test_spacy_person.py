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
