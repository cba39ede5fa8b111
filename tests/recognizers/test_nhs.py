"""UK_NHS: NHS numbers with the modulus-11 check digit."""

from __future__ import annotations

import pytest

from recognizers.nhs import NhsNumberRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return NhsNumberRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('NHS number 401 023 2137', 1, [(11, 23)]),
        ('NHS no. 943-476-5919.', 1, [(8, 20)]),
        ('4857773457', 1, [(0, 10)]),
        ('(450 557 7104)', 1, [(1, 13)]),
        ('NHS number 401 023 2138', 0, []),
        ('943-476 5919', 0, []),
        ('94347659190', 0, []),
        ('0161 496 0000', 0, []),
        ('date of birth 02/04/1990', 0, []),
        ('2009/0123456C', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize(
    "number, valid",
    [("4010232137", True), ("401 023 2137", True), ("401-023-2137", True), ("4010232138", False),
     ("1234567890", False), ("0000000000", True)],
)
def test_validate_result(recognizer, number, valid):
    assert recognizer.validate_result(number) is valid


def test_valid_number_scores_maximum(recognizer):
    result, = recognizer.analyze("NHS 943 476 5919", ["UK_NHS"])
    assert result.score == 1.0
    assert result.analysis_explanation.validation_result is True
