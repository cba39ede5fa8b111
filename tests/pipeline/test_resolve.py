import pytest

from pipeline.case import parse_case
from pipeline.model import Role
from pipeline.resolve import resolve
from tests.pipeline.model_builders import document, entity, person


def mentions_of(res, key):
    return sorted(m.text for m in res.mentions if m.person == key)


def test_variants_of_one_person_are_grouped_everywhere():
    doc = document(
        "The PP, Ms Priya Okafor, visited on 3 May 2023.",
        "Ms Okafor's notes were brief. PRIYA OKAFOR later left.",
        "Priya said she will review it. P. Okafor signed.",
    )
    res = resolve(doc, [person(doc, "Ms Priya Okafor")])
    assert len(res.people) == 1
    key = next(iter(res.people))
    assert mentions_of(res, key) == sorted(["Priya Okafor", "Okafor", "PRIYA OKAFOR", "Priya", "P. Okafor"])
    p = res.people[key]
    assert p.role is Role.STAFF and p.staff_role == "PP"


def test_lowercase_words_and_months_are_not_names():
    doc = document(
        "Will Hope met the SPO, May Rose, in May 2023.",
        "He said he will hope for the best; may rose; Will Hope agreed.",
    )
    res = resolve(doc, [person(doc, "Will Hope"), person(doc, "May Rose")])
    texts = sorted(m.text for m in res.mentions)
    assert "will" not in texts and "hope" not in texts and "may" not in texts
    # "May" in "May 2023" is the month; "May" at the start of a name is kept
    assert texts.count("May Rose") == 1
    assert all(not (m.text == "May" and m.start > 30) for m in res.mentions)


def test_roles_from_cues():
    doc = document(
        "Dean Farrow (the supervised individual) lived with his partner, Jade Winter.",
        "The victim, Hollie Brent, was known to SPO Aled Morgan.",
        "Dean Farrow was recalled. Dean Farrow was sentenced. Gary Lunt was a friend.",
    )
    dets = [person(doc, n) for n in ("Dean Farrow", "Jade Winter", "Hollie Brent", "Aled Morgan", "Gary Lunt")]
    res = resolve(doc, dets)
    roles = {p.canonical: (p.role, p.staff_role, p.relationship) for p in res.people.values()}
    assert roles["Dean Farrow"][0] is Role.SUPERVISED_INDIVIDUAL
    assert roles["Jade Winter"] == (Role.THIRD_PARTY, None, "partner")
    assert roles["Hollie Brent"][0] is Role.VICTIM
    assert roles["Aled Morgan"] == (Role.STAFF, "SPO", None)
    assert roles["Gary Lunt"][0] is Role.THIRD_PARTY


def test_most_mentioned_person_is_the_supervised_individual_without_cues():
    doc = document("Kofi Mensah met Rhys Pugh.", "Kofi Mensah was late. Mr Mensah left. Kofi returned.")
    res = resolve(doc, [person(doc, "Kofi Mensah"), person(doc, "Rhys Pugh")])
    roles = {p.canonical: p.role for p in res.people.values()}
    assert roles == {"Kofi Mensah": Role.SUPERVISED_INDIVIDUAL, "Rhys Pugh": Role.THIRD_PARTY}


def test_shared_surname_goes_to_the_nearest_full_mention():
    doc = document(
        "The victim, Hollie Brent, lived nearby.",
        "Her father, Gareth Brent, called. Mr Brent was upset.",
    )
    res = resolve(doc, [person(doc, "Hollie Brent"), person(doc, "Gareth Brent")])
    brent = [m for m in res.mentions if m.text == "Brent"]
    assert len(brent) == 1
    assert res.people[brent[0].person].canonical == "Gareth Brent"


def test_case_file_decides_roles_and_finds_names_without_detection():
    case = parse_case({
        "case_id": "SFO60001",
        "supervised_individual": {"name": "Ciaran O'Dowd"},
        "victims": [{"name": "Hollie Brent"}],
        "staff": [{"name": "Priya Okafor", "role": "COM"}],
    })
    from pipeline.detect import case_detections

    doc = document("Ciaran O'Dowd's COM, Priya Okafor, met Hollie Brent.", "Mr O'Dowd and Okafor spoke.")
    res = resolve(doc, case_detections(doc.units.values(), case), case)
    roles = {p.canonical: (p.role, p.staff_role, p.role_source) for p in res.people.values()}
    assert roles["Ciaran O'Dowd"] == (Role.SUPERVISED_INDIVIDUAL, None, "case file")
    assert roles["Priya Okafor"] == (Role.STAFF, "COM", "case file")
    texts = sorted(m.text for m in res.mentions)
    assert texts == sorted(["Ciaran O'Dowd", "Priya Okafor", "Hollie Brent", "O'Dowd", "Okafor"])


