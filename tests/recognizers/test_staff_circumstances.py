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
        ("The PP was the only Black woman in the office.", 1, [(11, 31)]),
        ("The officer had injured her back.", 1, [(12, 32)]),
        ("SPO2 started maternity leave in June.", 1, [(5, 36)]),
        # every probation role acronym of pipeline/vocabulary.py is a cue; a police rank is not
        ("The PO was on maternity leave in June.", 1, [(11, 37)]),
        ("HoPDU1 was off sick with stress.", 1, [(11, 31)]),
        ("The DC was not allocated new cases after her father died in March.", 0, []),
        # the cue in the sentence before; workplace circumstances with no cue at all
        ("The PP had a high caseload. She was on reduced hours after a knee operation.", 1, [(36, 75)]),
        ("Sarah Jones had just returned from maternity leave.", 1, [(21, 50)]),
        ("He was the only male officer in the team.", 1, [(7, 28)]),
        ("She was on a phased return to work.", 1, [(8, 34)]),
        # a relative's death or illness as its own clause, family life, own health, faith,
        # sexuality and abuse at home, each after a staff cue
        ("SPO1 was going through a difficult divorce at the time.", 1, [(9, 54)]),
        ("The practitioner had recently separated from her husband.", 1, [(17, 56)]),
        ("PP2 was caring for her elderly mother.", 1, [(8, 37)]),
        ("The SPO was dealing with a family crisis at home.", 1, [(25, 48)]),
        ("The PP had been struggling with her own mental health.", 1, [(16, 53)]),
        ("PP1 was recovering from surgery.", 1, [(8, 31)]),
        ("The manager was observing Ramadan.", 1, [(16, 33)]),
        ("The officer had come out as gay that year.", 1, [(16, 41)]),
        ("The PP was experiencing domestic abuse at home.", 1, [(11, 46)]),
        ("PP1 had childcare difficulties after his wife left.", 1, [(8, 50)]),
        # near misses of those: the SI's money, a file recovered, a divorce as a fact of the
        # case, a father caring for children
        ("The PP recorded his financial difficulties.", 0, []),
        ("The PP was recovering the file from the archive.", 0, []),
        ("The PP noted that the divorce was final.", 0, []),
        ("The SPO asked whether the father was caring for the children.", 0, []),
        # a protected characteristic that singles out a member of staff (guidance 3.4.4); the
        # workplace says it is staff but stays (a team's name is often a town's: Wigan)
        ("The PP was the only male PP in the team.", 1, [(11, 27)]),
        ("PP1 was the only female PP.", 1, [(8, 26)]),
        ("She was one of only two women in the Wigan team.", 1, [(8, 29)]),
        ("SPO1 was the youngest manager in the North Wales PDU.", 1, [(9, 29)]),
        ("As the only Urdu-speaking officer in the office, PP2 took the interviews.", 1, [(3, 33)]),
        ("The SPO was the only Sikh member of staff.", 1, [(12, 41)]),
        # near misses: the same words about someone not at work, or with no characteristic
        ("The SI was the only male resident in the hostel.", 0, []),
        ("The victim was the only woman in the house.", 0, []),
        ("The only Asian family on the estate had complained.", 0, []),
        ("The PP was the only person to visit the address.", 0, []),
        ("The SI was one of two men arrested in the town.", 0, []),
        ("The PP was the only officer on duty.", 0, []),
        ("The SI was the youngest of three brothers.", 0, []),
        # near misses: the SI's circumstances with no staff cue, an agency, a town, a staff
        # role with only a practice fact
        ("Mr X stopped his injections after his mother died.", 0, []),
        ("The Community Mental Health Team saw him on reduced hours.", 0, []),
        ("The PP visited Neath after the SI was admitted.", 0, []),
        ("The SPO was on leave for two weeks.", 0, []),
        ("The PP saw him in May. His father had a phased approach to visits.", 0, []),
        ("The PP called. Mr X said he was the father of two.", 0, []),
        ("The PP did not complete the OASys review.", 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
