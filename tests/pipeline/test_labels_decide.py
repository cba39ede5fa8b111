
from pipeline.decide import decide
from pipeline.decide.labels import Labeller, document_acronyms, real_initials
from pipeline.keystore import CaseMapping, load_key
from pipeline.model import Action, Category, Role
from pipeline.render.replace import replaced_text
from pipeline.resolve import resolve
from tests.pipeline.model_builders import document, entity, person

TEXT = (
    "Dean Farrow (the supervised individual) lived with his partner, Jade Winter.",
    "The victim, Hollie Brent, was known to the PP, Ms Priya Okafor, and SPO Aled Morgan.",
    "Mr Farrow was recalled to HMP Leeds. Dean Farrow's CRN is X123456. Ms Okafor noted it.",
    "A second victim, Tia Brook, was named. The PP later met Farrow at HMP Leeds.",
)


def run(doc, case_id="SFO60001"):
    dets = [person(doc, n) for n in ("Dean Farrow", "Jade Winter", "Hollie Brent", "Ms Priya Okafor", "Aled Morgan", "Tia Brook")]
    dets += entity(doc, "X123456", "UK_CRN") + entity(doc, "HMP Leeds", "PRISON")
    res = resolve(doc, dets)
    key = load_key()
    mapping = CaseMapping.load(case_id, key)
    labeller = Labeller(mapping, key)
    decisions = decide(doc, res, labeller, document_acronyms([u.text for u in doc.units.values()]))
    return res, decisions, mapping


def output(doc, decisions):
    return [replaced_text(u.text, [d for d in decisions if d.unit_id == uid]) for uid, u in doc.units.items()]


def test_labels_by_role_and_consistency():
    doc = document(*TEXT)
    res, decisions, _ = run(doc)
    label_of = {}
    for d in decisions:
        if d.category is Category.NAME:
            label_of.setdefault(res.people[d.person].canonical, set()).add(d.label)
    # one label per person, different people never share one
    assert all(len(v) == 1 for v in label_of.values())
    labels = {k: next(iter(v)) for k, v in label_of.items()}
    assert len(set(labels.values())) == len(labels)
    assert labels["Hollie Brent"] == "A" and labels["Tia Brook"] == "B"
    assert labels["Priya Okafor"] == "PP1" and labels["Aled Morgan"] == "SPO1"
    assert labels["Jade Winter"] == "Partner 1"
    si = labels["Dean Farrow"]
    assert len(si) == 2 and si.isalpha() and si.isupper() and si != "DF"


def test_output_text_reads_well():
    doc = document(*TEXT)
    res, decisions, _ = run(doc)
    out = output(doc, decisions)
    si = next(d.label for d in decisions if d.person and res.people[d.person].role is Role.SUPERVISED_INDIVIDUAL)
    # staff titles fold into the label, role words stay; other titles stay
    assert "the PP, PP1, and SPO SPO1." in out[1]
    assert f"Mr {si} was recalled to Prison 1." in out[2]
    assert "[CRN]" in out[2] and "PP1 noted it" in out[2]
    assert out[3].endswith(f"met {si} at Prison 1.")
    for name in ("Farrow", "Winter", "Brent", "Okafor", "Morgan", "Brook", "X123456", "Leeds"):
        assert all(name not in line for line in out), name


def test_second_document_of_the_case_gets_the_same_labels():
    doc = document(*TEXT)
    _, first, mapping = run(doc)
    mapping.save()
    plan = document("Action: Ms Okafor and Aled Morgan to review contact with Dean Farrow.", "Hollie Brent to be told.")
    dets = [person(plan, "Ms Okafor"), person(plan, "Aled Morgan"), person(plan, "Dean Farrow"), person(plan, "Hollie Brent")]
    res = resolve(plan, dets)
    key = load_key()
    labeller = Labeller(CaseMapping.load("SFO60001", key), key)
    second = decide(plan, res, labeller, set())
    before = {d.text.split()[-1]: d.label for d in first if d.category is Category.NAME}
    after = {d.text.split()[-1]: d.label for d in second}
    for surname in ("Okafor", "Morgan", "Farrow", "Brent"):
        assert after[surname] == before[surname], surname