def test_names_inside_prisons_and_emails_are_not_people():
    doc = document("He moved to HMP Durham and e-mailed jo.durham@example.org.")
    dets = [person(doc, "Durham")] + entity(doc, "HMP Durham", "PRISON") + entity(doc, "jo.durham@example.org", "EMAIL_ADDRESS")
    res = resolve(doc, dets)
    assert res.people == {}
    assert res.rejected == 1


def test_initials_of_a_person_are_found_but_not_acronyms():
    doc = document("The PP, Sian Jeffs, met the SPO.", "SJ noted that the PP and SI were late. SJ left.")
    res = resolve(doc, [person(doc, "Sian Jeffs")])
    texts = [m.text for m in res.mentions]
    assert texts.count("SJ") == 2
    assert "SI" not in texts and "PP" not in texts


def test_a_detection_across_a_bullet_is_two_names():
    doc = document("Interviewed: • Gerald Marsh •  Noor Stone; (Kai Lund)")
    res = resolve(doc, [person(doc, "Gerald Marsh •  Noor Stone; (Kai Lund")])
    assert sorted(p.canonical for p in res.people.values()) == ["Gerald Marsh", "Kai Lund", "Noor Stone"]


def test_initials_that_are_acronyms_count_only_where_a_person_is_meant():
    doc = document("The SPO, Gwen Powell, agreed.", "His GP records were seen. The OASys was completed by GP. Owner: SPO1 (GP).")
    res = resolve(doc, [person(doc, "Gwen Powell")])
    gp = [m for m in res.mentions if m.text == "GP"]
    assert [doc.units[m.unit_id].text[m.start - 3 : m.start] for m in gp] == ["by ", "1 ("]


def test_initials_introduced_in_brackets_are_found_elsewhere():
    doc = document("The VLO, Noor Stone (NBS), and Rania Al-Sayed (REA) met.", "NBS wrote to REA. The PP (PP) agreed.")
    res = resolve(doc, [person(doc, "Noor Stone"), person(doc, "Rania Al-Sayed")])
    texts = sorted(m.text for m in res.mentions)
    assert texts.count("NBS") == 2 and texts.count("REA") == 2
    assert "PP" not in texts


def test_an_alias_belongs_to_the_person_named_before_it():
    doc = document('Darren Quilliam (known as "Smudge") was charged.', "Smudge later admitted it.")
    dets = [person(doc, "Darren Quilliam"), person(doc, "Smudge", recognizer="AliasNameRecognizer", explanation="alias cue: another name")]
    res = resolve(doc, dets)
    assert len(res.people) == 1
    assert sorted(m.text for m in res.mentions) == ["Darren Quilliam", "Smudge", "Smudge"]


def test_a_title_chooses_between_people_sharing_a_surname():
    doc = document("Steven Austin was supervised.", "His sister, Mitali Austin, called.", "Mr Austin was told. Ms Austin was not.")
    res = resolve(doc, [person(doc, "Steven Austin"), person(doc, "Mitali Austin")])
    owner = {(m.unit_id, m.text, m.start): res.people[m.person].canonical for m in res.mentions if m.text == "Austin"}
    assert sorted(owner.values()) == ["Mitali Austin", "Steven Austin"]
    mr = [v for (u, t, s), v in owner.items() if doc.units[u].text[s - 3 : s] == "Mr "]
    assert mr == ["Steven Austin"]


def test_a_titled_word_is_a_name_even_if_it_is_also_a_word():
    doc = document("Mrs May said that May was upset.", "It may rain in May 2023.")
    res = resolve(doc, [person(doc, "Mrs May")])
    assert sorted((m.unit_id, m.text) for m in res.mentions) == [("u0001", "May"), ("u0001", "May")]


