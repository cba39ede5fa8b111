"""Gender-neutral references to staff (guidance 3.4.4, issue 16 part 2).

Each row is a review paragraph (or two) and the text the draft proposes: a pronoun or title
of a member of staff becomes the label; a pronoun of the supervised individual, a victim or
a third party never changes, and where the referent is unsure the row keeps the original
and asks the manager.
"""

from __future__ import annotations

import pytest

from pipeline.case import parse_case
from pipeline.decide import decide
from pipeline.decide.gender import CHECK, gender_of
from pipeline.decide.labels import Labeller, document_acronyms
from pipeline.detect import case_detections
from pipeline.keystore import CaseMapping, load_key
from pipeline.model import Action, Category, Person
from pipeline.render.replace import replaced_text
from pipeline.resolve import resolve
from tests.pipeline.model_builders import document

CASE = {
    "case_id": "SFO60101",
    "supervised_individual": {"name": "Dean Farrow"},
    "victims": [{"name": "Hollie Brent"}],
    "staff": [{"name": "Priya Okafor", "role": "PP"}, {"name": "Aled Morgan", "role": "SPO"}, {"name": "Robin Lake", "role": "RM"}],
    "third_parties": [{"name": "Jade Winter", "relationship": "partner"}, {"name": "Mark Hughes", "relationship": "father"}],
}


def run(*paragraphs: str, **settings):
    case = parse_case({**CASE, **settings})
    doc = document(*paragraphs)
    res = resolve(doc, case_detections(doc.text_units(), case), case)
    key = load_key()
    labeller = Labeller(CaseMapping(case.case_id, key), key)
    decisions = decide(doc, res, labeller, document_acronyms([u.text for u in doc.units.values()]), keep_titles=case.titles_before_labels == "keep")
    out = [replaced_text(u.text, [d for d in decisions if d.unit_id == uid]) for uid, u in doc.units.items()]
    return out, [d for d in decisions if d.category is Category.GENDERED_STAFF], decisions


def si_label(decisions) -> str:
    return next(d.label for d in decisions if d.category is Category.NAME and d.text.endswith("Farrow"))


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # the staff member's own pronouns, every form, capitals at the start of a sentence kept
        (("Ms Priya Okafor was allocated the case. She was new in post.",), ("PP1 was allocated the case. PP1 was new in post.",)),
        (("Priya Okafor said her caseload was high.",), ("PP1 said PP1's caseload was high.",)),
        (("Mr Aled Morgan met the PP and told her to wait.",), ("SPO1 met the PP and told PP1 to wait.",)),
        (("Ms Okafor kept her own notes; Mr Morgan gave her the file and supervised her closely.",),
         ("PP1 kept PP1's own notes; SPO1 gave PP1 the file and supervised PP1 closely.",)),
        (("Aled Morgan said he had asked himself whether his decision was right.",), ("SPO1 said SPO1 had asked themself whether SPO1's decision was right.",)),
        (("Ms Okafor completed the OASys. The plan was hers.",), ("PP1 completed the OASys. The plan was PP1's.",)),
        # a reflexive becomes the neutral reflexive: the label twice would not read
        (("Ms Okafor wrote the plan herself.",), ("PP1 wrote the plan themself.",)),
        (("Ms PP1 herself wrote the plan.",), ("PP1 themself wrote the plan.",)),
        (("Ms Okafor herself wrote the plan.",), ("PP1 themself wrote the plan.",)),
        (("Mr Morgan told the review that he had himself been covering two teams.",), ("SPO1 told the review that SPO1 had themself been covering two teams.",)),
        # the paragraph before: reviewers name the member of staff once, then write a pronoun
        (("The case was allocated to Priya Okafor.", "She had twelve years' experience."), ("The case was allocated to PP1.", "PP1 had twelve years' experience.")),
        # a role noun with one holder is that person; a title before a label already written drops
        (("The PP was on leave. She returned in May.",), ("The PP was on leave. PP1 returned in May.",)),
        (("Ms PP1 and Mr SPO1 met on 3 May.",), ("PP1 and SPO1 met on 3 May.",)),
        # near misses: the nearest staff member is of the other gender; generic pronouns; an institution
        (("Mr Morgan reviewed the case. She said nothing.",), ("SPO1 reviewed the case. She said nothing.",)),
        (("Each PP must record his or her reasons; s/he signs.",), ("Each PP must record his or her reasons; s/he signs.",)),
        (("Ms Okafor phoned Her Majesty's Prison Service.",), ("PP1 phoned Her Majesty's Prison Service.",)),
        # no staff mention in reach: a heading starts a new section
        (("She was released on 3 May.",), ("She was released on 3 May.",)),
    ],
)
def test_staff_pronouns_rewritten(paragraphs, expected):
    out, _, _ = run(*paragraphs)
    assert tuple(out) == expected


