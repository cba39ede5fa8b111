"""UK_VEHICLE_REG: number plates, current shape anywhere, older shapes after a vehicle cue."""

from __future__ import annotations

import pytest

from recognizers.vehicle_registration import VehicleRegistrationRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return VehicleRegistrationRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("He drove a silver hatchback, LB68 KTE, to the address.", 1, [(29, 37)]),
        ("ANPR picked up YX19ABC on the M62.", 1, [(15, 22)]),
        ("registration A123 BCD", 1, [(13, 21)]),
        ("his car, ABC 123D, was seen outside", 1, [(9, 17)]),
        ("his partner's Golf (reg no. T901 RMX)", 1, [(28, 36)]),
        ("a silver Corsa, reg. P123 ABC, nearby", 1, [(21, 29)]),
        ("He was seen driving Y876 HGF that night.", 1, [(20, 28)]),
        ("The Transit was registered as R45 TWN.", 1, [(30, 37)]),
        ("He was driving. The reference A123 BCD was quoted.", 0, []),
        ("He drove to the Probation Service office at 14:30 on 12/03/2023.", 0, []),
        ("He drove along the M62 to J27 at 7 pm.", 0, []),
        # near misses: identifiers of other shapes, older shapes with no vehicle cue,
        # lower case, postcodes, an agency and a town
        ("CRN X123456 and PNC 2009/0123456A", 0, []),
        ("The reference A123 BCD was quoted.", 0, []),
        ("lb68 kte", 0, []),
        ("He lived at LS6 2AB in Leeds.", 0, []),
        ("The Probation Delivery Unit in Swansea", 0, []),
        ("The SPO reviewed the case on 12 May 2023.", 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