def test_named_bodies_are_not_people():
    doc = document("Avon and Somerset Police attended; Leeds Crown Court sat.")
    res = resolve(doc, [person(doc, "Somerset Police"), person(doc, "Leeds Crown Court")])
    assert res.people == {}


def test_initials_with_an_unknown_middle_initial_and_possessive_initials():
    doc = document(
        "The PP, Salma Haddad, and the SPO, Olimpia Kaminska, met.",
        "Contact with SRH at the office. OK's supervision notes were brief. The SFO and the GP's letter.",
    )
    res = resolve(doc, [person(doc, "Salma Haddad"), person(doc, "Olimpia Kaminska")])
    texts = sorted(m.text for m in res.mentions if m.unit_id == "u0002")
    assert texts == ["OK", "SRH"]


def test_shared_initials_go_to_the_person_they_were_introduced_for():
    doc = document("Jeet Goyal was supervised. Jeet Goyal was recalled. Jeet Goyal left.", "The PP, Josephine Greely (JG), met him.", "Later JG noted it.")
    res = resolve(doc, [person(doc, "Jeet Goyal"), person(doc, "Josephine Greely")])
    jg = [res.people[m.person].canonical for m in res.mentions if m.text == "JG"]
    assert jg == ["Josephine Greely", "Josephine Greely"]


@pytest.mark.parametrize(
    "text, is_name",
    [
        ("Telephone contact with May on 07700 900417.", True),
        ("She asked May to attend.", True),
        ("May and Tom came to the office.", True),
        ("On 3 May 2023 she attended.", False),
        ("The plan was reviewed in May by the SPO.", False),
        ("May 2023 was the last contact.", False),
        ("Contact from May to June was weekly.", False),
        ("By mid-May the plan had lapsed.", False),
    ],
)
def test_may_the_month_and_may_the_person(text, is_name):
    from pipeline.resolve import _looks_like_name

    start = text.index("May")
    assert _looks_like_name("May", text, start, start + 3) is is_name


def test_a_name_cut_at_its_hyphen_is_the_same_person():
    doc = document(
        "The SPO, Emma Quenby-O'Sullivan, countersigned it.",
        "Emma Quenby reviewed the plan; Emma said it was sound.",
    )
    res = resolve(doc, [person(doc, "Emma Quenby-O'Sullivan"), person(doc, "Emma Quenby")])
    assert len(res.people) == 1
    (p,) = res.people.values()
    assert p.canonical == "Emma Quenby-O'Sullivan"
    assert {m.text for m in res.mentions} == {"Emma Quenby-O'Sullivan", "Emma Quenby", "Emma"}


# ---------------------------------------------------------------- labels from evidence (issue 12, item 6)
# Invented names only.


def test_diacritics_and_apostrophe_forms_are_one_person():
    doc = document(
        "The supervised individual, Siobhán O’Brennagh, was released on licence.",
        "Siobhan O'Brennagh attended. Ms O'Brennagh was late; O’BRENNAGH signed.",
    )
    res = resolve(doc, [person(doc, "Siobhán O’Brennagh")])
    assert len(res.people) == 1
    key = next(iter(res.people))
    texts = mentions_of(res, key)
    assert "Siobhan O'Brennagh" in texts and "O'Brennagh" in texts and "O’BRENNAGH" in texts
    # The mention keeps the document's own characters (folding is for comparison only).
    assert "Siobhán O’Brennagh" in texts


def test_role_is_the_weighted_vote_of_every_mention_not_the_first():
    doc = document(
        "Tamsin Greeve, his partner at one point, gave a statement.",
        "Tamsin Greeve, the PP, visited. Tamsin Greeve was the allocated PP. The PP, Tamsin Greeve, left.",
    )
    res = resolve(doc, [person(doc, "Tamsin Greeve")])
    p = next(iter(res.people.values()))
    assert (p.role, p.staff_role) == (Role.STAFF, "PP")


def test_staff_is_never_turned_into_a_third_party():
    doc = document(
        "Corwin Aldby (keyworker) spoke to his mother, Orla Fenwick, and to Corwin Aldby's friend.",
        "His partner, Corwin Aldby, was mentioned. Corwin Aldby, his partner, again.",
    )
    res = resolve(doc, [person(doc, "Corwin Aldby"), person(doc, "Orla Fenwick")])
    roles = {p.canonical: p.role for p in res.people.values()}
    assert roles["Corwin Aldby"] is Role.STAFF


