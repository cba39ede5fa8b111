"""HEALTH_PLACE: named places of treatment, by head word and by list."""

from __future__ import annotations

import pytest

from recognizers.health_place import HealthPlaceRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return HealthPlaceRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("He was taken to the Princess of Wales Hospital after the overdose.", 1, [(20, 46)]),
        ("He was admitted to the Royal Shrewsbury and Telford Hospital.", 1, [(23, 60)]),
        ("He was transferred to the Hellingly Centre.", 1, [(26, 42)]),
        ("He was admitted to the Lakeside Unit under section 3.", 1, [(23, 36)]),
        ("After his discharge he moved to Oak House.", 1, [(32, 41)]),
        ("He was admitted to Uned Cwm Seren in 2021.", 1, [(19, 33)]),
        ("He was seen at Ysbyty Gwynedd.", 1, [(15, 29)]),
        ("He attended University Hospital Southampton.", 1, [(12, 43)]),
        ("He was registered with Riverside Surgery.", 1, [(23, 40)]),
        # near misses: agencies stay, a probation unit, an address with no health cue,
        # a town, a staff role
        ("The Sheffield Probation Delivery Unit held the case.", 0, []),
        ("The Community Mental Health Team and the GP were informed.", 0, []),
        ("The mental health worker called the Probation Delivery Unit.", 0, []),
        ("He lived at Oak House in Neath.", 0, []),
        ("The SPO at the Swansea Team 2 office reviewed it.", 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
