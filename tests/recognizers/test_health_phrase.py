"""MEDICAL from ordinary words: one row per class of wording, and the near misses that stay."""

from __future__ import annotations

import pytest

from recognizers.health_phrase import HealthPhraseRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return HealthPhraseRecognizer()


def _at(text: str, part: str) -> list[tuple[int, int]]:
    start = text.index(part)
    return [(start, start + len(part))]


FOUND = [
    # symptoms
    ("He told the PP he had been seeing things that were not there.", "seeing things that were not there"),
    ("She said she kept hearing voices in her head.", "hearing voices in her head"),
    ("He was hearing noises at night and not sleeping.", "hearing noises at night"),
    ("He believed he was being watched by neighbours.", "believed he was being watched"),
    ("She presented as low in mood at the appointment.", "low in mood"),
    ("He said he had been feeling suicidal since January.", "feeling suicidal"),
    ("She was experiencing flashbacks after the assault.", "experiencing flashbacks"),
    ("By the summer his mental health had deteriorated.", "his mental health had deteriorated"),
    # mental state, suicide risk and detention in ordinary words
    ("By June he was paranoid and not sleeping.", "was paranoid"),
    ("She presented as anxious and depressed.", "presented as anxious and depressed"),
    ("He said he was feeling low after the hearing.", "was feeling low"),
    ("His mood was flat throughout the interview.", "His mood was flat"),
    ("He had been struggling with his mental health for months.", "struggling with his mental health"),
    ("He had a breakdown after the funeral.", "had a breakdown"),
    ("He heard voices telling him to hurt people.", "heard voices"),
    ("He disclosed thoughts of suicide to the nurse.", "thoughts of suicide"),
    ("He was on constant suicide watch for a week.", "on constant suicide watch"),
    ("He told the GP he felt like ending it all.", "ending it all"),
    ("Staff saw cuts to both forearms.", "cuts to both forearms"),
    ("He was detained under section 3 in 2020.", "detained under section 3"),
    # whatever follows "diagnosed with", to the end of its phrase
    ("He had been diagnosed with depression and anxiety and was referred to the GP.", "diagnosed with depression and anxiety"),
    ("The OASys did not refer to his diagnosis of depression and anxiety, which was known.", "diagnosis of depression and anxiety"),
    ("She was diagnosed with a rare blood disorder in 2019.", "diagnosed with a rare blood disorder"),
    # episodes of illness, conditions, tests and treatment named in ordinary words
    ("He had a seizure in custody.", "had a seizure"),
    ("He said he was self-medicating with cannabis.", "self-medicating"),
    ("He was sleeping badly and missed the visit.", "was sleeping badly"),
    ("He has a heart condition.", "a heart condition"),
    ("She had recently given birth.", "had recently given birth"),
    ("He was on the waiting list for counselling.", "on the waiting list for counselling"),
    ("He had a CT scan after the fall.", "had a CT scan"),
    ("He was treated for a broken jaw.", "treated for a broken jaw"),
    ("He was registered as disabled.", "registered as disabled"),
    # treatment, dependence, disability
    ("His medication was changed in the spring.", "His medication was changed"),
    ("She was waiting for a hip replacement.", "waiting for a hip replacement"),
    ("He was alcohol dependent by then.", "alcohol dependent"),
    ("He was withdrawing from heroin on arrival.", "withdrawing from heroin"),
    ("Since the assault she has been in a wheelchair.", "in a wheelchair"),
    ("He lost the sight in one eye.", "lost the sight in one eye"),
    # treatment and medication
    ("He had stopped his injections in May.", "had stopped his injections"),
    ("The SI came off his tablets without telling anyone.", "came off his tablets"),
    ("She was back on her medication by the autumn.", "back on her medication"),
    ("Staff said he was given something to calm him down.", "given something to calm him down"),
    ("He missed his monthly depot twice.", "missed his monthly depot"),
    ("He was due a depot injection on Friday.", "a depot injection"),
    ("He had been sedated on arrival.", "had been sedated"),
    # self-harm
    ("There was a cutting incident on the wing.", "a cutting incident"),
    ("Officers recorded two ligature incidents in March.", "two ligature incidents"),
    ("He was found with a cord round his neck.", "found with a cord round his neck"),
    ("She had cut her arms before the visit.", "cut her arms"),
    ("He swallowed batteries while on remand.", "swallowed batteries"),
    ("He had tried to hang himself in 2019.", "tried to hang himself"),
    ("She spoke about ending her own life.", "spoke about ending her own life"),
    # admissions
    ("He was admitted voluntarily to a psychiatric ward.", "admitted voluntarily to a psychiatric ward"),
    ("She was admitted to the acute mental health unit.", "admitted to the acute mental health unit"),
    ("He was taken by ambulance to A&E.", "taken by ambulance to A&E"),
    ("He spent three weeks in hospital that winter.", "spent three weeks in hospital"),
    ("He attended A&E with chest pains.", "attended A&E with chest pains"),
    ("He was in hospital for three days.", "in hospital for three days"),
    ("She was discharged from the ward on Monday.", "discharged from the ward"),
    # physical health
    ("The GP noted raised blood pressure readings.", "raised blood pressure readings"),
    ("He had a leg wound that needed dressing daily.", "a leg wound that needed dressing daily"),
    ("The victim needed stitches to her face.", "needed stitches"),
    # sections of the Mental Health Act in ordinary words
    ("Officers detained him under section 136 on the bridge.", "detained him under section 136"),
    ("In 2019 she was placed on a section 2.", "placed on a section 2"),
    ("He had been released from a section 3 in the spring.", "released from a section 3"),
    ("He was held under s.37/41 of the Act.", "held under s.37/41"),
    ("She was assessed under the Mental Health Act at the station.", "assessed under the Mental Health Act"),
    # injuries named with the part of the body
    ("He arrived with a deep cut to his left hand.", "a deep cut to his left hand"),
    ("She had a black eye at the home visit.", "a black eye"),
    ("He fractured his wrist in the gym.", "fractured his wrist"),
    ("He had eight stitches above his eye.", "eight stitches above his eye"),
    ("He was knocked unconscious outside the pub.", "knocked unconscious"),
    ("She passed out at the bus stop.", "passed out"),
    # pains, symptoms, illnesses and treatment in ordinary words
    ("He cancelled because of stomach pains.", "stomach pains"),
    ("She complained of a pain in her lower back.", "pain in her lower back"),
    ("He said he suffered headaches after the fall.", "headaches"),
    ("His partner noticed memory problems.", "memory problems"),
    ("He had trouble sleeping after the fire.", "trouble sleeping"),
    ("He said he could not sleep at the hostel.", "could not sleep"),
    ("She was barely eating by then.", "barely eating"),
    ("He had lost weight and seemed unwell.", "had lost weight"),
    ("He drank to block out the voices.", "block out the voices"),
    ("The nurse was worried about his kidney function.", "kidney function"),
    ("He had been coughing up blood.", "coughing up blood"),
    ("She had a urinary tract infection.", "a urinary tract infection"),
    ("He was off with the flu for a week.", "off with the flu"),
    ("She was suffering from stress at the time.", "suffering from stress"),
    ("He was on a ventilator for two days.", "on a ventilator"),
    ("He was recovering from a knee operation.", "recovering from a knee operation"),
    ("He was waiting for an operation on his shoulder.", "an operation on his shoulder"),
    ("He kept skipping his tablets.", "skipping his tablets"),
    ("Officers used section 135 to enter the house.", "used section 135"),
    ("He was detained under the Act after the fire.", "detained under the Act"),
    ("They put him on a section after the fire.", "put him on a section"),
    ("He arrived with a dressing on his arm.", "a dressing on his arm"),
    ("He split his lip in the fall.", "split his lip"),
    ("He had a bad knee and could not do the work.", "a bad knee"),
    ("He was in constant pain after the crash.", "in constant pain"),
    ("He was becoming disorientated at night.", "becoming disorientated"),
    ("She was laughing to herself in reception.", "laughing to herself"),
    ("He thought his phone was being bugged.", "thought his phone was being bugged"),
    ("He had stopped showering and cooking.", "stopped showering"),
    ("He had not eaten for days.", "had not eaten for days"),
    ("He saw a psychiatrist on remand.", "saw a psychiatrist"),
    ("He was on a methadone script.", "on a methadone script"),
    ("He said the television was talking to him.", "the television was talking to him"),
    ("He was hearing voices coming from the walls.", "hearing voices coming from the walls"),
    ("He was forgetting things at work.", "forgetting things"),
    ("He had not collected his prescription.", "had not collected his prescription"),
    ("He kept seeing shadows on the stairs.", "seeing shadows"),
    ("He had not been eating since the move.", "not been eating"),
    ("He was on oxygen at home.", "on oxygen"),
    ("The PP did not ask about his illness.", "his illness"),
    ("Her symptoms returned in the spring.", "Her symptoms"),
    ("He was attending bereavement counselling.", "attending bereavement counselling"),
    ("The GP prescribed him something to help.", "prescribed him something"),
    ("He took tablets for his nerves.", "tablets for his nerves"),
    ("He took too many pills that night.", "took too many pills"),
    ("By then he was mentally unwell.", "mentally unwell"),
    ("He had ceased his prescribed medication.", "had ceased his prescribed medication"),
    ("He was made subject to section 2 in May.", "made subject to section 2"),
    ("He sustained a head wound in the fall.", "head wound"),
    ("He had an infected leg from injecting.", "an infected leg"),
    ("She was expecting their second child.", "expecting their second child"),
    ("He heard a voice telling him to run.", "heard a voice telling"),
    ("He was forcibly medicated on the ward.", "was forcibly medicated"),
    ("He was reviewed by the psychiatrist on the wing.", "reviewed by the psychiatrist"),
    ("He said his anxiety was getting worse.", "his anxiety"),
    ("He had run out of his tablets.", "had run out of his tablets"),
    ("He was returned to hospital after his leave.", "returned to hospital"),
    ("He suffers with his nerves, his mother said.", "suffers with his nerves"),
    ("She lost the baby in the summer.", "lost the baby"),
    ("She was seven months gone by then.", "was seven months gone"),
    ("He could hear people talking about him.", "could hear people talking about him"),
    ("He believed there was a chip in his head.", "a chip in his head"),
    ("He became very withdrawn after the move.", "became very withdrawn"),
    ("He kept waking up screaming.", "waking up screaming"),
    ("He was not looking after himself.", "was not looking after himself"),
    ("He said his knee gave way on the stairs.", "his knee gave way"),
    ("He tried to take his own life in 2016.", "tried to take his own life"),
    ("He told the nurse he wanted to die.", "wanted to die"),
    ("He was very low after the funeral.", "was very low"),
    ("He had flushed his pills away.", "had flushed his pills"),
    ("He cracked two ribs in the fall.", "cracked two ribs"),
    ("He had his leg amputated in 2015.", "had his leg amputated"),
    ("He kept hearing his name being called.", "hearing his name being called"),
    ("She had the 20-week scan in May.", "the 20-week scan"),
    ("He was given a tetanus jab at A&E.", "given a tetanus jab"),
]

