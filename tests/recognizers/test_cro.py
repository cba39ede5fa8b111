"""UK_CRO: Criminal Records Office numbers (NNNNNN/YYL)."""

from __future__ import annotations

import pytest

from recognizers.cro import CroRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return CroRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('CRO 123456/09A', 1, [(4, 14)]),
        ('CRO number: 4567/98Z.', 1, [(12, 20)]),
        ('(CRO 12/01B)', 1, [(5, 11)]),
        ('1234567/09A', 0, []),
        ('123456/09', 0, []),
        ('123456/2009A', 0, []),
        ('PNC 09/123456C', 0, []),
        ('On 12/03/2023 the PP visited', 0, []),
        ('scored 3/10', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
