"""STAFF_CIRCUMSTANCE: personal circumstances of a member of staff, keyed on a staff cue."""

from __future__ import annotations

import pytest

from recognizers.staff_circumstances import StaffCircumstanceAfterPronounRecognizer, StaffCircumstancesRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return StaffCircumstancesRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("The PP was not allocated new cases after her father died in March.", 1, [(35, 56)]),
        ("PP1 was back on reduced hours after a knee operation.", 1, [(8, 52)]),
        ("The SPO was on leave while his partner was in hospital.", 1, [(12, 54)]),
        ("The practitioner was off sick with anxiety.", 1, [(21, 42)]),
        ("The PP was the only Black woman in the office.", 1, [(11, 31)]),
        ("The officer had injured her back.", 1, [(12, 32)]),
        ("SPO2 started maternity leave in June.", 1, [(5, 28)]),
        # every probation role acronym of pipeline/vocabulary.py is a cue; a police rank is not
        ("The PO was on maternity leave in June.", 1, [(11, 29)]),
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


# Issue 12: where the span ends (recognizers/clause.py), circumstances in plain words, and
# whose circumstance it is.
@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # the span ends at the clause boundary: the practice finding after it stays
        ('PP1 was off sick with stress for six weeks and had reduced capacity to oversee the team.', 1, [(8, 42)]),
        ('The SPO was signed off with flu for most of the period under review.', 1, [(12, 31)]),
        ('PP2 was on leave while her son was in hospital, which affected the quality of supervision.', 1, [(8, 46)]),
        ('PP3 returned from maternity leave but did not review the risk management plan.', 1, [(4, 33)]),
        ('The PP was off sick with stress and anxiety that spring.', 1, [(11, 55)]),
        ('PP1 had a bereavement shortly before the MAPPA meeting.', 1, [(8, 21)]),
        ("The PP attended his uncle's funeral in Belfast.", 1, [(16, 35)]),
        ('PP2 had injured her back and missed the home visits.', 1, [(4, 24)]),
        # bereavement, injury and caring in plain words
        ('The SPO had recently lost her husband.', 1, [(21, 37)]),
        ('PP4 was grieving the death of a close friend.', 1, [(8, 44)]),
        ('The practitioner had been bereaved twice that year.', 1, [(26, 50)]),
        ("PP1's father passed away in June.", 1, [(6, 24)]),
        ('The PP had surgery on her shoulder.', 1, [(7, 34)]),
        ('The officer had a police operation planned for May.', 0, []),
        ('The PP had an operation planned to arrest the SI.', 0, []),
        ('The SPO had broken his wrist in a fall.', 1, [(8, 38)]),
        ('The PP was on crutches after an ankle fracture.', 1, [(11, 46)]),
        ('PP2 was phasing back into work after an illness.', 1, [(8, 47)]),
        ('PP3 was looking after a sick parent.', 1, [(8, 35)]),
        ('The PP was the main carer for her husband.', 1, [(11, 41)]),
        ('PP1 had been looking after his two young children alone.', 1, [(13, 55)]),
        ('The PP had a breakdown in the autumn.', 1, [(7, 36)]),
        ('The PP noted the SI had a breakdown in prison.', 0, []),
        # caring as the staff word's own verb; reported speech and practice verbs are someone else's
        ('PP2 had taken time off to care for her mother after a stroke.', 1, [(14, 60)]),
        ('PP3 was caring for her disabled son.', 1, [(8, 35)]),
        ('The PP was supporting her partner through cancer treatment.', 1, [(11, 58)]),
        ('The PP recorded that he had been diagnosed with ADHD as a child.', 0, []),
        ('The PP noted that she was receiving counselling for the abuse.', 0, []),
        ('The PP discussed caring for his mother at the next appointment.', 0, []),
        ('The PP was supporting his mother to make a safeguarding referral.', 0, []),
        ('The PP was aware he was suffering from depression.', 0, []),
        # mental health, faith, disability, pregnancy and marriage
        ('PP2 had panic attacks before the interviews.', 1, [(4, 21)]),
        ('The SPO was receiving counselling at the time.', 1, [(12, 45)]),
        ('PP1 wears a turban.', 1, [(4, 18)]),
        ('The SPO is a devout Catholic.', 1, [(8, 28)]),
        ('The PP uses a hearing aid.', 1, [(7, 25)]),
        ('PP2 is profoundly deaf.', 1, [(4, 22)]),
        ('PP1 was expecting her first baby.', 1, [(8, 32)]),
        ('The SPO was undergoing IVF treatment.', 1, [(12, 36)]),
        ('PP4 was getting married that month.', 1, [(8, 23)]),
        ('PP3 was moving house after her marriage broke down.', 1, [(27, 50)]),
        ('The SPO had recently divorced and moved to a new area.', 1, [(8, 29)]),
        ("The PP noted that the SI's parents had divorced.", 0, []),
        # characteristics that single staff out: the workplace is context, not span
        ('The PP was the only Polish speaker in the Crewe office.', 1, [(11, 34)]),
        ('The SPO was one of very few Black managers in the region.', 1, [(12, 42)]),
        # occupational health and adjustments, which only staff have
        ('The PP was referred to occupational health in March.', 1, [(11, 42)]),
        ('An occupational health referral was made for PP4.', 1, [(3, 31)]),
        ('Reasonable adjustments had been agreed for PP1.', 1, [(0, 22)]),
        ('PP2 had reasonable adjustments for dyslexia.', 1, [(8, 43)]),
        # the circumstance told before the member of staff
        ('Following a family bereavement, the SPO worked from home.', 1, [(10, 30)]),
        ('After a knee operation, PP2 was on light duties.', 1, [(6, 22)]),
        ('Shortly after losing her brother, PP3 returned to work.', 1, [(14, 32)]),
        # near misses: someone else named between the staff word and the circumstance
        ('The SPO was told that the victim was pregnant.', 0, []),
        ('The PP noted the SI had broken his wrist in a fall.', 0, []),
        ('PP2 arranged for the SI to see his GP after he injured his hand.', 0, []),
        ('The PP did not ask Mr Doe about his bereavement after his brother died.', 0, []),
        ('The SI told the PP he was off sick with stress.', 0, []),
        ("The SI's father passed away in June.", 0, []),
        ("The PP was caring for the victim's children.", 0, []),
        ("Following his mother's death, the PP referred him to a bereavement service.", 0, []),
        ("After her mother died, the PP visited the victim's family.", 0, []),
        # near misses: the same words about the SI, a practice finding, an agency, a town, a role
        ('The PP referred the SI for counselling.', 0, []),
        ('The SI was referred to occupational therapy.', 0, []),
        ('The PP did not consider reasonable adjustments for the SI.', 0, []),
        ('The SI was one of very few Black men in the hostel.', 0, []),
        ('The SI was phasing back into work after an illness.', 0, []),
        ('The PP referred the SI to the Cruse bereavement service in Leeds.', 0, []),
        ('The SPO was on leave during the review period so the case was reallocated.', 0, []),
        ('The PP had a caseload of 60.', 0, []),
        ('The team was short-staffed in Leigh.', 0, []),
        ('The PP had completed the training in Bolton.', 0, []),
        ('The Senior Probation Officer in the Swansea team countersigned the plan.', 0, []),
    ],
)
def test_span_end_plain_words_and_subject(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("She had recently separated from her husband.", 1, [(4, 43)]),
        ("Her father died in May.", 1, [(0, 15)]),
        ("PP1 said she was struggling with her mental health.", 1, [(17, 50)]),
        # near misses: a pronoun after a reporting verb is the person recorded, not staff
        ("The PP noted that he had been diagnosed with ADHD.", 0, []),
        ("The PP was aware she was receiving counselling.", 0, []),
        ("The PP recorded that his father had died in May.", 0, []),
        ("The SI told the PP he was off sick with stress.", 0, []),
        ("The victim's mother informed PP2 that she had been diagnosed with cancer.", 0, []),
    ],
)
def test_pronoun_table(text, expected_len, expected_positions):
    assert_table_row(StaffCircumstanceAfterPronounRecognizer(), text, expected_len, expected_positions)
