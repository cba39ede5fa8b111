"""UK_PHONE: UK telephone numbers in common spacings."""

from __future__ import annotations

import pytest

from recognizers.phone import UkPhoneRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return UkPhoneRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('mobile 07700 900123', 1, [(7, 19)]),
        ('07700900123', 1, [(0, 11)]),
        ('tel: 0161 496 0000.', 1, [(5, 18)]),
        ('020 7946 0000 or 01632-960000', 2, [(0, 13), (17, 29)]),
        ('call (0161) 496 0000', 1, [(5, 20)]),
        ('+44 7700 900123', 1, [(0, 15)]),
        ('+44 (0)161 496 0000', 1, [(0, 19)]),
        ('07700 900 123', 1, [(0, 13)]),
        ('date of birth 02/04/1990', 0, []),
        ('123456', 0, []),
        ('CRN X123456', 0, []),
        ('PNC 2009/0123456C', 0, []),
        ('NHS 943 476 5919', 0, []),
        ('On 12.03.2023 the PP visited', 0, []),
        # dotted groups
        ('Mobile 07700.900.123', 1, [(7, 20)]),
        ('tel. 0161.496.0000.', 1, [(5, 18)]),
        ('version 01.2023.0001 of the form', 0, []),
        ('On 02.04.1990 at 10.30', 0, []),
        ('Section 03.123.456 of the Probation Service manual', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
