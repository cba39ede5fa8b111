"""UK_PRISON_NUMBER: NOMIS prison numbers (A1234BC)."""

from __future__ import annotations

import pytest

from recognizers.prison_number import PrisonNumberRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return PrisonNumberRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('prison number A1234BC', 1, [(14, 21)]),
        ('NOMIS (B5678DE) and C1111AA.', 2, [(7, 14), (20, 27)]),
        ('a1234bc', 1, [(0, 7)]),
        ('A1234BCD', 0, []),
        ('AB1234BC', 0, []),
        ('A12345BC', 0, []),
        ('CRN X123456', 0, []),
        ('SW1A 1AA', 0, []),
        ('HMPPS and MAPPA', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
