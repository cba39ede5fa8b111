"""Roles from what happens to people in a review, not only from role words beside names.

Without a case file, a review rarely writes "the supervised individual" beside his name. It
says he was released, missed appointments and was charged; that a practitioner recorded,
took over the case or did not make a referral; that the victim was found dead, or that "his
partner" was attacked. Each row is an invented passage, the names in it, and the role each
must get; near misses sit beside the cases they resemble.
"""

import pytest

from pipeline.model import Role
from pipeline.resolve import resolve
from tests.pipeline.model_builders import document, person

SI, VICTIM, STAFF, THIRD = Role.SUPERVISED_INDIVIDUAL, Role.VICTIM, Role.STAFF, Role.THIRD_PARTY

CASES = [
    (
        "what happens to the subject makes him the supervised individual",
        ["Daniel Okoro was released from custody on licence in March and lived with Kerry Lyons.",
         "Daniel Okoro missed two appointments in May. Daniel Okoro was recalled on 3 June."],
        {"Daniel Okoro": SI, "Kerry Lyons": THIRD},
    ),
    (
        "near miss: a relative arrested once stays the relative",
        ["Aaron Pike was sentenced in 2019. Aaron Pike failed to attend supervision twice.",
         "His brother, Kyle Pike, was arrested and bailed the same week."],
        {"Aaron Pike": SI, "Kyle Pike": THIRD},
    ),
    (
        "only one person is made the subject by these events: a co-defendant is not",
        ["Jamie Cox was charged with robbery. Jamie Cox was remanded. Jamie Cox pleaded guilty.",
         "Leon Ward was charged with robbery too."],
        {"Jamie Cox": SI, "Leon Ward": THIRD},
    ),
    (
        "near miss: a role word names the subject, so events do not make another one",
        ["Gavin Doyle (the supervised individual) met Sam Reece.",
         "Sam Reece was sentenced in 2020 and was recalled in 2021."],
        {"Gavin Doyle": SI, "Sam Reece": THIRD},
    ),
    (
        "a son who is the subject: events outweigh the relationship",
        ["Mrs Brennan, his mother, telephoned. Her son, Connor Brennan, was on licence.",
         "Connor Brennan failed to attend in May and was recalled. Connor Brennan's risk of serious harm was high."],
        {"Connor Brennan": SI},
    ),
    (
        "practice verbs make staff: recording, taking over, omissions",
        ["Joanne Whitfield recorded in NDelius that he was low in mood.",
         "Rebecca Lin took over the case in June. Priya Shah did not make a referral to MARAC.",
         "The case was allocated to Tom Gilchrist in 2022."],
        {"Joanne Whitfield": STAFF, "Rebecca Lin": STAFF, "Priya Shah": STAFF, "Tom Gilchrist": STAFF},
    ),
    (
        "near miss: a mother who made a referral is still his mother",
        ["His mother, Jean Kemp, made a referral to the GP.", "Jean Kemp recorded nothing."],
        {"Jean Kemp": THIRD},
    ),
    (
        "a role with a qualifier before the comma",
        ["The duty officer that day, Callum Reid, was not told.",
         "His keyworker at the approved premises, Femi Adeyemi, described him as settled.",
         "His partner at the time, Jade Winter, had two children."],
        {"Callum Reid": STAFF, "Femi Adeyemi": STAFF, "Jade Winter": THIRD},
    ),
    (
        "victims from a death and from a complaint to the police",
        ["Lewis Hart was found dead at his flat. The death of Ryan Cole followed.",
         "Sophie Marsh reported to police that he had threatened her."],
        {"Lewis Hart": VICTIM, "Ryan Cole": VICTIM, "Sophie Marsh": VICTIM},
    ),
    (
        "near miss: a relative who died is not a victim",
        ["His father, Alan Pugh, died in 2019 after a long illness."],
        {"Alan Pugh": THIRD},
    ),
    (
        "a harmed relationship makes the person with it the victim",
        ["He was charged with the murder of his partner in August.", "His former partner, Hollie Brent, had left him twice."],
        {"Hollie Brent": VICTIM},
    ),
    (
        "near miss: another relationship than the harmed one stays a third party",
        ["He attacked his former partner in August.", "His sister, Leah Kemp, told police that he was missing."],
        {"Leah Kemp": THIRD},
    ),
    (
        "near miss: a relationship nobody harmed stays a third party",
        ["He had been drinking with friends.", "His sister, Leah Kemp, lived nearby."],
        {"Leah Kemp": THIRD},
    ),
    (
        "a colleague of a practitioner is staff; a work colleague is a third party",
        ["The PP discussed it with her colleague, Owen Price.", "His work colleague, Dean Lowe, gave him a lift."],
        {"Owen Price": STAFF, "Dean Lowe": THIRD},
    ),
    (
        "harm told of the one who reported it, and support only a victim receives",
        ["Owen Marsh was sentenced in 2019. The earlier offence involved Nadia Quinn, who reported that Mr Marsh had threatened her.",
         "Lena Farrow was supported by an independent domestic violence adviser in 2017."],
        {"Owen Marsh": SI, "Nadia Quinn": VICTIM, "Lena Farrow": VICTIM},
    ),
    (
        "near miss: a relative who reported harm to someone else stays the relative",
        ["Owen Marsh was sentenced in 2019. His sister, Carla Marsh, reported that he had threatened a neighbour."],
        {"Owen Marsh": SI, "Carla Marsh": THIRD},
    ),
    (
        "a list under a staff heading gives staff; a list of family members does not",
        ["Staff interviewed for this review:", "Ben Cole (BC)", "Alia Noor", "Family members spoken to:", "Rita Bell",
         "Rita Bell said she had not been told."],
        {"Ben Cole": STAFF, "Alia Noor": STAFF, "Rita Bell": THIRD},
    ),
    (
        "a protective order, call-outs to a shared home and coercive control make victims",
        ["Owen Marsh was recalled in 2021. A restraining order was made to protect Kai Lund, which he breached.",
         "Police call-outs to addresses shared with Nia Rowe were recorded in 2013.",
         "Her family reported that Tara Kell had been isolated from them for months."],
        {"Owen Marsh": SI, "Kai Lund": VICTIM, "Nia Rowe": VICTIM, "Tara Kell": VICTIM},
    ),
    (
        "near miss: an address shared with a friend, an order made to protect the public",
        ["Owen Marsh was recalled in 2021. He moved to an address shared with Dev Patel.",
         "Dev Patel said an order was made to protect the public."],
        {"Owen Marsh": SI, "Dev Patel": THIRD},
    ),
    (
        "harm told with a pronoun goes to the nearest named person of that gender",
        ["Owen Marsh was recalled in 2021. He moved in with Nadia Quinn in May. In June he strangled her."],
        {"Owen Marsh": SI, "Nadia Quinn": VICTIM},
    ),
    (
        "near miss: the pronoun's gender rules out the nearer name; the subject is not its object",
        ["Owen Marsh was recalled in 2021. Nadia Quinn lived with him, and Paul Quinn visited. Mr Paul Quinn hit her.",
         "Later Owen Marsh threatened him."],
        {"Owen Marsh": SI, "Paul Quinn": THIRD},
    ),
    (
        "an injury the person was left with makes the victim; an illness does not",
        ["Owen Marsh was recalled in 2021.", "Rhian Tudor sustained a fractured jaw. Kelly Marsden was taken to hospital with stab wounds.",
         "Gemma Pryce was left with life-changing injuries. His mother, Janet Marsh, suffered a stroke in 2020."],
        {"Owen Marsh": SI, "Rhian Tudor": VICTIM, "Kelly Marsden": VICTIM, "Gemma Pryce": VICTIM, "Janet Marsh": THIRD},
    ),
    (
        "more verbs of harm, passive and as the gerund of a charge",
        ["Owen Marsh was recalled in 2021. Emma Thewlis was seriously injured in the attack.",
         "He was charged with assaulting Holly Fairclough. Nia Rowe was shot outside her home.",
         "In 2016 he was convicted of stalking his ex-partner. His ex-partner, Tara Kell, moved to York."],
        {"Owen Marsh": SI, "Emma Thewlis": VICTIM, "Holly Fairclough": VICTIM, "Nia Rowe": VICTIM, "Tara Kell": VICTIM},
    ),
    (
        "near miss: a relative charged with assaulting a stranger, an officer hurt at the arrest",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.",
         "His brother, Kyle Marsh, was charged with assaulting a stranger. Kyle Marsh lived in Hull."],
        {"Owen Marsh": SI, "Kyle Marsh": THIRD},
    ),
    (
        "a death told as a life lost, of the injuries later, or of a body found",
        ["Owen Marsh was recalled in 2021. Holly Fairclough lost her life on 3 June 2023.",
         "Nia Rowe later died of her injuries. Tara Kell's body was found on 3 June."],
        {"Owen Marsh": SI, "Holly Fairclough": VICTIM, "Nia Rowe": VICTIM, "Tara Kell": VICTIM},
    ),
    (
        "near miss: a natural death in hospital is not the offence",
        ["Owen Marsh was recalled in 2021. His father, Roy Marsh, died in hospital in 2019.",
         "His aunt, Ann Pugh, died in hospital after a long illness."],
        {"Owen Marsh": SI, "Roy Marsh": THIRD, "Ann Pugh": THIRD},
    ),
    (
        "the family a review is shared with, and condolences, say whose family it is",
        ["Owen Marsh was recalled in 2021. Megan Foulds's family have asked for a copy of this review.",
         "The review extends its condolences to the family of Tara Kell.",
         "Nia Rowe's parents are supported by the Victim Liaison Unit."],
        {"Owen Marsh": SI, "Megan Foulds": VICTIM, "Tara Kell": VICTIM, "Nia Rowe": VICTIM},
    ),
    (
        "near miss: the family of a relative who supported him",
        ["Owen Marsh was recalled in 2021. His sister, Claire Walsh, said Claire Walsh's family were supportive of him."],
        {"Owen Marsh": SI, "Claire Walsh": THIRD},
    ),
    (
        "a call to the police to report harm; near miss: a call about noise",
        ["Owen Marsh was recalled in 2021.",
         "His ex-partner, Joanne Birtles, had called the police twice in March to report that Mr Marsh had assaulted her.",
         "His friend, Dean Kaye, had called the police twice in March about noise."],
        {"Owen Marsh": SI, "Joanne Birtles": VICTIM, "Dean Kaye": THIRD},
    ),
    (
        "a numbered victim, the victim's name, the part played after an appositive",
        ["Owen Marsh was recalled in 2021.", "Victim 1: Holly Fairclough", "The victim's name is Nia Rowe.",
         "Tara Kell, his partner at the time, was the victim."],
        {"Owen Marsh": SI, "Holly Fairclough": VICTIM, "Nia Rowe": VICTIM, "Tara Kell": VICTIM},
    ),
    (
        "near miss: a neighbour who called the police, a witness, a police officer, a GP",
        ["Owen Marsh was recalled in 2021. A neighbour, Trevor Oldroyd, called the police about noise.",
         "Pauline Hirst witnessed the assault. PC Nicola Rhodes attended the scene and arrested him.",
         "Dr Imran Sadiq, his GP, saw him in May. His mother, Jean Marsh, reported him missing."],
        {"Owen Marsh": SI, "Trevor Oldroyd": THIRD, "Pauline Hirst": THIRD, "Nicola Rhodes": STAFF, "Imran Sadiq": STAFF, "Jean Marsh": THIRD},
    ),
    (
        "the role as the subject and the name after its verb",
        ["Owen Marsh was recalled in 2021. The victim of the SFO is Ms Holly Fairclough.",
         "His previous victims include Tara Kell. The PP at the time was Sarah Jenkins."],
        {"Owen Marsh": SI, "Holly Fairclough": VICTIM, "Tara Kell": VICTIM, "Sarah Jenkins": STAFF},
    ),
    (
        "near miss: the name owns what the role is, so the owner is not the victim",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.",
         "The victim in this case was Mr Marsh's ex-partner.", "Mr Marsh's ex-partner, Holly Fairclough, had two children."],
        {"Owen Marsh": SI, "Holly Fairclough": VICTIM},
    ),
    (
        "more harm before the name: bodily harm to, domestic incidents involving, offences against an apposition",
        ["Owen Marsh was recalled in 2021. He was charged with grievous bodily harm with intent to Nia Rowe.",
         "Police recorded four domestic incidents involving Tara Kell.",
         "The offences against a 15-year-old girl, Holly Fairclough, took place in 2022. He threatened Gemma Pryce with a knife."],
        {"Owen Marsh": SI, "Nia Rowe": VICTIM, "Tara Kell": VICTIM, "Holly Fairclough": VICTIM, "Gemma Pryce": VICTIM},
    ),
    (
        "near miss: an assault reported to an officer, threats to the PP",
        ["Owen Marsh was recalled in 2021. The assault was reported to DC Mark Lowe.",
         "He threatened his PP, Sarah Jenkins, in May. Sarah Jenkins recorded this."],
        {"Owen Marsh": SI, "Mark Lowe": STAFF, "Sarah Jenkins": STAFF},
    ),
    (
        "her age when she was killed, injuries she was found with",
        ["Owen Marsh was recalled in 2021. Holly Fairclough was 22 years old when she was killed.",
         "Nia Rowe was found with serious head injuries."],
        {"Owen Marsh": SI, "Holly Fairclough": VICTIM, "Nia Rowe": VICTIM},
    ),
    (
        "supervision names the subject over a friend charged more often",
        ["Mr Lee Varley was subject to a licence.", "Lee Varley's supervision was held by the Wakefield PDU.",
         "His friend Carl Bentley was arrested and charged. Carl Bentley was remanded and sentenced. Carl Bentley was released."],
        {"Lee Varley": SI, "Carl Bentley": THIRD},
    ),
    (
        "condolences to a family, the SFO against a person, a heading of contact with a family",
        ["Owen Marsh was recalled in 2021. I extend my condolences to Holly Fairclough's family.",
         "The SFO against Nia Rowe happened in May.", "Contact with Leanne Royle's family", "Leanne Royle was his partner."],
        {"Owen Marsh": SI, "Holly Fairclough": VICTIM, "Nia Rowe": VICTIM, "Leanne Royle": VICTIM},
    ),
    (
        "near miss: a heading of the subject's own family, contact with a family in a sentence",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.", "Owen Marsh's family",
         "His sister, Claire Walsh, visited. Contact with Claire Walsh's family was limited."],
        {"Owen Marsh": SI, "Claire Walsh": THIRD},
    ),
    (
        "harm told with a pronoun in a paragraph naming nobody goes to the paragraph before",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.", "In April he met Amy Lister through friends.",
         "On 3 May he strangled her."],
        {"Owen Marsh": SI, "Amy Lister": VICTIM},
    ),
    (
        "near miss: the pronoun's gender fits nobody in the paragraph before",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.", "His mother, Janet Marsh, visited in April.",
         "On 3 May he punched him."],
        {"Owen Marsh": SI, "Janet Marsh": THIRD},
    ),
    (
        "harm told of 'she' or of 'her' owning it, and of 'her' a paragraph after the name",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.", "His girlfriend, Amy Lister, moved in during April.",
         "On 3 May Mr Marsh went to the flat. She was stabbed several times.", "He met Emma Rowe in June. Her injuries were life-changing.",
         "His friend, Tara Kell, stayed in July.", "On 3 August Mr Marsh went to the flat and punched her."],
        {"Owen Marsh": SI, "Amy Lister": VICTIM, "Emma Rowe": VICTIM, "Tara Kell": VICTIM},
    ),
    (
        "near miss: a natural death told of 'she'",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.", "His mother, Janet Marsh, was unwell.", "She died in hospital in 2019."],
        {"Owen Marsh": SI, "Janet Marsh": THIRD},
    ),
    (
        "the complainant reported the offence; supervision without an article names the subject",
        ["Mr Wayne Gledhill was subject to post sentence supervision. Chloe Dennison reported the offence to police on 4 April.",
         "Gemma Pryce told police she had been raped. His neighbour, Trevor Oldroyd, reported the noise to police."],
        {"Wayne Gledhill": SI, "Chloe Dennison": VICTIM, "Gemma Pryce": VICTIM, "Trevor Oldroyd": THIRD},
    ),
    (
        "an earlier victim in brackets, a baby's death, harm in a relative clause, a withdrawn complaint, a DASH",
        ["Owen Marsh was recalled in 2021. He has a conviction for ABH against a former partner (Ms Holly Fairclough).",
         "The review follows the death of baby Isla Rowe. He moved in with Tara Kell, whom he had assaulted in 2019.",
         "Gemma Pryce later withdrew her support for the prosecution. A DASH risk assessment was completed with Nia Quinn."],
        {"Owen Marsh": SI, "Holly Fairclough": VICTIM, "Isla Rowe": VICTIM, "Tara Kell": VICTIM, "Gemma Pryce": VICTIM, "Nia Quinn": VICTIM},
    ),
    (
        "near miss: a relative clause of meeting, the man he lived with",
        ["Owen Marsh was recalled in 2021. He moved in with Holly Fairclough, whom he had met in 2019.",
         "Dean Kaye, the man he lived with, was a friend."],
        {"Owen Marsh": SI, "Holly Fairclough": THIRD, "Dean Kaye": THIRD},
    ),
    (
        "a relationship told as an event gives the partner, whom the harmed relation makes the victim",
        ["Owen Marsh was recalled in 2021. Owen Marsh missed two appointments.", "He had been in a relationship with Gemma Pryce since 2021.",
         "Tara Kell had been in a relationship with him before that.", "In May he stabbed his partner."],
        {"Owen Marsh": SI, "Gemma Pryce": VICTIM, "Tara Kell": VICTIM},
    ),
    (
        "near miss: a relationship nobody harmed, a working relationship, a name on both sides",
        ["Mr Owen Marsh was recalled in 2021.", "Gemma Pryce had been in a relationship with Mr Marsh since 2021.",
         "He had a good working relationship with his PP, Sarah Jenkins. In May he stabbed a stranger."],
        {"Owen Marsh": SI, "Gemma Pryce": THIRD, "Sarah Jenkins": STAFF},
    ),
]


