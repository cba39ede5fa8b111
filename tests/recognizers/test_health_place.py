"""HEALTH_PLACE: named places of treatment, by head word and by list."""

from __future__ import annotations

import pytest

from recognizers.health_place import HealthPlaceRecognizer
from tests.recognizers.spans import assert_table_row, at


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


# Names found by the rules added for issue 12, each with the span that must go.
FOUND = [
    # listed short names of hospitals, found with no cue
    ("He spent two nights in Pinderfields.", "Pinderfields"),
    ("He was later moved to Hafan y Coed.", "Hafan y Coed"),
    ("He was seen at the RVI on the Monday.", "the RVI"),
    ("He went straight to Addenbrooke’s.", "Addenbrooke’s"),
    # listed names that are also towns or words, with a health cue before or after
    ("He was taken by ambulance to Morriston.", "Morriston"),
    ("He went to Wythenshawe, where he was kept in for a week.", "Wythenshawe"),
    ("He was at the Heath for his injuries.", "the Heath"),
    # a weak head word with the health cue after the name
    ("He went to the Becklin Centre for crisis assessments.", "Becklin Centre"),
    ("He moved into Larch House for detox in March.", "Larch House"),
    # a name with no head word, described as a place of treatment beside it
    ("He spent a month at Ferndene, a mental health unit for young people.", "Ferndene"),
    ("He stayed at the Willows, a residential detox unit.", "Willows"),
    ("He was placed at Hawthorn Court, where he was treated for psychosis.", "Hawthorn Court"),
    # a bare name after a patient cue
    ("He was an inpatient at Brookside for two months.", "Brookside"),
    ("She was discharged from Elmtree in June.", "Elmtree"),
    # a clinic named by its kind
    ("He attended the memory clinic twice.", "the memory clinic"),
    ("She was seen at the sexual health clinic.", "the sexual health clinic"),
    ("He was on the list for the HIV clinic.", "the HIV clinic"),
    ("He was moved to Ward 12 overnight.", "Ward 12"),
    ("He spent time in the Bracton Centre.", "Bracton Centre"),
    ("He was known to the memory assessment service.", "the memory assessment service"),
    ("He was under the eating disorders team.", "the eating disorders team"),
    ("She was seen by the perinatal team.", "the perinatal team"),
    ("He attended the Tuesday memory clinic.", "the Tuesday memory clinic"),
]

KEPT = [
    # towns that share a listed hospital's name, with no health cue
    "He lived in Morriston with his mother.",
    "His brother worked in Wythenshawe as a mechanic.",
    "They walked across the Heath to the shops.",
    "He lived on Hollins Park Road.",
    "He was discharged from the Army in 2012.",
    "He met the PP at the job club clinic.",
    "He attended the Tuesday reporting clinic.",
    "The Ward 3 councillor attended the meeting.",
    "He was admitted to the College in September.",
    "He was referred to the drug and alcohol service.",
    "He was referred to the Community Mental Health Team and the crisis team.",
    "He was taken to Morriston Road for a fight.",
    # a bare name after a patient cue that is a town, an agency or a prison
    "He was admitted to Leeds on a transfer.",
    "He was admitted to the Approved Premises in June.",
    "He was discharged from HMP Leeds in May.",
    # addresses and ordinary places with no health cue
    "He worked at Oak House as a cleaner.",
    "He lived at Brookside Road with his partner.",
    "The PP met him at the Willows café.",
    "He moved to Leeds, a city he did not know.",
    "He appeared at Leeds Crown Court, where he was assessed by the liaison nurse.",
    # probation and advice clinics, agencies and staff roles
    "He attended the reporting clinic at the probation office.",
    "The weekly advice clinic moved to Thursdays.",
    "The clinic run by the probation team was cancelled.",
    "The Community Mental Health Team attended the meeting.",
    "The mental health treatment requirement officer wrote to the court.",
    "The Sheffield Probation Delivery Unit, the team that held the case, was short of staff.",
]


@pytest.mark.parametrize("text, part", FOUND)
def test_found(recognizer, text, part):
    assert_table_row(recognizer, text, 1, at(text, part))


@pytest.mark.parametrize("text", KEPT)
def test_near_misses_stay(recognizer, text):
    assert_table_row(recognizer, text, 0, [])

