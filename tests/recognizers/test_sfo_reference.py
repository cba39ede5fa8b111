"""SFO_REFERENCE: SFO + 5 digits, also inside protocol file names."""

from __future__ import annotations

import pytest

from recognizers.sfo_reference import SfoReferenceRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return SfoReferenceRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('SFO60001', 1, [(0, 8)]),
        ('SFO60001bloggsJOutcome.docx', 1, [(0, 8)]),
        ('review SFO 60001 and SFO-60002', 2, [(7, 16), (21, 30)]),
        ('Annex_SFO60001_review', 1, [(6, 14)]),
        ('SFO600012', 0, []),
        ('XSFO60001', 0, []),
        ('SFO6000', 0, []),
        ('the SFO review and the SFO process', 0, []),
        ('MAPPA and OASys', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
