"""PERSON: relationship cue + name (span covers the name only)."""

from __future__ import annotations

import pytest
from faker import Faker

from recognizers.relationship_name import RelationshipNameRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return RelationshipNameRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('his partner, Jane Smith, visited', 1, [(13, 23)]),
        ('her mother Mary', 1, [(11, 15)]),
        ('the victim, Leanne Hughes', 1, [(12, 25)]),
        ('his brother (Tom)', 1, [(13, 16)]),
        ('his friend Kyle', 1, [(11, 15)]),
        ('his ex-partner Gemma Hill', 1, [(15, 25)]),
        ('Victim A', 0, []),
        ("the victim's family", 0, []),
        ("the victim was Leanne Hughes.", 1, [(15, 28)]),
        ("the victim was known to the police", 0, []),
        ('the Victim Liaison Unit', 0, []),
        ('partner agencies', 0, []),
        ('Partner 1', 0, []),
        ('his partner On 12 March', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize(
    "text, cue",
    [("his partner, Jane Smith", "partner"), ("her mother Mary", "mother"), ("the victim, Leanne Hughes", "victim"),
     ("his brother (Tom)", "brother"), ("friend Kyle", "friend"), ("his ex partner Gemma", "ex-partner")],
)
def test_explanation_names_the_cue(recognizer, text, cue):
    result, = recognizer.analyze(text, ["PERSON"])
    explanation = result.analysis_explanation.textual_explanation
    assert f"relationship cue: {cue}" in explanation.splitlines()
    assert text[result.start : result.end] not in explanation


def test_faker_names(recognizer):
    fake = Faker("en_GB")
    fake.seed_instance(20261126)
    for _ in range(50):
        cue = fake.random_element(["partner", "mother", "victim", "friend", "neighbour", "sister"])
        name = f"{fake.first_name()} {fake.last_name()}"
        text = f"His {cue}, {name}, was present."
        results = recognizer.analyze(text, ["PERSON"])
        assert [text[r.start : r.end] for r in results] == [name]
