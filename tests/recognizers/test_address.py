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
        ('There were 3 Magistrates Court hearings.', 0, []),
        ('He had 2 Crown Court appearances.', 0, []),
        ('He lived at 4 Crown Street, Leeds.', 1, [(12, 33)]),
        # Welsh street words before the name
        ('He moved to 14 Heol y Nant, Pontypridd.', 1, [(12, 38)]),
        ('31 Lon Ganol was searched', 1, [(0, 12)]),
        ('at 2 Ffordd yr Orsaf, Bangor', 1, [(3, 28)]),
        ("47 Rhodfa'r Môr", 1, [(0, 15)]),
        ('6 Cilgant y Gader', 1, [(0, 17)]),
        ('3 Clos Llyswen', 1, [(0, 14)]),
        ('He lived at 6, Heol Isaf.', 1, [(12, 24)]),
        ('3 Maes visits', 0, []),
        ('He met the Cardiff Team 3 at Heol y Nant', 0, []),
        # a flat in a named building; a street called "The ..."
        ('residing at Flat 12, Beacon House in Wolverhampton', 1, [(12, 33)]),
        ('Flat 2 House rules', 0, []),
        ('He moved into 4 The Paddocks, Ormskirk.', 1, [(14, 38)]),
        ('Section 4 The Risk Management Plan', 0, []),
        ('He attended 4 The Probation Service groups', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
