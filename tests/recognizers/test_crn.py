"""UK_CRN: nDelius case reference numbers (letter + 6 digits)."""

from __future__ import annotations

import pytest

from recognizers.crn import CrnRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return CrnRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('CRN X123456', 1, [(4, 11)]),
        ('case reference: A654321.', 1, [(16, 23)]),
        ('nDelius records Z000001 and B999999 were merged', 2, [(16, 23), (28, 35)]),
        ('(CRN X123456)', 1, [(5, 12)]),
        ('AX123456', 0, []),
        ('X1234567', 0, []),
        ('X123456/7', 0, []),
        ('prison number A1234BC', 0, []),
        ('SFO60001', 0, []),
        ('123456', 0, []),
        ('On 12 March 2023 the PP visited', 0, []),
        ('MAPPA level 2, OASys and HMPPS', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
