"""STAFF_CIRCUMSTANCE: personal circumstances of a member of staff, keyed on a staff cue."""

from __future__ import annotations

import pytest

from recognizers.staff_circumstances import StaffCircumstancesRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return StaffCircumstancesRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("The PP was not allocated new cases after her father died in March.", 1, [(35, 65)]),
        ("PP1 was back on reduced hours after a knee operation.", 1, [(8, 52)]),
        ("The SPO was on leave while his partner was in hospital.", 1, [(12, 54)]),
        ("The practitioner was off sick with anxiety.", 1, [(21, 42)]),
        ("The PP was the only Black woman in the office.", 1, [(11, 45)]),
        ("The officer had injured her back.", 1, [(12, 32)]),
        ("SPO2 started maternity leave in June.", 1, [(5, 36)]),
        # near misses: the SI's circumstances with no staff cue, an agency, a town, a staff
        # role with only a practice fact
        ("Mr X stopped his injections after his mother died.", 0, []),
        ("The Community Mental Health Team saw him on reduced hours.", 0, []),
        ("The PP visited Neath after the SI was admitted.", 0, []),
        ("The SPO was on leave for two weeks.", 0, []),
        ("The PP did not complete the OASys review.", 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