@pytest.mark.parametrize("title, paragraphs, expected", CASES, ids=[c[0] for c in CASES])
def test_role_from_events(title, paragraphs, expected):
    doc = document(*paragraphs)
    dets = [person(doc, n, occurrence=i) for n in expected for i in range(sum(p.count(n) for p in paragraphs))]
    res = resolve(doc, dets)
    roles = {p.canonical: p.role for p in res.people.values()}
    for name, role in expected.items():
        assert roles.get(name) is role, (name, roles.get(name))


def test_an_alias_nobody_is_named_beside_joins_the_supervised_individual():
    doc = document(
        "Dean Farrow (the supervised individual) moved to Rhyl with Jade Winter.",
        'Jade Winter found him work. He was known locally as "Smudge".',
        "Smudge was seen at the address.",
    )
    dets = [person(doc, "Dean Farrow"), person(doc, "Jade Winter"), person(doc, "Jade Winter", occurrence=1)]
    dets.append(person(doc, "Smudge", recognizer="AliasNameRecognizer", explanation="alias cue: another name of the person named before it"))
    res = resolve(doc, dets)
    owners = {res.people[m.person].canonical for m in res.mentions if m.text == "Smudge"}
    assert owners == {"Dean Farrow"}
    assert {p.canonical for p in res.people.values()} == {"Dean Farrow", "Jade Winter"}