@pytest.mark.parametrize(
    "paragraphs, unchanged",
    [
        # an SI pronoun after a staff mention with an intervening SI mention
        (("Ms Okafor visited Dean Farrow at home. He said he was drinking.",), ["He said he was drinking."]),
        (("Ms Okafor met the SI. The SI said she would attend.",), ["said she would attend"]),
        # a victim's and a third party's pronouns, with a staff member of the same gender before them
        (("Ms Okafor called Hollie Brent. She said she was frightened of him.",), ["She said she was frightened of him."]),
        (("Ms Okafor spoke to his partner, Jade Winter, who said her phone had been taken.",), ["said her phone had been taken"]),
        (("Mr Morgan spoke to the victim's father. He was angry.",), ["He was angry."]),
        (("Mr Morgan met Mark Hughes. He was angry.",), ["He was angry."]),
        # the subject of the referent's sentence is as likely: "X told <staff> that he..."
        (("Dean Farrow told Mr Morgan that he had moved.",), ["that he had moved"]),
        (("He told Mr Morgan that he had moved.",), ["that he had moved"]),
    ],
)
def test_other_people_pronouns_never_change(paragraphs, unchanged):
    out, rewrites, _ = run(*paragraphs)
    joined = " ".join(out)
    for text in unchanged:
        assert text in joined
    for d in rewrites:
        # whatever is proposed for the pronouns above is at most a question, never a default change
        assert d.action is Action.DISCLOSE or d.text in ("Ms", "Mr"), (d.text, d.label)


def test_unsure_referent_asks_and_keeps_the_original():
    out, rewrites, _ = run("Ms Okafor told Hollie Brent that she would call back.")
    assert out == ["PP1 told A that she would call back."]
    [row] = rewrites
    assert row.action is Action.DISCLOSE and CHECK in row.gist and row.label == "PP1"
    assert "Brent" not in row.reason and "Okafor" not in row.reason  # the log says labels, never names


def test_two_staff_the_nearer_of_the_pronouns_gender_is_the_referent():
    out, rewrites, _ = run("Ms Okafor consulted Mr Morgan. She then updated the plan and he countersigned it.")
    # "he" could be the supervised individual (a man, from his first name), who the review is
    # about, but only staff countersign (the practice cues that make a named person staff).
    assert out == ["PP1 consulted SPO1. PP1 then updated the plan and SPO1 countersigned it."]
    out, rewrites, _ = run("Ms Okafor consulted Mr Morgan. She then updated the plan and he agreed to it.")
    assert out == ["PP1 consulted SPO1. PP1 then updated the plan and he agreed to it."]
    he = next(d for d in rewrites if d.text == "he")
    assert he.action is Action.DISCLOSE and he.label == "SPO1" and "supervised individual" in he.reason


