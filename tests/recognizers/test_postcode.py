"""UK_POSTCODE: full UK postcodes."""

from __future__ import annotations

import pytest

from recognizers.postcode import PostcodeRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return PostcodeRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('London SW1A 1AA', 1, [(7, 15)]),
        ('M1 1AE, B33 8TH', 2, [(0, 6), (8, 15)]),
        ('Croydon CR2 6XH.', 1, [(8, 15)]),
        ('(DN55 1PT)', 1, [(1, 9)]),
        ('EC1A1BB', 1, [(0, 7)]),
        ('He drove up the A1 road', 0, []),
        ('M6 junction 4', 0, []),
        ('sw1a 1aa', 0, []),
        ('QA1 1AA', 0, []),
        ('Section 2 of the Act', 0, []),
        ('prison number A1234BC', 0, []),
        ('12 months', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A1BB"])
def test_score_is_usable_without_context(recognizer, postcode):
    result, = recognizer.analyze(f"at {postcode}", ["UK_POSTCODE"])
    assert result.score >= 0.6
