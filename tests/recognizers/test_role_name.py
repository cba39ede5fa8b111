"""PERSON: role word + name (span covers the name only)."""

from __future__ import annotations

import pytest

from recognizers.role_name import RoleNameRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return RoleNameRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('PP Sarah Jenkins', 1, [(3, 16)]),
        ('SPO John Baker said', 1, [(4, 14)]),
        ('POM Sam Lee and COM Priya Shah', 2, [(4, 11), (20, 30)]),
        ('VLO Ann Cole; RM Tom Reid', 2, [(4, 12), (17, 25)]),
        ('Probation Practitioner Sarah Jenkins', 1, [(23, 36)]),
        ('Senior Probation Officer Mark Evans', 1, [(25, 35)]),
        ('DC Smith, DS Jones and PC Brown', 3, [(3, 8), (13, 18), (26, 31)]),
        ('Head of PDU Jo Bloggs', 1, [(12, 21)]),
        ('the SPO, John Baker, said', 1, [(9, 19)]),
        ('the PP visited', 0, []),
        ('PP MAPPA', 0, []),
        ('the SPO and the POM', 0, []),
        ('PP1 and SPO1', 0, []),
        ('PP On 12 March', 0, []),
        # the one list of role acronyms (pipeline/vocabulary.py): HoPDU and ACO are cues too
        ('HoPDU Amber Gayle agreed', 1, [(6, 17)]),
        ('ACO Dev Patel approved it', 1, [(4, 13)]),
        ('the HoPDU agreed', 0, []),
        ('hopdu Amber Gayle', 0, []),
        # PO is not a name cue: a post box as often as an officer
        ('PO Box Lane, Leeds', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize(
    "text, cue",
    [("PP Sarah Jenkins", "role cue: PP"), ("Head of PDU Jo Bloggs", "role cue: Head of PDU"),
     ("senior probation officer Mark Evans", "role cue: Senior Probation Officer")],
)
def test_explanation_names_the_role(recognizer, text, cue):
    result, = recognizer.analyze(text, ["PERSON"])
    assert cue in result.analysis_explanation.textual_explanation