@pytest.mark.parametrize(
    "text, expected",
    [
        # the supervised individual (a man) is what the review is about: his pronouns after a
        # male member of staff stay, unless the words say the staff member's own
        ("Mr Morgan did not explore his relationship with the victim.", "SPO1 did not explore his relationship with the victim."),
        ("Mr Morgan visited the address. He was not at home.", "SPO1 visited the address. He was not at home."),
        ("Mr Morgan agreed to see him weekly.", "SPO1 agreed to see him weekly."),
        ("Mr Morgan said his caseload was high.", "SPO1 said SPO1's caseload was high."),
        ("Mr Morgan said he had been unaware of it.", "SPO1 said SPO1 had been unaware of it."),
        ("Mr Morgan completed the OASys. He did not request police checks.", "SPO1 completed the OASys. SPO1 did not request police checks."),
        ("Mr Morgan completed the OASys. He accepted that he should have asked.", "SPO1 completed the OASys. SPO1 accepted that SPO1 should have asked."),
    ],
)
def test_the_supervised_individual_is_always_a_candidate(text, expected):
    out, _, _ = run(text)
    assert out == [expected]


def test_titles_before_victim_and_third_party_labels_follow_the_case_file():
    dropped, _, decisions = run("Mrs Hollie Brent and Mr Mark Hughes spoke to Mr Dean Farrow.")
    si = si_label(decisions)
    assert dropped == [f"A and Father 1 spoke to Mr {si}."]  # the SI's title is not a setting
    kept, _, _ = run("Mrs Hollie Brent and Mr Mark Hughes spoke to Mr Dean Farrow.", titles_before_labels="keep")
    assert kept == [f"Mrs A and Mr Father 1 spoke to Mr {si}."]


def test_unknown_title_setting_is_a_case_file_error():
    from pipeline.errors import CaseFileError

    with pytest.raises(CaseFileError, match="titles_before_labels"):
        parse_case({**CASE, "titles_before_labels": "remove"})


def test_rewrites_never_overlap_other_decisions():
    _, _, decisions = run("The PP, Ms Okafor, was off sick after her father died. She returned in May.")
    spans = sorted((d.unit_id, d.start, d.end) for d in decisions)
    assert all(a[2] <= b[1] for a, b in zip(spans, spans[1:], strict=False) if a[0] == b[0])


@pytest.mark.parametrize(
    "canonical, titles, expected",
    [("Priya Okafor", (), "f"), ("Mark Hughes", (), "m"), ("Aled Morgan", ("Mr",), "m"), ("Robin Lake", (), None), ("Robin Lake", ("Ms",), "f"), ("Robin Lake", ("Mr", "Ms"), None)],
)
def test_gender_from_titles_then_first_name(canonical, titles, expected):
    assert gender_of(Person(key=canonical.lower(), canonical=canonical), titles) == expected


def test_rewritten_pronouns_are_not_needles():
    from pipeline.verify.needles import decision_needles, needles_for

    paragraphs = ("Ms Okafor was new in post. She said her caseload was high.", "Hollie Brent said she was frightened.")
    out, rewrites, decisions = run(*paragraphs)
    assert {d.text for d in rewrites} == {"She", "her"}
    doc = document(*paragraphs)
    case = parse_case(CASE)
    res = resolve(doc, case_detections(doc.text_units(), case), case)
    for needles in (needles_for(res, decisions, doc), decision_needles([(decisions, doc)])):
        texts = {n.text.lower() for n in needles}
        assert texts and not texts & {"she", "her", "ms"}, texts
        assert any("okafor" in t for t in texts)  # the name still is


