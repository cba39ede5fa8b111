"""UK_PNC: Police National Computer IDs, long and short forms."""

from __future__ import annotations

import pytest

from recognizers.pnc import PncRecognizer, pnc_check_letter
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return PncRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('PNC 2009/0123456C', 1, [(4, 17)]),
        ('PNC ID: 09/123456C.', 1, [(8, 18)]),
        ('PNC 1998/0004567E and 21/654321M', 2, [(4, 17), (22, 32)]),
        ('PNC 2009/0123456A (wrong check letter, still reported)', 1, [(4, 17)]),
        ('2009/0123456', 0, []),
        ('PNC 2009/123456C (leading zero dropped)', 1, [(4, 16)]),
        ('2009/123C', 0, []),
        ('PNC 16/18750F (short form, leading zeros dropped)', 1, [(4, 13)]),
        ('12/03/23F', 0, []),
        ('20090123456C', 0, []),
        ('CRO 123456/09A', 0, []),
        ('On 12/03/2023 the PP visited', 0, []),
        ('X2009/0123456C', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize(
    "year, serial, letter",
    [("2009", "0123456", "C"), ("09", "123456", "C"), ("1998", "0004567", "E"), ("21", "654321", "M")],
)
def test_check_letter(year, serial, letter):
    assert pnc_check_letter(year, serial) == letter


def test_wrong_check_letter_lowers_score_but_keeps_match(recognizer):
    valid, = recognizer.analyze("2009/0123456C", ["UK_PNC"])
    wrong, = recognizer.analyze("2009/0123456A", ["UK_PNC"])
    assert valid.score == PncRecognizer.CHECK_PASSED_SCORE
    assert 0 < wrong.score == PncRecognizer.CHECK_FAILED_SCORE < valid.score
    assert wrong.analysis_explanation.validation_result is False
    assert "does not match" in wrong.analysis_explanation.textual_explanation