def test_a_victim_is_never_a_third_party_when_victim_cues_exist():
    doc = document(
        "His partner, Marnie Quell, was the victim.",
        "Marnie Quell, his partner, moved. His partner, Marnie Quell, left.",
    )
    res = resolve(doc, [person(doc, "Marnie Quell")])
    assert next(iter(res.people.values())).role is Role.VICTIM


def test_a_professional_title_is_a_staff_cue():
    doc = document(
        "Dr Ilse Varnam reviewed his medication. DC Rufus Penhale took a statement.",
        "Dr Varnam wrote again. DC Penhale called.",
    )
    res = resolve(doc, [person(doc, "Dr Ilse Varnam"), person(doc, "DC Rufus Penhale")])
    roles = {p.canonical: p.role for p in res.people.values()}
    assert roles["Ilse Varnam"] is Role.STAFF and roles["Rufus Penhale"] is Role.STAFF


def test_a_titled_relative_sharing_the_surname_is_not_the_supervised_individual():
    doc = document(
        "The supervised individual, Declan Harrowby, was released in March.",
        "Declan Harrowby moved in with his mother, Mrs Harrowby, at her flat.",
        "Declan Harrowby was recalled. Mr Harrowby denied it.",
    )
    res = resolve(doc, [person(doc, "Declan Harrowby"), person(doc, "Mrs Harrowby")])
    by_text = {}
    for m in res.mentions:
        by_text.setdefault(doc.units[m.unit_id].text[max(0, m.start - 12) : m.start] + m.text, m.person)
    si = next(k for k, p in res.people.items() if p.role is Role.SUPERVISED_INDIVIDUAL)
    mother = by_text["mother, Mrs Harrowby"]
    assert mother != si
    assert res.people[mother].role is Role.THIRD_PARTY and res.people[mother].relationship == "mother"
    last_unit = list(doc.units)[2]
    later = [m.person for m in res.mentions if m.unit_id == last_unit]
    assert later and all(k == si for k in later)  # "Mr Harrowby" is still the SI


def test_shared_initials_are_told_apart_by_the_role_word_beside_them():
    doc = document(
        "The supervised individual, Kieran Mottram, was subject to licence conditions.",
        "The SPO, Keeley Marwood, countersigned the plan. Kieran Mottram was recalled.",
        "SPO KM said the plan was sound. KM (the supervised individual) refused to engage.",
        "Kieran Mottram absconded. Kieran Mottram was arrested.",
    )
    res = resolve(doc, [person(doc, "Kieran Mottram"), person(doc, "Keeley Marwood")])
    roles = {k: p.role for k, p in res.people.items()}
    third = list(doc.units)[2]
    km = sorted((m.start, roles[m.person]) for m in res.mentions if m.unit_id == third and m.text == "KM")
    assert [r for _, r in km] == [Role.STAFF, Role.SUPERVISED_INDIVIDUAL]


def test_an_alias_the_case_file_gives_stays_with_its_person_whoever_is_named_before_it():
    # Reviewers write 'A neighbour, Lee Carter, said he was known around the estate as
    # "Tiny"': the person named last before the cue is the witness, not the alias's owner.
    # When the case file already says whose alias it is, that decides.
    case = parse_case({
        "case_id": "SFO60002",
        "supervised_individual": {"name": "Darren Quilliam", "aliases": ["Tiny"]},
        "staff": [{"name": "Priya Okafor", "role": "PP"}],
    })
    from pipeline.detect import case_detections

    doc = document(
        "Darren Quilliam was released in May.",
        'A neighbour, Lee Carter, told the PP that he was known around the estate as "Tiny".',
        "Tiny was seen near the address later.",
    )
    dets = case_detections(doc.units.values(), case) + [
        person(doc, "Lee Carter"),
        person(doc, "Tiny", recognizer="AliasNameRecognizer", explanation="alias cue: another name"),
    ]
    res = resolve(doc, dets, case)
    owner = {m.text: res.people[m.person].canonical for m in res.mentions}
    assert owner["Tiny"] == "Darren Quilliam"
    assert owner["Lee Carter"] == "Lee Carter"
    assert {res.people[m.person].canonical for m in res.mentions if m.text == "Tiny"} == {"Darren Quilliam"}