def test_log_needles_skip_rewrite_rows(tmp_path):
    from openpyxl import Workbook

    from pipeline.verify.needles import log_needles

    wb = Workbook()
    ws = wb.active
    ws.title = "Redaction log"
    ws.append(["Ref", "Text removed (INTERNAL - never shared)", "Category", "Decision"])
    ws.append(["R001", "Priya Okafor", "name", "Anonymise"])
    ws.append(["R002", "she", Category.GENDERED_STAFF.value, "Anonymise"])
    wb.save(tmp_path / "log.xlsx")
    texts = {n.text for n in log_needles(tmp_path / "log.xlsx")}
    assert "Priya Okafor" in texts and "she" not in texts


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # subject continuity: a subject pronoun opening the next sentence carries on from the
        # one person the sentence before names, the supervised individual (a man) unnamed
        (("The case was allocated to Mr Morgan in May. He was new in post.",), ("The case was allocated to SPO1 in May. SPO1 was new in post.",)),
        (("Mr Morgan reviewed the recall decision. He said his priority was the victim.",),
         ("SPO1 reviewed the recall decision. SPO1 said SPO1's priority was the victim.",)),
        (("Mr Morgan made a referral in May. It was not followed up, and he did not record why.",),
         ("SPO1 made a referral in May. It was not followed up, and SPO1 did not record why.",)),
        (("The case was allocated to Mr Morgan.", "He was new in post."), ("The case was allocated to SPO1.", "SPO1 was new in post.")),
        # near misses: no word of staff work after the pronoun (the supervised individual, unnamed)
        (("The case was allocated to Mr Morgan.", "He had a history of violence."), ("The case was allocated to SPO1.", "He had a history of violence.")),
        (("Mr Morgan completed the OASys in May. He scored as high risk.",), ("SPO1 completed the OASys in May. He scored as high risk.",)),
        # near misses: contact with someone unnamed, what only the supervised individual does,
        # a sentence in between, an unresolved pronoun of that gender in the staff sentence
        (("Mr Morgan visited the address. He was not at home.",), ("SPO1 visited the address. He was not at home.",)),
        (("Mr Morgan spoke to the hostel. He had left.",), ("SPO1 spoke to the hostel. He had left.",)),
        (("Mr Morgan reviewed the case. He was recalled in May.",), ("SPO1 reviewed the case. He was recalled in May.",)),
        (("Mr Morgan reviewed the case. In June he was recalled to prison.",), ("SPO1 reviewed the case. In June he was recalled to prison.",)),
        (("Mr Morgan reviewed the case. The plan was not updated. He was unhappy.",), ("SPO1 reviewed the case. The plan was not updated. He was unhappy.",)),
        (("Mr Morgan reviewed his plan. He was unhappy.",), ("SPO1 reviewed his plan. He was unhappy.",)),
        (("Mr Morgan reviewed the case.", "Dean Farrow was released.", "He was unhappy."), ("SPO1 reviewed the case.", None, "He was unhappy.")),
        # staff practice in the pronoun's own words: only staff compete for it
        (("Ms Okafor checked with the police, who confirmed that Hollie Brent had been attacked. She then recorded the incident.",),
         ("PP1 checked with the police, who confirmed that A had been attacked. PP1 then recorded the incident.",)),
        (("Ms Okafor checked with the police, who confirmed that Hollie Brent had been attacked. She then said she was frightened.",),
         ("PP1 checked with the police, who confirmed that A had been attacked. She then said she was frightened.",)),
    ],
)
def test_subject_continuity_and_practice(paragraphs, expected):
    out, _, _ = run(*paragraphs)
    for got, want in zip(out, expected, strict=True):
        if want is not None:
            assert got == want


@pytest.mark.parametrize(
    "text, expected",
    [
        # an object pronoun is never its own clause's subject, whatever the supervised
        # individual's gender (here a woman, so "him" is some other man)
        ("Mr Morgan agreed to see him weekly.", "SPO1 agreed to see him weekly."),
        ("Mr Morgan warned him about his conduct.", "SPO1 warned him about his conduct."),
        # near misses: the pronoun's own clause has another subject, or a clause starts between
        ("Mr Morgan asked Ms Okafor to call him.", "SPO1 asked PP1 to call SPO1."),
        ("Mr Morgan said that the hostel had called him.", "SPO1 said that the hostel had called SPO1."),
    ],
)
def test_object_pronoun_is_not_its_clause_subject(text, expected):
    out, _, _ = run(text, supervised_individual={"name": "Susan Bell"})
    assert out == [expected]
