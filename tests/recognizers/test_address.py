"""UK_ADDRESS: street addresses with a house number and street type."""

from __future__ import annotations

import pytest

from recognizers.address import AddressRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return AddressRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('Flat 3, 12 Elm Grove', 1, [(0, 20)]),
        ('He moved to 42 Elm Grove, Leeds LS6 2AB in May.', 1, [(12, 39)]),
        ('She lives at 221b Baker Street, London.', 1, [(13, 38)]),
        ("7 St Mary's Road", 1, [(0, 16)]),
        ('12-14 Upper Church Lane', 1, [(0, 23)]),
        ('12 Elm Grove, Tom visited', 1, [(0, 12)]),
        ('He lives at 71 Lee Square.', 1, [(12, 25)]),
        ('Flat 57, Taylor Road', 1, [(0, 20)]),
        ('Studio 8, Declan Drive, Leeds.', 1, [(0, 29)]),
        ('12 Church Rd. Then', 1, [(0, 13)]),
        ('a 12 months community order', 0, []),
        ('3 sessions were missed', 0, []),
        ('Section 2 of the Act', 0, []),
        ('On 12 March 2023 the PP visited', 0, []),
        ('On 12 March Court was adjourned', 0, []),
        ('On 16 February 2023 Mr Green disclosed it', 0, []),
        ('by 5 May 2023 Park Lane was closed', 0, []),
        ('He lived at 2023 Green Lane', 1, [(12, 27)]),
        ('3 Probation Officers', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
