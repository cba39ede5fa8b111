"""UK_NINO: National Insurance numbers and the prefixes never issued."""

from __future__ import annotations

import pytest

from recognizers.nino import NinoRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return NinoRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('NI number AB123456C', 1, [(10, 19)]),
        ('NINO: AB 12 34 56 C.', 1, [(6, 19)]),
        ('JT 123456 D and CE123456A', 2, [(0, 11), (16, 25)]),
        ('QQ 12 34 56 C', 0, []),
        ('DA123456A', 0, []),
        ('AO123456A', 0, []),
        ('GB123456A', 0, []),
        ('BG123456A', 0, []),
        ('NK123456A', 0, []),
        ('KN123456A', 0, []),
        ('NT123456A', 0, []),
        ('TN123456A', 0, []),
        ('ZZ123456A', 0, []),
        ('AB123456E', 0, []),
        ('ab123456c', 0, []),
        ('XAB123456C', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize(
    "prefix, rejected",
    [("AB", False), ("CE", False), ("DA", True), ("FA", True), ("IA", True), ("QA", True), ("UA", True),
     ("VA", True), ("AD", True), ("AF", True), ("AI", True), ("AO", True), ("AQ", True), ("AU", True),
     ("AV", True), ("BG", True), ("GB", True), ("KN", True), ("NK", True), ("NT", True), ("TN", True),
     ("ZZ", True)],
)
def test_invalidate_result(recognizer, prefix, rejected):
    assert recognizer.invalidate_result(f"{prefix}123456C") is rejected