def test_an_alias_named_beside_a_witness_stays_the_witness():
    doc = document(
        "Dean Farrow (the supervised individual) moved to Rhyl.",
        'A neighbour, Lee Carter, known locally as "Tiny", saw him.',
    )
    dets = [person(doc, "Dean Farrow"), person(doc, "Lee Carter")]
    dets.append(person(doc, "Tiny", recognizer="AliasNameRecognizer", explanation="alias cue: another name of the person named before it"))
    res = resolve(doc, dets)
    owners = {res.people[m.person].canonical for m in res.mentions if m.text == "Tiny"}
    assert owners == {"Lee Carter"}


def test_a_role_one_document_gives_holds_in_the_others_of_the_case():
    from pipeline.resolve import share_roles

    review = document("Staff interviewed for this review:", "Ben Cole (BC)", "Owen Marsh was recalled in May.")
    plan = document("Action: Ben Cole to attend the briefing.", "Rita Bell to be told.")
    res_review = resolve(review, [person(review, "Ben Cole"), person(review, "Owen Marsh")])
    res_plan = resolve(plan, [person(plan, "Ben Cole"), person(plan, "Rita Bell")])
    assert {p.canonical: p.role for p in res_plan.people.values()}["Ben Cole"] is THIRD  # the plan alone says nothing
    before = next(p for p in res_plan.people.values() if p.canonical == "Ben Cole")
    share_roles([res_review, res_plan])
    roles = {p.canonical: p for p in res_plan.people.values()}
    assert roles["Ben Cole"].role is STAFF and "another document" in roles["Ben Cole"].role_source
    assert roles["Rita Bell"].role is THIRD  # named in no other document: stays as it was
    assert before.role is THIRD  # resolve's object is replaced, not changed
