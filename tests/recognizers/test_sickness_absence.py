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
        # the reason ends at the clause boundary or where the absence's dates and length begin
        ('PP2 was absent with work-related stress for two months.', 1, [(20, 39)]),
        ('The SPO was signed off with depression for most of the period under review.', 1, [(28, 38)]),
        ('PP1 was off sick with stress and had reduced capacity to oversee the team.', 1, [(22, 28)]),
        ('She was off sick with stress and anxiety.', 1, [(22, 40)]),
        ('The PP was off sick with a chest infection from March to June.', 1, [(25, 42)]),
        ('He was off sick with flu in May.', 1, [(21, 24)]),
        # near misses: the absence without a reason, an SI's absence from an appointment
        ('PP3 was signed off for six weeks.', 0, []),
        ('The SI was absent from the appointment in Leeds.', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