def test_an_alias_after_a_pronoun_is_the_person_the_review_is_about_not_the_witness():
    doc = document(
        "Darren Quilliam was released in May. Darren Quilliam moved to a flat.",
        'A neighbour, Lee Carter, said he was known on the street as "Tiny".',
        "Lee Carter, known locally as Lofty, gave a statement. Darren Quilliam was recalled.",
    )
    alias = dict(recognizer="AliasNameRecognizer", explanation="alias cue: another name")
    dets = [person(doc, "Darren Quilliam", occurrence=i) for i in range(3)] + [person(doc, "Lee Carter", occurrence=i) for i in range(2)]
    dets += [person(doc, "Tiny", **alias), person(doc, "Lofty", **alias)]
    res = resolve(doc, dets)
    owner = {m.text: res.people[m.person].canonical for m in res.mentions}
    # a pronoun between the witness's name and the cue: the alias is the SI's
    assert owner["Tiny"] == "Darren Quilliam"
    # the name right before the cue, nothing between: the alias is that person's
    assert owner["Lofty"] == "Lee Carter"


def _table_document(paragraphs, rows):
    """A document of paragraphs then one table; rows are lists of cell texts (first row a header)."""
    from pipeline.model import Cell, Paragraph, Provenance, Source, Table, TextUnit

    doc = document(*paragraphs)
    table_rows = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            uid = f"t{r}c{c}"
            doc.units[uid] = TextUnit(uid, text, Provenance(Source.BODY, paragraph=100 + r))
            cells.append(Cell((Paragraph(uid),), header=r == 0))
        table_rows.append(tuple(cells))
    doc.blocks.append(Table(tuple(table_rows)))
    return doc


def test_a_role_in_another_cell_of_the_row_is_the_names_role():
    # Interview tables put the role beside the name in the next cell, not in the sentence.
    doc = _table_document(
        ["Dean Farrow was supervised from 2021.", "Nadia Volkova and Tom Reece were interviewed."],
        [["Name", "Role", "Date"], ["Nadia Volkova", "Probation Practitioner", "3 May 2023"], ["Tom Reece", "Senior Probation Officer", "4 May 2023"], ["Ola Bright", "Victim's mother", "5 May 2023"]],
    )
    dets = [person(doc, n, occurrence=i) for n in ("Nadia Volkova", "Tom Reece") for i in range(2)]
    dets += [person(doc, "Dean Farrow"), person(doc, "Ola Bright")]
    res = resolve(doc, dets)
    roles = {p.canonical: (p.role, p.staff_role, p.relationship) for p in res.people.values()}
    assert roles["Nadia Volkova"] == (Role.STAFF, "PP", None)
    assert roles["Tom Reece"] == (Role.STAFF, "SPO", None)
    # a cell naming two roles ("victim's mother") says nothing for sure: left to other cues
    assert roles["Ola Bright"][0] is not Role.STAFF


def test_a_role_in_the_column_header_is_the_names_role():
    doc = _table_document(["The review covers 2022."], [["PP", "SPO"], ["Nadia Volkova", "Tom Reece"]])
    res = resolve(doc, [person(doc, "Nadia Volkova"), person(doc, "Tom Reece")])
    roles = {p.canonical: (p.role, p.staff_role) for p in res.people.values()}
    assert roles == {"Nadia Volkova": (Role.STAFF, "PP"), "Tom Reece": (Role.STAFF, "SPO")}


def test_roles_from_what_happens_in_the_sentence():
    doc = document(
        "Dean Farrow was convicted of the murder of Hollie Brent. Dean Farrow was recalled.",
        "Nadia Volkova, who had been his probation practitioner since 2021, left in May.",
        "Tom Reece countersigned the plan. Tom Reece completed the OASys in June.",
        "His father, Alan Farrow, died in 2019. His mother, Jean Farrow, made a referral. His partner, Mia Lowe, was stabbed.",
        "Dean Farrow moved in 2022.",
    )
    names = ("Dean Farrow", "Hollie Brent", "Nadia Volkova", "Tom Reece", "Alan Farrow", "Jean Farrow", "Mia Lowe")
    dets = [person(doc, n, occurrence=i) for n in names for i in range(doc_count(doc, n))]
    res = resolve(doc, dets)
    roles = {p.canonical: (p.role, p.staff_role, p.relationship) for p in res.people.values()}
    assert roles["Hollie Brent"][0] is Role.VICTIM
    assert roles["Nadia Volkova"] == (Role.STAFF, "PP", None)
    assert roles["Tom Reece"] == (Role.STAFF, "other", None)
    # a relative stays a relative: dying or making a referral is not a role word
    assert roles["Alan Farrow"] == (Role.THIRD_PARTY, None, "father")
    assert roles["Jean Farrow"] == (Role.THIRD_PARTY, None, "mother")
    # the further offence's victim is often the partner: harm done makes her the victim
    assert roles["Mia Lowe"][0] is Role.VICTIM
    assert roles["Dean Farrow"][0] is Role.SUPERVISED_INDIVIDUAL


