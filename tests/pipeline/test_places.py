"""Places and bodies are not people (pipeline/resolve/places.py), in resolve and in verification alike."""

from __future__ import annotations

import pytest

from pipeline.case import parse_case
from pipeline.detect import case_detections
from pipeline.resolve import resolve
from pipeline.resolve.places import is_place, stands_for_a_place
from pipeline.verify import find_leaks
from pipeline.verify.needles import name_forms, name_needle
from tests.pipeline.model_builders import document, person


@pytest.mark.parametrize(
    "text, word, place",
    [
        ("He moved to a flat in Hyde in 2021.", "Hyde", True),
        ("The office at Neath was closed.", "Neath", True),
        ("Senior probation officer, Swansea Team 2", "Swansea", True),
        ("the Sheffield Probation Delivery Unit", "Sheffield", True),
        ("He lived on Preston Road.", "Preston", True),
        ("Lancaster said she would review it.", "Lancaster", False),
        ("The review was signed by Lancaster in May.", "Lancaster", False),
        ("Preston Team Manager", "Preston", False),  # a signature line: the person
        ("Jones told the PP in June.", "Jones", False),
        ("She spoke to Ms Kaur in Bolton.", "Kaur", False),
        # a body in lower case, a compass word before the body, a movement preposition, a
        # place field's label, one word of a longer place, a full name before a team
        ("the Wigan office was short-staffed", "Wigan", True),
        ("Lancaster North Team 2 held the case.", "Lancaster", True),
        ("He moved from Wigan in May.", "Wigan", True),
        ("PDU: Lancaster, South Lakes", "Lancaster", True),
        ("He lived in a flat near the centre of Newton Aycliffe.", "Newton", True),
        ("Kirkby Stephen Team 2 took it over.", "Kirkby Stephen", True),
        # near misses: a surname that is no place after "from", a full name before "Area Manager"
        ("A letter from Okafor arrived.", "Okafor", False),
        ("Sarah Jones Area Manager", "Sarah Jones", False),
        ("Newton said she had not been told.", "Newton", False),
        # a review or report named after a person is the person's; after a place, the place's
        ("Action plan for the OKAFOR Review", "OKAFOR", False),
        ("The Wigan Review was published.", "Wigan", True),
        # a whole place of two or more words; a word inside a place of three or more words
        ("The SI had links to Cardiff and Merthyr Tydfil.", "Merthyr Tydfil", True),
        ("Transfer in from the Yorkshire and the Humber region.", "Humber", True),
        ("He grew up in Barton upon Humber.", "Barton", True),
        # near misses: a full name shaped like a first name and surname, and a person's name
        # that only shares a word with a longer place
        ("Harold Wood said he would call.", "Harold Wood", False),
        ("Humber told the panel in May.", "Humber", False),
    ],
)
def test_the_words_around_a_name_say_place(text, word, place):
    start = text.index(word)
    assert stands_for_a_place(text, start, start + len(word)) is place


def test_the_gazetteer_holds_towns_counties_and_regions():
    for name in ("Hyde", "Neath", "Lancaster", "Kent, Surrey and Sussex", "County Durham", "Ceredigion"):
        assert is_place(name), name
    assert not is_place("Okafor")


def _spo_called_lancaster():
    case = parse_case({
        "case_id": "SFO60003",
        "supervised_individual": {"name": "Dean Farrow"},
        "staff": [{"name": "Amy Lancaster", "role": "SPO"}],
    })
    doc = document(
        "The SPO, Amy Lancaster, countersigned the plan.",
        "Dean Farrow moved to a hostel in Lancaster. Lancaster Team 2 took the case.",
        "Ms Lancaster did not see the plan. Lancaster said she was not told.",
    )
    return case, doc


def test_a_surname_that_is_a_place_leaves_the_place():
    case, doc = _spo_called_lancaster()
    res = resolve(doc, case_detections(doc.units.values(), case), case)
    texts = sorted((m.unit_id, m.text, m.start) for m in res.mentions if res.people[m.person].canonical == "Amy Lancaster")
    unit2 = list(doc.units)[1]
    assert all(u != unit2 for u, _, _ in texts), "the city and the team are not the SPO"
    assert [t for _, t, _ in texts] == ["Amy Lancaster", "Lancaster", "Lancaster"]


def test_verification_skips_the_same_place_forms_and_finds_the_person():
    needles = [name_needle(f) for f in name_forms(["Amy Lancaster"])]
    city = "Dean Farrow moved to a hostel in Lancaster. Lancaster Team 2 took the case."
    assert find_leaks([city], needles) == []
    assert [n.text for n, _ in find_leaks(["Lancaster said she was not told."], needles)] == ["Lancaster"]
    assert [n.text for n, _ in find_leaks(["Signed: LANCASTER, Amy"], needles)]


def test_verification_skips_the_new_place_forms_as_resolve_does():
    needles = [name_needle(f) for f in name_forms(["Jo Newton"])]
    town = "He moved from Newton Aycliffe in May. The Newton team took the case."
    assert find_leaks([town], needles) == []
    assert [n.text for n, _ in find_leaks(["Newton said she was not told."], needles)] == ["Newton"]


def test_a_town_the_model_calls_a_person_is_not_one():
    doc = document("He moved to a flat in Hyde. Neath was where his sister lived.", "Senior probation officer, Swansea Team 2, agreed.")
    dets = [person(doc, "Hyde"), person(doc, "Neath"), person(doc, "Swansea", recognizer="RoleNameRecognizer", explanation="role cue: senior probation officer")]
    res = resolve(doc, dets)
    assert res.people == {}


def test_a_platform_the_model_calls_a_person_is_not_one():
    doc = document("He was posting on Instagram and messaging her on WhatsApp.")
    res = resolve(doc, [person(doc, "Instagram"), person(doc, "WhatsApp")])
    assert res.people == {}
    # a surname that is also a service's name stays a person
    doc = document("Mr Messenger said he would call.")
    assert resolve(doc, [person(doc, "Mr Messenger", recognizer="TitledNameRecognizer")]).people


def test_the_generator_names_only_the_twelve_probation_regions():
    # The generator's towns carry their region as data; the one list of regions is PROBATION_REGIONS.
    from pipeline.evaluation.corpus.places import TOWNS
    from pipeline.resolve.places import PROBATION_REGIONS

    assert {t.region for t in TOWNS} <= set(PROBATION_REGIONS)
