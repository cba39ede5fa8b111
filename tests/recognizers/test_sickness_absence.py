from __future__ import annotations

import pytest

from recognizers.sickness_absence import SicknessAbsenceRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return SicknessAbsenceRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # the reason goes; the absence and its dates stay
        ("The PP was absent from work from 6 May 2023 with work-related stress, and the case was not reallocated.", 1, [(49, 68)]),
        ("PP1 was absent from work from 4 February 2022 with a broken wrist, and", 1, [(51, 65)]),
        ("She was off sick with anxiety.", 1, [(22, 29)]),
        ("He was signed off due to depression and the case drifted.", 1, [(25, 35)]),
        ("The SPO was on long-term sick leave following a bereavement.", 1, [(46, 59)]),
        ("The PP had been absent with work-related stress, so the case drifted.", 1, [(28, 47)]),
        # near misses: no reason given, or not an absence
        ("The PP was absent from work for three weeks.", 0, []),
        ("The SI was absent from the appointment with his partner.", 0, []),
        ("He was off work.", 0, []),
        ("The SI was absent without leave from the hostel.", 0, []),
        ("The visit was cancelled with no reason recorded.", 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