def test_supervised_individual_initials_avoid_real_initials_and_acronyms():
    doc = document(*TEXT)
    res = resolve(doc, [person(doc, "Dean Farrow")])
    p = next(iter(res.people.values()))
    p.role = Role.SUPERVISED_INDIVIDUAL
    key = load_key()
    seen = set()
    for n in range(40):
        labeller = Labeller(CaseMapping(f"SFO6{n:04d}", key), key)
        label = labeller.assign([p], {"PP", "SPO", "CRN"})[p.key]
        assert label not in real_initials(p) | {"PP", "SPO", "CRN"}
        seen.add(label)
    assert len(seen) > 20  # spread across cases, not one fixed pair


def test_overlapping_findings_merge_into_one_span():
    doc = document("She lived at 14 Elm Grove, Leeds LS6 2AB with Jade Winter.")
    dets = entity(doc, "14 Elm Grove, Leeds LS6 2AB", "UK_ADDRESS") + entity(doc, "LS6 2AB", "UK_POSTCODE") + [person(doc, "Jade Winter")]
    res = resolve(doc, dets)
    key = load_key()
    decisions = decide(doc, res, Labeller(CaseMapping("SFO60009", key), key), set())
    assert [(d.category, d.text) for d in decisions] == [
        (Category.ADDRESS, "14 Elm Grove, Leeds LS6 2AB"),
        (Category.NAME, "Jade Winter"),
    ]
    assert all(d.action in (Action.WITHHOLD, Action.ANONYMISE) for d in decisions)
    assert all(d.reason for d in decisions)


def test_sfo_reference_kept_but_file_names_holding_a_surname_go():
    doc = document("Review SFO60001, file SFO60001quarringtonZOutcome.docx was read, as was SFO60001quarringtonZ.")
    dets = entity(doc, "SFO60001", "SFO_REFERENCE")
    res = resolve(doc, dets)
    key = load_key()
    decisions = decide(doc, res, Labeller(CaseMapping("SFO60001", key), key), set())
    assert [d.text for d in decisions] == ["SFO60001quarringtonZOutcome.docx", "SFO60001quarringtonZ"]
    assert output(doc, decisions)[0] == "Review SFO60001, file [file reference] was read, as was [file reference]."


def test_withheld_text_is_removed_everywhere_it_appears():
    doc = document("His date of birth is 02/04/1990 and he has paranoid schizophrenia.", "Details: 02/04/1990. Paranoid schizophrenia was noted.")
    dets = entity(doc, "02/04/1990", "DATE_OF_BIRTH")[:1] + entity(doc, "paranoid schizophrenia", "MEDICAL")
    res = resolve(doc, dets)
    key = load_key()
    decisions = decide(doc, res, Labeller(CaseMapping("SFO60010", key), key), set())
    out = output(doc, decisions)
    assert out[1] == "Details: [date of birth]. [medical information] was noted."
    assert {d.recognizer for d in decisions if d.unit_id == "u0002"} == {"SameTextElsewhere"}


def test_labeller_does_not_change_resolves_people():
    """An earlier document's role wins for the label, on a copy: resolve's Person is untouched."""
    doc = document("The PP, Priya Okafor, visited on 3 May 2023. Priya Okafor was the allocated PP.")
    res = resolve(doc, [person(doc, "Priya Okafor")])
    p = next(iter(res.people.values()))
    assert p.role is Role.STAFF
    key = load_key()
    mapping = CaseMapping("SFO60011", key)
    mapping.people.append({"names": ["priya okafor"], "role": "third party", "staff_role": None, "relationship": "friend", "label": "Friend 1"})
    labels, as_labelled = Labeller(mapping, key).assign_with_roles([p], set())
    assert labels[p.key] == "Friend 1"
    assert as_labelled[p.key].role is Role.THIRD_PARTY and as_labelled[p.key] is not p
    assert (p.role, p.staff_role, p.role_source) == (Role.STAFF, "PP", res.people[p.key].role_source)
    decisions = decide(doc, res, Labeller(mapping, key), set())
    assert p.role is Role.STAFF and all(d.label == "Friend 1" for d in decisions)