def doc_count(doc, text):
    return sum(u.text.count(text) for u in doc.units.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2019 he was charged with kidnapping against Sagal Kamau.",
        "He was convicted of harassment against Sagal Kamau, then a neighbour.",
        "Sagal Kamau sustained serious injuries in the attack.",
        "Sagal Kamau died from her injuries on 3 May.",
        "On 3 May he attacked his former partner, Sagal Kamau, at her home.",
        "He stabbed Sagal Kamau twice.",
        "In 2016 he was convicted of affray against Sagal Kamau, then a neighbour.",
        "A non-contact condition with Sagal Kamau was included in the licence.",
        "The court made a restraining order protecting Sagal Kamau.",
    ],
)
def test_what_was_done_to_a_person_makes_the_victim(sentence):
    doc = document("Dean Farrow was supervised. Dean Farrow was recalled. Dean Farrow moved.", sentence)
    res = resolve(doc, [person(doc, "Dean Farrow", occurrence=i) for i in range(3)] + [person(doc, "Sagal Kamau")])
    roles = {p.canonical: p.role for p in res.people.values()}
    assert roles["Sagal Kamau"] is Role.VICTIM


def test_a_harm_verb_does_not_outvote_a_staff_role_word():
    doc = document("Dean Farrow was supervised. Dean Farrow was recalled. Dean Farrow moved.", "He threatened his probation officer, Sagal Kamau, in May.")
    res = resolve(doc, [person(doc, "Dean Farrow", occurrence=i) for i in range(3)] + [person(doc, "Sagal Kamau")])
    assert {p.canonical: p.role for p in res.people.values()}["Sagal Kamau"] is Role.STAFF


def test_an_offence_word_far_from_the_name_is_no_victim_cue():
    doc = document("Dean Farrow was supervised. Dean Farrow was recalled. Dean Farrow moved.", "The assault was reviewed; Sagal Kamau chaired it.")
    res = resolve(doc, [person(doc, "Dean Farrow", occurrence=i) for i in range(3)] + [person(doc, "Sagal Kamau")])
    assert {p.canonical: p.role for p in res.people.values()}["Sagal Kamau"] is not Role.VICTIM


@pytest.mark.parametrize(
    "form, same",
    [
        ("VARLEY Jason", True),  # a police or court list: the surname first, in capitals
        ("Varley J", True),  # the surname, then the first name's initial
        ("Jason V.", True),  # the surname cut to its initial
        ("Jason-Lee Varley", True),  # a hyphenated first name
        ("Mr JV", True),  # titled initials of the one person they fit
        ("Mr JP Varley", True),  # initials before the surname
        ("Mr Varleys", True),  # a possessive typed without its apostrophe ("Mr Varleys licence")
        ("Mr Roberts", False),  # near miss: a surname of its own, not a possessive
        ("Jay Varley", False),  # near miss: another first name is another person (a brother)
        ("Varley Smith", False),  # near miss: a surname first, but another first name
    ],
)
def test_other_forms_of_a_name_join_the_person(form, same):
    doc = document("Jason Varley was subject to a licence. Jason Varley was recalled.", f"{form} attended on 3 May.")
    res = resolve(doc, [person(doc, "Jason Varley"), person(doc, "Jason Varley", occurrence=1), person(doc, form)])
    first = {m.person for m in res.mentions if m.text == "Jason Varley"}
    second = list(doc.units)[1]
    other = {m.person for m in res.mentions if m.unit_id == second}
    assert len(first) == 1 and other
    assert (other == first) is same, [res.people[k].canonical for k in other]