KEPT = [
    # agencies, processes and the offence stay
    "He was referred to the Community Mental Health Team.",
    "The GP was not contacted.",
    "A medication review meeting was never held.",
    "He admitted the offence at interview.",
    "He was taken to the police station.",
    "He was admitted to the Approved Premises in June.",
    "He stopped his visits to the office in May.",
    "The PP was seeing people at the office all day.",
    "She took her time over the assessment.",
    "The bus depot on Station Road was closed.",
    "He was on his way to the hostel.",
    "The team was low in numbers.",
    # practice findings that share words with the new classes
    "There was a breakdown in communication between the agencies.",
    "He had a breakdown of the figures by team.",
    "The mood in the team was low after the inspection.",
    "The PP attended the hospital meeting in May.",
    "He was detained at the police station overnight.",
    "The PP was struggling with her caseload.",
    "The drug market in the area was expanding.",
    "He felt he was treated unfairly by the police.",
    "The case was on the waiting list for allocation.",
    "The plan had a condition of residence.",
    "The review had a relapse prevention section.",
    # sections of other laws and documents, and detention by the police
    "This is set out in section 3 of this review.",
    "Section 2 of the licence sets out the conditions.",
    "He was sentenced under section 18 of the Offences Against the Person Act.",
    "He was served with a section 21 notice by his landlord.",
    "Children's services started a section 47 enquiry.",
    "A section 7 report was ordered by the family court.",
    "He was released from custody on licence.",
    # ordinary uses of words of injury, pain and eating
    "He cut the hedge as part of unpaid work.",
    "The PP cut her caseload in half.",
    "He broke his curfew twice.",
    "He hurt her feelings, she said.",
    "The pain of the family was clear in the statement.",
    "He said the hostel rules were a pain in the neck.",
    "He was not eating with the family because of the arguments.",
    "He stopped eating takeaways to save money.",
    "The figures passed out of the team's control.",
    "The issues with his tenancy were not resolved.",
    "The team had staffing problems all year.",
    "He was suffering from a lack of support, the review found.",
    "He was off with his friends in Leeds that weekend.",
    "He was in bed with his partner when police arrived.",
    "The mental health treatment requirement was not proposed.",
    "He had no appetite for change, the PP wrote.",
    "He had his hand in a bag when police stopped him.",
    "He was confused about the licence conditions.",
    "He stopped washing the car for his neighbour.",
    "He was seen by the prison psychologist for the offending behaviour assessment.",
    "He was referred to a debt counsellor.",
    "He was reading from a script at the interview.",
    "He placed a section of the fence on the path.",
    "The evidence for the allegation was very thin.",
    "He collected his post from the hostel.",
    "He breached two of his conditions in May.",
    "The prescribed number of RAR days was not completed.",
    "He was ill-prepared for the interview.",
    "The team was seriously understaffed.",
    "The victim's injuries are described in the police summary.",
    "The licence was subject to section 2 of the guidance.",
    "He was reviewed by the SPO in May.",
    "His anxiety about the hearing was noted by the PP.",
    "He was withdrawn from the programme for non-attendance.",
    "He could hear the neighbours arguing.",
    "He was returned to custody after the recall.",
    "He lost the argument with his landlord.",
    "He was seven months into his licence.",
    "He suffered with his housing for years.",
    "He was not looking after his dog.",
    "He was very low risk on the OASys.",
    "He was very low on credit that week.",
    "He tried to take his car from the pound.",
    "He wanted to leave the hostel.",
    "He sold his car to pay the fine.",
    "He had a scan of his passport sent to the PP.",
    "He heard a voice in the corridor and opened the door.",
    "The review saw shadows of earlier failings in the case.",
    # a town and a staff role
    "The SPO in Neath countersigned the plan.",
    "The PP cut her caseload in half.",
]


@pytest.mark.parametrize("text, part", FOUND)
def test_found(recognizer, text, part):
    assert_table_row(recognizer, text, 1, _at(text, part))


@pytest.mark.parametrize("text", KEPT)
def test_near_misses_stay(recognizer, text):
    assert_table_row(recognizer, text, 0, [])


def test_explanation_names_the_class_not_the_text(recognizer):
    (result,) = recognizer.analyze("He had stopped his injections.", ["MEDICAL"])
    assert "treatment in ordinary words" in result.analysis_explanation.textual_explanation
    assert "injections" not in result.analysis_explanation.textual_explanation
