"""Whose pronoun: invented sentences, worded unlike the benchmark's generator, where another
person of the pronoun's gender competes with a member of staff (pipeline/resolve/pronouns.py).

Each row is the draft's text: a staff pronoun becomes the label only where the cues decide
(the speaker of "told X that", the nearest subject of what staff said, the first subject of a
clause joined by "but" over a possessor, the object of another member of staff's act). Where
they do not, the pronoun is kept and, when a member of staff may be meant, the row asks the
manager (`asks` lists those pronouns). The near misses include the competitor being the
referent: "Mr Morgan met Dean Farrow. He said he had relapsed" is the supervised individual's.
"""

from __future__ import annotations

import pytest

from pipeline.case import parse_case
from pipeline.decide import decide
from pipeline.decide.labels import Labeller, document_acronyms
from pipeline.detect import case_detections
from pipeline.keystore import CaseMapping, load_key
from pipeline.model import Action, Category
from pipeline.render.replace import replaced_text
from pipeline.resolve import resolve
from tests.pipeline.model_builders import document

# Two women and two men on the staff, so that staff compete with staff as well as with the
# supervised individual (a man), the victim (a woman) and two third parties.
CASE = {
    "case_id": "SFO60202",
    "supervised_individual": {"name": "Dean Farrow"},
    "victims": [{"name": "Hollie Brent"}],
    "staff": [
        {"name": "Priya Okafor", "role": "PP"}, {"name": "Aled Morgan", "role": "SPO"},
        {"name": "Nadia Shah", "role": "VLO"}, {"name": "Owen Price", "role": "POM"},
    ],
    "third_parties": [{"name": "Jade Winter", "relationship": "partner"}, {"name": "Mark Hughes", "relationship": "father"}],
}  # fmt: skip


def run(*paragraphs: str):
    case = parse_case(CASE)
    doc = document(*paragraphs)
    res = resolve(doc, case_detections(doc.text_units(), case), case)
    key = load_key()
    decisions = decide(doc, res, Labeller(CaseMapping(case.case_id, key), key), document_acronyms([u.text for u in doc.units.values()]))
    si = next(d.label for d in decisions if d.category is Category.NAME and d.text.endswith("Farrow")) if "Farrow" in " ".join(paragraphs) else ""
    out = [replaced_text(u.text, [d for d in decisions if d.unit_id == uid]) for uid, u in doc.units.items()]
    return out, [d for d in decisions if d.category is Category.GENDERED_STAFF], si


@pytest.mark.parametrize(
    "text, expected, asks",
    [
        # the speaker of "told X that": both staff, the clause says nothing the hearer must do
        ("Ms Okafor told Ms Shah that she had been unwell.", "PP1 told VLO1 that PP1 had been unwell.", ()),
        ("Mr Owen Price told Mr Morgan that he had not read the police report.", "POM1 told SPO1 that POM1 had not read the police report.", ()),
        ("The SPO told Mr Price that he had been off sick.", "The SPO told POM1 that SPO1 had been off sick.", ()),
        # near misses: what the hearer is to do, or will do, is as likely the hearer's; the
        # hearer not staff; the speaker not staff
        ("Ms Okafor told Ms Shah that she should have escalated the case.", "PP1 told VLO1 that she should have escalated the case.", ("she",)),
        ("Ms Shah informed Ms Okafor that she was going on leave.", "VLO1 informed PP1 that she was going on leave.", ("she",)),
        ("Mr Morgan assured Mr Price that he would chase the police.", "SPO1 assured POM1 that he would chase the police.", ("he",)),
        ("Mr Morgan told Dean Farrow that he was worried about his drinking.", "SPO1 told {si} that he was worried about his drinking.", ("he", "his")),
        ("Dean Farrow told Mr Morgan that he had relapsed.", "{si} told SPO1 that he had relapsed.", ("he",)),
        ("Jade Winter told Ms Okafor that she was scared.", "Partner 1 told PP1 that she was scared.", ("she",)),
        ("Hollie Brent told Ms Shah that she had moved.", "A told VLO1 that she had moved.", ("she",)),
        ("Mark Hughes told Mr Morgan that he would not let his son stay.", "Father 1 told SPO1 that he would not let his son stay.", ("he", "his")),
        # the nearest subject, of what a member of staff said, is carried on
        ("Ms Okafor said that Ms Shah had been on leave. She returned in June.", "PP1 said that VLO1 had been on leave. VLO1 returned in June.", ()),
        ("Ms Shah said that Ms Okafor had not completed the OASys. She accepted this in interview.",
         "VLO1 said that PP1 had not completed the OASys. PP1 accepted this in interview.", ()),
        ("Mr Morgan said that the PP had not been available. She was on a course.", "SPO1 said that the PP had not been available. PP1 was on a course.", ()),
        # near misses: the nearest subject is the victim; the one who said it is not staff
        ("Ms Okafor said that Hollie Brent had been frightened. She was tearful.", "PP1 said that A had been frightened. She was tearful.", ()),
        ("Dean Farrow said that Mr Morgan had not been available. He was angry about it.", "{si} said that SPO1 had not been available. He was angry about it.", ("He",)),
        # the first subject of a clause joined by "but"/"and", over a possessor after a preposition
        ("In May, Ms Okafor asked the hostel about Hollie Brent's whereabouts, but she did not hear back.",
         "In May, PP1 asked the hostel about A's whereabouts, but PP1 did not hear back.", ()),
        ("Mr Morgan asked the police about Dean Farrow's address, and he then chased the reply.",
         "SPO1 asked the police about {si}'s address, and SPO1 then chased the reply.", ()),
        # near misses: a state or an act of the possessor's; an object, not a possessor; a
        # possessor not after a preposition
        ("Mr Morgan asked the police about Dean Farrow's address, but he had moved.", "SPO1 asked the police about {si}'s address, but he had moved.", ("he",)),
        ("Mr Morgan asked the police about Dean Farrow's address, but he did not attend.", "SPO1 asked the police about {si}'s address, but he did not attend.", ("he",)),
        ("Ms Okafor warned Hollie Brent, but she did not listen.", "PP1 warned A, but she did not listen.", ("she",)),
        ("Ms Okafor phoned Hollie Brent's mother, but she did not answer.", "PP1 phoned A's mother, but she did not answer.", ("she",)),
        ("When Mr Morgan reviewed the case, Dean Farrow had already been recalled, and he accepted that the delay mattered.",
         "When SPO1 reviewed the case, {si} had already been recalled, and he accepted that the delay mattered.", ("he",)),
        # the object of another member of staff's act, the only one of the pronoun's gender
        ("Mr Morgan supervised Ms Okafor. She said she found it helpful.", "SPO1 supervised PP1. PP1 said PP1 found it helpful.", ()),
        # near misses: two of that gender; the referent a subject beside another; someone not
        # staff in the sentence; both staff of one gender in a conjoined subject
        ("Mr Morgan supervised Ms Okafor and Ms Shah. She said she found it helpful.", "SPO1 supervised PP1 and VLO1. She said she found it helpful.", ("She", "she")),
        ("Mr Morgan and Ms Okafor reviewed the case. He had been drinking again.", "SPO1 and PP1 reviewed the case. He had been drinking again.", ("He",)),
        ("Mr Price reminded Mr Morgan about the deadline. He said his caseload was too high.", "POM1 reminded SPO1 about the deadline. He said his caseload was too high.", ("He", "his")),
        ("Ms Okafor and Ms Shah attended the MAPPA meeting. She made the referral afterwards.", "PP1 and VLO1 attended the MAPPA meeting. She made the referral afterwards.", ("She",)),
        ("Ms Shah covered the case while Ms Okafor was on leave. She recorded three contacts.", "VLO1 covered the case while PP1 was on leave. She recorded three contacts.", ("She",)),
        ("Ms Okafor discussed Hollie Brent's safety plan with Ms Shah. She agreed to make a referral to MARAC.",
         "PP1 discussed A's safety plan with VLO1. She agreed to make a referral to MARAC.", ("She",)),
        # the competitor is the referent: the supervised individual met, the victim visited
        ("Mr Morgan met Dean Farrow. He said he had relapsed.", "SPO1 met {si}. He said he had relapsed.", ()),
        ("Mr Morgan met the SI. He said he had relapsed.", "SPO1 met the SI. He said he had relapsed.", ("He", "he")),
        ("Mr Morgan and Ms Okafor met Dean Farrow. He said he had relapsed.", "SPO1 and PP1 met {si}. He said he had relapsed.", ()),
        ("Ms Okafor visited Hollie Brent. Her manager later countersigned the plan.", "PP1 visited A. Her manager later countersigned the plan.", ()),
        # ...unless the pronoun's words are staff practice, which only staff do
        ("Mr Morgan met Dean Farrow. He then recorded the meeting on nDelius.", "SPO1 met {si}. SPO1 then recorded the meeting on nDelius.", ()),
    ],
)
def test_whose_pronoun(text, expected, asks):
    [out], rows, si = run(text)
    assert out == expected.format(si=si)
    # every pronoun kept for a member of staff who may be meant is a question for the manager
    assert sorted(d.text for d in rows if d.action is Action.DISCLOSE) == sorted(asks)
